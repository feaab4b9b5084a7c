"""Each app's URLs live in its routes.py: the builders produce the registered routes, every
registered page comes from the routes module, and no page or component spells a route."""

from __future__ import annotations

import ast
from pathlib import Path
from types import ModuleType

import pytest
import reflex as rx

from admin_portal import routes as admin_routes
from dasnez_app import routes

ROOT = Path(__file__).resolve().parents[2]


def _fill(pattern: str, **params: object) -> str:
    for name, value in params.items():
        pattern = pattern.replace(f"[{name}]", str(value))
    return pattern


# --- builders --------------------------------------------------------------------------------


def test_builders_on_plain_values() -> None:
    assert routes.kommune_href("delbrueck") == "/k/delbrueck"
    assert routes.register_href("delbrueck") == "/k/delbrueck/registrieren"
    assert routes.new_listing_href("delbrueck") == "/k/delbrueck/neu"
    assert routes.browse_href("delbrueck") == "/k/delbrueck/eintraege"
    assert routes.listing_href("delbrueck", 7) == "/k/delbrueck/eintrag/7"
    assert routes.listing_edit_href("delbrueck", 7) == "/k/delbrueck/eintrag/7/bearbeiten"
    assert routes.person_href("delbrueck", "x7Kp_2-q") == "/k/delbrueck/person/x7Kp_2-q"
    assert routes.thread_href(5) == "/nachrichten/5"
    assert routes.new_conversation_href(7) == "/nachrichten/neu?eintrag=7"


@pytest.mark.parametrize(
    ("built", "pattern", "params"),
    [
        (routes.kommune_href("a"), routes.KOMMUNE, {"slug": "a"}),
        (routes.register_href("a"), routes.REGISTER, {"slug": "a"}),
        (routes.new_listing_href("a"), routes.NEW_LISTING, {"slug": "a"}),
        (routes.browse_href("a"), routes.BROWSE, {"slug": "a"}),
        (routes.listing_href("a", 3), routes.LISTING, {"slug": "a", "id": 3}),
        (routes.listing_edit_href("a", 3), routes.LISTING_EDIT, {"slug": "a", "id": 3}),
        (routes.person_href("a", "h4nd1e"), routes.PERSON, {"slug": "a", "handle": "h4nd1e"}),
        (routes.thread_href(3), routes.THREAD, {"id": 3}),
    ],
)
def test_builders_fill_the_registered_pattern(
    built: str, pattern: str, params: dict[str, object]
) -> None:
    assert pattern in routes.PAGES
    assert built == _fill(pattern, **params)


def test_builders_on_vars_stay_vars() -> None:
    """In components the builders get state vars; the href is then computed in the browser."""
    slug = rx.Var("slug", _var_type=str)  # untyped Vars, as foreach rows hand out
    listing_id = rx.Var("listing_id", _var_type=int)
    href = routes.listing_href(slug, listing_id)
    assert isinstance(href, rx.Var)
    # A string var goes in as it is; a number is turned into text (not quoted twice).
    assert "JSON.stringify(slug)" not in str(href)
    assert "JSON.stringify(listing_id)" in str(href)


def test_paths_parse_back_to_their_parameters() -> None:
    assert routes.slug_from_path("/k/delbrueck/eintraege") == "delbrueck"
    assert routes.slug_from_path("/konto") == ""
    assert routes.ids_from_path("/k/delbrueck/eintrag/7/bearbeiten") == ("delbrueck", 7)
    assert routes.ids_from_path("/k/delbrueck/person/7") == ("", None)
    assert routes.ids_from_path("/k/delbrueck/eintrag/x") == ("delbrueck", None)
    assert routes.person_from_path(routes.person_href("delbrueck", "h4")) == ("delbrueck", "h4")
    assert routes.person_from_path("/k/delbrueck/person/4/mehr") == ("", "")
    assert routes.person_from_path("/k/delbrueck/person/" + "h" * 65) == ("", "")
    assert routes.conversation_id_from_path(routes.thread_href(9)) == 9
    assert routes.conversation_id_from_path(routes.NEW_CONVERSATION) is None
    assert routes.conversation_id_from_path(routes.MESSAGES) is None


# --- registration ----------------------------------------------------------------------------


def _route_constants(module: ModuleType) -> dict[str, str]:
    """The module's upper-case string constants that are routes."""
    return {
        name: value
        for name, value in vars(module).items()
        if name.isupper()
        and not name.startswith("PUBLIC_")
        and isinstance(value, str)
        and (value.startswith("/") or value == "404")
    }


def _registered(module: ModuleType) -> list[str]:
    return [p if isinstance(p, str) else p.route for p in module.PAGES]


def _views_keys(app_file: Path) -> set[str]:
    """Names of the routes constants keying the app module's `_VIEWS` table (read, not run:
    importing an app module builds the whole app)."""
    tree = ast.parse(app_file.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.AnnAssign | ast.Assign)
            and isinstance(node.value, ast.Dict)
            and "_VIEWS" in ast.unparse(node)
        ):
            keys = set()
            for key in node.value.keys:
                assert isinstance(key, ast.Attribute), ast.unparse(key) if key else key
                assert isinstance(key.value, ast.Name) and key.value.id == "routes"
                keys.add(key.attr)
            return keys
    raise AssertionError(f"no _VIEWS table in {app_file}")


def _add_page_routes(app_file: Path) -> list[ast.expr]:
    tree = ast.parse(app_file.read_text(encoding="utf-8"))
    return [
        kw.value
        for node in ast.walk(tree)
        if isinstance(node, ast.Call) and ast.unparse(node.func).endswith("add_page")
        for kw in node.keywords
        if kw.arg == "route"
    ]


@pytest.mark.parametrize(
    ("module", "app_file"),
    [
        (routes, ROOT / "dasnez_app" / "dasnez_app.py"),
        (admin_routes, ROOT / "admin_portal" / "admin_portal.py"),
    ],
)
def test_every_registered_page_is_a_route_constant(module: ModuleType, app_file: Path) -> None:
    constants = _route_constants(module)
    registered = _registered(module)
    assert len(registered) == len(set(registered)), "a route is registered twice"
    # Each constant is registered, and nothing else is.
    assert sorted(registered) == sorted(constants.values())
    # The app module pairs exactly these routes with a page, and adds pages only from them.
    assert {constants[name] for name in _views_keys(app_file)} == set(registered)
    add_page_routes = _add_page_routes(app_file)
    assert add_page_routes, "the app module adds no page"
    assert not any(isinstance(route, ast.Constant) for route in add_page_routes)


def test_admin_menu_keeps_its_groups_and_order() -> None:
    menu = [
        (group, page.route, page.nav_label)
        for group in admin_routes.NAV_GROUPS
        for page in admin_routes.nav_links(group)
    ]
    assert menu == [
        ("tasks", "/freischaltung", "admin.nav.approvals"),
        ("tasks", "/meldungen", "admin.nav.reports"),
        ("content", "/personen", "dash.nav.people"),
        ("content", "/eintraege", "dash.nav.listings"),
        ("content", "/bewertungen", "dash.nav.ratings"),
        ("content", "/stellvertretung", "proxy.nav"),
        ("masterdata", "/stammdaten", "masterdata.nav.profile"),
        ("masterdata", "/ortsteile", "masterdata.nav.areas"),
        ("masterdata", "/sozialraeume", "masterdata.nav.spaces"),
        ("masterdata", "/kategorien", "masterdata.nav.categories"),
        ("masterdata", "/sponsoren", "masterdata.nav.sponsors"),
        ("masterdata", "/info-box", "masterdata.nav.infobox"),
        ("masterdata", "/rechtstexte", "legal.nav"),
        ("masterdata", "/taschengeldboerse", "youth.settings_title"),
        ("masterdata", "/verwaltung", "dash.nav.admins"),
        ("masterdata", "/koordination", "coordinator.nav"),
        ("masterdata", "/mein-profil", "ops.nav.my_profile"),
        ("masterdata", "/aufbewahrung", "ops.nav.retention"),
        ("evaluation", "/uebersicht", "dash.nav.overview"),
        ("evaluation", "/protokoll", "admin.nav.audit"),
        ("evaluation", "/zeitkonten", "nav.admin_timebank"),
        ("platform", "/kommunen", "admin.nav.kommunen"),
        ("platform", "/kommune-anlegen", "onboard.nav.new"),
        ("platform", "/statistik", "onboard.nav.charts"),
        ("platform", "/nachfrage", "onboard.nav.demand"),
        ("platform", "/postausgang", "ops.nav.outbox"),
    ]
    assert {page.nav_group for page in admin_routes.PAGES} <= {"", *admin_routes.NAV_GROUPS}


def test_admin_menu_marks_the_list_of_a_detail_page() -> None:
    assert admin_routes.menu_route("/personen") == "/personen"
    assert admin_routes.menu_route("/personen/7/") == "/personen"
    assert admin_routes.menu_route("/eintraege/12") == "/eintraege"
    assert admin_routes.menu_route("/") == ""
    assert admin_routes.menu_route("/unbekannt") == ""


def test_admin_detail_links_and_their_ids() -> None:
    assert admin_routes.person_href(7) == "/personen/7"
    assert admin_routes.listing_detail_href(12) == "/eintraege/12"
    assert admin_routes.detail_id(admin_routes.PERSON_DETAIL, "/personen/7/") == 7
    assert admin_routes.detail_id(admin_routes.LISTING_DETAIL, "/eintraege/12") == 12
    for path in ("/eintraege/12", "/personen/x", "/personen/-1", "/personen/7/8", "/personen/"):
        assert admin_routes.detail_id(admin_routes.PERSON_DETAIL, path) is None


def test_portal_links_to_the_public_kommune_page() -> None:
    assert admin_routes.PUBLIC_KOMMUNE == routes.KOMMUNE
    assert admin_routes.PUBLIC_LEGAL_SEGMENTS == routes.LEGAL_SEGMENTS
    for page in routes.LEGAL_SEGMENTS:
        assert admin_routes.public_legal_url("https://x.example", page) == (
            "https://x.example" + routes.platform_legal_href(page)
        )
        assert admin_routes.public_legal_url("https://x.example", page, "a") == (
            "https://x.example" + routes.legal_href("a", page)
        )
        assert routes.legal_page_from_path(str(routes.legal_href("a", page))) == ("a", page)
        assert routes.legal_page_from_path(routes.platform_legal_href(page)) == ("", page)
    assert routes.legal_href("a", "privacy", 3) == "/k/a/datenschutz?version=3"
    assert admin_routes.public_legal_url("", "privacy", "a") + (
        admin_routes.PUBLIC_LEGAL_VERSION_QUERY + "3"
    ) == routes.legal_href("a", "privacy", 3)
    assert routes.legal_page_from_path("/k/a/eintraege") == ("", "")
    assert admin_routes.public_kommune_url(
        "https://dasnez.de", "delbrueck"
    ) == "https://dasnez.de" + routes.kommune_href("delbrueck")


# --- no route literals -----------------------------------------------------------------------


def _string_literals(path: Path) -> list[tuple[int, str]]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            found.append((node.lineno, node.value))
    # Docstrings name routes for the reader; they are not links.
    docstrings = {
        body[0].value.lineno
        for node in ast.walk(tree)
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef)
        and (body := node.body)
        and isinstance(body[0], ast.Expr)
        and isinstance(body[0].value, ast.Constant)
    }
    return [(line, value) for line, value in found if line not in docstrings]


def _route_literal(value: str, registered: set[str]) -> bool:
    return value.startswith(("/k/", "/nachrichten/")) or value in registered


@pytest.mark.parametrize("package", ["dasnez_app", "admin_portal"])
def test_no_route_literal_outside_routes_py(package: str) -> None:
    registered = {
        route for route in _registered(routes) + _registered(admin_routes) if route != "404"
    }
    offenders = [
        f"{path.relative_to(ROOT)}:{line}: {value!r}"
        for path in sorted((ROOT / package).rglob("*.py"))
        if path.name != "routes.py"
        for line, value in _string_literals(path)
        if _route_literal(value, registered)
    ]
    assert offenders == []


def test_every_public_page_has_its_own_title() -> None:
    """WCAG 2.4.2: the app module looks each registered route up in TITLES."""
    from dasnez_app.titles import TITLES

    assert set(_registered(routes)) == set(TITLES)
    # The edit page is the new-listing page; its title says which by the listing's id.
    own = {str(title) for route, title in TITLES.items() if route != routes.LISTING_EDIT}
    assert len(own) == len(TITLES) - 1
    assert str(TITLES[routes.LISTING_EDIT]) == str(TITLES[routes.NEW_LISTING])


def test_every_portal_page_has_its_own_title() -> None:
    from admin_portal.titles import page_title

    titles = {str(page_title(page)) for page in admin_routes.PAGES}
    assert len(titles) == len(admin_routes.PAGES)


def test_coordinators_see_only_their_pages_in_the_menu() -> None:
    """Approval, reports, people, listings and the overview; never master data, ratings,
    the audit log, admin accounts or legal texts."""
    open_to_them = {
        page.route for page in admin_routes.PAGES if page.for_coordinators and page.nav_label
    }
    assert open_to_them == {
        "/freischaltung",
        "/meldungen",
        "/personen",
        "/eintraege",
        "/uebersicht",
    }
