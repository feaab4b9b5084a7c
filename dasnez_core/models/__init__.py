"""All tables. Importing this package registers every table on SQLModel.metadata,
so Alembic and both apps always see the same schema."""

from dasnez_core.models.audit import AuditEvent
from dasnez_core.models.base import id_of, utcnow
from dasnez_core.models.kommune import (
    Area,
    AreaKind,
    Category,
    Exchange,
    ExchangeType,
    InfoItem,
    Kommune,
    SocialSpace,
    SocialSpaceKind,
    Sponsor,
)
from dasnez_core.models.listing import Listing, ListingKind, ListingSocialSpace, ListingStatus
from dasnez_core.models.user import (
    ConsentDocument,
    ConsentRecord,
    Role,
    RoleGrant,
    User,
    UserSession,
    UserStatus,
)

__all__ = [
    "Area",
    "AreaKind",
    "AuditEvent",
    "Category",
    "ConsentDocument",
    "ConsentRecord",
    "Exchange",
    "ExchangeType",
    "InfoItem",
    "Kommune",
    "Listing",
    "ListingKind",
    "ListingSocialSpace",
    "ListingStatus",
    "Role",
    "RoleGrant",
    "SocialSpace",
    "SocialSpaceKind",
    "Sponsor",
    "User",
    "UserSession",
    "UserStatus",
    "id_of",
    "utcnow",
]
