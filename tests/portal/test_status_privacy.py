"""The status page shows progress in the complainant's words and nothing internal: no
staff names, internal notes, findings, departments, compensation or handling records."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse

from bihuan.complaints.choices import CompensationKind, Status
from bihuan.complaints.models import Complaint
from bihuan.complaints.public import PublicStage
from bihuan.complaints.services import (
    CompensationInput,
    complaint_accept,
    complaint_approve,
    complaint_comment,
    complaint_dispatch,
    complaint_propose,
    complaint_reject,
    complaint_reply,
    complaint_resolve,
    complaint_start_handling,
    complaint_start_investigation,
    complaint_submit_report,
)
from bihuan.core import clock

from ..personas import Museum
from .helpers import file_complaint, look_up, zh

pytestmark = pytest.mark.django_db

SECRETS = [
    "内部备注：投诉人很难缠",
    "调查结论：讲解员甲失职",
    "内部措施：扣发绩效",
    "补偿内情：券号ZX-778",
    "处理记录：更换电源模块",
    "审批意见：同意扣款",
]


def _name(user: User, name: str) -> None:
    user.first_name, user.last_name = name[1:], name[0]
    user.save()


def _status_page(client: Client, complaint: Complaint) -> str:
    look_up(client, complaint.tracking_code, "5678")
    response = client.get(reverse("portal:complaint", args=[complaint.tracking_code]))
    assert response.status_code == 200
    return response.content.decode()


def test_nothing_internal_reaches_the_status_page(museum: Museum) -> None:
    for user, name in [
        (museum.clerk, "钱受理"),
        (museum.handler, "孙处理"),
        (museum.head, "李主任"),
    ]:
        _name(user, name)
    complaint = file_complaint(Client())
    clerk, handler = museum.actor(museum.clerk), museum.actor(museum.handler)
    complaint_accept(actor=clerk, complaint=complaint)
    complaint_comment(actor=clerk, complaint=complaint, note=SECRETS[0])
    complaint_dispatch(actor=clerk, complaint=complaint, department=museum.exhibitions)
    complaint_start_investigation(actor=handler, complaint=complaint)
    complaint_submit_report(actor=handler, complaint=complaint, findings=SECRETS[1])
    complaint_propose(
        actor=handler,
        complaint=complaint,
        measures=SECRETS[2],
        responsible_person=museum.handler,
        due_date=(clock.now() + timedelta(days=3)).date(),
        compensation=[
            CompensationInput(
                kind=CompensationKind.MONEY, amount=Decimal("4321.00"), note=SECRETS[3]
            )
        ],
    )
    complaint_approve(actor=museum.actor(museum.head), complaint=complaint, note=SECRETS[5])
    complaint_start_handling(actor=handler, complaint=complaint)
    complaint_resolve(actor=handler, complaint=complaint, result=SECRETS[4])
    complaint_reply(
        actor=clerk, complaint=complaint, method="phone", text="您好，装置已修复，欢迎再来。"
    )
    complaint.refresh_from_db()
    assert complaint.status == Status.REPLIED

    html = _status_page(Client(), complaint)
    assert "您好，装置已修复，欢迎再来。" in html
    assert f'data-stage="{PublicStage.REPLIED}"' in html
    for secret in SECRETS:
        assert secret not in html
    for word in ["钱受理", "孙处理", "李主任", "4321", "clerk", "handler"]:
        assert word not in html
    for department in [museum.exhibitions, museum.desk]:
        assert department.name not in html
        assert department.name_i18n["en"] not in html
    # Every step of the way shows with its date.
    for stage in ["received", "accepted", "handling", "replied"]:
        assert f'data-step="{stage}"' in html


def test_a_rejected_complaint_shows_the_reason_told(museum: Museum) -> None:
    complaint = file_complaint(Client())
    complaint_comment(actor=museum.actor(museum.clerk), complaint=complaint, note=SECRETS[0])
    complaint_reject(
        actor=museum.actor(museum.clerk), complaint=complaint, reason="不属于本馆管理范围。"
    )
    html = _status_page(Client(), complaint)
    assert "不属于本馆管理范围。" in html
    assert f'data-stage="{PublicStage.REJECTED}"' in html
    assert zh(PublicStage.REJECTED.label) in html
    assert SECRETS[0] not in html


def test_files_added_by_staff_are_not_listed(museum: Museum) -> None:
    from bihuan.complaints.services import complaint_attach

    from ..files import upload

    complaint = file_complaint(Client(), files=[upload("mine.jpg")])
    complaint_attach(
        actor=museum.actor(museum.clerk), complaint=complaint, files=[upload("监控截图.png")]
    )
    html = _status_page(Client(), complaint)
    assert "mine.jpg" in html
    assert "监控截图.png" not in html
