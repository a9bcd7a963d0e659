from .attachment import Attachment
from .complainant import Complainant
from .complaint import Complaint, TaskGroup
from .consent import PrivacyConsent, PrivacyNotice
from .deadlines import DeadlineExtension, StageClock
from .records import (
    CompensationItem,
    FollowUpVisit,
    InvestigationReport,
    Reply,
    SatisfactionRecord,
    Solution,
    TimelineEvent,
)

__all__ = [
    "Attachment",
    "CompensationItem",
    "Complainant",
    "Complaint",
    "DeadlineExtension",
    "FollowUpVisit",
    "InvestigationReport",
    "PrivacyConsent",
    "PrivacyNotice",
    "Reply",
    "SatisfactionRecord",
    "Solution",
    "StageClock",
    "TaskGroup",
    "TimelineEvent",
]
