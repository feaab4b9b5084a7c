"""All tables. Importing this package registers every table on SQLModel.metadata,
so Alembic and both apps always see the same schema."""

# Registers the listener that fills kommune_id of link rows (after every table).
from dasnez_core.models import tenancy  # noqa: F401
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
from dasnez_core.models.onboarding import (
    InterestRole,
    InterestSignup,
    PlatformMonthStats,
    PlatformStatsMonth,
)
from dasnez_core.models.operations import (
    AccountActivity,
    AdminDigestSetting,
    MailOutbox,
    MailStatus,
    RetentionSetting,
    ScheduledJob,
)
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
    "AccountActivity",
    "AccountToken",
    "AccountTokenPurpose",
    "AdminDigestSetting",
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
    "InterestRole",
    "InterestSignup",
    "Kommune",
    "LegalKind",
    "LegalText",
    "Listing",
    "ListingKind",
    "ListingReport",
    "ListingSocialSpace",
    "ListingStatus",
    "MailOutbox",
    "MailStatus",
    "Message",
    "PendingRegistration",
    "PlatformMonthStats",
    "PlatformStatsMonth",
    "ProfileVisibility",
    "Rating",
    "RetentionSetting",
    "Role",
    "RoleGrant",
    "SavedSearch",
    "ScheduledJob",
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
