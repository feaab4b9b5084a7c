"""The Kommune's retention periods (/aufbewahrung): how long each kind of personal data is
kept before the nightly job deletes or anonymises it, within the platform's limits."""

from __future__ import annotations

import reflex as rx
from sqlmodel import Session

from admin_portal import routes
from admin_portal.components import admin_page
from admin_portal.state import AdminSession
from dasnez_core.errors import NotAllowed
from dasnez_core.services.retention import (
    KINDS,
    RetentionKind,
    RetentionPeriod,
    field_id,
    get_periods,
    set_periods,
)
from dasnez_ui import forms
from dasnez_ui.lang import t
from dasnez_ui.outcome import Lines, form_fields
from dasnez_ui.page_load import PageLoad

_FORM = Lines("error", "success", form_fields(*(field_id(k.key) for k in KINDS if k.per_kommune)))


class RetentionState(PageLoad, AdminSession):
    loaded: bool = False
    # Kind → days as shown in its field.
    days: dict[str, str] = {}
    form_key: int = 0
    error: str = ""
    success: str = ""
    field_errors: dict[str, str] = {}

    def _show(self, periods: list[RetentionPeriod] | None) -> None:
        self.loaded = periods is not None
        if periods is not None:
            self.days = {p.key: str(p.days) for p in periods}
            self.form_key += 1

    @rx.event
    def load(self) -> rx.event.EventSpec | None:
        return self._load_page()

    def _build(self) -> rx.event.EventSpec | None:
        self.loaded, self.error, self.success, self.field_errors = False, "", "", {}
        actor = self._actor()
        if not self.logged_in:
            return rx.redirect(routes.HOME)
        kommune_id = self._admin_kommune(actor)
        if kommune_id is None:
            self.error = self._t("error.not_allowed")
            return None
        self._load_kommune_name(actor)
        self._show(self._run(lambda db: get_periods(db, actor, kommune_id)).value)
        return None

    @rx.event
    def save(self, form: dict[str, str]) -> rx.event.EventSpec | None:
        actor = self._actor()
        kommune_id = self._admin_kommune(actor)
        # Only the periods the form sent (a kind left out keeps its period).
        values = {
            k.key: str(form[field_id(k.key)])[:12]
            for k in KINDS
            if k.per_kommune and field_id(k.key) in form
        }

        def call(db: Session) -> list[RetentionPeriod]:
            if kommune_id is None:
                raise NotAllowed()
            return set_periods(db, actor, kommune_id, values)

        saved = self._run(call, "ops.retention.saved", lines=_FORM)
        if saved.value is None:
            # The typed values stay in their fields; the first wrong one gets the focus.
            return self._focus_first_error()
        self._show(saved.value)
        return None


def _kind_row(kind: RetentionKind) -> rx.Component:
    name = field_id(kind.key)
    days = RetentionState.days[kind.key]
    if not kind.per_kommune:
        return rx.table.row(
            rx.table.row_header_cell(t(kind.label_key)),
            rx.table.cell(t("ops.retention.fixed").replace("{days}", str(kind.default))),
            rx.table.cell(""),
        )
    return rx.table.row(
        rx.table.row_header_cell(rx.el.label(t(kind.label_key), html_for=name)),
        rx.table.cell(
            rx.el.input(
                id=name,
                name=name,
                type="number",
                min=kind.minimum,
                max=kind.maximum,
                step=1,
                input_mode="numeric",
                default_value=days,
                style=forms.FIELD_STYLE | {"max_width": "8rem"},
                **forms.invalid_props(name, RetentionState.field_errors[name]),
            ),
            forms.field_error(name, RetentionState.field_errors[name]),
        ),
        rx.table.cell(
            t("ops.retention.range")
            .replace("{minimum}", str(kind.minimum))
            .replace("{maximum}", str(kind.maximum)),
            " (",
            t("ops.retention.default").replace("{days}", str(kind.default)),
            ")",
        ),
    )


def retention_page() -> rx.Component:
    form = rx.form(
        rx.table.root(
            rx.table.header(
                rx.table.row(
                    rx.table.column_header_cell(t("ops.retention.col.kind")),
                    rx.table.column_header_cell(t("ops.retention.col.days")),
                    rx.table.column_header_cell(t("ops.retention.col.range")),
                )
            ),
            rx.table.body(*(_kind_row(kind) for kind in KINDS)),
            size="2",
            width="100%",
        ),
        forms.submit(t("ops.retention.save")),
        no_validate=True,
        on_submit=RetentionState.save,
        key="retention-" + RetentionState.form_key.to_string(),
        width="100%",
    )
    return admin_page(
        rx.vstack(
            rx.heading(
                t("ops.retention.title"), " – ", AdminSession.kommune_name, size="7", as_="h1"
            ),
            rx.text(t("ops.retention.intro")),
            forms.error_summary(RetentionState.error, RetentionState.field_errors),
            forms.success_line(RetentionState.success),
            rx.cond(RetentionState.loaded, form),
            width="100%",
            spacing="4",
        )
    )
