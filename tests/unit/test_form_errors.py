"""All invalid fields of one submission at once: the services name every one and save
nothing, and the outcome puts each message under its field (dasnez_ui.outcome)."""

from __future__ import annotations

from typing import Any

import pytest
from sqlmodel import Session, func, select

from dasnez_core.errors import InvalidInput, InvalidInputs, NotAllowed, Problems
from dasnez_core.models import AuditEvent, Listing, PendingRegistration, Sponsor
from dasnez_core.services import auth
from dasnez_core.services.listings import ListingDraft, create_listing
from dasnez_core.services.masterdata_public import SponsorInput, add_sponsor
from dasnez_ui.outcome import Attempt, Form, attempt_check, field_messages, form_fields
from tests import factories as f


def _fields(err: pytest.ExceptionInfo[InvalidInput]) -> list[tuple[str, str]]:
    return [(p.field, p.key) for p in err.value.problems]


def _count(db: Session, model: type) -> int:
    return int(db.exec(select(func.count()).select_from(model)).one())


def test_collector_raises_nothing_one_error_or_all_of_them() -> None:
    empty = Problems()
    empty.raise_if_any()
    assert not empty

    one = Problems()
    one.add("title", "listing.title_too_short", min=5)
    with pytest.raises(InvalidInput) as single:
        one.raise_if_any()
    assert not isinstance(single.value, InvalidInputs)
    assert (single.value.field, single.value.params) == ("title", {"min": 5})

    several = Problems()
    assert several.check(lambda: "kept") == "kept"
    several.add("title", "listing.title_too_short")
    several.check(lambda: auth.validate_display_name("P"))
    assert several.has("display_name") and not several.has("body")
    with pytest.raises(InvalidInputs) as err:
        several.raise_if_any()
    # It reads as its first problem, so code that expects one InvalidInput keeps working.
    assert (err.value.field, err.value.key) == ("title", "listing.title_too_short")
    assert _fields(err) == [
        ("title", "listing.title_too_short"),
        ("display_name", "display_name.too_short"),
    ]


def test_registration_names_every_bad_field_and_keeps_nothing(db: Session) -> None:
    k = f.kommune(db)
    area = f.district(db, k)
    with pytest.raises(InvalidInput) as err:
        auth.register(
            db,
            kommune_slug=k.slug,
            email="keine-adresse",
            password="kurz",
            display_name="Peter Neumann",
            area_id=area.id,
            accept_privacy=False,
            accept_terms=True,
        )
    assert _fields(err) == [
        ("email", "email.invalid"),
        ("password", "password.too_short"),
        ("accept_privacy", "register.privacy_required"),
    ]
    assert _count(db, PendingRegistration) == 0


def test_an_empty_registration_names_all_six_fields(db: Session) -> None:
    k = f.kommune(db)
    with pytest.raises(InvalidInput) as err:
        auth.register(
            db,
            kommune_slug=k.slug,
            email="",
            password="",
            display_name="",
            area_id=None,
            accept_privacy=False,
            accept_terms=False,
        )
    assert [field for field, _ in _fields(err)] == [
        "display_name",
        "email",
        "password",
        "area_id",
        "accept_privacy",
        "accept_terms",
    ]


def test_empty_login_fields_are_both_named(db: Session) -> None:
    with pytest.raises(InvalidInput) as err:
        auth.login(db, email=" ", password="", app=auth.PUBLIC_APP)
    assert _fields(err) == [("email", "email.required"), ("password", "login.password_required")]


def test_a_listing_with_several_bad_fields_names_each_and_is_not_saved(db: Session) -> None:
    here = f.kommune(db)
    f.district(db, here)
    f.exchange_with_category(db, here)
    maria = f.actor(db, f.user(db, here, "maria@example.org", name="Maria"))
    draft = ListingDraft(
        kind="",
        exchange_id=None,
        category_id=None,
        title="Ra",
        body="kurz",
        area_id=None,
    )
    with pytest.raises(InvalidInput) as err:
        create_listing(db, maria, here.id, draft)
    assert [field for field, _ in _fields(err)] == [
        "kind",
        "category_id",
        "title",
        "body",
        "area_id",
    ]
    assert _count(db, Listing) == 0


def test_a_sponsor_with_several_bad_fields_names_each_and_is_not_saved(db: Session) -> None:
    w = f.masterdata_world(db)
    admin = f.actor(db, w["admin"])
    values = SponsorInput("V", "ftp://bank.example", "2026-05-10", "kein Datum")
    with pytest.raises(InvalidInput) as err:
        add_sponsor(db, admin, w["here"].id, values)
    assert _fields(err) == [
        ("name", "masterdata.name_too_short"),
        ("url", "masterdata.url_invalid"),
        ("valid_until", "masterdata.date_invalid"),
    ]
    assert _count(db, Sponsor) == 0 and _count(db, AuditEvent) == 0


def _translate(key: str, **params: Any) -> str:
    return f"{key}{sorted(params.items()) if params else ''}"


def _failing(*problems: tuple[str, str]) -> Attempt[None]:
    def call() -> None:
        collected = Problems()
        for field, key in problems:
            collected.add(field, key)
        collected.raise_if_any()

    return attempt_check(call, _translate)


def test_outcome_puts_each_message_under_its_control_in_the_forms_order() -> None:
    form = form_fields("name", "url", prefix="new_", valid_from="new_from")
    shown = field_messages(
        _failing(
            ("valid_from", "masterdata.date_invalid"),
            ("name", "masterdata.name_too_short"),
            ("name", "masterdata.name_too_long"),
            ("direction", "masterdata.cannot_move"),
        ),
        form,
    )
    # The form's order (name before the date), the first problem of a field only; a
    # problem with no control of this form shows above it.
    assert list(shown.by_control.items()) == [
        ("new_name", "masterdata.name_too_short"),
        ("new_from", "masterdata.date_invalid"),
    ]
    assert shown.general == "masterdata.cannot_move"


def test_outcome_of_success_or_of_an_error_without_a_field() -> None:
    form = Form({"email": "email"})
    assert field_messages(attempt_check(lambda: 1, _translate), form).by_control == {}

    def refuse() -> None:
        raise NotAllowed("auth.required")

    shown = field_messages(attempt_check(refuse, _translate), form)
    assert (shown.by_control, shown.general) == ({}, "auth.required")
    single = field_messages(_failing(("email", "email.invalid")), form)
    assert (single.by_control, single.general) == ({"email": "email.invalid"}, "")
