"""Steps a person takes in the browser that several browser tests share."""

from __future__ import annotations

from playwright.sync_api import Page


def open_menu(page: Page) -> None:
    """Open the logged-in person's header menu (account links, language, "Abmelden")."""
    page.locator("header").get_by_role("button", name="Menü").click()


def log_out(page: Page) -> None:
    """Click "Abmelden" (in the public app's header menu) and wait for the new document
    that the full page load through the session cookie endpoint brings (its "load" event):
    acting on the old page meanwhile would race that navigation, and a client-side route
    change fires no "load"."""
    menu = page.locator("header").get_by_role("button", name="Menü")
    # Wait for the logged-in header (the first HTML shows the anonymous one).
    menu.or_(page.get_by_role("button", name="Abmelden")).first.wait_for(timeout=30_000)
    if menu.count():
        open_menu(page)
    with page.expect_event("load", timeout=30_000):
        page.get_by_role("button", name="Abmelden").click()
