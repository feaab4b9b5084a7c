"""Text for fpdf2's built-in Helvetica, shared by every PDF the apps print (the Kommune's
poster, the Stellvertretung consent form and data export)."""

from __future__ import annotations

# fpdf2's built-in Helvetica covers Latin-1 (ä, ö, ü, ß); dashes, quotes and ellipses outside
# it are written in their Latin-1 look-alikes.
_LATIN1 = str.maketrans(
    {"–": "-", "—": "-", "…": "...", "„": '"', "“": '"', "”": '"', "‚": "'", "‘": "'", "’": "'"}
)


def latin1(text: str) -> str:
    """`text` as Helvetica can print it (anything else becomes "?")."""
    return text.translate(_LATIN1).encode("latin-1", "replace").decode("latin-1")
