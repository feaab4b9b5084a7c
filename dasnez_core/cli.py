"""Command line for operators:
`python -m dasnez_core.cli migrate|seed|remind|cleanup|alerts|interest-cleanup`."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from alembic import command
from alembic.config import Config

from dasnez_core.config import PROJECT_ROOT, load_settings
from dasnez_core.db import session_scope


def alembic_config(url: str | None = None) -> Config:
    cfg = Config(str(PROJECT_ROOT / "alembic.ini"))
    cfg.set_main_option("script_location", str(PROJECT_ROOT / "alembic"))
    cfg.attributes["url"] = url or load_settings().database_url
    return cfg


def migrate(url: str | None = None) -> None:
    command.upgrade(alembic_config(url), "head")


def seed() -> None:
    from dasnez_core.seed import seed_demo

    with session_scope() as db:
        logins = seed_demo(db)
    print("Demo logins (password for all: {}):".format(logins[0].password if logins else "-"))
    for login in logins:
        print(f"  {login.kommune:<16} {login.role:<20} {login.email}")


def remind() -> int:
    """Mail the authors of listings that expire soon (run it hourly, e.g. from cron)."""
    from dasnez_core.services.listings import send_expiry_reminders

    with session_scope() as db:
        return send_expiry_reminders(db)


def cleanup() -> int:
    """Delete registrations whose address was not confirmed within seven days (run hourly)."""
    from dasnez_core.services.registration import delete_unconfirmed

    with session_scope() as db:
        return delete_unconfirmed(db)


def alerts() -> int:
    """Mail the new matches of saved searches that are due (run it hourly, e.g. from cron)."""
    from dasnez_core.services.saved_searches import send_alerts

    with session_scope() as db:
        return send_alerts(db)


def interest_cleanup() -> int:
    """Delete interest sign-ups older than 12 months, unconfirmed ones after 7 days (daily)."""
    from dasnez_core.services.interest import delete_expired_signups

    with session_scope() as db:
        return delete_expired_signups(db)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="dasnez")
    parser.add_argument(
        "command", choices=["migrate", "seed", "remind", "cleanup", "alerts", "interest-cleanup"]
    )
    args = parser.parse_args(argv)
    if args.command == "migrate":
        url = load_settings().database_url
        if url.startswith("sqlite:///"):
            Path(url.removeprefix("sqlite:///")).parent.mkdir(parents=True, exist_ok=True)
        migrate(url)
        print("Database is up to date.")
    elif args.command == "remind":
        print(f"{remind()} expiry reminders sent.")
    elif args.command == "cleanup":
        print(f"{cleanup()} unconfirmed registrations deleted.")
    elif args.command == "alerts":
        print(f"{alerts()} saved-search mails sent.")
    elif args.command == "interest-cleanup":
        print(f"{interest_cleanup()} interest sign-ups deleted.")
    else:
        seed()
    return 0


if __name__ == "__main__":
    sys.exit(main())
