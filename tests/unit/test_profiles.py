"""Profiles: addressed by a random handle, shown as the person chose (members, all, nobody)."""

from __future__ import annotations

import json
import re

import pytest
from alembic import command
from sqlalchemy import text
from sqlmodel import Session

from dasnez_core.actor import ANONYMOUS, Actor
from dasnez_core.cli import alembic_config
from dasnez_core.db import make_engine
from dasnez_core.errors import InvalidInput, NotAllowed, NotFound
from dasnez_core.models import ProfileVisibility, Role, User
from dasnez_core.services import ratings
from dasnez_core.services.account import (
    ProfileUpdate,
    export_own_data,
    get_profile,
    update_profile,
)
from dasnez_core.services.search import get_listing_detail
from tests import factories as f
from tests.utils.databases import fresh_database

HANDLE = re.compile(r"[A-Za-z0-9_-]{10,}")


@pytest.fixture
def w(db: Session) -> dict:
    here = f.kommune(db)
    other = f.kommune(db, slug="bad-lippspringe", name="Bad Lippspringe")
    area = f.district(db, here)
    _, cat = f.exchange_with_category(db, here)
    jonas = f.user(db, here, "jonas@example.org", name="Jonas Becker", area=area)
    return {
        "here": here,
        "area": area,
        "jonas": jonas,
        "listing": f.listing_of(db, jonas, cat, title="Rasen mähen"),
        "maria": f.user(db, here, "maria@example.org"),
        "pending": f.user(db, here, "neu@example.org", status="pending"),
        "anna": f.user(db, other, "anna@example.org"),
        "admin": f.user(db, here, "admin@here.org", roles=(Role.KOMMUNE_ADMIN,)),
        "admin_other": f.user(db, other, "admin@other.org", roles=(Role.KOMMUNE_ADMIN,)),
    }


def _viewer(db: Session, w: dict, who: str) -> Actor:
    return ANONYMOUS if who == "anonymous" else f.actor(db, w[who])


def _show(db: Session, w: dict, who: str) -> str:
    try:
        profile = ratings.public_profile(db, _viewer(db, w, who), w["here"].id, w["jonas"].handle)
    except NotAllowed as err:
        assert err.key == "profile.members_only"
        return "login"
    except NotFound:
        return "not found"
    assert profile.display_name == "Jonas Becker"
    return "shown"


def test_every_person_gets_an_unguessable_handle(db: Session, w: dict) -> None:
    handles = [u.handle for u in (w["jonas"], w["maria"], w["anna"], w["admin"])]
    assert all(HANDLE.fullmatch(h) for h in handles)
    assert len(set(handles)) == len(handles)
    assert str(w["jonas"].id) not in handles


VIEWERS = ["anonymous", "pending", "maria", "anna", "admin", "admin_other", "jonas"]
SEES: dict[str, dict[str, str]] = {
    # The default: approved members and admins of the Kommune; others are asked to log in.
    "members": {
        "anonymous": "login",
        "pending": "login",
        "maria": "shown",
        "anna": "login",
        "admin": "shown",
        "admin_other": "login",
        "jonas": "shown",
    },
    "all": dict.fromkeys(VIEWERS, "shown"),
    # Nobody but the person: for everyone else as if there were no such profile.
    "nobody": {**dict.fromkeys(VIEWERS, "not found"), "jonas": "shown"},
}


@pytest.mark.parametrize("visibility", list(SEES))
def test_the_persons_choice_governs_who_sees_the_profile(
    db: Session, w: dict, visibility: str
) -> None:
    w["jonas"].profile_visibility = visibility
    db.add(w["jonas"])
    db.flush()
    assert {who: _show(db, w, who) for who in VIEWERS} == SEES[visibility]


def test_a_new_account_shows_its_profile_to_members_only(db: Session, w: dict) -> None:
    assert w["jonas"].profile_visibility == ProfileVisibility.MEMBERS
    assert _show(db, w, "anonymous") == "login"


@pytest.mark.parametrize("address", ["1", "", "jonas@example.org", "Jonas Becker"])
def test_ids_names_and_nonsense_find_no_profile(db: Session, w: dict, address: str) -> None:
    with pytest.raises(NotFound):
        ratings.public_profile(db, f.actor(db, w["maria"]), w["here"].id, address)
    with pytest.raises(NotFound):
        ratings.public_profile(db, f.actor(db, w["maria"]), w["here"].id, str(w["jonas"].id))


def _change(w: dict, visibility: str | None) -> ProfileUpdate:
    return ProfileUpdate(
        display_name="Jonas Becker",
        area_id=w["area"].id,
        social_space_ids=(),
        introduction="",
        share_email=False,
        profile_visibility=visibility,
    )


def test_the_account_page_sets_the_choice_and_the_download_has_it(db: Session, w: dict) -> None:
    jonas, here = f.actor(db, w["jonas"]), w["here"].id
    assert get_profile(db, jonas, here).profile_visibility == "members"
    update_profile(db, jonas, here, _change(w, "nobody"))
    assert get_profile(db, jonas, here).profile_visibility == "nobody"
    update_profile(db, jonas, here, _change(w, None))  # not sent: left as it is
    assert db.get(User, w["jonas"].id).profile_visibility == "nobody"  # type: ignore[union-attr]
    with pytest.raises(InvalidInput) as err:
        update_profile(db, jonas, here, _change(w, "friends"))
    assert err.value.key == "account.visibility_unknown"
    data = json.loads(export_own_data(db, jonas, here))
    assert data["profile"]["profile_visibility"] == "nobody"
    assert data["profile"]["profile_handle"] == w["jonas"].handle


def test_a_listing_links_its_author_unless_they_show_their_profile_to_nobody(
    db: Session, w: dict
) -> None:
    listing_id, here = w["listing"].id, w["here"].id
    detail = get_listing_detail(db, ANONYMOUS, here, listing_id)
    assert (detail.author, detail.author_handle) == ("Jonas Becker", w["jonas"].handle)
    w["jonas"].profile_visibility = ProfileVisibility.NOBODY
    db.add(w["jonas"])
    db.flush()
    detail = get_listing_detail(db, ANONYMOUS, here, listing_id)
    assert (detail.author, detail.author_handle) == ("Jonas Becker", "")


def test_the_migration_gives_existing_people_handles() -> None:
    with fresh_database() as url:
        cfg = alembic_config(url)
        command.upgrade(cfg, "0002")
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
            for n in (1, 2, 3):
                conn.execute(
                    text(
                        'INSERT INTO "user" (id, email, password_hash, display_name, kommune_id,'
                        " phone, status, language, introduction, share_email, created_at)"
                        f" VALUES ({n}, 'p{n}@b.de', 'x', 'P{n}', 1, '', 'approved', 'de', '',"
                        " false, CURRENT_TIMESTAMP)"
                    )
                )
        command.upgrade(cfg, "head")
        with engine.connect() as conn:
            rows = conn.execute(
                text('SELECT handle, profile_visibility FROM "user" ORDER BY id')
            ).all()
        engine.dispose()
    assert [visibility for _, visibility in rows] == ["members"] * 3
    assert all(HANDLE.fullmatch(handle) for handle, _ in rows)
    assert len({handle for handle, _ in rows}) == 3
