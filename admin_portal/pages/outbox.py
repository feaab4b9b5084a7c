"""Platform staff: the mail outbox (/postausgang) — failed and waiting mails, and sending
a failed one again. Nobody else sees it (recipients of every Kommune); never a mail's text."""

from __future__ import annotations

from dataclasses import dataclass

import reflex as rx
from sqlmodel import Session

from admin_portal import routes
from admin_portal.components import admin_page, table_scroll_region
from admin_portal.state import AdminSession
from dasnez_core.actor import Actor
from dasnez_core.db import session_scope
from dasnez_core.errors import NotAllowed
from dasnez_core.formatting import format_datetime
from dasnez_core.mail import MAX_ATTEMPTS
from dasnez_core.models.operations import MailStatus
from dasnez_core.permissions import Action, can
from dasnez_core.services.outbox import list_outbox, outbox_counts, resend, resend_all
from dasnez_ui import forms
from dasnez_ui.lang import t
from dasnez_ui.page_load import PageLoad
from dasnez_ui.params import parse_id

SHOW_FAILED, SHOW_WAITING = "failed", "waiting"


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
    failed: bool


class OutboxState(PageLoad, AdminSession):
    loaded: bool = False
    show: str = SHOW_FAILED
    rows: list[OutboxLine] = []
    failed: int = 0
    waiting: int = 0
    sent: int = 0
    error: str = ""
    success: str = ""

    def _staff(self) -> Actor | None:
        """The caller if they are platform staff; otherwise the refusal is shown."""
        actor = self._actor()
        if not can(actor, Action.MANAGE_MAIL_OUTBOX):
            self.loaded, self.rows = False, []
            self.error, self.success = self._t("error.not_allowed"), ""
            return None
        return actor

    def _reload(self, actor: Actor) -> None:
        with session_scope() as db:
            counts = outbox_counts(db, actor)
            mails = list_outbox(db, actor, status=self.show)
        self.failed, self.waiting, self.sent = counts.failed, counts.waiting, counts.sent_last_day
        self.rows = [
            OutboxLine(
                id=str(m.id),
                to_address=m.to_address,
                subject=m.subject,
                attempts=m.attempts,
                last_error=m.last_error,
                created=format_datetime(m.created_at, self.lang),
                next_attempt=format_datetime(m.next_attempt_at, self.lang),
                failed=m.status == MailStatus.FAILED,
            )
            for m in mails
        ]

    @rx.event
    def load(self) -> rx.event.EventSpec | None:
        return self._load_page()

    def _build(self) -> rx.event.EventSpec | None:
        self.loaded, self.rows, self.error, self.success = False, [], "", ""
        self.show = SHOW_FAILED
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
    def set_show(self, value: str) -> None:
        actor = self._staff()
        if actor is None:
            return
        self.show = SHOW_WAITING if value == SHOW_WAITING else SHOW_FAILED
        self.error = self.success = ""
        self._reload(actor)

    @rx.event
    def resend_one(self, mail_id: str) -> None:
        actor = self._staff()
        if actor is None:
            return
        target = parse_id(mail_id) or 0
        if self._run(lambda db: resend(db, actor, target), "ops.outbox.resent").ok:
            self._reload(actor)

    @rx.event
    def resend_every(self) -> None:
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
        rx.table.cell(rx.cond(m.failed, "–", m.next_attempt)),
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


def _body() -> rx.Component:
    return rx.vstack(
        rx.text(
            t("ops.outbox.counts")
            .replace("{failed}", OutboxState.failed.to_string())
            .replace("{waiting}", OutboxState.waiting.to_string())
            .replace("{sent}", OutboxState.sent.to_string()),
            weight="bold",
        ),
        rx.hstack(
            rx.el.label(t("ops.outbox.show"), html_for="outbox_show", style={"font_weight": "600"}),
            rx.el.select(
                rx.el.option(t("ops.outbox.show.failed"), value=SHOW_FAILED),
                rx.el.option(t("ops.outbox.show.waiting"), value=SHOW_WAITING),
                id="outbox_show",
                value=OutboxState.show,
                on_change=OutboxState.set_show,
                style=forms.FIELD_STYLE | {"width": "auto"},
            ),
            rx.cond(
                (OutboxState.show == SHOW_FAILED) & (OutboxState.failed > 0),
                rx.button(t("ops.outbox.resend_all"), on_click=OutboxState.resend_every),
            ),
            align="center",
            spacing="3",
            wrap="wrap",
        ),
        rx.cond(
            OutboxState.rows.length() > 0,
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
                            rx.table.column_header_cell(t("ops.outbox.col.action")),
                        )
                    ),
                    rx.table.body(rx.foreach(OutboxState.rows, _row)),
                    size="2",
                    width="100%",
                ),
                **table_scroll_region(),
            ),
            rx.text(t("ops.outbox.empty")),
        ),
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
