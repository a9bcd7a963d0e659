from .attachment import Attachment
from .complainant import Complainant
from .complaint import Complaint, TaskGroup
from .deadlines import StageClock
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
    "FollowUpVisit",
    "InvestigationReport",
    "Reply",
    "SatisfactionRecord",
    "Solution",
    "StageClock",
    "TaskGroup",
    "TimelineEvent",
]
