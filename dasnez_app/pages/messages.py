"""Messages between citizens: the list (/nachrichten), opening the conversation about a
listing (/nachrichten/neu?eintrag=<id>) and one conversation (/nachrichten/<id>) with the
"Hilfe hat stattgefunden" confirmation and the rating."""

from __future__ import annotations

import reflex as rx

from dasnez_app import routes
from dasnez_app.components import ask_parent_link, public_page
from dasnez_app.routes import conversation_id_from_path
from dasnez_app.state import PublicSession
from dasnez_core.actor import Actor
from dasnez_core.db import session_scope
from dasnez_core.errors import DomainError
from dasnez_core.exchanges import agreement_values
from dasnez_core.services import contact, ratings, represented, youth
from dasnez_core.services.contact import BODY_MAX, ConversationRow, MessageView, Thread
from dasnez_core.services.representation import full_names
from dasnez_core.services.youth import CONSENT_NEEDED
from dasnez_ui import forms
from dasnez_ui.lang import t
from dasnez_ui.layout import link_button, not_found_body
from dasnez_ui.outcome import Form, Lines
from dasnez_ui.page_load import PageLoad
from dasnez_ui.params import parse_id

# --- /nachrichten -----------------------------------------------------------------------------

# The thread page's three forms, each with its own lines and field errors.
_REPLY = Lines("error", "success", Form({"body": "body"}, "reply_fields"))
_AGREEMENT = Lines(
    "agreement_error",
    "agreement_success",
    Form(
        {
            "value": "value",
            "job_date": "job_date",
            "job_start": "job_start",
            "job_hours": "job_hours",
        },
        "agreement_fields",
    ),
)
_RATING = Lines(
    "rating_error",
    "rating_success",
    Form({"stars": "stars", "comment": "comment"}, "rating_fields"),
)


class MessagesState(PageLoad, PublicSession):
    loaded: bool = False
    rows: list[ConversationRow] = []
    page: int = 1
    has_next: bool = False
    error: str = ""

    @rx.event
    def load(self) -> rx.event.EventSpec | None:
        return self._load_page()

    def _build(self) -> rx.event.EventSpec | None:
        self.loaded, self.error, self.rows, self.page = False, "", [], 1
        actor = self._refresh_session()
        if actor.is_anonymous:
            return rx.redirect(routes.LOGIN)
        self._show(actor, 1)
        return None

    @rx.event
    def older(self) -> None:
        self._ensure_built()
        actor = self._actor()
        self._show(actor, self.page + 1)

    @rx.event
    def newer(self) -> None:
        self._ensure_built()
        actor = self._actor()
        self._show(actor, max(1, self.page - 1))

    def _show(self, actor: Actor, page: int) -> None:
        result = self._run(
            lambda db: contact.conversations(
                db, actor, actor.kommune_id or 0, page, lang=self.lang
            ),
            lines=Lines("error"),
        ).value
        if result is None:
            self.rows, self.has_next = [], False
        else:
            self.rows, self.page, self.has_next = result.rows, result.page, result.has_next
        self.loaded = True


def _conversation_row(row: rx.Var[ConversationRow]) -> rx.Component:
    return rx.el.li(
        rx.link(
            rx.card(
                rx.vstack(
                    rx.hstack(
                        rx.heading(row.listing_title, size="4", as_="h2"),
                        rx.cond(
                            row.unread,
                            rx.badge(t("contact.unread"), color_scheme="red", size="2"),
                        ),
                        wrap="wrap",
                        align="center",
                    ),
                    rx.text(t("contact.with"), " ", row.other_name),
                    rx.cond(
                        row.for_person != "",
                        rx.badge(
                            t("represented.for").replace("{name}", row.for_person),
                            color_scheme="violet",
                            size="2",
                        ),
                    ),
                    rx.text(
                        rx.cond(
                            row.has_messages,
                            rx.fragment(t("contact.last_message"), " ", row.last_message_at),
                            t("contact.no_messages_yet"),
                        ),
                        size="2",
                        color_scheme="gray",
                    ),
                    spacing="1",
                ),
                size="3",
                style={"border_left": rx.cond(row.unread, "6px solid var(--red-9)", "none")},
            ),
            href=routes.thread_href(row.id),
            underline="none",
        ),
        style={"list_style": "none", "margin_bottom": "0.75rem"},
        data_testid="conversation",
    )


def messages_page() -> rx.Component:
    return public_page(
        rx.cond(
            MessagesState.loaded,
            rx.vstack(
                rx.heading(t("contact.list_title"), size="7", as_="h1"),
                rx.cond(
                    PublicSession.user_status == "pending",
                    rx.callout(t("contact.account_pending"), icon="info", role="status"),
                ),
                forms.error_line(MessagesState.error),
                rx.cond(
                    MessagesState.rows.length() > 0,
                    rx.el.ul(
                        rx.foreach(MessagesState.rows, _conversation_row),
                        aria_label=t("contact.list_label"),
                        style={"padding": "0", "margin": "0", "width": "100%"},
                    ),
                    rx.text(t("contact.list_empty")),
                ),
                rx.hstack(
                    rx.cond(
                        MessagesState.page > 1,
                        rx.button(
                            t("contact.newer_page"),
                            on_click=MessagesState.newer,
                            size="3",
                            variant="soft",
                        ),
                    ),
                    rx.cond(
                        MessagesState.has_next,
                        rx.button(
                            t("contact.older_page"),
                            on_click=MessagesState.older,
                            size="3",
                            variant="soft",
                        ),
                    ),
                    wrap="wrap",
                ),
                width="100%",
                max_width="720px",
            ),
            rx.text(t("common.loading")),
        )
    )


# --- /nachrichten/neu?eintrag=<id> ------------------------------------------------------------


class NewConversationState(PublicSession):
    notice: str = ""
    # A minor refused for want of a parent's consent: the page links where to ask for it.
    ask_parent: bool = False

    @rx.event
    def load(self) -> rx.event.EventSpec | None:
        actor = self._refresh_session()
        if actor.is_anonymous:
            return rx.redirect(routes.LOGIN)
        self.notice, self.ask_parent = "", False
        listing_id = parse_id(
            self.router.url.query_parameters.get(routes.NEW_CONVERSATION_LISTING_PARAM)
        )
        if listing_id is None:
            self.notice = self._t("contact.listing_missing")
            return None
        started = self._run(
            lambda db: contact.start_conversation(db, actor, actor.kommune_id or 0, listing_id),
            lines=Lines("notice"),
        )
        if not started.ok:
            self.ask_parent = started.key == CONSENT_NEEDED
            return None
        return rx.redirect(routes.thread_href(started.value))


def new_conversation_page() -> rx.Component:
    return public_page(
        rx.vstack(
            rx.heading(t("contact.write_title"), size="7", as_="h1"),
            rx.cond(
                NewConversationState.notice != "",
                rx.vstack(
                    rx.callout(NewConversationState.notice, icon="info", role="status", size="3"),
                    rx.cond(NewConversationState.ask_parent, ask_parent_link()),
                    rx.cond(
                        PublicSession.user_kommune_slug != "",
                        link_button(
                            t("nav.home"), routes.kommune_href(PublicSession.user_kommune_slug)
                        ),
                    ),
                    spacing="4",
                ),
                rx.text(t("contact.opening")),
            ),
            width="100%",
            max_width="720px",
        )
    )


# --- /nachrichten/<id> --------------------------------------------------------------------------


class ThreadState(PageLoad, PublicSession):
    loaded: bool = False
    found: bool = False
    conversation_id: int = 0
    kommune_slug: str = ""
    listing_id: int = 0
    listing_title: str = ""
    other_handle: str = ""  # "" when the other person shows their profile to nobody
    other_name: str = ""
    other_email: str = ""
    # Stellvertretung: the represented person the caller writes for here, else "".
    for_person: str = ""
    messages: list[MessageView] = []
    page: int = 1
    has_older: bool = False
    reply_notice: str = ""
    value_kind: str = ""
    agreement_value: str = ""
    agreement_exists: bool = False
    i_confirmed: bool = False
    other_confirmed: bool = False
    # Who confirmed for a represented side ("Bestätigt: Helga Hilfreich für Erna"), else "".
    confirmed_for: str = ""
    my_rating: int = 0
    # A minor on the other side: their age band and what the law allows them (texts).
    other_age: str = ""
    other_note: str = ""
    # A Taschengeld agreement records the job: whether to ask, and the listing's proposal.
    job_fields: bool = False
    job_date: str = ""
    job_start: str = ""
    job_hours: str = ""
    # Changes after every sent message, so the reply form (keyed by it) starts empty again.
    sent_count: int = 0
    error: str = ""
    success: str = ""
    agreement_error: str = ""
    agreement_success: str = ""
    rating_error: str = ""
    rating_success: str = ""
    reply_fields: dict[str, str] = {}
    agreement_fields: dict[str, str] = {}
    rating_fields: dict[str, str] = {}

    @rx.var
    def agreement_done(self) -> bool:
        return self.i_confirmed and self.other_confirmed

    @rx.event
    def load(self) -> rx.event.EventSpec | None:
        return self._load_page()

    def _build(self) -> rx.event.EventSpec | None:
        self._clear_lines()
        self.loaded = self.found = False
        actor = self._actor()
        if actor.is_anonymous:
            return rx.redirect(routes.LOGIN)
        cid = conversation_id_from_path(self.router.url.path) or 0
        actor = self._acting(actor, cid)
        try:
            with session_scope() as db:
                contact.mark_read(db, actor, actor.kommune_id or 0, cid)
        except DomainError:
            self.loaded, self.found = True, False
            self._refresh_session()
            return None
        self._show(actor, cid, 1)
        self._refresh_session()
        return None

    @rx.event
    def send(self, form: dict[str, str]) -> rx.event.EventSpec | None:
        self._ensure_built()
        cid = conversation_id_from_path(self.router.url.path) or 0
        actor = self._acting(self._actor(), cid)
        client = self._client()
        self._clear_lines()
        if self._run(
            lambda db: contact.send_message(
                db, actor, actor.kommune_id or 0, cid, str(form.get("body", ""))[:10_000], client
            ),
            "contact.sent",
            lines=_REPLY,
        ).ok:
            self.sent_count += 1
            self._show(actor, cid, 1)
            return None
        return self._focus_first_error("reply_fields")

    @rx.event
    def confirm(self, form: dict[str, str]) -> rx.event.EventSpec | None:
        self._ensure_built()
        cid = conversation_id_from_path(self.router.url.path) or 0
        actor = self._acting(self._actor(), cid)
        self._clear_lines()
        if self._run(
            lambda db: contact.confirm_agreement(
                db,
                actor,
                actor.kommune_id or 0,
                cid,
                str(form.get("value", ""))[:100],
                lang=self.lang,
                job=youth.JobInput(
                    day=str(form.get("job_date", ""))[:20],
                    start=str(form.get("job_start", ""))[:10],
                    hours=str(form.get("job_hours", ""))[:10],
                    holiday=bool(form.get("school_holiday")),
                ),
            ),
            "agreement.saved",
            lines=_AGREEMENT,
        ).ok:
            self._show(actor, cid, self.page)
            return None
        return self._focus_first_error("agreement_fields")

    @rx.event
    def rate(self, form: dict[str, str]) -> rx.event.EventSpec | None:
        self._ensure_built()
        cid = conversation_id_from_path(self.router.url.path) or 0
        actor = self._acting(self._actor(), cid)
        self._clear_lines()
        if self._run(
            lambda db: ratings.rate(
                db,
                actor,
                actor.kommune_id or 0,
                cid,
                parse_id(form.get("stars")),
                str(form.get("comment", ""))[:5000],
                admin_only=bool(form.get("admin_only")),
            ),
            "rating.saved",
            lines=_RATING,
        ).ok:
            self._show(actor, cid, self.page)
            return None
        return self._focus_first_error("rating_fields")

    @rx.event
    def older(self) -> None:
        self._ensure_built()
        cid = conversation_id_from_path(self.router.url.path) or 0
        actor = self._acting(self._actor(), cid)
        self._show(actor, cid, self.page + 1)

    @rx.event
    def newer(self) -> None:
        self._ensure_built()
        cid = conversation_id_from_path(self.router.url.path) or 0
        actor = self._acting(self._actor(), cid)
        self._show(actor, cid, max(1, self.page - 1))

    def _acting(self, actor: Actor, cid: int) -> Actor:
        """Who takes part: the caller, or the person the caller represents in this
        conversation (Stellvertretung; `for_person` then names them on the page)."""
        self.for_person = ""
        if actor.is_anonymous:
            return actor
        with session_scope() as db:
            acting, _ = represented.acting_for_conversation(db, actor, actor.kommune_id or 0, cid)
            if acting.user_id != actor.user_id and acting.user_id is not None:
                self.for_person = full_names(db, [acting.user_id]).get(acting.user_id, "")
        return acting

    def _clear_lines(self) -> None:
        self.error = self.success = ""
        self.agreement_error = self.agreement_success = ""
        self.rating_error = self.rating_success = ""
        self.reply_fields, self.agreement_fields, self.rating_fields = {}, {}, {}

    def _show(self, actor: Actor, cid: int, page: int) -> None:
        try:
            with session_scope() as db:
                view = contact.thread(db, actor, actor.kommune_id or 0, cid, page, lang=self.lang)
        except DomainError:
            self.loaded, self.found = True, False
            return
        self._apply(view)
        self.loaded, self.found = True, True

    def _apply(self, view: Thread) -> None:
        self.conversation_id = view.id
        self.kommune_slug = view.kommune_slug
        self.listing_id, self.listing_title = view.listing_id, view.listing_title
        self.other_handle, self.other_name = view.other_handle, view.other_name
        self.other_email = view.other_email
        self.messages, self.page, self.has_older = view.messages, view.page, view.has_older
        self.reply_notice = self._t(view.reply_refused) if view.reply_refused else ""
        agreement = view.agreement
        self.value_kind, self.agreement_value = agreement.value_kind, agreement.value
        self.agreement_exists = agreement.exists
        self.i_confirmed, self.other_confirmed = agreement.i_confirmed, agreement.other_confirmed
        names = [
            self._t("represented.agreement_office_for", person=s.person)
            if s.office
            else self._t("represented.agreement_for", proxy=s.proxy, person=s.person)
            for s in agreement.stand_ins
        ]
        self.confirmed_for = (
            self._t("represented.agreement_confirmed_by", names="; ".join(names)) if names else ""
        )
        self.my_rating = view.my_rating
        self.other_age = self._t(f"youth.band.{view.other_age_band}") if view.other_age_band else ""
        self.other_note = self._t(view.other_note_key) if view.other_note_key else ""
        self.job_fields = view.job_fields
        self.job_date, self.job_start, self.job_hours = view.job_defaults


def _message(m: rx.Var[MessageView]) -> rx.Component:
    return rx.el.li(
        rx.box(
            rx.text(
                rx.text.strong(m.sender_name),
                " · ",
                m.sent_at,
                size="2",
                color_scheme="gray",
            ),
            # Plain text: markup a person typed is shown, never run.
            rx.text(m.body, style={"white_space": "pre-wrap", "overflow_wrap": "anywhere"}),
            style={
                "background": rx.cond(m.mine, "var(--accent-3)", "var(--gray-3)"),
                "padding": "0.75rem",
                "border_radius": "8px",
                "margin_left": rx.cond(m.mine, "2rem", "0"),
                "margin_right": rx.cond(m.mine, "0", "2rem"),
            },
        ),
        style={"list_style": "none", "margin_bottom": "0.5rem"},
        data_testid="message",
    )


def _thread_head() -> rx.Component:
    return rx.vstack(
        rx.link(t("contact.back_to_list"), href=routes.MESSAGES),
        rx.text(t("contact.about"), size="2", color_scheme="gray"),
        rx.heading(ThreadState.listing_title, size="7", as_="h1"),
        rx.cond(
            ThreadState.for_person != "",
            rx.callout(
                t("represented.acting_for").replace("{name}", ThreadState.for_person),
                icon="user",
                color_scheme="violet",
            ),
        ),
        rx.hstack(
            rx.text(t("contact.with"), " ", rx.text.strong(ThreadState.other_name)),
            rx.cond(
                ThreadState.other_handle != "",
                rx.link(
                    t("contact.to_profile"),
                    href=routes.person_href(ThreadState.kommune_slug, ThreadState.other_handle),
                ),
            ),
            rx.link(
                t("contact.to_listing"),
                href=routes.listing_href(ThreadState.kommune_slug, ThreadState.listing_id),
            ),
            wrap="wrap",
            spacing="3",
        ),
        rx.cond(
            ThreadState.other_age != "",
            rx.callout(
                rx.text(
                    rx.text.strong(t("youth.band_label"), " ", ThreadState.other_age),
                    " · ",
                    ThreadState.other_note,
                ),
                icon="info",
                role="note",
                size="1",
            ),
        ),
        rx.cond(
            ThreadState.other_email != "",
            rx.text(
                t("contact.shared_email"),
                " ",
                rx.link(ThreadState.other_email, href="mailto:" + ThreadState.other_email),
            ),
        ),
        spacing="2",
        width="100%",
    )


def _messages() -> rx.Component:
    return rx.vstack(
        rx.cond(
            ThreadState.has_older,
            rx.button(
                t("contact.older_messages"), on_click=ThreadState.older, size="3", variant="soft"
            ),
        ),
        rx.cond(
            ThreadState.messages.length() > 0,
            rx.el.ol(
                rx.foreach(ThreadState.messages, _message),
                aria_label=t("contact.messages_label"),
                style={"padding": "0", "margin": "0", "width": "100%"},
            ),
            rx.text(t("contact.thread_empty")),
        ),
        rx.cond(
            ThreadState.page > 1,
            rx.button(
                t("contact.newer_messages"), on_click=ThreadState.newer, size="3", variant="soft"
            ),
        ),
        width="100%",
    )


def _reply_form() -> rx.Component:
    return rx.box(
        forms.error_summary(ThreadState.error, ThreadState.reply_fields),
        forms.success_line(ThreadState.success),
        rx.cond(
            ThreadState.reply_notice != "",
            rx.callout(ThreadState.reply_notice, icon="info", size="2"),
            rx.form(
                forms.textarea(
                    t("contact.reply_label"),
                    "body",
                    max_length=BODY_MAX,
                    error=ThreadState.reply_fields["body"],
                ),
                rx.text(
                    t("contact.reply_hint"),
                    size="2",
                    color_scheme="gray",
                    style={"margin_top": "-0.75rem", "margin_bottom": "1rem"},
                ),
                forms.submit(t("contact.send")),
                no_validate=True,
                on_submit=ThreadState.send,
                key=ThreadState.sent_count.to_string(),
                width="100%",
            ),
        ),
        width="100%",
    )


def _agreement_value() -> rx.Component:
    return rx.cond(
        ThreadState.agreement_value != "",
        rx.text(
            rx.match(
                ThreadState.value_kind,
                *[
                    (v.unit.value, t(v.shown_key).replace("{value}", ThreadState.agreement_value))
                    for v in agreement_values()
                ],
                ThreadState.agreement_value,
            ),
            weight="bold",
        ),
    )


def _confirm_form() -> rx.Component:
    # The value the exchange's rule asks for (dasnez_core.exchanges); none for the others.
    value_field = rx.match(
        ThreadState.value_kind,
        *[
            (
                v.unit.value,
                forms.field(
                    t(v.label_key),
                    "value",
                    hint=t("agreement.value_hint"),
                    max_length=20,
                    error=ThreadState.agreement_fields["value"],
                ),
            )
            for v in agreement_values()
        ],
        rx.fragment(),
    )
    errors = ThreadState.agreement_fields
    job = rx.vstack(
        rx.text(t("youth.job_hint"), size="2", color_scheme="gray"),
        forms.field(
            t("youth.job_date"),
            "job_date",
            type_="date",
            required=False,
            value=ThreadState.job_date,
            error=errors["job_date"],
        ),
        forms.field(
            t("youth.job_start"),
            "job_start",
            type_="time",
            required=False,
            value=ThreadState.job_start,
            error=errors["job_start"],
        ),
        forms.field(
            t("youth.job_hours"),
            "job_hours",
            max_length=5,
            input_mode="decimal",
            required=False,
            value=ThreadState.job_hours,
            error=errors["job_hours"],
        ),
        forms.checkbox(t("youth.school_holiday"), "school_holiday"),
        spacing="0",
        width="100%",
    )
    return rx.form(
        rx.cond(ThreadState.agreement_exists, rx.fragment(), value_field),
        rx.cond(ThreadState.agreement_exists | ~ThreadState.job_fields, rx.fragment(), job),
        forms.submit(t("agreement.mark_done")),
        no_validate=True,
        on_submit=ThreadState.confirm,
        reset_on_submit=False,
        key=ThreadState.job_date + ThreadState.job_start,
        width="100%",
    )


def _agreement() -> rx.Component:
    return rx.el.section(
        rx.heading(t("agreement.title"), size="5", as_="h2"),
        forms.error_summary(ThreadState.agreement_error, ThreadState.agreement_fields),
        forms.success_line(ThreadState.agreement_success),
        rx.cond(
            ThreadState.confirmed_for != "",
            rx.text(ThreadState.confirmed_for, data_testid="agreement-confirmed-for"),
        ),
        rx.cond(
            ThreadState.agreement_done,
            rx.vstack(rx.text(t("agreement.done")), _agreement_value()),
            rx.cond(
                ThreadState.i_confirmed,
                rx.vstack(
                    rx.text(t("agreement.waiting").replace("{name}", ThreadState.other_name)),
                    _agreement_value(),
                ),
                rx.vstack(
                    rx.cond(
                        ThreadState.other_confirmed,
                        rx.text(
                            t("agreement.other_confirmed").replace("{name}", ThreadState.other_name)
                        ),
                        rx.text(t("agreement.intro")),
                    ),
                    _agreement_value(),
                    rx.cond(
                        ThreadState.reply_notice == "",
                        _confirm_form(),
                    ),
                    width="100%",
                ),
            ),
        ),
        aria_label=t("agreement.title"),
        style={"width": "100%", "padding_top": "1rem", "border_top": "1px solid var(--gray-5)"},
    )


def _star_choice(stars: int) -> rx.Component:
    return rx.el.label(
        rx.el.input(
            type="radio",
            name="stars",
            value=str(stars),
            required=True,
            style={"width": "24px", "height": "24px"},
            **forms.invalid_props("stars", ThreadState.rating_fields["stars"]),
        ),
        rx.text(t(f"rating.star_{stars}")),
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


def _rating_form() -> rx.Component:
    return rx.form(
        # The group carries the id the error summary links to and the focus goes to (a
        # radio with an id would be read by the form as that id's value, checked or not).
        rx.el.fieldset(
            rx.el.legend(
                t("rating.question").replace("{name}", ThreadState.other_name),
                style={"font_weight": "600", "margin_bottom": "0.5rem"},
            ),
            *[_star_choice(n) for n in range(1, 6)],
            forms.field_error("stars", ThreadState.rating_fields["stars"]),
            id="stars",
            tab_index=-1,
            style={
                "display": "grid",
                "gap": "0.5rem",
                "border": "none",
                "padding": "0",
                "margin_bottom": "1rem",
            },
        ),
        rx.el.div(
            rx.el.label(
                t("rating.comment_label"),
                html_for="comment",
                style={"font_weight": "600", "display": "block"},
            ),
            rx.el.textarea(
                id="comment",
                name="comment",
                rows=4,
                max_length=ratings.COMMENT_MAX,
                style=forms.FIELD_STYLE,
                **forms.invalid_props("comment", ThreadState.rating_fields["comment"]),
            ),
            forms.field_error("comment", ThreadState.rating_fields["comment"]),
            style={"margin_bottom": "1rem"},
        ),
        forms.checkbox(t("rating.admin_only_label"), "admin_only"),
        forms.submit(t("rating.submit")),
        no_validate=True,
        on_submit=ThreadState.rate,
        width="100%",
    )


def _rating() -> rx.Component:
    return rx.cond(
        ThreadState.agreement_done,
        rx.el.section(
            rx.heading(t("rating.title"), size="5", as_="h2"),
            forms.error_summary(ThreadState.rating_error, ThreadState.rating_fields),
            forms.success_line(ThreadState.rating_success),
            rx.cond(
                ThreadState.my_rating > 0,
                rx.text(t("rating.given").replace("{stars}", ThreadState.my_rating.to_string())),
                _rating_form(),
            ),
            aria_label=t("rating.title"),
            style={
                "width": "100%",
                "padding_top": "1rem",
                "border_top": "1px solid var(--gray-5)",
            },
        ),
    )


def thread_page() -> rx.Component:
    return public_page(
        rx.cond(
            ThreadState.loaded,
            rx.cond(
                ThreadState.found,
                rx.vstack(
                    _thread_head(),
                    _messages(),
                    _reply_form(),
                    rx.cond(ThreadState.messages.length() > 0, _agreement()),
                    _rating(),
                    spacing="4",
                    width="100%",
                    max_width="720px",
                ),
                not_found_body(routes.HOME),
            ),
            rx.text(t("common.loading")),
        )
    )
