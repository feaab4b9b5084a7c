"""Contact between citizens: conversations, messages, unread marks, mails and agreements."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

import pytest
from sqlmodel import Session, func, select

from dasnez_core.actor import ANONYMOUS, Actor
from dasnez_core.errors import DomainError, InvalidInput, NotAllowed, NotFound
from dasnez_core.formatting import format_number, parse_decimal
from dasnez_core.models import (
    Agreement,
    Category,
    Conversation,
    ExchangeType,
    Kommune,
    Listing,
    ListingStatus,
    Message,
    User,
    UserStatus,
    utcnow,
)
from dasnez_core.services import contact
from dasnez_core.throttle import throttle
from tests import factories as f
from tests.utils.smtp import Inbox, smtp_server


@dataclass
class World:
    here: Kommune
    other: Kommune
    taschengeld: Category
    zeitspende: Category
    nachbarschaft: Category
    jonas: User
    maria: User
    eva: User
    pending: User
    blocked: User
    anna: User
    bernd: User
    listing: Listing
    foreign_listing: Listing
    foreign_conversation: Conversation


def build_world(db: Session) -> World:
    """Delbrück with Jonas's offer, and Bad Lippspringe with a conversation of its own."""
    here = f.kommune(db)
    other = f.kommune(db, slug="bad-lippspringe", name="Bad Lippspringe")
    boke = f.district(db, here, "Boke")
    _, taschengeld = f.exchange_with_category(db, here, ExchangeType.TASCHENGELD, "Einkaufen")
    _, zeitspende = f.exchange_with_category(db, here, ExchangeType.ZEITSPENDE, "Vorlesen")
    _, nachbarschaft = f.exchange_with_category(db, here)
    _, other_cat = f.exchange_with_category(db, other)
    jonas = f.user(db, here, "jonas@example.org", name="Jonas Becker", area=boke)
    maria = f.user(db, here, "maria@example.org", name="Maria Schneider", area=boke)
    anna = f.user(db, other, "anna@example.org", name="Anna Krüger")
    bernd = f.user(db, other, "bernd@example.org", name="Bernd Brandt")
    foreign_listing = f.listing_of(db, anna, other_cat, title="Laub rechen")
    foreign_conversation = f.conversation_about(db, foreign_listing, bernd)
    f.message_in(db, foreign_conversation, bernd, "Ich kann helfen.")
    return World(
        here=here,
        other=other,
        taschengeld=taschengeld,
        zeitspende=zeitspende,
        nachbarschaft=nachbarschaft,
        jonas=jonas,
        maria=maria,
        eva=f.user(db, here, "eva@example.org", name="Eva Lange"),
        pending=f.user(db, here, "neu@example.org", status=UserStatus.PENDING),
        blocked=f.user(db, here, "gesperrt@example.org", status=UserStatus.BLOCKED),
        anna=anna,
        bernd=bernd,
        listing=f.listing_of(db, jonas, taschengeld, title="Einkaufen für Senioren"),
        foreign_listing=foreign_listing,
        foreign_conversation=foreign_conversation,
    )


@pytest.fixture
def w(db: Session) -> World:
    return build_world(db)


def _as(db: Session, u: User) -> Actor:
    return f.actor(db, u)


def _count(db: Session, model: type) -> int:
    return int(db.exec(select(func.count()).select_from(model)).one())


def _started(db: Session, w: World, listing: Listing | None = None) -> int:
    """Maria opens the conversation about Jonas's listing and writes the first message."""
    listing = listing or w.listing
    maria = _as(db, w.maria)
    cid = contact.start_conversation(db, maria, w.here.id, listing.id)
    contact.send_message(db, maria, w.here.id, cid, "Guten Tag, ich hätte Interesse.")
    return cid


def _set(db: Session, row: object, **values: object) -> None:
    for name, value in values.items():
        setattr(row, name, value)
    db.add(row)
    db.flush()


# --- starting a conversation --------------------------------------------------------------


def test_one_conversation_per_listing_and_writer(db: Session, w: World) -> None:
    maria = _as(db, w.maria)
    first = contact.start_conversation(db, maria, w.here.id, w.listing.id)
    again = contact.start_conversation(db, maria, w.here.id, w.listing.id)
    assert first == again
    conversation = db.get(Conversation, first)
    assert (conversation.author_id, conversation.starter_id) == (w.jonas.id, w.maria.id)
    eva_conversation = contact.start_conversation(db, _as(db, w.eva), w.here.id, w.listing.id)
    assert eva_conversation != first


@pytest.mark.parametrize(
    ("who", "key"),
    [
        ("anonymous", "auth.required"),
        ("pending", "contact.account_pending"),
        ("blocked", "error.not_allowed"),
        ("anna", "error.not_allowed"),
    ],
)
def test_wrong_people_cannot_start_a_conversation(
    db: Session, w: World, who: str, key: str
) -> None:
    actor = ANONYMOUS if who == "anonymous" else _as(db, getattr(w, who))
    before = _count(db, Conversation)
    with pytest.raises(NotAllowed) as err:
        contact.start_conversation(db, actor, w.here.id, w.listing.id)
    assert err.value.key == key
    assert _count(db, Conversation) == before


def test_another_kommunes_listing_is_not_found(db: Session, w: World) -> None:
    before = _count(db, Conversation)
    with pytest.raises(NotFound):
        contact.start_conversation(db, _as(db, w.anna), w.other.id, w.listing.id)
    with pytest.raises(NotFound):
        contact.start_conversation(db, _as(db, w.maria), w.here.id, w.foreign_listing.id)
    assert _count(db, Conversation) == before


def test_nobody_writes_to_themselves(db: Session, w: World) -> None:
    with pytest.raises(NotAllowed) as err:
        contact.start_conversation(db, _as(db, w.jonas), w.here.id, w.listing.id)
    assert err.value.key == "contact.own_listing"


@pytest.mark.parametrize(
    "change",
    [
        {"status": ListingStatus.CLOSED},
        {"status": ListingStatus.REMOVED},
        {"status": ListingStatus.EXPIRED},
        {"expires_at": "past"},
        {"closed_at": "now"},
    ],
)
def test_inactive_listing_cannot_be_contacted(db: Session, w: World, change: dict) -> None:
    values = {
        k: (utcnow() - timedelta(minutes=1) if v in ("past", "now") else v)
        for k, v in change.items()
    }
    _set(db, w.listing, **values)
    before = _count(db, Conversation)
    with pytest.raises(NotAllowed) as err:
        contact.start_conversation(db, _as(db, w.maria), w.here.id, w.listing.id)
    assert err.value.key == "contact.listing_inactive"
    assert _count(db, Conversation) == before


def test_listing_of_a_blocked_author_cannot_be_contacted(db: Session, w: World) -> None:
    _set(db, w.jonas, status=UserStatus.BLOCKED)
    with pytest.raises(NotAllowed) as err:
        contact.start_conversation(db, _as(db, w.maria), w.here.id, w.listing.id)
    assert err.value.key == "contact.listing_inactive"


@pytest.mark.parametrize("status", [ListingStatus.DRAFT, ListingStatus.PENDING])
def test_unpublished_listing_is_not_found(db: Session, w: World, status: str) -> None:
    _set(db, w.listing, status=status)
    with pytest.raises(NotFound):
        contact.start_conversation(db, _as(db, w.maria), w.here.id, w.listing.id)


def test_existing_conversation_stays_open_after_the_listing_ended(db: Session, w: World) -> None:
    cid = _started(db, w)
    _set(db, w.listing, status=ListingStatus.CLOSED, closed_at=utcnow())
    maria = _as(db, w.maria)
    assert contact.start_conversation(db, maria, w.here.id, w.listing.id) == cid
    contact.send_message(db, _as(db, w.jonas), w.here.id, cid, "Danke, hat sich erledigt.")
    assert contact.thread(db, maria, w.here.id, cid).reply_refused == ""


def test_first_message_to_an_ended_listing_is_refused(db: Session, w: World) -> None:
    maria = _as(db, w.maria)
    cid = contact.start_conversation(db, maria, w.here.id, w.listing.id)
    _set(db, w.listing, status=ListingStatus.CLOSED)
    with pytest.raises(NotAllowed) as err:
        contact.send_message(db, maria, w.here.id, cid, "Hallo?")
    assert err.value.key == "contact.listing_inactive"
    assert contact.thread(db, maria, w.here.id, cid).reply_refused == "contact.listing_inactive"
    assert _count(db, Message) == 1  # the other Kommune's only


def test_removed_listing_ends_the_conversation(db: Session, w: World) -> None:
    cid = _started(db, w)
    _set(db, w.listing, status=ListingStatus.REMOVED)
    with pytest.raises(NotAllowed) as err:
        contact.send_message(db, _as(db, w.jonas), w.here.id, cid, "Noch da?")
    assert err.value.key == "contact.listing_inactive"


# --- writing and reading ---------------------------------------------------------------------


def test_both_participants_see_the_whole_thread_as_text(db: Session, w: World) -> None:
    cid = _started(db, w)
    jonas, maria = _as(db, w.jonas), _as(db, w.maria)
    script = "<script>alert('x')</script> <b>fett</b>"
    contact.send_message(db, jonas, w.here.id, cid, "Gern! Wann passt es Ihnen?")
    contact.send_message(db, maria, w.here.id, cid, script)
    for actor, me in ((maria, "Maria Schneider"), (jonas, "Jonas Becker")):
        view = contact.thread(db, actor, w.here.id, cid)
        assert [(m.sender_name, m.body) for m in view.messages] == [
            ("Maria Schneider", "Guten Tag, ich hätte Interesse."),
            ("Jonas Becker", "Gern! Wann passt es Ihnen?"),
            ("Maria Schneider", script),
        ]
        assert [m.mine for m in view.messages] == [m.sender_name == me for m in view.messages]
        assert view.listing_title == "Einkaufen für Senioren"
        assert view.kommune_slug == "delbrueck"
        assert view.reply_refused == ""
        assert all(len(m.sent_at) == len("14.03.2026 16:05") for m in view.messages)
    assert contact.thread(db, maria, w.here.id, cid).other_name == "Jonas Becker"
    assert contact.thread(db, jonas, w.here.id, cid).other_name == "Maria Schneider"


def test_long_threads_come_in_pages_newest_first(db: Session, w: World) -> None:
    cid = _started(db, w)
    maria = _as(db, w.maria)
    for n in range(contact.THREAD_PAGE_SIZE):
        throttle().clear_all()  # a long thread, not a burst: the message limit is not tested here
        contact.send_message(db, maria, w.here.id, cid, f"Nachricht {n}")
    newest = contact.thread(db, maria, w.here.id, cid)
    assert len(newest.messages) == contact.THREAD_PAGE_SIZE and newest.has_older
    assert newest.messages[-1].body == f"Nachricht {contact.THREAD_PAGE_SIZE - 1}"
    assert newest.messages[0].body == "Nachricht 0"
    older = contact.thread(db, maria, w.here.id, cid, page=2)
    assert [m.body for m in older.messages] == ["Guten Tag, ich hätte Interesse."]
    assert not older.has_older


@pytest.mark.parametrize(
    ("body", "key"),
    [
        ("", "contact.body_required"),
        (" \n\t ", "contact.body_required"),
        ("x" * 2001, "contact.body_too_long"),
    ],
)
def test_message_length_is_checked(db: Session, w: World, body: str, key: str) -> None:
    cid = _started(db, w)
    before = _count(db, Message)
    with pytest.raises(InvalidInput) as err:
        contact.send_message(db, _as(db, w.maria), w.here.id, cid, body)
    assert (err.value.field, err.value.key) == ("body", key)
    assert _count(db, Message) == before
    contact.send_message(db, _as(db, w.maria), w.here.id, cid, "x" * 2000)
    assert _count(db, Message) == before + 1


def test_non_participant_of_the_same_kommune_finds_nothing(db: Session, w: World) -> None:
    cid = _started(db, w)
    eva = _as(db, w.eva)
    before = _count(db, Message)
    for call in (
        lambda: contact.thread(db, eva, w.here.id, cid),
        lambda: contact.send_message(db, eva, w.here.id, cid, "Ich lese mit"),
        lambda: contact.mark_read(db, eva, w.here.id, cid),
        lambda: contact.confirm_agreement(db, eva, w.here.id, cid, "10"),
    ):
        with pytest.raises(NotFound):
            call()
    assert _count(db, Message) == before
    assert _count(db, Agreement) == 0
    assert contact.conversations(db, eva, w.here.id).rows == []


def test_forged_conversation_id_of_another_kommune_changes_nothing(db: Session, w: World) -> None:
    maria = _as(db, w.maria)
    foreign = w.foreign_conversation.id
    before = (_count(db, Message), w.foreign_conversation.starter_read_at)
    for call in (
        lambda: contact.thread(db, maria, w.here.id, foreign),
        lambda: contact.send_message(db, maria, w.here.id, foreign, "Hallo"),
        lambda: contact.mark_read(db, maria, w.here.id, foreign),
        lambda: contact.confirm_agreement(db, maria, w.here.id, foreign, "10"),
    ):
        with pytest.raises(NotFound):
            call()
    # Also when the caller names the other Kommune: the rules refuse before any lookup.
    with pytest.raises(NotAllowed):
        contact.send_message(db, maria, w.other.id, foreign, "Hallo")
    db.refresh(w.foreign_conversation)
    assert (_count(db, Message), w.foreign_conversation.starter_read_at) == before
    assert _count(db, Agreement) == 0


@pytest.mark.parametrize(
    ("who", "key"),
    [
        ("anonymous", "auth.required"),
        ("pending", "contact.account_pending"),
        ("blocked", "error.not_allowed"),
        ("anna", "error.not_allowed"),
    ],
)
def test_wrong_people_cannot_write(db: Session, w: World, who: str, key: str) -> None:
    cid = _started(db, w)
    actor = ANONYMOUS if who == "anonymous" else _as(db, getattr(w, who))
    before = _count(db, Message)
    with pytest.raises(NotAllowed) as err:
        contact.send_message(db, actor, w.here.id, cid, "Hallo")
    assert err.value.key == key
    assert _count(db, Message) == before


@pytest.mark.parametrize("who", ["anonymous", "blocked", "anna"])
def test_wrong_people_cannot_read(db: Session, w: World, who: str) -> None:
    cid = _started(db, w)
    actor = ANONYMOUS if who == "anonymous" else _as(db, getattr(w, who))
    with pytest.raises(NotAllowed):
        contact.thread(db, actor, w.here.id, cid)
    with pytest.raises(NotAllowed):
        contact.conversations(db, actor, w.here.id)
    assert contact.unread_count(db, actor, w.here.id) == 0


def test_pending_person_reads_an_empty_list(db: Session, w: World) -> None:
    _started(db, w)
    pending = _as(db, w.pending)
    assert contact.conversations(db, pending, w.here.id).rows == []
    assert contact.unread_count(db, pending, w.here.id) == 0


def test_conversation_with_a_blocked_person_stays_readable_but_refuses_replies(
    db: Session, w: World
) -> None:
    cid = _started(db, w)
    contact.send_message(db, _as(db, w.jonas), w.here.id, cid, "Gern!")
    _set(db, w.jonas, status=UserStatus.BLOCKED)
    maria = _as(db, w.maria)
    view = contact.thread(db, maria, w.here.id, cid)
    assert [m.body for m in view.messages][-1] == "Gern!"
    assert view.reply_refused == "contact.partner_blocked"
    before = _count(db, Message)
    with pytest.raises(NotAllowed) as err:
        contact.send_message(db, maria, w.here.id, cid, "Hallo?")
    assert err.value.key == "contact.partner_blocked"
    with pytest.raises(NotAllowed):
        contact.confirm_agreement(db, maria, w.here.id, cid, "5")
    assert _count(db, Message) == before
    assert [r.id for r in contact.conversations(db, maria, w.here.id).rows] == [cid]


def test_email_is_shown_only_when_its_owner_shares_it(db: Session, w: World) -> None:
    cid = _started(db, w)
    maria, jonas = _as(db, w.maria), _as(db, w.jonas)
    assert contact.thread(db, maria, w.here.id, cid).other_email == ""
    assert contact.thread(db, jonas, w.here.id, cid).other_email == ""
    _set(db, w.jonas, share_email=True)
    assert contact.thread(db, maria, w.here.id, cid).other_email == "jonas@example.org"
    # Jonas sharing his address says nothing about Maria's.
    assert "maria@example.org" not in repr(contact.thread(db, jonas, w.here.id, cid))
    assert "@" not in repr(contact.conversations(db, jonas, w.here.id))


# --- the list and unread marks ---------------------------------------------------------------


def test_unread_counts_follow_who_wrote_and_who_read(db: Session, w: World) -> None:
    maria, jonas = _as(db, w.maria), _as(db, w.jonas)
    cid = contact.start_conversation(db, maria, w.here.id, w.listing.id)
    assert contact.unread_count(db, jonas, w.here.id) == 0  # nothing written yet
    assert contact.conversations(db, jonas, w.here.id).rows == []  # nor listed for him
    assert [r.has_messages for r in contact.conversations(db, maria, w.here.id).rows] == [False]
    contact.send_message(db, maria, w.here.id, cid, "Hallo Jonas")
    contact.send_message(db, maria, w.here.id, cid, "Noch eine Frage")
    assert contact.unread_count(db, jonas, w.here.id) == 1
    assert contact.unread_count(db, maria, w.here.id) == 0  # her own messages
    [row] = contact.conversations(db, jonas, w.here.id).rows
    assert (row.listing_title, row.other_name, row.unread) == (
        "Einkaufen für Senioren",
        "Maria Schneider",
        True,
    )
    contact.mark_read(db, jonas, w.here.id, cid)
    assert contact.unread_count(db, jonas, w.here.id) == 0
    assert not contact.conversations(db, jonas, w.here.id).rows[0].unread
    contact.send_message(db, jonas, w.here.id, cid, "Antwort")
    assert contact.unread_count(db, maria, w.here.id) == 1
    assert contact.unread_count(db, jonas, w.here.id) == 0
    assert contact.conversations(db, maria, w.here.id).rows[0].other_name == "Jonas Becker"


def test_own_newest_message_is_never_unread(db: Session, w: World) -> None:
    """Unread means: newest message after the person's last reading AND not their own,
    also when nothing was ever marked read (rows written by hand, as an import would)."""
    conversation = f.conversation_about(db, w.listing, w.maria)
    f.message_in(db, conversation, w.maria, "Hallo")
    _set(db, conversation, last_message_at=utcnow(), author_read_at=None, starter_read_at=None)
    assert contact.unread_count(db, _as(db, w.maria), w.here.id) == 0
    assert contact.unread_count(db, _as(db, w.jonas), w.here.id) == 1
    assert [r.unread for r in contact.conversations(db, _as(db, w.maria), w.here.id).rows] == [
        False
    ]


def test_list_is_newest_first_and_paginated(db: Session, w: World) -> None:
    maria = _as(db, w.maria)
    ids = []
    for n in range(contact.PAGE_SIZE + 1):
        listing = f.listing_of(db, w.jonas, w.taschengeld, title=f"Eintrag {n}")
        ids.append(_started(db, w, listing))
    first = contact.conversations(db, maria, w.here.id)
    assert len(first.rows) == contact.PAGE_SIZE and first.has_next
    assert [r.id for r in first.rows] == ids[::-1][: contact.PAGE_SIZE]
    second = contact.conversations(db, maria, w.here.id, page=2)
    assert [r.id for r in second.rows] == [ids[0]] and not second.has_next
    # A new message moves its conversation to the top.
    contact.send_message(db, _as(db, w.jonas), w.here.id, ids[0], "Noch aktuell!")
    assert contact.conversations(db, maria, w.here.id).rows[0].id == ids[0]


def test_mail_goes_out_once_while_messages_are_unread(
    db: Session, w: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    maria, jonas = _as(db, w.maria), _as(db, w.jonas)
    with smtp_server() as (inbox, port):
        monkeypatch.setenv("DASNEZ_SMTP_HOST", "127.0.0.1")
        monkeypatch.setenv("DASNEZ_SMTP_PORT", str(port))
        monkeypatch.setenv("DASNEZ_PUBLIC_URL", "https://dasnez.example")
        cid = contact.start_conversation(db, maria, w.here.id, w.listing.id)
        contact.send_message(db, maria, w.here.id, cid, "Geheimer Inhalt 1")
        db.commit()
        [mail] = inbox.to("jonas@example.org")
        assert mail["Subject"] == "Neue Nachricht zu Einkaufen für Senioren"
        body = Inbox.text(mail)
        assert f"https://dasnez.example/nachrichten/{cid}" in body
        assert "Maria Schneider" in body
        assert "Geheimer Inhalt" not in body and "maria@example.org" not in body
        contact.send_message(db, maria, w.here.id, cid, "Geheimer Inhalt 2")
        db.commit()
        assert len(inbox.to("jonas@example.org")) == 1  # still unread: no second mail
        contact.mark_read(db, jonas, w.here.id, cid)
        db.commit()
        contact.send_message(db, maria, w.here.id, cid, "Geheimer Inhalt 3")
        db.commit()
        assert len(inbox.to("jonas@example.org")) == 2
        contact.send_message(db, jonas, w.here.id, cid, "Antwort")
        db.commit()
        assert [m["Subject"] for m in inbox.to("maria@example.org")] == [
            "Neue Nachricht zu Einkaufen für Senioren"
        ]
        # A refused message sends nothing.
        with pytest.raises(DomainError):
            contact.send_message(db, _as(db, w.eva), w.here.id, cid, "Hallo")
        db.rollback()
        assert len(inbox.messages) == 3


# --- agreement ----------------------------------------------------------------------------------


def test_offer_agreement_confirmed_by_both(db: Session, w: World) -> None:
    cid = _started(db, w)
    maria, jonas = _as(db, w.maria), _as(db, w.jonas)
    assert contact.thread(db, maria, w.here.id, cid).agreement.value_kind == "amount"
    assert contact.confirm_agreement(db, maria, w.here.id, cid, "12,50 €") is False
    agreement = db.exec(select(Agreement)).one()
    # An offer: its author helps, the person who wrote is helped.
    assert (agreement.helper_id, agreement.seeker_id) == (w.jonas.id, w.maria.id)
    assert agreement.amount_cents == 1250 and agreement.hours is None
    assert agreement.seeker_done_at is not None and agreement.helper_done_at is None
    seen_by_jonas = contact.thread(db, jonas, w.here.id, cid).agreement
    assert (seen_by_jonas.i_confirmed, seen_by_jonas.other_confirmed) == (False, True)
    assert seen_by_jonas.value == "12,50" and not seen_by_jonas.done
    with pytest.raises(NotAllowed) as err:
        contact.confirm_agreement(db, maria, w.here.id, cid, "99")
    assert err.value.key == "agreement.already_confirmed"
    assert contact.confirm_agreement(db, jonas, w.here.id, cid) is True
    db.refresh(agreement)
    assert agreement.amount_cents == 1250  # the confirmation does not change the record
    assert contact.thread(db, maria, w.here.id, cid).agreement.done
    assert contact.thread(db, jonas, w.here.id, cid).agreement.done
    assert _count(db, Agreement) == 1


def test_request_agreement_makes_the_writer_the_helper(db: Session, w: World) -> None:
    request = f.listing_of(db, w.jonas, w.zeitspende, title="Vorlesen gesucht")
    _set(db, request, kind="request")
    cid = _started(db, w, request)
    contact.confirm_agreement(db, _as(db, w.jonas), w.here.id, cid, "1,5")
    agreement = db.exec(select(Agreement)).one()
    assert (agreement.helper_id, agreement.seeker_id) == (w.maria.id, w.jonas.id)
    assert agreement.hours == 1.5 and agreement.helper_done_at is None
    assert contact.thread(db, _as(db, w.maria), w.here.id, cid).agreement.value == "1,5"


def test_agreement_without_a_value_for_other_exchanges(db: Session, w: World) -> None:
    listing = f.listing_of(db, w.jonas, w.nachbarschaft, title="Regal aufhängen")
    cid = _started(db, w, listing)
    contact.confirm_agreement(db, _as(db, w.maria), w.here.id, cid, "")
    agreement = db.exec(select(Agreement)).one()
    assert agreement.hours is None and agreement.amount_cents is None


@pytest.mark.parametrize(
    ("raw", "key", "stored"),
    [
        ("", "agreement.hours_required", None),
        ("0,1", "agreement.hours_invalid", None),
        ("100,5", "agreement.hours_invalid", None),
        ("zwei", "agreement.hours_invalid", None),
        ("-1", "agreement.hours_invalid", None),
        ("1,5,5", "agreement.hours_invalid", None),
        ("0,25", None, 0.25),
        ("100", None, 100.0),
        ("2.5", None, 2.5),
    ],
)
def test_hours_are_checked(
    db: Session, w: World, raw: str, key: str | None, stored: float | None
) -> None:
    listing = f.listing_of(db, w.jonas, w.zeitspende, title="Vorlesen")
    cid = _started(db, w, listing)
    if key is None:
        contact.confirm_agreement(db, _as(db, w.maria), w.here.id, cid, raw)
        assert db.exec(select(Agreement)).one().hours == stored
        return
    with pytest.raises(InvalidInput) as err:
        contact.confirm_agreement(db, _as(db, w.maria), w.here.id, cid, raw)
    assert (err.value.field, err.value.key) == ("value", key)
    assert _count(db, Agreement) == 0


@pytest.mark.parametrize(
    ("raw", "key", "cents"),
    [
        ("", "agreement.amount_required", None),
        ("-1", "agreement.amount_invalid", None),
        ("500,01", "agreement.amount_invalid", None),
        ("12,345", "agreement.amount_invalid", None),
        ("viel", "agreement.amount_invalid", None),
        ("0", None, 0),
        ("500", None, 50000),
        ("12,5 €", None, 1250),
        ("7.20", None, 720),
    ],
)
def test_amounts_are_checked(
    db: Session, w: World, raw: str, key: str | None, cents: int | None
) -> None:
    cid = _started(db, w)
    if key is None:
        contact.confirm_agreement(db, _as(db, w.maria), w.here.id, cid, raw)
        assert db.exec(select(Agreement)).one().amount_cents == cents
        return
    with pytest.raises(InvalidInput) as err:
        contact.confirm_agreement(db, _as(db, w.maria), w.here.id, cid, raw)
    assert (err.value.field, err.value.key) == ("value", key)
    assert _count(db, Agreement) == 0


def test_agreement_needs_a_message_first(db: Session, w: World) -> None:
    maria = _as(db, w.maria)
    cid = contact.start_conversation(db, maria, w.here.id, w.listing.id)
    with pytest.raises(NotAllowed) as err:
        contact.confirm_agreement(db, maria, w.here.id, cid, "10")
    assert err.value.key == "agreement.needs_messages"
    assert _count(db, Agreement) == 0


@pytest.mark.parametrize(
    ("who", "key"),
    [
        ("anonymous", "auth.required"),
        ("pending", "contact.account_pending"),
        ("blocked", "error.not_allowed"),
        ("anna", "error.not_allowed"),
    ],
)
def test_wrong_people_cannot_confirm(db: Session, w: World, who: str, key: str) -> None:
    cid = _started(db, w)
    actor = ANONYMOUS if who == "anonymous" else _as(db, getattr(w, who))
    with pytest.raises(NotAllowed) as err:
        contact.confirm_agreement(db, actor, w.here.id, cid, "10")
    assert err.value.key == key
    assert _count(db, Agreement) == 0


def test_numbers_are_read_and_written_the_german_way() -> None:
    assert parse_decimal(" 12,50 € ") == parse_decimal("12.5")
    assert parse_decimal("1.000,50") is None
    assert format_number(1.5) == "1,5"
    assert format_number(100.0) == "100"


def test_money_always_shows_its_cents_and_hours_drop_trailing_zeros(db: Session, w: World) -> None:
    # The amount is read back with cents ("12,50", never "12,5"), in the reader's language.
    cid = _started(db, w)
    contact.confirm_agreement(db, _as(db, w.maria), w.here.id, cid, "12,5")
    jonas = _as(db, w.jonas)
    assert contact.thread(db, jonas, w.here.id, cid).agreement.value == "12,50"
    assert contact.thread(db, jonas, w.here.id, cid, lang="en").agreement.value == "12.50"
    hours = f.listing_of(db, w.jonas, w.zeitspende, title="Vorlesen")
    hours_cid = _started(db, w, hours)
    contact.confirm_agreement(db, _as(db, w.maria), w.here.id, hours_cid, "2,50")
    assert contact.thread(db, jonas, w.here.id, hours_cid).agreement.value == "2,5"
    assert contact.thread(db, jonas, w.here.id, hours_cid, lang="en").agreement.value == "2.5"


@pytest.mark.parametrize(
    ("lang", "amount_limits", "hours_limits"),
    [("de", ("0", "500"), ("0,25", "100")), ("en", ("0", "500"), ("0.25", "100"))],
)
def test_limits_in_messages_follow_the_language(
    db: Session,
    w: World,
    lang: str,
    amount_limits: tuple[str, str],
    hours_limits: tuple[str, str],
) -> None:
    maria = _as(db, w.maria)
    with pytest.raises(InvalidInput) as err:
        contact.confirm_agreement(db, maria, w.here.id, _started(db, w), "600", lang=lang)
    assert (err.value.params["min"], err.value.params["max"]) == amount_limits
    hours = f.listing_of(db, w.jonas, w.zeitspende, title="Vorlesen")
    with pytest.raises(InvalidInput) as err:
        contact.confirm_agreement(db, maria, w.here.id, _started(db, w, hours), "0", lang=lang)
    assert (err.value.params["min"], err.value.params["max"]) == hours_limits


def test_message_times_follow_the_language(db: Session, w: World) -> None:
    cid = _started(db, w)
    maria = _as(db, w.maria)
    german = contact.thread(db, maria, w.here.id, cid).messages[0].sent_at
    english = contact.thread(db, maria, w.here.id, cid, lang="en").messages[0].sent_at
    assert german[2] == "." and english[2] == "/" and german[-5:] == english[-5:]
    row = contact.conversations(db, maria, w.here.id, lang="en").rows[0]
    assert row.last_message_at[2] == "/"
