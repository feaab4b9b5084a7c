"""Origins and security headers of both running apps (issue 8, finding 9).

A page on a foreign site can neither open an app's websocket (either Engine.IO transport)
nor read its answers with the visitor's cookies (CORS), nor frame the admin portal; every
kind of HTTP answer carries the policy headers, and the apps' own pages run under that
policy without a single violation.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import httpx
import pytest
from playwright.sync_api import Browser, BrowserContext, ConsoleMessage, Page, expect

from dasnez_core.seed import DEMO_PASSWORD
from tests.e2e.conftest import Apps
from tests.e2e.hostile import polling_handshake, socket_opens_from

EVIL = "https://evil.example"
DESKTOP = {"width": 1280, "height": 900}
PUBLIC_PAGES = ["/", "/anmelden", "/k/delbrueck", "/k/delbrueck/eintraege", "/gibt-es-nicht"]
ADMIN_PAGES = ["/uebersicht", "/stammdaten", "/freischaltung", "/sponsoren"]


def _check_headers(answer: httpx.Response) -> None:
    where = f"{answer.request.method} {answer.request.url} ({answer.status_code})"
    policy = answer.headers.get("content-security-policy", "")
    for directive in (
        "default-src 'self'",
        "frame-ancestors 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "object-src 'none'",
    ):
        assert directive in policy, f"{where}: no {directive!r} in {policy!r}"
    script_src = re.search(r"script-src ([^;]*)", policy)
    assert script_src is not None, where
    assert "'unsafe-inline'" not in script_src.group(1), where
    # 'unsafe-eval' is allowed on purpose (rx.call_script); inline scripts stay hashed.
    assert answer.headers.get("x-frame-options") == "DENY", where
    assert answer.headers.get("x-content-type-options") == "nosniff", where
    assert answer.headers.get("referrer-policy") in {
        "strict-origin-when-cross-origin",
        "no-referrer",
    }, where
    assert "camera=()" in answer.headers.get("permissions-policy", ""), where
    # The browser tests run over plain HTTP without Secure cookies: no HSTS.
    assert "strict-transport-security" not in answer.headers, where


@pytest.mark.parametrize("app", ["public", "admin"])
def test_every_kind_of_answer_carries_the_security_headers(apps: Apps, app: str) -> None:
    base = apps.public if app == "public" else apps.admin
    with httpx.Client(base_url=base, timeout=20) as client:
        page = client.get("/")
        assert page.status_code == 200
        _check_headers(page)
        # A script and a stylesheet of the build, as the page names them.
        for pattern in (r'src="(/assets/[^"]+\.js)"', r'href="(/assets/[^"]+\.css)"'):
            found = re.search(pattern, page.text) or re.search(
                pattern.replace("src=", "href="), page.text
            )
            assert found is not None, f"no {pattern} in the page"
            asset = client.get(found.group(1))
            assert asset.status_code == 200
            _check_headers(asset)
        compressed = client.get(found.group(1), headers={"Accept-Encoding": "gzip"})
        _check_headers(compressed)
        for path, status in (
            ("/ping", 200),
            ("/_health", 200),
            ("/gibt-es-nicht", 404),
            ("/_upload/gibt-es-nicht.png", 404),
        ):
            answer = client.get(path)
            assert answer.status_code == status, path
            _check_headers(answer)
    assert page.headers["referrer-policy"] == (
        "strict-origin-when-cross-origin" if app == "public" else "no-referrer"
    )


@pytest.mark.parametrize("app", ["public", "admin"])
def test_a_foreign_origin_cannot_open_the_websocket(apps: Apps, app: str) -> None:
    base = apps.public if app == "public" else apps.admin
    other = apps.admin if app == "public" else apps.public
    assert socket_opens_from(base, base)  # the app's own pages keep working
    assert socket_opens_from(base, base.replace("localhost", "127.0.0.1"))  # local run
    assert not socket_opens_from(base, EVIL)
    assert not socket_opens_from(base, "null")  # sandboxed frames, data: pages
    assert not socket_opens_from(base, other)  # the two apps are separate origins


@pytest.mark.parametrize("app", ["public", "admin"])
def test_a_foreign_origin_is_refused_on_the_polling_transport_too(apps: Apps, app: str) -> None:
    base = apps.public if app == "public" else apps.admin
    refused = polling_handshake(base, EVIL)
    assert refused.status_code in {400, 403}
    assert "access-control-allow-origin" not in refused.headers
    assert "sid" not in refused.text
    own = polling_handshake(base, base)
    # Not refused for its origin; the app only speaks the websocket transport, so Engine.IO
    # answers "Invalid transport". (Engine.IO and Starlette each add the CORS header.)
    assert own.status_code == 400
    assert "Invalid transport" in own.text
    assert {value.strip() for value in own.headers["access-control-allow-origin"].split(",")} == {
        base
    }


@pytest.mark.parametrize("app", ["public", "admin"])
def test_cors_echoes_no_foreign_origin(apps: Apps, app: str) -> None:
    base = apps.public if app == "public" else apps.admin
    with httpx.Client(base_url=base, timeout=20) as client:
        preflight = client.options(
            "/_upload",
            headers={
                "Origin": EVIL,
                "Access-Control-Request-Method": "POST",
                "Access-Control-Request-Headers": "content-type",
            },
        )
        assert "access-control-allow-origin" not in preflight.headers
        with_cookie = client.get("/ping", headers={"Origin": EVIL, "Cookie": "session=x"})
        assert "access-control-allow-origin" not in with_cookie.headers
        posted = client.post("/_upload", headers={"Origin": EVIL, "Cookie": "session=x"})
        assert posted.status_code == 403
        assert "access-control-allow-origin" not in posted.headers
        own = client.get("/ping", headers={"Origin": base, "Cookie": "session=x"})
        assert own.headers.get("access-control-allow-origin") == base


# --- in the browser ---------------------------------------------------------------------

_RECORD_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (e) => {
  const where = `${e.sourceFile}:${e.lineNumber}`;
  window.__cspViolations.push(`${e.violatedDirective} ${e.blockedURI} ${where}`);
});
"""


class _Watch:
    """Collects CSP reports (console and `securitypolicyviolation` events) of a context."""

    def __init__(self, context: BrowserContext) -> None:
        self.console: list[str] = []
        context.add_init_script(_RECORD_VIOLATIONS)
        context.on("console", self._on_console)

    def _on_console(self, message: ConsoleMessage) -> None:
        text = message.text
        if "Content Security Policy" in text or "Refused to" in text:
            self.console.append(text)

    def violations(self, page: Page) -> list[str]:
        events = page.evaluate("() => window.__cspViolations || []")
        return [*self.console, *events]


@pytest.fixture
def desktop(browser: Browser) -> Iterator[BrowserContext]:
    context = browser.new_context(viewport=DESKTOP)  # type: ignore[arg-type]
    yield context
    context.close()


def test_the_public_pages_run_without_a_csp_violation(apps: Apps, desktop: BrowserContext) -> None:
    watch = _Watch(desktop)
    page = desktop.new_page()
    for path in PUBLIC_PAGES:
        page.goto(apps.public + path)
        page.wait_for_load_state("networkidle")
        assert watch.violations(page) == [], path
    # The websocket works under the policy: the Kommune's data arrives.
    page.goto(apps.public + "/k/delbrueck")
    expect(page.get_by_role("heading", name="Delbrück", level=1)).to_be_visible()
    page.goto(apps.public + "/anmelden")
    page.get_by_label("E-Mail-Adresse").fill("maria@delbrueck.example")
    page.get_by_label("Passwort").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Anmelden").click()
    expect(page.locator("header").get_by_role("button", name="Menü")).to_be_visible()
    page.goto(apps.public + "/konto")
    page.wait_for_load_state("networkidle")
    assert watch.violations(page) == []


def test_the_admin_pages_run_without_a_csp_violation(apps: Apps, desktop: BrowserContext) -> None:
    watch = _Watch(desktop)
    page = desktop.new_page()
    page.goto(apps.admin + "/")
    page.get_by_label("E-Mail-Adresse").fill("admin@delbrueck.example")
    page.get_by_label("Passwort").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Anmelden").click()
    expect(page.locator("header").get_by_role("button", name="Abmelden")).to_be_visible()
    assert watch.violations(page) == []
    for path in ADMIN_PAGES:
        page.goto(apps.admin + path)
        page.wait_for_load_state("networkidle")
        expect(page.locator("header").get_by_role("button", name="Abmelden")).to_be_visible()
        assert watch.violations(page) == [], path


def test_a_foreign_page_cannot_frame_the_admin_portal(apps: Apps, browser: Browser) -> None:
    page = browser.new_page()
    with page.expect_console_message(
        lambda message: "frame-ancestors" in message.text, timeout=15_000
    ):
        page.set_content(f'<iframe src="{apps.admin}/" width="800" height="600"></iframe>')
    frame = page.frames[-1]
    assert frame.url != apps.admin + "/" or frame.locator("body").inner_text() == ""
    page.close()
