"""One settings object reads every DASNEZ_… variable: defaults, overrides, refusals."""

from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import ValidationError

from dasnez_core.config import PROJECT_ROOT, Settings, load_settings

ENV_NAMES = [f"DASNEZ_{name.upper()}" for name in Settings.model_fields]


@pytest.fixture
def clean_env(monkeypatch: pytest.MonkeyPatch) -> pytest.MonkeyPatch:
    """No DASNEZ_… variable set (the unit tests' own database URL included)."""
    for name in ENV_NAMES:
        monkeypatch.delenv(name, raising=False)
    return monkeypatch


def test_defaults_for_a_single_machine(clean_env: pytest.MonkeyPatch) -> None:
    settings = load_settings()
    assert settings.database_url == f"sqlite:///{PROJECT_ROOT / 'var' / 'dasnez.db'}"
    assert (settings.public_port, settings.admin_port) == (3000, 3001)
    assert settings.session_idle_minutes == 120
    assert settings.session_absolute_hours == 720
    assert settings.secure_cookies is False
    assert settings.public_url == "http://localhost:3000"
    assert settings.admin_url == "http://localhost:3001"
    assert (settings.smtp_host, settings.smtp_port) == ("", 25)
    assert (settings.smtp_user, settings.smtp_password) == ("", "")
    assert settings.smtp_starttls is False
    assert settings.mail_from == "dasnez <noreply@dasnez.example>"
    assert settings.outbox_dir == PROJECT_ROOT / "var" / "outbox"
    assert settings.upload_dir == PROJECT_ROOT / "var" / "uploads"
    assert settings.throttle_storage == ""
    assert (settings.operator_name, settings.operator_email) == ("", "")


def test_environment_overrides_every_default(clean_env: pytest.MonkeyPatch) -> None:
    values = {
        "DASNEZ_DATABASE_URL": "postgresql+psycopg://u@db/dasnez",
        "DASNEZ_PUBLIC_PORT": "8000",
        "DASNEZ_ADMIN_PORT": "8001",
        "DASNEZ_SESSION_IDLE_MINUTES": "30",
        "DASNEZ_SESSION_ABSOLUTE_HOURS": "24",
        "DASNEZ_SECURE_COOKIES": "1",
        "DASNEZ_PUBLIC_URL": "https://nachbarn.example/",
        "DASNEZ_ADMIN_URL": "https://verwaltung.nachbarn.example/",
        "DASNEZ_SMTP_HOST": "mail.example",
        "DASNEZ_SMTP_PORT": "587",
        "DASNEZ_SMTP_USER": "dasnez",
        "DASNEZ_SMTP_PASSWORD": "geheim",
        "DASNEZ_SMTP_STARTTLS": "1",
        "DASNEZ_MAIL_FROM": "Nachbarn <hallo@nachbarn.example>",
        "DASNEZ_OUTBOX_DIR": "/tmp/outbox",
        "DASNEZ_UPLOAD_DIR": "/tmp/uploads",
        "DASNEZ_THROTTLE_STORAGE": "redis://cache:6379/3",
        "DASNEZ_OPERATOR_NAME": "Kreis Paderborn",
        "DASNEZ_OPERATOR_ADDRESS": "Aldegreverstraße 10, 33102 Paderborn",
        "DASNEZ_OPERATOR_EMAIL": "betrieb@kreis.example",
        "DASNEZ_OPERATOR_PHONE": "05251 308-0",
        "DASNEZ_MASTERDATA_TTL": "2.5",
        "DASNEZ_DB_THREADS": "4",
        "DASNEZ_BACKUP_DIR": "/srv/backups",
        "DASNEZ_BACKUP_KEEP": "30",
        "DASNEZ_RUN_JOBS": "0",
    }
    assert sorted(values) == sorted(ENV_NAMES)
    for name, value in values.items():
        clean_env.setenv(name, value)
    settings = load_settings()
    assert settings.database_url == "postgresql+psycopg://u@db/dasnez"
    assert (settings.public_port, settings.admin_port) == (8000, 8001)
    assert (settings.session_idle_minutes, settings.session_absolute_hours) == (30, 24)
    assert settings.secure_cookies is True
    assert settings.public_url == "https://nachbarn.example"  # one slash before /k/…
    assert settings.admin_url == "https://verwaltung.nachbarn.example"
    assert (settings.smtp_host, settings.smtp_port) == ("mail.example", 587)
    assert (settings.smtp_user, settings.smtp_password) == ("dasnez", "geheim")
    assert settings.smtp_starttls is True
    assert settings.mail_from == "Nachbarn <hallo@nachbarn.example>"
    assert settings.outbox_dir == Path("/tmp/outbox")
    assert settings.throttle_storage == "redis://cache:6379/3"
    assert settings.upload_dir == Path("/tmp/uploads")
    assert (settings.operator_name, settings.operator_phone) == ("Kreis Paderborn", "05251 308-0")
    assert settings.operator_address == "Aldegreverstraße 10, 33102 Paderborn"
    assert settings.operator_email == "betrieb@kreis.example"
    assert settings.masterdata_ttl == 2.5
    assert settings.db_threads == 4
    assert (settings.backup_dir, settings.backup_keep) == (Path("/srv/backups"), 30)
    assert settings.run_jobs is False


def test_each_call_sees_the_current_environment(clean_env: pytest.MonkeyPatch) -> None:
    clean_env.setenv("DASNEZ_SMTP_PORT", "2525")
    assert load_settings().smtp_port == 2525
    clean_env.setenv("DASNEZ_SMTP_PORT", "2526")
    assert load_settings().smtp_port == 2526


def test_empty_paths_and_database_url_mean_the_default(clean_env: pytest.MonkeyPatch) -> None:
    for name in ("DASNEZ_DATABASE_URL", "DASNEZ_OUTBOX_DIR", "DASNEZ_UPLOAD_DIR"):
        clean_env.setenv(name, "")
    settings = load_settings()
    assert settings.database_url == f"sqlite:///{PROJECT_ROOT / 'var' / 'dasnez.db'}"
    assert settings.outbox_dir == PROJECT_ROOT / "var" / "outbox"
    assert settings.upload_dir == PROJECT_ROOT / "var" / "uploads"


def test_empty_smtp_host_means_no_smtp(clean_env: pytest.MonkeyPatch) -> None:
    clean_env.setenv("DASNEZ_SMTP_HOST", "")  # how the browser tests force the outbox
    assert load_settings().smtp_host == ""


@pytest.mark.parametrize(
    ("raw", "expected"), [("1", True), ("0", False), ("", False), ("true", True)]
)
def test_switches_read_one_and_zero(
    clean_env: pytest.MonkeyPatch, raw: str, expected: bool
) -> None:
    clean_env.setenv("DASNEZ_SECURE_COOKIES", raw)
    clean_env.setenv("DASNEZ_SMTP_STARTTLS", raw)
    settings = load_settings()
    assert settings.secure_cookies is expected
    assert settings.smtp_starttls is expected


def test_a_switch_that_is_neither_on_nor_off_is_refused(clean_env: pytest.MonkeyPatch) -> None:
    clean_env.setenv("DASNEZ_SECURE_COOKIES", "vielleicht")
    with pytest.raises(ValidationError, match="DASNEZ_SECURE_COOKIES"):
        load_settings()


@pytest.mark.parametrize("name", ["DASNEZ_SMTP_PORT", "DASNEZ_PUBLIC_PORT", "DASNEZ_ADMIN_PORT"])
def test_a_port_that_is_no_number_is_refused_by_name(
    clean_env: pytest.MonkeyPatch, name: str
) -> None:
    clean_env.setenv(name, "abc")
    with pytest.raises(ValidationError, match=name) as refused:
        load_settings()
    assert "valid integer" in str(refused.value)


def test_a_given_environment_wins_over_the_process_environment(
    clean_env: pytest.MonkeyPatch,
) -> None:
    clean_env.setenv("DASNEZ_UPLOAD_DIR", "/tmp/from-process")
    clean_env.setenv("DASNEZ_SMTP_PORT", "2525")
    settings = load_settings({"DASNEZ_UPLOAD_DIR": "/tmp/for-child", "PATH": "/bin"})
    assert settings.upload_dir == Path("/tmp/for-child")
    assert settings.smtp_port == 2525


def test_a_bad_value_in_a_given_environment_is_refused_by_name(
    clean_env: pytest.MonkeyPatch,
) -> None:
    with pytest.raises(ValidationError, match="DASNEZ_ADMIN_PORT"):
        load_settings({"DASNEZ_ADMIN_PORT": "drei"})
