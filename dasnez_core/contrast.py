"""Colour contrast as WCAG 2.1 defines it (success criterion 1.4.3, "Contrast (Minimum)").

Pure functions on "#rrggbb" colours, so that the domain can refuse a Kommune's accent colour
that would make white button text unreadable, and a test can check the shipped palette.
"""

from __future__ import annotations

import re

# WCAG 2.1 AA: normal text needs 4.5:1 against its background.
AA_NORMAL_TEXT = 4.5
WHITE = "#ffffff"

_HEX = re.compile(r"#[0-9a-f]{6}")


def parse_hex(colour: str) -> tuple[int, int, int]:
    """(r, g, b) of "#rrggbb" (or "#rgb"); ValueError for anything else."""
    text = colour.strip().lower()
    if re.fullmatch(r"#[0-9a-f]{3}", text):
        text = "#" + "".join(c * 2 for c in text[1:])
    if not _HEX.fullmatch(text):
        raise ValueError(f"not a #rrggbb colour: {colour!r}")
    return int(text[1:3], 16), int(text[3:5], 16), int(text[5:7], 16)


def normalise_hex(colour: str) -> str:
    """The colour as lower-case "#rrggbb"."""
    r, g, b = parse_hex(colour)
    return f"#{r:02x}{g:02x}{b:02x}"


def _channel(value: int) -> float:
    """One sRGB channel, linearised (WCAG 2.1's definition of relative luminance)."""
    c = value / 255
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4


def relative_luminance(colour: str) -> float:
    r, g, b = parse_hex(colour)
    return 0.2126 * _channel(r) + 0.7152 * _channel(g) + 0.0722 * _channel(b)


def contrast_ratio(first: str, second: str) -> float:
    """(L1 + 0.05) / (L2 + 0.05) with L1 the lighter colour: from 1 (same) to 21 (black/white)."""
    a, b = relative_luminance(first), relative_luminance(second)
    lighter, darker = max(a, b), min(a, b)
    return (lighter + 0.05) / (darker + 0.05)


def passes_aa(foreground: str, background: str) -> bool:
    return contrast_ratio(foreground, background) >= AA_NORMAL_TEXT


class Ratio(float):
    """A contrast ratio for a message: "{ratio:de}" writes 3,07, "{ratio:en}" 3.07."""

    def __format__(self, spec: str) -> str:
        text = f"{float(self):.2f}"
        return text.replace(".", ",") if spec == "de" else text
