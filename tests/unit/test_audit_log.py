"""The audit log: a Kommune's admins read their own Kommune's events, filtered and paged."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from sqlmodel import Session, col, select

from admin_portal.routes import audit_query
from admin_portal.routes import parse_audit as parse_filters
from dasnez_core.actor import ANONYMOUS
from dasnez_core.errors import InvalidInput, NotAllowed
from dasnez_core.models import AuditEvent, Role, UserStatus
from dasnez_core.services.approval import approve_user, decline_user
from dasnez_core.services.audit_log import AuditFilters, list_events
from dasnez_core.services.moderation import block_user, dismiss_listing_reports, remove_listing
from tests import factories as f


@pytest.fixture
def world(db: Session) -> dict:
    here = f.kommune(db)
    other = f.kommune(db, slug="bad-lippspringe", name="Bad Lippspringe")
    _, cat = f.exchange_with_category(db, here)
    maria = f.user(db, here, "maria@example.org", name="Maria Schneider")
    listing = f.listing_of(db, maria, cat, title="Rasen mähen")
    return {
        "here": here,
        "other": other,
        "maria": maria,
        "listing": listing,
        "report": f.report_on(db, f.listing_of(db, maria, cat, title="Hund ausführen"), None),
        "newcomer": f.user(db, here, "neu@example.org", status=UserStatus.PENDING, name="Peter"),
        "pending": f.user(db, here, "warte@example.org", status=UserStatus.PENDING),
        "admin": f.user(db, here, "admin@here.org", roles=(Role.KOMMUNE_ADMIN,), name="Amt"),
        "admin_other": f.user(
            db, other, "admin@other.org", roles=(Role.KOMMUNE_ADMIN,), name="Amt BL"
        ),
        "anna": f.user(db, other, "anna@example.org", name="Anna Krüger"),
        "platform": f.user(db, other, "ops@example.org", roles=(Role.PLATFORM_ADMIN,)),
    }


def _log(db: Session, w: dict) -> None:
    """Four actions in Delbrück, one in Bad Lippspringe."""
    here, admin = w["here"].id, f.actor(db, w["admin"])
    approve_user(db, admin, here, w["newcomer"].id)
    block_user(db, admin, here, w["maria"].id, "Wiederholt beleidigend")
    remove_listing(db, admin, here, w["listing"].id, "Gewerbliches Angebot")
    dismiss_listing_reports(db, admin, here, w["report"].listing_id, "Kein Verstoß erkennbar")
    block_user(db, f.actor(db, w["admin_other"]), w["other"].id, w["anna"].id, "Geheimer Grund BL")


def _at(db: Session, when: datetime) -> None:
    """Move every event to `when` (one second apart, in id order)."""
    events = db.exec(select(AuditEvent).order_by(col(AuditEvent.id))).all()
    for offset, event in enumerate(events):
        event.at = when + timedelta(seconds=offset)
        db.add(event)
    db.flush()


def test_admin_reads_who_did_what_to_whom_and_why_newest_first(db: Session, world: dict) -> None:
    _log(db, world)
    page = list_events(db, f.actor(db, world["admin"]), world["here"].id, AuditFilters())
    assert page.total == 4 and page.pages == 1
    assert [
        (r.actor_name, r.action, r.target_type, r.target_name, r.reason) for r in page.rows
    ] == [
        ("Amt", "dismiss_report", "report", "Hund ausführen", "Kein Verstoß erkennbar"),
        ("Amt", "remove_listing", "listing", "Rasen mähen", "Gewerbliches Angebot"),
        ("Amt", "block_user", "user", "Maria Schneider", "Wiederholt beleidigend"),
        ("Amt", "approve_user", "user", "Peter", ""),
    ]
    assert all(len(r.at) == len("29.11.2026 22:38") for r in page.rows)


def test_the_other_kommunes_admin_sees_only_their_own_events(db: Session, world: dict) -> None:
    _log(db, world)
    page = list_events(
        db, f.actor(db, world["admin_other"]), world["other"].id, AuditFilters(text="")
    )
    assert [(r.action, r.target_name, r.reason) for r in page.rows] == [
        ("block_user", "Anna Krüger", "Geheimer Grund BL")
    ]
    # Searching for Delbrück's names or reasons finds nothing either.
    for text, found in (("Maria", []), ("Gewerblich", []), ("Amt", ["Anna Krüger"])):
        rows = list_events(
            db, f.actor(db, world["admin_other"]), world["other"].id, AuditFilters(text=text)
        ).rows
        assert [r.target_name for r in rows] == found, text


def test_a_target_of_another_kommune_is_never_named(db: Session, world: dict) -> None:
    # An event whose target id happens to be a person of the other Kommune.
    db.add(
        AuditEvent(
            kommune_id=world["here"].id,
            actor_id=world["admin"].id,
            action="block_user",
            target_type="user",
            target_id=world["anna"].id,
        )
    )
    db.flush()
    [row] = list_events(db, f.actor(db, world["admin"]), world["here"].id, AuditFilters()).rows
    assert row.target_name == ""


def test_a_declined_persons_entry_stays_without_their_name(db: Session, world: dict) -> None:
    admin = f.actor(db, world["admin"])
    decline_user(db, admin, world["here"].id, world["pending"].id, "Kein Wohnsitz")
    [row] = list_events(db, admin, world["here"].id, AuditFilters()).rows
    assert (row.action, row.target_type, row.target_name, row.reason) == (
        "decline_user",
        "user",
        "",
        "Kein Wohnsitz",
    )


def test_filter_by_action_and_text(db: Session, world: dict) -> None:
    _log(db, world)
    admin, here = f.actor(db, world["admin"]), world["here"].id
    blocks = list_events(db, admin, here, AuditFilters(action="block_user")).rows
    assert [r.target_name for r in blocks] == ["Maria Schneider"]
    assert list_events(db, admin, here, AuditFilters(action="no_such_action")).rows == []
    for text, actions in (
        ("gewerblich", ["remove_listing"]),  # in the reason, any case
        ("Hund", ["dismiss_report"]),  # the reported listing's title
        ("schneider", ["block_user"]),  # the target person's name
        ("Amt", ["dismiss_report", "remove_listing", "block_user", "approve_user"]),  # who
        ("%", []),  # a wildcard is a plain character
    ):
        rows = list_events(db, admin, here, AuditFilters(text=text)).rows
        assert [r.action for r in rows] == actions, text


def test_filter_by_german_calendar_days(db: Session, world: dict) -> None:
    _log(db, world)
    admin, here = f.actor(db, world["admin"]), world["here"].id
    # 23:30 UTC on 9 March is already 10 March in Germany.
    _at(db, datetime(2026, 3, 9, 23, 30, tzinfo=UTC))
    assert list_events(db, admin, here, AuditFilters(date_to=date(2026, 3, 9))).total == 0
    assert list_events(db, admin, here, AuditFilters(date_from=date(2026, 3, 10))).total == 4
    within = AuditFilters(date_from=date(2026, 3, 10), date_to=date(2026, 3, 10))
    page = list_events(db, admin, here, within)
    assert page.total == 4 and page.rows[0].at == "10.03.2026 00:30"
    assert list_events(db, admin, here, AuditFilters(date_from=date(2026, 3, 11))).total == 0


def test_parse_filters_refuses_bad_dates_and_a_reversed_range() -> None:
    with pytest.raises(InvalidInput) as err:
        parse_filters(date_from="2026-03-10", date_to="2026-03-09")
    assert (err.value.key, err.value.field) == ("audit.range_invalid", "date_to")
    with pytest.raises(InvalidInput) as err:
        parse_filters(date_from="gestern")
    assert err.value.key == "audit.date_invalid"
    with pytest.raises(InvalidInput) as err:
        parse_filters(text="x" * 101)
    assert err.value.key == "audit.text_too_long"
    same_day = parse_filters(date_from="2026-03-10", date_to="2026-03-10", page="2")
    assert (same_day.date_from, same_day.date_to, same_day.page) == (
        date(2026, 3, 10),
        date(2026, 3, 10),
        2,
    )
    assert audit_query(same_day) == "von=2026-03-10&bis=2026-03-10&seite=2"
    for bad_page in ("0", "-1", "zwei", "9999999999"):
        assert parse_filters(page=bad_page).page == 1


def test_fifty_a_page_and_a_page_past_the_end_shows_the_last(db: Session, world: dict) -> None:
    for number in range(51):
        db.add(
            AuditEvent(
                kommune_id=world["here"].id,
                actor_id=world["admin"].id,
                action="approve_user",
                target_type="user",
                target_id=None,
                reason=f"Nummer {number}",
            )
        )
    db.flush()
    _at(db, datetime(2026, 3, 10, 8, 0, tzinfo=UTC))
    admin, here = f.actor(db, world["admin"]), world["here"].id
    first = list_events(db, admin, here, AuditFilters())
    assert (first.total, first.pages, len(first.rows)) == (51, 2, 50)
    assert first.rows[0].reason == "Nummer 50"
    last = list_events(db, admin, here, AuditFilters(page=7))
    assert last.page == 2 and [r.reason for r in last.rows] == ["Nummer 0"]


@pytest.mark.parametrize("who", ["anonymous", "maria", "pending", "platform", "blocked_admin"])
def test_only_the_kommunes_admins_read_its_log(db: Session, world: dict, who: str) -> None:
    _log(db, world)
    if who == "blocked_admin":
        world["admin"].status = UserStatus.BLOCKED
        db.add(world["admin"])
        db.flush()
        who = "admin"
    actor = ANONYMOUS if who == "anonymous" else f.actor(db, world[who])
    with pytest.raises(NotAllowed):
        list_events(db, actor, world["here"].id, AuditFilters())
    # The other Kommune's admin may not name Delbrück either.
    with pytest.raises(NotAllowed):
        list_events(db, f.actor(db, world["admin_other"]), world["here"].id, AuditFilters())


def test_every_audited_action_and_target_has_a_german_name() -> None:
    """Scan the services for what they audit: the log shows each in words, not codes."""
    import re
    from pathlib import Path

    from dasnez_core.messages import MESSAGES
    from dasnez_core.models import AuditAction
    from dasnez_core.services.audit_log import ACTIONS, TARGET_TYPES

    source = "".join(
        p.read_text("utf-8")
        for p in (Path(__file__).resolve().parents[2] / "dasnez_core" / "services").glob("*.py")
    )
    # Every action the services can record is an AuditAction (plus any string literal a
    # service still passes), and the log names each in both languages.
    actions = {a.value for a in AuditAction} | set(re.findall(r'action="([a-z_]+)"', source))
    assert set(re.findall(r"AuditAction\.([A-Z_]+)", source)) <= AuditAction.__members__.keys()
    targets = set(re.findall(r'target_type="([a-z_]+)"', source))
    assert actions and targets
    assert actions <= set(ACTIONS)
    assert targets <= set(TARGET_TYPES)
    assert all(f"audit.action.{a}" in MESSAGES for a in ACTIONS)
    assert all(f"audit.target.{t}" in MESSAGES for t in TARGET_TYPES)
    for action in AuditAction:
        german, english = MESSAGES[action.label_key]
        assert german.strip() and english.strip(), action
