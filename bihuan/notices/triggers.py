"""Which notices a timeline event sends: a table, read by the receiver of
``bihuan.complaints.signals.event_recorded`` (connected in NoticesConfig.ready).

=====================  =========================================================
event                  notices
=====================  =========================================================
register               acknowledgement, with the tracking code (the portal shows the
                       code on screen too; the mail or SMS is the lasting record)
accept                 accepted (with the expected answer date)
reject                 rejected, with the reason
dispatch, handle,      progress: at most one per step and round of the loop, so a
reopen                 second dispatch after a return tells nothing new
reply                  result notice (处理结果通知书) and satisfaction request
rate (not dissatisfied)  follow-up survey (回访): the complaint now waits for the
                       follow-up visit, and the survey is its questionnaire
=====================  =========================================================

A dissatisfied rating sends nothing by itself: the reopening that follows sends progress.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any

from django.conf import settings

from bihuan.complaints.choices import Action, Rating
from bihuan.complaints.models import Complaint, TimelineEvent

from .choices import NoticeKind, ProgressStep

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Due:
    """A notice an event calls for, and the stage occurrence that makes it unique."""

    kind: NoticeKind
    occurrence: str
    progress_step: str = ""


def notices_due(complaint: Complaint, event: TimelineEvent) -> list[Due]:
    """The notices ``event`` calls for (none for the events the complainant need not hear)."""
    round_ = str(complaint.redo_count)
    action = event.action
    if action == Action.REGISTER:
        return [Due(NoticeKind.ACKNOWLEDGEMENT, "0")]
    if action == Action.ACCEPT:
        return [Due(NoticeKind.ACCEPTED, "0")]
    if action == Action.REJECT:
        return [Due(NoticeKind.REJECTED, "0")]
    if action in {Action.DISPATCH, Action.HANDLE, Action.REOPEN}:
        step = ProgressStep(action)
        return [Due(NoticeKind.PROGRESS, f"{step}:{round_}", progress_step=step)]
    if action == Action.REPLY:
        return [Due(NoticeKind.RESULT, round_), Due(NoticeKind.SATISFACTION, round_)]
    if action == Action.RATE and event.data.get("rating") in {
        Rating.SATISFIED,
        Rating.BASICALLY_SATISFIED,
    }:
        return [Due(NoticeKind.SURVEY, round_)]
    return []


_paused: ContextVar[bool] = ContextVar("bihuan_notices_paused", default=False)


@contextmanager
def notices_paused() -> Iterator[None]:
    """Send no notices for the events recorded inside (the demo's replayed history: its
    complainants are invented, and their past needs no acknowledgement today)."""
    token = _paused.set(True)
    try:
        yield
    finally:
        _paused.reset(token)


def on_event_recorded(
    sender: Any, *, complaint: Complaint, event: TimelineEvent, **kwargs: Any
) -> None:
    """Queue the notices an event calls for, inside the event's transaction."""
    if event.action == Action.NOTICE or not settings.BIHUAN_NOTICES_ENABLED or _paused.get():
        return  # a notice's own event: nothing follows from it
    from .services import notice_send

    for due in notices_due(complaint, event):
        notice_send(
            complaint=complaint,
            kind=due.kind,
            occurrence=due.occurrence,
            progress_step=due.progress_step,
            event=event,
        )
