"""Page states that survive a failed event or a lost state store: no id kept from an earlier
event decides what a later one writes, a lost state rebuilds itself from the route and the
session cookie, and a database outage shows "try again", never a success.

The handlers run as Reflex runs them (the state tree, the route and the Cookie header of the
event), against the test database; the caller comes from a real session."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy.exc import IntegrityError, OperationalError
from sqlmodel import Session, func, select

from dasnez_app import state as public_state
from dasnez_app.pages.new_listing import NewListingState
from dasnez_core import db as db_module
from dasnez_core.db import is_outage, make_engine
from dasnez_core.i18n import translate
from dasnez_core.models import Listing, UserStatus
from dasnez_core.services import auth
from dasnez_ui.outcome import OUTAGE_KEY, attempt, backend_exception_handler
from tests import factories as f
from tests.utils.tabs import go, session_cookie, tab

UNAVAILABLE = "Der Dienst ist gerade nicht erreichbar, bitte gleich noch einmal versuchen."


def _outage() -> OperationalError:
    return OperationalError("SELECT 1", {}, Exception("server closed the connection"))


@pytest.fixture
def world(db: Session) -> Iterator[dict[str, Any]]:
    here = f.kommune(db)
    other = f.kommune(db, slug="salzkotten", name="Salzkotten")
    boke = f.district(db, here)
    _, cat = f.exchange_with_category(db, here)
    f.exchange_with_category(db, other)
    maria = f.user(db, here, "maria@example.org", name="Maria")
    anna = f.user(db, here, "anna@example.org", name="Anna")
    pending = f.user(db, here, "paul@example.org", status=UserStatus.PENDING)
    stranger = f.user(db, other, "sven@example.org", name="Sven")
    anna_listing = f.listing_of(db, anna, cat, title="Annas Hecke")
    cookies = {
        who: session_cookie(db, person.id or 0, auth.PUBLIC_APP)
        for who, person in (
            ("maria", maria),
            ("pending", pending),
            ("stranger", stranger),
        )
    }
    cookies["anonymous"] = ""
    db.commit()
    yield {"here": here, "boke": boke, "cat": cat, "anna_listing": anna_listing, **cookies}


def _tab(cookie: str, path: str) -> NewListingState:
    return tab(NewListingState, cookie, path)


def _form(w: dict[str, Any], title: str) -> dict[str, str]:
    return {
        "kind": "offer",
        "category_id": str(w["cat"].id),
        "title": title,
        "body": "Ich helfe gern in der Nachbarschaft.",
        "area_id": str(w["boke"].id),
    }


def _titles(db: Session) -> list[str]:
    db.expire_all()
    return sorted(db.exec(select(Listing.title)).all())


def _count(db: Session) -> int:
    return int(db.exec(select(func.count()).select_from(Listing)).one())


def _publish(page: NewListingState, form: dict[str, str]) -> None:
    page.set_intent("publish")
    page.submit(form)


def test_a_failed_load_never_turns_the_next_publish_into_an_overwrite(
    db: Session, world: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    page = _tab(world["maria"], "/k/delbrueck/neu")
    page.load()
    _publish(page, _form(world, "Listing A"))
    assert page.success == translate("listing.published", "de")

    # The next visit of the form: resolving the caller fails (the database is away).
    def away(ref: str, app: str) -> Any:
        raise _outage()

    monkeypatch.setattr(public_state, "resolve_actor", away)
    with pytest.raises(OperationalError):
        page.load()
    assert (page.success, page.loaded, page.listing_id) == ("", False, 0)
    monkeypatch.undo()

    _publish(page, _form(world, "Listing B"))

    assert page.success == translate("listing.published", "de")
    assert _titles(db) == ["Annas Hecke", "Listing A", "Listing B"]


def test_the_same_form_sent_twice_makes_one_listing(db: Session, world: dict[str, Any]) -> None:
    page = _tab(world["maria"], "/k/delbrueck/neu")
    page.load()
    _publish(page, _form(world, "Doppelklick"))
    _publish(page, _form(world, "Doppelklick"))

    assert _titles(db) == ["Annas Hecke", "Doppelklick"]
    # A new visit of the form creates the next one.
    page.load()
    _publish(page, _form(world, "Noch einer"))
    assert _titles(db) == ["Annas Hecke", "Doppelklick", "Noch einer"]


def test_the_listing_written_is_the_one_of_the_route(db: Session, world: dict[str, Any]) -> None:
    page = _tab(world["maria"], "/k/delbrueck/neu")
    page.load()
    _publish(page, _form(world, "Mein Eintrag"))
    mine = db.exec(select(Listing).where(Listing.title == "Mein Eintrag")).one()
    go(page, f"/k/delbrueck/eintrag/{mine.id}/bearbeiten")
    page.load()
    assert page.v_title == "Mein Eintrag" and page.listing_id == mine.id

    # The state still names the edited listing; an event from /neu creates all the same.
    go(page, "/k/delbrueck/neu")
    _publish(page, _form(world, "Neu von der Neu-Seite"))
    assert _titles(db) == ["Annas Hecke", "Mein Eintrag", "Neu von der Neu-Seite"]

    # Editing writes the listing of the route, and only an own one.
    go(page, f"/k/delbrueck/eintrag/{mine.id}/bearbeiten")
    _publish(page, _form(world, "Mein Eintrag, geändert"))
    go(page, f"/k/delbrueck/eintrag/{world['anna_listing'].id}/bearbeiten")
    _publish(page, _form(world, "Übernommen"))
    assert page.error != "" and page.success == ""
    assert _titles(db) == ["Annas Hecke", "Mein Eintrag, geändert", "Neu von der Neu-Seite"]

    # No route of the form (a forged path): nothing is written.
    go(page, f"/k/delbrueck/eintrag/{mine.id}")
    _publish(page, _form(world, "Vom falschen Ort"))
    assert page.success == "" and _count(db) == 3


def test_a_lost_state_rebuilds_itself_from_the_route_and_the_cookie(
    db: Session, world: dict[str, Any]
) -> None:
    page = _tab(world["maria"], "/k/delbrueck/neu")  # never loaded: the state store lost it

    _publish(page, _form(world, "Nach dem Neustart"))

    assert page.error == "" and page.field_errors == {}
    assert page.success == translate("listing.published", "de")
    assert (page.loaded, page.slug, page.kommune_name) == (True, "delbrueck", "Delbrück")
    assert page.user_name == "Maria"  # still logged in
    # The page load Reflex runs after that event keeps what it showed.
    page.load()
    assert page.success == translate("listing.published", "de")
    assert _titles(db) == ["Annas Hecke", "Nach dem Neustart"]
    # The next real visit starts a fresh form.
    page.load()
    assert page.success == "" and page.loaded


def test_without_a_pending_page_load_the_next_visit_starts_afresh(
    db: Session, world: dict[str, Any]
) -> None:
    page = _tab(world["maria"], "/k/delbrueck/neu")
    page._get_root_state().is_hydrated = True  # only the page's own state was lost

    _publish(page, _form(world, "Nur die Seite verloren"))
    assert page.success == translate("listing.published", "de")
    page.load()  # the person opens the form again: no page load was pending to keep
    assert (page.success, page.loaded) == ("", True)
    _publish(page, _form(world, "Der nächste"))
    assert _titles(db) == ["Annas Hecke", "Der nächste", "Nur die Seite verloren"]


@pytest.mark.parametrize("who", ["anonymous", "pending", "stranger"])
def test_the_wrong_person_publishes_nothing_on_a_lost_state(
    db: Session, world: dict[str, Any], who: str
) -> None:
    page = _tab(world[who], "/k/delbrueck/neu")

    _publish(page, _form(world, "Darf nicht"))

    assert page.success == "" and page.error != ""
    assert _titles(db) == ["Annas Hecke"]


def test_a_database_outage_in_a_service_call_shows_try_again(world: dict[str, Any]) -> None:
    page = _tab(world["maria"], "/k/delbrueck/neu")
    page.load()
    page.success = "alt"

    def away(db: Session) -> None:
        raise _outage()

    outcome = page._run(away, "listing.published")

    assert not outcome.ok and outcome.key == OUTAGE_KEY
    assert page.error == UNAVAILABLE and page.success == ""


def test_only_an_outage_becomes_try_again() -> None:
    de = lambda key, **params: translate(key, "de", **params)  # noqa: E731

    def conflict(db: Session) -> None:
        raise IntegrityError("INSERT", {}, Exception("duplicate key"))

    with pytest.raises(IntegrityError):
        attempt(conflict, de)
    assert attempt(lambda db: (_ for _ in ()).throw(_outage()), de).error == UNAVAILABLE


def test_an_outage_outside_a_service_call_tells_the_person_in_german() -> None:
    shown = backend_exception_handler(_outage())
    assert UNAVAILABLE in str(shown.args)

    other = backend_exception_handler(ValueError("a bug"))
    assert UNAVAILABLE not in str(other.args)


@pytest.mark.parametrize("dead", ["postgresql", "sqlite"])
def test_a_database_that_cannot_be_reached_is_an_outage_not_a_success(
    db: Session,
    world: dict[str, Any],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    dead: str,
) -> None:
    """The drivers' real errors, not a stand-in (a server that refuses connections, a
    database file that cannot be opened): a handler that meets one outside a service call
    fails after its resets, and the apps' exception handler tells the person to try again;
    inside a service call the page's error line says so. Nothing reports success."""
    url = {
        "postgresql": "postgresql+psycopg://postgres@127.0.0.1:1/postgres?connect_timeout=2",
        "sqlite": f"sqlite:///{tmp_path}",  # a directory, not a database file
    }[dead]
    page = _tab(world["maria"], "/k/delbrueck/neu")
    page.load()
    _publish(page, _form(world, "Vor dem Ausfall"))
    engine = make_engine(url)
    monkeypatch.setattr(db_module, "get_engine", lambda: engine)

    for event in (page.load, lambda: _publish(page, _form(world, "Im Ausfall"))):
        with pytest.raises(Exception) as failed:
            event()
        assert is_outage(failed.value)
        assert UNAVAILABLE in str(backend_exception_handler(failed.value).args)
        assert (page.success, page.loaded) == ("", False)

    outcome = page._run(lambda session: session.exec(select(Listing)).all(), "listing.published")
    assert (outcome.key, page.error, page.success) == (OUTAGE_KEY, UNAVAILABLE, "")

    monkeypatch.undo()
    engine.dispose()
    _publish(page, _form(world, "Nach dem Ausfall"))
    assert page.success == translate("listing.published", "de")
    assert _titles(db) == ["Annas Hecke", "Nach dem Ausfall", "Vor dem Ausfall"]
