"""One syntax check for every email address a form takes (registration, reset, admins …)."""

from __future__ import annotations

import pytest
from sqlmodel import Session, func, select

from dasnez_core.emails import check_email
from dasnez_core.errors import InvalidInput
from dasnez_core.models import User
from dasnez_core.services import auth
from tests import factories as f

# Each of these passed the old hand-written pattern `^[^@\s]+@[^@\s]+\.[^@\s]+$` or had no dot
# (localhost); none can receive mail.
INVALID = [
    "a@b..de",  # two dots in a row
    "a b@c.de",  # a space (inside, so trimming does not remove it)
    "a@-x.de",  # a label starting with a hyphen
    "a@localhost",  # no dot
    "a@x-.de",  # a label ending with a hyphen
    ".a@b.de",  # local part starts with a dot
    "a..b@c.de",  # two dots in the local part
    "a@b.de.",  # a trailing dot
    "a@b,c.de",  # a comma in the domain
    "a@[1.2.3.4]",  # an address literal
    "a@bürgerbüro.local",  # a special-use name no public mail reaches
]


@pytest.mark.parametrize("address", INVALID)
def test_addresses_the_old_pattern_let_through_are_refused(address: str) -> None:
    with pytest.raises(InvalidInput) as err:
        check_email(address)
    assert (err.value.field, err.value.key) == ("email", "email.invalid")


def test_empty_and_overlong_addresses_are_refused() -> None:
    with pytest.raises(InvalidInput) as err:
        check_email("   ")
    assert (err.value.field, err.value.key) == ("email", "email.required")
    with pytest.raises(InvalidInput) as err:
        check_email("a@" + "b" * 250 + ".de")
    assert err.value.key == "email.invalid"


def test_the_error_names_the_form_field_it_is_given() -> None:
    with pytest.raises(InvalidInput) as err:
        check_email("rathaus", "contact_email")
    assert (err.value.field, err.value.key) == ("contact_email", "email.invalid")


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        (" Maria.Muster@Example.ORG ", "maria.muster@example.org"),
        ("erika+dasnez@example.org", "erika+dasnez@example.org"),
        ("buergerbuero@delbrueck.example", "buergerbuero@delbrueck.example"),
        # An umlaut domain is a real German address (IDNA, xn--mller-kva.de): accepted and
        # kept as typed, as before.
        ("Max@Müller.de", "max@müller.de"),
    ],
)
def test_good_addresses_are_kept_as_typed_trimmed_and_lower_cased(typed: str, stored: str) -> None:
    assert check_email(typed) == stored


@pytest.mark.parametrize("address", ["a@b..de", "a@localhost"])
def test_registration_refuses_what_the_old_pattern_let_through(db: Session, address: str) -> None:
    k = f.kommune(db)
    area = f.district(db, k)
    with pytest.raises(InvalidInput) as err:
        auth.register(
            db,
            kommune_slug="delbrueck",
            area_id=area.id,
            email=address,
            password="mein Garten ist grün",
            display_name="Peter Neumann",
            accept_privacy=True,
            accept_terms=True,
        )
    assert (err.value.field, err.value.key) == ("email", "email.invalid")
    assert db.exec(select(func.count()).select_from(User)).one() == 0
