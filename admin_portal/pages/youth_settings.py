"""The Kommune's Taschengeldbörse settings (/taschengeldboerse): suggested pocket-money
rate, minimum age, end of lessons, light-work categories (KindArbSchV § 2) and the
information page for adults and parents."""

from __future__ import annotations

import reflex as rx

from admin_portal import routes
from admin_portal.components import admin_page
from admin_portal.state import KommuneAdminState
from dasnez_core.actor import Actor
from dasnez_core.db import session_scope
from dasnez_core.services.kommunen import Option
from dasnez_core.services.youth_settings import (
    INFO_MAX,
    CategoryMark,
    SettingsInput,
    get_settings,
    update_settings,
)
from dasnez_core.youth_rules import LightWork
from dasnez_ui import forms
from dasnez_ui.lang import t
from dasnez_ui.outcome import form_fields
from dasnez_ui.page_load import PageLoad
from dasnez_ui.params import parse_id

_FORM = form_fields("rate_min", "rate_max", "min_age", "school_end", "light_work", "info")
_PREFIX = "light_"


class YouthSettingsState(PageLoad, KommuneAdminState):
    ready: bool = False
    form_key: int = 0
    v_rate_min: str = ""
    v_rate_max: str = ""
    v_min_age: str = ""
    v_school_end: str = ""
    v_info: str = ""
    categories: list[CategoryMark] = []
    kinds: list[Option] = []

    def _reload(self, actor: Actor, kommune_id: int) -> None:
        with session_scope() as db:
            settings = get_settings(db, actor, kommune_id)
        self.v_rate_min, self.v_rate_max = settings.rate_min, settings.rate_max
        self.v_min_age, self.v_school_end = settings.min_age, settings.school_end
        self.v_info, self.categories = settings.info, settings.categories
        self.kinds = [Option(k.value, self._t(f"youth.light.{k.value}")) for k in LightWork]
        self.form_key += 1

    @rx.event
    def load(self) -> rx.event.EventSpec | None:
        return self._load_page()

    def _build(self) -> rx.event.EventSpec | None:
        self.ready = False
        actor = self._actor()
        if not self.logged_in:
            return rx.redirect(routes.HOME)
        kommune_id = self._enter(actor)
        self.ready = kommune_id is not None
        if kommune_id is not None:
            self._reload(actor, kommune_id)
        return None

    @rx.event
    def save(self, form: dict[str, str]) -> rx.event.EventSpec | None:
        actor = self._actor()
        marks: dict[int, str] = {}
        for name, value in list(form.items())[:200]:
            category_id = parse_id(name[len(_PREFIX) :]) if name.startswith(_PREFIX) else None
            if category_id is not None:
                marks[category_id] = str(value)[:40]
        values = SettingsInput(
            rate_min=str(form.get("rate_min", ""))[:20],
            rate_max=str(form.get("rate_max", ""))[:20],
            min_age=str(form.get("min_age", ""))[:5],
            school_end=str(form.get("school_end", ""))[:10],
            info=str(form.get("info", ""))[: INFO_MAX + 100],
            light_work=marks,
        )
        if self._change(
            actor,
            lambda db, kommune_id: update_settings(db, actor, kommune_id, values),
            "youth.settings_saved",
            form=_FORM,
        ):
            self._reload(actor, self._own_kommune(actor))
            return None
        return self._focus_first_error()


S = YouthSettingsState
_errors = S.field_errors


def _category(row: rx.Var[CategoryMark]) -> rx.Component:
    name = _PREFIX + row.id.to_string()
    return rx.el.div(
        rx.el.label(row.name, html_for=name, style={"font_weight": "600", "display": "block"}),
        rx.el.select(
            rx.el.option(t("youth.light.none"), value=""),
            rx.foreach(S.kinds, lambda o: rx.el.option(o.label, value=o.value)),
            id=name,
            name=name,
            default_value=row.light_work,
            style=forms.FIELD_STYLE,
        ),
        style={"margin_bottom": "1rem"},
    )


def _form() -> rx.Component:
    return rx.form(
        forms.error_summary(S.error, S.field_errors),
        forms.field(
            t("youth.rate_min"),
            "rate_min",
            max_length=10,
            input_mode="decimal",
            value=S.v_rate_min,
            error=_errors["rate_min"],
        ),
        forms.field(
            t("youth.rate_max"),
            "rate_max",
            max_length=10,
            input_mode="decimal",
            value=S.v_rate_max,
            error=_errors["rate_max"],
        ),
        forms.field(
            t("youth.min_age_label"),
            "min_age",
            max_length=2,
            input_mode="numeric",
            hint=t("youth.min_age_hint"),
            value=S.v_min_age,
            error=_errors["min_age"],
        ),
        forms.field(
            t("youth.school_end_label"),
            "school_end",
            type_="time",
            value=S.v_school_end,
            error=_errors["school_end"],
        ),
        rx.el.fieldset(
            rx.el.legend(t("youth.light_work_title"), style={"font_weight": "700"}),
            rx.text(t("youth.light_work_hint"), size="2", color_scheme="gray"),
            forms.field_error("light_work", _errors["light_work"]),
            rx.cond(
                S.categories.length() > 0,
                rx.foreach(S.categories, _category),
                rx.text(t("youth.no_categories")),
            ),
            id="light_work",
            style={
                "border": "1px solid var(--gray-6)",
                "border_radius": "12px",
                "padding": "1rem",
                "margin_bottom": "1rem",
            },
        ),
        rx.el.label(t("youth.info_label"), html_for="info", style={"font_weight": "600"}),
        rx.text(t("youth.info_hint"), size="2", color_scheme="gray"),
        rx.el.textarea(
            id="info",
            name="info",
            rows=16,
            max_length=INFO_MAX,
            default_value=S.v_info,
            style=forms.FIELD_STYLE,
            **forms.invalid_props("info", _errors["info"]),
        ),
        forms.field_error("info", _errors["info"]),
        forms.success_line(S.success),
        forms.submit(t("youth.settings_save")),
        no_validate=True,
        on_submit=S.save,
        reset_on_submit=False,
        key=S.form_key.to_string(),
        width="100%",
    )


def youth_settings_page() -> rx.Component:
    return admin_page(
        rx.vstack(
            rx.heading(t("youth.settings_title"), size="7", as_="h1"),
            rx.text(t("admin.kommune"), ": ", S.kommune_name, color_scheme="gray"),
            rx.cond(
                S.ready,
                rx.vstack(
                    rx.text(t("youth.settings_intro")),
                    _form(),
                    width="100%",
                    max_width="720px",
                ),
                forms.error_line(S.error),
            ),
            width="100%",
            spacing="4",
        )
    )
