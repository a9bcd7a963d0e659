"""Helpers for the staff pages: an English-speaking client, snapshots of what is stored."""

from __future__ import annotations

import html
from collections.abc import Callable

import pytest
from django.conf import settings
from django.contrib.auth.models import User
from django.http import HttpResponse
from django.test import Client
from django.urls import reverse

from bihuan.complaints.choices import Status
from bihuan.complaints.models import (
    Attachment,
    CompensationItem,
    Complainant,
    Complaint,
    FollowUpVisit,
    InvestigationReport,
    Reply,
    SatisfactionRecord,
    Solution,
    TaskGroup,
    TimelineEvent,
)
from bihuan.complaints.services import complaint_escalate, complaint_rate

from ..personas import Museum, advance, register

STORED = (
    Complaint,
    Complainant,
    TimelineEvent,
    Attachment,
    InvestigationReport,
    Solution,
    CompensationItem,
    Reply,
    SatisfactionRecord,
    FollowUpVisit,
    TaskGroup,
)


@pytest.fixture
def client() -> Client:
    """The test client in English, whatever catalogues exist for the default zh-Hans."""
    english = Client()
    english.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return english


@pytest.fixture
def login(client: Client) -> Callable[[User], Client]:
    def _login(user: User) -> Client:
        client.force_login(user)
        return client

    return _login


def text(response: HttpResponse) -> str:
    """The response body as the reader sees it (entities decoded)."""
    return html.unescape(response.content.decode())


def snapshot() -> dict[str, object]:
    """Row counts of every record a page could write, plus each complaint's state."""
    counts: dict[str, object] = {model.__name__: model.objects.count() for model in STORED}
    counts["complaints"] = list(
        Complaint.objects.order_by("pk").values_list(
            "pk", "status", "severity", "lead_department", "assignee", "return_count", "redo_count"
        )
    )
    return counts


def detail_url(complaint: Complaint) -> str:
    return reverse("backoffice:complaint_detail", args=[complaint.tracking_code])


def act_url(complaint: Complaint, name: str) -> str:
    return reverse("backoffice:complaint_act", args=[complaint.tracking_code, name])


def reach(museum: Museum, status: str, **overrides: object) -> Complaint:
    """A new complaint (registered by the clerk) walked along the happy path to ``status``."""
    complaint = register(museum, **overrides)
    if status == Status.DISSATISFIED:
        advance(museum, complaint, Status.REPLIED)
        complaint_rate(
            actor=museum.actor(museum.clerk),
            complaint=complaint,
            rating="dissatisfied",
            comment="还是没修好",
        )
    elif status == "major":
        advance(museum, complaint, Status.DISPATCHED)
        complaint_escalate(actor=museum.actor(museum.clerk), complaint=complaint, reason="媒体关注")
    else:
        advance(museum, complaint, status)
    complaint.refresh_from_db()
    return complaint
