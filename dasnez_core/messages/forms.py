"""Messages of form errors: the summary above a form and the empty login fields."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    "form.errors_summary": (
        "Bitte korrigieren Sie die markierten Angaben:",
        "Please correct the marked entries:",
    ),
    "form.error_prefix": ("Fehler:", "Error:"),
    "login.password_required": ("Bitte geben Sie Ihr Passwort ein.", "Please enter your password."),
}
