"""Page frame: header with home link, language switch and login state; a narrow column
(or, with `wide`, up to 1400 px for the admin portal's tables)."""

from __future__ import annotations

from typing import Any

import reflex as rx

from dasnez_ui.lang import document_language, language_switch, t


def page_frame(
    header_right: rx.Component,
    *children: rx.Component,
    title: rx.Var[str] | str = "",
    home: str,
    footer: rx.Component | None = None,
    wide: bool = False,
    language_switch_in_header: bool = True,
) -> rx.Component:
    """The frame of every page; `footer` (the app's links to its legal texts) goes into
    the page's <footer> landmark. One compact header row down to 320 px; pass
    `language_switch_in_header=False` when `header_right` carries the switch itself (the
    public app puts it into the logged-in person's menu)."""
    width = "1400px" if wide else "960px"
    return rx.box(
        document_language(),
        rx.el.a(t("common.skip_to_content"), href="#main", class_name="skip-link"),
        rx.el.header(
            rx.hstack(
                rx.link(
                    rx.text(t("app.name"), size="5", weight="bold"), href=home, underline="none"
                ),
                rx.spacer(),
                language_switch() if language_switch_in_header else rx.fragment(),
                header_right,
                align="center",
                wrap="wrap",
                spacing="2",
                style={"max_width": width, "margin": "0 auto", "padding": "0.5rem 0.75rem"},
            ),
            style={"border_bottom": "1px solid var(--gray-5)", "background": "var(--accent-2)"},
        ),
        rx.el.main(
            *children,
            id="main",
            style={"max_width": width, "margin": "0 auto", "padding": "1rem"},
        ),
        page_footer(footer) if footer is not None else rx.fragment(),
        style={"font_size": "1.05rem", "line_height": "1.5"},
    )


def page_footer(links: rx.Component) -> rx.Component:
    """The <footer> landmark under every page, holding the app's `links`."""
    return rx.el.footer(
        rx.box(links, style={"max_width": "1400px", "margin": "0 auto", "padding": "1rem"}),
        style={"border_top": "1px solid var(--gray-5)", "margin_top": "2rem"},
    )


def footer_links(label: rx.Var[str], *links: rx.Component) -> rx.Component:
    """A named navigation of footer links, wrapping on narrow screens."""
    return rx.el.nav(
        rx.hstack(*links, spacing="4", wrap="wrap"),
        aria_label=label,
    )


def current_page(route: str) -> rx.Var[bool]:
    """Whether the browser is on `route` (a fixed path; prod serves it with a slash)."""
    path = rx.State.router.url.path
    return (path == route) | (path == route + "/")


def nav_link(label: rx.Var[str], route: str, **props: Any) -> rx.Component:
    """A menu link that tells screen readers when it is the page shown (aria-current)."""
    return rx.link(
        label, href=route, aria_current=rx.cond(current_page(route), "page", "false"), **props
    )


def page_title(
    name: rx.Var[str] | str, kommune: rx.Var[str] | str = "", *, admin: bool = False
) -> rx.Var[str]:
    """ "<page> – <Kommune> – dasnez" in the person's language (the Kommune left out while it
    is empty), for `add_page(title=…)`."""
    app = t("title.admin_app" if admin else "title.app")
    sep = " – "
    if isinstance(kommune, str) and not kommune:
        return (name + sep + app).to(str)  # type: ignore[operator]
    with_kommune = name + sep + kommune + sep + app  # type: ignore[operator]
    return rx.cond(kommune != "", with_kommune, name + sep + app).to(str)


def not_found_body(home: str) -> rx.Component:
    return rx.vstack(
        rx.heading(t("not_found.title"), size="7", as_="h1"),
        rx.text(t("not_found.text")),
        link_button(t("nav.home"), home),
        spacing="4",
        padding_y="2rem",
    )


def link_button(
    label: rx.Var[str],
    href: rx.Var[str] | str,
    size: str = "3",
    variant: str = "solid",
    on_click: rx.event.EventType[()] | None = None,
) -> rx.Component:
    """A link that looks like a button (a link nested in a button is invalid HTML);
    `on_click` handles a plain click in place (the link stays for a new tab)."""
    events = {} if on_click is None else {"on_click": on_click}
    return rx.button(
        rx.link(label, href=href, underline="none", **events),
        as_child=True,
        size=size,
        variant=variant,
    )
