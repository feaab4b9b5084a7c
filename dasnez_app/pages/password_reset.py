"""Forgotten password: ask for a link (/passwort-vergessen), set a new one (/passwort-neu)."""

from __future__ import annotations

import reflex as rx

from dasnez_app import routes
from dasnez_app.components import public_page
from dasnez_app.state import PublicSession
from dasnez_core.passwords import MAX_LENGTH
from dasnez_core.services import account
from dasnez_ui import forms
from dasnez_ui.db_thread import on_pool
from dasnez_ui.lang import t
from dasnez_ui.layout import link_button
from dasnez_ui.outcome import Form, Lines, form_fields
from dasnez_ui.page_load import PageLoad


class ForgotPasswordState(PublicSession):
    loaded: bool = False
    error: str = ""
    field_errors: dict[str, str] = {}
    sent: bool = False

    @rx.event
    def load(self) -> None:
        self._refresh_session()
        self.error, self.field_errors, self.sent, self.loaded = "", {}, False, True

    @rx.event
    def submit(self, form: dict[str, str]) -> rx.event.EventSpec | None:
        self._actor()
        email, client = str(form.get("email", ""))[:300], self._client()
        if self._run(
            lambda db: account.request_password_reset(db, email=email, client=client),
            lines=Lines("error", form=form_fields("email")),
        ).ok:
            # The same answer whether or not the account exists.
            self.sent = True
        return self._focus_first_error()


class ResetPasswordState(PageLoad, PublicSession):
    """The link's token is read from the route of each event, never kept (a load that
    failed cannot leave an earlier link's token for the form)."""

    loaded: bool = False
    link_error: str = ""
    error: str = ""
    field_errors: dict[str, str] = {}
    done: bool = False

    def _token(self) -> str:
        return str(self.router.url.query_parameters.get("token", ""))[:300]

    @rx.event
    def load(self) -> rx.event.EventSpec | None:
        return self._load_page()

    def _build(self) -> None:
        self.error, self.link_error, self.done, self.field_errors = "", "", False, {}
        self.loaded = False
        self._refresh_session()
        token = self._token()
        self._run(lambda db: account.check_reset_token(db, token), lines=Lines("link_error"))
        self.loaded = True

    @rx.event
    async def submit(self, form: dict[str, str]) -> rx.event.EventSpec | None:
        await on_pool(self._ensure_built)
        await on_pool(self._actor)
        token, new_password = self._token(), str(form.get("new_password", ""))[:300]
        reset = await self._run_off_loop(
            lambda db: account.reset_password(db, token=token, new_password=new_password),
            lines=Lines("error", form=Form({"password": "new_password"})),
        )
        if not reset.ok:
            if reset.key.startswith("account.token_"):
                self.link_error = self.error
            return self._focus_first_error()
        # Every session of the person has ended, this browser's too: the header shows it
        # now, not at the next click. A tab that was logged in forgets the person's page
        # states (forget_loaded), this one's included, so "done" is set afterwards.
        await on_pool(self._refresh_session)
        self.loaded = self.done = True
        return None


def _forgot_form() -> rx.Component:
    return rx.cond(
        ForgotPasswordState.loaded,
        rx.form(
            rx.text(t("forgot.intro")),
            forms.error_summary(ForgotPasswordState.error, ForgotPasswordState.field_errors),
            forms.field(
                t("login.email"),
                "email",
                type_="email",
                autocomplete="email",
                max_length=254,
                error=ForgotPasswordState.field_errors["email"],
            ),
            forms.submit(t("forgot.submit")),
            no_validate=True,
            on_submit=ForgotPasswordState.submit,
            width="100%",
        ),
        rx.text(t("common.loading")),
    )


def forgot_password_page() -> rx.Component:
    return public_page(
        rx.vstack(
            rx.heading(t("forgot.title"), size="7", as_="h1"),
            rx.cond(
                ForgotPasswordState.sent,
                rx.vstack(
                    forms.success_line(t("forgot.sent")),
                    link_button(t("nav.login"), routes.LOGIN, size="4"),
                ),
                _forgot_form(),
            ),
            spacing="4",
            width="100%",
            max_width="480px",
        )
    )


def _new_password_form() -> rx.Component:
    return rx.form(
        forms.error_summary(ResetPasswordState.error, ResetPasswordState.field_errors),
        forms.field(
            t("account.new_password"),
            "new_password",
            type_="password",
            autocomplete="new-password",
            hint=t("register.password_hint"),
            max_length=MAX_LENGTH,
            error=ResetPasswordState.field_errors["new_password"],
        ),
        forms.submit(t("reset.submit")),
        no_validate=True,
        on_submit=ResetPasswordState.submit,
        width="100%",
    )


def reset_password_page() -> rx.Component:
    return public_page(
        rx.vstack(
            rx.heading(t("reset.title"), size="7", as_="h1"),
            rx.cond(
                ResetPasswordState.loaded,
                rx.cond(
                    ResetPasswordState.done,
                    rx.vstack(
                        forms.success_line(t("reset.done")),
                        link_button(t("nav.login"), routes.LOGIN, size="4"),
                    ),
                    rx.cond(
                        ResetPasswordState.link_error != "",
                        rx.vstack(
                            forms.error_line(ResetPasswordState.link_error),
                            link_button(t("reset.request_new"), routes.FORGOT_PASSWORD, size="4"),
                        ),
                        _new_password_form(),
                    ),
                ),
                rx.text(t("common.loading")),
            ),
            spacing="4",
            width="100%",
            max_width="480px",
        )
    )
