"""The migrations build exactly the models' schema, and run down and up again cleanly."""

from __future__ import annotations

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect, text
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
    "ix_listing_social_space_public",
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
        names = {
            ix["name"]
            for table in ("listing", "listing_social_space")
            for ix in inspect(engine).get_indexes(table)
        }
        engine.dispose()
        assert names >= HAND_WRITTEN

        command.downgrade(cfg, "base")
        engine = make_engine(url)
        assert set(inspect(engine).get_table_names()) <= {"alembic_version"}
        engine.dispose()

        command.upgrade(cfg, "head")
        assert _diff(url) == []


def test_performance_objects_exist() -> None:
    """Migration 0010: the village index leads with the Kommune; PostgreSQL knows that
    districts, areas and categories depend on the Kommune (and its sessions plan without
    parallel workers); SQLite covers the dashboard."""
    with fresh_database() as url:
        command.upgrade(alembic_config(url), "head")
        engine = make_engine(url)
        with engine.connect() as conn:
            indexes = {ix["name"]: ix for ix in inspect(conn).get_indexes("listing")}
            assert indexes["ix_listing_public_area"]["column_names"][:2] == [
                "kommune_id",
                "area_id",
            ]
            if engine.dialect.name == "postgresql":
                kinds, columns = conn.execute(
                    text(
                        "SELECT s.stxkind::text, array_agg(a.attname::text ORDER BY a.attname)"
                        " FROM pg_statistic_ext s JOIN pg_attribute a"
                        " ON a.attrelid = s.stxrelid AND a.attnum = ANY(s.stxkeys)"
                        " WHERE s.stxname = 'st_listing_kommune_places' GROUP BY s.stxkind"
                    )
                ).one()
                assert "f" in kinds  # functional dependencies
                assert set(columns) >= {"kommune_id", "district_id", "area_id", "category_id"}
                # The app's connections: custom plans, no parallel workers (dasnez_core.db).
                assert conn.execute(text("SHOW plan_cache_mode")).scalar() == "force_custom_plan"
                assert conn.execute(text("SHOW max_parallel_workers_per_gather")).scalar() == "0"
                # Full text: the words carry their Kommune (0022), the index needs no column
                # of its own for it.
                tsv_index, tsv_expression = conn.execute(
                    text(
                        "SELECT pg_get_indexdef('ix_listing_tsv'::regclass),"
                        " pg_get_expr(d.adbin, d.adrelid) FROM pg_attrdef d"
                        " JOIN pg_attribute a ON a.attrelid = d.adrelid AND a.attnum = d.adnum"
                        " WHERE d.adrelid = 'listing'::regclass AND a.attname = 'tsv'"
                    )
                ).one()
                assert tsv_index.endswith("USING gin (tsv)")
                assert "kommune_id" in tsv_expression
                # A social space's links are checked against their listings from an index
                # (0023): only published listings, with the columns the check reads.
                by_id = conn.execute(
                    text("SELECT pg_get_indexdef('ix_listing_public_id'::regclass)")
                ).scalar_one()
                assert "(id) INCLUDE (expires_at, exchange_id, kind)" in by_id
                assert "WHERE ((status)::text = 'published'::text)" in by_id
            else:
                assert indexes["ix_listing_dashboard_cover"]["column_names"][:2] == [
                    "kommune_id",
                    "created_at",
                ]
            links = {ix["name"]: ix for ix in inspect(conn).get_indexes("listing_social_space")}
            assert links["ix_listing_social_space_public"]["column_names"][0] == "social_space_id"
        engine.dispose()


def test_upgrade_keeps_existing_data() -> None:
    """A Kommune running 0001 with people and listings upgrades to head without loss."""
    with fresh_database() as url:
        cfg = alembic_config(url)
        command.upgrade(cfg, "0001")
        engine = make_engine(url)
        with engine.begin() as conn:
            conn.execute(
                text(
                    "INSERT INTO kommune (id, slug, name, federal_state, postcodes, contact_name,"
                    " contact_email, contact_phone, contact_address, privacy_version,"
                    " terms_version, listing_days, premoderation, active, created_at)"
                    " VALUES (1, 'alt', 'Altstadt', 'NRW', '', '', '', '', '', '1', '1', 60,"
                    " false, true, CURRENT_TIMESTAMP)"
                )
            )
            conn.execute(
                text(
                    'INSERT INTO "user" (id, email, password_hash, display_name, kommune_id,'
                    " phone, status, language, created_at) VALUES (1, 'a@b.de', 'x', 'Alt', 1,"
                    " '', 'approved', 'de', CURRENT_TIMESTAMP)"
                )
            )
            conn.execute(
                text(
                    "INSERT INTO exchange (id, kommune_id, type, enabled)"
                    " VALUES (1, 1, 'tausch', true)"
                )
            )
            conn.execute(
                text(
                    "INSERT INTO category (id, kommune_id, exchange_id, name, active)"
                    " VALUES (1, 1, 1, 'Werkzeug', true)"
                )
            )
            conn.execute(
                text(
                    "INSERT INTO listing (id, kommune_id, kind, exchange_id, category_id, title,"
                    " body, author_id, status, created_at, updated_at, expires_at) VALUES"
                    " (1, 1, 'offer', 1, 1, 'Alte Leiter', 'Leiter zu verschenken', 1,"
                    " 'published', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP,"
                    " CURRENT_TIMESTAMP + INTERVAL '30 days')".replace(
                        "CURRENT_TIMESTAMP + INTERVAL '30 days'",
                        "datetime('now', '+30 days')"
                        if url.startswith("sqlite")
                        else "CURRENT_TIMESTAMP + INTERVAL '30 days'",
                    )
                )
            )
        engine.dispose()
        command.upgrade(cfg, "head")
        assert _diff(url) == []
        from sqlmodel import Session

        from dasnez_core.services.kommunen import list_kommunen
        from dasnez_core.services.search import SearchFilters, search_public

        engine = make_engine(url)
        with Session(engine) as db:
            page = search_public(db, 1, SearchFilters(q="Leiter"))
            assert [c.title for c in page.cards] == ["Alte Leiter"]
            # 0006 indexed the existing rows' stems and folded the existing names.
            page = search_public(db, 1, SearchFilters(q="VERSCHENKE Leitern"))
            assert [c.title for c in page.cards] == ["Alte Leiter"]
            assert [k.name for k in list_kommunen(db, "ALTSTÄDT")] == ["Altstadt"]
        engine.dispose()


def test_0024_runs_again_over_the_trigger_functions_a_restore_leaves() -> None:
    """PostgreSQL: `pg_restore --clean` of a backup taken before 0024 (dasnez_core.cli
    restore) drops the tables and their triggers but keeps the trigger functions, and
    the migration then runs again: it replaces them."""
    with fresh_database() as url:
        cfg = alembic_config(url)
        command.upgrade(cfg, "head")
        engine = make_engine(url)
        if engine.dialect.name != "postgresql":
            engine.dispose()
            return
        functions = text(
            "SELECT pg_get_functiondef(p.oid) FROM pg_proc p"
            " WHERE p.proname LIKE 'listing_social_space_%'"
        )
        with engine.connect() as conn:
            kept = list(conn.execute(functions).scalars())
        assert len(kept) == 2
        command.downgrade(cfg, "0023_public_ids")
        with engine.begin() as conn:
            for definition in kept:  # what the restore leaves behind
                conn.execute(text(definition))
        command.upgrade(cfg, "head")
        with engine.connect() as conn:
            triggers = conn.execute(
                text("SELECT tgname FROM pg_trigger WHERE tgname LIKE 'listing_social_space_%'")
            ).scalars()
            assert sorted(triggers) == ["listing_social_space_fill", "listing_social_space_follow"]
        engine.dispose()
