"""Embeds, feeds, sitemaps, robots.txt, link previews and the poster (issue 14), through the
ASGI wrappers as a plain HTTP client sees them, on committed data."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterator
from datetime import date, timedelta

import pytest
from sqlalchemy import text
from sqlmodel import Session
from starlette.testclient import TestClient
from starlette.types import Receive, Scope, Send

from admin_portal.reach_http import AdminReachRoutes
from dasnez_app import reach_http, reach_render
from dasnez_core.actor import ANONYMOUS
from dasnez_core.errors import NotAllowed, NotFound
from dasnez_core.models import ListingStatus, Role, UserStatus, utcnow
from dasnez_core.services import auth, reach
from dasnez_core.services.sessions import create_session
from dasnez_ui.http_headers import SecurityHeadersMiddleware, security_headers
from dasnez_ui.session_http import cookie_name
from tests import factories as f

ATOM = "{http://www.w3.org/2005/Atom}"
APP_HTML = (
    b'<!DOCTYPE html><html lang="de"><head><meta charset="utf-8">'
    b'<title>Kommune - dasnez</title><meta name="description" content="Allgemein"/></head>'
    b"<body><div id='root'></div></body></html>"
)


async def _reflex(scope: Scope, receive: Receive, send: Send) -> None:
    """Stands in for Reflex: every page is the same prebuilt HTML."""
    headers = [(b"content-type", b"text/html; charset=utf-8"), (b"etag", b'"abc"')]
    headers.append((b"content-length", str(len(APP_HTML)).encode()))
    await send({"type": "http.response.start", "status": 200, "headers": headers})
    await send({"type": "http.response.body", "body": APP_HTML})


def _public_client() -> TestClient:
    origins = ("http://localhost:3000",)
    app = reach_http.ReachRoutes(_reflex)
    return TestClient(
        SecurityHeadersMiddleware(app, security_headers("public", origins=origins), origins)
    )


@pytest.fixture
def world(db: Session) -> Iterator[dict[str, object]]:
    """Two Kommunen; in Delbrück three public listings (one request, one in Boke), a draft
    and an Info-Box event; committed, since the routes open sessions of their own."""
    reach_http._cache.clear()
    reach_http._previews.clear()
    reach_http._slug_ids.clear()
    here = f.kommune(db)
    other = f.kommune(db, slug="salzkotten", name="Salzkotten")
    boke = f.district(db, here, "Boke")
    _, category = f.exchange_with_category(db, here)
    maria = f.user(db, here, "maria@example.org", name="Maria Muster")
    start = utcnow() - timedelta(hours=5)
    listings = {
        "old": f.listing_with(db, maria, category, title="Hecke schneiden", created_at=start),
        "in_boke": f.listing_with(
            db,
            maria,
            category,
            title="Rasen in Boke",
            area=boke,
            created_at=start + timedelta(hours=1),
        ),
        "request": f.listing_with(db, maria, category, title="Suche Einkaufshilfe", kind="request"),
        "draft": f.listing_with(db, maria, category, title="Entwurf", status=ListingStatus.DRAFT),
    }
    f.info_item(db, here, "Sommerfest; mit Grill, Musik", event_date=date(2027, 7, 3))
    f.info_item(db, here, "Ohne Datum")
    admin = f.user(db, here, "admin@example.org", roles=(Role.KOMMUNE_ADMIN,))
    other_admin = f.user(db, other, "admin@salzkotten.example", roles=(Role.KOMMUNE_ADMIN,))
    db.commit()
    yield {
        "here": here,
        "other": other,
        "boke": boke,
        "category": category,
        "maria": maria,
        "admin": admin,
        "other_admin": other_admin,
        **listings,
    }
    reach_http._cache.clear()
    reach_http._previews.clear()
    reach_http._slug_ids.clear()


# --- bad input ----------------------------------------------------------------------------


def test_filter_params_keep_the_browse_filters_and_refuse_garbage() -> None:
    assert reach_http.filter_params(b"ort=3&art=offer&q=x&seite=2") == {"ort": "3", "art": "offer"}
    assert reach_http.canonical_query({"ort": "abc", "boerse": "poker", "art": "request"}) == (
        "art=request"
    )
    for garbage in (b"ort=" + b"1" * 600, b"ort=%ff%fe", b"art=%00offer", b"ort=" + b"9" * 70):
        with pytest.raises(reach_http.BadQuery):
            reach_http.filter_params(garbage)
    with pytest.raises(reach_http.BadQuery):
        reach_http.filter_params("ort=é".encode())


def test_unknown_slug_is_404_and_garbage_query_400(world: dict[str, object]) -> None:
    client = _public_client()
    assert client.get("/embed/k/nirgendwo").status_code == 404
    assert client.get("/embed/k/..%2Fetc").status_code == 404
    assert client.get("/feed/k/nirgendwo.atom").status_code == 404
    assert client.get("/feed/k/delbrueck.rss").status_code == 404
    bad = client.get("/embed/k/delbrueck?ort=" + "1" * 600)
    assert bad.status_code == 400
    assert "ungültige Angaben" in bad.text
    assert client.get("/embed/k/delbrueck?ort=%ff").status_code == 400
    # Unknown filter values are ignored, as on the browse page.
    assert client.get("/embed/k/delbrueck?ort=999999&boerse=poker&foo=bar").status_code == 200


# --- the embed ----------------------------------------------------------------------------


def test_embed_lists_the_newest_public_listings_frameable_without_cookies(
    world: dict[str, object],
) -> None:
    answer = _public_client().get("/embed/k/delbrueck")
    assert answer.status_code == 200
    assert answer.headers["content-type"] == "text/html; charset=utf-8"
    assert len(answer.content) < 30_000
    html = answer.text
    assert '<html lang="de">' in html and "<h1>" in html and "<ul>" in html
    assert "<script" not in html
    assert html.index("Suche Einkaufshilfe") < html.index("Rasen in Boke") < html.index("Hecke")
    assert "Entwurf" not in html
    assert "Maria Muster" not in html  # no author names on other sites
    listing = world["old"]
    assert f'href="http://localhost:3000/k/delbrueck/eintrag/{listing.id}"' in html  # type: ignore[attr-defined]
    csp = answer.headers["content-security-policy"]
    assert "frame-ancestors *" in csp and "script-src" not in csp
    assert "x-frame-options" not in answer.headers
    assert "set-cookie" not in answer.headers


def test_every_other_answer_stays_unframeable(world: dict[str, object]) -> None:
    client = _public_client()
    for path in ("/k/delbrueck", "/feed/k/delbrueck.atom", "/embed/k/nirgendwo", "/robots.txt"):
        answer = client.get(path)
        assert "frame-ancestors 'none'" in answer.headers["content-security-policy"], path
        assert answer.headers["x-frame-options"] == "DENY", path


def test_embed_filters_as_the_browse_page(world: dict[str, object]) -> None:
    client = _public_client()
    boke = world["boke"].id  # type: ignore[attr-defined]
    html = client.get(f"/embed/k/delbrueck?ort={boke}").text
    assert "Rasen in Boke" in html and "Hecke" not in html
    assert f"eintraege?ort={boke}" in html  # the link to all keeps the filter
    requests = client.get("/embed/k/delbrueck?art=request").text
    assert "Suche Einkaufshilfe" in requests and "Rasen" not in requests
    # Another Kommune's district is no filter here: ignored.
    other_district = f"/embed/k/salzkotten?ort={boke}"
    assert "eintraege?ort" not in client.get(other_district).text


def test_embed_cache_is_dropped_when_a_listing_of_the_kommune_changes(
    db: Session, world: dict[str, object]
) -> None:
    client = _public_client()
    assert "Neu: Fahrrad" not in client.get("/embed/k/delbrueck").text
    # A change the app does not see (straight SQL) is served from the cache…
    db.execute(text("UPDATE listing SET title = 'Heimlich' WHERE title = 'Hecke schneiden'"))
    db.commit()
    assert "Heimlich" not in client.get("/embed/k/delbrueck").text
    # …a listing written through the app drops the Kommune's entries.
    f.listing_with(db, world["maria"], world["category"], title="Neu: Fahrrad")  # type: ignore[arg-type]
    db.commit()
    html = client.get("/embed/k/delbrueck").text
    assert "Neu: Fahrrad" in html and "Heimlich" in html


# --- feeds --------------------------------------------------------------------------------


def test_atom_feed_of_new_listings_per_filter(world: dict[str, object]) -> None:
    answer = _public_client().get("/feed/k/delbrueck.atom?art=offer")
    assert answer.status_code == 200
    assert answer.headers["content-type"].startswith("application/atom+xml")
    root = ET.fromstring(answer.content)
    titles = [e.findtext(f"{ATOM}title") for e in root.iter(f"{ATOM}entry")]
    assert titles == ["Angebot: Rasen in Boke", "Angebot: Hecke schneiden"]
    assert root.findtext(f"{ATOM}title") == "Neue Einträge – Nachbarschaftshilfe Delbrück"
    self_link = root.find(f"{ATOM}link[@rel='self']")
    assert self_link is not None
    assert self_link.get("href") == "http://localhost:3000/feed/k/delbrueck.atom?art=offer"


def test_ical_feed_of_the_info_box_events(world: dict[str, object]) -> None:
    answer = _public_client().get("/feed/k/delbrueck.ics")
    assert answer.status_code == 200
    assert answer.headers["content-type"].startswith("text/calendar")
    body = answer.text
    assert body.startswith("BEGIN:VCALENDAR\r\n") and body.endswith("END:VCALENDAR\r\n")
    assert body.count("BEGIN:VEVENT") == 1  # the item without a date is no event
    assert "DTSTART;VALUE=DATE:20270703\r\n" in body
    assert "DTEND;VALUE=DATE:20270704\r\n" in body
    assert "SUMMARY:Sommerfest\\; mit Grill\\, Musik\r\n" in body


def test_ical_lines_are_folded_at_75_octets() -> None:
    line = "DESCRIPTION:" + "Übung " * 40
    folded = reach_render._fold(line)
    parts = folded.split("\r\n")
    assert all(len(p.encode()) <= 75 for p in parts)
    assert "".join(p[1:] if i else p for i, p in enumerate(parts)) == line


# --- search engines -----------------------------------------------------------------------


def test_robots_keep_personal_pages_and_the_admin_portal_out(world: dict[str, object]) -> None:
    public = _public_client().get("/robots.txt").text
    for path in ("/konto", "/nachrichten", "/meine-eintraege", "/k/*/person/", "/embed/"):
        assert f"Disallow: {path}\n" in public
    assert "Sitemap: http://localhost:3000/sitemap.xml" in public
    admin = TestClient(AdminReachRoutes(_reflex)).get("/robots.txt")
    assert admin.text == "User-agent: *\nDisallow: /\n"


def test_sitemaps_name_kommunen_and_their_public_listings(world: dict[str, object]) -> None:
    client = _public_client()
    index = client.get("/sitemap.xml").text
    assert "http://localhost:3000/sitemap/k/delbrueck.xml" in index
    assert "http://localhost:3000/sitemap/k/salzkotten.xml" in index
    kommune = client.get("/sitemap/k/delbrueck.xml").text
    ids = {name: world[name].id for name in ("old", "draft")}  # type: ignore[attr-defined]
    assert f"/k/delbrueck/eintrag/{ids['old']}</loc>" in kommune
    assert f"/k/delbrueck/eintrag/{ids['draft']}</loc>" not in kommune
    assert "<loc>http://localhost:3000/k/delbrueck/impressum</loc>" in kommune
    assert client.get("/sitemap/k/nirgendwo.xml").status_code == 404
    assert "/datenschutz</loc>" in client.get("/sitemap/start.xml").text


# --- link previews ------------------------------------------------------------------------


def test_kommune_and_listing_pages_carry_preview_tags(world: dict[str, object]) -> None:
    client = _public_client()
    page = client.get("/k/delbrueck", headers={"accept-encoding": "gzip"})
    assert page.text.count("<title>") == 1
    assert page.status_code == 200
    assert "<title>Nachbarschaftshilfe Delbrück</title>" in page.text
    assert '<meta property="og:title" content="Nachbarschaftshilfe Delbrück">' in page.text
    assert '<meta property="og:url" content="http://localhost:3000/k/delbrueck">' in page.text
    assert page.text.count('<meta name="description"') == 1
    assert 'name="description" content="Nachbarschaftshilfe in Delbrück:' in page.text
    assert int(page.headers["content-length"]) == len(page.content)
    assert "etag" not in page.headers
    listing = world["in_boke"]
    detail = client.get(f"/k/delbrueck/eintrag/{listing.id}").text  # type: ignore[attr-defined]
    assert "<title>Angebot: Rasen in Boke – Delbrück</title>" in detail
    assert 'property="og:type" content="article"' in detail
    assert "Ich helfe gern in der Nachbarschaft." in detail
    # A browser gets the Open Graph tags only: React sets title and description itself.
    browser = client.get("/k/delbrueck", headers={"sec-fetch-mode": "navigate"}).text
    assert '<meta property="og:title" content="Nachbarschaftshilfe Delbrück">' in browser
    assert "<title>Kommune - dasnez</title>" in browser and browser.count("<title>") == 1
    assert 'content="Allgemein"' in browser


def test_no_preview_for_what_the_public_does_not_see(world: dict[str, object]) -> None:
    client = _public_client()
    draft = world["draft"]
    assert client.get(f"/k/delbrueck/eintrag/{draft.id}").content == APP_HTML  # type: ignore[attr-defined]
    assert client.get("/k/nirgendwo").content == APP_HTML


# --- the poster ---------------------------------------------------------------------------


def test_poster_only_for_the_kommunes_own_admins(db: Session, world: dict[str, object]) -> None:
    admin, other_admin = world["admin"], world["other_admin"]
    with pytest.raises(NotAllowed):
        reach.poster_data(db, ANONYMOUS, "delbrueck")
    with pytest.raises(NotFound):
        reach.poster_data(db, f.actor(db, other_admin), "delbrueck")  # type: ignore[arg-type]
    with pytest.raises(NotFound):
        reach.poster_data(db, f.actor(db, world["maria"]), "delbrueck")  # type: ignore[arg-type]
    data = reach.poster_data(db, f.actor(db, admin), "delbrueck")  # type: ignore[arg-type]
    assert data.kommune.name == "Delbrück"


def test_poster_download_through_http(db: Session, world: dict[str, object]) -> None:
    client = TestClient(AdminReachRoutes(_reflex))
    assert client.get("/plakat/delbrueck.pdf").status_code == 403
    name = cookie_name(auth.ADMIN_APP)
    foreign = create_session(db, world["other_admin"].id, auth.ADMIN_APP)  # type: ignore[attr-defined]
    own = create_session(db, world["admin"].id, auth.ADMIN_APP)  # type: ignore[attr-defined]
    pending = f.user(db, world["here"], "neu@example.org", status=UserStatus.PENDING)  # type: ignore[arg-type]
    pending_token = create_session(db, pending.id, auth.ADMIN_APP)  # type: ignore[arg-type]
    db.commit()
    assert client.get("/plakat/delbrueck.pdf", cookies={name: foreign}).status_code == 404
    assert client.get("/plakat/delbrueck.pdf", cookies={name: pending_token}).status_code in (
        403,
        404,
    )
    answer = client.get("/plakat/delbrueck.pdf", cookies={name: own})
    assert answer.status_code == 200
    assert answer.headers["content-type"] == "application/pdf"
    assert answer.content.startswith(b"%PDF")
    assert client.get("/plakat/nirgendwo.pdf", cookies={name: own}).status_code == 404


def test_ical_values_cannot_start_lines_of_their_own() -> None:
    from datetime import UTC, datetime

    from dasnez_core.services.reach import EventEntry, KommuneRef

    event = EventEntry(
        7, "Fest\r\nEND:VCALENDAR", "", "https://x.example/\r\nBEGIN:VEVENT", date(2027, 1, 1)
    )
    body = reach_render.ical(KommuneRef(1, "d", "D", ""), [event], "http://h", datetime.now(UTC))
    lines = body.split("\r\n")
    assert lines.count("BEGIN:VEVENT") == 1 and lines.count("END:VCALENDAR") == 1
    assert "URL:https://x.example/BEGIN:VEVENT" in lines
