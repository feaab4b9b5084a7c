"""After login the person returns to where they were, and only to a page of the public app:
the `?weiter=` value is checked so the login cannot send anybody to another site."""

from __future__ import annotations

import pytest

from dasnez_app import routes


@pytest.mark.parametrize(
    "path",
    [
        "/k/delbrueck",
        "/k/delbrueck/eintrag/17",
        "/k/delbrueck/eintraege?boerse=taschengeld&art=offer",
        "/k/delbrueck/person/abc123",
        "/nachrichten/4",
        "/konto",
    ],
)
def test_a_page_of_the_app_is_returned_to(path: str) -> None:
    assert routes.return_path(path) == path


@pytest.mark.parametrize(
    "raw",
    [
        None,
        "",
        "//evil.example/k/delbrueck",
        "https://evil.example/",
        "http:/evil.example",
        "javascript:alert(1)",
        "/\\evil.example",
        "\\\\evil.example",
        "/k//eintraege",
        "/k/delbrueck/eintrag/1#x",
        "/k/delbrueck/eintrag/1\n",
        "k/delbrueck",
        "/%2F%2Fevil.example",
        "/unbekannt",
        "/k/delbrueck/eintrag/1/bearbeiten/mehr",
        "/" + "k/" * 300,
    ],
)
def test_anything_else_is_refused(raw: str | None) -> None:
    assert routes.return_path(raw) == ""


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/?q=33129",
        "/anmelden",
        "/anmelden?weiter=/konto",
        "/passwort-neu?token=x",
        "/k/delbrueck/registrieren",
    ],
)
def test_login_one_time_and_landing_pages_are_not_returned_to(path: str) -> None:
    assert routes.return_path(path) == ""


def test_login_href_carries_the_way_back() -> None:
    assert routes.login_href("/k/delbrueck/eintrag/5") == (
        "/anmelden?weiter=%2Fk%2Fdelbrueck%2Feintrag%2F5"
    )
    assert routes.login_href("/k/delbrueck/eintraege", "q=Hecke&art=offer") == (
        "/anmelden?weiter=%2Fk%2Fdelbrueck%2Feintraege%3Fq%3DHecke%26art%3Doffer"
    )
    assert routes.login_href("/anmelden") == "/anmelden"
    assert routes.login_href("//evil.example") == "/anmelden"
