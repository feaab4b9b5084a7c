"""Who did what to whom, when and why."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from sqlmodel import Field, SQLModel

from dasnez_core.models.base import utcnow


class AuditAction(StrEnum):
    """Every action the audit log records; the value is what is stored (and the catalog
    key suffix audit.action.<value>), so a value never changes once it is in use."""

    APPROVE_USER = "approve_user"
    DECLINE_USER = "decline_user"
    BLOCK_USER = "block_user"
    UNBLOCK_USER = "unblock_user"
    REMOVE_LISTING = "remove_listing"
    DISMISS_REPORT = "dismiss_report"
    PUBLISH_LISTING = "publish_listing"
    REJECT_LISTING = "reject_listing"
    DELETE_OWN_ACCOUNT = "delete_own_account"
    INVITE_ADMIN = "invite_admin"
    REVOKE_ADMIN = "revoke_admin"
    UPDATE_PROFILE = "update_profile"
    ADD_AREA = "add_area"
    RENAME_AREA = "rename_area"
    MOVE_AREA = "move_area"
    MERGE_AREA = "merge_area"
    DELETE_AREA = "delete_area"
    ADD_SOCIAL_SPACE = "add_social_space"
    UPDATE_SOCIAL_SPACE = "update_social_space"
    DELETE_SOCIAL_SPACE = "delete_social_space"
    ADD_CATEGORY = "add_category"
    RENAME_CATEGORY = "rename_category"
    DEACTIVATE_CATEGORY = "deactivate_category"
    REACTIVATE_CATEGORY = "reactivate_category"
    DELETE_CATEGORY = "delete_category"
    EXPORT_PEOPLE = "export_people"
    EXPORT_LISTINGS = "export_listings"
    APPROVE_INSTITUTION = "approve_institution"
    DECLINE_INSTITUTION = "decline_institution"
    UPDATE_INSTITUTION = "update_institution"
    ADD_SPONSOR = "add_sponsor"
    UPDATE_SPONSOR = "update_sponsor"
    MOVE_SPONSOR = "move_sponsor"
    DELETE_SPONSOR = "delete_sponsor"
    ADD_INFO_ITEM = "add_info_item"
    UPDATE_INFO_ITEM = "update_info_item"
    MOVE_INFO_ITEM = "move_info_item"
    DELETE_INFO_ITEM = "delete_info_item"
    PUBLISH_LEGAL_TEXT = "publish_legal_text"
    SET_DGS_VIDEO = "set_dgs_video"
    RESTORE_LISTING = "restore_listing"
    HIDE_RATING = "hide_rating"
    SHOW_RATING = "show_rating"
    SET_RETENTION = "set_retention"
    RESEND_MAIL = "resend_mail"
    CREATE_KOMMUNE = "create_kommune"
    KOMMUNE_LIVE = "kommune_live"
    DEACTIVATE_KOMMUNE = "deactivate_kommune"
    REACTIVATE_KOMMUNE = "reactivate_kommune"
    EXPORT_KOMMUNE = "export_kommune"
    GRANT_COORDINATOR = "grant_coordinator"
    REVOKE_COORDINATOR = "revoke_coordinator"
    CORRECT_TIME_ENTRY = "correct_time_entry"
    UPDATE_TIMEBANK_SETTINGS = "update_timebank_settings"
    REMOVE_PHOTO = "remove_photo"
    APPOINT_PROXY = "appoint_proxy"
    REVOKE_PROXY = "revoke_proxy"
    RECORD_REPRESENTED = "record_represented"
    CONFIRM_PROXY_CONSENT = "confirm_proxy_consent"
    EXPORT_REPRESENTED = "export_represented"
    DELETE_REPRESENTED = "delete_represented"

    @property
    def label_key(self) -> str:
        return f"audit.action.{self.value}"


class AuditEvent(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    kommune_id: int | None = Field(default=None, foreign_key="kommune.id", index=True)
    actor_id: int | None = Field(default=None, foreign_key="user.id")
    action: str = Field(max_length=60)
    target_type: str = Field(max_length=40)
    target_id: int | None = None
    reason: str = Field(default="", max_length=1000)
    at: datetime = Field(default_factory=utcnow)
