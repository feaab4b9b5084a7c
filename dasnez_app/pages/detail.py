"""One listing (/k/<slug>/eintrag/<id>): details, the author's name and ratings, contact, melden."""

from __future__ import annotations

from dataclasses import dataclass

import reflex as rx
from sqlmodel import Session, select

from dasnez_app import routes
from dasnez_app.components import (
    ask_parent_link,
    exchange_label,
    kind_badge,
    public_page,
    swap_line,
)
from dasnez_app.pages.print_notice import notice_link, print_notice_button
from dasnez_app.routes import ids_from_path
from dasnez_app.state import PublicSession
from dasnez_core.actor import Actor
from dasnez_core.db import session_scope
from dasnez_core.errors import NotFound
from dasnez_core.exchanges import listing_fields
from dasnez_core.formatting import format_number
from dasnez_core.models import ExchangeType, Listing
from dasnez_core.services import kommunen, youth
from dasnez_core.services.listing_photos import PhotoView, photos_of
from dasnez_core.services.masterdata_cache import master_by_slug
from dasnez_core.services.ratings import rating_summary
from dasnez_core.services.reports import REASON_MAX, report_listing
from dasnez_core.services.search import ListingDetail, get_listing_detail
from dasnez_core.services.youth import CONSENT_NEEDED
from dasnez_ui import forms
from dasnez_ui.db_thread import in_db_thread
from dasnez_ui.lang import t
from dasnez_ui.layout import link_button, not_found_body
from dasnez_ui.outcome import Form, Lines
from dasnez_ui.page_load import PageLoad


@dataclass
class PhotoItem:
    """A photo as the detail page shows it (upload names, no path)."""

    name: str
    thumb: str
    alt: str


class DetailState(PageLoad, PublicSession):
    loaded: bool = False
    found: bool = False
    slug: str = ""
    listing_id: int = 0
    kind: str = ""
    exchange_type: str = ""
    category: str = ""
    title: str = ""
    body: str = ""
    area: str = ""
    social_spaces: list[str] = []
    author: str = ""
    author_handle: str = ""  # "" when the author shows their profile to nobody: no link
    # Posted as an institution: its page (the author shown is the institution).
    institution_handle: str = ""
    # Stellvertretung: "vertreten durch <proxy>" under the author's first name.
    represented_line: str = ""
    rating_count: int = 0
    rating_average: str = ""
    created_at: str = ""
    updated_at: str = ""
    expires_on: str = ""
    # Exchange-specific details as shown, by field name ("" = not given).
    extras: dict[str, str] = {}
    # A Taschengeld job's day and window ("" = none), and for a minor why it does not fit.
    job_line: str = ""
    job_refusal: str = ""
    job_ask_parent: bool = False  # the refusal is a missing parent's consent
    is_public: bool = False
    is_own: bool = False
    swap_mode: str = ""
    swap_for: str = ""
    photos: list[PhotoItem] = []
    report_open: bool = False
    report_error: str = ""
    report_fields: dict[str, str] = {}
    report_done: str = ""
    # The Aushang download of this listing; "" when the caller may not print it.
    print_href: str = ""

    @rx.event
    async def load(self) -> rx.event.EventSpec | None:
        return await self._load_page_async()

    def _reset(self) -> tuple[str, int | None]:
        """Reset first: a load that fails below leaves no earlier listing behind."""
        slug, listing_id = ids_from_path(self.router.url.path)
        self._assign(slug=slug, listing_id=0, loaded=False, found=False, print_href="")
        self._assign(report_open=False, report_error="", report_done="", report_fields={})
        return slug, listing_id

    def _build(self) -> None:
        """The page for a handler that found its state lost (see PageLoad)."""
        slug, listing_id = self._reset()
        actor = self._refresh_session()
        try:
            with session_scope() as db:
                view = listing_view(db, actor, slug, listing_id, self.lang)
        except NotFound:
            self._assign(loaded=True, found=False)
            return
        self._show(*view)
        self._assign(print_href=notice_link(actor, slug, view[0]))

    async def _abuild(self) -> None:
        """The page load: the header, then the listing in one database visit off the loop."""
        slug, listing_id = self._reset()
        actor = await self._refresh_session_off_loop()
        lang = self.lang
        try:
            view = await in_db_thread(lambda db: listing_view(db, actor, slug, listing_id, lang))
        except NotFound:
            self._assign(loaded=True, found=False)
            return
        self._show(*view)
        self._assign(print_href=notice_link(actor, slug, view[0]))

    def _show(
        self,
        d: ListingDetail,
        summary: tuple[int, float],
        job: youth.JobView | None = None,
        photos: list[PhotoView] | None = None,
    ) -> None:
        lang = self.lang
        job = job or youth.JobView()
        self._assign(
            job_line=self._t(
                "youth.job_line", day=job.day, start=job.start, end=job.end, hours=job.hours
            )
            if job.day
            else "",
            job_refusal=self._t(job.refusal_key, **dict(job.refusal_params))
            if job.refusal_key
            else "",
            job_ask_parent=job.refusal_key == CONSENT_NEEDED,
        )
        self._assign(
            listing_id=d.id,
            kind=d.kind,
            exchange_type=d.exchange_type,
            category=d.category,
            title=d.title,
            body=d.body,
            area=d.area,
            social_spaces=d.social_spaces,
            author=d.author,
            author_handle=d.author_handle,
            institution_handle=d.institution_handle,
            represented_line=(
                ""
                if not d.represented
                else self._t("represented.by", name=d.represented_by)
                if d.represented_by
                else self._t("represented.by_office")
            ),
            created_at=d.created_at,
            updated_at=d.updated_at,
            expires_on=d.expires_on,
            extras={f.name: _shown(getattr(d, f.name), lang) for f in listing_fields()},
            is_public=d.is_public,
            is_own=d.is_own,
            rating_count=summary[0],
            rating_average=format_number(summary[1], lang, 1) if summary[0] else "",
            swap_mode=d.swap_mode,
            swap_for=d.swap_for,
            photos=[
                PhotoItem(
                    p.name,
                    p.thumb,
                    self._t("photo.alt", number=n, title=d.title),
                )
                for n, p in enumerate(photos or [], start=1)
            ],
        )
        self._assign(loaded=True, found=True)

    @rx.event
    def toggle_report(self) -> None:
        self.report_open = not self.report_open

    @rx.event
    def report(self, form: dict[str, str]) -> rx.event.EventSpec | None:
        self._ensure_built()
        actor, client = self._actor(), self._client()
        reason = str(form.get("reason", ""))[:5000]
        # The listing reported is the one of the route of this event, never one kept.
        slug, listing_id = ids_from_path(self.router.url.path)

        def report(db: Session) -> None:
            k = kommunen.get_kommune_by_slug(db, slug)
            if k.id is None or listing_id is None:
                raise NotFound("listing.not_found")
            report_listing(db, actor, k.id, listing_id, reason, client)

        if not self._run(
            report, lines=Lines("report_error", form=Form({"reason": "reason"}, "report_fields"))
        ).ok:
            return self._focus_first_error("report_fields")
        self.report_done = self._t("detail.report_done")
        self.report_open = False
        return None


def listing_view(
    db: Session, viewer: Actor, slug: str, listing_id: int | None, lang: str
) -> tuple[ListingDetail, tuple[int, float], youth.JobView, list[PhotoView]]:
    """The listing `listing_id` of the Kommune `slug` as `viewer` may see it, with its
    author's (count, average) rating, its Taschengeld job and its photos; NotFound if either
    is unknown or hidden."""
    kommune_id = master_by_slug(db, slug).kommune.id  # cached: no statement while fresh
    if listing_id is None:
        raise NotFound()
    d = get_listing_detail(db, viewer, kommune_id, listing_id, lang)
    job = youth.JobView()
    if d.exchange_type == ExchangeType.TASCHENGELD:
        listing = db.exec(
            select(Listing).where(Listing.id == d.id, Listing.kommune_id == kommune_id)
        ).one()
        job = youth.job_view(db, viewer, listing, lang)
    photos = photos_of(db, kommune_id, d.id)
    return d, _rating_summary(db, kommune_id, d.author_id), job, photos


def _shown(value: int | str, lang: str) -> str:
    """A listing's extra detail as text: a number with the language's separators, text
    (money comes already formatted) as it is; 0 and "" mean not given."""
    if isinstance(value, int):
        return format_number(value, lang) if value else ""
    return value


def _rating_summary(db: Session, kommune_id: int, user_id: int) -> tuple[int, float]:
    """(count, average) of the author's visible ratings."""
    summary = rating_summary(db, kommune_id, user_id)
    return summary.count, summary.average


def _fact(label: str, value: rx.Var) -> rx.Component:
    return rx.el.div(
        rx.el.dt(t(label), style={"font_weight": "600"}),
        rx.el.dd(value, style={"margin": "0 0 0.5rem 0"}),
    )


def _report_box() -> rx.Component:
    return rx.box(
        forms.success_line(DetailState.report_done),
        rx.button(
            t("detail.report"),
            on_click=DetailState.toggle_report,
            variant="outline",
            color_scheme="red",
            size="3",
        ),
        rx.cond(
            DetailState.report_open,
            rx.form(
                rx.text(t("detail.report_hint")),
                forms.error_summary(DetailState.report_error, DetailState.report_fields),
                forms.textarea(
                    t("detail.report_reason"),
                    "reason",
                    max_length=REASON_MAX,
                    error=DetailState.report_fields["reason"],
                ),
                forms.submit(t("detail.report_send")),
                no_validate=True,
                on_submit=DetailState.report,
                reset_on_submit=False,
                padding_top="0.75rem",
            ),
        ),
        padding_top="1rem",
        width="100%",
    )


def _photos() -> rx.Component:
    """The listing's photos; each opens in full size."""
    return rx.el.ul(
        rx.foreach(
            DetailState.photos,
            lambda p: rx.el.li(
                rx.link(
                    rx.image(
                        src=rx.get_upload_url(p.thumb),
                        alt=p.alt,
                        width="100%",
                        height="auto",
                        border_radius="8px",
                    ),
                    href=rx.get_upload_url(p.name),
                    is_external=True,
                ),
            ),
        ),
        aria_label=t("photo.heading"),
        style={
            "display": "grid",
            "grid_template_columns": "repeat(auto-fill, minmax(140px, 1fr))",
            "gap": "0.5rem",
            "list_style": "none",
            "padding": "0",
            "margin": "0",
            "width": "100%",
        },
    )


def _body() -> rx.Component:
    return rx.vstack(
        rx.hstack(
            kind_badge(DetailState.kind),
            rx.badge(exchange_label(DetailState.exchange_type), variant="outline", size="2"),
            wrap="wrap",
        ),
        rx.heading(DetailState.title, size="7", as_="h1"),
        rx.cond(
            ~DetailState.is_public, rx.callout(t("detail.not_public"), icon="info", role="status")
        ),
        swap_line(DetailState.swap_mode, DetailState.swap_for),
        rx.cond(DetailState.photos.length() > 0, _photos()),
        rx.text(DetailState.body, white_space="pre-wrap"),
        rx.cond(
            DetailState.job_refusal != "",
            rx.callout(DetailState.job_refusal, icon="info", role="note", color_scheme="amber"),
        ),
        rx.cond(DetailState.job_ask_parent, ask_parent_link()),
        rx.el.dl(
            _fact("detail.category", DetailState.category),
            _fact("detail.area", DetailState.area),
            rx.cond(
                DetailState.social_spaces.length() > 0,
                _fact("detail.spaces", DetailState.social_spaces.join(", ")),
            ),
            *[
                rx.cond(
                    DetailState.extras[f.name] != "",
                    _fact(f.detail_key, DetailState.extras[f.name]),
                )
                for f in listing_fields()
            ],
            rx.cond(DetailState.job_line != "", _fact("youth.job_when", DetailState.job_line)),
            _fact(
                "detail.author",
                rx.cond(
                    DetailState.institution_handle != "",
                    rx.link(
                        DetailState.author,
                        href=routes.institution_href(
                            DetailState.slug, DetailState.institution_handle
                        ),
                    ),
                    rx.cond(
                        DetailState.author_handle != "",
                        rx.link(
                            DetailState.author,
                            href=routes.person_href(DetailState.slug, DetailState.author_handle),
                        ),
                        rx.text(DetailState.author),
                    ),
                ),
            ),
            rx.cond(
                DetailState.represented_line != "",
                rx.text(DetailState.represented_line, size="2", color_scheme="gray"),
            ),
            _fact(
                "detail.rating",
                rx.cond(
                    DetailState.rating_count > 0,
                    rx.text("★ ", DetailState.rating_average, " (", DetailState.rating_count, ")"),
                    rx.text(t("detail.no_rating")),
                ),
            ),
            _fact("detail.created", DetailState.created_at),
            _fact("detail.updated", DetailState.updated_at),
            _fact("detail.expires", DetailState.expires_on),
        ),
        rx.cond(
            DetailState.is_own,
            rx.vstack(
                rx.text(t("detail.own")),
                link_button(
                    t("detail.edit"),
                    routes.listing_edit_href(DetailState.slug, DetailState.listing_id),
                    size="4",
                ),
            ),
            rx.cond(
                DetailState.logged_in,
                rx.cond(
                    DetailState.institution_handle != "",
                    # Messages to an institution land in its shared inbox.
                    link_button(
                        t("institution.contact_button").replace("{name}", DetailState.author),
                        routes.institution_href(DetailState.slug, DetailState.institution_handle)
                        + "#nachricht",
                        size="4",
                    ),
                    link_button(
                        t("detail.contact"),
                        routes.new_conversation_href(DetailState.listing_id),
                        size="4",
                    ),
                ),
                rx.vstack(
                    rx.text(t("detail.contact_login")),
                    link_button(t("nav.login"), DetailState.login_link, size="4"),
                ),
            ),
        ),
        print_notice_button(DetailState.print_href),
        rx.cond(DetailState.is_public & ~DetailState.is_own, _report_box()),
        rx.link(t("browse.title"), href=routes.browse_href(DetailState.slug)),
        spacing="4",
        width="100%",
    )


def detail_page() -> rx.Component:
    return public_page(
        rx.cond(
            DetailState.loaded,
            rx.cond(DetailState.found, _body(), not_found_body(routes.HOME)),
            rx.text(t("common.loading")),
        )
    )
