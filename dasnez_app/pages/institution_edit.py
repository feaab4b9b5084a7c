"""The responsible person edits an institution's details
(/k/<slug>/netzwerk/<handle>/bearbeiten): name, kind, description, contact, website, logo,
and the Ortsteile and social spaces it serves in each of its Kommunen.

Every handler takes the Kommune and the institution from the route of its own event and the
caller from the session; the service refuses everyone but the responsible person, and looks
each ticked place up through its Kommune.
"""

from __future__ import annotations

from dataclasses import dataclass

import reflex as rx
from sqlmodel import Session

from dasnez_app import routes
from dasnez_app.components import public_page
from dasnez_app.state import PublicSession
from dasnez_core.db import session_scope
from dasnez_core.errors import NotAllowed, NotFound
from dasnez_core.services import institution_profile as profile
from dasnez_core.services import institutions, kommunen
from dasnez_core.services.institutions import KINDS, InstitutionForm, InstitutionRef
from dasnez_core.services.kommunen import Option
from dasnez_core.uploads import LOGO_MAX_BYTES, check_logo
from dasnez_ui import forms
from dasnez_ui.db_thread import on_pool
from dasnez_ui.lang import t
from dasnez_ui.layout import link_button, not_found_body
from dasnez_ui.outcome import Lines, attempt_check, form_fields
from dasnez_ui.page_load import PageLoad
from dasnez_ui.params import checked_ids

# Problems with one Kommune's places (only a hostile browser sends foreign ids) show in
# the error line above the form.
_LINES = Lines(
    "error", "done", form_fields("name", "kind", "description", "contact", "website", "logo")
)
_UPLOAD_ID = "institution_edit_logo"


@dataclass
class PlaceBox:
    """One checkbox of a place, named `area_<kommune>_<id>` / `space_<kommune>_<id>`."""

    name: str
    label: str
    checked: bool


@dataclass
class KommuneBoxes:
    title: str
    areas: list[PlaceBox]
    spaces: list[PlaceBox]


def _prefix(kind: str, kommune_id: int) -> str:
    return f"{kind}_{kommune_id}_"


def _boxes(kind: str, kommune_id: int, options: list[Option], chosen: list[int]) -> list[PlaceBox]:
    return [
        PlaceBox(_prefix(kind, kommune_id) + o.value, o.label, int(o.value) in chosen)
        for o in options
    ]


class InstitutionEditState(PageLoad, PublicSession):
    loaded: bool = False
    found: bool = False
    slug: str = ""
    handle: str = ""
    kommune_name: str = ""
    name: str = ""
    kind: str = ""
    description: str = ""
    contact: str = ""
    website: str = ""
    logo: str = ""
    kinds: list[Option] = []
    places: list[KommuneBoxes] = []
    error: str = ""
    done: str = ""
    field_errors: dict[str, str] = {}
    logo_name: str = ""
    existing_name: str = ""
    existing_href: str = ""
    form_key: int = 0
    # The checked new logo (bytes stay on the server, never in a synced var).
    _logo: bytes = b""

    def _route(self) -> tuple[str, str]:
        return routes.institution_edit_from_path(self.router.url.path)

    @rx.event
    def load(self) -> rx.event.EventSpec | None:
        return self._load_page()

    def _build(self) -> None:
        self.slug, self.handle = self._route()
        self.error, self.done, self.field_errors = "", "", {}
        self.existing_name = self.existing_href = self.logo_name = ""
        self._logo = b""
        self.loaded = self.found = False
        self.places = []
        self._refresh_session()
        self._fill()
        self.kinds = [Option(kind, self._t(institutions.kind_key(kind))) for kind in KINDS]
        self.loaded = True

    def _fill(self) -> None:
        """Read the current details for the caller (nothing shown to anyone else)."""
        actor = self._actor()
        slug, handle = self._route()
        with session_scope() as db:
            try:
                kommune = kommunen.get_kommune_by_slug(db, slug)
                assert kommune.id is not None
                details = profile.institution_details(db, actor, kommune.id, handle)
            except (NotFound, NotAllowed):
                self.found = False
                return
        self.kommune_name = kommune.name
        self.name, self.kind, self.description = details.name, details.kind, details.description
        self.contact, self.website, self.logo = details.contact, details.website, details.logo
        self.places = [
            KommuneBoxes(
                self._t("institution.edit_places", kommune=p.kommune_name),
                _boxes("area", p.kommune_id, p.areas, p.area_ids),
                _boxes("space", p.kommune_id, p.spaces, p.space_ids),
            )
            for p in details.places
        ]
        self.found = True
        self.form_key += 1

    @rx.event
    async def upload_logo(self, files: list[rx.UploadFile]) -> None:
        """Keep a checked new logo for the form's submission (registration's check)."""
        await on_pool(self._ensure_built)
        upload = files[0] if files else None
        data = await upload.read(LOGO_MAX_BYTES + 1) if upload is not None else b""
        # Decoding the image takes a while: off the loop too.
        checked = await on_pool(attempt_check, lambda: check_logo(data), self._t)
        errors = {k: v for k, v in self.field_errors.items() if k != "logo"}
        if checked.ok:
            self._logo = data
            self.logo_name = str(upload.name or "")[:120] if upload is not None else ""
        else:
            self._logo, self.logo_name = b"", ""
            errors["logo"] = checked.error
        self.field_errors = errors

    @rx.event
    def submit(self, form: dict[str, str]) -> rx.event.EventSpec | None:
        actor = self._actor()
        slug, handle = self._route()
        values = InstitutionForm(
            name=str(form.get("name", ""))[:500],
            kind=str(form.get("kind", ""))[:30],
            description=str(form.get("description", ""))[:5000],
            contact=str(form.get("contact", ""))[:2000],
            website=str(form.get("website", ""))[:1000],
        )
        logo, logo_name = self._logo, self.logo_name
        remove_logo = bool(form.get("remove_logo"))

        def save(db: Session) -> InstitutionRef:
            kommune = kommunen.get_kommune_by_slug(db, slug)
            assert kommune.id is not None
            # The Kommunen come from the server: a Kommune whose boxes are all unticked
            # sends no field, and its places are then cleared.
            listed = profile.institution_details(db, actor, kommune.id, handle).places
            places = {
                p.kommune_id: (
                    checked_ids(form, _prefix("area", p.kommune_id)),
                    checked_ids(form, _prefix("space", p.kommune_id)),
                )
                for p in listed
            }
            return profile.update_institution(
                db,
                actor,
                kommune.id,
                handle,
                values,
                places,
                logo=logo,
                logo_name=logo_name,
                remove_logo=remove_logo,
            )

        outcome = self._run(save, lines=_LINES)
        self.existing_name = self.existing_href = ""
        if outcome.ok and outcome.value is not None:
            self._logo, self.logo_name = b"", ""
            self._fill()
            self.done = self._t("institution.edit_saved", name=outcome.value.name)
            return None
        if "name" in self.field_errors:
            self._offer(values.name)
        return self._focus_first_error()

    def _offer(self, name: str) -> None:
        """Name the institution whose name the wanted one folds to, with a link to it."""
        slug, handle = self._route()
        with session_scope() as db:
            try:
                kommune = kommunen.get_kommune_by_slug(db, slug)
                assert kommune.id is not None
                mine = institutions.admitted(db, kommune.id, handle)
            except NotFound:
                return
            assert mine.id is not None
            taken = profile.name_taken(db, mine.id, name)
        if taken is not None:
            self.existing_name = taken.ref.name
            self.existing_href = str(routes.institution_href(taken.kommune_slug, taken.ref.handle))


# --- components ---------------------------------------------------------------------------

_s = InstitutionEditState
_errors = _s.field_errors


def _place_box(box: rx.Var[PlaceBox]) -> rx.Component:
    return forms.checkbox(box.label, box.name, checked=box.checked)


def _kommune_places(group: rx.Var[KommuneBoxes]) -> rx.Component:
    return rx.el.fieldset(
        rx.el.legend(group.title, style={"font_weight": "600"}),
        rx.cond(
            group.areas.length() > 0,  # type: ignore[attr-defined]
            rx.box(
                rx.text(t("institution.areas"), weight="medium"),
                rx.foreach(group.areas, _place_box),
            ),
        ),
        rx.cond(
            group.spaces.length() > 0,  # type: ignore[attr-defined]
            rx.box(
                rx.text(t("institution.spaces"), weight="medium"),
                rx.foreach(group.spaces, _place_box),
            ),
        ),
        style={"border": "none", "padding": 0, "margin": "0 0 1rem"},
    )


def _existing() -> rx.Component:
    return rx.cond(
        _s.existing_name != "",
        rx.callout(
            rx.text(
                t("institution.edit_exists_offer").replace("{name}", _s.existing_name),
                " ",
                rx.link(
                    t("institution.exists_link").replace("{name}", _s.existing_name),
                    href=_s.existing_href,
                ),
            ),
            icon="info",
            role="status",
        ),
    )


def _logo_fields() -> rx.Component:
    return rx.el.div(
        rx.text(t("institution.logo"), weight="bold"),
        rx.cond(
            _s.logo != "",
            rx.box(
                rx.text(t("institution.logo_current")),
                rx.image(
                    src=rx.get_upload_url(_s.logo),
                    alt=t("institution.logo_current"),
                    max_height="64px",
                    max_width="min(160px, 40vw)",
                    object_fit="contain",
                ),
                forms.checkbox(t("institution.logo_remove"), "remove_logo"),
            ),
        ),
        forms.logo_upload(
            t("institution.logo"),
            forms.chosen_file(_s.logo_name),
            _UPLOAD_ID,
            InstitutionEditState.upload_logo(rx.upload_files(upload_id=_UPLOAD_ID)),
        ),
        forms.field_error("logo", _errors["logo"]),
        style={"margin_bottom": "1rem"},
    )


def _form() -> rx.Component:
    return rx.form(
        rx.text(t("institution.edit_intro")),
        forms.error_summary(_s.error, _s.field_errors),
        forms.success_line(_s.done),
        forms.field(
            t("institution.name"),
            "name",
            max_length=institutions.NAME_MAX,
            value=_s.name,
            error=_errors["name"],
        ),
        _existing(),
        forms.select(
            t("institution.kind"),
            "kind",
            _s.kinds,
            t("institution.kind_choose"),
            value=_s.kind,
            error=_errors["kind"],
        ),
        forms.textarea(
            t("institution.description"),
            "description",
            institutions.DESCRIPTION_MAX,
            value=_s.description,
            error=_errors["description"],
        ),
        forms.textarea(
            t("institution.contact"),
            "contact",
            institutions.CONTACT_MAX,
            value=_s.contact,
            error=_errors["contact"],
        ),
        forms.field(
            t("institution.website"),
            "website",
            type_="url",
            required=False,
            max_length=institutions.WEBSITE_MAX,
            value=_s.website,
            error=_errors["website"],
        ),
        _logo_fields(),
        rx.foreach(_s.places, _kommune_places),
        forms.submit(t("institution.edit_submit")),
        no_validate=True,
        on_submit=InstitutionEditState.submit,
        reset_on_submit=False,
        width="100%",
        key=_s.form_key.to_string(),
    )


def institution_edit_page() -> rx.Component:
    return public_page(
        rx.cond(
            _s.loaded,
            rx.cond(
                _s.found,
                rx.vstack(
                    rx.heading(
                        t("institution.edit_title").replace("{name}", _s.name), size="7", as_="h1"
                    ),
                    _form(),
                    link_button(
                        t("institution.go_to_page"), routes.institution_href(_s.slug, _s.handle)
                    ),
                    width="100%",
                    max_width="640px",
                ),
                not_found_body(routes.HOME),
            ),
            rx.text(t("common.loading")),
        )
    )
