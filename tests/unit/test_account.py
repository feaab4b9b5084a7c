"""The citizen's own account: profile, password, reset link, email change, export, deletion,
and the mail that tells a person their account is approved."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from datetime import timedelta

import pytest
from sqlmodel import Session, SQLModel, col, func, select

from dasnez_core.actor import ANONYMOUS, Actor
from dasnez_core.errors import DomainError, InvalidInput, NotAllowed
from dasnez_core.models import (
    AccountToken,
    AccountTokenPurpose,
    Agreement,
    AuditEvent,
    ConsentRecord,
    Conversation,
    Listing,
    ListingReport,
    Message,
    Rating,
    Role,
    RoleGrant,
    User,
    UserSocialSpace,
    UserStatus,
    utcnow,
)
from dasnez_core.passwords import verify_password
from dasnez_core.services import auth
from dasnez_core.services.account import (
    ProfileUpdate,
    change_password,
    check_reset_token,
    confirm_email_change,
    delete_account,
    export_own_data,
    get_profile,
    pending_email,
    request_email_change,
    request_password_reset,
    reset_password,
    update_profile,
)
from dasnez_core.services.approval import approve_user
from dasnez_core.services.sessions import create_session, hash_token, resolve_session
from dasnez_core.throttle import TooManyAttempts
from tests import factories as f
from tests.utils.smtp import Inbox, smtp_server

NEW_PASSWORD = "Der Kirschbaum trägt im Juni"
BASE_URL = "https://dasnez.example"


@pytest.fixture
def inbox(monkeypatch: pytest.MonkeyPatch) -> Iterator[Inbox]:
    """A real SMTP server that the mail module delivers to once a transaction commits."""
    with smtp_server() as (box, port):
        monkeypatch.setenv("DASNEZ_SMTP_HOST", "127.0.0.1")
        monkeypatch.setenv("DASNEZ_SMTP_PORT", str(port))
        monkeypatch.setenv("DASNEZ_PUBLIC_URL", BASE_URL)
        yield box


@pytest.fixture
def world(db: Session) -> dict:
    here = f.kommune(db)
    other = f.kommune(db, slug="bad-lippspringe", name="Bad Lippspringe")
    boke = f.district(db, here, "Boke")
    _, cat = f.exchange_with_category(db, here)
    return {
        "here": here,
        "other": other,
        "boke": boke,
        "hagen": f.district(db, here, "Hagen"),
        "other_area": f.district(db, other, "Kernstadt"),
        "cat": cat,
        "parish": f.social_space(db, here),
        "school": f.social_space(db, here, "Grundschule Westenholz"),
        "other_space": f.social_space(db, other, "Pfarrei St. Martin"),
        "maria": f.user(db, here, "maria@example.org", name="Maria", area=boke),
        "jonas": f.user(db, here, "jonas@example.org", name="Jonas", area=boke),
        "pending": f.user(db, here, "neu@example.org", status=UserStatus.PENDING, area=boke),
        "blocked": f.user(db, here, "weg@example.org", status=UserStatus.BLOCKED, area=boke),
        "anna": f.user(db, other, "anna@example.org", name="Anna"),
        "admin": f.user(db, here, "admin@example.org", roles=(Role.KOMMUNE_ADMIN,)),
        "platform": f.user(db, here, "ops@example.org", roles=(Role.PLATFORM_ADMIN,)),
    }


def _actor(db: Session, w: dict, who: str) -> Actor:
    if who == "anonymous":
        return ANONYMOUS
    if who == "blocked_meanwhile":
        # Resolved from a session just before the block: the service must refuse all the same.
        return Actor(
            user_id=w["blocked"].id, kommune_id=w["here"].id, status="approved", roles=frozenset()
        )
    return f.actor(db, w[who])


def _update(w: dict, **change: object) -> ProfileUpdate:
    values: dict[str, object] = {
        "display_name": "Maria Schneider",
        "area_id": w["hagen"].id,
        "social_space_ids": (w["school"].id,),
        "introduction": "Ich backe gern Kuchen.",
        "share_email": True,
    }
    values.update(change)
    return ProfileUpdate(**values)  # type: ignore[arg-type]


def _fresh(db: Session, user: User) -> User:
    db.expire_all()
    row = db.get(User, user.id)
    assert row is not None
    return row


def _spaces(db: Session, user: User) -> list[int]:
    return sorted(
        db.exec(
            select(UserSocialSpace.social_space_id).where(UserSocialSpace.user_id == user.id)
        ).all()
    )


def _link(message_text: str, path: str) -> str:
    match = re.search(re.escape(BASE_URL + path) + r"\?token=([A-Za-z0-9_\-]+)", message_text)
    assert match, message_text
    return match.group(1)


def _count(db: Session, model: type[SQLModel]) -> int:
    return int(db.exec(select(func.count()).select_from(model)).one())


# --- profile ---------------------------------------------------------------------------------


def test_profile_shows_own_data_and_saves_changes(db: Session, world: dict) -> None:
    maria = _actor(db, world, "maria")
    here = world["here"].id
    db.add(UserSocialSpace(user_id=world["maria"].id, social_space_id=world["parish"].id))
    db.flush()
    profile = get_profile(db, maria, here)
    assert (profile.display_name, profile.email, profile.area_id) == (
        "Maria",
        "maria@example.org",
        str(world["boke"].id),
    )
    assert profile.social_space_ids == (str(world["parish"].id),)
    assert profile.can_delete and profile.kommune_slug == "delbrueck"

    update_profile(db, maria, here, _update(world))
    user = _fresh(db, world["maria"])
    assert (user.display_name, user.area_id, user.introduction, user.share_email) == (
        "Maria Schneider",
        world["hagen"].id,
        "Ich backe gern Kuchen.",
        True,
    )
    assert _spaces(db, user) == [world["school"].id]  # replaced, not added
    update_profile(db, maria, here, _update(world, social_space_ids=(), share_email=False))
    assert _spaces(db, user) == []
    assert _fresh(db, world["maria"]).share_email is False


def test_introduction_is_kept_as_text_without_control_characters(db: Session, world: dict) -> None:
    intro = "<b>Hallo</b>\x00 ich bin neu\nund helfe gern."
    update_profile(
        db, _actor(db, world, "maria"), world["here"].id, _update(world, introduction=intro)
    )
    assert _fresh(db, world["maria"]).introduction == "<b>Hallo</b> ich bin neu\nund helfe gern."


def test_pending_person_may_edit_profile(db: Session, world: dict) -> None:
    update_profile(db, _actor(db, world, "pending"), world["here"].id, _update(world))
    assert _fresh(db, world["pending"]).display_name == "Maria Schneider"


@pytest.mark.parametrize(
    ("who", "key"),
    [
        ("anonymous", "auth.required"),
        ("blocked", "error.not_allowed"),
        ("blocked_meanwhile", "error.not_allowed"),
        ("anna", "error.not_allowed"),
    ],
)
def test_wrong_people_cannot_read_or_edit_a_profile(
    db: Session, world: dict, who: str, key: str
) -> None:
    actor = _actor(db, world, who)
    for call in (
        lambda: get_profile(db, actor, world["here"].id),
        lambda: update_profile(db, actor, world["here"].id, _update(world)),
    ):
        with pytest.raises(NotAllowed) as err:
            call()
        assert err.value.key == key
    assert db.exec(select(User).where(User.display_name == "Maria Schneider")).all() == []


@pytest.mark.parametrize(
    ("change", "field", "key"),
    [
        ({"display_name": " x "}, "display_name", "display_name.too_short"),
        ({"area_id": None}, "area_id", "register.area_required"),
        ("other_area", "area_id", "area.unknown"),
        ("other_space", "social_space_ids", "account.social_space_unknown"),
        ({"social_space_ids": (999999,)}, "social_space_ids", "account.social_space_unknown"),
        ({"introduction": "x" * 1001}, "introduction", "account.introduction_too_long"),
    ],
)
def test_bad_profile_input_is_refused_and_nothing_saved(
    db: Session, world: dict, change: object, field: str, key: str
) -> None:
    db.add(UserSocialSpace(user_id=world["maria"].id, social_space_id=world["parish"].id))
    db.flush()
    if change == "other_area":
        change = {"area_id": world["other_area"].id}
    elif change == "other_space":
        change = {"social_space_ids": (world["school"].id, world["other_space"].id)}
    assert isinstance(change, dict)
    with pytest.raises(InvalidInput) as err:
        update_profile(db, _actor(db, world, "maria"), world["here"].id, _update(world, **change))
    assert (err.value.field, err.value.key) == (field, key)
    user = _fresh(db, world["maria"])
    assert (user.display_name, user.area_id, user.introduction) == ("Maria", world["boke"].id, "")
    assert _spaces(db, user) == [world["parish"].id]


def test_exactly_1000_characters_of_introduction_are_fine(db: Session, world: dict) -> None:
    change = _update(world, introduction="x" * 1000)
    update_profile(db, _actor(db, world, "maria"), world["here"].id, change)
    assert len(_fresh(db, world["maria"]).introduction) == 1000


# --- password change -------------------------------------------------------------------------


def test_change_password_keeps_this_session_and_ends_the_others(
    db: Session, world: dict, inbox: Inbox
) -> None:
    maria = world["maria"]
    this_one = create_session(db, maria.id, auth.PUBLIC_APP)
    phone = create_session(db, maria.id, auth.PUBLIC_APP)
    jonas_session = create_session(db, world["jonas"].id, auth.PUBLIC_APP)
    change_password(
        db,
        _actor(db, world, "maria"),
        world["here"].id,
        current_password=f.PASSWORD,
        new_password=NEW_PASSWORD,
        keep_session=hash_token(this_one),
    )
    db.commit()
    assert verify_password(NEW_PASSWORD, _fresh(db, maria).password_hash)
    assert resolve_session(db, this_one, auth.PUBLIC_APP).user_id == maria.id
    assert resolve_session(db, phone, auth.PUBLIC_APP).is_anonymous
    assert resolve_session(db, jonas_session, auth.PUBLIC_APP).user_id == world["jonas"].id
    [notice] = inbox.to("maria@example.org")
    assert notice["Subject"] == "Ihr dasnez-Passwort wurde geändert"


@pytest.mark.parametrize(
    ("current", "new", "field", "key"),
    [
        ("falsch-falsch-falsch", NEW_PASSWORD, "current_password", "account.password_wrong"),
        (f.PASSWORD, "passwort123", "password", "password.common"),
        (f.PASSWORD, "kurz", "password", "password.too_short"),
        (f.PASSWORD, "maria@example.org", "password", "password.personal"),
    ],
)
def test_bad_password_change_is_refused_and_nothing_changes(
    db: Session, world: dict, current: str, new: str, field: str, key: str
) -> None:
    phone = create_session(db, world["maria"].id, auth.PUBLIC_APP)
    with pytest.raises(InvalidInput) as err:
        change_password(
            db,
            _actor(db, world, "maria"),
            world["here"].id,
            current_password=current,
            new_password=new,
            keep_session="",
        )
    assert (err.value.field, err.value.key) == (field, key)
    assert verify_password(f.PASSWORD, _fresh(db, world["maria"]).password_hash)
    assert resolve_session(db, phone, auth.PUBLIC_APP).user_id == world["maria"].id


@pytest.mark.parametrize("who", ["anonymous", "blocked", "blocked_meanwhile", "anna"])
def test_wrong_people_cannot_change_a_password(db: Session, world: dict, who: str) -> None:
    with pytest.raises(NotAllowed):
        change_password(
            db,
            _actor(db, world, who),
            world["here"].id,
            current_password=f.PASSWORD,
            new_password=NEW_PASSWORD,
            keep_session="",
        )
    for person in ("blocked", "anna"):
        assert verify_password(f.PASSWORD, _fresh(db, world[person]).password_hash)


# --- forgotten password ----------------------------------------------------------------------


def test_reset_link_sets_a_new_password_once_and_ends_all_sessions(
    db: Session, world: dict, inbox: Inbox
) -> None:
    maria = world["maria"]
    session = create_session(db, maria.id, auth.PUBLIC_APP)
    request_password_reset(db, email="  Maria@Example.org ")
    db.commit()
    [mail] = inbox.to("maria@example.org")
    assert mail["Subject"] == "Neues Passwort für Ihr dasnez-Konto"
    token = _link(Inbox.text(mail), "/passwort-neu")
    row = db.exec(select(AccountToken)).one()
    assert row.token_hash == hash_token(token) and token not in row.token_hash
    assert row.purpose == AccountTokenPurpose.PASSWORD_RESET
    assert timedelta(minutes=59) < row.expires_at - utcnow() <= timedelta(hours=1)
    check_reset_token(db, token)

    with pytest.raises(InvalidInput) as err:
        reset_password(db, token=token, new_password="passwort123")
    assert err.value.key == "password.common"
    check_reset_token(db, token)  # a refused password does not use the link up

    reset_password(db, token=token, new_password=NEW_PASSWORD)
    db.commit()
    assert verify_password(NEW_PASSWORD, _fresh(db, maria).password_hash)
    assert resolve_session(db, session, auth.PUBLIC_APP).is_anonymous
    assert auth.login(db, email="maria@example.org", password=NEW_PASSWORD, app="public")
    assert [m["Subject"] for m in inbox.to("maria@example.org")][-1] == (
        "Ihr dasnez-Passwort wurde geändert"
    )
    with pytest.raises(InvalidInput) as err:
        reset_password(db, token=token, new_password="Noch ein ganz anderer Satz")
    assert err.value.key == "account.token_used"
    assert verify_password(NEW_PASSWORD, _fresh(db, maria).password_hash)


@pytest.mark.parametrize("email", ["niemand@example.org", "weg@example.org"])
def test_unknown_or_blocked_address_gets_the_same_silence(
    db: Session, world: dict, inbox: Inbox, email: str
) -> None:
    request_password_reset(db, email=email)
    db.commit()
    assert inbox.messages == []
    assert _count(db, AccountToken) == 0


def test_malformed_address_is_pointed_out(db: Session, world: dict) -> None:
    with pytest.raises(InvalidInput) as err:
        request_password_reset(db, email="maria at example")
    assert err.value.key == "email.invalid"


def test_reset_mails_are_limited_per_hour(db: Session, world: dict, inbox: Inbox) -> None:
    for _ in range(5):
        request_password_reset(db, email="maria@example.org")
    # Since the throttle (issue 8) the sixth request in the hour is refused with the time
    # to wait, as it would be for an unknown address; still only five mails.
    for _ in range(2):
        with pytest.raises(TooManyAttempts):
            request_password_reset(db, email="maria@example.org")
    db.commit()
    assert len(inbox.to("maria@example.org")) == 5


@pytest.mark.parametrize(
    ("token", "key"),
    [
        ("ausgedacht", "account.token_invalid"),
        ("", "account.token_invalid"),
        ("x" * 500, "account.token_invalid"),
        ("expired", "account.token_expired"),
        ("email_change", "account.token_invalid"),
    ],
)
def test_bad_reset_links_are_refused(
    db: Session, world: dict, inbox: Inbox, token: str, key: str
) -> None:
    if token in ("expired", "email_change"):
        if token == "expired":
            request_password_reset(db, email="maria@example.org")
        else:
            request_email_change(
                db,
                _actor(db, world, "maria"),
                world["here"].id,
                new_email="maria.neu@example.org",
                current_password=f.PASSWORD,
            )
        db.commit()
        token = _link(
            Inbox.text(inbox.messages[-1]),
            "/passwort-neu" if token == "expired" else "/email-bestaetigen",
        )
        row = db.exec(select(AccountToken)).one()
        row.expires_at = utcnow() - timedelta(seconds=1)
        db.add(row)
        db.flush()
    with pytest.raises(InvalidInput) as err:
        reset_password(db, token=token, new_password=NEW_PASSWORD)
    assert err.value.key == key
    assert verify_password(f.PASSWORD, _fresh(db, world["maria"]).password_hash)


def test_reset_link_of_a_person_blocked_meanwhile_is_refused(
    db: Session, world: dict, inbox: Inbox
) -> None:
    request_password_reset(db, email="maria@example.org")
    db.commit()
    token = _link(Inbox.text(inbox.messages[-1]), "/passwort-neu")
    world["maria"].status = UserStatus.BLOCKED
    db.add(world["maria"])
    db.flush()
    with pytest.raises(InvalidInput) as err:
        reset_password(db, token=token, new_password=NEW_PASSWORD)
    assert err.value.key == "account.token_invalid"


# --- email change ----------------------------------------------------------------------------


def test_email_changes_only_after_confirmation_and_the_old_address_is_told(
    db: Session, world: dict, inbox: Inbox
) -> None:
    maria = world["maria"]
    stored = request_email_change(
        db,
        _actor(db, world, "maria"),
        world["here"].id,
        new_email=" Maria.Neu@Example.org",
        current_password=f.PASSWORD,
    )
    db.commit()
    assert stored == "maria.neu@example.org"
    assert _fresh(db, maria).email == "maria@example.org"
    [confirm] = inbox.to("maria.neu@example.org")
    token = _link(Inbox.text(confirm), "/email-bestaetigen")
    row = db.exec(select(AccountToken)).one()
    assert row.token_hash == hash_token(token) and row.new_email == "maria.neu@example.org"
    assert timedelta(hours=23) < row.expires_at - utcnow() <= timedelta(hours=24)
    assert pending_email(db, token) == "maria.neu@example.org"

    assert confirm_email_change(db, token=token) == "maria.neu@example.org"
    db.commit()
    assert _fresh(db, maria).email == "maria.neu@example.org"
    [notice] = inbox.to("maria@example.org")
    assert "maria.neu@example.org" in Inbox.text(notice)
    assert auth.login(db, email="maria.neu@example.org", password=f.PASSWORD, app="public")
    with pytest.raises(InvalidInput) as err:
        confirm_email_change(db, token=token)
    assert err.value.key == "account.token_used"


@pytest.mark.parametrize(
    ("new_email", "password", "field", "key"),
    [
        (
            "maria.neu@example.org",
            "falsch-falsch-falsch",
            "email_password",
            "account.password_wrong",
        ),
        ("keine-adresse", f.PASSWORD, "email", "email.invalid"),
        ("", f.PASSWORD, "email", "email.required"),
        ("MARIA@example.org", f.PASSWORD, "new_email", "account.email_same"),
    ],
)
def test_bad_email_change_is_refused_and_nothing_sent(
    db: Session, world: dict, inbox: Inbox, new_email: str, password: str, field: str, key: str
) -> None:
    with pytest.raises(InvalidInput) as err:
        request_email_change(
            db,
            _actor(db, world, "maria"),
            world["here"].id,
            new_email=new_email,
            current_password=password,
        )
    assert (err.value.field, err.value.key) == (field, key)
    db.commit()
    assert inbox.messages == []
    assert _count(db, AccountToken) == 0
    assert _fresh(db, world["maria"]).email == "maria@example.org"


def test_a_taken_address_gets_the_same_answer_and_no_link(
    db: Session, world: dict, inbox: Inbox
) -> None:
    """The answer must not tell whether an address has an account (here: Jonas' of the same
    Kommune, Anna's of another). No link is issued; the owner gets a notice with nothing the
    requester typed."""
    maria, here = _actor(db, world, "maria"), world["here"].id
    world["maria"].display_name = "Gewinnspiel Hauptpreis"
    db.add(world["maria"])
    db.flush()
    free = request_email_change(
        db, maria, here, new_email="frei@example.org", current_password=f.PASSWORD
    )
    db.commit()
    assert free == "frei@example.org"
    for taken in ("Jonas@example.org", "anna@example.org"):
        answer = request_email_change(db, maria, here, new_email=taken, current_password=f.PASSWORD)
        db.commit()
        assert answer == taken.lower()
        [notice] = inbox.to(taken.lower())
        assert "token=" not in Inbox.text(notice)
        assert "Gewinnspiel" not in Inbox.text(notice) + str(notice["Subject"])
    # Only the free address got a link; the taken requests voided it and issued none.
    assert [t.new_email for t in db.exec(select(AccountToken)).all()] == ["frei@example.org"]
    assert all(t.used_at is not None for t in db.exec(select(AccountToken)).all())
    assert _fresh(db, world["maria"]).email == "maria@example.org"


def test_the_confirmation_mail_carries_nothing_the_requester_typed(
    db: Session, world: dict, inbox: Inbox
) -> None:
    """The new address may be a stranger's: the greeting names nobody."""
    world["maria"].display_name = "Gewinnspiel Hauptpreis"
    db.add(world["maria"])
    db.flush()
    request_email_change(
        db,
        _actor(db, world, "maria"),
        world["here"].id,
        new_email="fremd@example.org",
        current_password=f.PASSWORD,
    )
    db.commit()
    [mail] = inbox.to("fremd@example.org")
    text = Inbox.text(mail) + str(mail["Subject"])
    assert "Gewinnspiel" not in text and "Hauptpreis" not in text
    assert _link(Inbox.text(mail), "/email-bestaetigen")


def test_a_pending_account_cannot_change_its_address(
    db: Session, world: dict, inbox: Inbox
) -> None:
    """Unvetted accounts must not make the platform write to strangers; a pending person
    loses nothing by registering anew."""
    with pytest.raises(NotAllowed) as err:
        request_email_change(
            db,
            _actor(db, world, "pending"),
            world["here"].id,
            new_email="fremd@example.org",
            current_password=f.PASSWORD,
        )
    assert err.value.key == "account.email_change_pending"
    db.commit()
    assert inbox.messages == [] and _count(db, AccountToken) == 0


def test_address_taken_before_confirmation_is_refused(
    db: Session, world: dict, inbox: Inbox
) -> None:
    request_email_change(
        db,
        _actor(db, world, "maria"),
        world["here"].id,
        new_email="gemeinsam@example.org",
        current_password=f.PASSWORD,
    )
    db.commit()
    token = _link(Inbox.text(inbox.messages[-1]), "/email-bestaetigen")
    f.user(db, world["here"], "gemeinsam@example.org")
    with pytest.raises(InvalidInput) as err:
        confirm_email_change(db, token=token)
    assert err.value.key == "account.email_taken"
    assert _fresh(db, world["maria"]).email == "maria@example.org"


def test_newer_email_request_voids_the_older_link_and_links_expire(
    db: Session, world: dict, inbox: Inbox
) -> None:
    maria, here = _actor(db, world, "maria"), world["here"].id
    for address in ("erste@example.org", "zweite@example.org"):
        request_email_change(db, maria, here, new_email=address, current_password=f.PASSWORD)
        db.commit()
    first = _link(Inbox.text(inbox.to("erste@example.org")[0]), "/email-bestaetigen")
    second = _link(Inbox.text(inbox.to("zweite@example.org")[0]), "/email-bestaetigen")
    with pytest.raises(InvalidInput) as err:
        confirm_email_change(db, token=first)
    assert err.value.key == "account.token_used"
    row = db.exec(select(AccountToken).where(AccountToken.token_hash == hash_token(second))).one()
    row.expires_at = utcnow() - timedelta(minutes=1)
    db.add(row)
    db.flush()
    with pytest.raises(InvalidInput) as err:
        confirm_email_change(db, token=second)
    assert err.value.key == "account.token_expired"
    assert _fresh(db, world["maria"]).email == "maria@example.org"


@pytest.mark.parametrize("who", ["anonymous", "blocked", "blocked_meanwhile", "anna"])
def test_wrong_people_cannot_change_an_email(db: Session, world: dict, who: str) -> None:
    with pytest.raises(NotAllowed):
        request_email_change(
            db,
            _actor(db, world, who),
            world["here"].id,
            new_email="irgendwer@example.org",
            current_password=f.PASSWORD,
        )
    assert _count(db, AccountToken) == 0


# --- data export -----------------------------------------------------------------------------


def _busy_world(db: Session, w: dict) -> dict:
    """Maria's listing with Jonas' conversation, agreement, ratings and a report, and the
    other way round; plus consents, a role and a social space."""
    maria, jonas = w["maria"], w["jonas"]
    own = f.listing_of(db, maria, w["cat"], title="Marias Rasen")
    theirs = f.listing_of(db, jonas, w["cat"], title="Jonas' Regal")
    on_own = f.conversation_about(db, own, jonas)
    f.message_in(db, on_own, jonas, "Ich kann am Samstag.")
    f.message_in(db, on_own, maria, "Prima, bis dann!")
    on_theirs = f.conversation_about(db, theirs, maria)
    f.message_in(db, on_theirs, maria, "Ich helfe beim Regal.")
    deal_own = f.agreement_on(db, on_own, helper=jonas, seeker=maria)
    deal_theirs = f.agreement_on(db, on_theirs, helper=maria, seeker=jonas)
    f.rating_for(db, deal_own, maria, jonas, stars=5, comment="Sehr zuverlässig")
    f.rating_for(db, deal_own, jonas, maria, stars=4, comment="Nette Nachbarin")
    f.rating_for(db, deal_theirs, jonas, maria, stars=2, comment="intern", admin_only=True)
    f.report_on(db, own, jonas)
    for document in ("privacy", "terms"):
        db.add(
            ConsentRecord(user_id=maria.id, kommune_id=w["here"].id, document=document, version="3")
        )
    db.add(RoleGrant(user_id=maria.id, role=Role.PROXY, kommune_id=w["here"].id))
    db.add(UserSocialSpace(user_id=maria.id, social_space_id=w["parish"].id))
    db.flush()
    return {"own": own, "theirs": theirs, "on_own": on_own, "on_theirs": on_theirs}


def test_export_holds_everything_about_the_person(db: Session, world: dict) -> None:
    _busy_world(db, world)
    f.listing_of(db, world["anna"], f.exchange_with_category(db, world["other"])[1], title="Annas")
    data = json.loads(export_own_data(db, _actor(db, world, "maria"), world["here"].id))
    assert data["profile"]["email"] == "maria@example.org"
    assert data["profile"]["social_spaces"] == ["Pfarrei St. Johannes"]
    assert sorted((c["document"], c["version"]) for c in data["consents"]) == [
        ("privacy", "3"),
        ("terms", "3"),
    ]
    assert all(c["accepted_at"][:4].isdigit() and "T" in c["accepted_at"] for c in data["consents"])
    assert [(g["role"], g["kommune"]) for g in data["role_grants"]] == [("proxy", "Delbrück")]
    assert [item["title"] for item in data["listings"]] == ["Marias Rasen"]
    conversations = {c["listing_title"]: c for c in data["conversations"]}
    assert set(conversations) == {"Marias Rasen", "Jonas' Regal"}
    assert conversations["Marias Rasen"]["other_person"] == "Jonas"
    assert [(m["sender"], m["from_me"]) for m in conversations["Marias Rasen"]["messages"]] == [
        ("Jonas", False),
        ("Maria", True),
    ]
    assert sorted(a["my_side"] for a in data["agreements"]) == ["helper", "seeker"]
    assert [(r["stars"], r["comment"]) for r in data["ratings_given"]] == [(5, "Sehr zuverlässig")]
    # admin-only ratings are the administration's notes and stay out.
    assert [(r["stars"], r["comment"]) for r in data["ratings_received"]] == [
        (4, "Nette Nachbarin")
    ]
    assert "jonas@example.org" not in json.dumps(data)
    assert "Annas" not in json.dumps(data)


@pytest.mark.parametrize("who", ["anonymous", "blocked", "blocked_meanwhile", "anna"])
def test_wrong_people_get_no_export(db: Session, world: dict, who: str) -> None:
    with pytest.raises(NotAllowed):
        export_own_data(db, _actor(db, world, who), world["here"].id)


# --- deletion --------------------------------------------------------------------------------


def _references_to(db: Session, user_id: int) -> list[str]:
    """Every foreign-key column pointing at user.id that still holds `user_id`."""
    found = []
    for table in SQLModel.metadata.sorted_tables:
        for column in table.columns:
            if any(fk.column.table.name == "user" for fk in column.foreign_keys):
                n = db.execute(
                    select(func.count()).select_from(table).where(column == user_id)
                ).scalar_one()
                if n:
                    found.append(f"{table.name}.{column.name}")
    return found


def test_delete_account_removes_the_person_and_keeps_others_data(db: Session, world: dict) -> None:
    maria, jonas, karl = world["maria"], world["jonas"], world["pending"]
    rows = _busy_world(db, world)
    # A conversation between two others, with a message by Maria and her on one side of
    # its agreement (e.g. helping on someone's behalf).
    third = f.listing_of(db, jonas, world["cat"], title="Drittes")
    between_others = f.conversation_about(db, third, karl)
    f.message_in(db, between_others, karl, "Hallo Jonas")
    f.message_in(db, between_others, maria, "Ich mache mit")
    deal = f.agreement_on(db, between_others, helper=maria, seeker=karl)
    kept_rating = f.rating_for(db, deal, maria, karl, stars=5, comment="Danke")
    f.rating_for(db, deal, karl, maria, stars=3)
    report = f.report_on(db, third, maria, resolved_by=maria)
    db.add(
        AuditEvent(actor_id=maria.id, action="x", target_type="user", kommune_id=maria.kommune_id)
    )
    session = create_session(db, maria.id, auth.PUBLIC_APP)
    db.add(
        AccountToken(
            user_id=maria.id,
            purpose=AccountTokenPurpose.PASSWORD_RESET,
            token_hash=hash_token("t"),
            expires_at=utcnow() + timedelta(hours=1),
        )
    )
    db.flush()

    delete_account(
        db, _actor(db, world, "maria"), world["here"].id, password=f.PASSWORD, confirmed=True
    )
    db.expire_all()
    assert db.get(User, maria.id) is None
    assert _references_to(db, maria.id) == []
    # Maria's listing with everything on it is gone; so is the conversation she started.
    assert db.get(Listing, rows["own"].id) is None
    assert db.get(Conversation, rows["on_own"].id) is None
    assert db.get(Conversation, rows["on_theirs"].id) is None
    assert (
        db.exec(select(ListingReport).where(ListingReport.listing_id == rows["own"].id)).all() == []
    )
    # Jonas' listings stay; the others' conversation stays without Maria's message.
    assert db.get(Listing, rows["theirs"].id) is not None
    assert [
        m.body
        for m in db.exec(select(Message).where(Message.conversation_id == between_others.id)).all()
    ] == ["Hallo Jonas"]
    remaining = db.get(Agreement, deal.id)
    assert remaining is not None and (remaining.helper_id, remaining.seeker_id) == (None, karl.id)
    # The rating Maria gave stays, anonymised; the one about her is gone.
    kept = db.get(Rating, kept_rating.id)
    assert kept is not None and (kept.rater_id, kept.ratee_id, kept.comment) == (
        None,
        karl.id,
        "Danke",
    )
    assert db.exec(select(Rating).where(Rating.agreement_id == deal.id)).all() == [kept]
    # Also on her own listing's conversation: the agreement and the rating she gave Jonas stay.
    given_to_jonas = db.exec(
        select(Rating).where(Rating.ratee_id == jonas.id, col(Rating.rater_id).is_(None))
    ).all()
    assert [r.comment for r in given_to_jonas] == ["Sehr zuverlässig"]
    own_deal = db.get(Agreement, given_to_jonas[0].agreement_id)
    assert own_deal is not None
    assert (own_deal.conversation_id, own_deal.listing_id, own_deal.seeker_id) == (None, None, None)
    kept_report = db.get(ListingReport, report.id)
    assert kept_report is not None and (kept_report.reporter_id, kept_report.resolved_by) == (
        None,
        None,
    )
    events = db.exec(select(AuditEvent).order_by(col(AuditEvent.id))).all()
    assert [(e.action, e.actor_id) for e in events] == [("x", None), ("delete_own_account", None)]
    assert resolve_session(db, session, auth.PUBLIC_APP).is_anonymous
    assert db.get(User, jonas.id) is not None
    with pytest.raises(InvalidInput) as err:
        auth.login(db, email="maria@example.org", password=f.PASSWORD, app="public")
    assert err.value.key == "login.failed"


def test_pending_person_may_delete_their_account(db: Session, world: dict) -> None:
    pending = world["pending"]
    delete_account(
        db, _actor(db, world, "pending"), world["here"].id, password=f.PASSWORD, confirmed=True
    )
    assert db.get(User, pending.id) is None


@pytest.mark.parametrize(
    ("who", "password", "confirmed", "error", "key"),
    [
        ("maria", f.PASSWORD, False, InvalidInput, "account.delete_confirm_required"),
        ("maria", "falsch-falsch-falsch", True, InvalidInput, "account.password_wrong"),
        ("admin", f.PASSWORD, True, NotAllowed, "account.delete_admin"),
        ("platform", f.PASSWORD, True, NotAllowed, "account.delete_admin"),
        ("anonymous", f.PASSWORD, True, NotAllowed, "auth.required"),
        ("blocked", f.PASSWORD, True, NotAllowed, "error.not_allowed"),
        ("blocked_meanwhile", f.PASSWORD, True, NotAllowed, "error.not_allowed"),
        ("anna", f.PASSWORD, True, NotAllowed, "error.not_allowed"),
    ],
)
def test_refused_deletion_changes_nothing(
    db: Session,
    world: dict,
    who: str,
    password: str,
    confirmed: bool,
    error: type[DomainError],
    key: str,
) -> None:
    _busy_world(db, world)
    before = {m.__name__: _count(db, m) for m in (User, Listing, Message, Rating, RoleGrant)}
    with pytest.raises(error) as err:
        delete_account(
            db, _actor(db, world, who), world["here"].id, password=password, confirmed=confirmed
        )
    assert err.value.key == key
    after = {m.__name__: _count(db, m) for m in (User, Listing, Message, Rating, RoleGrant)}
    assert after == before
    assert _count(db, AuditEvent) == 0


# --- approval mail ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("language", "subject", "greeting"),
    [
        ("de", "Ihr Konto bei dasnez Delbrück ist freigeschaltet", "Guten Tag Karl"),
        ("en", "Your account at dasnez Delbrück has been approved", "Hello Karl"),
    ],
)
def test_approval_mails_the_person_in_their_language(
    db: Session, world: dict, inbox: Inbox, language: str, subject: str, greeting: str
) -> None:
    karl = world["pending"]
    karl.display_name, karl.language = "Karl", language
    db.add(karl)
    db.flush()
    approve_user(db, _actor(db, world, "admin"), world["here"].id, karl.id)
    assert inbox.messages == []  # nothing leaves before the commit
    db.commit()
    [mail] = inbox.to("neu@example.org")
    assert mail["Subject"] == subject
    body = Inbox.text(mail)
    assert body.startswith(greeting)
    assert f"{BASE_URL}/k/delbrueck" in body


def test_refused_approval_sends_no_mail(db: Session, world: dict, inbox: Inbox) -> None:
    admin_other = f.user(db, world["other"], "admin@other.org", roles=(Role.KOMMUNE_ADMIN,))
    with pytest.raises(DomainError):
        approve_user(db, f.actor(db, admin_other), world["other"].id, world["pending"].id)
    db.commit()
    assert inbox.messages == []
