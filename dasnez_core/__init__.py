"""dasnez's shared domain. Importing it registers every table on SQLModel.metadata, so a
migration generated from either app (or plain alembic) always sees the whole schema."""

from dasnez_core import models as models
