"""All tables. Importing this package registers every table on SQLModel.metadata,
so Alembic and both apps always see the same schema."""

from dasnez_core.models.audit import AuditAction, AuditEvent
from dasnez_core.models.base import id_of, utcnow
from dasnez_core.models.contact import Agreement, Conversation, Message, Rating
from dasnez_core.models.kommune import (
    Area,
    AreaKind,
    Category,
    Exchange,
    ExchangeType,
    InfoItem,
    Kommune,
    SocialSpace,
    SocialSpaceKind,
    Sponsor,
)
from dasnez_core.models.listing import (
    Listing,
    ListingKind,
    ListingReport,
    ListingSocialSpace,
    ListingStatus,
)
from dasnez_core.models.user import (
    AccountToken,
    AccountTokenPurpose,
    ConsentDocument,
    ConsentRecord,
    Role,
    RoleGrant,
    User,
    UserSession,
    UserSocialSpace,
    UserStatus,
)

__all__ = [
    "AccountToken",
    "AccountTokenPurpose",
    "Agreement",
    "Area",
    "AreaKind",
    "AuditAction",
    "AuditEvent",
    "Category",
    "ConsentDocument",
    "ConsentRecord",
    "Conversation",
    "Exchange",
    "ExchangeType",
    "InfoItem",
    "Kommune",
    "Listing",
    "ListingKind",
    "ListingReport",
    "ListingSocialSpace",
    "ListingStatus",
    "Message",
    "Rating",
    "Role",
    "RoleGrant",
    "SocialSpace",
    "SocialSpaceKind",
    "Sponsor",
    "User",
    "UserSession",
    "UserSocialSpace",
    "UserStatus",
    "id_of",
    "utcnow",
]
