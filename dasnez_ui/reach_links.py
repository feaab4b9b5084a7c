"""Addresses other websites use (embed, feeds) and the snippets that carry them.

Both apps build them: the public app serves the addresses, the admin portal hands them to
a Kommune's staff. The filter parameters are the browse page's (`dasnez_app.routes`):
a school that copies a browse address into the embed gets the same listings.
"""

from __future__ import annotations

import html
from urllib.parse import quote, urlencode

EMBED_PREFIX = "/embed/k/"
FEED_PREFIX = "/feed/k/"
ATOM_SUFFIX = ".atom"
ICAL_SUFFIX = ".ics"
# The browse page's filter parameters an embed and a feed take (Ortsteil, Sozialraum,
# Börse, Art); every other parameter of a browse address is ignored.
FILTER_PARAMS = ("ort", "sozialraum", "boerse", "art")
FRAME_HEIGHT = 480


def filter_query(area: str = "", space: str = "", exchange: str = "", kind: str = "") -> str:
    """The query string (without "?") of these filters, empty ones left out."""
    values = dict(zip(FILTER_PARAMS, (area, space, exchange, kind), strict=True))
    return urlencode({key: value for key, value in values.items() if value})


def _with_query(path: str, query: str) -> str:
    return f"{path}?{query}" if query else path


def embed_path(slug: str, query: str = "") -> str:
    """/embed/k/<slug>[?filters]."""
    return _with_query(EMBED_PREFIX + quote(slug, safe=""), query)


def atom_path(slug: str, query: str = "") -> str:
    """/feed/k/<slug>.atom[?filters]."""
    return _with_query(FEED_PREFIX + quote(slug, safe="") + ATOM_SUFFIX, query)


def ical_path(slug: str) -> str:
    """/feed/k/<slug>.ics: the Info-Box's dated events."""
    return FEED_PREFIX + quote(slug, safe="") + ICAL_SUFFIX


def browse_path(slug: str, query: str = "") -> str:
    """/k/<slug>/eintraege[?filters]: where a plain link points."""
    return _with_query(f"/k/{quote(slug, safe='')}/eintraege", query)


def kommune_path(slug: str) -> str:
    return f"/k/{quote(slug, safe='')}"


def iframe_snippet(url: str, title: str) -> str:
    """The HTML a website pastes: a titled, lazily loaded frame of the embed."""
    return (
        f'<iframe src="{html.escape(url)}" title="{html.escape(title)}" '
        f'width="100%" height="{FRAME_HEIGHT}" style="border:0" loading="lazy"></iframe>'
    )
