"""Which table belongs to a Kommune, and which does not: the one declared list.

Every table is either **Kommune-owned** (it has a NOT NULL `kommune_id`, the key by which
a Citus cluster distributes and co-locates rows, see docs/scaling.md) or named below as a
**reference** table (small, read everywhere: copied to every node) or a **global** table
(platform-wide rows that stay on the coordinator). `tests/unit/test_tenancy.py` keeps this
list true for every table on `SQLModel.metadata`.

Link rows that used to reach their Kommune only through a parent (a message through its
conversation, a social-space link through its person or listing) carry `kommune_id` too;
code that leaves it None gets it filled from the parent on flush, here.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import event
from sqlalchemy.orm import Session

from dasnez_core.models.contact import Conversation, Message
from dasnez_core.models.listing import Listing, ListingSocialSpace
from dasnez_core.models.user import User, UserSocialSpace

# Replicated to every node: few rows, joined by every Kommune-owned query.
REFERENCE_TABLES: dict[str, str] = {
    "kommune": "the tenants themselves: one row per Kommune, read by every page",
}

# Stay on the coordinator (Citus "local tables"): looked up by something other than the
# Kommune, or holding rows of no Kommune.
GLOBAL_TABLES: dict[str, str] = {
    "alembic_version": "the schema version",
    "user_session": "looked up by the token's hash on every event, before the Kommune is known",
    "session_ticket": "one-time login tickets, looked up by their hash",
    "account_token": "mailed one-time links, looked up by their hash",
    "rolegrant": "platform staff's grants belong to no Kommune (kommune_id NULL)",
    "auditevent": "platform staff's actions belong to no Kommune (kommune_id NULL)",
    "interest_signup": "people from towns that are not on the platform yet",
    "platform_stats_month": "which closed months the platform statistics have kept",
    "platform_stats_day": "which closed days the platform statistics have kept",
    "mail_outbox": "every mail of the platform, sent by one sender in order of due time",
    "scheduled_job": "one row per platform job: its interval and its lock",
    "admin_digest_setting": "a staff member's own mail settings, looked up by the person",
    "institution_member": "an institution's members, shared by every Kommune that admitted it",
    "institution_message": (
        "messages of an institution's shared inbox, read through their thread (which carries"
        " the Kommune); to be given kommune_id like message before distributing"
    ),
}

# SQLite only (the embedded setup, never distributed): the FTS5 index of listing and its
# shadow tables, kept by triggers from listing rows; PostgreSQL searches listing itself.
SQLITE_SEARCH_TABLES: dict[str, str] = {
    name: "SQLite's full-text index of listing, rebuilt from its rows by triggers"
    for name in (
        "listing_fts",
        "listing_fts_config",
        "listing_fts_data",
        "listing_fts_docsize",
        "listing_fts_idx",
    )
}

# Parent of each link row whose kommune_id is filled on flush: (parent model, parent key).
_PARENTS: tuple[tuple[type[Any], type[Any], str], ...] = (
    (Message, Conversation, "conversation_id"),
    (UserSocialSpace, User, "user_id"),
    (ListingSocialSpace, Listing, "listing_id"),
)


@event.listens_for(Session, "before_flush")
def _fill_kommune_id(session: Session, _context: object, _instances: object) -> None:
    """Copy the parent's `kommune_id` into new link rows that left it empty, and a
    listing's creation time into its new social-space links."""
    for row in session.new:
        for model, parent_model, key in _PARENTS:
            if isinstance(row, model) and row.kommune_id is None:
                with session.no_autoflush:
                    parent = session.get(parent_model, getattr(row, key))
                if parent is not None:
                    row.kommune_id = parent.kommune_id
        if isinstance(row, ListingSocialSpace) and row.listing_created_at is None:
            with session.no_autoflush:
                listing = session.get(Listing, row.listing_id)
            if listing is not None:
                row.listing_created_at = listing.created_at
