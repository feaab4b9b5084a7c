"""Each public page's own title, "<page> – <Kommune> – dasnez" (WCAG 2.4.2), in the chosen
language; the Kommune and record names come from the page's state once it has loaded."""

from __future__ import annotations

import reflex as rx

from dasnez_app import routes
from dasnez_app.pages.account import AccountState
from dasnez_app.pages.browse import BrowseState
from dasnez_app.pages.detail import DetailState
from dasnez_app.pages.institution import InstitutionState
from dasnez_app.pages.institution_edit import InstitutionEditState
from dasnez_app.pages.institution_register import InstitutionRegisterState
from dasnez_app.pages.kommune import KommuneState
from dasnez_app.pages.legal import LegalState
from dasnez_app.pages.messages import ThreadState
from dasnez_app.pages.new_listing import NewListingState
from dasnez_app.pages.person import PersonState
from dasnez_app.pages.register import RegisterState
from dasnez_app.pages.youth_info import YouthInfoState
from dasnez_ui.lang import t
from dasnez_ui.layout import page_title


def _named(name: rx.Var[str], fallback_key: str) -> rx.Var[str]:
    """A record's name, or a general word until it has loaded."""
    return rx.cond(name != "", name, t(fallback_key)).to(str)


def _new_or_edit() -> rx.Var[str]:
    return rx.cond(
        NewListingState.listing_id > 0, t("title.edit_listing"), t("title.new_listing")
    ).to(str)


TITLES: dict[str, rx.Var[str]] = {
    routes.HOME: page_title(t("title.home")),
    routes.LOGIN: page_title(t("login.title")),
    routes.KOMMUNE: page_title(_named(KommuneState.name, "title.browse")),
    routes.REGISTER: page_title(t("register.submit"), RegisterState.kommune_name),
    routes.NEW_LISTING: page_title(_new_or_edit(), NewListingState.kommune_name),
    routes.BROWSE: page_title(t("title.browse"), BrowseState.kommune_name),
    routes.LISTING: page_title(_named(DetailState.title, "title.listing")),
    routes.LISTING_EDIT: page_title(_new_or_edit(), NewListingState.kommune_name),
    routes.MY_LISTINGS: page_title(t("nav.own_listings")),
    routes.ACCOUNT: page_title(t("nav.account"), AccountState.kommune_name),
    routes.TIME_ACCOUNT: page_title(t("timebank.title")),
    routes.FORGOT_PASSWORD: page_title(t("title.forgot_password")),
    routes.RESET_PASSWORD: page_title(t("title.reset_password")),
    routes.EMAIL_CONFIRM: page_title(t("title.email_confirm")),
    routes.REGISTRATION_CONFIRM: page_title(t("title.registration_confirm")),
    routes.INTEREST_CONFIRM: page_title(t("interest.confirm_title")),
    routes.MESSAGES: page_title(t("nav.messages")),
    routes.NEW_CONVERSATION: page_title(t("title.new_conversation")),
    routes.THREAD: page_title(_named(ThreadState.listing_title, "nav.messages")),
    routes.PERSON: page_title(_named(PersonState.display_name, "title.person")),
    routes.CONSENT: page_title(t("consent.title")),
    routes.INSTITUTION: page_title(
        _named(InstitutionState.name, "title.institution"), InstitutionState.kommune_name
    ),
    routes.INSTITUTION_REGISTER: page_title(
        t("title.institution_register"), InstitutionRegisterState.kommune_name
    ),
    routes.INSTITUTION_EDIT: page_title(
        t("title.institution_edit"), InstitutionEditState.kommune_name
    ),
    routes.INSTITUTION_INVITE: page_title(t("title.institution_invite")),
    routes.PARENT_CONSENT: page_title(t("youth.parent_title")),
    routes.YOUTH_INFO: page_title(t("youth.info_title"), YouthInfoState.kommune_name),
    routes.WEEKLY_SHEET: page_title(t("print.weekly_page_title")),
    routes.REPRESENTED: page_title(t("represented.title")),
    routes.NOT_FOUND: page_title(t("not_found.title")),
}

# The legal texts: the same page for each text, inside a Kommune and the platform's own.
_LEGAL_NAMES = {
    "imprint": "legal.kind.imprint",
    "privacy": "legal.kind.privacy",
    "terms": "legal.kind.terms",
    "accessibility": "legal.kind.accessibility",
    "easy": "legal.easy.title",
}
_KOMMUNE_LEGAL = {
    "imprint": routes.KOMMUNE_IMPRINT,
    "privacy": routes.KOMMUNE_PRIVACY,
    "terms": routes.KOMMUNE_TERMS,
    "accessibility": routes.KOMMUNE_ACCESSIBILITY,
    "easy": routes.KOMMUNE_EASY,
}
for _page, _key in _LEGAL_NAMES.items():
    TITLES[_KOMMUNE_LEGAL[_page]] = page_title(t(_key), LegalState.kommune_name)
    TITLES[routes.platform_legal_href(_page)] = page_title(t(_key))
