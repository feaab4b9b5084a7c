"""WCAG 2.1 contrast: the computation, the shipped AA palette and the Kommune's accent colour
(accepted only when white text on it reaches 4.5:1; only the Kommune's own admin sets it)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from sqlmodel import Session

from dasnez_core.actor import ANONYMOUS
from dasnez_core.contrast import WHITE, contrast_ratio, normalise_hex, parse_hex
from dasnez_core.errors import InvalidInput, NotAllowed, NotFound
from dasnez_core.i18n import translate
from dasnez_core.models import Kommune
from dasnez_core.services.masterdata import (
    ProfileInput,
    clean_accent_color,
    get_profile,
    update_profile,
)
from tests import factories as f

CSS = Path(__file__).parents[2] / "assets" / "dasnez.css"


@pytest.mark.parametrize(
    ("first", "second", "ratio"),
    [
        ("#000000", "#ffffff", 21.0),
        ("#ffffff", "#ffffff", 1.0),
        ("#12a594", "#ffffff", 3.07),  # Radix teal 9, the old primary button
        ("#767676", "#ffffff", 4.54),  # the lightest grey that passes on white
        ("#777777", "#ffffff", 4.48),
        ("#ffffff", "#0a7265", 5.82),  # order does not matter
    ],
)
def test_contrast_ratio_follows_wcag(first: str, second: str, ratio: float) -> None:
    assert contrast_ratio(first, second) == pytest.approx(ratio, abs=0.01)


def test_colours_are_read_as_hex_only() -> None:
    assert parse_hex("#0A7265") == (10, 114, 101)
    assert normalise_hex(" #FFF ") == "#ffffff"
    for bad in ("0a7265", "#12345", "#gggggg", "red", "rgb(0,0,0)", ""):
        with pytest.raises(ValueError):
            parse_hex(bad)


def _blend(colour: str, alpha: float) -> str:
    """`colour` at `alpha` over white: roughly Radix's tinted backgrounds (steps 2 to 4)."""
    return "#" + "".join(f"{round(255 - (255 - c) * alpha):02x}" for c in parse_hex(colour))


def _palette() -> dict[str, str]:
    return dict(re.findall(r"--([a-z]+-a?\d+):\s*(#[0-9a-f]{6})", CSS.read_text()))


def test_the_shipped_palette_reaches_aa() -> None:
    palette = _palette()
    solids = {name: value for name, value in palette.items() if re.fullmatch(r"[a-z]+-9", name)}
    texts = {name: value for name, value in palette.items() if re.fullmatch(r"[a-z]+-a?11", name)}
    assert {"teal-9", "red-9", "green-9", "teal-11", "teal-a11", "gray-11"} <= palette.keys()
    for name, value in solids.items():
        assert contrast_ratio(value, WHITE) >= 4.5, name  # white text on a solid button
    for name, value in texts.items():
        for background in (WHITE, _blend(value, 0.15)):  # on white and on its own tint
            assert contrast_ratio(value, background) >= 4.5, (name, background)


def test_an_accent_colour_too_light_for_white_text_is_refused_with_its_ratio() -> None:
    with pytest.raises(InvalidInput) as err:
        clean_accent_color("#12A594")
    assert (err.value.field, err.value.key) == ("accent_color", "accent.too_light")
    german = translate(err.value.key, "de", **err.value.params)
    assert "#12a594" in german and "3,07 : 1" in german and "4,5 : 1" in german
    assert "3.07 : 1" in translate(err.value.key, "en", **err.value.params)
    with pytest.raises(InvalidInput) as err:
        clean_accent_color("teal")
    assert err.value.key == "accent.invalid"


def test_a_dark_enough_accent_colour_or_none_is_accepted() -> None:
    assert clean_accent_color(" #0A7265 ") == "#0a7265"
    assert clean_accent_color("#767676") == "#767676"  # 4.54:1
    assert clean_accent_color("") == ""


def _profile(accent: str) -> ProfileInput:
    return ProfileInput(
        name="Delbrück",
        contact_name="",
        contact_email="kontakt@delbrueck.example",
        contact_phone="",
        contact_address="",
        listing_days="60",
        reminder_days="7",
        enabled_exchanges=frozenset({"nachbarschaft"}),
        premoderation=False,
        accent_color=accent,
    )


@pytest.fixture
def w(db: Session) -> dict[str, Any]:
    return f.masterdata_world(db)


def test_the_admin_saves_an_accent_colour_and_a_light_one_changes_nothing(
    db: Session, w: dict
) -> None:
    admin, here = f.actor(db, w["admin"]), w["here"].id
    update_profile(db, admin, here, _profile("#0A7265"))
    assert get_profile(db, admin, here).accent_color == "#0a7265"
    with pytest.raises(InvalidInput):
        update_profile(db, admin, here, _profile("#7fdbca"))
    db.expire_all()
    kommune = db.get(Kommune, here)
    assert kommune is not None and kommune.accent_color == "#0a7265"


@pytest.mark.parametrize("who", ["other_admin", "maria", "pending", "blocked_admin", "anonymous"])
def test_nobody_but_the_own_admin_sets_the_accent_colour(db: Session, w: dict, who: str) -> None:
    actor = ANONYMOUS if who == "anonymous" else f.actor(db, w[who])
    with pytest.raises((NotAllowed, NotFound)):
        update_profile(db, actor, w["here"].id, _profile("#0a7265"))
    db.expire_all()
    kommune = db.get(Kommune, w["here"].id)
    assert kommune is not None and kommune.accent_color == ""
