from __future__ import annotations

import pytest

from dasnez_core.errors import InvalidInput
from dasnez_core.passwords import check_password_rules, hash_password, verify_password


def test_hash_is_argon2id_and_verifies() -> None:
    h = hash_password("ein guter langer Satz")
    assert h.startswith("$argon2id$")
    assert verify_password("ein guter langer Satz", h)
    assert not verify_password("ein guter langer satz", h)
    assert not verify_password("x", "not-a-hash")


@pytest.mark.parametrize(
    ("password", "key"),
    [
        ("kurz123", "password.too_short"),
        ("a" * 129, "password.too_long"),
        ("Passwort123", "password.common"),
        ("QWERTZUIOP", "password.common"),
        ("aaaaaaaaaaaa", "password.common"),
        ("maria.schneider", "password.personal"),
    ],
)
def test_bad_passwords_are_refused(password: str, key: str) -> None:
    with pytest.raises(InvalidInput) as err:
        check_password_rules(password, email="maria.schneider@example.org", display_name="Maria")
    assert err.value.key == key and err.value.field == "password"


@pytest.mark.parametrize(
    "password",
    [
        "Xylophon spielen",
        "nur kleinbuchstaben",
        ("Der Sommer in Delbrück war warm und die Nachbarn halfen sich gern" * 2)[:64],
    ],
)
def test_no_composition_rules_and_64_chars_allowed(password: str) -> None:
    check_password_rules(password)
