"""Issue 14 against the running apps, as other websites, feed readers, messengers and
search engines see them: a plain HTTP client, no JavaScript, no cookies."""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser

import httpx
import pytest
from playwright.sync_api import Browser, Page, expect
from sqlmodel import select

from dasnez_core.db import session_scope
from dasnez_core.models import Kommune, Role, RoleGrant, User
from dasnez_core.seed import DEMO_PASSWORD
from dasnez_core.services import auth
from dasnez_core.services.sessions import create_session
from dasnez_ui.session_http import cookie_name
from tests.e2e.conftest import Apps

ATOM = "{http://www.w3.org/2005/Atom}"


class _Head(HTMLParser):
    """The title and the <meta> tags of a page."""

    def __init__(self) -> None:
        super().__init__()
        self.meta: dict[str, str] = {}
        self.title = ""
        self._in_title = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "meta":
            key = values.get("property") or values.get("name")
            if key and key not in self.meta:
                self.meta[key] = values.get("content") or ""
        self._in_title = tag == "title" and not self.title

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title += data

    def handle_endtag(self, tag: str) -> None:
        self._in_title = False


def _head(text: str) -> _Head:
    head = _Head()
    head.feed(text)
    return head


def test_embed_is_small_frameable_and_cookie_free(apps: Apps) -> None:
    with httpx.Client(base_url=apps.public, timeout=20) as client:
        embed = client.get("/embed/k/delbrueck")
        assert embed.status_code == 200
        assert len(embed.content) < 30_000
        assert "frame-ancestors *" in embed.headers["content-security-policy"]
        assert "x-frame-options" not in embed.headers
        assert "set-cookie" not in embed.headers
        assert "<script" not in embed.text
        assert '<html lang="de">' in embed.text and "<h1>" in embed.text
        # Links go into the app.
        assert re.search(rf'href="{re.escape(apps.public)}/k/delbrueck/eintrag/\d+"', embed.text)
        # Everything else stays unframeable.
        for path in ("/", "/k/delbrueck", "/feed/k/delbrueck.atom", "/embed/k/nirgendwo"):
            answer = client.get(path)
            assert "frame-ancestors 'none'" in answer.headers["content-security-policy"], path
            assert answer.headers["x-frame-options"] == "DENY", path


def test_bad_input_is_404_or_400_never_500(apps: Apps) -> None:
    with httpx.Client(base_url=apps.public, timeout=20) as client:
        assert client.get("/embed/k/nirgendwo").status_code == 404
        assert client.get("/feed/k/nirgendwo.atom").status_code == 404
        assert client.get("/embed/k/delbrueck?ort=" + "9" * 2000).status_code == 400
        assert client.get("/embed/k/delbrueck?art=%ff%00").status_code == 400
        assert client.get("/feed/k/delbrueck.atom?sozialraum=%0a").status_code == 400
        unknown = client.get("/embed/k/delbrueck?ort=abc&boerse=poker&art=nix")
        assert unknown.status_code == 200


def test_link_previews_without_javascript(apps: Apps) -> None:
    with httpx.Client(base_url=apps.public, timeout=20) as client:
        kommune = client.get("/k/delbrueck", headers={"accept": "text/html"})
        assert kommune.status_code == 200
        head = _head(kommune.text)
        assert head.title == "Nachbarschaftshilfe Delbrück"
        assert head.meta["og:title"] == "Nachbarschaftshilfe Delbrück"
        assert head.meta["description"].startswith("Nachbarschaftshilfe in Delbrück:")
        assert head.meta["og:url"] == f"{apps.public}/k/delbrueck"
        assert head.meta["og:image"].startswith(apps.public + "/")
        # A listing of the embed: its page previews the listing.
        embed = client.get("/embed/k/delbrueck").text
        found = re.search(r'href="[^"]*(/k/delbrueck/eintrag/\d+)">([^<]+)<', embed)
        assert found is not None
        listing = _head(client.get(found.group(1), headers={"accept": "text/html"}).text)
        title = html.unescape(found.group(2))  # other tests post titles with markup
        assert title in listing.title
        assert listing.meta["og:type"] == "article"
        assert title in listing.meta["og:title"]


def test_previewed_page_still_runs_in_the_browser(page: Page, apps: Apps) -> None:
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto(apps.public + "/k/delbrueck")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Delbrück")
    expect(page).to_have_title(re.compile("Delbrück"))
    assert page.locator("title").count() == 1
    # The page's own description, once (as the installable-app test expects it).
    expect(page.locator('meta[name="description"]')).to_have_attribute(
        "content", re.compile(r"^Nachbarschaftshilfe in Delbrück: Angebote und Gesuche")
    )
    # Moving on in the app, the title follows the page.
    page.get_by_role("link", name="Alle Angebote und Gesuche ansehen").first.click()
    expect(page).to_have_title(re.compile("Angebote und Gesuche"))
    assert page.locator("title").count() == 1
    assert errors == []


def test_feeds(apps: Apps) -> None:
    with httpx.Client(base_url=apps.public, timeout=20) as client:
        atom = client.get("/feed/k/delbrueck.atom?art=offer")
        assert atom.status_code == 200
        assert atom.headers["content-type"].startswith("application/atom+xml")
        root = ET.fromstring(atom.content)
        titles = [e.findtext(f"{ATOM}title") or "" for e in root.iter(f"{ATOM}entry")]
        assert titles and all(t.startswith("Angebot: ") for t in titles)
        ical = client.get("/feed/k/delbrueck.ics")
        assert ical.status_code == 200
        assert ical.headers["content-type"].startswith("text/calendar")
        assert ical.text.startswith("BEGIN:VCALENDAR\r\n")


def test_robots_and_sitemaps(apps: Apps) -> None:
    public = httpx.get(f"{apps.public}/robots.txt", timeout=20)
    assert public.status_code == 200
    assert "Disallow: /konto\n" in public.text and "Disallow: /nachrichten\n" in public.text
    assert httpx.get(f"{apps.admin}/robots.txt", timeout=20).text == "User-agent: *\nDisallow: /\n"
    index = httpx.get(f"{apps.public}/sitemap.xml", timeout=20)
    assert index.status_code == 200
    assert f"{apps.public}/sitemap/k/delbrueck.xml" in index.text
    kommune = httpx.get(f"{apps.public}/sitemap/k/delbrueck.xml", timeout=20).text
    assert re.search(r"/k/delbrueck/eintrag/\d+</loc>", kommune)


def _admin_token(slug: str) -> str:
    """A fresh portal session of the seeded admin of `slug`."""
    with session_scope() as db:
        kommune = db.exec(select(Kommune).where(Kommune.slug == slug)).one()
        admin = db.exec(
            select(User)
            .join(RoleGrant, RoleGrant.user_id == User.id)  # type: ignore[arg-type]
            .where(RoleGrant.role == Role.KOMMUNE_ADMIN, RoleGrant.kommune_id == kommune.id)
        ).first()
        assert admin is not None and admin.id is not None
        return create_session(db, admin.id, auth.ADMIN_APP)


@pytest.mark.parametrize("who", ["anonymous", "other_admin", "own_admin"])
def test_poster_only_for_the_kommunes_admin(apps: Apps, who: str) -> None:
    cookies = {}
    if who != "anonymous":
        slug = "delbrueck" if who == "own_admin" else "bad-lippspringe"
        cookies[cookie_name(auth.ADMIN_APP)] = _admin_token(slug)
    answer = httpx.get(f"{apps.admin}/plakat/delbrueck.pdf", cookies=cookies, timeout=30)
    expected = {"anonymous": 403, "other_admin": 404, "own_admin": 200}[who]
    assert answer.status_code == expected
    if who == "own_admin":
        assert answer.headers["content-type"] == "application/pdf"
        assert answer.content.startswith(b"%PDF")
    # The public app has no poster.
    assert httpx.get(f"{apps.public}/plakat/delbrueck.pdf", timeout=20).status_code != 200


AXE_OPTIONS = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
    "resultTypes": ["violations"],
}


def _axe_violations(page: Page) -> list[str]:
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page, options=AXE_OPTIONS)
    return [f"{v['id']}: {v['help']}" for v in results.response["violations"]]


def test_snippet_generator_on_the_kommune_page(page: Page, apps: Apps) -> None:
    page.goto(apps.public + "/k/delbrueck")
    page.get_by_role("button", name="Code und QR-Code erstellen").click()
    code = page.get_by_label("Code zum Einbinden (iframe)")
    expect(code).to_have_value(re.compile(r'<iframe src="[^"]+/embed/k/delbrueck" title="'))
    page.get_by_label("Angebot oder Gesuch").select_option(label="Gesuch")
    expect(code).to_have_value(re.compile(r"/embed/k/delbrueck\?art=request"))
    expect(page.get_by_label("Link", exact=True)).to_have_value(
        f"{apps.public}/k/delbrueck/eintraege?art=request"
    )
    qr = page.get_by_role("link", name="QR-Code herunterladen")
    expect(qr).to_have_attribute("href", re.compile(r"^data:image/png;base64,"))
    assert _axe_violations(page) == []
    # The code it gives works.
    src = re.search(r'src="([^"]+)"', code.input_value())
    assert src is not None
    embed = httpx.get(src.group(1).replace("&amp;", "&"), timeout=20)
    assert embed.status_code == 200


def test_snippet_generator_and_poster_in_the_admin_portal(browser: Browser, apps: Apps) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="de-DE")
    page = context.new_page()
    page.goto(apps.admin + "/")
    page.get_by_label("E-Mail-Adresse").fill("admin@delbrueck.example")
    page.get_by_label("Passwort").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Anmelden").click()
    expect(page.locator("header").get_by_role("button", name="Abmelden")).to_be_visible()
    page.goto(apps.admin + "/stammdaten")
    poster = page.get_by_role("link", name="Plakat herunterladen (PDF, A4)")
    expect(poster).to_have_attribute("href", "/plakat/delbrueck.pdf")
    # The link with the browser's own session cookie gives the PDF.
    cookies = {c["name"]: c["value"] for c in context.cookies(apps.admin)}
    pdf = httpx.get(f"{apps.admin}/plakat/delbrueck.pdf", cookies=cookies, timeout=30)
    assert pdf.status_code == 200
    assert pdf.headers["content-disposition"] == 'attachment; filename="plakat-delbrueck.pdf"'
    page.get_by_role("button", name="Code und QR-Code erstellen").click()
    expect(page.get_by_label("Code zum Einbinden (iframe)")).to_have_value(
        re.compile(re.escape(apps.public) + r"/embed/k/delbrueck")
    )
    assert _axe_violations(page) == []
    context.close()


def test_embed_passes_axe(page: Page, apps: Apps) -> None:
    page.goto(apps.public + "/embed/k/delbrueck?art=offer")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Delbrück")
    expect(page.get_by_role("list")).to_be_visible()
    assert _axe_violations(page) == []


def test_snippet_handlers_refuse_hostile_calls(page: Page, apps: Apps) -> None:
    from admin_portal.pages.profile_embed import ProfileEmbedState
    from dasnez_app.pages.kommune_embed import KommuneEmbedState
    from dasnez_core.models import Area
    from tests.e2e.hostile import fresh_token, send_event, tab_of

    with session_scope() as db:
        other = db.exec(select(Kommune).where(Kommune.slug == "bad-lippspringe")).one()
        foreign_area = db.exec(select(Area).where(Area.kommune_id == other.id)).first()
        assert foreign_area is not None
        foreign_area_id = str(foreign_area.id)
    page.goto(apps.public + "/k/delbrueck")
    page.get_by_role("button", name="Code und QR-Code erstellen").click()
    expect(page.get_by_label("Code zum Einbinden (iframe)")).to_have_value(re.compile("/embed/"))
    token = tab_of(page)
    page.goto("about:blank")
    page.wait_for_timeout(500)
    choose = f"{KommuneEmbedState.get_full_name()}.choose_snippet"
    # Another Kommune's district, and a field that does not exist: neither is taken.
    for field, value in (("area", foreign_area_id), ("evil", "1")):
        updates = send_event(
            apps.public, token, choose, {"field": field, "value": value}, path="/k/delbrueck"
        )
        assert "ort=" not in str(updates) and "evil" not in str(updates)
    # The same channel takes an allowed choice (so the refusals above were heard).
    updates = send_event(
        apps.public, token, choose, {"field": "kind", "value": "offer"}, path="/k/delbrueck"
    )
    assert "art=offer" in str(updates)
    # Anonymous in the portal: no snippet of any Kommune.
    open_snippet = f"{ProfileEmbedState.get_full_name()}.open_snippet"
    updates = send_event(apps.admin, fresh_token(), open_snippet, {}, path="/stammdaten")
    assert "/embed/k/" not in str(updates)
