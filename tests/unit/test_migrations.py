"""The migrations build exactly the models' schema, and run down and up again cleanly."""

from __future__ import annotations

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect
from sqlmodel import SQLModel

import dasnez_core.models  # noqa: F401
from dasnez_core.cli import alembic_config
from dasnez_core.db import include_in_autogenerate, make_engine
from tests.utils.databases import fresh_database

HAND_WRITTEN = {
    "ix_listing_public_newest",
    "ix_listing_public_exchange",
    "ix_listing_public_district",
    "ix_listing_public_expiry",
    "ix_listing_public_category",
    "ix_listing_public_area",
}


def _diff(url: str) -> list[object]:
    engine = make_engine(url)
    with engine.connect() as conn:
        ctx = MigrationContext.configure(
            conn,
            opts={
                "compare_type": True,
                "include_object": include_in_autogenerate,
            },
        )
        diff = compare_metadata(ctx, SQLModel.metadata)
    engine.dispose()
    return diff


def test_migrations_match_models_and_round_trip() -> None:
    with fresh_database() as url:
        cfg = alembic_config(url)
        command.upgrade(cfg, "head")
        assert _diff(url) == []
        engine = make_engine(url)
        names = {ix["name"] for ix in inspect(engine).get_indexes("listing")}
        engine.dispose()
        assert names >= HAND_WRITTEN

        command.downgrade(cfg, "base")
        engine = make_engine(url)
        assert set(inspect(engine).get_table_names()) <= {"alembic_version"}
        engine.dispose()

        command.upgrade(cfg, "head")
        assert _diff(url) == []
