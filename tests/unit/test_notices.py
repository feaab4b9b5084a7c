"""Printed notices (issue 10, part 5): who may print what, what the pages say, and the QR
codes read back from the rendered pages; through the service and through the download
addresses behind the real session gate."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from datetime import timedelta

import pytest
from sqlmodel import Session, select
from starlette.testclient import TestClient
from starlette.types import Receive, Scope, Send

from dasnez_app import print_http
from dasnez_core.actor import ANONYMOUS, Actor
from dasnez_core.errors import NotAllowed, NotFound
from dasnez_core.models import Kommune, Listing, ListingStatus, Role, User, UserStatus, utcnow
from dasnez_core.printing import document
from dasnez_core.services import auth, notices
from dasnez_core.services.sessions import create_session
from dasnez_ui.session_http import SessionGate, cookie_name
from tests import factories as f
from tests.utils.pdfs import pdf_pages, pdf_text, qr_codes

BASE = "http://localhost:3000"
OFFICE_PHONE = "05250 996-0"
PROXY_PHONE = "05250 123 456"


async def _reflex(scope: Scope, receive: Receive, send: Send) -> None:
    """Stands in for Reflex behind the print routes."""
    await send({"type": "http.response.start", "status": 200, "headers": []})
    await send({"type": "http.response.body", "body": b"app"})


def _client() -> TestClient:
    # As in the app: the print routes inside the session gate, which hashes the cookie.
    return TestClient(SessionGate(print_http.PrintRoutes(_reflex), auth.PUBLIC_APP))


@pytest.fixture
def world(db: Session) -> Iterator[dict[str, object]]:
    """Delbrück with Boke (and its village Boker Heide) and Westenholz, listings in every
    state, people of every kind; Salzkotten beside it. Committed: the routes open sessions
    of their own."""
    here = f.kommune(db)
    here.contact_phone = OFFICE_PHONE
    here.contact_name = "Bürgerbüro Delbrück"
    other = f.kommune(db, slug="salzkotten", name="Salzkotten")
    boke = f.district(db, here, "Boke")
    heide = f.village(db, boke, "Boker Heide")
    westenholz = f.district(db, here, "Westenholz")
    other_area = f.district(db, other, "Upsprunge")
    _, category = f.exchange_with_category(db, here)
    _, other_category = f.exchange_with_category(db, other)
    maria = f.user(db, here, "maria@example.org", name="Maria Muster")
    gone = f.user(db, here, "gone@example.org", name="Gesperrt")
    proxy = f.user(db, here, "proxy@example.org", name="Paula Proxy", roles=(Role.PROXY,))
    proxy.phone = PROXY_PHONE
    db.add(proxy)
    silent_proxy = f.user(db, here, "still@example.org", name="Stille", roles=(Role.PROXY,))
    now = utcnow()
    listings = {
        "public": f.listing_with(
            db, maria, category, title="Rasen mähen in Boke", area=boke, created_at=now
        ),
        "in_heide": f.listing_with(
            db,
            maria,
            category,
            title="Gesucht: Einkaufshilfe",
            kind="request",
            area=heide,
            created_at=now - timedelta(days=2),
        ),
        "westenholz": f.listing_with(
            db, maria, category, title="Fahrrad flicken", area=westenholz, created_at=now
        ),
        "old": f.listing_with(
            db, maria, category, title="Alt", area=boke, created_at=now - timedelta(days=9)
        ),
        "draft": f.listing_with(db, maria, category, title="Entwurf", status="draft", area=boke),
        "pending": f.listing_with(db, maria, category, title="Wartet", status="pending"),
        "removed": f.listing_with(db, maria, category, title="Entfernt", status="removed"),
        "closed": f.listing_with(db, maria, category, title="Erledigt", status="closed"),
        "expired": f.listing_with(
            db, maria, category, title="Abgelaufen", area=boke, expires_at=now - timedelta(days=1)
        ),
        "blocked_author": f.listing_with(db, gone, category, title="Von Gesperrten", area=boke),
        "elsewhere": f.listing_with(
            db, f.user(db, other, "s@example.org"), other_category, title="Salzkotten"
        ),
    }
    gone.status = UserStatus.BLOCKED
    db.add(gone)
    people = {
        "pending": f.user(db, here, "neu@example.org", status=UserStatus.PENDING),
        "blocked": f.user(db, here, "weg@example.org", status=UserStatus.BLOCKED),
        "citizen": f.user(db, here, "buerger@example.org"),
        "proxy": proxy,
        "silent_proxy": silent_proxy,
        "admin": f.user(db, here, "admin@example.org", roles=(Role.KOMMUNE_ADMIN,)),
        "other_citizen": f.user(db, other, "nachbar@salzkotten.example"),
        "other_proxy": f.user(db, other, "proxy@salzkotten.example", roles=(Role.PROXY,)),
        "other_admin": f.user(db, other, "admin@salzkotten.example", roles=(Role.KOMMUNE_ADMIN,)),
    }
    db.commit()
    yield {
        "here": here,
        "other": other,
        "boke": boke,
        "heide": heide,
        "westenholz": westenholz,
        "other_area": other_area,
        "category": category,
        "maria": maria,
        **people,
        **{f"listing_{key}": value for key, value in listings.items()},
    }


def _actor(db: Session, world: dict[str, object], who: str) -> Actor:
    user = world[who]
    assert isinstance(user, User)
    return f.actor(db, user)


def _id(world: dict[str, object], key: str) -> int:
    listing = world[f"listing_{key}"]
    assert isinstance(listing, Listing) and listing.id is not None
    return listing.id


def _url(world: dict[str, object], key: str, slug: str = "delbrueck") -> str:
    return f"{BASE}/k/{slug}/eintrag/{_id(world, key)}"


def _cookie(db: Session, world: dict[str, object], who: str) -> dict[str, str]:
    user = world[who]
    assert isinstance(user, User) and user.id is not None
    token = create_session(db, user.id, auth.PUBLIC_APP)
    db.commit()
    return {cookie_name(auth.PUBLIC_APP): token}


# --- the Aushang: who may print -----------------------------------------------------------


@pytest.mark.parametrize("who", ["anonymous", "pending", "blocked", "consent_due"])
def test_aushang_refused_to_anybody_not_approved(
    db: Session, world: dict[str, object], who: str
) -> None:
    if who == "anonymous":
        actor = ANONYMOUS
    elif who == "consent_due":
        actor = dataclasses.replace(_actor(db, world, "citizen"), consent_due=True)
    else:
        actor = _actor(db, world, who)
    with pytest.raises(NotAllowed):
        notices.notice_data(db, actor, "delbrueck", _id(world, "public"))
    # Refused before anything is looked up: a listing that does not exist says the same.
    with pytest.raises(NotAllowed):
        notices.notice_data(db, actor, "delbrueck", 987654)


@pytest.mark.parametrize(
    "key",
    ["draft", "pending", "removed", "closed", "expired", "blocked_author", "elsewhere"],
)
def test_aushang_of_a_listing_that_is_not_public_is_not_found(
    db: Session, world: dict[str, object], key: str
) -> None:
    # Even its author (an own draft is shown to them on the site, but is no notice).
    for who in ("citizen", "proxy", "admin", "maria"):
        with pytest.raises(NotFound):
            notices.notice_data(db, _actor(db, world, who), "delbrueck", _id(world, key))


def test_aushang_of_unknown_things_and_inactive_kommune_is_not_found(
    db: Session, world: dict[str, object]
) -> None:
    citizen = _actor(db, world, "citizen")
    with pytest.raises(NotFound):
        notices.notice_data(db, citizen, "delbrueck", 987654)
    with pytest.raises(NotFound):
        notices.notice_data(db, citizen, "nirgendwo", _id(world, "public"))
    # Salzkotten's own listing, asked for under Salzkotten, is public: printable.
    assert notices.notice_data(db, citizen, "salzkotten", _id(world, "elsewhere")).listing
    here = world["here"]
    assert isinstance(here, Kommune)
    here.active = False
    db.add(here)
    db.commit()
    with pytest.raises(NotFound):
        notices.notice_data(db, citizen, "delbrueck", _id(world, "public"))


@pytest.mark.parametrize(
    ("who", "phone", "is_proxy"),
    [
        ("citizen", OFFICE_PHONE, False),
        ("admin", OFFICE_PHONE, False),
        ("proxy", PROXY_PHONE, True),
        # A proxy without a phone in their profile: the office's number.
        ("silent_proxy", OFFICE_PHONE, False),
        # People of another Kommune may print a public listing; a proxy there is no
        # contact for this Kommune's listings.
        ("other_citizen", OFFICE_PHONE, False),
        ("other_proxy", OFFICE_PHONE, False),
        ("other_admin", OFFICE_PHONE, False),
    ],
)
def test_aushang_number_to_call(
    db: Session, world: dict[str, object], who: str, phone: str, is_proxy: bool
) -> None:
    data = notices.notice_data(db, _actor(db, world, who), "delbrueck", _id(world, "public"))
    assert data.listing.title == "Rasen mähen in Boke"
    assert (data.call.phone, data.call.is_proxy) == (phone, is_proxy)
    assert data.call.name == ("Paula Proxy" if is_proxy else "Bürgerbüro Delbrück")


# --- the Aushang: the page ----------------------------------------------------------------


def test_aushang_download_for_a_citizen(db: Session, world: dict[str, object]) -> None:
    href = print_http.notice_href("delbrueck", _id(world, "public"))
    answer = _client().get(href, cookies=_cookie(db, world, "citizen"))
    assert answer.status_code == 200
    assert answer.headers["content-type"] == "application/pdf"
    assert answer.headers["cache-control"] == "no-store"
    assert "attachment" in answer.headers["content-disposition"]
    assert len(pdf_pages(answer.content)) == 1
    text = pdf_text(answer.content)
    for shown in (
        "Delbrück",
        "ANGEBOT",
        "Rasen mähen in Boke",
        "Ortsteil: Boke",
        "Ich helfe gern in der Nachbarschaft.",
        OFFICE_PHONE,
        "Bürgerbüro Delbrück",
        "localhost:3000/k/delbrueck/eintrag/",
    ):
        assert shown in text, shown
    assert "Maria" not in text and "maria@example.org" not in text  # no author on paper
    assert qr_codes(answer.content) == [_url(world, "public")]


def test_aushang_of_a_proxy_shows_their_phone(db: Session, world: dict[str, object]) -> None:
    href = print_http.notice_href("delbrueck", _id(world, "in_heide"))
    answer = _client().get(href, cookies=_cookie(db, world, "proxy"))
    assert answer.status_code == 200
    text = pdf_text(answer.content)
    assert "GESUCH" in text and "Boke › Boker Heide" in text
    assert PROXY_PHONE in text and "Paula Proxy (Stellvertretung)" in text
    assert OFFICE_PHONE not in text
    assert qr_codes(answer.content) == [_url(world, "in_heide")]


def test_aushang_download_refused_or_not_found(db: Session, world: dict[str, object]) -> None:
    client = _client()
    public = print_http.notice_href("delbrueck", _id(world, "public"))
    assert client.get(public).status_code == 403
    assert "freigeschaltete" in client.get(public).text
    for who in ("pending", "blocked"):
        assert client.get(public, cookies=_cookie(db, world, who)).status_code == 403
    # A forged cookie (the hash of a session presented as a cookie) is nobody.
    assert client.get(public, cookies={cookie_name(auth.PUBLIC_APP): "0" * 64}).status_code == 403
    citizen = _cookie(db, world, "citizen")
    for key in ("draft", "pending", "removed", "closed", "expired", "blocked_author"):
        answer = client.get(print_http.notice_href("delbrueck", _id(world, key)), cookies=citizen)
        assert answer.status_code == 404, key
        assert "nicht öffentlich" in answer.text
    # Salzkotten's listing under Delbrück's address, unknown ids and paths: not found.
    elsewhere = print_http.notice_href("delbrueck", _id(world, "elsewhere"))
    assert client.get(elsewhere, cookies=citizen).status_code == 404
    for path in (
        "/drucken/aushang/delbrueck/987654.pdf",
        "/drucken/aushang/nirgendwo/1.pdf",
        "/drucken/aushang/delbrueck/abc.pdf",
        "/drucken/aushang/../etc/passwd",
        "/drucken/irgendwas",
    ):
        assert client.get(path, cookies=citizen).status_code == 404, path
    assert client.post(public, cookies=citizen).status_code == 405
    # Everything else passes to the app untouched.
    assert client.get("/k/delbrueck").text == "app"


def test_long_text_is_cut_to_one_page(db: Session, world: dict[str, object]) -> None:
    listing = world["listing_public"]
    assert isinstance(listing, Listing)
    listing.title = ("Rasenmähen, Heckenschneiden und Laubrechen " * 3)[:120]  # the most allowed
    listing.body = "Ein Satz über Gartenarbeit und Nachbarschaft. " * 85  # the 4,000 allowed
    db.add(listing)
    db.commit()
    answer = _client().get(
        print_http.notice_href("delbrueck", _id(world, "public")),
        cookies=_cookie(db, world, "citizen"),
    )
    assert answer.status_code == 200
    assert len(pdf_pages(answer.content)) == 1
    text = pdf_text(answer.content)
    assert "…" in text and "Den ganzen Text finden Sie im Internet" in text
    assert text.count("Gartenarbeit") < 40
    assert OFFICE_PHONE in text
    assert qr_codes(answer.content) == [_url(world, "public")]


# --- the weekly sheet ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "who",
    ["anonymous", "pending", "blocked", "citizen", "admin", "other_admin", "consent_due_proxy"],
)
def test_weekly_sheet_only_for_the_kommunes_proxies(
    db: Session, world: dict[str, object], who: str
) -> None:
    if who == "anonymous":
        actor = ANONYMOUS
    elif who == "consent_due_proxy":
        actor = dataclasses.replace(_actor(db, world, "proxy"), consent_due=True)
    else:
        actor = _actor(db, world, who)
    with pytest.raises(NotAllowed):
        notices.weekly_data(db, actor, None)
    with pytest.raises(NotAllowed):
        notices.sheet_areas(db, actor)


def test_weekly_sheet_of_another_kommunes_area_is_not_found(
    db: Session, world: dict[str, object]
) -> None:
    boke = world["boke"]
    assert boke.id is not None  # type: ignore[attr-defined]
    with pytest.raises(NotFound):
        notices.weekly_data(db, _actor(db, world, "other_proxy"), boke.id)  # type: ignore[attr-defined]
    with pytest.raises(NotFound):
        notices.weekly_data(db, _actor(db, world, "proxy"), 987654)
    # The other proxy's own sheet shows only their Kommune.
    theirs = notices.weekly_data(db, _actor(db, world, "other_proxy"), None)
    assert [item.card.title for item in theirs.listings] == ["Salzkotten"]


def test_weekly_sheet_lists_the_weeks_public_listings_of_the_area(
    db: Session, world: dict[str, object]
) -> None:
    proxy = _actor(db, world, "proxy")
    areas = dict(notices.sheet_areas(db, proxy))
    assert sorted(areas.values()) == ["Boke", "Boke › Boker Heide", "Westenholz"]
    boke = world["boke"]
    data = notices.weekly_data(db, proxy, boke.id)  # type: ignore[attr-defined]
    # The district with its village; not Westenholz, not last week's, nothing not public.
    assert [item.card.title for item in data.listings] == [
        "Rasen mähen in Boke",
        "Gesucht: Einkaufshilfe",
    ]
    assert data.place == "Boke" and data.more == 0
    assert (data.call.phone, data.call.is_proxy) == (PROXY_PHONE, True)
    everywhere = notices.weekly_data(db, proxy, None)
    assert {item.card.title for item in everywhere.listings} == {
        "Rasen mähen in Boke",
        "Gesucht: Einkaufshilfe",
        "Fahrrad flicken",
    }
    assert everywhere.place == "Delbrück"


def test_weekly_sheet_download(db: Session, world: dict[str, object]) -> None:
    client = _client()
    proxy = _cookie(db, world, "proxy")
    boke = world["boke"]
    answer = client.get(print_http.weekly_href(boke.id), cookies=proxy)  # type: ignore[attr-defined]
    assert answer.status_code == 200
    assert answer.headers["content-type"] == "application/pdf"
    text = pdf_text(answer.content)
    for shown in (
        "Neue Angebote und Gesuche in Boke",
        "Rasen mähen in Boke",
        "Gesucht: Einkaufshilfe",
        "GESUCH",
        "Boker Heide",
        PROXY_PHONE,
        "Paula Proxy (Stellvertretung)",
        "Seite 1 von 1",
    ):
        assert shown in text, shown
    assert "Fahrrad flicken" not in text and "Alt" not in text.split()
    assert sorted(qr_codes(answer.content)) == sorted(
        [_url(world, "public"), _url(world, "in_heide")]
    )
    # Wrong people and wrong input.
    assert client.get(print_http.weekly_href()).status_code == 403
    for who in ("citizen", "admin", "pending", "blocked"):
        answer = client.get(print_http.weekly_href(), cookies=_cookie(db, world, who))
        assert answer.status_code == 403, who
    other_area = world["other_area"]
    foreign = print_http.weekly_href(other_area.id)  # type: ignore[attr-defined]
    assert client.get(foreign, cookies=proxy).status_code == 404
    assert client.get("/drucken/wochenblatt.pdf?ort=abc", cookies=proxy).status_code == 404
    assert client.get("/drucken/wochenblatt.pdf?ort=", cookies=proxy).status_code == 200


def test_weekly_sheet_runs_over_pages_and_points_to_the_rest(
    db: Session, world: dict[str, object], monkeypatch: pytest.MonkeyPatch
) -> None:
    category, maria, west = world["category"], world["maria"], world["westenholz"]
    for number in range(14):
        f.listing_with(
            db,
            maria,  # type: ignore[arg-type]
            category,  # type: ignore[arg-type]
            title=f"Hilfe Nummer {number}",
            area=west,  # type: ignore[arg-type]
            created_at=utcnow() - timedelta(hours=number + 1),
        )
    db.commit()
    monkeypatch.setattr(notices, "SHEET_ENTRIES", 12)
    answer = _client().get(
        print_http.weekly_href(west.id),  # type: ignore[attr-defined]
        cookies=_cookie(db, world, "silent_proxy"),
    )
    assert answer.status_code == 200
    pages = pdf_pages(answer.content)
    assert len(pages) >= 2
    text = pdf_text(answer.content)
    assert f"Seite 1 von {len(pages)}" in text
    # 15 of the week in Westenholz, 12 on the sheet: the rest are online.
    assert "… und 3 weitere Einträge im Internet" in text
    assert "Hilfe Nummer 10" in text and "Hilfe Nummer 13" not in text
    # Without a phone of the proxy's own: the office's.
    assert OFFICE_PHONE in text and "Bürgerbüro Delbrück" in text
    assert len(qr_codes(answer.content, page=2)) >= 1


def test_weekly_sheet_without_listings_says_so(db: Session, world: dict[str, object]) -> None:
    for listing in db.exec(select(Listing)).all():
        listing.status = ListingStatus.CLOSED
        db.add(listing)
    db.commit()
    answer = _client().get(print_http.weekly_href(), cookies=_cookie(db, world, "proxy"))
    assert answer.status_code == 200
    assert "keine neuen Angebote oder Gesuche" in pdf_text(answer.content)


# --- the shared page ----------------------------------------------------------------------


def test_text_keeps_what_the_font_draws() -> None:
    assert document.clean("Garten 🌳 hilfe\tjetzt  ") == "Garten hilfe jetzt"
    assert document.clean("Zeile eins\r\nZeile  zwei") == "Zeile eins\nZeile zwei"
    assert document.clean("Łukasz, Ørsted, Ψ, Юлия – „ok“ €") == "Łukasz, Ørsted, Ψ, Юлия – „ok“ €"


def test_fit_lines_cuts_with_an_ellipsis() -> None:
    pdf = document.new_document("Test")
    pdf.add_page()
    document.font(pdf, 14)
    text = "Wort " * 200
    cut, was_cut = document.fit_lines(pdf, text, 100, 3)
    assert was_cut and cut.endswith("…") and len(document.wrapped(pdf, cut, 100)) == 3
    assert document.fit_lines(pdf, "kurz", 100, 3) == ("kurz", False)
    # One endless word (a pasted link): cut as well, whatever part was wrapped.
    cut, was_cut = document.fit_lines(pdf, "x" * 5000, 100, 2)
    assert was_cut and len(document.wrapped(pdf, cut, 100)) <= 2


def test_demo_proxy_prints_her_own_phone(db: Session) -> None:
    from dasnez_core.seed import HELGA_PHONE, seed_demo

    seed_demo(db)
    seed_demo(db)  # idempotent
    helga = db.exec(select(User).where(User.email == "helga@delbrueck.example")).one()
    data = notices.weekly_data(db, f.actor(db, helga), None)
    assert (data.call.phone, data.call.is_proxy) == (HELGA_PHONE, True)
    assert len(data.listings) >= 5  # the demo's listings are all of this week
