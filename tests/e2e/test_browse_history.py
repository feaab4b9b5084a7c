"""A filter change on the browse page is one event (no redirect and second load); the address
bar follows it, and back, forward and reload show the views a person saw."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect
from sqlmodel import select

from dasnez_core.db import session_scope
from dasnez_core.models import Kommune
from dasnez_core.services.search import SearchFilters, search_public
from tests.e2e.conftest import Apps

BROWSE = "/k/delbrueck/eintraege"


def _count_text(filters: SearchFilters) -> str:
    """The result count the page shows for `filters` (other tests add listings to the same
    demo Kommune: ask the service)."""
    with session_scope() as db:
        delbrueck = db.exec(select(Kommune).where(Kommune.slug == "delbrueck")).one()
        total = search_public(db, delbrueck.id or 0, filters).total
    return "1 Eintrag gefunden" if total == 1 else f"{total} Einträge gefunden"


def _events(frames: list[str]) -> list[str]:
    """The Reflex events among the websocket frames the page sent."""
    return [f for f in frames if f.startswith("42") and '"event"' in f]


def test_a_filter_change_is_one_event_and_back_forward_and_reload_work(
    apps: Apps, page: Page
) -> None:
    sent: list[str] = []
    page.on("websocket", lambda ws: ws.on("framesent", lambda frame: sent.append(str(frame))))
    everything = _count_text(SearchFilters())
    pocket_money = _count_text(SearchFilters(exchange="taschengeld"))
    offers = _count_text(SearchFilters(exchange="taschengeld", kind="offer"))
    count = page.get_by_role("status").filter(has_text="gefunden")

    page.goto(apps.public + BROWSE)
    expect(count).to_have_text(everything)
    page.get_by_text("Filter", exact=True).click()
    sent.clear()
    page.get_by_label("Börse", exact=True).select_option(label="Taschengeldbörse")
    expect(page).to_have_url(re.compile(r"/eintraege\?boerse=taschengeld$"))
    expect(count).to_have_text(pocket_money)
    page.get_by_label("Angebot oder Gesuch").select_option(label="Angebot")
    expect(page).to_have_url(re.compile(r"boerse=taschengeld&art=offer$"))
    expect(count).to_have_text(offers)
    # Two changes, two events: each answered in place, no page load after it.
    events = _events(sent)
    assert len(events) == 2, events
    assert all("set_filter" in e for e in events), events

    page.go_back()
    expect(page).to_have_url(re.compile(r"/eintraege\?boerse=taschengeld$"))
    expect(count).to_have_text(pocket_money)
    expect(page.get_by_label("Angebot oder Gesuch")).to_have_value("")
    page.go_back()
    expect(page).to_have_url(re.compile(r"/eintraege$"))
    expect(count).to_have_text(everything)
    expect(page.get_by_label("Börse", exact=True)).to_have_value("")
    page.go_forward()
    expect(page).to_have_url(re.compile(r"/eintraege\?boerse=taschengeld$"))
    expect(count).to_have_text(pocket_money)
    page.reload()
    expect(count).to_have_text(pocket_money)
    expect(page.get_by_label("Börse", exact=True)).to_have_value("taschengeld")


def test_removing_a_filter_by_its_chip_answers_in_place(apps: Apps, page: Page) -> None:
    sent: list[str] = []
    page.on("websocket", lambda ws: ws.on("framesent", lambda frame: sent.append(str(frame))))
    count = page.get_by_role("status").filter(has_text="gefunden")
    page.goto(apps.public + BROWSE + "?art=offer")
    expect(count).to_have_text(_count_text(SearchFilters(kind="offer")))
    sent.clear()
    page.get_by_role("link", name="Filter entfernen: Angebot").click()
    expect(page).to_have_url(re.compile(r"/eintraege$"))
    expect(count).to_have_text(_count_text(SearchFilters()))
    assert [("clear_filter" in e) for e in _events(sent)] == [True]
