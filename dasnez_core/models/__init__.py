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
from dasnez_core.models.legal import LegalKind, LegalText
from dasnez_core.models.listing import (
    Listing,
    ListingKind,
    ListingReport,
    ListingSocialSpace,
    ListingStatus,
)
from dasnez_core.models.represented import RepresentedPerson
from dasnez_core.models.saved_search import AlertFrequency, SavedSearch
from dasnez_core.models.user import (
    AccountToken,
    AccountTokenPurpose,
    ConsentDocument,
    ConsentRecord,
    PendingRegistration,
    ProfileVisibility,
    Role,
    RoleGrant,
    SessionTicket,
    User,
    UserSession,
    UserSocialSpace,
    UserStatus,
    new_handle,
)

__all__ = [
    "AccountToken",
    "AccountTokenPurpose",
    "Agreement",
    "AlertFrequency",
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
    "LegalKind",
    "LegalText",
    "Listing",
    "ListingKind",
    "ListingReport",
    "ListingSocialSpace",
    "ListingStatus",
    "Message",
    "PendingRegistration",
    "ProfileVisibility",
    "Rating",
    "RepresentedPerson",
    "Role",
    "RoleGrant",
    "SavedSearch",
    "SessionTicket",
    "SocialSpace",
    "SocialSpaceKind",
    "Sponsor",
    "User",
    "UserSession",
    "UserSocialSpace",
    "UserStatus",
    "id_of",
    "new_handle",
    "utcnow",
]
