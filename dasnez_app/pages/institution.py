"""An institution's page in one Kommune (/k/<slug>/netzwerk/<handle>): description,
contact, served places, its open listings and dated notices, a message box for the
Kommune's people; for its members the Kommune switcher, posting, notices, the shared inbox,
the members and the "Link für Ihre Website" box.

Every handler takes the Kommune and the institution from the route of its own event and
asks the services, which check the caller; ids from the browser are looked up through the
institution and the Kommune.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import reflex as rx
from sqlmodel import Session

from dasnez_app import routes
from dasnez_app.components import listing_card, public_page
from dasnez_app.state import PublicSession
from dasnez_core.config import load_settings
from dasnez_core.errors import NotFound
from dasnez_core.printing.qr import qr_data_uri
from dasnez_core.services import institution_inbox as inbox
from dasnez_core.services import institution_members as members
from dasnez_core.services import institutions, kommunen
from dasnez_core.services.institution_inbox import InboxMessage, InboxThread
from dasnez_core.services.institution_members import MemberView
from dasnez_core.services.institutions import NoticeView
from dasnez_core.services.search import ListingCard, SearchFilters, search_public
from dasnez_ui import forms
from dasnez_ui.lang import t
from dasnez_ui.layout import link_button, not_found_body
from dasnez_ui.outcome import Lines, form_fields
from dasnez_ui.params import parse_id

_WRITE = Lines("write_error", "write_success", form_fields("message", prefix="write_"))
_NOTICE = Lines(
    "notice_error",
    "notice_success",
    form_fields("notice_title", "notice_body", "notice_date", "notice_until"),
)
_INVITE = Lines("invite_error", "invite_success", form_fields(email="invite_email"))
_ANSWER = Lines("answer_error", "answer_success", form_fields(message="answer_message"))
_MEMBERS = Lines("members_error", "members_success")
_REQUEST = Lines("request_error", "request_success", form_fields(kommune="request_kommune"))


@dataclass
class WebLink:
    """A link for the institution's own website, with its QR code (PNG data URI)."""

    label: str
    url: str
    qr: str
    file: str


@dataclass
class SwitchEntry:
    label: str
    href: str


class InstitutionState(PublicSession):
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
    areas: list[str] = []
    spaces: list[str] = []
    notices: list[NoticeView] = []
    listings: list[ListingCard] = []
    also_in: list[SwitchEntry] = []
    # The caller's side.
    can_write: bool = False
    conversation: list[InboxMessage] = []
    write_error: str = ""
    write_success: str = ""
    is_member: bool = False
    is_lead: bool = False
    switcher: list[SwitchEntry] = []
    threads: list[InboxThread] = []
    open_thread: int = 0
    open_person: str = ""
    open_messages: list[InboxMessage] = []
    answer_error: str = ""
    answer_success: str = ""
    notice_error: str = ""
    notice_success: str = ""
    member_list: list[MemberView] = []
    members_error: str = ""
    members_success: str = ""
    invite_error: str = ""
    invite_success: str = ""
    request_options: list[dict[str, str]] = []
    request_error: str = ""
    request_success: str = ""
    web_links: list[WebLink] = []
    field_errors: dict[str, str] = {}
    form_key: int = 0

    def _route(self) -> tuple[str, str]:
        return routes.institution_from_path(self.router.url.path)

    @rx.event
    def load(self) -> None:
        self.loaded = self.found = self.is_member = self.is_lead = self.can_write = False
        for var in ("write", "answer", "notice", "members", "invite", "request"):
            setattr(self, f"{var}_error", "")
            setattr(self, f"{var}_success", "")
        self.field_errors = {}
        self.open_thread, self.open_person, self.open_messages = 0, "", []
        self._refresh_session()
        self._fill()
        self.loaded = True

    def _fill(self) -> None:
        """Read the page for the route and the caller (everything reset first)."""
        actor = self._actor()
        slug, handle = self._route()
        self.slug, self.handle = slug, handle
        lang = self.lang
        self.found = False
        self.conversation, self.threads, self.member_list, self.switcher = [], [], [], []
        self.web_links, self.request_options = [], []
        from dasnez_core.db import session_scope

        with session_scope() as db:
            try:
                kommune = kommunen.get_kommune_by_slug(db, slug)
                assert kommune.id is not None
                page = institutions.institution_page(db, kommune.id, handle, date.today(), lang)
            except NotFound:
                return
            self.kommune_name = kommune.name
            self.name, self.description = page.name, page.description
            self.kind = self._t(institutions.kind_key(page.kind))
            self.contact, self.website, self.logo = page.contact, page.website, page.logo
            self.areas, self.spaces, self.notices = page.areas, page.spaces, page.notices
            self.also_in = [
                SwitchEntry(name, str(routes.institution_href(s, handle)))
                for s, name in page.kommunen
                if s != slug
            ]
            self.listings = search_public(
                db, kommune.id, SearchFilters(institution=handle), lang
            ).cards
            mine = members.membership_or_none(db, actor, kommune.id, handle)
            self.is_member = mine is not None
            self.is_lead = mine is not None and mine.is_lead
            self.can_write = (
                actor.is_approved
                and not actor.consent_due
                and actor.kommune_id == kommune.id
                and mine is None
            )
            if self.can_write:
                self.conversation = inbox.my_conversation(db, actor, kommune.id, handle, lang)
            if mine is not None:
                self._fill_member_side(db, kommune.id, kommune.name)
        self.found = True

    def _fill_member_side(self, db: Session, kommune_id: int, kommune_name: str) -> None:
        actor = self._actor()
        slug, handle = self.slug, self.handle
        self.switcher = [
            SwitchEntry(
                f"{m.name} – {m.kommune_name}",
                str(routes.institution_href(m.kommune_slug, m.handle)),
            )
            for m in members.my_institutions(db, actor)
        ]
        self.threads = inbox.inbox(db, actor, kommune_id, handle, self.lang)
        self.member_list = members.list_members(db, actor, kommune_id, handle)
        page_url, listings_url, kommune_url = routes.institution_web_links(
            load_settings().public_url, slug, handle
        )
        self.web_links = [
            WebLink(
                self._t("institution.link_page"),
                page_url,
                qr_data_uri(page_url),
                f"qr-{handle}.png",
            ),
            WebLink(
                self._t("institution.link_listings", kommune=kommune_name),
                listings_url,
                qr_data_uri(listings_url),
                f"qr-{handle}-eintraege.png",
            ),
            WebLink(
                self._t("institution.link_kommune", kommune=kommune_name),
                kommune_url,
                qr_data_uri(kommune_url),
                f"qr-{slug}.png",
            ),
        ]
        if self.is_lead:
            taken = {m.kommune_slug for m in members.my_institutions(db, actor)}
            self.request_options = [
                {"value": k.slug, "label": k.name}
                for k in kommunen.list_kommunen(db)
                if k.slug not in taken
            ]

    def _kommune_id(self, db: Session) -> int:
        kommune = kommunen.get_kommune_by_slug(db, self._route()[0])
        assert kommune.id is not None
        return kommune.id

    def _after(self) -> None:
        """Show the page again after an action (the message lines keep what it said)."""
        keep = self.open_thread
        self._fill()
        if keep and self.is_member:
            self._open(keep)
        self.form_key += 1

    # --- a person writes to the institution ----------------------------------------------

    @rx.event
    def write(self, form: dict[str, str]) -> None:
        actor = self._actor()
        _, handle = self._route()
        body = str(form.get("write_message", ""))[:5000]
        client = self._client()
        name = self.name
        outcome = self._run(
            lambda db: inbox.write_to_institution(
                db, actor, self._kommune_id(db), handle, body, client
            ),
            "institution.write_sent",
            lines=_WRITE,
            name=name,
        )
        if outcome.ok:
            self._after()

    # --- members: inbox ----------------------------------------------------------------------

    def _open(self, thread_id: int) -> None:
        actor = self._actor()
        _, handle = self._route()
        lang = self.lang
        outcome = self._run(
            lambda db: inbox.read_thread(db, actor, self._kommune_id(db), handle, thread_id, lang),
            lines=_MEMBERS,
        )
        if outcome.ok and outcome.value is not None:
            self.open_thread = thread_id
            self.open_person, self.open_messages = outcome.value
            for i, row in enumerate(self.threads):
                if row.id == thread_id and row.unread:
                    self.threads[i] = InboxThread(row.id, row.person, row.last_message_at, False)
        else:
            self.open_thread, self.open_person, self.open_messages = 0, "", []

    @rx.event
    def open_conversation(self, thread_id: str | int) -> None:
        wanted = parse_id(str(thread_id)[:20])
        self._open(wanted or 0)

    @rx.event
    def answer(self, form: dict[str, str]) -> None:
        actor = self._actor()
        _, handle = self._route()
        thread_id = parse_id(str(form.get("thread_id", ""))[:20]) or 0
        body = str(form.get("answer_message", ""))[:5000]
        outcome = self._run(
            lambda db: inbox.answer(db, actor, self._kommune_id(db), handle, thread_id, body),
            "institution.answer_sent",
            lines=_ANSWER,
        )
        if outcome.ok:
            self.open_thread = thread_id
            self._after()

    # --- members: notices ------------------------------------------------------------------

    @rx.event
    def add_notice(self, form: dict[str, str]) -> None:
        actor = self._actor()
        _, handle = self._route()
        values = {k: str(form.get(k, ""))[:5000] for k in ("notice_title", "notice_body")}
        day = str(form.get("notice_date", ""))[:20]
        until = str(form.get("notice_until", ""))[:20]
        outcome = self._run(
            lambda db: members.add_notice(
                db,
                actor,
                self._kommune_id(db),
                handle,
                title=values["notice_title"],
                body=values["notice_body"],
                event_date=day,
                publish_until=until,
            ),
            "institution.notice_added",
            lines=_NOTICE,
        )
        if outcome.ok:
            self._after()

    @rx.event
    def delete_notice(self, notice_id: str | int) -> None:
        actor = self._actor()
        _, handle = self._route()
        wanted = parse_id(str(notice_id)[:20]) or 0
        outcome = self._run(
            lambda db: members.delete_notice(db, actor, self._kommune_id(db), handle, wanted),
            "institution.notice_deleted",
            lines=Lines("notice_error", "notice_success"),
        )
        if outcome.ok:
            self._after()

    # --- the responsible person: members and further Kommunen -------------------------------

    @rx.event
    def invite(self, form: dict[str, str]) -> None:
        actor = self._actor()
        _, handle = self._route()
        email = str(form.get("invite_email", ""))[:300]
        lang = self.lang
        outcome = self._run(
            lambda db: members.invite_member(db, actor, self._kommune_id(db), handle, email, lang),
            "institution.invite_sent",
            lines=_INVITE,
        )
        if outcome.ok:
            self.form_key += 1

    @rx.event
    def remove_member(self, user_id: str | int) -> None:
        actor = self._actor()
        _, handle = self._route()
        wanted = parse_id(str(user_id)[:20]) or 0
        outcome = self._run(
            lambda db: members.remove_member(db, actor, self._kommune_id(db), handle, wanted),
            lines=_MEMBERS,
        )
        if outcome.ok:
            self.members_success = self._t("institution.member_removed", name=outcome.value)
            self._after()

    @rx.event
    def request_kommune(self, form: dict[str, str]) -> None:
        actor = self._actor()
        _, handle = self._route()
        wanted = str(form.get("request_kommune", ""))[:64]

        def ask(db: Session) -> str:
            try:
                kommune = kommunen.get_kommune_by_slug(db, wanted)
            except NotFound:
                from dasnez_core.errors import InvalidInput

                raise InvalidInput("kommune", "kommune.not_found") from None
            assert kommune.id is not None
            institutions.request_admission(db, actor, handle, kommune.id)
            return kommune.name

        outcome = self._run(ask, lines=_REQUEST)
        if outcome.ok:
            self.request_success = self._t("institution.request_sent", kommune=outcome.value)
            self._after()


# --- components ---------------------------------------------------------------------------


def _section(title: rx.Var[str] | str, *children: rx.Component, **props: object) -> rx.Component:
    return rx.card(
        rx.heading(title, size="5", as_="h2"),
        *children,
        width="100%",
        **props,
    )


def _notice(n: rx.Var[NoticeView], manage: bool) -> rx.Component:
    return rx.box(
        rx.heading(n.title, size="4", as_="h3"),
        rx.cond(
            n.event_date != "",
            rx.text(t("institution.notice_event"), " ", n.event_date, weight="bold"),
        ),
        rx.text(n.body),
        rx.button(
            t("institution.notice_delete").replace("{title}", n.title),
            on_click=InstitutionState.delete_notice(n.id),
            variant="soft",
            color_scheme="red",
            size="2",
        )
        if manage
        else rx.fragment(),
        padding_y="0.5rem",
    )


def _message(m: rx.Var[InboxMessage]) -> rx.Component:
    return rx.box(
        rx.text(m.sender, " · ", m.sent_at, size="2", color_scheme="gray"),
        rx.text(m.body, white_space="pre-wrap"),
        padding="0.5rem",
        border_left=rx.cond(
            m.from_institution, "4px solid var(--accent-8)", "4px solid var(--gray-6)"
        ),
        margin_bottom="0.5rem",
    )


def _public_part() -> rx.Component:
    s = InstitutionState
    return rx.fragment(
        rx.hstack(
            rx.cond(
                s.logo != "",
                rx.image(
                    src=rx.get_upload_url(s.logo),
                    alt=s.name,
                    max_height="64px",
                    max_width="min(160px, 40vw)",
                    object_fit="contain",
                ),
            ),
            rx.heading(s.name, size="7", as_="h1"),
            align="center",
            spacing="3",
            wrap="wrap",
        ),
        rx.badge(s.kind, size="3", variant="soft"),
        rx.text(s.description, white_space="pre-wrap"),
        _section(
            t("institution.page_contact"),
            rx.text(s.contact, white_space="pre-wrap"),
            rx.cond(
                s.website != "",
                rx.text(
                    t("institution.page_website"),
                    ": ",
                    rx.link(s.website, href=s.website, is_external=True),
                ),
            ),
            rx.cond(
                s.areas.length() > 0,
                rx.text(t("institution.page_areas"), ": ", s.areas.join(", ")),
            ),
            rx.cond(
                s.spaces.length() > 0,
                rx.text(t("institution.page_spaces"), ": ", s.spaces.join(", ")),
            ),
            rx.cond(
                s.also_in.length() > 0,
                rx.text(
                    t("institution.page_also_in"),
                    ": ",
                    rx.foreach(
                        s.also_in, lambda e: rx.link(e.label, href=e.href, margin_right="0.5rem")
                    ),
                ),
            ),
        ),
        rx.cond(
            s.notices.length() > 0,
            _section(
                t("institution.page_notices"),
                rx.foreach(s.notices, lambda n: _notice(n, False)),
                role="region",
                aria_label=t("institution.page_notices"),
            ),
        ),
        rx.heading(t("institution.page_listings"), size="5", as_="h2"),
        rx.cond(
            s.listings.length() > 0,
            rx.vstack(rx.foreach(s.listings, lambda c: listing_card(c, s.slug)), width="100%"),
            rx.text(t("institution.page_no_listings")),
        ),
        _write_box(),
    )


def _write_box() -> rx.Component:
    s = InstitutionState
    return rx.cond(
        s.can_write,
        _section(
            t("institution.write_title").replace("{name}", s.name),
            rx.foreach(s.conversation, _message),
            forms.error_line(s.write_error),
            forms.success_line(s.write_success),
            rx.form(
                forms.textarea(
                    t("institution.write_field"),
                    "write_message",
                    2000,
                    error=s.field_errors.get("write_message", ""),
                ),
                forms.submit(t("institution.write_submit")),
                on_submit=InstitutionState.write,
                reset_on_submit=False,
                no_validate=True,
                key=s.form_key.to_string() + "-write",
            ),
            id="nachricht",
        ),
        rx.cond(
            ~PublicSession.logged_in & ~s.is_member,
            rx.text(
                rx.link(
                    t("institution.write_login").replace("{name}", s.name),
                    href=PublicSession.login_link,
                )
            ),
        ),
    )


def _thread_row(row: rx.Var[InboxThread]) -> rx.Component:
    return rx.el.li(
        rx.button(
            t("institution.inbox_open").replace("{name}", row.person),
            on_click=InstitutionState.open_conversation(row.id),
            variant="soft",
            size="3",
        ),
        rx.text(" ", row.last_message_at, " ", size="2", color_scheme="gray", as_="span"),
        rx.cond(row.unread, rx.badge(t("institution.inbox_unread"), color_scheme="red")),
        style={"padding": "0.25rem 0"},
    )


def _inbox() -> rx.Component:
    s = InstitutionState
    return _section(
        t("institution.inbox"),
        forms.error_line(s.members_error),
        rx.cond(
            s.threads.length() > 0,
            rx.el.ul(
                rx.foreach(s.threads, _thread_row), style={"list_style": "none", "padding": 0}
            ),
            rx.text(t("institution.inbox_empty")),
        ),
        rx.cond(
            s.open_thread > 0,
            rx.box(
                rx.heading(
                    t("institution.thread_with").replace("{name}", s.open_person),
                    size="4",
                    as_="h3",
                ),
                rx.foreach(s.open_messages, _message),
                forms.error_line(s.answer_error),
                forms.success_line(s.answer_success),
                rx.form(
                    rx.el.input(type="hidden", name="thread_id", value=s.open_thread.to_string()),
                    forms.textarea(
                        t("institution.answer_field"),
                        "answer_message",
                        2000,
                        error=s.field_errors.get("answer_message", ""),
                    ),
                    forms.submit(t("institution.answer_submit")),
                    on_submit=InstitutionState.answer,
                    reset_on_submit=False,
                    no_validate=True,
                    key=s.form_key.to_string() + "-answer",
                ),
                padding_top="1rem",
            ),
        ),
        id="postfach",
    )


def _notices_manage() -> rx.Component:
    s = InstitutionState
    return _section(
        t("institution.page_notices"),
        rx.foreach(s.notices, lambda n: _notice(n, True)),
        forms.error_line(s.notice_error),
        forms.success_line(s.notice_success),
        rx.form(
            forms.field(
                t("institution.notice_title"),
                "notice_title",
                max_length=120,
                error=s.field_errors.get("notice_title", ""),
            ),
            forms.field(
                t("institution.notice_body"),
                "notice_body",
                required=False,
                max_length=2000,
                error=s.field_errors.get("notice_body", ""),
            ),
            forms.field(
                t("institution.notice_date"),
                "notice_date",
                type_="date",
                required=False,
                error=s.field_errors.get("notice_date", ""),
            ),
            forms.field(
                t("institution.notice_until_field"),
                "notice_until",
                type_="date",
                required=False,
                error=s.field_errors.get("notice_until", ""),
            ),
            forms.submit(t("institution.notice_add")),
            on_submit=InstitutionState.add_notice,
            reset_on_submit=False,
            no_validate=True,
            key=s.form_key.to_string() + "-notice",
        ),
    )


def _member_row(m: rx.Var[MemberView]) -> rx.Component:
    return rx.el.li(
        rx.text(m.name, as_="span"),
        rx.cond(m.is_lead, rx.text(" (", t("institution.lead"), ")", as_="span")),
        rx.cond(
            InstitutionState.is_lead & ~m.is_me,
            rx.button(
                t("institution.remove_member").replace("{name}", m.name),
                on_click=InstitutionState.remove_member(m.user_id),
                variant="soft",
                color_scheme="red",
                size="2",
                margin_left="0.5rem",
            ),
        ),
        style={"padding": "0.25rem 0"},
    )


def _members() -> rx.Component:
    s = InstitutionState
    return _section(
        t("institution.members"),
        forms.success_line(s.members_success),
        rx.el.ul(
            rx.foreach(s.member_list, _member_row), style={"list_style": "none", "padding": 0}
        ),
        rx.cond(
            s.is_lead,
            rx.fragment(
                forms.error_line(s.invite_error),
                forms.success_line(s.invite_success),
                rx.form(
                    forms.field(
                        t("institution.invite_email"),
                        "invite_email",
                        type_="email",
                        autocomplete="off",
                        error=s.field_errors.get("invite_email", ""),
                    ),
                    forms.submit(t("institution.invite_submit")),
                    on_submit=InstitutionState.invite,
                    reset_on_submit=True,
                    no_validate=True,
                    key=s.form_key.to_string() + "-invite",
                ),
                rx.heading(t("institution.request_kommune"), size="4", as_="h3"),
                forms.error_line(s.request_error),
                forms.success_line(s.request_success),
                rx.form(
                    forms.select(
                        t("institution.request_kommune_field"),
                        "request_kommune",
                        s.request_options,
                        t("institution.kind_choose"),
                        error=s.field_errors.get("request_kommune", ""),
                    ),
                    forms.submit(t("institution.request_kommune")),
                    on_submit=InstitutionState.request_kommune,
                    reset_on_submit=False,
                    no_validate=True,
                ),
            ),
        ),
    )


def _web_link(link: rx.Var[WebLink]) -> rx.Component:
    return rx.box(
        rx.text(link.label, weight="bold"),
        rx.el.input(
            value=link.url,
            read_only=True,
            aria_label=link.label,
            style=forms.FIELD_STYLE,
        ),
        rx.hstack(
            rx.button(
                t("institution.link_copy"),
                on_click=[rx.set_clipboard(link.url), rx.toast(t("institution.link_copied"))],
                variant="soft",
                size="3",
            ),
            rx.link(
                rx.image(src=link.qr, alt="", width="96px", height="96px"),
                t("institution.link_qr"),
                href=link.qr,
                download=link.file,
            ),
            align="center",
            wrap="wrap",
            spacing="3",
        ),
        padding_y="0.5rem",
    )


def _member_part() -> rx.Component:
    s = InstitutionState
    return rx.cond(
        s.is_member,
        rx.vstack(
            rx.heading(t("institution.member_area"), size="6", as_="h2"),
            rx.cond(
                s.switcher.length() > 1,
                rx.el.nav(
                    rx.text(t("institution.switcher"), weight="bold"),
                    rx.el.ul(
                        rx.foreach(s.switcher, lambda e: rx.el.li(rx.link(e.label, href=e.href))),
                    ),
                    aria_label=t("institution.switcher"),
                ),
            ),
            rx.cond(
                s.is_lead,
                link_button(
                    t("institution.edit_link"), routes.institution_edit_href(s.slug, s.handle)
                ),
            ),
            link_button(
                t("institution.new_listing").replace("{name}", s.name),
                routes.new_listing_href(s.slug)
                + "?"
                + routes.AS_INSTITUTION_PARAM
                + "="
                + s.handle,
            ),
            _inbox(),
            _notices_manage(),
            _members(),
            _section(
                t("institution.links_title"),
                rx.text(t("institution.links_intro")),
                rx.foreach(s.web_links, _web_link),
            ),
            width="100%",
            spacing="4",
        ),
    )


def institution_page() -> rx.Component:
    s = InstitutionState
    return public_page(
        rx.cond(
            s.loaded,
            rx.cond(
                s.found,
                rx.vstack(_public_part(), _member_part(), spacing="4", width="100%"),
                not_found_body(routes.HOME),
            ),
            rx.text(t("common.loading")),
        )
    )
