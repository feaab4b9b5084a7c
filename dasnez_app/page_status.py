"""Which public pages answer 404 when their record is missing (see dasnez_ui.page_status_http)."""

from __future__ import annotations

from collections.abc import Mapping

from sqlmodel import Session

from dasnez_app import routes
from dasnez_core.services.page_status import (
    Viewer,
    institution_shown,
    kommune_shown,
    listing_shown,
    person_shown,
)
from dasnez_ui.page_status_http import Check
from dasnez_ui.params import parse_id


def _kommune(db: Session, params: Mapping[str, str], _viewer: Viewer) -> bool:
    return kommune_shown(db, params["slug"])


def _listing(db: Session, params: Mapping[str, str], viewer: Viewer) -> bool:
    listing_id = parse_id(params["id"])
    return listing_id is not None and listing_shown(db, params["slug"], listing_id, viewer)


def _person(db: Session, params: Mapping[str, str], viewer: Viewer) -> bool:
    return person_shown(db, params["slug"], params["handle"], viewer)


def _institution(db: Session, params: Mapping[str, str], _viewer: Viewer) -> bool:
    return institution_shown(db, params["slug"], params["handle"])


CHECKS: dict[str, Check] = {
    routes.INSTITUTION: _institution,
    routes.INSTITUTION_EDIT: _institution,
    routes.INSTITUTION_REGISTER: _kommune,
    routes.KOMMUNE: _kommune,
    routes.BROWSE: _kommune,
    routes.REGISTER: _kommune,
    routes.YOUTH_INFO: _kommune,
    routes.NEW_LISTING: _kommune,
    routes.KOMMUNE_IMPRINT: _kommune,
    routes.KOMMUNE_PRIVACY: _kommune,
    routes.KOMMUNE_TERMS: _kommune,
    routes.KOMMUNE_ACCESSIBILITY: _kommune,
    routes.KOMMUNE_EASY: _kommune,
    routes.LISTING: _listing,
    routes.PERSON: _person,
}
