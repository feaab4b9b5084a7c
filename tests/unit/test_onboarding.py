"""A new Kommune through platform staff's wizard: everything at once or nothing, the
Ortsteile preview, "bald verfügbar" until it goes live, deactivating (logins off, data
kept) and the ZIP of all its data; nobody but platform staff may do any of it."""

from __future__ import annotations

import csv
import io
import json
import zipfile
from collections.abc import Iterator
from typing import Any

import pytest
from sqlmodel import Session, SQLModel, func, select

from dasnez_core.actor import ANONYMOUS, Actor
from dasnez_core.errors import InvalidInput, NotAllowed, NotFound
from dasnez_core.models import (
    Area,
    AuditEvent,
    Category,
    Exchange,
    InterestSignup,
    Kommune,
    Role,
    RoleGrant,
    User,
    UserSession,
    UserStatus,
    utcnow,
)
from dasnez_core.services import auth
from dasnez_core.services.kommune_export import export_kommune
from dasnez_core.services.kommunen import coming_soon, get_kommune_by_slug, list_kommunen
from dasnez_core.services.kommunen_list import KommunenFilters, list_managed_kommunen
from dasnez_core.services.masterdata_cache import master_by_slug
from dasnez_core.services.onboarding import (
    AreaLineStatus,
    KommuneDraft,
    clean_postcodes,
    create_kommune,
    deactivate_kommune,
    go_live,
    preview_areas,
    reactivate_kommune,
)
from dasnez_core.services.sessions import create_session, resolve_session
from tests import factories as f
from tests.utils.smtp import Inbox, smtp_server

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


@pytest.fixture
def inbox(monkeypatch: pytest.MonkeyPatch) -> Iterator[Inbox]:
    with smtp_server() as (box, port):
        monkeypatch.setenv("DASNEZ_SMTP_HOST", "127.0.0.1")
        monkeypatch.setenv("DASNEZ_SMTP_PORT", str(port))
        monkeypatch.setenv("DASNEZ_PUBLIC_URL", "https://dasnez.example")
        yield box


@pytest.fixture
def world(db: Session) -> dict[str, Any]:
    here = f.kommune(db, kreis="Paderborn")
    other = f.kommune(db, slug="bad-lippspringe", name="Bad Lippspringe")
    platform = f.user(db, here, "betrieb@dasnez.example", roles=(Role.PLATFORM_ADMIN,))
    admin = f.user(db, here, "admin@delbrueck.example", roles=(Role.KOMMUNE_ADMIN,))
    other_admin = f.user(db, other, "admin@other.example", roles=(Role.KOMMUNE_ADMIN,))
    citizen = f.user(db, here, "maria@example.org")
    pending = f.user(db, here, "neu@example.org", status=UserStatus.PENDING)
    blocked = f.user(db, here, "weg@example.org", status=UserStatus.BLOCKED)
    db.commit()
    return {
        "here": here,
        "other": other,
        "platform": f.actor(db, platform),
        "wrong": {
            "anonymous": ANONYMOUS,
            "citizen": f.actor(db, citizen),
            "pending": f.actor(db, pending),
            "blocked": f.actor(db, blocked),
            "kommune admin": f.actor(db, admin),
            "other kommune's admin": f.actor(db, other_admin),
        },
    }


def _draft(**changes: Any) -> KommuneDraft:
    values: dict[str, Any] = {
        "name": "Hövelhof",
        "slug": "hoevelhof",
        "postcodes": "33161",
        "kreis": "Paderborn",
        "contact_name": "Bürgerbüro",
        "contact_email": "buergerbuero@hoevelhof.example",
        "contact_phone": "05257 5009-0",
        "contact_address": "Schloßstraße 14, 33161 Hövelhof",
        "admin_email": "amt@hoevelhof.example",
        "admin_name": "Anna Amt",
        "areas": "Bezirk; Dorf\nHövelhof; Riege\nEspeln\nHövelhof; Riege\n; Staumühle\nHövelriege",
        "exchanges": ("taschengeld", "nachbarschaft"),
        "category_templates": ("taschengeld", "nachbarschaft"),
    }
    values.update(changes)
    return KommuneDraft(**values)


def _count(db: Session, model: type[SQLModel], *where: Any) -> int:
    return int(db.exec(select(func.count()).select_from(model).where(*where)).one())


def _new(db: Session) -> Kommune:
    return db.exec(select(Kommune).where(Kommune.slug == "hoevelhof")).one()


# --- the Ortsteile preview ------------------------------------------------------------------


def test_preview_shows_duplicates_and_villages_without_district_but_imports_neither() -> None:
    preview = preview_areas(
        "Bezirk; Dorf\nBoke; Boker Heide\nboke;  boker heide \n; Ohne Bezirk\nHagen\nHagen\n"
        "Westenholz,Mühlenheide\n\n"
    )
    assert [(a.district, a.village, a.status) for a in preview.lines] == [
        ("Bezirk", "Dorf", AreaLineStatus.HEADER),
        ("Boke", "Boker Heide", AreaLineStatus.OK),
        ("boke", "boker heide", AreaLineStatus.DUPLICATE),
        ("", "Ohne Bezirk", AreaLineStatus.NO_DISTRICT),
        ("Hagen", "", AreaLineStatus.OK),
        ("Hagen", "", AreaLineStatus.DUPLICATE),
        ("Westenholz", "Mühlenheide", AreaLineStatus.OK),
    ]
    assert (preview.districts, preview.villages, preview.skipped) == (3, 2, 4)


def test_postcodes_with_garbage_are_named() -> None:
    assert clean_postcodes(" 33129,33130 ;33129 ") == "33129, 33130"
    with pytest.raises(InvalidInput) as caught:
        clean_postcodes("33129, abc, 1234")
    assert caught.value.field == "postcodes"
    assert caught.value.params["bad"] == "„abc“, „1234“"


# --- creating -------------------------------------------------------------------------------


def test_the_wizard_creates_a_kommune_that_is_not_live_yet(
    db: Session, world: dict[str, Any], inbox: Inbox
) -> None:
    created = create_kommune(db, world["platform"], _draft(logo=PNG, logo_name="wappen.png"))
    db.commit()
    k = _new(db)
    assert (created.districts, created.villages, created.categories) == (3, 1, 10)
    assert (k.name, k.postcodes, k.kreis, k.live_since, k.active) == (
        "Hövelhof",
        "33161",
        "Paderborn",
        None,
        True,
    )
    assert k.logo_path.endswith(".png")
    assert sorted(a.name for a in db.exec(select(Area).where(Area.kommune_id == k.id))) == [
        "Espeln",
        "Hövelhof",
        "Hövelriege",
        "Riege",
    ]
    enabled = {
        e.type: e.enabled for e in db.exec(select(Exchange).where(Exchange.kommune_id == k.id))
    }
    assert enabled == {
        "taschengeld": True,
        "nachbarschaft": True,
        "zeitspende": False,
        "tausch": False,
    }
    assert _count(db, Category, Category.kommune_id == k.id) == 10
    admin = db.exec(select(User).where(User.email == "amt@hoevelhof.example")).one()
    assert (admin.kommune_id, admin.status, admin.display_name) == (k.id, "approved", "Anna Amt")
    assert (
        _count(db, RoleGrant, RoleGrant.user_id == admin.id, RoleGrant.role == "kommune_admin") == 1
    )
    [mail] = inbox.to("amt@hoevelhof.example")
    assert "passwort-neu?token=" in Inbox.text(mail)
    assert [e.action for e in db.exec(select(AuditEvent).where(AuditEvent.kommune_id == k.id))] == [
        "create_kommune",
        "invite_admin",
    ]
    # Not live: not listed, not searchable, nobody registers; its page says "bald verfügbar".
    assert "hoevelhof" not in [s.slug for s in list_kommunen(db, "Hövel")]
    with pytest.raises(NotFound):
        get_kommune_by_slug(db, "hoevelhof")
    with pytest.raises(NotFound):
        master_by_slug(db, "hoevelhof")
    assert coming_soon(db, "hoevelhof") == "Hövelhof"
    assert coming_soon(db, "delbrueck") is None


def test_bad_input_is_named_at_once_and_nothing_is_created(
    db: Session, world: dict[str, Any], inbox: Inbox
) -> None:
    kommunen, users = _count(db, Kommune), _count(db, User)
    with pytest.raises(InvalidInput) as caught:
        create_kommune(
            db,
            world["platform"],
            _draft(
                slug="delbrueck",
                postcodes="33129, Paderborn",
                contact_email="",
                admin_email="maria@example.org",
                exchanges=(),
                logo=b"not an image",
            ),
        )
    db.rollback()
    assert {p.field: p.key for p in caught.value.problems} == {
        "slug": "onboard.slug_taken",
        "postcodes": "onboard.postcodes_invalid",
        "contact_email": "masterdata.contact_email_required",
        "admin_email": "onboard.admin_has_account",
        "exchanges": "masterdata.exchange_required",
        "logo": "masterdata.logo_wrong_type",
    }
    assert (_count(db, Kommune), _count(db, User)) == (kommunen, users)
    assert inbox.to("maria@example.org") == []
    for slug in ("Hö", "ab--c", "admin", "x" * 65):
        with pytest.raises(InvalidInput) as bad_slug:
            create_kommune(db, world["platform"], _draft(slug=slug))
        assert bad_slug.value.field == "slug"


@pytest.mark.parametrize(
    "who",
    ["anonymous", "citizen", "pending", "blocked", "kommune admin", "other kommune's admin"],
)
def test_only_platform_staff_use_the_wizard_and_manage_kommunen(
    db: Session, world: dict[str, Any], who: str
) -> None:
    wrong: Actor = world["wrong"][who]
    here = world["here"].id
    with pytest.raises(NotAllowed):
        create_kommune(db, wrong, _draft())
    with pytest.raises(NotAllowed):
        go_live(db, wrong, here)
    with pytest.raises(NotAllowed):
        deactivate_kommune(db, wrong, here, "Vertrag beendet")
    with pytest.raises(NotAllowed):
        reactivate_kommune(db, wrong, here)
    with pytest.raises(NotAllowed):
        export_kommune(db, wrong, here)
    with pytest.raises(NotAllowed):
        list_managed_kommunen(db, wrong, KommunenFilters())
    db.rollback()
    assert _count(db, Kommune, Kommune.slug == "hoevelhof") == 0
    assert db.get(Kommune, here).active  # type: ignore[union-attr]


# --- going live -----------------------------------------------------------------------------


def test_going_live_lists_the_kommune_and_mails_the_interested_once(
    db: Session, world: dict[str, Any], inbox: Inbox
) -> None:
    create_kommune(db, world["platform"], _draft())
    now = utcnow()
    for email, postcode, confirmed in (
        ("wartet@example.org", "33161", True),
        ("unbestaetigt@example.org", "33161", False),
        ("anderswo@example.org", "33100", True),
    ):
        db.add(
            InterestSignup(
                email=email,
                postcode=postcode,
                role="citizen",
                token_hash=email.ljust(64, "x")[:64],
                confirmed_at=now if confirmed else None,
            )
        )
    db.commit()
    k = _new(db)
    result = go_live(db, world["platform"], k.id)  # type: ignore[arg-type]
    db.commit()
    assert result.notified == 1
    assert get_kommune_by_slug(db, "hoevelhof").live_since is not None
    assert "hoevelhof" in [s.slug for s in list_kommunen(db, "hövelhof")]
    [mail] = inbox.to("wartet@example.org")
    assert "Hövelhof ist jetzt bei dasnez" in str(mail["Subject"])
    assert "https://dasnez.example/k/hoevelhof" in Inbox.text(mail)
    assert inbox.to("unbestaetigt@example.org") == inbox.to("anderswo@example.org") == []
    with pytest.raises(InvalidInput) as again:
        go_live(db, world["platform"], k.id)  # type: ignore[arg-type]
    # The second click is told who was first.
    assert (again.value.key, again.value.params["by"]) == (
        "onboard.live_by",
        "betrieb@dasnez.example",
    )
    db.rollback()
    assert len(inbox.to("wartet@example.org")) == 1


def test_a_kommune_without_categories_or_another_kommunes_id_does_not_go_live(
    db: Session, world: dict[str, Any], inbox: Inbox
) -> None:
    create_kommune(db, world["platform"], _draft(category_templates=()))
    db.commit()
    with pytest.raises(InvalidInput) as caught:
        go_live(db, world["platform"], _new(db).id)  # type: ignore[arg-type]
    assert caught.value.key == "onboard.live_needs_category"
    with pytest.raises(NotFound):
        go_live(db, world["platform"], 999_999)


# --- deactivating ---------------------------------------------------------------------------


def test_deactivating_ends_logins_and_keeps_the_data(
    db: Session, world: dict[str, Any], inbox: Inbox
) -> None:
    here = world["here"]
    maria = db.exec(select(User).where(User.email == "maria@example.org")).one()
    token = create_session(db, maria.id, auth.PUBLIC_APP)  # type: ignore[arg-type]
    staff = db.exec(select(User).where(User.email == "betrieb@dasnez.example")).one()
    staff_token = create_session(db, staff.id, auth.ADMIN_APP)  # type: ignore[arg-type]
    db.commit()
    with pytest.raises(InvalidInput) as no_reason:
        deactivate_kommune(db, world["platform"], here.id, "")
    assert no_reason.value.field == "reason"
    assert deactivate_kommune(db, world["platform"], here.id, "Vertrag beendet") == "Delbrück"
    db.commit()
    assert resolve_session(db, token, auth.PUBLIC_APP).is_anonymous
    assert resolve_session(db, staff_token, auth.ADMIN_APP).is_platform_admin
    with pytest.raises(InvalidInput) as refused:
        auth.login(db, email="maria@example.org", password=f.PASSWORD, app=auth.PUBLIC_APP)
    assert refused.value.key == "login.kommune_inactive"
    # Platform staff whose home is this Kommune still log in.
    auth.login(db, email="betrieb@dasnez.example", password=f.PASSWORD, app=auth.ADMIN_APP)
    assert _count(db, User, User.kommune_id == here.id) == 5
    with pytest.raises(NotFound):
        get_kommune_by_slug(db, "delbrueck")
    with pytest.raises(InvalidInput):
        go_live(db, world["platform"], here.id)
    with pytest.raises(InvalidInput):
        deactivate_kommune(db, world["platform"], here.id, "noch einmal")
    db.rollback()
    reactivate_kommune(db, world["platform"], here.id)
    db.commit()
    auth.login(db, email="maria@example.org", password=f.PASSWORD, app=auth.PUBLIC_APP)
    shown = list_managed_kommunen(db, world["platform"], KommunenFilters()).rows
    states = {m.slug: m.state for m in shown}
    assert states == {"delbrueck": "live", "bad-lippspringe": "live"}
    assert db.exec(select(func.count()).select_from(UserSession)).one() >= 3


# --- export ---------------------------------------------------------------------------------


def test_the_export_holds_every_row_of_the_kommune_and_no_secret(
    db: Session, world: dict[str, Any]
) -> None:
    here, other = world["here"], world["other"]
    _, cat = f.exchange_with_category(db, here)
    _, other_cat = f.exchange_with_category(db, other)
    maria = db.exec(select(User).where(User.email == "maria@example.org")).one()
    anna = f.user(db, other, "anna@example.org")
    listing = f.listing_of(db, maria, cat, title="Rasen mähen")
    f.listing_of(db, anna, other_cat, title="Fremder Eintrag")
    talk = f.conversation_about(db, listing, maria)
    f.message_in(db, talk, maria, "Hallo!")
    db.commit()
    export = export_kommune(db, world["platform"], here.id)
    db.commit()
    archive = zipfile.ZipFile(io.BytesIO(export.data))
    names = set(archive.namelist())
    assert {"kommune.json", "manifest.json", "user.csv", "listing.csv", "message.csv"} <= names
    manifest = json.loads(archive.read("manifest.json"))
    assert manifest["rows"]["user"] == 5 and manifest["rows"]["listing"] == 1
    assert manifest["rows"]["message"] == 1
    users = list(
        csv.reader(io.StringIO(archive.read("user.csv").decode("utf-8-sig")), delimiter=";")
    )
    assert "password_hash" not in users[0] and "email" in users[0]
    everything = b"".join(archive.read(n) for n in names).decode("utf-8", "replace")
    assert "Fremder Eintrag" not in everything and "anna@example.org" not in everything
    assert json.loads(archive.read("kommune.json"))["slug"] == "delbrueck"
    assert _count(db, AuditEvent, AuditEvent.action == "export_kommune") == 1
    assert export.filename.startswith("dasnez-delbrueck-") and export.filename.endswith(".zip")
