"""A Kommune admin's own profile (/mein-profil): which mails about waiting work they get
(the daily digest, the reminder after three days). Only ever the caller's own settings."""

from __future__ import annotations

import reflex as rx

from admin_portal import routes
from admin_portal.components import admin_page
from admin_portal.state import AdminSession
from dasnez_core.services.digests import DigestSettings, get_digest_settings, save_digest_settings
from dasnez_ui import forms
from dasnez_ui.lang import t
from dasnez_ui.page_load import PageLoad

_TICKED: tuple[object, ...] = (True, "on", "true")


class MyProfileState(PageLoad, AdminSession):
    loaded: bool = False
    daily_digest: bool = True
    overdue_reminder: bool = True
    # A new key re-renders the form with the stored values.
    form_key: int = 0
    error: str = ""
    success: str = ""

    def _show(self, settings: DigestSettings | None) -> None:
        self.loaded = settings is not None
        if settings is not None:
            self.daily_digest = settings.daily_digest
            self.overdue_reminder = settings.overdue_reminder
            self.form_key += 1

    @rx.event
    def load(self) -> rx.event.EventSpec | None:
        return self._load_page()

    def _build(self) -> rx.event.EventSpec | None:
        self.loaded, self.error, self.success = False, "", ""
        actor = self._actor()
        if not self.logged_in:
            return rx.redirect(routes.HOME)
        self._load_kommune_name(actor)
        self._show(self._run(lambda db: get_digest_settings(db, actor)).value)
        return None

    @rx.event
    def save(self, form: dict[str, object]) -> None:
        actor = self._actor()
        # Reflex sends a ticked box as true (a plain form post as "on"), an unticked one
        # as false or not at all.
        daily = form.get("daily_digest") in _TICKED
        reminder = form.get("overdue_reminder") in _TICKED
        saved = self._run(
            lambda db: save_digest_settings(
                db, actor, daily_digest=daily, overdue_reminder=reminder
            ),
            "ops.profile.saved",
        )
        self._show(saved.value)


def my_profile_page() -> rx.Component:
    form = rx.form(
        rx.el.fieldset(
            rx.el.legend(
                t("ops.profile.mails"), style={"font_weight": "700", "margin_bottom": "0.5rem"}
            ),
            rx.text(t("ops.profile.intro"), margin_bottom="1rem"),
            forms.checkbox(
                t("ops.profile.daily_digest"), "daily_digest", MyProfileState.daily_digest
            ),
            forms.checkbox(
                t("ops.profile.overdue_reminder"),
                "overdue_reminder",
                MyProfileState.overdue_reminder,
            ),
            style={"border": "none", "padding": "0", "margin": "0"},
        ),
        forms.submit(t("ops.profile.save")),
        on_submit=MyProfileState.save,
        key="digest-" + MyProfileState.form_key.to_string(),
        width="100%",
        max_width="640px",
    )
    return admin_page(
        rx.vstack(
            rx.heading(t("ops.profile.title"), size="7", as_="h1"),
            rx.text(MyProfileState.user_name, weight="bold"),
            forms.error_line(MyProfileState.error),
            forms.success_line(MyProfileState.success),
            rx.cond(MyProfileState.loaded, form),
            width="100%",
            spacing="4",
        )
    )
