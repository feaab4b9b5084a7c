"""Logos in the admin portal, in Chromium: Delbrück's admin uploads a PNG on /stammdaten and
the public Kommune page shows it next to the name; a text file named .png is refused. Bad
Lippspringe's admin cannot remove a Delbrück sponsor's logo over the websocket."""

from __future__ import annotations

import struct
import zlib

from playwright.sync_api import Browser, Page, expect
from sqlmodel import select

from admin_portal.pages.sponsors import SponsorsState
from dasnez_core.db import session_scope
from dasnez_core.models import Kommune, Sponsor, id_of
from dasnez_core.seed import DEMO_PASSWORD
from tests.e2e.conftest import Apps
from tests.e2e.hostile import send_event, tab_of

DESKTOP = {"width": 1280, "height": 900}
UPLOAD_LABEL = "Logo hochladen (PNG, JPG oder WebP, höchstens 1 MB)"
WRONG_TYPE = "Diese Datei ist kein PNG-, JPG- oder WebP-Bild."


def _png() -> bytes:
    """A valid 2×2 PNG, made here so the test needs no file."""

    def chunk(kind: bytes, body: bytes) -> bytes:
        crc = zlib.crc32(kind + body) & 0xFFFFFFFF
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", crc)

    header = struct.pack(">IIBBBBB", 2, 2, 8, 2, 0, 0, 0)
    rows = b"".join(b"\x00" + b"\x20\x60\xc0" * 2 for _ in range(2))
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows))
        + chunk(b"IEND", b"")
    )


def _admin(browser: Browser, apps: Apps, address: str) -> Page:
    page = browser.new_context(viewport=DESKTOP).new_page()  # type: ignore[arg-type]
    page.goto(apps.admin + "/")
    page.get_by_label("E-Mail-Adresse").fill(address)
    page.get_by_label("Passwort").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Anmelden").click()
    expect(page.locator("header").get_by_role("button", name="Abmelden")).to_be_visible()
    return page


def _delbrueck() -> Kommune:
    with session_scope() as db:
        return db.exec(select(Kommune).where(Kommune.slug == "delbrueck")).one()


def test_admin_uploads_a_kommune_logo_that_the_public_page_shows(
    apps: Apps, browser: Browser
) -> None:
    page = _admin(browser, apps, "admin@delbrueck.example")
    page.goto(apps.admin + "/stammdaten")
    expect(page.get_by_text(UPLOAD_LABEL)).to_be_visible()
    expect(page.get_by_text("Noch kein Logo hochgeladen.")).to_be_visible()
    upload = page.locator("input[type=file]")

    # A text file that only calls itself .png: refused with a clear message, nothing saved.
    upload.set_input_files(
        files=[{"name": "logo.png", "mimeType": "image/png", "buffer": b"Ich bin kein Bild."}]
    )
    expect(page.get_by_role("alert")).to_contain_text(WRONG_TYPE)
    assert _delbrueck().logo_path == ""

    upload.set_input_files(
        files=[{"name": "wappen.png", "mimeType": "image/png", "buffer": _png()}]
    )
    expect(page.get_by_role("status")).to_contain_text("Das Logo ist gespeichert")
    preview = page.get_by_role("img", name="Aktuelles Logo")
    expect(preview).to_be_visible()
    stored = _delbrueck()
    assert stored.logo_path.endswith(".png")
    expect(page.get_by_role("button", name="Logo entfernen")).to_be_visible()

    public = browser.new_page()
    public.goto(f"{apps.public}/k/delbrueck")
    logo = public.get_by_role("img", name=stored.name)
    expect(logo).to_be_visible()
    assert stored.logo_path in str(logo.get_attribute("src"))
    # Really served by the public app (not a broken image).
    public.wait_for_function(
        "el => el.complete && el.naturalWidth === 2", arg=logo.element_handle()
    )

    # Removing it: the public page shows the name alone again.
    page.get_by_role("button", name="Logo entfernen").click()
    expect(page.get_by_role("status")).to_contain_text("Das Logo ist entfernt.")
    assert _delbrueck().logo_path == ""
    public.reload()
    expect(public.get_by_role("heading", name=stored.name, level=1)).to_be_visible()
    expect(public.get_by_role("img", name=stored.name)).to_have_count(0)
    public.close()
    page.context.close()


def test_other_kommunes_admin_cannot_remove_a_sponsor_logo_over_the_websocket(
    apps: Apps, browser: Browser
) -> None:
    kommune_id = id_of(_delbrueck())
    with session_scope() as db:
        bank = db.exec(select(Sponsor).where(Sponsor.kommune_id == kommune_id)).first()
        assert bank is not None
        bank.logo_path = "0" * 32 + ".png"
        db.add(bank)
        bank_id = id_of(bank)
    page = _admin(browser, apps, "admin@bad-lippspringe.example")
    page.goto(apps.admin + "/sponsoren")
    expect(page.get_by_role("heading", name="Sponsoren", level=1)).to_be_visible()
    token = tab_of(page)
    page.goto("about:blank")
    page.wait_for_timeout(1000)
    remove = f"{SponsorsState.get_full_name()}.remove_logo"
    updates = send_event(apps.admin, token, remove, {"sponsor_id": bank_id}, path="/sponsoren")
    assert "Dieser Sponsor wurde nicht gefunden." in str(updates)
    page.context.close()
    with session_scope() as db:
        assert db.get(Sponsor, bank_id).logo_path == "0" * 32 + ".png"  # type: ignore[union-attr]
        bank = db.get(Sponsor, bank_id)
        assert bank is not None
        bank.logo_path = ""
        db.add(bank)
