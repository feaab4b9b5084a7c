"""The Kommune's phone and email become tel: and mailto: links."""

from __future__ import annotations

import pytest

from dasnez_core.contact_links import email_href, phone_href


@pytest.mark.parametrize(
    ("phone", "href"),
    [
        ("05250 996 281", "tel:05250996281"),
        ("(0 52 50) 996-281", "tel:05250996281"),
        ("05250/996281", "tel:05250996281"),
        ("+49 5250 996281", "tel:+495250996281"),
        ("+49 (0) 5250 996 281", "tel:+495250996281"),
        ("+49(0)5250-996281", "tel:+495250996281"),
        ("0049 5250 996281", "tel:+495250996281"),
        ("  +49 5250 99 62 81 ", "tel:+495250996281"),
        ("Tel. 05250 996281", "tel:05250996281"),
    ],
)
def test_a_phone_number_keeps_its_digits_and_a_leading_plus(phone: str, href: str) -> None:
    assert phone_href(phone) == href


@pytest.mark.parametrize("phone", ["", "   ", "auf Anfrage", "+"])
def test_no_digits_give_no_link(phone: str) -> None:
    assert phone_href(phone) == ""


def test_a_plus_inside_the_number_is_not_kept() -> None:
    assert phone_href("05250 + 996281") == "tel:05250996281"


def test_an_email_address_becomes_a_mailto_link() -> None:
    assert email_href(" dasnez@delbrueck.example ") == "mailto:dasnez@delbrueck.example"


@pytest.mark.parametrize(
    "email", ["", "keine", "a@b@c", "a b@c.example", "a@c.example?subject=x", "a@c;b@d"]
)
def test_no_or_a_malformed_email_gives_no_link(email: str) -> None:
    assert email_href(email) == ""
