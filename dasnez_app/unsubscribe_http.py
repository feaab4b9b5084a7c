"""The one-click unsubscribe link of the saved-search mails (/suche-abbestellen?token=…).

A plain HTTP endpoint, not a Reflex page: it must work without login and without
JavaScript (mail programs that follow `List-Unsubscribe` send a POST, RFC 8058), and it
acts once, on the first request. The answer is a small German page saying what happened.
"""

from __future__ import annotations

import html
from collections.abc import Callable

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import HTMLResponse
from starlette.types import ASGIApp, Receive, Scope, Send

from dasnez_app import routes
from dasnez_core.db import session_scope
from dasnez_core.errors import NotFound
from dasnez_core.i18n import translate
from dasnez_core.services.saved_searches import unsubscribe

_METHODS = frozenset({"GET", "POST"})


def _page(title: str, text: str) -> str:
    return (
        '<!DOCTYPE html><html lang="de"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{html.escape(title)} – dasnez</title></head>"
        '<body style="font-family:sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem;'
        'line-height:1.5"><main>'
        f"<h1>{html.escape(title)}</h1><p>{html.escape(text)}</p>"
        f'<p><a href="{routes.HOME}">{html.escape(translate("saved.to_home", "de"))}</a></p>'
        "</main></body></html>"
    )


def _unsubscribe(token: str) -> str | None:
    with session_scope() as db:
        try:
            return unsubscribe(db, token)
        except NotFound:
            return None


async def _answer(request: Request) -> HTMLResponse:
    token = request.query_params.get("token", "")[:100]
    name = await run_in_threadpool(_unsubscribe, token) if token else None
    if name is None:
        body = _page(
            translate("saved.unsubscribe_failed_title", "de"),
            translate("saved.unsubscribe_invalid", "de"),
        )
        status = 404
    else:
        body = _page(
            translate("saved.unsubscribed_title", "de"),
            translate("saved.unsubscribed", "de", name=name),
        )
        status = 200
    return HTMLResponse(
        body,
        status_code=status,
        # The token is in the address: it must not travel on as a referrer or be cached.
        headers={"cache-control": "no-store", "referrer-policy": "no-referrer"},
    )


class UnsubscribeEndpoint:
    """ASGI wrapper: the unsubscribe path answered here, everything else passed on."""

    def __init__(self, inner: ASGIApp) -> None:
        self.inner = inner

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope.get("path") == routes.Endpoints.UNSUBSCRIBE_SEARCH:
            if scope.get("method") not in _METHODS:
                await HTMLResponse("", status_code=405, headers={"allow": "GET, POST"})(
                    scope, receive, send
                )
                return
            response = await _answer(Request(scope, receive))
            await response(scope, receive, send)
            return
        await self.inner(scope, receive, send)


def unsubscribe_endpoint() -> Callable[[ASGIApp], ASGIApp]:
    """The `api_transformer` that serves the unsubscribe link."""
    return UnsubscribeEndpoint
