"""Form pieces with real labels, large tap targets and accessible errors: each field's
message right under it (tied to the control by `aria-describedby`, the control marked
`aria-invalid`), and a summary above the form that links to every field in error.

The forms set `no_validate`: the browser's own checks would stop a submission at the first
empty field, one bubble at a time; the server names every problem at once instead (the
controls keep `required`, which screen readers announce)."""

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


ERROR_STYLE = {"color": "var(--red-11)", "font_weight": "600", "margin": "0.25rem 0 0"}


def error_id(name: str) -> str:
    """The id of the text that shows the error of the control `name`."""
    return f"{name}-error"


def hint_id(name: str) -> str:
    return f"{name}-hint"


def invalid_props(name: str, error: rx.Var[str] | None, hint: bool = False) -> dict[str, Any]:
    """`aria-invalid` and `aria-describedby` (the error's id, then the hint's) of a control."""
    hint_ids = hint_id(name) if hint else None
    if error is None:
        return {"aria_describedby": hint_ids} if hint_ids else {}
    both = f"{error_id(name)} {hint_ids}" if hint_ids else error_id(name)
    return {
        "aria_invalid": rx.cond(error, "true", "false"),
        "aria_describedby": rx.cond(error, both, hint_ids or ""),
    }


def field_error(name: str, error: rx.Var[str] | None) -> rx.Component:
    """The error of the control `name`, right under it (nothing while there is none)."""
    if error is None:
        return rx.fragment()
    return rx.cond(error, rx.el.p(error, id=error_id(name), style=ERROR_STYLE), rx.fragment())


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
    error: rx.Var[str] | None = None,
) -> rx.Component:
    """A labelled input; `value` pre-fills it (give the form a `key` that changes when the
    values arrive, so the uncontrolled input shows them); `error` is shown under it."""
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
            **invalid_props(name, error, hint is not None),
        ),
        field_error(name, error),
        rx.text(hint, id=hint_id(name), size="2", color_scheme="gray")
        if hint is not None
        else rx.fragment(),
        style={"margin_bottom": "1rem"},
    )


def textarea(
    label: rx.Var[str],
    name: str,
    max_length: int,
    value: rx.Var[str] | str = "",
    error: rx.Var[str] | None = None,
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
            **invalid_props(name, error),
        ),
        field_error(name, error),
        style={"margin_bottom": "1rem"},
    )


def select(
    label: rx.Var[str],
    name: str,
    options: rx.Var,
    placeholder: rx.Var[str],
    required: bool = True,
    value: rx.Var[str] | str = "",
    error: rx.Var[str] | None = None,
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
            **invalid_props(name, error),
        ),
        field_error(name, error),
        style={"margin_bottom": "1rem"},
    )


def checkbox(
    label: rx.Var[str] | rx.Component,
    name: str | rx.Var[str],
    checked: rx.Var[bool] | bool = False,
    error: rx.Var[str] | None = None,
) -> rx.Component:
    """A checkbox and its label; `error` (only for a fixed `name`) is shown under it."""
    box = rx.el.div(
        rx.el.input(
            type="checkbox",
            id=name,
            name=name,
            default_checked=checked,
            style={"width": "28px", "height": "28px", "flex_shrink": "0"},
            **(invalid_props(name, error) if isinstance(name, str) else {}),
        ),
        rx.el.label(label, html_for=name),
        style={"display": "flex", "gap": "0.75rem", "align_items": "center"},
    )
    shown = field_error(name, error) if isinstance(name, str) else rx.fragment()
    return rx.el.div(box, shown, style={"margin_bottom": "1rem"})


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


def _summary_link(control_id: rx.Var[str], message: rx.Var) -> rx.Component:
    """A link to the field in error that also gives it the focus (a client-side route link
    to "#id" alone would neither scroll nor focus)."""
    return rx.el.a(
        message,
        href="#" + control_id,
        on_click=rx.call_script("document.getElementById('" + control_id + "')?.focus()"),
        style={"color": "var(--red-11)"},
    )


def error_summary(error: rx.Var[str], field_errors: rx.Var[dict[str, str]]) -> rx.Component:
    """Above a form: every field's error as a link to that field, and any other error."""
    errors = field_errors.to(dict)
    return rx.cond(
        (error != "") | (errors.length() > 0),
        rx.el.div(
            rx.cond(
                errors.length() > 0,
                rx.el.div(
                    rx.el.p(t("form.errors_summary"), style={"font_weight": "700", "margin": 0}),
                    rx.el.ul(
                        rx.foreach(
                            errors.entries(),
                            lambda entry: rx.el.li(_summary_link(entry[0].to(str), entry[1])),
                        ),
                        style={"margin": "0.5rem 0 0", "padding_left": "1.25rem"},
                    ),
                ),
                rx.fragment(),
            ),
            rx.cond(error != "", rx.el.p(error, style={"margin": 0}), rx.fragment()),
            role="alert",
            style={
                "border": "2px solid var(--red-9)",
                "background": "var(--red-2)",
                "color": "var(--red-12)",
                "border_radius": "8px",
                "padding": "0.75rem 1rem",
                "margin_bottom": "1rem",
                "width": "100%",
            },
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


def shown_versions(privacy: rx.Var[str], terms: rx.Var[str]) -> rx.Component:
    """The versions of the privacy notice and the terms a consent form shows, sent with it:
    a consent records what the person read, not what the state holds when it arrives."""
    return rx.fragment(
        rx.el.input(type="hidden", name="privacy_version", value=privacy),
        rx.el.input(type="hidden", name="terms_version", value=terms),
    )


def read_shown_versions(form: dict[str, Any]) -> tuple[str, str]:
    """(privacy, terms) as `shown_versions` sent them ("" for a missing one)."""
    return str(form.get("privacy_version", ""))[:50], str(form.get("terms_version", ""))[:50]


def submit(label: rx.Var[str]) -> rx.Component:
    """The form's submit button; it shows a spinner while the server works (phone.js)."""
    return rx.button(
        label, type="submit", size="4", class_name="dz-submit", style={"width": "100%"}
    )


def labelled_upload(label: rx.Var[str], *children: rx.Component, **props: Any) -> rx.Component:
    """`rx.upload` whose hidden file input has a name (WCAG 4.1.2): Reflex creates that
    input itself and passes it no props, so the label is set on it after creation."""
    upload = rx.upload(*children, **props)
    for component in _walk(upload):
        if isinstance(component, rx.el.Input) and str(component.type) == '"file"':
            component.custom_attrs["aria-label"] = label
    return upload


def logo_upload(
    label: rx.Var[str],
    content: rx.Component,
    upload_id: str,
    on_drop: Any,
    *,
    padding: str = "1rem",
) -> rx.Component:
    """A drop zone for one logo (PNG, JPEG or WebP) holding `content` (a hint, or the
    chosen file's name: `chosen_file`); every logo of both apps is chosen here."""
    return labelled_upload(
        label,
        content,
        id=upload_id,
        multiple=False,
        max_files=1,
        accept={
            "image/png": [".png"],
            "image/jpeg": [".jpg", ".jpeg"],
            "image/webp": [".webp"],
        },
        on_drop=on_drop,
        border="2px dashed var(--gray-8)",
        border_radius="12px",
        padding=padding,
        width="100%",
        cursor="pointer",
    )


def chosen_file(file_name: rx.Var[str]) -> rx.Component:
    """The drop zone's text: the chosen file's name, or the invitation to choose one."""
    return rx.text(rx.cond(file_name != "", file_name, t("masterdata.logo.upload")))


def _walk(component: rx.Component) -> list[rx.Component]:
    found = [component]
    for child in component.children:
        found += _walk(child)
    return found


def login_form(
    error: rx.Var[str], field_errors: rx.Var[dict[str, str]], on_submit: Any
) -> rx.Component:
    """Email + password form of both apps' login pages."""
    return rx.form(
        error_summary(error, field_errors),
        field(
            t("login.email"),
            "email",
            type_="email",
            autocomplete="username",
            error=field_errors["email"],
        ),
        field(
            t("login.password"),
            "password",
            type_="password",
            autocomplete="current-password",
            error=field_errors["password"],
        ),
        submit(t("login.submit")),
        no_validate=True,
        on_submit=on_submit,
        width="100%",
    )
