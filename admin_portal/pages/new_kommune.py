"""Platform staff set up a new Kommune (/kommune-anlegen): one page, five steps, one button.

Every value is checked at once and shown under its field; nothing is created until all of
it is right, and the form keeps what was typed. The Ortsteile preview is computed when the
text field is left. The logo is uploaded first and kept on the server until the Kommune is
created."""

from __future__ import annotations

import reflex as rx

from admin_portal import routes
from admin_portal.components import admin_page
from admin_portal.state import AdminSession
from dasnez_core.actor import Actor
from dasnez_core.errors import InvalidInput, NotAllowed
from dasnez_core.models import ExchangeType
from dasnez_core.permissions import Action, can
from dasnez_core.services.onboarding import (
    AREA_LINES_MAX,
    AreaLine,
    CreatedKommune,
    KommuneDraft,
    create_kommune,
    preview_areas,
)
from dasnez_core.uploads import LOGO_MAX_BYTES, check_logo
from dasnez_ui import forms
from dasnez_ui.lang import t
from dasnez_ui.outcome import Lines, form_fields
from dasnez_ui.page_load import PageLoad

ROUTE = routes.NEW_KOMMUNE
LOGO_UPLOAD_ID = "new_kommune_logo"
AREAS_MAX = 40_000
_FIRST_EXCHANGE = f"exchange_{next(iter(ExchangeType)).value}"
_TEXT_FIELDS = (
    "name",
    "slug",
    "postcodes",
    "kreis",
    "federal_state",
    "contact_name",
    "contact_email",
    "contact_phone",
    "contact_address",
    "admin_email",
    "admin_name",
)
_FORM = form_fields(*_TEXT_FIELDS, exchanges=_FIRST_EXCHANGE, logo=LOGO_UPLOAD_ID)
_LINES = Lines("error", "success", _FORM)


class NewKommuneState(PageLoad, AdminSession):
    allowed: bool = False
    error: str = ""
    success: str = ""
    field_errors: dict[str, str] = {}
    # What was typed, so that the form shows it again after a refusal or a re-render.
    values: dict[str, str] = {}
    chosen_exchanges: list[str] = [e.value for e in ExchangeType]
    templates: bool = True
    form_key: int = 0
    preview: list[AreaLine] = []
    preview_counts: str = ""
    logo_name: str = ""
    created_slug: str = ""
    # The uploaded logo, kept server-side until the Kommune is created.
    _logo: bytes = b""

    def _staff(self) -> Actor | None:
        actor = self._actor()
        return actor if can(actor, Action.CREATE_KOMMUNE) else None

    @rx.event
    def load(self) -> rx.event.EventSpec | None:
        return self._load_page()

    def _build(self) -> rx.event.EventSpec | None:
        self.error = self.success = self.created_slug = ""
        self.field_errors = {}
        actor = self._actor()
        if not self.logged_in:
            return rx.redirect(routes.HOME)
        self.allowed = can(actor, Action.CREATE_KOMMUNE)
        if not self.allowed:
            self.error = self._t("error.not_allowed")
        return None

    def _show_preview(self, text: str) -> None:
        preview = preview_areas(text)
        self.preview = preview.lines
        self.preview_counts = (
            self._t(
                "onboard.preview_counts",
                districts=preview.districts,
                villages=preview.villages,
                skipped=preview.skipped,
            )
            if preview.lines
            else ""
        )

    @rx.event
    def show_preview(self, text: str) -> None:
        """The Ortsteile as they would be imported (nothing is saved)."""
        if self._staff() is None:
            self.error, self.preview = self._t("error.not_allowed"), []
            return
        self._show_preview(str(text)[:AREAS_MAX])

    @rx.event
    async def upload_logo(self, files: list[rx.UploadFile]) -> None:
        if self._staff() is None:
            self.error, self._logo = self._t("error.not_allowed"), b""
            return
        upload = files[0] if files else None
        data = await upload.read(LOGO_MAX_BYTES + 1) if upload is not None else b""
        checked = self._check(
            lambda: check_logo(data),
            lines=Lines("error", "", form_fields("logo", logo=LOGO_UPLOAD_ID)),
        )
        if checked.ok:
            self._logo = data
            self.logo_name = str(upload.name or "logo")[:120] if upload is not None else ""
        else:
            self._logo, self.logo_name = b"", ""

    @rx.event
    def create(self, form: dict[str, str]) -> rx.event.EventSpec | None:
        actor = self._actor()
        typed = {name: str(form.get(name, ""))[:400] for name in _TEXT_FIELDS}
        areas = str(form.get("areas", ""))[:AREAS_MAX]
        exchanges = tuple(e.value for e in ExchangeType if form.get(f"exchange_{e.value}"))
        templates = bool(form.get("templates"))
        self.values = {**typed, "areas": areas}
        self.chosen_exchanges = list(exchanges)
        self.templates = templates
        self._show_preview(areas)
        draft = KommuneDraft(
            **typed,
            areas=areas,
            exchanges=exchanges,
            category_templates=exchanges if templates else (),
            logo=self._logo,
            logo_name=self.logo_name,
        )

        def call(db: object) -> CreatedKommune:
            if not can(actor, Action.CREATE_KOMMUNE):
                raise NotAllowed()
            if len(areas.splitlines()) > AREA_LINES_MAX:
                raise InvalidInput("areas", "masterdata.text_too_long", max=AREA_LINES_MAX)
            return create_kommune(db, actor, draft)  # type: ignore[arg-type]

        created = self._run(call, lines=_LINES).value
        if created is None:
            return self._focus_first_error()
        self.success = self._t(
            "onboard.created",
            name=created.name,
            districts=created.districts,
            villages=created.villages,
            categories=created.categories,
            email=created.admin_email,
        )
        self.created_slug = created.slug
        self.values, self.preview, self.preview_counts = {}, [], ""
        self.chosen_exchanges = [e.value for e in ExchangeType]
        self.templates = True
        self._logo, self.logo_name = b"", ""
        self.form_key += 1
        return rx.set_focus("created")


def _step(title: str, *children: rx.Component) -> rx.Component:
    return rx.el.fieldset(
        rx.el.legend(t(title), style={"font_weight": "700", "font_size": "1.2rem"}),
        *children,
        style={
            "border": "1px solid var(--gray-6)",
            "border_radius": "12px",
            "padding": "1rem 1.25rem",
            "width": "100%",
        },
    )


def _text(
    label: str, name: str, *, required: bool = True, hint: str = "", **kwargs: object
) -> rx.Component:
    return forms.field(
        t(label),
        name,
        required=required,
        value=NewKommuneState.values[name].to(str),
        error=NewKommuneState.field_errors[name],
        hint=t(hint) if hint else None,
        **kwargs,  # type: ignore[arg-type]
    )


def _preview_row(line: rx.Var[AreaLine]) -> rx.Component:
    return rx.table.row(
        rx.table.cell(line.line),
        rx.table.cell(line.district),
        rx.table.cell(line.village),
        rx.table.cell(
            rx.match(
                line.status,
                ("ok", rx.text(t("onboard.line.ok"), color_scheme="green")),
                ("duplicate", rx.text(t("onboard.line.duplicate"), color_scheme="red")),
                ("no_district", rx.text(t("onboard.line.no_district"), color_scheme="red")),
                ("too_long", rx.text(t("onboard.line.too_long"), color_scheme="red")),
                rx.text(t("onboard.line.header"), color_scheme="gray"),
            )
        ),
    )


def _areas_step() -> rx.Component:
    return _step(
        "onboard.step.areas",
        rx.el.label(
            t("onboard.field.areas"),
            html_for="areas",
            style={"font_weight": "600", "display": "block"},
        ),
        rx.el.textarea(
            id="areas",
            name="areas",
            rows=8,
            max_length=AREAS_MAX,
            default_value=NewKommuneState.values["areas"].to(str),
            on_blur=NewKommuneState.show_preview,
            aria_describedby="areas-hint",
            style=forms.FIELD_STYLE,
        ),
        rx.text(t("onboard.areas_hint"), id="areas-hint", size="2", color_scheme="gray"),
        rx.cond(
            NewKommuneState.preview.length() > 0,
            rx.vstack(
                rx.heading(t("onboard.preview"), size="3", as_="h3"),
                rx.text(NewKommuneState.preview_counts, role="status"),
                rx.table.root(
                    rx.table.header(
                        rx.table.row(
                            rx.table.column_header_cell(t("onboard.col.line")),
                            rx.table.column_header_cell(t("onboard.col.district")),
                            rx.table.column_header_cell(t("onboard.col.village")),
                            rx.table.column_header_cell(t("onboard.col.result")),
                        )
                    ),
                    rx.table.body(rx.foreach(NewKommuneState.preview, _preview_row)),
                    size="1",
                    width="100%",
                ),
                width="100%",
                data_testid="area-preview",
            ),
        ),
    )


def _logo_upload() -> rx.Component:
    return rx.vstack(
        rx.text(t("onboard.field.logo"), weight="bold"),
        forms.logo_upload(
            t("onboard.field.logo"),
            rx.vstack(
                rx.icon("upload", size=24, aria_hidden="true"),
                rx.text(t("masterdata.logo.upload"), weight="bold"),
                align="center",
                spacing="1",
            ),
            LOGO_UPLOAD_ID,
            NewKommuneState.upload_logo(rx.upload_files(upload_id=LOGO_UPLOAD_ID)),
        ),
        forms.field_error(LOGO_UPLOAD_ID, NewKommuneState.field_errors[LOGO_UPLOAD_ID]),
        rx.cond(
            NewKommuneState.logo_name != "",
            rx.text(t("onboard.logo_chosen").replace("{name}", NewKommuneState.logo_name)),
            rx.text(t("onboard.logo_none"), size="2", color_scheme="gray"),
        ),
        width="100%",
        margin_bottom="1rem",
    )


def _form() -> rx.Component:
    return rx.form(
        _step(
            "onboard.step.basics",
            _text("onboard.field.name", "name", max_length=120),
            _text("onboard.field.slug", "slug", max_length=64, hint="onboard.field.slug_hint"),
            _text(
                "onboard.field.postcodes",
                "postcodes",
                max_length=400,
                hint="onboard.field.postcodes_hint",
            ),
            _text("onboard.field.kreis", "kreis", required=False, max_length=120),
            _text("onboard.field.federal_state", "federal_state", required=False, max_length=60),
        ),
        _step(
            "onboard.step.contact",
            _text("onboard.field.contact_name", "contact_name", required=False, max_length=200),
            _text(
                "onboard.field.contact_email",
                "contact_email",
                type_="email",
                max_length=200,
            ),
            _text("onboard.field.contact_phone", "contact_phone", required=False, max_length=60),
            _text(
                "onboard.field.contact_address", "contact_address", required=False, max_length=300
            ),
            _logo_upload(),
        ),
        _step(
            "onboard.step.admin",
            _text(
                "onboard.field.admin_email",
                "admin_email",
                type_="email",
                max_length=254,
                hint="onboard.admin_hint",
            ),
            _text("onboard.field.admin_name", "admin_name", max_length=80),
        ),
        _areas_step(),
        _step(
            "onboard.step.exchanges",
            rx.text(t("onboard.field.exchanges"), weight="bold"),
            *[
                forms.checkbox(
                    t(f"exchange.{ex.value}"),
                    f"exchange_{ex.value}",
                    checked=NewKommuneState.chosen_exchanges.contains(ex.value),
                    error=NewKommuneState.field_errors[_FIRST_EXCHANGE]
                    if f"exchange_{ex.value}" == _FIRST_EXCHANGE
                    else None,
                )
                for ex in ExchangeType
            ],
            forms.checkbox(t("onboard.templates"), "templates", checked=NewKommuneState.templates),
            rx.text(t("onboard.templates_hint"), size="2", color_scheme="gray"),
            rx.text(t("onboard.legal_hint"), size="2", color_scheme="gray"),
        ),
        forms.submit(t("onboard.create")),
        no_validate=True,
        on_submit=NewKommuneState.create,
        reset_on_submit=False,
        key=NewKommuneState.form_key.to_string(),
        width="100%",
    )


def new_kommune_page() -> rx.Component:
    return admin_page(
        rx.vstack(
            rx.heading(t("onboard.title"), size="7", as_="h1"),
            rx.cond(
                NewKommuneState.allowed,
                rx.vstack(
                    rx.text(t("onboard.intro")),
                    forms.error_summary(NewKommuneState.error, NewKommuneState.field_errors),
                    rx.cond(
                        NewKommuneState.success != "",
                        rx.box(
                            forms.success_line(NewKommuneState.success),
                            rx.link(
                                t("admin.nav.kommunen"),
                                href=routes.KOMMUNEN,
                                id="created",
                            ),
                        ),
                    ),
                    _form(),
                    width="100%",
                    max_width="760px",
                    spacing="4",
                ),
                forms.error_line(NewKommuneState.error),
            ),
            width="100%",
            spacing="4",
        )
    )
