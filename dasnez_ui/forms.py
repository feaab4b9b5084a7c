"""Form pieces with real labels, large tap targets and an accessible error line."""

from __future__ import annotations

from typing import Any

import reflex as rx

from dasnez_ui.lang import t

FIELD_STYLE = {
    "width": "100%",
    "font_size": "1.05rem",
    "padding": "0.6rem",
    "min_height": "48px",
    "border": "1px solid var(--gray-8)",
    "border_radius": "8px",
}


def field(
    label: rx.Var[str],
    name: str,
    *,
    type_: str = "text",
    hint: rx.Var[str] | None = None,
    autocomplete: str = "off",
    max_length: int | None = None,
    required: bool = True,
    value: rx.Var[str] | str = "",
    input_mode: str | None = None,
) -> rx.Component:
    """A labelled input; `value` pre-fills it (give the form a `key` that changes when the
    values arrive, so the uncontrolled input shows them)."""
    return rx.el.div(
        rx.el.label(label, html_for=name, style={"font_weight": "600", "display": "block"}),
        rx.el.input(
            id=name,
            name=name,
            type=type_,
            auto_complete=autocomplete,
            required=required,
            max_length=max_length,
            default_value=value,
            input_mode=input_mode,
            style=FIELD_STYLE,
        ),
        rx.text(hint, size="2", color_scheme="gray") if hint is not None else rx.fragment(),
        style={"margin_bottom": "1rem"},
    )


def textarea(
    label: rx.Var[str], name: str, max_length: int, value: rx.Var[str] | str = ""
) -> rx.Component:
    return rx.el.div(
        rx.el.label(label, html_for=name, style={"font_weight": "600", "display": "block"}),
        rx.el.textarea(
            id=name,
            name=name,
            rows=6,
            max_length=max_length,
            required=True,
            default_value=value,
            style=FIELD_STYLE,
        ),
        style={"margin_bottom": "1rem"},
    )


def select(
    label: rx.Var[str],
    name: str,
    options: rx.Var,
    placeholder: rx.Var[str],
    required: bool = True,
    value: rx.Var[str] | str = "",
) -> rx.Component:
    """A native select (the phone's own picker); `options` is a list of {value, label}."""
    return rx.el.div(
        rx.el.label(label, html_for=name, style={"font_weight": "600", "display": "block"}),
        rx.el.select(
            rx.el.option(placeholder, value=""),
            rx.foreach(options, lambda o: rx.el.option(o["label"], value=o["value"])),
            id=name,
            name=name,
            required=required,
            default_value=value,
            style=FIELD_STYLE,
        ),
        style={"margin_bottom": "1rem"},
    )


def checkbox(
    label: rx.Var[str] | rx.Component, name: str | rx.Var[str], checked: rx.Var[bool] | bool = False
) -> rx.Component:
    return rx.el.div(
        rx.el.input(
            type="checkbox",
            id=name,
            name=name,
            default_checked=checked,
            style={"width": "28px", "height": "28px", "flex_shrink": "0"},
        ),
        rx.el.label(label, html_for=name),
        style={
            "display": "flex",
            "gap": "0.75rem",
            "align_items": "center",
            "margin_bottom": "1rem",
        },
    )


def error_line(message: rx.Var[str]) -> rx.Component:
    return rx.cond(
        message != "",
        rx.callout(
            message,
            icon="triangle_alert",
            color_scheme="red",
            role="alert",
            size="2",
            style={"margin_bottom": "1rem"},
        ),
        rx.fragment(),
    )


def success_line(message: rx.Var[str]) -> rx.Component:
    return rx.cond(
        message != "",
        rx.callout(
            message,
            icon="check",
            color_scheme="green",
            role="status",
            style={"margin_bottom": "1rem"},
        ),
        rx.fragment(),
    )


def submit(label: rx.Var[str]) -> rx.Component:
    return rx.button(label, type="submit", size="4", style={"width": "100%"})


def labelled_upload(label: rx.Var[str], *children: rx.Component, **props: Any) -> rx.Component:
    """`rx.upload` whose hidden file input has a name (WCAG 4.1.2): Reflex creates that
    input itself and passes it no props, so the label is set on it after creation."""
    upload = rx.upload(*children, **props)
    for component in _walk(upload):
        if isinstance(component, rx.el.Input) and str(component.type) == '"file"':
            component.custom_attrs["aria-label"] = label
    return upload


def _walk(component: rx.Component) -> list[rx.Component]:
    found = [component]
    for child in component.children:
        found += _walk(child)
    return found


def login_form(error: rx.Var[str], on_submit: Any) -> rx.Component:
    """Email + password form of both apps' login pages."""
    return rx.form(
        error_line(error),
        field(t("login.email"), "email", type_="email", autocomplete="username"),
        field(t("login.password"), "password", type_="password", autocomplete="current-password"),
        submit(t("login.submit")),
        on_submit=on_submit,
        width="100%",
    )
