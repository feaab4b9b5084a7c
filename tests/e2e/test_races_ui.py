"""The admin who loses a race sees, where they clicked, who was first (issue 16, part 3).

Delbrück's admin has the approval queue open; meanwhile a second admin approves the same
person. The first admin's click then shows "… wurde gerade von <Name> freigeschaltet" as an
error, not a success, the person leaves the queue, and there is one audit event and one mail.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page, expect
from sqlmodel import select

from dasnez_core.db import session_scope
from dasnez_core.mail import Mail
from dasnez_core.models import Role, RoleGrant, User, UserStatus, id_of
from dasnez_core.services.approval import approve_user
from dasnez_core.services.sessions import actor_for
from tests.e2e.conftest import Apps
from tests.e2e.test_admin_moderation import (
    DELBRUECK_ADMIN,
    _admin,
    _audit,
    _delbrueck_id,
    _mails_to,
    _person,
    _user,
)


@pytest.fixture
def anna(browser: Browser, apps: Apps) -> Iterator[Page]:
    """Delbrück's admin, logged in to the portal."""
    page = _admin(browser, apps, DELBRUECK_ADMIN)
    yield page
    page.context.close()


def _second_admin_approves(user_id: int) -> None:
    """Another admin of Delbrück approves the person (in this process: its own connection)."""
    kommune_id = _delbrueck_id()
    bernd = _person("Bernd Behörde", "bernd@rathaus.example")
    with session_scope() as db:
        db.add(RoleGrant(user_id=bernd, role=Role.KOMMUNE_ADMIN, kommune_id=kommune_id))
    with session_scope() as db:
        actor = actor_for(db, db.exec(select(User).where(User.id == bernd)).one())
        approve_user(db, actor, kommune_id, user_id)


def test_the_second_admin_is_told_who_approved_first(
    apps: Apps, anna: Page, monkeypatch: pytest.MonkeyPatch
) -> None:
    sent: list[Mail] = []
    monkeypatch.setattr("dasnez_core.mail.deliver", sent.append)
    peter = _person("Peter Wettlauf", "peter.wettlauf@example.org", UserStatus.PENDING)
    page = anna
    page.goto(apps.admin + "/freischaltung")
    approve = page.get_by_role("button", name="Freischalten Peter Wettlauf")
    expect(approve).to_be_visible()

    _second_admin_approves(peter)
    approve.click()

    expect(page.get_by_role("alert")).to_contain_text(
        "Peter Wettlauf wurde gerade von Bernd Behörde freigeschaltet."
    )
    expect(page.get_by_text("Peter Wettlauf ist freigeschaltet.")).to_have_count(0)
    expect(page.get_by_role("cell", name="Peter Wettlauf")).to_have_count(0)
    assert _user(peter).status == UserStatus.APPROVED  # type: ignore[union-attr]
    [event] = _audit("approve_user", peter)
    assert event.actor_id != id_of(_admin_of_page())
    # One mail: the first admin's (sent by this process); the portal sent none.
    assert [m.to for m in sent] == ["peter.wettlauf@example.org"]
    assert _mails_to(apps, "peter.wettlauf@example.org") == []


def _admin_of_page() -> User:
    with session_scope() as db:
        return db.exec(select(User).where(User.email == DELBRUECK_ADMIN)).one()
