"""Writing a listing: new (/k/<slug>/neu) or an own one edited (/k/<slug>/eintrag/<id>/bearbeiten).

Approved people publish or save a draft; pending people can only save drafts.
"""

from __future__ import annotations

import reflex as rx
from sqlmodel import Session, select

from dasnez_app import routes
from dasnez_app.components import public_page
from dasnez_app.pages.listing_photos import listing_photos_box
from dasnez_app.routes import slug_from_path
from dasnez_app.state import PublicSession
from dasnez_core.actor import Actor
from dasnez_core.db import session_scope
from dasnez_core.errors import DomainError, NotFound
from dasnez_core.exchanges import FieldInput, ListingField, listing_fields, rule_of
from dasnez_core.formatting import format_amount, format_number
from dasnez_core.models import Listing, ListingSocialSpace, UserStatus
from dasnez_core.services import institution_members, kommunen, represented, youth_settings
from dasnez_core.services.kommunen import Option
from dasnez_core.services.listings import (
    BODY_MAX,
    TITLE_MAX,
    ListingDraft,
    create_listing,
    own_listing,
    update_listing,
)
from dasnez_core.services.representation import full_names
from dasnez_ui import forms
from dasnez_ui.lang import t
from dasnez_ui.layout import link_button
from dasnez_ui.outcome import Lines, form_fields
from dasnez_ui.page_load import PageLoad
from dasnez_ui.params import parse_id

# A Taschengeld job's fields (dasnez_core.services.youth.listing_job).
JOB_FIELDS = ("job_date", "job_from", "job_until", "job_hours")

# The exchange follows from the category: a problem with it shows at the category.
_LINES = Lines(
    "error",
    "success",
    form=form_fields(
        "kind",
        "title",
        "body",
        "area_id",
        *(f.name for f in listing_fields()),
        *JOB_FIELDS,
        "swap_mode",
        category_id="category_id",
        exchange_id="category_id",
    ),
)


class NewListingState(PageLoad, PublicSession):
    """The listing form. Which listing a submit writes comes from the route of that very
    event (`routes.listing_form_from_path`): /neu always creates, /eintrag/<id>/bearbeiten
    updates that own listing. No id kept in the state decides it, so a load that failed
    (say, the database was away) cannot turn the next "publish" into an overwrite."""

    loaded: bool = False
    slug: str = ""
    # Shown only (the heading says "edit"); never read by a handler.
    listing_id: int = 0
    kommune_name: str = ""
    # Stellvertretung: the represented person a proxy writes for (?fuer=<id>), else "".
    for_name: str = ""
    can_write: bool = False
    can_publish: bool = False
    notice: str = ""
    # Posting as an institution (?als=<handle> on /neu): its name; "" for an own listing.
    as_institution: str = ""
    categories: list[Option] = []
    areas: list[Option] = []
    spaces: list[Option] = []
    error: str = ""
    field_errors: dict[str, str] = {}
    success: str = ""
    intent: str = "publish"
    form_key: str = ""
    # Current values when editing (strings as the form sends them).
    v_kind: str = ""
    v_category: str = ""
    v_title: str = ""
    v_body: str = ""
    v_area: str = ""
    v_spaces: list[str] = []
    v_swap_mode: str = ""
    # Exchange-specific details by form field name (dasnez_core.exchanges.listing_fields).
    v_extras: dict[str, str] = {}
    # A Taschengeld job's day, window and hours (as the form sends them) and the
    # Kommune's suggested pocket-money rate.
    v_job: dict[str, str] = {}
    rate_hint: str = ""
    # A new listing was created on this visit of /neu: a second submit of the same form (a
    # double click) creates nothing more. It only ever refuses a write; a load resets it.
    _created: bool = False

    @rx.event
    def load(self) -> rx.event.EventSpec | None:
        return self._load_page()

    def _build(self) -> rx.event.EventSpec | None:
        # Everything is reset before anything that can fail (the caller's lookup, the
        # database): nothing of an earlier visit survives a load that fails below.
        self.loaded = self.can_write = self.can_publish = self._created = False
        self.error = self.success = self.notice = self.kommune_name = self.for_name = ""
        self.as_institution = ""
        self.field_errors = {}
        self.intent = "publish"
        self.categories, self.areas, self.spaces = [], [], []
        self._clear_values()
        path = self.router.url.path
        target = routes.listing_form_from_path(path)
        self.slug, listing_id = target if target else (slug_from_path(path), None)
        self.listing_id = listing_id or 0
        self.form_key = ""
        actor = self._actor()
        if actor.is_anonymous:
            return rx.redirect(routes.LOGIN)
        for_id = routes.for_person_from_query(self.router.url.query)
        with session_scope() as db:
            try:
                if target is None:
                    raise NotFound()
                k = kommunen.get_kommune_by_slug(db, self.slug)
                assert k.id is not None
                handle = self._as_handle() if listing_id is None else ""
                if handle:
                    # Members post as their institution in every Kommune that admitted it.
                    self.as_institution = institution_members.membership(
                        db, actor, k.id, handle
                    ).name
                elif k.id != actor.kommune_id:
                    self.notice = self._t("listing.other_kommune")
                else:
                    actor = self._writer(db, actor, k.id, for_id)
                    if listing_id is not None:
                        self._fill_values(own_listing(db, actor, k.id, listing_id))
            except DomainError as exc:
                self.loaded, self.can_write = True, False
                self.notice = self._t(exc.key, **exc.params)
                return None
            self.kommune_name = k.name
            self.categories = kommunen.labelled_category_options(
                db, k.id, lambda ex_type: self._t(rule_of(ex_type).label_key), self.lang
            )
            self.areas = kommunen.area_options(db, k.id)
            self.spaces = kommunen.social_space_options(db, k.id)
            self.rate_hint = self._t(
                "youth.listing_job_hint", rate=youth_settings.rate_text(k, self.lang)
            )
        self.can_write = self.notice == ""
        self.can_publish = self.can_write and actor.status == UserStatus.APPROVED
        self.form_key = f"{self.listing_id}-{self.v_title}"
        self.loaded = True
        return None

    def _writer(self, db: Session, actor: Actor, kommune_id: int, for_id: int | None) -> Actor:
        """Who writes: the caller, or with ?fuer=<id> the represented person of the caller
        (a proxy) with a recorded consent; anybody else's person is not found."""
        if for_id is None:
            return actor
        person = represented.person_actor(db, actor, kommune_id, for_id, posting=True)
        self.for_name = full_names(db, [for_id]).get(for_id, person.display_name)
        return person

    def _clear_values(self) -> None:
        self.v_kind = self.v_category = self.v_title = self.v_body = self.v_area = ""
        self.v_extras = {f.name: "" for f in listing_fields()}
        self.v_job = dict.fromkeys(JOB_FIELDS, "")
        self.v_spaces = []
        self.v_swap_mode = ""

    def _fill_values(self, listing: Listing) -> None:
        self.v_kind, self.v_category = listing.kind, str(listing.category_id)
        self.v_title, self.v_body = listing.title, listing.body
        self.v_area = str(listing.area_id or "")
        self.v_swap_mode = listing.swap_mode
        self.v_extras = {
            f.name: _form_value(f, getattr(listing, f.column), self.lang) for f in listing_fields()
        }
        self.v_job = _job_values(listing, self.lang)
        with session_scope() as db:
            self.v_spaces = [
                str(s)
                for s in db.exec(
                    select(ListingSocialSpace.social_space_id).where(
                        ListingSocialSpace.listing_id == listing.id
                    )
                ).all()
            ]

    def _as_handle(self) -> str:
        """The institution of ?als=<handle> in the event's own route ("" for none)."""
        raw = str(self.router.url.query_parameters.get(routes.AS_INSTITUTION_PARAM, ""))
        return raw[:64]

    @rx.event
    def set_intent(self, intent: str) -> None:
        """Which button was pressed (publish or draft); the submit that follows reads it."""
        self.intent = "draft" if intent == "draft" else "publish"

    @rx.event
    def submit(self, form: dict[str, str]) -> rx.event.EventSpec | None:
        self._ensure_built()
        actor = self._actor()
        publish: bool = self.intent != "draft"
        self.intent = "publish"
        target = routes.listing_form_from_path(self.router.url.path)
        for_id = routes.for_person_from_query(self.router.url.query)
        if target is not None and target[1] is None and self._created:
            return None  # the same form sent twice: its listing exists, the page says so
        space_ids = tuple(
            i
            for key in form
            if key.startswith("space_")
            if (i := parse_id(key.removeprefix("space_"))) is not None
        )
        draft = ListingDraft(
            kind=str(form.get("kind", "")),
            exchange_id=None,
            category_id=parse_id(form.get("category_id")),
            title=str(form.get("title", ""))[:1000],
            body=str(form.get("body", ""))[:10000],
            area_id=parse_id(form.get("area_id")),
            social_space_ids=space_ids[:50],
            pocket_money=str(form.get("pocket_money", ""))[:20],
            estimated_hours=str(form.get("estimated_hours", ""))[:10],
            swap_for=str(form.get("swap_for", ""))[:1000],
            job_date=str(form.get("job_date", ""))[:20],
            job_from=str(form.get("job_from", ""))[:10],
            job_until=str(form.get("job_until", ""))[:10],
            job_hours=str(form.get("job_hours", ""))[:10],
            swap_mode=str(form.get("swap_mode", ""))[:10],
        )
        lang = self.lang
        as_handle = self._as_handle()

        def save(db: Session) -> bool:
            """Create the listing (on /neu) or update the own listing of the route; publish
            it if asked. Returns whether the Kommune checks it first."""
            if target is None:
                raise NotFound()
            slug, listing_id = target
            k = kommunen.get_kommune_by_slug(db, slug)
            assert k.id is not None
            writer = actor
            if for_id is not None:
                writer = represented.person_actor(db, actor, k.id, for_id, posting=True)
            if listing_id is None and as_handle:
                institution_members.create_listing_as(
                    db, actor, k.id, as_handle, draft, publish=publish, lang=lang
                )
            elif listing_id is None:
                create_listing(db, writer, k.id, draft, publish=publish, lang=lang)
            else:
                update_listing(db, writer, k.id, listing_id, draft, publish=publish, lang=lang)
            return k.premoderation

        saved = self._run(save, lines=_LINES)
        if not saved.ok:
            return self._focus_first_error()
        self._created = target is not None and target[1] is None
        premoderated = saved.value
        key = (
            "listing.draft_saved"
            if not publish
            else "listing.awaiting_moderation"
            if premoderated
            else "listing.published"
        )
        self.success = self._t(key)
        return None


def _kind_choice() -> rx.Component:
    error = NewListingState.field_errors["kind"]

    def option(value: str, key: str) -> rx.Component:
        return rx.el.label(
            rx.el.input(
                type="radio",
                name="kind",
                value=value,
                required=True,
                default_checked=NewListingState.v_kind == value,
                style={"width": "24px", "height": "24px"},
                **forms.invalid_props("kind", error),
            ),
            rx.text(t(key)),
            style={
                "display": "flex",
                "gap": "0.75rem",
                "align_items": "center",
                "padding": "0.75rem",
                "border": "1px solid var(--gray-7)",
                "border_radius": "8px",
                "min_height": "48px",
            },
        )

    # The group carries the id the error summary links to and the focus goes to (a radio
    # with an id would be read by the form as that id's value, whichever is checked).
    return rx.el.fieldset(
        rx.el.legend(t("listing.kind"), style={"font_weight": "600"}),
        option("offer", "listing.kind_offer"),
        option("request", "listing.kind_request"),
        forms.field_error("kind", error),
        id="kind",
        tab_index=-1,
        style={
            "display": "grid",
            "gap": "0.5rem",
            "border": "none",
            "padding": "0",
            "margin_bottom": "1rem",
        },
    )


def _swap_choice() -> rx.Component:
    """Tauschbörse only (the service ignores it elsewhere): a gift or a swap."""
    error = NewListingState.field_errors["swap_mode"]

    def option(value: str, key: str) -> rx.Component:
        return rx.el.label(
            rx.el.input(
                type="radio",
                name="swap_mode",
                value=value,
                default_checked=NewListingState.v_swap_mode == value,
                style={"width": "24px", "height": "24px"},
                **forms.invalid_props("swap_mode", error),
            ),
            rx.text(t(key)),
            style={
                "display": "flex",
                "gap": "0.75rem",
                "align_items": "center",
                "min_height": "44px",
            },
        )

    return rx.el.fieldset(
        rx.el.legend(t("swap.mode"), style={"font_weight": "600"}),
        option("gift", "swap.mode_gift"),
        option("swap", "swap.mode_swap"),
        forms.field_error("swap_mode", error),
        id="swap_mode",
        tab_index=-1,
        style={"display": "grid", "gap": "0.25rem", "border": "none", "padding": "0"},
    )


def _form_value(field: ListingField, stored: int | str | None, lang: str) -> str:
    """A stored extra detail as the form shows it for editing."""
    if stored is None or stored == "":
        return ""
    if field.input == FieldInput.MONEY:
        return format_amount(int(stored), lang)
    return str(stored)


def _hm(minute: int | None) -> str:
    return "" if minute is None else f"{minute // 60:02d}:{minute % 60:02d}"


def _job_values(listing: Listing, lang: str) -> dict[str, str]:
    """A stored Taschengeld job as the form shows it for editing."""
    return {
        "job_date": listing.job_date.isoformat() if listing.job_date else "",
        "job_from": _hm(listing.job_from),
        "job_until": _hm(listing.job_until),
        "job_hours": format_number(listing.job_minutes / 60, lang) if listing.job_minutes else "",
    }


def _job_fields() -> rx.Component:
    """The day, window and length of a Taschengeld job (kept only for Taschengeld)."""
    errors, values = NewListingState.field_errors, NewListingState.v_job
    return rx.el.fieldset(
        rx.el.legend(t("youth.listing_job_title"), style={"font_weight": "600"}),
        rx.text(NewListingState.rate_hint, size="2", color_scheme="gray"),
        forms.field(
            t("youth.job_date"),
            "job_date",
            type_="date",
            required=False,
            value=values["job_date"],
            error=errors["job_date"],
        ),
        forms.field(
            t("youth.listing_from"),
            "job_from",
            type_="time",
            required=False,
            value=values["job_from"],
            error=errors["job_from"],
        ),
        forms.field(
            t("youth.listing_until"),
            "job_until",
            type_="time",
            required=False,
            value=values["job_until"],
            error=errors["job_until"],
        ),
        forms.field(
            t("youth.job_hours"),
            "job_hours",
            max_length=5,
            input_mode="decimal",
            required=False,
            value=values["job_hours"],
            error=errors["job_hours"],
        ),
        style={"border": "none", "padding": "0"},
    )


def _extra_field(field: ListingField) -> rx.Component:
    """An exchange-specific detail; the listing keeps it only if its exchange has it."""
    return forms.field(
        t(field.label_key),
        field.name,
        hint=t(field.hint_key) if field.hint_key else None,
        max_length=field.max_length,
        required=False,
        value=NewListingState.v_extras[field.name],
        input_mode=field.input_mode,
        error=NewListingState.field_errors[field.name],
    )


def _form() -> rx.Component:
    return rx.form(
        forms.error_summary(NewListingState.error, NewListingState.field_errors),
        rx.cond(
            NewListingState.as_institution != "",
            rx.callout(
                t("institution.posting_as").replace("{name}", NewListingState.as_institution),
                icon="info",
                role="note",
            ),
        ),
        rx.cond(
            ~NewListingState.can_publish,
            rx.callout(t("listing.pending_drafts_only"), icon="info", role="note"),
        ),
        _kind_choice(),
        forms.select(
            t("listing.category"),
            "category_id",
            NewListingState.categories,
            t("common.choose"),
            value=NewListingState.v_category,
            error=NewListingState.field_errors["category_id"],
        ),
        forms.field(
            t("listing.title"),
            "title",
            max_length=TITLE_MAX,
            value=NewListingState.v_title,
            error=NewListingState.field_errors["title"],
        ),
        forms.textarea(
            t("listing.body"),
            "body",
            max_length=BODY_MAX,
            value=NewListingState.v_body,
            error=NewListingState.field_errors["body"],
        ),
        forms.select(
            t("listing.area"),
            "area_id",
            NewListingState.areas,
            t("common.choose"),
            value=NewListingState.v_area,
            error=NewListingState.field_errors["area_id"],
        ),
        _swap_choice(),
        *[_extra_field(f) for f in listing_fields()],
        _job_fields(),
        rx.el.fieldset(
            rx.el.legend(t("listing.social_spaces"), style={"font_weight": "600"}),
            rx.foreach(
                NewListingState.spaces,
                lambda s: forms.checkbox(
                    rx.text(s.label),
                    "space_" + s.value,
                    checked=NewListingState.v_spaces.contains(s.value),
                ),
            ),
            style={"border": "none", "padding": "0"},
        ),
        rx.vstack(
            rx.cond(
                NewListingState.can_publish,
                rx.button(
                    t("listing.submit"),
                    type="submit",
                    size="4",
                    width="100%",
                    on_click=NewListingState.set_intent("publish"),
                ),
            ),
            rx.button(
                t("listing.save_draft"),
                type="submit",
                size="4",
                width="100%",
                variant="soft",
                on_click=NewListingState.set_intent("draft"),
            ),
            width="100%",
        ),
        no_validate=True,
        on_submit=NewListingState.submit,
        reset_on_submit=False,
        key=NewListingState.form_key,
        width="100%",
    )


def new_listing_page() -> rx.Component:
    return public_page(
        rx.cond(
            NewListingState.loaded,
            rx.vstack(
                rx.heading(
                    rx.cond(
                        NewListingState.listing_id > 0,
                        t("listing.edit_title"),
                        t("listing.new_title"),
                    ),
                    size="7",
                    as_="h1",
                ),
                rx.text(NewListingState.kommune_name, color_scheme="gray"),
                rx.cond(
                    NewListingState.for_name != "",
                    rx.callout(
                        t("represented.acting_for").replace("{name}", NewListingState.for_name),
                        icon="user",
                        color_scheme="violet",
                    ),
                ),
                rx.cond(
                    NewListingState.success != "",
                    rx.vstack(
                        forms.success_line(NewListingState.success),
                        rx.cond(
                            NewListingState.for_name != "",
                            link_button(t("represented.back"), routes.REPRESENTED, size="4"),
                            link_button(t("nav.own_listings"), routes.MY_LISTINGS, size="4"),
                        ),
                        link_button(
                            t("nav.home"),
                            routes.kommune_href(NewListingState.slug),
                            size="4",
                            variant="soft",
                        ),
                    ),
                    rx.cond(
                        NewListingState.can_write,
                        rx.vstack(
                            _form(),
                            rx.cond(
                                NewListingState.listing_id > 0,
                                listing_photos_box(),
                                rx.text(t("photo.save_first"), size="2"),
                            ),
                            spacing="5",
                            width="100%",
                        ),
                        rx.callout(NewListingState.notice, icon="info", role="status"),
                    ),
                ),
                width="100%",
                max_width="640px",
            ),
            rx.text(t("common.loading")),
        )
    )
