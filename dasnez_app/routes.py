"""Addresses of the public app: its routes and the query strings of its pages.

The domain takes typed filters and never sees a URL; this module turns the German parameter
names a person can bookmark or a school can link to into those filters and back.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from typing import Any
from urllib.parse import urlencode

from dasnez_core.services.filters import EXCHANGE_TYPES, KINDS, clean_query, positive_int
from dasnez_core.services.search import MAX_PAGE, SORTS, SearchFilters

# --- query strings ---


def parse_search(params: Mapping[str, str]) -> SearchFilters:
    """Search filters from URL parameters; nonsense in one is ignored, the rest is kept."""
    exchange = params.get("boerse", "")
    kind = params.get("art", "")
    sort = params.get("sortierung", "newest")
    return SearchFilters(
        exchange=exchange if exchange in EXCHANGE_TYPES else "",
        kind=kind if kind in KINDS else "",
        category=positive_int(params.get("kategorie")),
        area=positive_int(params.get("ort")),
        space=positive_int(params.get("sozialraum")),
        q=clean_query(params.get("q")),
        sort=sort if sort in SORTS else "newest",
        page=min(positive_int(params.get("seite")) or 1, MAX_PAGE),
    )


def search_query(filters: SearchFilters, **change: Any) -> str:
    """The URL query of a search (with `change` applied), defaults left out."""
    f = replace(filters, **change)
    pairs = {
        "boerse": f.exchange,
        "art": f.kind,
        "kategorie": f.category,
        "ort": f.area,
        "sozialraum": f.space,
        "q": f.q,
        "sortierung": "" if f.sort == "newest" else f.sort,
        "seite": "" if f.page == 1 else f.page,
    }
    return urlencode({k: v for k, v in pairs.items() if v not in ("", None)})
