"""Real HTTP status codes: a page whose Kommune, listing or person does not exist answers
404 (with the same German not-found page), an existing one 200; unknown paths 404."""

from __future__ import annotations

import httpx
from sqlmodel import col, select

from dasnez_core.db import session_scope
from dasnez_core.models import Kommune, Listing, ListingStatus, ProfileVisibility, User, utcnow
from tests.e2e.conftest import Apps

DOCUMENT = {"Accept": "text/html,application/xhtml+xml"}


def _records() -> dict[str, str]:
    """A public listing of Delbrück, one of Bad Lippspringe and a visible handle of
    Delbrück, plus a person of Delbrück who shows the profile to nobody (made here)."""
    with session_scope() as db:
        here, other = (
            db.exec(select(Kommune).where(Kommune.slug == slug)).one()
            for slug in ("delbrueck", "bad-lippspringe")
        )

        def public_listing(kommune: Kommune) -> int | None:
            return db.exec(
                select(Listing.id).where(
                    Listing.kommune_id == kommune.id,
                    Listing.status == ListingStatus.PUBLISHED,
                    col(Listing.expires_at) > utcnow(),
                )
            ).first()

        people = db.exec(
            select(User).where(User.kommune_id == here.id, User.status == "approved")
        ).all()
        visible = next(u for u in people if u.profile_visibility != ProfileVisibility.NOBODY)
        hidden = people[-1] if people[-1] is not visible else people[-2]
        hidden.profile_visibility = ProfileVisibility.NOBODY
        db.add(hidden)
        return {
            "listing": str(public_listing(here)),
            "foreign_listing": str(public_listing(other)),
            "visible": visible.handle,
            "hidden": hidden.handle,
        }


def test_unknown_records_and_paths_answer_404(apps: Apps) -> None:
    ids = _records()
    expected = {
        "/k/delbrueck": 200,
        "/k/delbrueck/eintraege": 200,
        f"/k/delbrueck/eintrag/{ids['listing']}": 200,
        f"/k/delbrueck/person/{ids['visible']}": 200,
        "/k/gibt-es-nicht": 404,
        "/k/gibt-es-nicht/eintraege": 404,
        "/k/delbrueck/impressum": 200,
        "/k/gibt-es-nicht/impressum": 404,
        "/k/delbrueck/eintrag/999999": 404,
        "/k/delbrueck/eintrag/abc": 404,
        f"/k/delbrueck/eintrag/{ids['foreign_listing']}": 404,
        "/k/delbrueck/person/gibt-es-nicht": 404,
        f"/k/delbrueck/person/{ids['hidden']}": 404,
        "/gibt-es-nicht": 404,
    }
    with httpx.Client(base_url=apps.public, timeout=20, headers=DOCUMENT) as client:
        # A page without link-preview tags (Kommune and listing pages carry their own).
        page = client.get("/k/delbrueck/impressum")
        answers = {path: client.get(path) for path in expected}
    assert {path: a.status_code for path, a in answers.items()} == expected
    # The same page, only the status differs: the browser still renders the German page.
    assert answers["/k/gibt-es-nicht"].text == page.text
    admin = httpx.Client(base_url=apps.admin, timeout=20, headers=DOCUMENT, follow_redirects=True)
    with admin as client:
        assert client.get("/gibt-es-nicht").status_code == 404
        assert client.get("/freischaltung").status_code == 200
