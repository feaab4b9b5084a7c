"""The public app installs like an app (manifest, icons, service worker, German offline
page), both apps have a favicon and theme colour, and the Kommune's contact is a link."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser

import httpx
import pytest
from playwright.sync_api import Browser, Page, expect
from sqlmodel import select

from dasnez_core.db import session_scope
from dasnez_core.models import Kommune
from dasnez_ui.pwa import MANIFEST_PATH, THEME_COLOR
from scripts.make_pwa_assets import png_size
from tests.e2e.conftest import Apps

KOMMUNE = "/k/delbrueck"


class _HeadTags(HTMLParser):
    """The attributes of every <link> and <meta> of a page."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("link", "meta"):
            self.tags.append((tag, dict(attrs)))

    def attribute(self, tag: str, key: str, value: str, wanted: str) -> list[str | None]:
        """`wanted` of each `tag` whose `key` is `value`."""
        return [
            attrs.get(wanted)
            for name, attrs in self.tags
            if name == tag and attrs.get(key) == value
        ]


def test_the_manifest_and_every_icon_it_names_are_served(apps: Apps) -> None:
    with httpx.Client(base_url=apps.public, timeout=20) as client:
        answer = client.get(MANIFEST_PATH)
        assert answer.status_code == 200
        assert answer.headers["content-type"].startswith("application/manifest+json")
        manifest = json.loads(answer.text)
        assert manifest["lang"] == "de"
        assert manifest["display"] == "standalone"
        assert any(icon["purpose"] == "maskable" for icon in manifest["icons"])
        for icon in manifest["icons"]:
            image = client.get(icon["src"])
            assert image.status_code == 200, icon["src"]
            assert image.headers["content-type"] == "image/png"
            width, height = png_size(image.content)
            assert f"{width}x{height}" == icon["sizes"]
        for path, kind in (
            ("/favicon.ico", "image/"),
            ("/favicon.svg", "image/svg+xml"),
            ("/apple-touch-icon.png", "image/png"),
            ("/sw.js", "text/javascript"),
            ("/offline.html", "text/html"),
        ):
            file = client.get(path)
            assert file.status_code == 200, path
            assert file.headers["content-type"].startswith(kind), path


@pytest.mark.parametrize("app", ["public", "admin"])
def test_the_first_html_names_icons_theme_colour_and_a_description(apps: Apps, app: str) -> None:
    base = apps.public if app == "public" else apps.admin
    head = _HeadTags()
    head.feed(httpx.get(f"{base}/", timeout=20).text)
    assert "/favicon.svg" in head.attribute("link", "rel", "icon", "href")
    assert head.attribute("link", "rel", "apple-touch-icon", "href") == ["/apple-touch-icon.png"]
    assert head.attribute("meta", "name", "theme-color", "content") == [THEME_COLOR]
    if app == "admin":
        assert head.attribute("meta", "name", "robots", "content") == ["noindex, nofollow"]
    else:
        assert head.attribute("link", "rel", "manifest", "href") == [MANIFEST_PATH]
        (description,) = head.attribute("meta", "name", "description", "content")
        assert description is not None
        assert description.startswith("Nachbarschaftshilfe in Ihrer Kommune")


def test_the_kommune_page_describes_itself_and_links_its_contact(page: Page, apps: Apps) -> None:
    # The phone as the Kommune keeps it now (the master-data test changes it).
    with session_scope() as db:
        phone = db.exec(select(Kommune).where(Kommune.slug == "delbrueck")).one().contact_phone
    page.goto(apps.public + KOMMUNE)
    expect(page.get_by_role("link", name=phone, exact=True)).to_have_attribute(
        "href", "tel:" + "".join(ch for ch in phone if ch.isdigit())
    )
    expect(page.get_by_role("link", name="dasnez@delbrueck.example")).to_have_attribute(
        "href", "mailto:dasnez@delbrueck.example"
    )
    expect(page.locator('meta[name="description"]')).to_have_attribute(
        "content", re.compile(r"^Nachbarschaftshilfe in Delbrück: Angebote und Gesuche")
    )


def test_it_installs_and_offline_a_page_shows_the_german_offline_page(
    browser: Browser, apps: Apps
) -> None:
    context = browser.new_context(viewport={"width": 360, "height": 800}, locale="de-DE")
    try:
        page = context.new_page()
        page.goto(apps.public + KOMMUNE)
        assert page.evaluate("navigator.serviceWorker.ready.then((r) => r.active.scriptURL)") == (
            apps.public + "/sw.js"
        )
        page.wait_for_function("navigator.serviceWorker.controller !== null")
        # Chromium's own verdict: installable but for the test's private profile.
        cdp = context.new_cdp_session(page)
        assert cdp.send("Page.getAppManifest")["errors"] == []
        verdict = cdp.send("Page.getInstallabilityErrors")["installabilityErrors"]
        assert {error["errorId"] for error in verdict} <= {"in-incognito"}
        context.set_offline(True)
        # A person opens a page while offline, in a new tab: the first tab's app, losing
        # its connection, may be navigating itself just then (Page.goto: ERR_ABORTED).
        page.close()
        page = context.new_page()
        page.goto(apps.public + KOMMUNE + "/eintraege")
        expect(page.get_by_role("heading", level=1)).to_have_text("Keine Verbindung")
        expect(page.locator("html")).to_have_attribute("lang", "de")
        expect(page).to_have_title("Keine Verbindung – dasnez")
        # Nothing under /_ (event channel, session, uploads, health) comes from a cache.
        assert page.evaluate("fetch('/_health').then(() => 'answered', () => 'failed')") == (
            "failed"
        )
        context.set_offline(False)
        page.get_by_role("link", name="Erneut versuchen").click()
        expect(page).to_have_url(apps.public + KOMMUNE + "/eintraege")
        expect(page.get_by_role("heading", name="Keine Verbindung")).to_have_count(0)
        expect(page.locator("main")).not_to_be_empty()
    finally:
        context.close()
