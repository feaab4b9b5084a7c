"""The OpenAPI 3.1 description of the public read API (served at /api/v1/openapi.json).

Written by hand next to the endpoints of `dasnez_app.api_v1`; a unit test checks that
every route there is described here and that the described filter parameters are the
ones the endpoint accepts.
"""

from __future__ import annotations

from typing import Any

from dasnez_app import routes
from dasnez_core.services.filters import EXCHANGE_TYPES, KINDS, Q_MAX
from dasnez_core.services.search import MAX_PAGE, SORTS


def _string(description: str, **more: Any) -> dict[str, Any]:
    return {"type": "string", "description": description, **more}


def _query(name: str, description: str, schema: dict[str, Any]) -> dict[str, Any]:
    return {
        "name": name,
        "in": "query",
        "required": False,
        "description": description,
        "schema": schema,
    }


_SLUG = {
    "name": "slug",
    "in": "path",
    "required": True,
    "description": "Kurzname der Kommune, z. B. delbrueck",
    "schema": {"type": "string", "maxLength": 64},
}
_ID = {"type": "integer", "minimum": 1}

LISTING_PARAMETERS: list[dict[str, Any]] = [
    _query("boerse", "Börse", {"type": "string", "enum": list(EXCHANGE_TYPES)}),
    _query("art", "Angebot oder Gesuch", {"type": "string", "enum": list(KINDS)}),
    _query("kategorie", "Kategorie (id aus /kommunen/{slug})", _ID),
    _query("ort", "Ortsteil oder Dorf (id aus /kommunen/{slug}); Ortsteile samt Dörfern", _ID),
    _query("sozialraum", "Sozialraum (id aus /kommunen/{slug})", _ID),
    _query("q", "Suchbegriffe", {"type": "string", "maxLength": Q_MAX}),
    _query("sortierung", "Reihenfolge", {"type": "string", "enum": list(SORTS)}),
    _query("seite", "Seite (20 Einträge je Seite)", {**_ID, "maximum": MAX_PAGE}),
]

_ERROR = {
    "type": "object",
    "properties": {
        "status": {"type": "integer"},
        "error": _string("Schlüssel des Fehlers"),
        "message": _string("Erklärung auf Deutsch"),
    },
}
_CARD = {
    "type": "object",
    "properties": {
        "id": {"type": "integer"},
        "kind": {"type": "string", "enum": list(KINDS)},
        "exchange_type": {"type": "string", "enum": list(EXCHANGE_TYPES)},
        "category": _string("Kategorie"),
        "title": _string("Titel"),
        "body": _string("Beschreibung (gekürzt auf 280 Zeichen)"),
        "area": _string("Ortsteil › Dorf"),
        "author": _string("Anzeigename, wie auf der Seite"),
        "created_at": _string("Datum, deutsch formatiert"),
        "expires_on": _string("Datum, deutsch formatiert"),
        "url": _string("Seite des Eintrags", format="uri"),
        "api": _string("Dieser Eintrag in der Schnittstelle", format="uri"),
    },
}


def _answers(schema: dict[str, Any], *statuses: int) -> dict[str, Any]:
    answers: dict[str, Any] = {
        "200": {"description": "OK", "content": {"application/json": {"schema": schema}}}
    }
    texts = {
        400: "Ungültige Anfrage",
        404: "Nicht gefunden",
        429: "Zu viele Anfragen (Header Retry-After)",
        503: "Vorübergehend nicht erreichbar",
    }
    for status in (*statuses, 429, 503):
        answers[str(status)] = {
            "description": texts[status],
            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}},
        }
    return answers


def description(public_url: str) -> dict[str, Any]:
    """The document, with the server address of this deployment."""
    items = {"type": "array", "items": {"type": "object"}}
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "dasnez – öffentliche Lese-Schnittstelle",
            "version": "1",
            "description": (
                "Öffentliche Angebote und Gesuche, Kommunen und Info-Boxen von dasnez, nur "
                "lesend (GET). Es gibt nur, was die öffentlichen Seiten zeigen. Jede Adresse "
                "darf von jeder Website gelesen werden (CORS). Je Adresse sind 120 Anfragen "
                "pro Minute erlaubt."
            ),
        },
        "servers": [{"url": f"{public_url}{routes.Endpoints.API_PREFIX}"}],
        "paths": {
            routes.Endpoints.API_KOMMUNEN: {
                "get": {
                    "summary": "Kommunen (höchstens 50), optional nach Name oder PLZ gefiltert",
                    "parameters": [
                        _query("q", "Name oder PLZ", {"type": "string", "maxLength": 60})
                    ],
                    "responses": _answers({"type": "object", "properties": {"items": items}}, 400),
                }
            },
            routes.Endpoints.API_KOMMUNE: {
                "get": {
                    "summary": "Eine Kommune mit Börsen, Kategorien, Ortsteilen, Sozialräumen",
                    "parameters": [_SLUG],
                    "responses": _answers({"type": "object"}, 400, 404),
                }
            },
            routes.Endpoints.API_LISTINGS: {
                "get": {
                    "summary": (
                        "Öffentliche Einträge, mit den Filtern der Seite „Angebote und Gesuche“"
                    ),
                    "description": (
                        "Unbekannte Ids (Kategorie, Ort, Sozialraum) werden wie auf der Seite "
                        "ignoriert; `filters` der Antwort nennt die angewandten."
                    ),
                    "parameters": [_SLUG, *LISTING_PARAMETERS],
                    "responses": _answers(
                        {
                            "type": "object",
                            "properties": {
                                "kommune": {"type": "string"},
                                "filters": {"type": "object"},
                                "page": {"type": "integer"},
                                "pages": {"type": "integer"},
                                "page_size": {"type": "integer"},
                                "total": {"type": "integer"},
                                "total_capped": {"type": "boolean"},
                                "next": {"type": ["string", "null"], "format": "uri"},
                                "items": {
                                    "type": "array",
                                    "items": {"$ref": "#/components/schemas/Listing"},
                                },
                            },
                        },
                        400,
                        404,
                    ),
                }
            },
            routes.Endpoints.API_LISTING: {
                "get": {
                    "summary": "Ein öffentlicher Eintrag",
                    "parameters": [
                        _SLUG,
                        {"name": "listing_id", "in": "path", "required": True, "schema": _ID},
                    ],
                    "responses": _answers({"type": "object"}, 400, 404),
                }
            },
            routes.Endpoints.API_INFOBOX: {
                "get": {
                    "summary": "Die Info-Box der Kommune (Hinweise, Termine, Links)",
                    "parameters": [_SLUG],
                    "responses": _answers(
                        {"type": "object", "properties": {"items": items}}, 400, 404
                    ),
                }
            },
            routes.Endpoints.API_OPENAPI: {
                "get": {
                    "summary": "Diese Beschreibung",
                    "responses": _answers({"type": "object"}),
                }
            },
        },
        "components": {"schemas": {"Error": _ERROR, "Listing": _CARD}},
    }
