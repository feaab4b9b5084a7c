"""The person's Zeitkonto (/konto/zeitkonto): balance, statement, CSV export, and the
Ehrenamtsnachweis PDF over a chosen period.

Every handler works on the caller's own account only (resolved from the session); no id
comes from the browser except a page number."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import reflex as rx

from dasnez_app import routes
from dasnez_app.components import public_page
from dasnez_app.state import PublicSession
from dasnez_core.config import load_settings
from dasnez_core.errors import DomainError
from dasnez_core.formatting import local_today
from dasnez_core.printing.certificate import certificate_pdf
from dasnez_core.services import timebank
from dasnez_ui import forms
from dasnez_ui.lang import t
from dasnez_ui.outcome import Form, Lines
from dasnez_ui.page_load import PageLoad

_CERT = Lines(
    "cert_error", "cert_success", Form({"start": "cert_start", "end": "cert_end"}, "cert_fields")
)
_CSV = Lines("csv_error", "csv_success")


@dataclass
class EntryItem:
    """One statement line as shown (kind is its catalog word)."""

    id: int
    booked_on: str
    title: str
    kind: str
    hours: str
    reason: str


class TimeAccountState(PageLoad, PublicSession):
    loaded: bool = False
    allowed: bool = False
    notice: str = ""
    mode: str = ""
    balance: str = ""
    balance_negative: bool = False
    donated_total: str = ""
    donated_this_year: str = ""
    card_progress: int = 0
    overdraft_hours: int = 0
    rows: list[EntryItem] = []
    page: int = 1
    has_next: bool = False
    period_start: str = ""
    period_end: str = ""
    cert_error: str = ""
    cert_success: str = ""
    cert_fields: dict[str, str] = {}
    csv_error: str = ""
    csv_success: str = ""

    @rx.event
    def load(self) -> rx.event.EventSpec | None:
        return self._load_page()

    def _build(self) -> rx.event.EventSpec | None:
        self.loaded = self.allowed = False
        self.notice = self.cert_error = self.cert_success = self.csv_error = self.csv_success = ""
        self.cert_fields = {}
        self.rows, self.page, self.has_next = [], 1, False
        today = local_today()
        self.period_start = date(today.year, 1, 1).isoformat()
        self.period_end = today.isoformat()
        actor = self._refresh_session()
        if actor.is_anonymous:
            return rx.redirect(routes.login_href(routes.TIME_ACCOUNT, ""))
        self._show_page(1)
        self.loaded = True
        return None

    def _show_page(self, page: int) -> None:
        actor = self._actor()
        lang = self.lang
        attempt = self._run(
            lambda db: timebank.account(db, actor, actor.kommune_id or 0, page, lang),
            lines=Lines("notice"),
        )
        if not attempt.ok or attempt.value is None:
            self.allowed = False
            return
        view = attempt.value
        self.allowed = True
        self.mode = view.mode
        self.balance = view.balance
        self.balance_negative = view.balance_negative
        self.donated_total = view.donated_total
        self.donated_this_year = view.donated_this_year
        self.card_progress = view.card_progress
        self.overdraft_hours = view.overdraft_hours
        self.rows = [
            EntryItem(
                r.id,
                r.booked_on,
                r.title,
                self._t(f"timebank.kind.{r.kind}"),
                r.hours,
                r.reason,
            )
            for r in view.rows
        ]
        self.page, self.has_next = view.page, view.has_next

    @rx.event
    def show_page(self, page: int | str) -> None:
        """Another page of the caller's own statement."""
        self._ensure_built()
        raw = str(page)[:6]
        self._show_page(int(raw) if raw.isdigit() else 1)

    @rx.event
    def download_csv(self) -> rx.event.EventSpec | None:
        self._ensure_built()
        actor = self._actor()
        lang = self.lang
        self.csv_error = self.csv_success = ""
        export = self._run(
            lambda db: timebank.statement_csv(db, actor, actor.kommune_id or 0, lang),
            "timebank.csv_ready",
            lines=_CSV,
        )
        if not export.ok or export.value is None:
            return None
        return rx.download(
            data=export.value,
            filename=f"zeitkonto-{local_today().isoformat()}.csv",
            mime_type="text/csv",
        )

    @rx.event
    def download_certificate(self, form: dict[str, str]) -> rx.event.EventSpec | None:
        self._ensure_built()
        actor = self._actor()
        lang = self.lang
        self.cert_error = self.cert_success = ""
        self.cert_fields = {}
        start, end = str(form.get("cert_start", ""))[:20], str(form.get("cert_end", ""))[:20]
        made = self._run(
            lambda db: timebank.certificate(db, actor, actor.kommune_id or 0, start, end, lang),
            lines=_CERT,
        )
        if not made.ok or made.value is None:
            return self._focus_first_error("cert_fields")
        cert = made.value
        self.period_start, self.period_end = start, end
        try:
            pdf = certificate_pdf(cert, lang, load_settings().upload_dir)
        except DomainError as exc:  # pragma: no cover - the PDF raises no domain error
            self.cert_error = self._t(exc.key)
            return None
        self.cert_success = self._t("timebank.certificate_ready", total=cert.total)
        return rx.download(
            data=pdf,
            filename=f"ehrenamtsnachweis-{start}-{end}.pdf",
            mime_type="application/pdf",
        )


def _figure(label: str, value: rx.Var, test_id: str) -> rx.Component:
    return rx.el.div(
        rx.el.dt(t(label), style={"font_weight": "600"}),
        rx.el.dd(
            t("timebank.hours_unit").replace("{hours}", value),
            style={"margin": "0", "font_size": "1.4rem"},
            data_testid=test_id,
        ),
    )


def _summary() -> rx.Component:
    s = TimeAccountState
    return rx.vstack(
        rx.cond(
            s.mode == "timebank",
            rx.text(t("timebank.intro_timebank").replace("{limit}", s.overdraft_hours.to_string())),
            rx.text(t("timebank.intro_donations")),
        ),
        rx.el.dl(
            rx.cond(s.mode == "timebank", _figure("timebank.balance", s.balance, "tb-balance")),
            _figure("timebank.donated_total", s.donated_total, "tb-donated"),
            _figure("timebank.donated_year", s.donated_this_year, "tb-year"),
            style={"display": "grid", "gap": "0.75rem", "margin": "0"},
        ),
        rx.el.label(
            t("timebank.card_progress")
            .replace("{hours}", s.donated_this_year)
            .replace("{percent}", s.card_progress.to_string()),
            html_for="card-progress",
            style={"font_weight": "600"},
        ),
        rx.el.progress(id="card-progress", value=s.card_progress, max=100, style={"width": "100%"}),
        rx.text(t("timebank.card_hint"), size="2", color_scheme="gray"),
        spacing="3",
        width="100%",
    )


def _cell(*children: rx.Component | rx.Var, nowrap: bool = False) -> rx.Component:
    style = {"padding": "0.4rem", "vertical_align": "top"}
    if nowrap:
        style["white_space"] = "nowrap"
    return rx.el.td(*children, style=style)


def _head(key: str) -> rx.Component:
    return rx.el.th(t(key), scope="col", style={"text_align": "left", "padding": "0.4rem"})


def _statement() -> rx.Component:
    s = TimeAccountState
    return rx.el.section(
        rx.heading(t("timebank.statement"), size="5", as_="h2", id="statement-heading"),
        rx.cond(
            s.rows.length() > 0,
            rx.box(
                rx.el.table(
                    rx.el.thead(
                        rx.el.tr(
                            _head("timebank.col_date"),
                            _head("timebank.col_title"),
                            _head("timebank.col_kind"),
                            _head("timebank.col_hours"),
                        )
                    ),
                    rx.el.tbody(
                        rx.foreach(
                            s.rows,
                            lambda r: rx.el.tr(
                                _cell(r.booked_on),
                                _cell(
                                    r.title,
                                    rx.cond(
                                        r.reason != "",
                                        rx.el.div(
                                            t("timebank.col_reason"),
                                            ": ",
                                            r.reason,
                                            style={"font_size": "0.875rem"},
                                        ),
                                    ),
                                ),
                                _cell(r.kind),
                                _cell(r.hours, nowrap=True),
                                style={"border_bottom": "1px solid var(--gray-5)"},
                            ),
                        )
                    ),
                    aria_labelledby="statement-heading",
                    style={"width": "100%", "border_collapse": "collapse"},
                ),
                overflow_x="auto",
                width="100%",
            ),
            rx.text(t("timebank.statement_empty")),
        ),
        rx.hstack(
            rx.cond(
                s.page > 1,
                rx.button(t("timebank.newer"), on_click=s.show_page(s.page - 1), variant="soft"),
            ),
            rx.cond(
                s.has_next,
                rx.button(t("timebank.older"), on_click=s.show_page(s.page + 1), variant="soft"),
            ),
        ),
        forms.error_line(s.csv_error),
        forms.success_line(s.csv_success),
        rx.button(
            rx.icon("download", aria_hidden="true"),
            t("timebank.export_csv"),
            on_click=s.download_csv,
            size="3",
            variant="soft",
        ),
        style={"display": "flex", "flex_direction": "column", "gap": "0.75rem", "width": "100%"},
    )


def _certificate() -> rx.Component:
    s = TimeAccountState
    return rx.el.section(
        rx.heading(t("timebank.certificate"), size="5", as_="h2"),
        rx.text(t("timebank.certificate_intro")),
        rx.form(
            forms.error_summary(s.cert_error, s.cert_fields),
            forms.field(
                t("timebank.period_start"),
                "cert_start",
                type_="date",
                value=s.period_start,
                error=s.cert_fields["cert_start"],
            ),
            forms.field(
                t("timebank.period_end"),
                "cert_end",
                type_="date",
                value=s.period_end,
                error=s.cert_fields["cert_end"],
            ),
            forms.success_line(s.cert_success),
            forms.submit(t("timebank.certificate_download")),
            on_submit=s.download_certificate,
            no_validate=True,
            reset_on_submit=False,
            key=s.period_start,
            width="100%",
        ),
        style={"display": "flex", "flex_direction": "column", "gap": "0.75rem", "width": "100%"},
    )


def time_account_page() -> rx.Component:
    s = TimeAccountState
    return public_page(
        rx.cond(
            s.loaded,
            rx.vstack(
                rx.heading(t("timebank.title"), size="7", as_="h1"),
                rx.cond(
                    s.allowed,
                    rx.vstack(_summary(), _statement(), _certificate(), spacing="6", width="100%"),
                    rx.callout(s.notice, icon="info", role="status"),
                ),
                width="100%",
                max_width="720px",
                spacing="4",
            ),
            rx.text(t("common.loading")),
        )
    )
