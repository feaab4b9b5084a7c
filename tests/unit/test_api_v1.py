"""The public read API (/api/v1): filters as on the browse page, limits, nothing personal,
400/404/405/429 answers, CORS only on the API, and the OpenAPI description."""

from __future__ import annotations

import json

import pytest
from sqlmodel import Session
from starlette.responses import PlainTextResponse
from starlette.testclient import TestClient
from starlette.types import Receive, Scope, Send

from dasnez_app import api_openapi
from dasnez_app.api_v1 import _LISTING_PARAMS, ROUTES, PublicApi
from dasnez_app.unsubscribe_http import UnsubscribeEndpoint
from dasnez_core.models import ExchangeType, ProfileVisibility, SavedSearch, UserStatus
from dasnez_core.services.saved_searches import save_search, unsubscribe_token
from dasnez_core.services.search import PAGE_SIZE, SearchFilters
from dasnez_core.throttle import API_REQUESTS_PER_ADDRESS
from tests import factories as f


async def _the_app(scope: Scope, receive: Receive, send: Send) -> None:
    await PlainTextResponse("the app")(scope, receive, send)


@pytest.fixture
def client() -> TestClient:
    # Without `with`: no lifespan events (the stand-in app answers HTTP only).
    return TestClient(UnsubscribeEndpoint(PublicApi(_the_app)))


@pytest.fixture
def town(db: Session) -> dict:
    here = f.kommune(db, contact_email="rathaus@delbrueck.example")
    other = f.kommune(db, slug="bad-lippspringe", name="Bad Lippspringe")
    boke = f.district(db, here, "Boke")
    heide = f.village(db, boke, "Boker Heide")
    hagen = f.district(db, here, "Hagen")
    _, garden = f.exchange_with_category(db, here, ExchangeType.TASCHENGELD, "Garten")
    _, other_cat = f.exchange_with_category(db, other)
    maria = f.user(db, here, "maria@example.org", name="Maria M.")
    maria.phone = "05250 123456"
    maria.profile_visibility = ProfileVisibility.NOBODY
    db.add(maria)
    pending = f.user(db, here, "karl@example.org", status=UserStatus.PENDING)
    anna = f.user(db, other, "anna@example.org")
    rows = {
        "mow": f.listing_with(db, maria, garden, title="Rasen mähen", kind="request", area=heide),
        "hedge": f.listing_with(db, maria, garden, title="Hecke schneiden", area=boke),
        "hagen": f.listing_with(db, maria, garden, title="In Hagen", area=hagen),
        "draft": f.listing_with(db, maria, garden, title="Entwurf", status="draft"),
        "pending_author": f.listing_with(db, pending, garden, title="Von Karl"),
        "other": f.listing_with(db, anna, other_cat, title="Anderswo"),
    }
    db.commit()
    return {
        "here": here,
        "boke": boke,
        "hagen": hagen,
        "garden": garden,
        "maria": maria,
        "rows": rows,
    }


def _titles(answer: dict) -> list[str]:
    return sorted(item["title"] for item in answer["items"])


def test_kommunen_list_and_one(client: TestClient, town: dict) -> None:
    answer = client.get("/api/v1/kommunen")
    assert answer.status_code == 200
    assert [k["slug"] for k in answer.json()["items"]] == ["bad-lippspringe", "delbrueck"]
    assert client.get("/api/v1/kommunen", params={"q": "delb"}).json()["items"][0]["name"] == (
        "Delbrück"
    )
    one = client.get("/api/v1/kommunen/delbrueck").json()
    assert one["name"] == "Delbrück"
    assert one["exchanges"] == [ExchangeType.TASCHENGELD.value]
    assert {a["name"] for a in one["areas"]} == {"Boke", "Boke › Boker Heide", "Hagen"}
    assert one["categories"][0]["name"] == "Garten"
    assert one["listings"].endswith("/api/v1/kommunen/delbrueck/listings")


def test_listings_are_the_public_ones_of_that_kommune(client: TestClient, town: dict) -> None:
    answer = client.get("/api/v1/kommunen/delbrueck/listings").json()
    assert _titles(answer) == ["Hecke schneiden", "In Hagen", "Rasen mähen"]
    assert answer["page"] == answer["pages"] == 1 and answer["next"] is None


def test_listing_filters_are_the_browse_pages(client: TestClient, town: dict) -> None:
    get = client.get
    base = "/api/v1/kommunen/delbrueck/listings"
    assert _titles(get(base, params={"art": "request"}).json()) == ["Rasen mähen"]
    # A district holds its villages.
    assert _titles(get(base, params={"ort": town["boke"].id}).json()) == [
        "Hecke schneiden",
        "Rasen mähen",
    ]
    assert _titles(get(base, params={"q": "hecke"}).json()) == ["Hecke schneiden"]
    assert _titles(get(base, params={"boerse": "zeitspende"}).json()) == []
    # An unknown id is ignored as on the page, and the answer says which filters applied.
    ignored = get(base, params={"ort": 999999, "art": "offer"}).json()
    assert ignored["filters"] == {"art": "offer", "sortierung": "newest"}
    assert _titles(ignored) == ["Hecke schneiden", "In Hagen"]


def test_listings_are_paged_with_a_next_link(client: TestClient, db: Session, town: dict) -> None:
    for n in range(PAGE_SIZE):
        f.listing_with(db, town["maria"], town["garden"], title=f"Nr. {n}")
    db.commit()
    first = client.get("/api/v1/kommunen/delbrueck/listings", params={"art": "offer"}).json()
    assert len(first["items"]) == PAGE_SIZE and first["pages"] == 2
    assert "art=offer" in first["next"] and "seite=2" in first["next"]
    second = client.get(first["next"].split("testserver")[-1].replace("http://localhost:3000", ""))
    assert second.status_code == 200 and len(second.json()["items"]) == 2


def test_nothing_personal_leaves_the_api(client: TestClient, town: dict) -> None:
    rows = town["rows"]
    texts = [
        client.get("/api/v1/kommunen/delbrueck/listings").text,
        client.get(f"/api/v1/kommunen/delbrueck/listings/{rows['mow'].id}").text,
        client.get("/api/v1/kommunen/delbrueck").text,
    ]
    for text in texts:
        assert "maria@example.org" not in text
        assert "05250" not in text
        assert "author_id" not in text and "author_handle" not in text
    one = json.loads(texts[1])
    assert one["author"] == "Maria M." and one["title"] == "Rasen mähen"
    assert one["area"] == "Boke › Boker Heide"


@pytest.mark.parametrize("which", ["draft", "pending_author", "other"])
def test_non_public_or_foreign_listing_is_not_found(
    client: TestClient, town: dict, which: str
) -> None:
    answer = client.get(f"/api/v1/kommunen/delbrueck/listings/{town['rows'][which].id}")
    assert answer.status_code == 404
    assert answer.json()["message"].startswith("Diesen Eintrag gibt es nicht")


@pytest.mark.parametrize(
    ("path", "status"),
    [
        ("/api/v1/kommunen/gibtsnicht", 404),
        ("/api/v1/kommunen/gibtsnicht/listings", 404),
        ("/api/v1/nichts", 404),
        ("/api/v1/kommunen/delbrueck/listings/abc", 400),
        ("/api/v1/kommunen/delbrueck/listings/0", 400),
        ("/api/v1/kommunen/delbrueck/listings/99999999999999999999", 400),
        ("/api/v1/kommunen/delbrueck/listings?art=alles", 400),
        ("/api/v1/kommunen/delbrueck/listings?seite=0", 400),
        ("/api/v1/kommunen/delbrueck/listings?seite=51", 400),
        ("/api/v1/kommunen/delbrueck/listings?ort=-3", 400),
        ("/api/v1/kommunen/delbrueck/listings?art=offer&art=request", 400),
        ("/api/v1/kommunen/delbrueck/listings?email=x", 400),
        ("/api/v1/kommunen/delbrueck/listings?q=" + "x" * 101, 400),
        ("/api/v1/kommunen/delbrueck/listings?q=" + "x" * 1001, 400),
        ("/api/v1/kommunen/delbrueck/listings?q=%00%ff%fe", 200),
        ("/api/v1/kommunen/delbrueck/infobox?x=1", 400),
    ],
)
def test_bad_input_is_a_400_and_unknown_a_404_with_a_german_message(
    client: TestClient, town: dict, path: str, status: int
) -> None:
    answer = client.get(path)
    assert answer.status_code == status
    if status != 200:
        body = answer.json()
        assert body["status"] == status and body["message"]
        assert answer.headers["access-control-allow-origin"] == "*"


def test_only_reading_is_allowed(client: TestClient, town: dict) -> None:
    answer = client.post("/api/v1/kommunen")
    assert answer.status_code == 405
    assert "GET" in answer.headers["allow"]
    assert client.head("/api/v1/kommunen").status_code == 200


def test_cors_is_open_on_the_api_only(client: TestClient, town: dict) -> None:
    origin = {"origin": "https://schule.example"}
    api = client.get("/api/v1/kommunen", headers=origin)
    assert api.headers["access-control-allow-origin"] == "*"
    other = client.get("/k/delbrueck", headers=origin)
    assert other.text == "the app"
    assert "access-control-allow-origin" not in other.headers


def test_too_many_requests_are_refused_with_retry_after(client: TestClient, town: dict) -> None:
    for _ in range(API_REQUESTS_PER_ADDRESS.item.amount):
        assert client.get("/api/v1/openapi.json").status_code == 200
    refused = client.get("/api/v1/kommunen")
    assert refused.status_code == 429
    assert int(refused.headers["retry-after"]) >= 1
    assert refused.json()["message"].startswith("Zu viele Anfragen")


def test_forwarded_address_counts_only_behind_trusted_proxies(town: dict) -> None:
    limit = API_REQUESTS_PER_ADDRESS.item.amount
    behind_proxy = TestClient(PublicApi(_the_app, trusted_proxy_hops=1))
    for _ in range(limit):
        assert behind_proxy.get("/api/v1/openapi.json").status_code == 200
    assert behind_proxy.get("/api/v1/openapi.json").status_code == 429
    # Another visitor behind the same proxy has a counter of their own …
    other = {"x-forwarded-for": "203.0.113.7"}
    assert behind_proxy.get("/api/v1/openapi.json", headers=other).status_code == 200
    # … but without a trusted proxy the header is the caller's own word and ignored.
    direct = TestClient(PublicApi(_the_app))
    assert direct.get("/api/v1/openapi.json", headers=other).status_code == 429


def test_infobox_shows_items_in_their_period(client: TestClient, db: Session, town: dict) -> None:
    f.info_item(db, town["here"], "Sprechstunde im Rathaus", body="Dienstags")
    db.commit()
    answer = client.get("/api/v1/kommunen/delbrueck/infobox").json()
    assert [i["title"] for i in answer["items"]] == ["Sprechstunde im Rathaus"]


def test_openapi_describes_every_route_and_filter(client: TestClient) -> None:
    document = client.get("/api/v1/openapi.json").json()
    assert document["openapi"].startswith("3.")
    assert set(document["paths"]) == {route.path for route in ROUTES}
    described = {p["name"] for p in api_openapi.LISTING_PARAMETERS}
    assert described == set(_LISTING_PARAMS)


def test_unsubscribe_link_works_once_without_login(
    client: TestClient, db: Session, town: dict
) -> None:
    maria = town["maria"]
    search_id = save_search(
        db, f.actor(db, maria), town["here"].id, SearchFilters(), name="Gärten", frequency="daily"
    )
    row = db.get(SavedSearch, search_id)
    assert row is not None
    token = unsubscribe_token(row)
    db.commit()
    forged = client.get("/suche-abbestellen", params={"token": token[:-1] + "x"})
    assert forged.status_code == 404 and "ungültig" in forged.text
    done = client.get("/suche-abbestellen", params={"token": token})
    assert done.status_code == 200
    assert "keine E-Mails mehr zur Suche „Gärten“" in done.text
    assert client.post("/suche-abbestellen", params={"token": token}).status_code == 404
