"""The public app's URLs: one constant per page, builders for the links and redirects, and
the query strings of its pages.

Page-free on purpose (no page, no state), so components, pages and the app module can all
import it. The builders take plain values (for redirects in event handlers) and Reflex Vars
(for hrefs in components) alike. The domain takes typed filters and never sees a URL; the
query-string part turns the German parameter names a person can bookmark or a school can
link to into those filters and back.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from typing import Any, overload
from urllib.parse import parse_qs, urlencode, urlsplit

import reflex as rx
from reflex.vars import StringVar

from dasnez_core.services import saved_searches
from dasnez_core.services.filters import EXCHANGE_TYPES, KINDS, clean_query, positive_int
from dasnez_core.services.search import MAX_PAGE, SORTS, SearchFilters
from dasnez_ui.params import parse_id
from dasnez_ui.session_http import local_path

# --- routes -----------------------------------------------------------------------------------

HOME = "/"
LOGIN = "/anmelden"
KOMMUNE = "/k/[slug]"
REGISTER = "/k/[slug]/registrieren"
NEW_LISTING = "/k/[slug]/neu"
BROWSE = "/k/[slug]/eintraege"
LISTING = "/k/[slug]/eintrag/[id]"
LISTING_EDIT = "/k/[slug]/eintrag/[id]/bearbeiten"
MY_LISTINGS = "/meine-eintraege"
ACCOUNT = "/konto"
TIME_ACCOUNT = "/konto/zeitkonto"
FORGOT_PASSWORD = "/passwort-vergessen"  # noqa: S105 (a URL, not a secret)
RESET_PASSWORD = "/passwort-neu"  # noqa: S105
EMAIL_CONFIRM = "/email-bestaetigen"
REGISTRATION_CONFIRM = "/registrierung-bestaetigen"
# The link in the mail of the interest form ("Ihre Kommune ist noch nicht dabei.").
INTEREST_CONFIRM = "/interesse-bestaetigen"
MESSAGES = "/nachrichten"
NEW_CONVERSATION = "/nachrichten/neu"
THREAD = "/nachrichten/[id]"
PERSON = "/k/[slug]/person/[handle]"
# The legal texts and the Leichte-Sprache page: a Kommune's, and the platform's own.
KOMMUNE_IMPRINT = "/k/[slug]/impressum"
KOMMUNE_PRIVACY = "/k/[slug]/datenschutz"
KOMMUNE_TERMS = "/k/[slug]/nutzungsbedingungen"
KOMMUNE_ACCESSIBILITY = "/k/[slug]/barrierefreiheit"
KOMMUNE_EASY = "/k/[slug]/leichte-sprache"
IMPRINT = "/impressum"
PRIVACY = "/datenschutz"
TERMS = "/nutzungsbedingungen"
ACCESSIBILITY = "/barrierefreiheit"
EASY = "/leichte-sprache"
CONSENT = "/zustimmung"
INSTITUTION = "/k/[slug]/netzwerk/[handle]"
INSTITUTION_REGISTER = "/k/[slug]/netzwerk-anmelden"
# The responsible person edits the institution's details (the handle stays).
INSTITUTION_EDIT = "/k/[slug]/netzwerk/[handle]/bearbeiten"
INSTITUTION_INVITE = "/netzwerk-einladung"
# The parent's or guardian's consent for a minor, from the link in their mail.
PARENT_CONSENT = "/eltern-zustimmung"
# A Kommune's Taschengeldbörse information for adults and parents.
YOUTH_INFO = "/k/[slug]/taschengeld-info"
# A proxy prints the weekly sheet of new listings for people without internet.
WEEKLY_SHEET = "/stellvertretung/wochenblatt"
# Stellvertretung: a proxy's page of the people they represent.
REPRESENTED = "/vertretung"
NOT_FOUND = "404"


class Endpoints:
    """Plain HTTP endpoints beside the pages (no Reflex page, so no page constant): the
    public read API (dasnez_app.api_v1) — its prefix and its Starlette path patterns below
    it, filled in by `api_path` — and the one-click unsubscribe link of the saved-search
    mails (dasnez_app.unsubscribe_http; dasnez_core writes the mails and owns that path)."""

    API_PREFIX = "/api/v1"
    API_KOMMUNEN = "/kommunen"
    API_KOMMUNE = "/kommunen/{slug}"
    API_LISTINGS = "/kommunen/{slug}/listings"
    API_LISTING = "/kommunen/{slug}/listings/{listing_id}"
    API_INFOBOX = "/kommunen/{slug}/infobox"
    API_OPENAPI = "/openapi.json"
    UNSUBSCRIBE_SEARCH = saved_searches.UNSUBSCRIBE_PATH


# Every page the app registers, in the order `dasnez_app.py` adds them.
PAGES: tuple[str, ...] = (
    HOME,
    LOGIN,
    KOMMUNE,
    REGISTER,
    NEW_LISTING,
    BROWSE,
    LISTING,
    LISTING_EDIT,
    MY_LISTINGS,
    ACCOUNT,
    TIME_ACCOUNT,
    FORGOT_PASSWORD,
    RESET_PASSWORD,
    EMAIL_CONFIRM,
    REGISTRATION_CONFIRM,
    INTEREST_CONFIRM,
    MESSAGES,
    NEW_CONVERSATION,
    THREAD,
    PERSON,
    KOMMUNE_IMPRINT,
    KOMMUNE_PRIVACY,
    KOMMUNE_TERMS,
    KOMMUNE_ACCESSIBILITY,
    KOMMUNE_EASY,
    IMPRINT,
    PRIVACY,
    TERMS,
    ACCESSIBILITY,
    EASY,
    CONSENT,
    INSTITUTION,
    INSTITUTION_REGISTER,
    INSTITUTION_EDIT,
    INSTITUTION_INVITE,
    PARENT_CONSENT,
    YOUTH_INFO,
    WEEKLY_SHEET,
    REPRESENTED,
    NOT_FOUND,
)

# Personal pages, pages of one-time links and the embeds, kept out of search engines by
# robots.txt ("*" stands for one path segment).
NOT_FOR_SEARCH_ENGINES: tuple[str, ...] = (
    ACCOUNT,
    TIME_ACCOUNT,
    MY_LISTINGS,
    MESSAGES,
    LOGIN,
    CONSENT,
    REPRESENTED,
    FORGOT_PASSWORD,
    RESET_PASSWORD,
    EMAIL_CONFIRM,
    REGISTRATION_CONFIRM,
    INTEREST_CONFIRM,
    PARENT_CONSENT,
    "/k/*/person/",
    "/k/*/neu",
    "/k/*/registrieren",
    "/k/*/netzwerk-anmelden",
    "/k/*/netzwerk/*/bearbeiten",
    INSTITUTION_INVITE,
    "/k/*/eintrag/*/bearbeiten",
    "/embed/",
    "/_",
    WEEKLY_SHEET,
    "/drucken/",
)

# The last path segment of each legal page, by text kind (LegalKind values) and "easy".
LEGAL_SEGMENTS: dict[str, str] = {
    "imprint": "impressum",
    "privacy": "datenschutz",
    "terms": "nutzungsbedingungen",
    "accessibility": "barrierefreiheit",
    "easy": "leichte-sprache",
}
# Query parameter of a legal page naming the version shown (consent boxes link it).
LEGAL_VERSION_PARAM = "version"

# Query parameter of NEW_CONVERSATION naming the listing the conversation is about.
NEW_CONVERSATION_LISTING_PARAM = "eintrag"
# Query parameter of the listing form: the represented person a proxy writes for.
FOR_PERSON_PARAM = "fuer"

# Query parameter of LOGIN naming the page to return to after login.
RETURN_PARAM = "weiter"
# Pages nobody returns to after login: the login itself, pages of one-time links, and the
# landing page (the person's own Kommune is the better place to arrive).
_NO_RETURN = frozenset(
    {
        HOME,
        LOGIN,
        REGISTER,
        FORGOT_PASSWORD,
        RESET_PASSWORD,
        EMAIL_CONFIRM,
        REGISTRATION_CONFIRM,
        INTEREST_CONFIRM,
        CONSENT,
        PARENT_CONSENT,
        NOT_FOUND,
    }
)

Segment = str | int | rx.Var


@overload
def _text(value: str | int) -> str: ...
@overload
def _text(value: rx.Var) -> rx.Var[str]: ...
def _text(value: Segment) -> str | rx.Var[str]:
    """A path segment as text; a non-string Var is converted in the browser (a string Var
    as it is: converting it would quote it)."""
    if isinstance(value, rx.Var):
        typed = value.guess_type()
        return typed if isinstance(typed, StringVar) else typed.to_string()
    return str(value)


def _join(*parts: Segment) -> str | rx.Var[str]:
    """Concatenate literal pieces and values; stays a plain str when no Var is involved."""
    result: str | rx.Var[str] = ""
    for part in parts:
        result = result + _text(part)  # type: ignore[operator]
    return result


def kommune_href(slug: Segment) -> str | rx.Var[str]:
    """/k/<slug>: the Kommune's start page."""
    return _join("/k/", slug)


def youth_info_href(slug: Segment) -> str | rx.Var[str]:
    """/k/<slug>/taschengeld-info."""
    return _join(kommune_href(slug), "/taschengeld-info")


def register_href(slug: Segment) -> str | rx.Var[str]:
    """/k/<slug>/registrieren."""
    return _join(kommune_href(slug), "/registrieren")


def new_listing_href(slug: Segment) -> str | rx.Var[str]:
    """/k/<slug>/neu."""
    return _join(kommune_href(slug), "/neu")


def browse_href(slug: Segment) -> str | rx.Var[str]:
    """/k/<slug>/eintraege: all listings of a Kommune (filters go into the query string)."""
    return _join(kommune_href(slug), "/eintraege")


def listing_href(slug: Segment, listing_id: Segment) -> str | rx.Var[str]:
    """/k/<slug>/eintrag/<id>: one listing."""
    return _join(kommune_href(slug), "/eintrag/", listing_id)


def listing_edit_href(slug: Segment, listing_id: Segment) -> str | rx.Var[str]:
    """/k/<slug>/eintrag/<id>/bearbeiten."""
    return _join(listing_href(slug, listing_id), "/bearbeiten")


def person_href(slug: Segment, handle: Segment) -> str | rx.Var[str]:
    """/k/<slug>/person/<handle>: a person's public profile (by its random handle, never
    the sequential id, so that nobody can list the members by counting)."""
    return _join(kommune_href(slug), "/person/", handle)


def institution_href(slug: Segment, handle: Segment) -> str | rx.Var[str]:
    """/k/<slug>/netzwerk/<handle>: an institution's page in one Kommune."""
    return _join(kommune_href(slug), "/netzwerk/", handle)


def institution_edit_href(slug: Segment, handle: Segment) -> str | rx.Var[str]:
    """/k/<slug>/netzwerk/<handle>/bearbeiten: the responsible person's edit form."""
    return _join(institution_href(slug, handle), "/bearbeiten")


def institution_edit_from_path(path: str) -> tuple[str, str]:
    """(<slug>, <handle>) of /k/<slug>/netzwerk/<handle>/bearbeiten (("", "") otherwise)."""
    return _institution_params(INSTITUTION_EDIT, path)


def institution_register_href(slug: Segment) -> str | rx.Var[str]:
    return _join(kommune_href(slug), "/netzwerk-anmelden")


def institution_from_path(path: str) -> tuple[str, str]:
    """(<slug>, <handle>) of /k/<slug>/netzwerk/<handle> (("", "") for any other path)."""
    return _institution_params(INSTITUTION, path)


def _institution_params(pattern: str, path: str) -> tuple[str, str]:
    params = path_params(pattern, path)
    if not params or len(params["handle"]) > 64:
        return "", ""
    return params["slug"], params["handle"]


def institution_web_links(base_url: str, slug: str, handle: str) -> tuple[str, str, str]:
    """Absolute addresses for an institution's own website: its page, its listings in the
    Kommune (the browse filter "by institution") and the Kommune's start page."""
    base = base_url.rstrip("/")
    listings = f"{browse_href(slug)}?{search_query(SearchFilters(institution=handle))}"
    return (
        base + str(institution_href(slug, handle)),
        base + listings,
        base + str(kommune_href(slug)),
    )


# Query parameter of NEW_LISTING: post the listing as the institution with this handle.
AS_INSTITUTION_PARAM = "als"


def api_path(pattern: str, **params: str | int) -> str:
    """An API path below API_PREFIX with its `{name}` parts filled in."""
    return pattern.format(**params)


def thread_href(conversation_id: Segment) -> str | rx.Var[str]:
    """/nachrichten/<id>: one conversation."""
    return _join(MESSAGES, "/", conversation_id)


def new_conversation_href(listing_id: Segment) -> str | rx.Var[str]:
    """/nachrichten/neu?eintrag=<id>: opens (or finds) the conversation about a listing."""
    return _join(NEW_CONVERSATION, "?", NEW_CONVERSATION_LISTING_PARAM, "=", listing_id)


def legal_href(slug: Segment, page: str, version: Segment | None = None) -> str | rx.Var[str]:
    """/k/<slug>/<text> (or /<text> for the platform's, with slug ""), optionally of one
    version; `page` is a key of LEGAL_SEGMENTS."""
    base = _join(kommune_href(slug), "/") if not isinstance(slug, str) or slug else "/"
    path = _join(base, LEGAL_SEGMENTS[page])
    return path if version is None else _join(path, "?", LEGAL_VERSION_PARAM, "=", version)


def platform_legal_href(page: str) -> str:
    """/<text>: the platform operator's text (pages outside a Kommune)."""
    return "/" + LEGAL_SEGMENTS[page]


def legal_page_from_path(path: str) -> tuple[str, str]:
    """(<slug> or "", the LEGAL_SEGMENTS key) of a legal page's path (("", "") otherwise)."""
    parts = [part for part in path.split("/") if part]
    pages = {segment: key for key, segment in LEGAL_SEGMENTS.items()}
    if len(parts) == 1 and parts[0] in pages:
        return "", pages[parts[0]]
    if len(parts) == 3 and parts[0] == "k" and parts[2] in pages:
        return parts[1], pages[parts[2]]
    return "", ""


def return_path(raw: str | None) -> str:
    """`raw` if it is a page of this app to return to after login, else "".

    Only a relative path that starts with a single "/" and names one of the app's pages (not
    the login or a one-time link's page), with an optional query: no scheme, no host, no
    "//" or backslash, so the login cannot send anybody to another site.
    """
    candidate = raw or ""
    if local_path(candidate, default="") != candidate:
        return ""
    parts = urlsplit(candidate)
    if parts.scheme or parts.netloc or parts.fragment or "//" in parts.path:
        return ""
    pages = (pattern for pattern in PAGES if pattern not in _NO_RETURN)
    return candidate if any(path_params(p, parts.path) is not None for p in pages) else ""


def login_href(path: str = "", query: str = "") -> str:
    """/anmelden?weiter=<path?query>: the login that brings the person back to `path`
    (plain /anmelden when that is no page to return to)."""
    back = return_path(f"{path}?{query}" if query else path)
    return f"{LOGIN}?{urlencode({RETURN_PARAM: back})}" if back else LOGIN


def path_params(pattern: str, path: str, *, prefix: bool = False) -> dict[str, str] | None:
    """The `[name]` values of a route pattern in a browser path, or None if it does not match.

    With `prefix`, the path may go on after the pattern (/k/<slug>/… for the Kommune's slug).
    Reflex hands event handlers the browser path (`router.url.path`), not the parameters.
    """
    wanted = [part for part in pattern.split("/") if part]
    given = [part for part in path.split("/") if part]
    if len(given) < len(wanted) or (not prefix and len(given) != len(wanted)):
        return None
    params: dict[str, str] = {}
    for want, got in zip(wanted, given, strict=False):
        if want.startswith("[") and want.endswith("]"):
            params[want[1:-1]] = got
        elif want != got:
            return None
    return params


def slug_from_path(path: str) -> str:
    """The <slug> of /k/<slug>/… ("" for any other path)."""
    return (path_params(KOMMUNE, path, prefix=True) or {}).get("slug", "")


def ids_from_path(path: str) -> tuple[str, int | None]:
    """(<slug>, <id>) of /k/<slug>/eintrag/<id>[/…]."""
    params = path_params(LISTING, path, prefix=True)
    return (params["slug"], parse_id(params["id"])) if params else ("", None)


def for_person(listing_form_href: str | rx.Var[str], person_id: Segment) -> str | rx.Var[str]:
    """The listing form (new or edit) for a represented person: <href>?fuer=<id>."""
    return _join(listing_form_href, "?", FOR_PERSON_PARAM, "=", person_id)


def for_person_from_query(query: str) -> int | None:
    """The represented person's id of ?fuer=<id> (None when absent or no number)."""
    values = parse_qs(query.lstrip("?")).get(FOR_PERSON_PARAM, [])
    return parse_id(values[0]) if values else None


def listing_form_from_path(path: str) -> tuple[str, int | None] | None:
    """What the listing form at `path` writes: (<slug>, None) for a new listing at
    /k/<slug>/neu, (<slug>, <id>) for an own listing edited at
    /k/<slug>/eintrag/<id>/bearbeiten, None for any other path (or an id that is no
    number). The form's handlers take this from the route of each event, never from state."""
    new = path_params(NEW_LISTING, path)
    if new:
        return new["slug"], None
    edit = path_params(LISTING_EDIT, path)
    listing_id = parse_id(edit["id"]) if edit else None
    if edit and listing_id is not None:
        return edit["slug"], listing_id
    return None


def person_from_path(path: str) -> tuple[str, str]:
    """(<slug>, <handle>) of /k/<slug>/person/<handle> (("", "") for any other path; the
    handle as given, up to 64 characters — the service looks it up, nothing else)."""
    params = path_params(PERSON, path)
    if not params or len(params["handle"]) > 64:
        return "", ""
    return params["slug"], params["handle"]


def conversation_id_from_path(path: str) -> int | None:
    """The <id> of /nachrichten/<id> (None for anything else)."""
    params = path_params(THREAD, path)
    return parse_id(params["id"]) if params else None


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
        institutions_only=params.get("nur_institutionen", "") == "1",
        institution=_handle(params.get("netzwerk", "")),
    )


def _handle(raw: str) -> str:
    """An institution's handle from a URL (lower-case letters, digits and dashes)."""
    text = raw.strip().lower()[:64]
    return text if text and all(c.isalnum() or c == "-" for c in text) else ""


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
        "nur_institutionen": "1" if f.institutions_only else "",
        "netzwerk": f.institution,
    }
    return urlencode({k: v for k, v in pairs.items() if v not in ("", None)})


def parent_consent_href() -> str:
    """The account page's Taschengeld part, where a minor asks a parent's consent."""
    return ACCOUNT + "#konto-taschengeld"
