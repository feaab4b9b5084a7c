"""Zeitkonten of the Kommune (/zeitkonten): how hours are counted (donations only, or a
time bank with an overdraft limit), donated hours per Ortsteil and month, the newest
bookings, and the correction of a booking with a reason (a further booking, audited).

Every handler resolves the admin's Kommune from the session; a booking id from the browser
is looked up through that Kommune."""

from __future__ import annotations

import reflex as rx

from admin_portal import routes
from admin_portal.components import admin_page
from admin_portal.state import AdminSession
from dasnez_core.models import TimebankMode
from dasnez_core.services import timebank
from dasnez_core.services.kommunen import Option
from dasnez_core.services.timebank import AdminEntryRow, TotalRow
from dasnez_ui import forms
from dasnez_ui.lang import t
from dasnez_ui.outcome import Form, Lines
from dasnez_ui.params import parse_id

_SETTINGS = Lines(
    "settings_error",
    "settings_success",
    Form({"mode": "mode", "overdraft_hours": "overdraft_hours"}, "settings_fields"),
)
_CORRECT = Lines(
    "correct_error",
    "correct_success",
    Form(
        {"hours": "correct_hours", "reason": "correct_reason", "entry_id": "entry_id"},
        "correct_fields",
    ),
)


class TimebankAdminState(AdminSession):
    loaded: bool = False
    error: str = ""
    mode: str = TimebankMode.DONATIONS.value
    overdraft_hours: str = "10"
    form_key: int = 0
    totals: list[TotalRow] = []
    entries: list[AdminEntryRow] = []
    entry_options: list[Option] = []
    person: str = ""
    settings_error: str = ""
    settings_success: str = ""
    settings_fields: dict[str, str] = {}
    correct_error: str = ""
    correct_success: str = ""
    correct_fields: dict[str, str] = {}

    def _clear(self) -> None:
        self.error = self.settings_error = self.settings_success = ""
        self.correct_error = self.correct_success = ""
        self.settings_fields, self.correct_fields = {}, {}

    @rx.event
    def load(self) -> rx.event.EventSpec | None:
        actor = self._actor()
        if not self.logged_in:
            return rx.redirect(routes.HOME)
        self._clear()
        self.loaded, self.person = False, ""
        self.totals, self.entries, self.entry_options = [], [], []
        kommune_id = self._admin_kommune(actor)
        if kommune_id is None:
            self.error = self._t("error.not_allowed")
            return None
        self._load_kommune_name(actor)
        if self._reload():
            self.loaded = True
        return None

    def _reload(self) -> bool:
        actor = self._actor()
        kommune_id = self._admin_kommune(actor) or 0
        lang, person = self.lang, self.person

        def read(db):  # type: ignore[no-untyped-def]
            totals = timebank.totals(db, actor, kommune_id, lang=lang)
            entries = timebank.recent_entries(db, actor, kommune_id, person, lang)
            return totals, entries, timebank.settings_of(db, kommune_id)

        found = self._run(read, lines=Lines("error"))
        if not found.ok or found.value is None:
            return False
        totals, entries, settings = found.value
        self.totals, self.entries = (
            totals,
            [
                AdminEntryRow(
                    e.id,
                    e.booked_on,
                    e.person,
                    e.title,
                    self._t(f"timebank.kind.{e.kind}"),
                    e.hours,
                    e.reason,
                )
                for e in entries
            ],
        )
        self.entry_options = [
            Option(str(e.id), f"{e.booked_on} · {e.person} · {e.title} · {e.hours} h")
            for e in entries
            if e.kind != "correction"
        ]
        self.mode, self.overdraft_hours = settings.mode, str(settings.overdraft_hours)
        self.form_key += 1
        return True

    @rx.event
    def save_settings(self, form: dict[str, str]) -> None:
        actor = self._actor()
        self._clear()
        kommune_id = self._admin_kommune(actor) or 0
        mode = str(form.get("mode", ""))[:20]
        limit = str(form.get("overdraft_hours", ""))[:10]
        if self._run(
            lambda db: timebank.update_settings(db, actor, kommune_id, mode, limit),
            "timebank.admin.settings_saved",
            lines=_SETTINGS,
        ).ok:
            self._reload()

    @rx.event
    def search(self, form: dict[str, str]) -> None:
        self._actor()
        self._clear()
        self.person = str(form.get("person", ""))[:100]
        self._reload()

    @rx.event
    def correct(self, form: dict[str, str]) -> None:
        actor = self._actor()
        self._clear()
        kommune_id = self._admin_kommune(actor) or 0
        entry_id = parse_id(str(form.get("entry_id", ""))[:20])
        hours = str(form.get("correct_hours", ""))[:20]
        reason = str(form.get("correct_reason", ""))[:2000]
        lang = self.lang
        if entry_id is None:
            self.correct_fields = {"entry_id": self._t("timebank.admin.choose_entry")}
            self.correct_error = self.correct_fields["entry_id"]
            return
        if self._run(
            lambda db: timebank.correct_entry(db, actor, kommune_id, entry_id, hours, reason, lang),
            "timebank.admin.corrected",
            lines=_CORRECT,
        ).ok:
            success = self.correct_success
            self._reload()
            self.correct_success = success


class TimebankTotalsState(AdminSession):
    """The totals per Ortsteil and month as a part of the dashboard (loads when shown)."""

    rows: list[TotalRow] = []
    totals_error: str = ""

    @rx.event
    def load(self) -> None:
        actor = self._actor()
        self.rows, self.totals_error = [], ""
        kommune_id = self._admin_kommune(actor)
        if kommune_id is None:
            return
        lang = self.lang
        found = self._run(
            lambda db: timebank.totals(db, actor, kommune_id, lang=lang),
            lines=Lines("totals_error"),
        )
        if found.ok and found.value is not None:
            self.rows = found.value


def _th(key: str) -> rx.Component:
    return rx.el.th(t(key), scope="col", style={"text_align": "left", "padding": "0.4rem"})


def _td(value: rx.Var) -> rx.Component:
    return rx.el.td(value, style={"padding": "0.4rem", "vertical_align": "top"})


def _settings_form() -> rx.Component:
    s = TimebankAdminState
    errors = s.settings_fields

    def option(value: str, key: str) -> rx.Component:
        return rx.el.label(
            rx.el.input(
                type="radio",
                name="mode",
                value=value,
                default_checked=s.mode == value,
                style={"width": "22px", "height": "22px"},
            ),
            rx.text(t(key)),
            style={"display": "flex", "gap": "0.75rem", "align_items": "center"},
        )

    return rx.form(
        forms.error_summary(s.settings_error, errors),
        rx.el.fieldset(
            rx.el.legend(t("timebank.admin.mode"), style={"font_weight": "600"}),
            option(TimebankMode.DONATIONS.value, "timebank.admin.mode_donations"),
            option(TimebankMode.TIMEBANK.value, "timebank.admin.mode_timebank"),
            forms.field_error("mode", errors["mode"]),
            id="mode",
            tab_index=-1,
            style={"display": "grid", "gap": "0.5rem", "border": "none", "padding": "0"},
        ),
        forms.field(
            t("timebank.admin.overdraft"),
            "overdraft_hours",
            value=s.overdraft_hours,
            input_mode="numeric",
            max_length=3,
            error=errors["overdraft_hours"],
        ),
        forms.success_line(s.settings_success),
        forms.submit(t("timebank.admin.save_settings")),
        on_submit=TimebankAdminState.save_settings,
        no_validate=True,
        reset_on_submit=False,
        key=s.form_key,
        width="100%",
    )


def _totals(rows: rx.Var[list[TotalRow]], heading_id: str) -> rx.Component:
    return rx.cond(
        rows.length() > 0,
        rx.box(
            rx.el.table(
                rx.el.thead(
                    rx.el.tr(
                        _th("timebank.admin.col_month"),
                        _th("timebank.admin.col_district"),
                        _th("timebank.col_hours"),
                    )
                ),
                rx.el.tbody(
                    rx.foreach(
                        rows,
                        lambda r: rx.el.tr(_td(r.month), _td(r.district), _td(r.hours)),
                    )
                ),
                aria_labelledby=heading_id,
                data_testid="timebank-totals",
                style={"width": "100%", "border_collapse": "collapse"},
            ),
            overflow_x="auto",
            width="100%",
        ),
        rx.text(t("timebank.admin.totals_empty")),
    )


def _entries() -> rx.Component:
    s = TimebankAdminState
    return rx.vstack(
        rx.form(
            rx.hstack(
                forms.field(t("timebank.admin.search"), "person", value=s.person, required=False),
                rx.button(t("timebank.admin.search_button"), type="submit", size="3"),
                align="end",
                wrap="wrap",
            ),
            on_submit=TimebankAdminState.search,
            reset_on_submit=False,
            width="100%",
        ),
        rx.cond(
            s.entries.length() > 0,
            rx.box(
                rx.el.table(
                    rx.el.thead(
                        rx.el.tr(
                            _th("timebank.col_date"),
                            _th("timebank.admin.col_person"),
                            _th("timebank.col_title"),
                            _th("timebank.col_kind"),
                            _th("timebank.col_hours"),
                            _th("timebank.col_reason"),
                        )
                    ),
                    rx.el.tbody(
                        rx.foreach(
                            s.entries,
                            lambda e: rx.el.tr(
                                _td(e.booked_on),
                                _td(e.person),
                                _td(e.title),
                                _td(e.kind),
                                _td(e.hours),
                                _td(e.reason),
                            ),
                        )
                    ),
                    aria_labelledby="entries-heading",
                    style={"width": "100%", "border_collapse": "collapse"},
                ),
                overflow_x="auto",
                width="100%",
            ),
            rx.text(t("timebank.admin.entries_empty")),
        ),
        width="100%",
        spacing="3",
    )


def _correct_form() -> rx.Component:
    s = TimebankAdminState
    errors = s.correct_fields
    return rx.form(
        rx.text(t("timebank.admin.correct_intro")),
        forms.error_summary(s.correct_error, errors),
        forms.select(
            t("timebank.admin.entry"),
            "entry_id",
            s.entry_options,
            t("common.choose"),
            error=errors["entry_id"],
        ),
        forms.field(
            t("timebank.admin.correct_hours"),
            "correct_hours",
            input_mode="decimal",
            max_length=10,
            error=errors["correct_hours"],
        ),
        forms.textarea(
            t("timebank.admin.reason"),
            "correct_reason",
            max_length=timebank.REASON_MAX,
            error=errors["correct_reason"],
        ),
        forms.success_line(s.correct_success),
        forms.submit(t("timebank.admin.correct")),
        on_submit=TimebankAdminState.correct,
        no_validate=True,
        reset_on_submit=True,
        key=s.form_key,
        width="100%",
    )


def timebank_admin_page() -> rx.Component:
    s = TimebankAdminState
    return admin_page(
        rx.vstack(
            rx.heading(
                t("timebank.admin.title"), " – ", AdminSession.kommune_name, size="7", as_="h1"
            ),
            forms.error_line(s.error),
            rx.cond(
                s.loaded,
                rx.vstack(
                    rx.heading(t("timebank.admin.settings"), size="5", as_="h2"),
                    _settings_form(),
                    rx.heading(t("timebank.admin.totals"), size="5", as_="h2", id="totals-heading"),
                    _totals(s.totals, "totals-heading"),
                    rx.heading(
                        t("timebank.admin.entries"), size="5", as_="h2", id="entries-heading"
                    ),
                    _entries(),
                    rx.heading(t("timebank.admin.correct_heading"), size="5", as_="h2"),
                    _correct_form(),
                    width="100%",
                    spacing="4",
                ),
            ),
            width="100%",
            spacing="4",
        )
    )


def timebank_totals_panel() -> rx.Component:
    """Dashboard section: donated hours per Ortsteil and month, with a link to the page."""
    return rx.el.section(
        rx.heading(t("timebank.admin.totals"), size="5", as_="h2", id="dash-timebank-heading"),
        forms.error_line(TimebankTotalsState.totals_error),
        _totals(TimebankTotalsState.rows, "dash-timebank-heading"),
        rx.link(t("dash.timebank_link"), href=routes.TIMEBANK),
        on_mount=TimebankTotalsState.load,
        style={"display": "flex", "flex_direction": "column", "gap": "0.75rem", "width": "100%"},
    )
