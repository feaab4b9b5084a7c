""" "Ihre Kommune ist noch nicht dabei.": the interest form the landing page shows when its
search finds no Kommune (email, postcode, as whom one writes; double opt-in)."""

from __future__ import annotations

import reflex as rx

from dasnez_app.state import PublicSession
from dasnez_core.services.interest import ROLES, signup_interest
from dasnez_ui import forms
from dasnez_ui.lang import t
from dasnez_ui.outcome import Lines, form_fields

_FORM = Lines(
    "interest_error",
    "interest_success",
    form_fields("email", "postcode", "kreis", "role", prefix="interest_"),
)


class InterestState(PublicSession):
    """The form's outcome; the typed values stay in the form after a refusal."""

    interest_error: str = ""
    interest_success: str = ""
    field_errors: dict[str, str] = {}
    interest_key: int = 0
    typed_postcode: str = ""

    @rx.event
    def sign_up(self, form: dict[str, str]) -> rx.event.EventSpec | None:
        self._actor()
        email = str(form.get("interest_email", ""))[:300]
        postcode = str(form.get("interest_postcode", ""))[:20]
        kreis = str(form.get("interest_kreis", ""))[:200]
        role = str(form.get("interest_role", ""))[:30]
        lang, client = self.lang, self._client()
        self.typed_postcode = postcode
        done = self._run(
            lambda db: signup_interest(
                db, email=email, postcode=postcode, role=role, kreis=kreis, lang=lang, client=client
            ),
            lines=_FORM,
        )
        if done.value is None:
            return self._focus_first_error()
        self.interest_success = self._t("interest.sent", email=done.value)
        self.interest_key += 1
        return None


def interest_form() -> rx.Component:
    s = InterestState
    return rx.card(
        rx.form(
            rx.heading(t("interest.title"), size="5", as_="h2"),
            rx.text(t("interest.intro"), margin_bottom="0.75rem"),
            forms.error_summary(s.interest_error, s.field_errors),
            forms.field(
                t("interest.email"),
                "interest_email",
                type_="email",
                autocomplete="email",
                max_length=254,
                error=s.field_errors["interest_email"],
            ),
            forms.field(
                t("interest.postcode"),
                "interest_postcode",
                max_length=5,
                input_mode="numeric",
                autocomplete="postal-code",
                value=s.typed_postcode,
                error=s.field_errors["interest_postcode"],
            ),
            forms.field(
                t("interest.kreis"),
                "interest_kreis",
                required=False,
                max_length=120,
                error=s.field_errors["interest_kreis"],
            ),
            rx.el.fieldset(
                rx.el.legend(t("interest.role"), style={"font_weight": "600"}),
                *[
                    rx.el.label(
                        rx.el.input(
                            type="radio",
                            name="interest_role",
                            value=role,
                            # Not "interest_role": Reflex would send a radio with the
                            # field's own id as that field's value, checked or not.
                            id=f"interest_role_{role}",
                            style={"width": "1.25rem", "height": "1.25rem"},
                        ),
                        t(f"interest.role.{role}"),
                        style={
                            "display": "flex",
                            "gap": "0.5rem",
                            "align_items": "center",
                            "min_height": "44px",
                        },
                    )
                    for role in ROLES
                ],
                forms.field_error("interest_role", s.field_errors["interest_role"]),
                # The target of "Ich schreibe als" in the error summary and of the focus.
                id="interest_role",
                tab_index=-1,
                style={"border": "none", "padding": 0, "margin": "0 0 1rem 0"},
            ),
            forms.success_line(s.interest_success),
            forms.submit(t("interest.submit")),
            no_validate=True,
            on_submit=InterestState.sign_up,
            reset_on_submit=False,
            key="interest-" + s.interest_key.to_string(),
            width="100%",
        ),
        size="3",
        width="100%",
        data_testid="interest-form",
    )
