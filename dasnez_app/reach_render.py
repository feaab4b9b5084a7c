"""The documents other websites, feed readers, link previews and search engines get:
the embed (plain HTML, no script), the Atom feed, the iCal feed, sitemaps, robots.txt and
the Open Graph head of a Kommune or listing page. Pure functions of read models and the
public base URL, so they are unit-tested without a server.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from datetime import UTC, date, datetime, timedelta
from html import escape
from urllib.parse import urlsplit
from xml.sax.saxutils import escape as xml_escape

from dasnez_app import routes
from dasnez_core.i18n import translate
from dasnez_core.services.reach import EventEntry, Feed, FeedEntry, KommuneRef
from dasnez_core.services.search import SearchFilters
from dasnez_ui.pwa import SHARE_IMAGE
from dasnez_ui.reach_links import browse_path, filter_query, kommune_path

# Small, readable, no web font, no script: the embed inherits nothing from the app.
_EMBED_CSS = (
    "body{margin:0;font:16px/1.45 system-ui,sans-serif;color:#1c2024;background:#fff}"
    "main{padding:12px}h1{font-size:1.15rem;margin:0 0 8px}"
    "ul{list-style:none;margin:0;padding:0}li{padding:8px 0;border-top:1px solid #d9d9e0}"
    "h2{font-size:1rem;margin:0}a{color:#0d5cad}p{margin:2px 0 0;font-size:.875rem;"
    "color:#3a3f45}.all{margin-top:12px;font-weight:600}"
    ".sr{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0)}"
)


_TRAILING_SLASHES = re.compile(r"/+$")


def _abs(base: str, path: str) -> str:
    return _TRAILING_SLASHES.sub("", base) + path


def _meta_line(entry: FeedEntry, lang: str) -> str:
    parts = [
        translate(f"kind.{entry.kind}", lang),
        translate(f"exchange.{entry.exchange_type}", lang),
        entry.category,
        entry.area,
        translate("reach.embed_since", lang, day=entry.created_on),
    ]
    return " · ".join(part for part in parts if part)


def applied_query(filters: SearchFilters) -> str:
    """The query string of the filters as applied (ids of another Kommune dropped)."""
    return filter_query(
        area=str(filters.area or ""),
        space=str(filters.space or ""),
        exchange=filters.exchange,
        kind=filters.kind,
    )


def embed_html(feed: Feed, base: str, lang: str = "de") -> str:
    """The embed page: a heading, the newest listings as a list of links, a link to all.

    Links open in a new window (the app itself may not be framed); screen readers hear so.
    """
    k = feed.kommune
    query = applied_query(feed.filters)
    title = translate("reach.embed_title", lang, name=k.name)
    new_tab = f'<span class="sr"> {escape(translate("reach.embed_new_tab", lang))}</span>'
    items = "".join(
        "<li><h2>"
        f'<a href="{escape(_abs(base, str(routes.listing_href(k.slug, e.id))))}">'
        f"{escape(e.title)}{new_tab}</a></h2>"
        f"<p>{escape(_meta_line(e, lang))}</p></li>"
        for e in feed.entries
    )
    listing = (
        f"<ul>{items}</ul>" if items else f"<p>{escape(translate('reach.embed_none', lang))}</p>"
    )
    all_link = translate("reach.embed_all", lang, name=k.name)
    return (
        f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width,initial-scale=1">'
        '<meta name="robots" content="noindex">'
        f"<title>{escape(title)}</title><style>{_EMBED_CSS}</style>"
        '<base target="_blank"></head><body><main>'
        f"<h1>{escape(title)}</h1>{listing}"
        f'<p class="all"><a href="{escape(_abs(base, browse_path(k.slug, query)))}" rel="noopener">'
        f"{escape(all_link)}{new_tab}</a></p></main></body></html>"
    )


def _iso(moment: datetime) -> str:
    aware = moment if moment.tzinfo else moment.replace(tzinfo=UTC)
    return aware.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def atom_xml(feed: Feed, base: str, self_path: str, lang: str = "de") -> str:
    """An Atom 1.0 feed of the newest listings (RFC 4287)."""
    k = feed.kommune
    query = applied_query(feed.filters)
    updated = max((e.updated_at for e in feed.entries), default=datetime(2026, 1, 1, tzinfo=UTC))
    entries = []
    for e in feed.entries:
        url = _abs(base, str(routes.listing_href(k.slug, e.id)))
        entries.append(
            "<entry>"
            f"<id>{xml_escape(url)}</id>"
            f"<title>{xml_escape(translate(f'kind.{e.kind}', lang))}: {xml_escape(e.title)}</title>"
            f'<link rel="alternate" type="text/html" href="{xml_escape(url)}"/>'
            f"<published>{_iso(e.created_at)}</published><updated>{_iso(e.updated_at)}</updated>"
            f"<summary>{xml_escape(e.summary)}</summary>"
            f'<category term="{xml_escape(e.exchange_type)}" '
            f'label="{xml_escape(translate(f"exchange.{e.exchange_type}", lang))}"/>'
            "</entry>"
        )
    feed_id = _abs(base, self_path)
    return (
        '<?xml version="1.0" encoding="utf-8"?>'
        f'<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="{lang}">'
        f"<id>{xml_escape(feed_id)}</id>"
        f"<title>{xml_escape(translate('reach.feed_title', lang, name=k.name))}</title>"
        f"<updated>{_iso(updated)}</updated>"
        f'<link rel="self" type="application/atom+xml" href="{xml_escape(feed_id)}"/>'
        f'<link rel="alternate" type="text/html" '
        f'href="{xml_escape(_abs(base, browse_path(k.slug, query)))}"/>'
        f"<author><name>{xml_escape(k.name)}</name></author>" + "".join(entries) + "</feed>"
    )


_CONTROL_CHARS = re.compile(r"[\x00-\x1f\x7f]")


def _ical_text(value: str) -> str:
    """A TEXT value (RFC 5545 §3.3.11): backslash, semicolon, comma and newlines escaped."""
    return (
        value.replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
        .replace("\r", "\\n")
    )


def _fold(line: str) -> str:
    """Lines of at most 75 octets, continued with CRLF + space (RFC 5545 §3.1)."""
    data = line.encode("utf-8")
    if len(data) <= 75:
        return line
    pieces, current = [], b""
    for char in line:
        encoded = char.encode("utf-8")
        if len(current) + len(encoded) > (75 if not pieces else 74):
            pieces.append(current.decode("utf-8"))
            current = b""
        current += encoded
    pieces.append(current.decode("utf-8"))
    return "\r\n ".join(pieces)


def ical(
    kommune: KommuneRef, events: Sequence[EventEntry], base: str, now: datetime, lang: str = "de"
) -> str:
    """An iCalendar of the Info-Box's dated events, each an all-day event."""
    host = urlsplit(base).hostname or "dasnez"
    stamp = now.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")
    page = _abs(base, kommune_path(kommune.slug))
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//dasnez//Info-Box//DE",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        "X-WR-CALNAME:" + _ical_text(translate("reach.calendar_title", lang, name=kommune.name)),
        "X-WR-TIMEZONE:Europe/Berlin",
    ]
    for event in events:
        day: date = event.day
        lines += [
            "BEGIN:VEVENT",
            f"UID:infobox-{event.id}@{host}",
            f"DTSTAMP:{stamp}",
            f"DTSTART;VALUE=DATE:{day:%Y%m%d}",
            f"DTEND;VALUE=DATE:{day + timedelta(days=1):%Y%m%d}",
            "SUMMARY:" + _ical_text(event.title),
        ]
        if event.body:
            lines.append("DESCRIPTION:" + _ical_text(event.body))
        lines.append("URL:" + _CONTROL_CHARS.sub("", event.link_url or page))
        lines.append("END:VEVENT")
    lines.append("END:VCALENDAR")
    return "\r\n".join(_fold(line) for line in lines) + "\r\n"


# --- search engines -----------------------------------------------------------------------

_SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
SITEMAP_PATH = "/sitemap.xml"
SITEMAP_START_PATH = "/sitemap/start.xml"
SITEMAP_KOMMUNE_PREFIX = "/sitemap/k/"


def robots_txt(base: str) -> str:
    """The public app's robots.txt: public pages crawlable, personal pages not."""
    lines = [
        "User-agent: *",
        *(f"Disallow: {path}" for path in routes.NOT_FOR_SEARCH_ENGINES),
        "Allow: /",
    ]
    return "\n".join([*lines, "", f"Sitemap: {_abs(base, SITEMAP_PATH)}", ""])


def sitemap_index(base: str, kommunen: Iterable[KommuneRef]) -> str:
    """The index: the platform's own pages, then one sitemap per Kommune."""
    paths = [SITEMAP_START_PATH, *(f"{SITEMAP_KOMMUNE_PREFIX}{k.slug}.xml" for k in kommunen)]
    body = "".join(f"<sitemap><loc>{xml_escape(_abs(base, p))}</loc></sitemap>" for p in paths)
    return (
        f'<?xml version="1.0" encoding="utf-8"?><sitemapindex xmlns="{_SITEMAP_NS}">'
        f"{body}</sitemapindex>"
    )


def _urlset(base: str, entries: Iterable[tuple[str, datetime | None]]) -> str:
    body = "".join(
        f"<url><loc>{xml_escape(_abs(base, path))}</loc>"
        + (f"<lastmod>{_iso(moment)}</lastmod>" if moment else "")
        + "</url>"
        for path, moment in entries
    )
    return f'<?xml version="1.0" encoding="utf-8"?><urlset xmlns="{_SITEMAP_NS}">{body}</urlset>'


def sitemap_start(base: str) -> str:
    """The landing page and the platform's legal texts."""
    pages = [routes.HOME, *(routes.platform_legal_href(p) for p in routes.LEGAL_SEGMENTS)]
    return _urlset(base, ((p, None) for p in pages))


def sitemap_kommune(
    base: str, kommune: KommuneRef, listings: Iterable[tuple[int, datetime]]
) -> str:
    """A Kommune's start page, its browse page, its legal texts and its public listings."""
    slug = kommune.slug
    pages: list[tuple[str, datetime | None]] = [
        (kommune_path(slug), None),
        (str(routes.browse_href(slug)), None),
        *((str(routes.legal_href(slug, p)), None) for p in routes.LEGAL_SEGMENTS),
        *((str(routes.listing_href(slug, i)), moment) for i, moment in listings),
    ]
    return _urlset(base, pages)


# --- link previews ------------------------------------------------------------------------

_HEAD = re.compile(rb"<head[^>]*>", re.I)
_CHARSET = re.compile(rb"\s*<meta charset=[^>]*>", re.I)
_TITLE = re.compile(rb"<title>.*?</title>", re.I | re.S)
_DESCRIPTION_TAG = re.compile(rb'<meta name="description" content="[^"]*"\s*/?>', re.I)


def preview_tags(
    *, title: str, description: str, url: str, image: str, kind: str = "website"
) -> str:
    """The Open Graph and description tags of a page (escaped)."""
    pairs = [
        ("property", "og:type", kind),
        ("property", "og:title", title),
        ("property", "og:description", description),
        ("property", "og:url", url),
        ("property", "og:image", image),
        ("property", "og:locale", "de_DE"),
        ("name", "twitter:card", "summary"),
    ]
    return "".join(
        f'<meta {attr}="{name}" content="{escape(value)}">' for attr, name, value in pairs
    )


def kommune_preview(kommune: KommuneRef, base: str, lang: str = "de") -> tuple[str, str, str]:
    """(title, description, Open Graph tags) of a Kommune's start page."""
    title = translate("reach.preview_kommune_title", lang, name=kommune.name)
    description = translate("pwa.kommune_description", lang, name=kommune.name)
    tags = preview_tags(
        title=title,
        description=description,
        url=_abs(base, kommune_path(kommune.slug)),
        image=_share_image(kommune, base),
    )
    return title, description, tags


def listing_preview(
    kommune: KommuneRef, entry: FeedEntry, base: str, lang: str = "de"
) -> tuple[str, str, str]:
    """(title, description, Open Graph tags) of a public listing's page."""
    title = translate(
        "reach.preview_listing_title",
        lang,
        kind=translate(f"kind.{entry.kind}", lang),
        title=entry.title,
        name=kommune.name,
    )
    description = " · ".join(p for p in (_meta_line(entry, lang), entry.summary) if p)
    tags = preview_tags(
        title=title,
        description=description,
        url=_abs(base, str(routes.listing_href(kommune.slug, entry.id))),
        image=_share_image(kommune, base),
        kind="article",
    )
    return title, description, tags


def _share_image(kommune: KommuneRef, base: str) -> str:
    return _abs(base, f"/_upload/{kommune.logo_path}" if kommune.logo_path else SHARE_IMAGE)


def with_preview(
    html: bytes, title: str, description: str, tags: str, *, for_browser: bool
) -> bytes:
    """The page's first HTML with the Open Graph tags first in its head.

    Reflex serves dynamic routes from one SPA fallback without a title or description:
    React sets them once the page has loaded. A link preview (WhatsApp, Signal, e-mail, a
    search engine) runs no script, so it gets a `<title>` and a description too. A browser
    does not: React would add its own, and the first `<title>` would stay for every page
    the person then opens. Browsers say so by their `Sec-Fetch-Mode` header.
    """
    head = _HEAD.search(html)
    if head is None:
        return html
    added = tags
    if not for_browser:
        html = _TITLE.sub(b"", html)
        html = _DESCRIPTION_TAG.sub(b"", html)
        added = (
            f"<title>{escape(title)}</title>"
            f'<meta name="description" content="{escape(description)}">' + tags
        )
    at = head.end()  # what was removed lies after it
    charset = _CHARSET.match(html, at)  # the encoding stays the first thing declared
    if charset is not None:
        at = charset.end()
    return html[:at] + added.encode() + html[at:]
