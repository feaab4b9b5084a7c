"""Registering an institution in a Kommune (/k/<slug>/netzwerk-anmelden): the institution's
details and logo, and its responsible person — the logged-in, approved person, or a new
account registered in the same form (double opt-in; the institution waits for it)."""

from __future__ import annotations

import reflex as rx
from sqlmodel import Session

from dasnez_app import routes
from dasnez_app.components import public_page
from dasnez_app.routes import slug_from_path
from dasnez_app.state import PublicSession
from dasnez_core.db import session_scope
from dasnez_core.emails import normalise_email
from dasnez_core.errors import InvalidInput, InvalidInputs, NotFound
from dasnez_core.passwords import MAX_LENGTH
from dasnez_core.services import auth, institutions, kommunen
from dasnez_core.services.institutions import KINDS, InstitutionForm, InstitutionRef
from dasnez_core.services.kommunen import Option
from dasnez_core.uploads import LOGO_MAX_BYTES, check_logo
from dasnez_ui import forms
from dasnez_ui.db_thread import on_pool
from dasnez_ui.lang import t
from dasnez_ui.layout import link_button, not_found_body
from dasnez_ui.outcome import Lines, attempt_check, form_fields
from dasnez_ui.page_load import PageLoad
from dasnez_ui.params import checked_ids, parse_id

_FIELDS = (
    "name",
    "kind",
    "description",
    "contact",
    "website",
    "logo",
    "area_ids",
    "space_ids",
    "display_name",
    "email",
    "password",
    "area_id",
    "accept_privacy",
    "accept_terms",
)
_LINES = Lines("error", form=form_fields(*_FIELDS))
_UPLOAD_ID = "institution_logo"


class InstitutionRegisterState(PageLoad, PublicSession):
    loaded: bool = False
    found: bool = False
    slug: str = ""
    kommune_name: str = ""
    privacy_version: str = ""
    terms_version: str = ""
    kinds: list[Option] = []
    areas: list[Option] = []
    spaces: list[Option] = []
    error: str = ""
    field_errors: dict[str, str] = {}
    logo_name: str = ""
    done: str = ""  # the success text
    existing_name: str = ""
    existing_href: str = ""
    # The checked logo of this form (bytes stay on the server, never in a synced var).
    _logo: bytes = b""

    @rx.event
    def load(self) -> rx.event.EventSpec | None:
        return self._load_page()

    def _build(self) -> None:
        self.slug = slug_from_path(self.router.url.path)
        self.error, self.field_errors, self.done = "", {}, ""
        self.existing_name = self.existing_href = self.logo_name = ""
        self._logo = b""
        self.loaded = self.found = False
        self._refresh_session()
        with session_scope() as db:
            try:
                k = kommunen.get_kommune_by_slug(db, self.slug)
            except NotFound:
                self.loaded, self.found = True, False
                return
            assert k.id is not None
            self.kommune_name = k.name
            self.privacy_version, self.terms_version = k.privacy_version, k.terms_version
            self.areas = kommunen.area_options(db, k.id)
            self.spaces = kommunen.social_space_options(db, k.id)
        self.kinds = [Option(kind, self._t(institutions.kind_key(kind))) for kind in KINDS]
        self.loaded, self.found = True, True

    @rx.event
    async def upload_logo(self, files: list[rx.UploadFile]) -> None:
        """Keep a checked logo for the form's submission (one byte more than allowed is
        enough to tell "too big")."""
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
    def check_name(self, value: str) -> None:
        """Leaving the name field: offer an existing institution of the same name."""
        self._ensure_built()
        slug, name = slug_from_path(self.router.url.path), str(value)[:200]
        with session_scope() as db:
            try:
                k = kommunen.get_kommune_by_slug(db, slug)
            except NotFound:
                return
            assert k.id is not None
            self._offer(institutions.same_name(db, k.id, name))

    def _offer(self, existing: InstitutionRef | None) -> None:
        self.existing_name = existing.name if existing else ""
        self.existing_href = (
            str(routes.institution_href(self.slug, existing.handle)) if existing else ""
        )

    @rx.event
    async def submit(self, form: dict[str, str]) -> rx.event.EventSpec | None:
        await on_pool(self._ensure_built)
        actor = await on_pool(self._actor)
        slug, client = slug_from_path(self.router.url.path), self._client()
        shown = forms.read_shown_versions(form)
        values = InstitutionForm(
            name=str(form.get("name", ""))[:500],
            kind=str(form.get("kind", ""))[:30],
            description=str(form.get("description", ""))[:5000],
            contact=str(form.get("contact", ""))[:2000],
            website=str(form.get("website", ""))[:1000],
            area_ids=checked_ids(form, "area_"),
            space_ids=checked_ids(form, "space_"),
        )
        logo, logo_name = self._logo, self.logo_name
        person = {k: str(form.get(k, ""))[:1000] for k in ("display_name", "email", "password")}
        area_id = parse_id(form.get("area_id"))
        consents = (bool(form.get("accept_privacy")), bool(form.get("accept_terms")))

        def register(db: Session) -> tuple[InstitutionRef, bool]:
            kommune = kommunen.get_kommune_by_slug(db, slug)
            assert kommune.id is not None
            if not actor.is_anonymous:
                ref = institutions.register_institution(
                    db, actor, kommune.id, values, logo=logo, logo_name=logo_name
                )
                return ref, False
            # A new responsible person: both forms checked, every problem named at once.
            problems: list[InvalidInput] = []
            try:
                auth.register(
                    db,
                    kommune_slug=slug,
                    email=person["email"],
                    password=person["password"],
                    display_name=person["display_name"],
                    area_id=area_id,
                    accept_privacy=consents[0],
                    accept_terms=consents[1],
                    client=client,
                    shown_versions=shown,
                )
            except InvalidInput as exc:
                problems.extend(exc.problems)
            try:
                ref = institutions.register_institution(
                    db,
                    actor,
                    kommune.id,
                    values,
                    logo=logo,
                    logo_name=logo_name,
                    responsible_email=normalise_email(person["email"]) or "-",
                )
            except InvalidInput as exc:
                problems.extend(exc.problems)
            if problems:
                raise InvalidInputs(problems)
            return ref, True

        outcome = await self._run_off_loop(register, lines=_LINES)
        if outcome.ok and outcome.value is not None:
            ref, must_confirm = outcome.value
            key = "institution.registered_confirm" if must_confirm else "institution.registered"
            self.done = self._t(key, name=ref.name)
            self._logo, self.logo_name = b"", ""
            return None
        if "name" in self.field_errors:

            def offer() -> None:
                with session_scope() as db:
                    kommune = kommunen.get_kommune_by_slug(db, slug)
                    assert kommune.id is not None
                    self._offer(institutions.same_name(db, kommune.id, values.name))

            await on_pool(offer)
        return self._focus_first_error()


_s = InstitutionRegisterState
_errors = _s.field_errors


def _checkboxes(title: str, options: rx.Var, prefix: str, field: str) -> rx.Component:
    return rx.cond(
        options.length() > 0,  # type: ignore[attr-defined]
        rx.el.fieldset(
            rx.el.legend(t(title), style={"font_weight": "600"}),
            rx.foreach(
                options,
                lambda o: forms.checkbox(o.label, prefix + o.value),
            ),
            forms.field_error(field, _errors[field]),
            style={"border": "none", "padding": 0, "margin": "0 0 1rem"},
        ),
    )


def _person_fields() -> rx.Component:
    return rx.cond(
        PublicSession.logged_in,
        rx.text(t("institution.responsible_me").replace("{name}", PublicSession.user_name)),
        rx.fragment(
            rx.text(t("institution.responsible_new")),
            link_button(t("nav.login"), PublicSession.login_link, variant="soft"),
            forms.field(
                t("register.display_name"),
                "display_name",
                autocomplete="name",
                max_length=auth.NAME_MAX,
                error=_errors["display_name"],
            ),
            forms.field(
                t("register.email"),
                "email",
                type_="email",
                autocomplete="email",
                max_length=254,
                error=_errors["email"],
            ),
            forms.field(
                t("register.password"),
                "password",
                type_="password",
                autocomplete="new-password",
                hint=t("register.password_hint"),
                max_length=MAX_LENGTH,
                error=_errors["password"],
            ),
            forms.select(
                t("register.area"),
                "area_id",
                _s.areas,
                t("common.choose"),
                error=_errors["area_id"],
            ),
            rx.link(
                t("consent.read_privacy").replace("{version}", _s.privacy_version),
                href=routes.legal_href(_s.slug, "privacy", _s.privacy_version),
                is_external=True,
            ),
            forms.checkbox(
                rx.text(t("register.accept_privacy").replace("{version}", _s.privacy_version)),
                "accept_privacy",
                error=_errors["accept_privacy"],
            ),
            rx.link(
                t("consent.read_terms").replace("{version}", _s.terms_version),
                href=routes.legal_href(_s.slug, "terms", _s.terms_version),
                is_external=True,
            ),
            forms.checkbox(
                rx.text(t("register.accept_terms").replace("{version}", _s.terms_version)),
                "accept_terms",
                error=_errors["accept_terms"],
            ),
            forms.shown_versions(_s.privacy_version, _s.terms_version),
        ),
    )


def _existing() -> rx.Component:
    return rx.cond(
        _s.existing_name != "",
        rx.callout(
            rx.text(
                t("institution.exists_offer")
                .replace("{name}", _s.existing_name)
                .replace("{kommune}", _s.kommune_name),
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


def _form() -> rx.Component:
    return rx.form(
        rx.text(t("institution.register_intro").replace("{kommune}", _s.kommune_name)),
        forms.error_summary(_s.error, _s.field_errors),
        rx.el.div(
            rx.el.label(
                t("institution.name"),
                html_for="name",
                style={"font_weight": "600", "display": "block"},
            ),
            rx.el.input(
                id="name",
                name="name",
                required=True,
                max_length=120,
                on_blur=InstitutionRegisterState.check_name,
                style=forms.FIELD_STYLE,
                **forms.invalid_props("name", _errors["name"]),
            ),
            forms.field_error("name", _errors["name"]),
            style={"margin_bottom": "1rem"},
        ),
        _existing(),
        forms.select(
            t("institution.kind"),
            "kind",
            _s.kinds,
            t("institution.kind_choose"),
            error=_errors["kind"],
        ),
        forms.textarea(
            t("institution.description"), "description", 2000, error=_errors["description"]
        ),
        forms.textarea(t("institution.contact"), "contact", 500, error=_errors["contact"]),
        forms.field(
            t("institution.website"),
            "website",
            type_="url",
            required=False,
            max_length=300,
            error=_errors["website"],
        ),
        rx.el.div(
            rx.text(t("institution.logo"), weight="bold"),
            forms.logo_upload(
                t("institution.logo"),
                forms.chosen_file(_s.logo_name),
                _UPLOAD_ID,
                InstitutionRegisterState.upload_logo(rx.upload_files(upload_id=_UPLOAD_ID)),
            ),
            forms.field_error("logo", _errors["logo"]),
            style={"margin_bottom": "1rem"},
        ),
        _checkboxes("institution.areas", _s.areas, "area_", "area_ids"),
        _checkboxes("institution.spaces", _s.spaces, "space_", "space_ids"),
        rx.heading(t("institution.responsible"), size="5", as_="h2"),
        _person_fields(),
        forms.submit(t("institution.submit")),
        no_validate=True,
        on_submit=InstitutionRegisterState.submit,
        reset_on_submit=False,
        width="100%",
    )


def institution_register_page() -> rx.Component:
    return public_page(
        rx.cond(
            _s.loaded,
            rx.cond(
                _s.found,
                rx.vstack(
                    rx.heading(t("institution.register_title"), size="7", as_="h1"),
                    rx.cond(
                        _s.done != "",
                        rx.callout(_s.done, icon="check", color_scheme="green", role="status"),
                        _form(),
                    ),
                    width="100%",
                    max_width="640px",
                ),
                not_found_body(routes.HOME),
            ),
            rx.text(t("common.loading")),
        )
    )
