"""The portal's page states after a failed event or a lost state store: a change acts on
what the route and the form name, never on what an earlier event left in the state; a lost
state is rebuilt by the next event, logged in."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from sqlalchemy.exc import OperationalError
from sqlmodel import Session, col, select

from admin_portal import state as admin_state
from admin_portal.pages.approvals import ApprovalState
from admin_portal.pages.legal_texts import LegalTextsState
from admin_portal.pages.person_detail import PersonDetailState
from dasnez_core.i18n import translate
from dasnez_core.models import Kommune, LegalKind, LegalText, Role, User, UserStatus
from dasnez_core.services import auth
from tests import factories as f
from tests.utils.tabs import go, session_cookie, tab

IMPRINT_TEXT = "Impressum der Gemeinde, Stand heute."
PRIVACY_TEXT = "Datenschutzerklärung der Gemeinde, neue Fassung."


@pytest.fixture
def world(db: Session) -> Iterator[dict[str, Any]]:
    here = f.kommune(db)
    other = f.kommune(db, slug="salzkotten", name="Salzkotten")
    people = {
        "admin": f.user(db, here, "admin@example.org", roles=(Role.KOMMUNE_ADMIN,), name="Ada"),
        "other_admin": f.user(db, other, "os@example.org", roles=(Role.KOMMUNE_ADMIN,)),
        "citizen": f.user(db, here, "maria@example.org", name="Maria"),
        "karl": f.user(db, here, "karl@example.org", name="Karl"),
        "paul": f.user(db, here, "paul@example.org", status=UserStatus.PENDING, name="Paul"),
    }
    cookies = {
        who: session_cookie(db, people[who].id or 0, auth.ADMIN_APP)
        for who in ("admin", "other_admin", "citizen")
    }
    db.commit()
    yield {"here": here, **{f"id_{k}": v.id for k, v in people.items()}, **cookies}


def _status(db: Session, user_id: int) -> str:
    db.expire_all()
    user = db.get(User, user_id)
    assert user is not None
    return user.status


def _texts(db: Session, kind: LegalKind, kommune: str = "delbrueck") -> list[str]:
    """The published versions of `kind` of the Kommune (Delbrück, whose admin is "admin")."""
    db.expire_all()
    return list(
        db.exec(
            select(LegalText.body)
            .join(Kommune, col(Kommune.id) == LegalText.kommune_id)
            .where(LegalText.kind == kind.value, Kommune.slug == kommune)
        ).all()
    )


def _outage(ref: str, app: str) -> Any:
    raise OperationalError("SELECT 1", {}, Exception("server closed the connection"))


def test_a_legal_text_is_published_as_the_text_the_editor_held(
    db: Session, world: dict[str, Any]
) -> None:
    page = tab(LegalTextsState, world["admin"], "/rechtstexte")
    page.load()
    page.choose("privacy")

    # The state store loses the tab: its state says "imprint" again, its editor still
    # holds the privacy notice.
    page = tab(LegalTextsState, world["admin"], "/rechtstexte")
    page.publish({"kind": "privacy", "body": PRIVACY_TEXT})
    page.load()  # the page load Reflex runs after that event

    assert page.error == "" and "2" in page.success
    assert _texts(db, LegalKind.PRIVACY) == [PRIVACY_TEXT]
    assert _texts(db, LegalKind.IMPRINT) == []

    page.publish({"kind": "imprint", "body": IMPRINT_TEXT})
    page.publish({"kind": "keine Art", "body": IMPRINT_TEXT})
    assert page.error != "" and page.success == ""
    assert _texts(db, LegalKind.IMPRINT) == [IMPRINT_TEXT]


@pytest.mark.parametrize("who", ["other_admin", "citizen"])
def test_the_wrong_person_publishes_no_legal_text_on_a_lost_state(
    db: Session, world: dict[str, Any], who: str
) -> None:
    page = tab(LegalTextsState, world[who], "/rechtstexte")
    page.publish({"kind": "privacy", "body": PRIVACY_TEXT})
    # Another Kommune's admin publishes for their own Kommune only; a citizen nothing.
    assert _texts(db, LegalKind.PRIVACY) == []
    assert _texts(db, LegalKind.PRIVACY, "salzkotten") == (
        [PRIVACY_TEXT] if who == "other_admin" else []
    )


def test_a_detail_change_acts_on_the_record_of_the_route_only(
    db: Session, world: dict[str, Any]
) -> None:
    maria, karl = world["id_citizen"], world["id_karl"]
    page = tab(PersonDetailState, world["admin"], f"/personen/{maria}")
    page.load()
    assert page.person.display_name == "Maria"

    # The tab moved on to Karl's page, but the form (or a forged one) names Maria.
    go(page, f"/personen/{karl}")
    page.block({"user_id": str(maria), "reason": "Beleidigungen im Chat"})
    assert page.error == translate("user.not_found", "de")
    assert _status(db, maria) == UserStatus.APPROVED

    page.block({"user_id": str(karl), "reason": "Beleidigungen im Chat"})
    assert _status(db, karl) == UserStatus.BLOCKED


def test_another_kommunes_admin_blocks_nobody_from_a_lost_state(
    db: Session, world: dict[str, Any]
) -> None:
    maria = world["id_citizen"]
    page = tab(PersonDetailState, world["other_admin"], f"/personen/{maria}")
    page.block({"user_id": str(maria), "reason": "Beleidigungen im Chat"})
    assert page.success == "" and not page.found
    assert _status(db, maria) == UserStatus.APPROVED


def test_a_failed_load_leaves_no_selection_behind(
    db: Session, world: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    page = tab(ApprovalState, world["admin"], "/freischaltung")
    page.load()
    page.toggle(world["id_paul"])
    assert page.selected == [world["id_paul"]]

    monkeypatch.setattr(admin_state, "resolve_actor", _outage)
    with pytest.raises(OperationalError):
        page.load()
    monkeypatch.undo()
    assert page.selected == [] and not page.ready

    page.approve_selected()
    assert page.success == "" and page.error != ""
    assert _status(db, world["id_paul"]) == UserStatus.PENDING


def test_a_lost_approvals_page_rebuilds_and_keeps_the_outcome(
    db: Session, world: dict[str, Any]
) -> None:
    page = tab(ApprovalState, world["admin"], "/freischaltung")

    page.approve(world["id_paul"])
    page.load()

    assert page.ready and page.user_name == "Ada"
    assert "Paul" in page.success
    assert _status(db, world["id_paul"]) == UserStatus.APPROVED
