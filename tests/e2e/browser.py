"""Steps a person takes in the browser that several browser tests share."""

from __future__ import annotations

from playwright.sync_api import Page


def log_out(page: Page) -> None:
    """Click "Abmelden" and wait until the full page load through the session cookie
    endpoint has ended: acting on the old page meanwhile would race that navigation."""
    with page.expect_navigation(url=lambda url: "/_session/" not in url):
        page.get_by_role("button", name="Abmelden").click()
