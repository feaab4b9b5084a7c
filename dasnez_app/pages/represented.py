"""Meine vertretenen Personen (/vertretung): a proxy records the people they represent,
prints each one's consent form, confirms the signature, and sees and acts on their
listings, conversations and agreements; prints their data and deletes them.

Every handler resolves the caller from the session and passes the person's id, as the
browser sent it, to a service that looks it up among the caller's own represented persons.
"""

from __future__ import annotations

from datetime import date

import reflex as rx
from sqlmodel import Session

from dasnez_app import routes
from dasnez_app.components import public_page
from dasnez_app.state import PublicSession
from dasnez_core.actor import Actor
from dasnez_core.config import load_settings
from dasnez_core.db import session_scope
from dasnez_core.errors import NotFound
from dasnez_core.permissions import Action, can
from dasnez_core.printing.represented import consent_pdf, export_pdf
from dasnez_core.services import kommunen, listings, represented
from dasnez_core.services.kommunen import Option
from dasnez_core.services.represented import (
    PersonAgreement,
    PersonConversation,
    PersonInput,
    PersonListing,
    PersonSummary,
)
from dasnez_ui import forms
from dasnez_ui.lang import t
from dasnez_ui.layout import link_button
from dasnez_ui.outcome import MESSAGE_LINES, Lines, form_fields
from dasnez_ui.page_load import PageLoad
from dasnez_ui.params import parse_id

_ADD = Lines(
    "error",
    "success",
    form_fields("name", "area_id", "birth_year", "phone", "postal_address"),
)


def _pdf_name(prefix: str, name: str) -> str:
    safe = "".join(ch if ch.isalnum() else "-" for ch in name.lower()).strip("-")
    return f"{prefix}-{safe or 'person'}-{date.today().isoformat()}.pdf"


class RepresentedState(PageLoad, PublicSession):
    loaded: bool = False
    is_proxy: bool = False
    slug: str = ""
    persons: list[PersonSummary] = []
    areas: list[Option] = []
    spaces: list[Option] = []
    error: str = ""
    success: str = ""
    field_errors: dict[str, str] = {}
    form_key: int = 0
    confirm_delete: int = 0
    today: str = ""

    @rx.event
    def load(self) -> rx.event.EventSpec | None:
        return self._load_page()

    def _build(self) -> rx.event.EventSpec | None:
        self.loaded = self.is_proxy = False
        self.error = self.success = ""
        self.field_errors = {}
        self.persons, self.areas, self.spaces = [], [], []
        self.confirm_delete = 0
        actor = self._refresh_session()
        if actor.is_anonymous:
            return rx.redirect(routes.login_href(routes.REPRESENTED))
        kommune_id = actor.kommune_id or 0
        self.is_proxy = can(actor, Action.PROXY_POST, kommune_id)
        if self.is_proxy:
            with session_scope() as db:
                self.slug = kommunen.get_kommune(db, kommune_id).slug
                self.areas = kommunen.area_options(db, kommune_id)
                self.spaces = kommunen.social_space_options(db, kommune_id)
            self._reload(actor)
        self.today = date.today().isoformat()
        self.loaded = True
        return None

    def _reload(self, actor: Actor) -> None:
        if not can(actor, Action.PROXY_POST, actor.kommune_id):
            self.persons = []
            return
        with session_scope() as db:
            self.persons = represented.my_persons(db, actor, actor.kommune_id or 0, self.lang)

    @rx.event
    def add(self, form: dict[str, str]) -> rx.event.EventSpec | None:
        self._ensure_built()
        actor = self._actor()
        space_ids = tuple(
            i
            for key in form
            if key.startswith("space_")
            if (i := parse_id(key.removeprefix("space_"))) is not None
        )
        data = PersonInput(
            name=str(form.get("name", ""))[:300],
            area_id=parse_id(form.get("area_id")),
            birth_year=str(form.get("birth_year", ""))[:10],
            phone=str(form.get("phone", ""))[:100],
            postal_address=str(form.get("postal_address", ""))[:600],
            social_space_ids=space_ids[:50],
        )
        done = self._run(
            lambda db: represented.record_person(db, actor, actor.kommune_id or 0, data),
            lines=_ADD,
        )
        if not done.ok:
            return self._focus_first_error()
        self.success = self._t("represented.added_done", name=" ".join(data.name.split()))
        self.form_key += 1
        self._reload(actor)
        return None

    @rx.event
    def print_consent(self, person_id: int) -> rx.event.EventSpec | None:
        """The consent form of one of the caller's persons, as a PDF download."""
        self._ensure_built()
        actor = self._actor()
        pid = parse_id(person_id)
        form = self._run(lambda db: represented.consent_form(db, actor, actor.kommune_id or 0, pid))
        if not form.ok or form.value is None:
            return None
        self.error = ""
        return rx.download(
            data=consent_pdf(form.value, self.lang, load_settings().upload_dir),
            filename=_pdf_name("einwilligung", form.value.person_name),
            mime_type="application/pdf",
        )

    @rx.event
    def confirm(self, form: dict[str, str]) -> None:
        self._ensure_built()
        actor = self._actor()
        pid = parse_id(form.get("person_id"))
        signed_on = str(form.get("signed_on", ""))[:20]
        name = next((p.name for p in self.persons if p.user_id == pid), "")
        if self._run(
            lambda db: represented.confirm_consent(
                db, actor, actor.kommune_id or 0, pid, signed_on
            ),
            "represented.consent_done",
            name=name,
        ).ok:
            self._reload(actor)

    def _listing_change(self, action: str, listing_id: object, person_id: object) -> None:
        """Close or renew a listing of one of the caller's persons, as that person."""
        self._ensure_built()
        actor = self._actor()
        lid, pid = parse_id(listing_id), parse_id(person_id)

        def change(db: Session) -> None:
            kommune_id = actor.kommune_id or 0
            as_person = represented.person_actor(
                db, actor, kommune_id, pid, posting=action == "renew"
            )
            if lid is None:
                raise NotFound("listing.not_found")
            if action == "renew":
                listings.renew_listing(db, as_person, kommune_id, lid)
            else:
                listings.close_listing(db, as_person, kommune_id, lid)

        done = "represented.renewed_done" if action == "renew" else "represented.closed_done"
        if self._run(change, done, lines=MESSAGE_LINES).ok:
            self._reload(actor)

    @rx.event
    def close(self, listing_id: int, person_id: int) -> None:
        self._listing_change("close", listing_id, person_id)

    @rx.event
    def renew(self, listing_id: int, person_id: int) -> None:
        self._listing_change("renew", listing_id, person_id)

    @rx.event
    def export(self, person_id: int) -> rx.event.EventSpec | None:
        """Everything stored about one of the caller's persons, as a PDF download."""
        self._ensure_built()
        actor = self._actor()
        pid = parse_id(person_id)
        lang = self.lang
        data = self._run(
            lambda db: represented.person_data(db, actor, actor.kommune_id or 0, pid, lang)
        )
        if not data.ok or data.value is None:
            return None
        return rx.download(
            data=export_pdf(data.value, lang, load_settings().upload_dir),
            filename=_pdf_name("daten", data.value.summary.name),
            mime_type="application/pdf",
        )

    @rx.event
    def ask_delete(self, person_id: int) -> None:
        self._actor()
        self.confirm_delete = parse_id(person_id) or 0

    @rx.event
    def cancel_delete(self) -> None:
        self.confirm_delete = 0

    @rx.event
    def delete(self, person_id: int) -> None:
        self._ensure_built()
        actor = self._actor()
        pid = parse_id(person_id)
        done = self._run(
            lambda db: represented.delete_person(db, actor, actor.kommune_id or 0, pid)
        )
        self.confirm_delete = 0
        if done.ok:
            self.success = self._t("represented.deleted_done", name=done.value or "")
            self._reload(actor)


S = RepresentedState

_LISTING_STATUSES = ("draft", "pending", "published", "removed", "closed", "expired")
_PERSON_STATUSES = ("pending", "approved", "blocked")


def _label(status: rx.Var[str], prefix: str, known: tuple[str, ...]) -> rx.Component:
    """A status badge in the reader's language."""
    return rx.badge(
        rx.match(status, *[(value, t(prefix + value)) for value in known], status),
        size="2",
    )


def _add_form() -> rx.Component:
    return rx.form(
        rx.heading(t("represented.add_title"), size="5", as_="h2"),
        forms.field(
            t("represented.name"),
            "name",
            max_length=represented.NAME_MAX,
            autocomplete="off",
            error=S.field_errors["name"],
        ),
        forms.select(
            t("represented.area"),
            "area_id",
            S.areas,
            t("proxy.appoint_choose"),
            error=S.field_errors["area_id"],
        ),
        forms.field(
            t("represented.birth_year"),
            "birth_year",
            input_mode="numeric",
            max_length=4,
            error=S.field_errors["birth_year"],
        ),
        rx.text(t("represented.contact_hint"), size="2", color_scheme="gray"),
        forms.field(
            t("represented.phone"),
            "phone",
            type_="tel",
            required=False,
            max_length=represented.PHONE_MAX,
            error=S.field_errors["phone"],
        ),
        forms.textarea(
            t("represented.postal_address"),
            "postal_address",
            max_length=represented.ADDRESS_MAX,
            error=S.field_errors["postal_address"],
        ),
        rx.cond(
            S.spaces.length() > 0,
            rx.el.fieldset(
                rx.el.legend(t("represented.spaces"), style={"font_weight": "600"}),
                rx.foreach(
                    S.spaces,
                    lambda o: forms.checkbox(o.label, "space_" + o.value),
                ),
                style={"border": "none", "padding": "0", "margin_bottom": "1rem"},
            ),
        ),
        rx.button(t("represented.add"), type="submit", size="3"),
        no_validate=True,
        on_submit=S.add,
        key="add-" + S.form_key.to_string(),
        width="100%",
        max_width="560px",
    )


def _listing(row: rx.Var[PersonListing], person: rx.Var[PersonSummary]) -> rx.Component:
    return rx.hstack(
        rx.link(row.title, href=routes.listing_href(S.slug, row.id)),
        _label(row.status, "own.status.", _LISTING_STATUSES),
        rx.cond(
            row.status != "removed",
            link_button(
                t("represented.edit"),
                routes.for_person(routes.listing_edit_href(S.slug, row.id), person.user_id),
                size="2",
                variant="soft",
            ),
        ),
        rx.cond(
            row.status == "published",
            rx.fragment(
                rx.button(
                    t("represented.renew"),
                    on_click=S.renew(row.id, person.user_id),
                    size="2",
                    variant="soft",
                ),
                rx.button(
                    t("represented.close"),
                    on_click=S.close(row.id, person.user_id),
                    size="2",
                    variant="soft",
                ),
            ),
        ),
        wrap="wrap",
        align="center",
    )


def _conversation(row: rx.Var[PersonConversation]) -> rx.Component:
    return rx.hstack(
        rx.link(
            row.listing_title,
            " – ",
            t("represented.with").replace("{name}", row.other_name),
            href=routes.thread_href(row.id),
        ),
        rx.cond(row.unread, rx.badge(t("represented.unread"), color_scheme="red", size="1")),
        rx.text(row.last_message_at, size="1", color_scheme="gray"),
        wrap="wrap",
        align="center",
    )


def _agreement(row: rx.Var[PersonAgreement], person: rx.Var[PersonSummary]) -> rx.Component:
    label = rx.fragment(
        row.listing_title, " – ", t("represented.with").replace("{name}", row.other_name)
    )
    # The agreement names the person and who confirmed for them.
    names = rx.cond(
        row.by_office,
        t("represented.agreement_office_for").replace("{person}", person.name),
        t("represented.agreement_for")
        .replace("{proxy}", row.confirmed_by)
        .replace("{person}", person.name),
    ).to(str)
    return rx.hstack(
        rx.cond(
            row.conversation_id > 0,
            rx.link(label, href=routes.thread_href(row.conversation_id)),
            rx.text(label),
        ),
        rx.cond(
            row.confirmed,
            rx.badge(t("represented.agreement_done"), color_scheme="green", size="1"),
            rx.badge(t("represented.agreement_open"), color_scheme="amber", size="1"),
        ),
        rx.cond(
            row.by_office | (row.confirmed_by != ""),
            rx.text(
                t("represented.agreement_confirmed_by").replace("{names}", names),
                size="2",
                color_scheme="gray",
            ),
        ),
        wrap="wrap",
        align="center",
    )


def _section(title: str, items: rx.Var, render: object) -> rx.Component:
    return rx.vstack(
        rx.heading(t(title), size="3", as_="h3"),
        rx.cond(
            items.length() > 0,  # type: ignore[attr-defined]
            rx.vstack(rx.foreach(items, render), spacing="2"),  # type: ignore[arg-type]
            rx.text(t("represented.none_yet"), size="2", color_scheme="gray"),
        ),
        spacing="1",
        width="100%",
    )


def _consent(person: rx.Var[PersonSummary]) -> rx.Component:
    field_id = "signed-on-" + person.user_id.to_string()
    return rx.cond(
        person.consent_on != "",
        rx.text(
            t("represented.consent_on")
            .replace("{date}", person.consent_on)
            .replace("{version}", person.consent_version),
            size="2",
        ),
        rx.vstack(
            rx.badge(t("represented.consent_open"), color_scheme="amber", size="2"),
            rx.button(
                t("represented.print_consent"),
                on_click=S.print_consent(person.user_id),
                size="3",
                variant="soft",
            ),
            rx.form(
                rx.el.input(type="hidden", name="person_id", value=person.user_id),
                rx.el.label(
                    t("represented.signed_on"),
                    html_for=field_id,
                    style={"font_weight": "600", "display": "block"},
                ),
                rx.hstack(
                    rx.el.input(
                        id=field_id,
                        name="signed_on",
                        type="date",
                        max=S.today,
                        required=True,
                        style=forms.FIELD_STYLE,
                    ),
                    rx.button(t("represented.confirm_consent"), type="submit", size="3"),
                    wrap="wrap",
                    align="center",
                ),
                on_submit=S.confirm,
                no_validate=True,
            ),
            spacing="2",
        ),
    )


def _person(person: rx.Var[PersonSummary]) -> rx.Component:
    return rx.card(
        rx.vstack(
            rx.hstack(
                rx.heading(person.name, size="5", as_="h2"),
                _label(person.status, "represented.status.", _PERSON_STATUSES),
                wrap="wrap",
                align="center",
            ),
            rx.text(
                person.area_name,
                " · ",
                t("represented.born").replace("{year}", person.birth_year.to_string()),
                size="2",
            ),
            rx.text(t("represented.contact"), ": ", person.contact, size="2"),
            _consent(person),
            rx.cond(
                person.consent_on != "",
                link_button(
                    t("represented.new_listing").replace("{name}", person.name),
                    routes.for_person(routes.new_listing_href(S.slug), person.user_id),
                    size="3",
                ),
            ),
            _section("represented.listings", person.listings, lambda row: _listing(row, person)),
            _section("represented.conversations", person.conversations, _conversation),
            _section(
                "represented.agreements", person.agreements, lambda row: _agreement(row, person)
            ),
            rx.hstack(
                rx.button(
                    t("represented.export"),
                    on_click=S.export(person.user_id),
                    size="2",
                    variant="soft",
                ),
                rx.button(
                    t("represented.delete"),
                    on_click=S.ask_delete(person.user_id),
                    size="2",
                    variant="soft",
                    color_scheme="red",
                ),
                wrap="wrap",
            ),
            rx.cond(
                S.confirm_delete == person.user_id,
                rx.callout(
                    rx.vstack(
                        rx.text(t("represented.delete_confirm").replace("{name}", person.name)),
                        rx.hstack(
                            rx.button(
                                t("represented.delete_yes"),
                                on_click=S.delete(person.user_id),
                                color_scheme="red",
                                size="3",
                            ),
                            rx.button(
                                t("represented.cancel"),
                                on_click=S.cancel_delete,
                                variant="soft",
                                size="3",
                            ),
                        ),
                    ),
                    color_scheme="red",
                    role="alertdialog",
                ),
            ),
            spacing="3",
            width="100%",
        ),
        width="100%",
        data_testid="represented-person",
    )


def represented_page() -> rx.Component:
    return public_page(
        rx.vstack(
            rx.heading(t("represented.title"), size="7", as_="h1"),
            forms.error_summary(S.error, S.field_errors),
            forms.success_line(S.success),
            rx.cond(
                S.loaded,
                rx.cond(
                    S.is_proxy,
                    rx.vstack(
                        rx.text(t("represented.intro")),
                        rx.cond(
                            S.persons.length() > 0,
                            rx.vstack(rx.foreach(S.persons, _person), width="100%"),
                            rx.text(t("represented.none")),
                        ),
                        rx.divider(),
                        _add_form(),
                        spacing="4",
                        width="100%",
                    ),
                    rx.callout(t("represented.not_proxy"), icon="info", role="status"),
                ),
                rx.text(t("common.loading")),
            ),
            width="100%",
            spacing="4",
        )
    )
