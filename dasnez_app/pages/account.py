"""The person's own account (/konto): profile, email address, password, the Taschengeldbörse
for minors (parent's consent, school), saved searches, data, deletion."""

from __future__ import annotations

from datetime import date

import reflex as rx

from dasnez_app import routes
from dasnez_app.components import public_page
from dasnez_app.pages.saved_searches import saved_searches_list
from dasnez_app.state import PublicSession
from dasnez_core.actor import Actor
from dasnez_core.db import session_scope
from dasnez_core.errors import DomainError
from dasnez_core.formatting import format_date
from dasnez_core.models import ProfileVisibility
from dasnez_core.passwords import MAX_LENGTH
from dasnez_core.services import account, auth, kommunen, youth_account
from dasnez_core.services.account import INTRODUCTION_MAX, ProfileUpdate
from dasnez_core.services.auth import NAME_MAX
from dasnez_core.services.kommunen import Option
from dasnez_core.services.parental_consent import RELATIONS
from dasnez_core.services.youth_account import YouthAccount
from dasnez_ui import forms
from dasnez_ui.db_thread import on_pool
from dasnez_ui.lang import t
from dasnez_ui.layout import link_button
from dasnez_ui.outcome import Form, Lines
from dasnez_ui.page_load import PageLoad
from dasnez_ui.params import parse_id
from dasnez_ui.session import session_ref

# Each form of the page has its own lines and field errors (its controls have own ids).
_PROFILE = Lines(
    "profile_error",
    "profile_success",
    Form(
        {"display_name": "display_name", "area_id": "area_id", "introduction": "introduction"},
        "profile_fields",
    ),
)
_EMAIL = Lines(
    "email_error",
    "email_success",
    Form(
        {"email": "new_email", "new_email": "new_email", "email_password": "email_password"},
        "email_fields",
    ),
)
_PASSWORD = Lines(
    "password_error",
    "password_success",
    Form({"current_password": "current_password", "password": "new_password"}, "password_fields"),
)
_PARENT = Lines(
    "parent_error",
    "parent_success",
    Form({"parent_email": "youth_parent_email"}, "parent_fields"),
)
_SCHOOL = Lines("school_error", "school_success")
_DELETE = Lines(
    "delete_error",
    form=Form({"delete_password": "delete_password", "confirm": "confirm_delete"}, "delete_fields"),
)


class AccountState(PageLoad, PublicSession):
    loaded: bool = False
    deleted: bool = False
    # Changes whenever the stored values are (re)loaded, so the uncontrolled inputs show them.
    form_key: int = 0
    kommune_name: str = ""
    email: str = ""
    display_name: str = ""
    area_id: str = ""
    space_ids: list[str] = []
    introduction: str = ""
    share_email: bool = False
    profile_visibility: str = ProfileVisibility.MEMBERS.value
    can_delete: bool = False
    areas: list[Option] = []
    spaces: list[Option] = []
    profile_error: str = ""
    profile_success: str = ""
    email_error: str = ""
    email_success: str = ""
    password_error: str = ""
    password_success: str = ""
    export_error: str = ""
    delete_error: str = ""
    # The Taschengeldbörse part, for minors only: where the parent's consent stands.
    youth_minor: bool = False
    youth_may_request: bool = False
    youth_state: str = ""
    youth_in_school: bool = True
    parent_error: str = ""
    parent_success: str = ""
    parent_fields: dict[str, str] = {}
    school_error: str = ""
    school_success: str = ""
    profile_fields: dict[str, str] = {}
    email_fields: dict[str, str] = {}
    password_fields: dict[str, str] = {}
    delete_fields: dict[str, str] = {}

    def _clear_messages(self) -> None:
        self.profile_error = self.profile_success = ""
        self.email_error = self.email_success = ""
        self.password_error = self.password_success = ""
        self.export_error = self.delete_error = ""
        self.parent_error = self.parent_success = ""
        self.school_error = self.school_success = ""
        self.profile_fields, self.email_fields = {}, {}
        self.password_fields, self.delete_fields = {}, {}
        self.parent_fields = {}

    def _reload(self, actor: Actor) -> None:
        kommune_id = actor.kommune_id or 0
        with session_scope() as db:
            profile = account.get_profile(db, actor, kommune_id)
            self.areas = kommunen.area_options(db, kommune_id)
            self.spaces = kommunen.social_space_options(db, kommune_id)
            youth = youth_account.youth_account(db, actor, kommune_id)
        self.kommune_name = profile.kommune_name
        self.email = profile.email
        self.display_name = profile.display_name
        self.area_id = profile.area_id
        self.space_ids = list(profile.social_space_ids)
        self.introduction = profile.introduction
        self.share_email = profile.share_email
        self.profile_visibility = profile.profile_visibility
        self.can_delete = profile.can_delete
        self._show_youth(youth)
        self.form_key += 1

    def _show_youth(self, youth: YouthAccount) -> None:
        self.youth_minor, self.youth_may_request = youth.minor, youth.may_request
        self.youth_in_school = youth.in_school
        if not youth.state:
            self.youth_state = ""
            return
        relation = youth.relation if youth.relation in RELATIONS else "parent"
        self.youth_state = self._t(
            f"youth.account_state.{youth.state}",
            date=format_date(youth.since, self.lang),
            email=youth.parent_email,
            name=youth.parent_name,
            relation=self._t(f"youth.relation.{relation}"),
        )

    @rx.event
    def load(self) -> rx.event.EventSpec | None:
        return self._load_page()

    def _build(self) -> rx.event.EventSpec | None:
        self._clear_messages()
        self.deleted = self.loaded = False
        actor = self._refresh_session()
        if actor.is_anonymous:
            return rx.redirect(routes.LOGIN)
        try:
            self._reload(actor)
        except DomainError:
            return rx.redirect(routes.LOGIN)
        self.loaded = True
        return None

    @rx.event
    def save_profile(self, form: dict[str, str]) -> rx.event.EventSpec | None:
        self._ensure_built()
        actor = self._actor()
        self._clear_messages()
        change = ProfileUpdate(
            display_name=str(form.get("display_name", ""))[:1000],
            area_id=parse_id(form.get("area_id")),
            social_space_ids=tuple(
                i
                for key in list(form)[:200]
                if str(key).startswith("space_")
                if (i := parse_id(str(key).removeprefix("space_"))) is not None
            ),
            introduction=str(form.get("introduction", ""))[: INTRODUCTION_MAX * 4],
            share_email=bool(form.get("share_email")),
            # Anything but the three choices is refused by the service with a message.
            profile_visibility=str(form.get("profile_visibility", ""))[:20] or None,
        )
        if self._run(
            lambda db: account.update_profile(db, actor, actor.kommune_id or 0, change),
            "account.profile_saved",
            lines=_PROFILE,
        ).ok:
            self._reload(self._actor())
            return None
        return self._focus_first_error("profile_fields")

    @rx.event
    async def change_email(
        self, form: dict[str, str]
    ) -> list[rx.event.EventSpec] | rx.event.EventSpec | None:
        await on_pool(self._ensure_built)
        actor = await on_pool(self._actor)
        client = self._client()
        self._clear_messages()
        sent = await self._run_off_loop(
            lambda db: account.request_email_change(
                db,
                actor,
                actor.kommune_id or 0,
                new_email=str(form.get("new_email", ""))[:300],
                current_password=str(form.get("email_password", ""))[:300],
                client=client,
            ),
            lines=_EMAIL,
        )
        if not sent.ok:
            return self._focus_first_error("email_fields")
        self.email_success = self._t("account.email_sent", email=sent.value)
        return [rx.set_value("new_email", ""), rx.set_value("email_password", "")]

    @rx.event
    async def change_password(
        self, form: dict[str, str]
    ) -> list[rx.event.EventSpec] | rx.event.EventSpec | None:
        await on_pool(self._ensure_built)
        actor = await on_pool(self._actor)
        keep_session = session_ref(self, auth.PUBLIC_APP)
        self._clear_messages()
        if not (
            await self._run_off_loop(
                lambda db: account.change_password(
                    db,
                    actor,
                    actor.kommune_id or 0,
                    current_password=str(form.get("current_password", ""))[:300],
                    new_password=str(form.get("new_password", ""))[:300],
                    keep_session=keep_session,
                ),
                "account.password_changed",
                lines=_PASSWORD,
            )
        ).ok:
            return self._focus_first_error("password_fields")
        return [rx.set_value("current_password", ""), rx.set_value("new_password", "")]

    @rx.event
    def request_parent_consent(
        self, form: dict[str, str]
    ) -> list[rx.event.EventSpec] | rx.event.EventSpec | None:
        """A 16- or 17-year-old asks a parent's consent for the Taschengeldbörse."""
        self._ensure_built()
        actor = self._actor()
        self._clear_messages()
        sent = self._run(
            lambda db: youth_account.request_parent_consent(
                db,
                actor,
                actor.kommune_id or 0,
                parent_email=str(form.get("youth_parent_email", ""))[:300],
            ),
            lines=_PARENT,
        )
        if not sent.ok:
            return self._focus_first_error("parent_fields")
        # Only this part is read again: the other forms keep what the person typed.
        with session_scope() as db:
            self._show_youth(youth_account.youth_account(db, actor, actor.kommune_id or 0))
        self.parent_success = self._t("youth.account_request_sent", email=sent.value)
        return rx.set_value("youth_parent_email", "")

    @rx.event
    def save_school(self, form: dict[str, str]) -> None:
        """A minor says whether they still go to school full-time (JArbSchG § 2 (3))."""
        self._ensure_built()
        actor = self._actor()
        self._clear_messages()
        in_school = not form.get("out_of_school")
        if self._run(
            lambda db: youth_account.set_in_school(
                db, actor, actor.kommune_id or 0, in_school=in_school
            ),
            "youth.account_school_saved",
            lines=_SCHOOL,
        ).ok:
            self.youth_in_school = in_school

    @rx.event
    def download_data(self) -> rx.event.EventSpec | None:
        self._ensure_built()
        actor = self._actor()
        self._clear_messages()
        export = self._run(
            lambda db: account.export_own_data(db, actor, actor.kommune_id or 0),
            lines=Lines("export_error"),
        )
        if not export.ok:
            return None
        return rx.download(
            data=export.value,
            filename=f"dasnez-meine-daten-{date.today().isoformat()}.json",
            mime_type="application/json",
        )

    @rx.event
    async def delete_account(self, form: dict[str, str]) -> rx.event.EventSpec | None:
        await on_pool(self._ensure_built)
        actor = await on_pool(self._actor)
        self._clear_messages()
        if not (
            await self._run_off_loop(
                lambda db: account.delete_account(
                    db,
                    actor,
                    actor.kommune_id or 0,
                    password=str(form.get("delete_password", ""))[:300],
                    confirmed=bool(form.get("confirm_delete")),
                ),
                lines=_DELETE,
            )
        ).ok:
            return self._focus_first_error("delete_fields")
        self.user_name = self.user_status = self.user_kommune_slug = ""
        self.email = self.display_name = self.introduction = ""
        self.deleted, self.loaded = True, False
        return None


def _section(heading_key: str, anchor: str, *children: rx.Component) -> rx.Component:
    """A titled part of the page; the heading names it for screen readers (a region)."""
    return rx.el.section(
        rx.heading(t(heading_key), size="5", as_="h2", id=anchor),
        *children,
        aria_labelledby=anchor,
        style={
            "width": "100%",
            "padding": "1rem",
            "border": "1px solid var(--gray-6)",
            "border_radius": "12px",
            "display": "flex",
            "flex_direction": "column",
            "gap": "0.75rem",
        },
    )


_profile = AccountState.profile_fields


def _introduction_field() -> rx.Component:
    return rx.el.div(
        rx.el.label(
            t("account.introduction"),
            html_for="introduction",
            style={"font_weight": "600", "display": "block"},
        ),
        rx.el.textarea(
            id="introduction",
            name="introduction",
            rows=5,
            max_length=INTRODUCTION_MAX,
            default_value=AccountState.introduction,
            style=forms.FIELD_STYLE,
            **forms.invalid_props("introduction", _profile["introduction"]),
        ),
        forms.field_error("introduction", _profile["introduction"]),
        style={"margin_bottom": "1rem"},
    )


def _visibility_choice(value: str) -> rx.Component:
    option_id = f"profile_visibility_{value}"
    return rx.el.div(
        rx.el.input(
            type="radio",
            id=option_id,
            name="profile_visibility",
            value=value,
            default_checked=AccountState.profile_visibility == value,
            style={"width": "28px", "height": "28px", "flex_shrink": "0"},
        ),
        rx.el.label(t(f"account.visibility.{value}"), html_for=option_id),
        style={"display": "flex", "gap": "0.75rem", "align_items": "center"},
    )


def _visibility_field() -> rx.Component:
    """Who sees the public profile: radio buttons, as large as the checkboxes."""
    return rx.el.fieldset(
        rx.el.legend(t("account.visibility"), style={"font_weight": "600"}),
        rx.text(t("account.visibility_hint"), size="2", color_scheme="gray", id="visibility-hint"),
        *[_visibility_choice(v.value) for v in ProfileVisibility],
        aria_describedby="visibility-hint",
        style={
            "border": "none",
            "padding": "0",
            "margin_bottom": "1rem",
            "display": "flex",
            "flex_direction": "column",
            "gap": "0.5rem",
        },
    )


def _profile_form() -> rx.Component:
    return rx.form(
        forms.error_summary(AccountState.profile_error, AccountState.profile_fields),
        forms.success_line(AccountState.profile_success),
        forms.field(
            t("account.display_name"),
            "display_name",
            autocomplete="name",
            max_length=NAME_MAX,
            value=AccountState.display_name,
            error=_profile["display_name"],
        ),
        forms.select(
            t("account.area"),
            "area_id",
            AccountState.areas,
            t("common.choose"),
            value=AccountState.area_id,
            error=_profile["area_id"],
        ),
        rx.cond(
            AccountState.spaces.length() > 0,
            rx.el.fieldset(
                rx.el.legend(t("account.social_spaces"), style={"font_weight": "600"}),
                rx.foreach(
                    AccountState.spaces,
                    lambda s: forms.checkbox(
                        rx.text(s.label),
                        "space_" + s.value,
                        checked=AccountState.space_ids.contains(s.value),
                    ),
                ),
                style={"border": "none", "padding": "0", "margin_bottom": "0.5rem"},
            ),
        ),
        _introduction_field(),
        forms.checkbox(t("account.share_email"), "share_email", checked=AccountState.share_email),
        _visibility_field(),
        forms.submit(t("account.profile_save")),
        key=AccountState.form_key,
        no_validate=True,
        on_submit=AccountState.save_profile,
        width="100%",
    )


def _email_form() -> rx.Component:
    return rx.form(
        rx.text(
            t("account.email_current"),
            " ",
            rx.text.strong(AccountState.email),
            margin_bottom="1rem",
        ),
        forms.error_summary(AccountState.email_error, AccountState.email_fields),
        forms.success_line(AccountState.email_success),
        forms.field(
            t("account.new_email"),
            "new_email",
            type_="email",
            autocomplete="email",
            max_length=254,
            error=AccountState.email_fields["new_email"],
        ),
        forms.field(
            t("account.current_password"),
            "email_password",
            type_="password",
            autocomplete="current-password",
            max_length=MAX_LENGTH,
            error=AccountState.email_fields["email_password"],
        ),
        forms.submit(t("account.email_submit")),
        no_validate=True,
        on_submit=AccountState.change_email,
        width="100%",
    )


def _password_form() -> rx.Component:
    return rx.form(
        forms.error_summary(AccountState.password_error, AccountState.password_fields),
        forms.success_line(AccountState.password_success),
        forms.field(
            t("account.current_password"),
            "current_password",
            type_="password",
            autocomplete="current-password",
            max_length=MAX_LENGTH,
            error=AccountState.password_fields["current_password"],
        ),
        forms.field(
            t("account.new_password"),
            "new_password",
            type_="password",
            autocomplete="new-password",
            hint=t("register.password_hint"),
            max_length=MAX_LENGTH,
            error=AccountState.password_fields["new_password"],
        ),
        forms.submit(t("account.password_submit")),
        no_validate=True,
        on_submit=AccountState.change_password,
        width="100%",
    )


def _parent_form() -> rx.Component:
    return rx.form(
        rx.heading(t("youth.account_request_title"), size="4", as_="h3"),
        rx.text(t("youth.account_request_text")),
        forms.error_summary(AccountState.parent_error, AccountState.parent_fields),
        forms.field(
            t("youth.account_parent_email"),
            "youth_parent_email",
            type_="email",
            max_length=254,
            error=AccountState.parent_fields["youth_parent_email"],
        ),
        forms.submit(t("youth.account_request_submit")),
        no_validate=True,
        on_submit=AccountState.request_parent_consent,
        width="100%",
    )


def _school_form() -> rx.Component:
    return rx.form(
        rx.heading(t("youth.account_school_title"), size="4", as_="h3"),
        rx.text(t("youth.account_school_hint"), size="2", color_scheme="gray"),
        forms.error_line(AccountState.school_error),
        forms.success_line(AccountState.school_success),
        forms.checkbox(
            t("youth.out_of_school"), "out_of_school", checked=~AccountState.youth_in_school
        ),
        forms.submit(t("youth.account_school_save")),
        key=AccountState.form_key,
        no_validate=True,
        on_submit=AccountState.save_school,
        width="100%",
    )


def _youth_section() -> rx.Component:
    """For minors: where their parent's consent stands, asking for it, and school."""
    return _section(
        "youth.account_heading",
        "konto-taschengeld",
        rx.heading(t("youth.account_state_title"), size="4", as_="h3"),
        forms.success_line(AccountState.parent_success),
        rx.text(AccountState.youth_state),
        rx.cond(AccountState.youth_may_request, _parent_form()),
        _school_form(),
    )


def _delete_form() -> rx.Component:
    return rx.cond(
        AccountState.can_delete,
        rx.form(
            rx.text(t("account.delete_text"), margin_bottom="1rem"),
            forms.error_summary(AccountState.delete_error, AccountState.delete_fields),
            forms.field(
                t("account.delete_password"),
                "delete_password",
                type_="password",
                autocomplete="current-password",
                max_length=MAX_LENGTH,
                error=AccountState.delete_fields["delete_password"],
            ),
            forms.checkbox(
                t("account.delete_confirm"),
                "confirm_delete",
                error=AccountState.delete_fields["confirm_delete"],
            ),
            rx.button(
                t("account.delete_submit"),
                type="submit",
                size="4",
                color_scheme="red",
                style={"width": "100%"},
            ),
            no_validate=True,
            on_submit=AccountState.delete_account,
            width="100%",
        ),
        rx.callout(t("account.delete_admin"), icon="info", role="status"),
    )


def _body() -> rx.Component:
    return rx.vstack(
        rx.heading(t("account.title"), size="7", as_="h1"),
        rx.text(t("account.in_kommune"), " ", AccountState.kommune_name, color_scheme="gray"),
        rx.cond(
            PublicSession.user_status == "pending",
            rx.callout(t("status.pending_banner"), icon="info", role="status"),
        ),
        rx.hstack(
            link_button(t("account.my_listings"), routes.MY_LISTINGS, size="3", variant="soft"),
            link_button(t("account.messages"), routes.MESSAGES, size="3", variant="soft"),
            wrap="wrap",
        ),
        _section("account.profile_heading", "konto-profil", _profile_form()),
        _section(
            "account.email_heading",
            "konto-email",
            rx.cond(
                PublicSession.user_status == "pending",
                rx.text(t("account.email_change_pending")),
                _email_form(),
            ),
        ),
        _section("account.password_heading", "konto-passwort", _password_form()),
        rx.cond(AccountState.youth_minor, _youth_section()),
        rx.cond(
            PublicSession.user_status == "approved",
            _section("saved.heading", "konto-suchen", saved_searches_list()),
        ),
        _section(
            "account.export_heading",
            "konto-daten",
            rx.text(t("account.export_text")),
            forms.error_line(AccountState.export_error),
            rx.button(
                t("account.export_button"),
                on_click=AccountState.download_data,
                size="4",
                variant="outline",
                style={"width": "100%"},
            ),
        ),
        _section("account.delete_heading", "konto-loeschen", _delete_form()),
        spacing="4",
        width="100%",
        max_width="640px",
    )


def _goodbye() -> rx.Component:
    return rx.vstack(
        rx.callout(
            t("account.goodbye_title"), icon="check", color_scheme="green", role="status", size="3"
        ),
        rx.text(t("account.goodbye_text")),
        link_button(t("nav.home"), routes.HOME, size="4"),
        spacing="4",
        max_width="640px",
    )


def account_page() -> rx.Component:
    return public_page(
        rx.cond(
            AccountState.deleted,
            _goodbye(),
            rx.cond(AccountState.loaded, _body(), rx.text(t("common.loading"))),
        )
    )
