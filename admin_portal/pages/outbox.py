"""Platform staff: the mail outbox (/postausgang) — the mails of one state (failed, waiting,
sent) a page at a time with every state's total, and sending a failed one again. State and
page live in the URL. Nobody else sees it (recipients of every Kommune); never a mail's text."""

from __future__ import annotations

from dataclasses import dataclass

import reflex as rx
from sqlmodel import Session

from admin_portal import routes
from admin_portal.components import admin_page, table_scroll_region
from admin_portal.filtered_list import pager
from admin_portal.routes import OutboxView, outbox_query, parse_outbox
from admin_portal.state import AdminSession
from dasnez_core.actor import Actor
from dasnez_core.db import session_scope
from dasnez_core.errors import NotAllowed
from dasnez_core.formatting import format_datetime
from dasnez_core.mail import MAX_ATTEMPTS
from dasnez_core.models.operations import MailStatus
from dasnez_core.permissions import Action, can
from dasnez_core.services.outbox import (
    FAILED,
    OUTBOX_STATES,
    OutboxPage,
    list_outbox,
    resend,
    resend_all,
)
from dasnez_ui import forms
from dasnez_ui.lang import t
from dasnez_ui.page_load import PageLoad
from dasnez_ui.params import parse_id


@dataclass(frozen=True)
class OutboxLine:
    """One mail as the page shows it (no text, no header)."""

    id: str
    to_address: str
    subject: str
    attempts: int
    last_error: str
    created: str
    next_attempt: str
    sent: str
    failed: bool


@dataclass(frozen=True)
class StateLink:
    """A state of mails to show, with its total, as a link (the current one marked)."""

    state: str
    label: str
    query: str
    current: bool


class OutboxState(PageLoad, AdminSession):
    loaded: bool = False
    show: str = FAILED
    rows: list[OutboxLine] = []
    states: list[StateLink] = []
    failed: int = 0
    waiting: int = 0
    sent: int = 0
    page: int = 1
    pages: int = 1
    prev_query: str = ""
    next_query: str = ""
    error: str = ""
    success: str = ""

    def _staff(self) -> Actor | None:
        """The caller if they are platform staff; otherwise the refusal is shown."""
        actor = self._actor()
        if not can(actor, Action.MANAGE_MAIL_OUTBOX):
            self.loaded, self.rows, self.states = False, [], []
            self.error, self.success = self._t("error.not_allowed"), ""
            return None
        return actor

    def _reload(self, actor: Actor) -> None:
        """The page of the URL's state and page number (a page past the end: the last)."""
        view = parse_outbox(dict(self.router.url.query_parameters))
        with session_scope() as db:
            shown: OutboxPage = list_outbox(db, actor, state=view.state, page=view.page)
        counts = shown.counts
        self.show, self.page, self.pages = shown.state, shown.page, shown.pages
        self.failed, self.waiting, self.sent = counts.failed, counts.waiting, counts.sent_last_day
        kept = OutboxView(state=shown.state, page=shown.page)
        self.prev_query = outbox_query(kept, page=shown.page - 1) if shown.page > 1 else ""
        self.next_query = (
            outbox_query(kept, page=shown.page + 1) if shown.page < shown.pages else ""
        )
        self.states = [
            StateLink(
                state=state,
                label=self._t(f"ops.outbox.state.{state}", count=counts.of(state)),
                query=outbox_query(OutboxView(state=state)),
                current=state == shown.state,
            )
            for state in OUTBOX_STATES
        ]
        self.rows = [
            OutboxLine(
                id=str(m.id),
                to_address=m.to_address,
                subject=m.subject,
                attempts=m.attempts,
                last_error=m.last_error,
                created=format_datetime(m.created_at, self.lang),
                next_attempt=format_datetime(m.next_attempt_at, self.lang)
                if m.status in (MailStatus.PENDING, MailStatus.SENDING)
                else "–",
                sent=format_datetime(m.sent_at, self.lang) if m.sent_at else "–",
                failed=m.status == MailStatus.FAILED,
            )
            for m in shown.rows
        ]

    @rx.event
    def load(self) -> rx.event.EventSpec | None:
        return self._load_page()

    def _build(self) -> rx.event.EventSpec | None:
        self.loaded, self.rows, self.states, self.error, self.success = False, [], [], "", ""
        self.show, self.page, self.pages, self.prev_query, self.next_query = FAILED, 1, 1, "", ""
        self._actor()
        if not self.logged_in:
            return rx.redirect(routes.HOME)
        actor = self._staff()
        if actor is None:
            return None
        self._reload(actor)
        self.loaded = True
        return None

    @rx.event
    def resend_one(self, mail_id: str) -> None:
        actor = self._staff()
        if actor is None:
            return
        target = parse_id(str(mail_id)) or 0
        if self._run(lambda db: resend(db, actor, target), "ops.outbox.resent").ok:
            self._reload(actor)

    @rx.event
    def resend_every(self) -> None:
        """Every failed mail again (whatever state is shown: only failed ones are resent)."""
        actor = self._staff()
        if actor is None:
            return

        def call(db: Session) -> int:
            if actor is None:
                raise NotAllowed()
            return resend_all(db, actor)

        done = self._run(call)
        if done.ok:
            self.success = self._t("ops.outbox.resent_all", count=done.value or 0)
            self._reload(actor)


def _row(m: rx.Var[OutboxLine]) -> rx.Component:
    return rx.table.row(
        rx.table.row_header_cell(m.to_address),
        rx.table.cell(m.subject),
        rx.table.cell(m.attempts),
        rx.table.cell(m.last_error),
        rx.table.cell(m.created),
        rx.table.cell(m.next_attempt),
        rx.table.cell(m.sent),
        rx.table.cell(
            rx.cond(
                m.failed,
                rx.button(
                    t("ops.outbox.resend"),
                    on_click=OutboxState.resend_one(m.id),
                    aria_label=t("ops.outbox.resend_label").replace("{to}", m.to_address),
                    variant="soft",
                ),
            )
        ),
    )


def _state_link(s: rx.Var[StateLink]) -> rx.Component:
    """A state to show as a link; the one shown is marked for screen readers (aria-current)."""
    href = rx.cond(s.query != "", routes.OUTBOX + "?" + s.query, routes.OUTBOX)
    return rx.el.li(
        rx.cond(
            s.current,
            rx.link(s.label, href=href, aria_current="page", weight="bold", underline="always"),
            rx.link(s.label, href=href),
        ),
        style={"min_height": "48px", "display": "flex", "align_items": "center"},
    )


def _states() -> rx.Component:
    return rx.el.nav(
        rx.el.ul(
            rx.foreach(OutboxState.states, _state_link),
            style={
                "display": "flex",
                "flex_wrap": "wrap",
                "gap": "1.5rem",
                "list_style": "none",
                "padding": "0",
                "margin": "0",
            },
        ),
        aria_label=t("ops.outbox.states"),
    )


def _body() -> rx.Component:
    s = OutboxState
    return rx.vstack(
        rx.text(
            t("ops.outbox.counts")
            .replace("{failed}", s.failed.to_string())
            .replace("{waiting}", s.waiting.to_string())
            .replace("{sent}", s.sent.to_string()),
            weight="bold",
        ),
        _states(),
        rx.cond(
            (s.show == FAILED) & (s.failed > 0),
            rx.button(t("ops.outbox.resend_all"), on_click=s.resend_every),
        ),
        rx.cond(
            s.rows.length() > 0,
            rx.box(
                rx.table.root(
                    rx.table.header(
                        rx.table.row(
                            rx.table.column_header_cell(t("ops.outbox.col.to")),
                            rx.table.column_header_cell(t("ops.outbox.col.subject")),
                            rx.table.column_header_cell(t("ops.outbox.col.attempts")),
                            rx.table.column_header_cell(t("ops.outbox.col.error")),
                            rx.table.column_header_cell(t("ops.outbox.col.created")),
                            rx.table.column_header_cell(t("ops.outbox.col.next")),
                            rx.table.column_header_cell(t("ops.outbox.col.sent")),
                            rx.table.column_header_cell(t("ops.outbox.col.action")),
                        )
                    ),
                    rx.table.body(rx.foreach(s.rows, _row)),
                    size="2",
                    width="100%",
                ),
                **table_scroll_region(),
            ),
            rx.text(t("ops.outbox.empty")),
        ),
        pager(routes.OUTBOX, s.prev_query, s.next_query, s.page, s.pages),
        rx.text(t("ops.outbox.newest"), size="2", color_scheme="gray"),
        spacing="4",
        width="100%",
    )


def outbox_page() -> rx.Component:
    return admin_page(
        rx.vstack(
            rx.heading(t("ops.outbox.title"), size="7", as_="h1"),
            rx.text(t("ops.outbox.intro").replace("{attempts}", str(MAX_ATTEMPTS))),
            forms.error_line(OutboxState.error),
            forms.success_line(OutboxState.success),
            rx.cond(OutboxState.loaded, _body()),
            width="100%",
            spacing="4",
        )
    )
