"""Results back to the referrer: import, work the complaints round the loop, export, read back."""

from __future__ import annotations

import csv
import io
import json
from datetime import date, datetime
from typing import Any

import pytest
from django.utils import timezone, translation
from openpyxl import load_workbook

from bihuan.complaints.choices import Status
from bihuan.complaints.models import Complaint, Reply
from bihuan.complaints.services import (
    complaint_comment,
    complaint_rate,
    complaint_reject,
    complaint_reply,
)
from bihuan.core import clock
from bihuan.core.errors import DomainError
from bihuan.referrals.export import escape_formula, referral_export
from bihuan.referrals.models import ColumnMapping

from ..personas import Museum, advance
from .conftest import Import
from .files import csv_bytes, order, orders, xlsx

pytestmark = pytest.mark.django_db

HEADERS = [
    "Work-order number",
    "Tracking code",
    "Referral source",
    "Received",
    "Status",
    "Result",
    "Reply time",
    "Satisfaction",
]


def read_back(file_format: str, content: bytes) -> list[dict[str, Any]]:
    """The exported rows as dicts, read the way the referrer's tools would read them."""
    if file_format == "json":
        return list(json.loads(content.decode("utf-8"))["items"])
    if file_format == "csv":
        assert content.startswith(b"\xef\xbb\xbf"), "Excel needs the BOM to read UTF-8"
        rows = [list[Any](row) for row in csv.reader(io.StringIO(content.decode("utf-8-sig")))]
    else:
        workbook = load_workbook(io.BytesIO(content))
        sheet = workbook.worksheets[0]
        assert all(cell.data_type != "f" for row in sheet.iter_rows() for cell in row)
        rows = [list[Any](row) for row in sheet.iter_rows(values_only=True)]
    assert rows[0] == HEADERS
    return [dict(zip(HEADERS, row, strict=True)) for row in rows[1:]]


def export(museum: Museum, file_format: str, **filters: Any) -> list[dict[str, Any]]:
    with translation.override("en"):
        exported = referral_export(
            actor=museum.actor(museum.clerk), file_format=file_format, **filters
        )
        assert exported.name.endswith(f".{file_format}")
        return read_back(file_format, exported.content)


def about_exhibits(*work_orders: str) -> list[dict[str, Any]]:
    """Work orders about an exhibit: routed to exhibitions, where advance() dispatches."""
    return [order(number, 问题分类="展览展示类") for number in work_orders]


def numbers(rows: list[dict[str, Any]], key: str = "Work-order number") -> list[str]:
    return [row[key] for row in rows]


@pytest.fixture
def worked(museum: Museum, import_file: Import) -> dict[str, Complaint]:
    """Four imported work orders: satisfied, replied, dissatisfied and still registered."""
    import_file("工单.xlsx", xlsx(about_exhibits("W-SAT", "W-REP", "W-DIS", "W-NEW")))
    found = {c.external_reference: c for c in Complaint.objects.all()}
    advance(museum, found["W-SAT"], Status.SATISFIED)
    advance(museum, found["W-REP"], Status.REPLIED)
    advance(museum, found["W-DIS"], Status.REPLIED)
    complaint_rate(
        actor=museum.actor(museum.clerk),
        complaint=found["W-DIS"],
        rating="dissatisfied",
        comment="空调还是不凉",
    )
    complaint_comment(
        actor=museum.actor(museum.clerk), complaint=found["W-NEW"], note="内部备注：疑似重复来电"
    )
    for complaint in found.values():
        complaint.refresh_from_db()
    return found


def _local_text(moment: datetime) -> str:
    return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M:%S")


@pytest.mark.parametrize("file_format", ["xlsx", "csv", "json"])
def test_the_round_trip_tells_the_referrer_status_result_reply_time_and_satisfaction(
    museum: Museum, worked: dict[str, Complaint], file_format: str
) -> None:
    rows = export(museum, file_format)
    if file_format == "json":
        by_number = {row["external_reference"]: row for row in rows}
        satisfied = by_number["W-SAT"]
        reply = Reply.objects.get(complaint=worked["W-SAT"])
        assert satisfied == {
            "external_reference": "W-SAT",
            "tracking_code": worked["W-SAT"].tracking_code,
            "source": "referral_12345",
            "received_at": timezone.localtime(worked["W-SAT"].received_at).isoformat(),
            "status": "replied",
            "status_label": "Replied",
            "result": "已修复，致歉",
            "replied_at": timezone.localtime(reply.replied_at).isoformat(),
            "satisfaction": "satisfied",
            "satisfaction_label": "Satisfied",
        }
        summary = {n: (r["status"], r["result"], r["satisfaction"]) for n, r in by_number.items()}
        assert summary == {
            "W-SAT": ("replied", "已修复，致歉", "satisfied"),
            "W-REP": ("replied", "已修复，致歉", None),
            "W-DIS": ("handling", "", None),
            "W-NEW": ("received", "", None),
        }
        return
    by_number = {row["Work-order number"]: row for row in rows}
    assert set(by_number) == {"W-SAT", "W-REP", "W-DIS", "W-NEW"}
    for number, complaint in worked.items():
        assert by_number[number]["Tracking code"] == complaint.tracking_code
        assert by_number[number]["Referral source"] == "Referral: 12345 hotline"
    satisfied = by_number["W-SAT"]
    reply = Reply.objects.get(complaint=worked["W-SAT"])
    replied_at = satisfied["Reply time"]
    if file_format == "xlsx":
        assert isinstance(replied_at, datetime)
        assert replied_at == timezone.localtime(reply.replied_at).replace(
            tzinfo=None, microsecond=replied_at.microsecond
        )
    else:
        assert replied_at == _local_text(reply.replied_at)
    summary = {
        n: (r["Status"], r["Result"] or "", r["Satisfaction"] or "") for n, r in by_number.items()
    }
    assert summary == {
        "W-SAT": ("Replied", "已修复，致歉", "Satisfied"),
        "W-REP": ("Replied", "已修复，致歉", ""),
        "W-DIS": ("Being handled", "", ""),  # dissatisfied: handled again, no result yet
        "W-NEW": ("Received", "", ""),
    }


def test_the_export_never_carries_internal_notes_findings_or_the_complainant(
    museum: Museum, worked: dict[str, Complaint]
) -> None:
    with translation.override("en"):
        for file_format in ("xlsx", "csv", "json"):
            content = referral_export(
                actor=museum.actor(museum.clerk), file_format=file_format
            ).content
            text = content.decode("utf-8", errors="ignore") if file_format != "xlsx" else ""
            if file_format == "xlsx":
                workbook = load_workbook(io.BytesIO(content))
                text = repr([list(r) for r in workbook.worksheets[0].iter_rows(values_only=True)])
            for secret in ("内部备注", "装置电源故障", "李四", "13900001111", "空调还是不凉"):
                assert secret not in text, (file_format, secret)


def test_the_export_is_filtered_by_referral_source_and_days_received(
    museum: Museum, import_file: Import, mapping_12315: ColumnMapping
) -> None:
    here = timezone.get_current_timezone()
    with clock.travel_to(datetime(2026, 11, 21, 23, 30, tzinfo=here)):
        import_file("21日.csv", csv_bytes(orders("D21")))
    with clock.travel_to(datetime(2026, 11, 22, 0, 30, tzinfo=here)):
        import_file("22日.csv", csv_bytes(orders("D22")))
        mapping_12315.external_reference_column = "工单编号"
        mapping_12315.description_column = "诉求内容"
        mapping_12315.name_column = "来电人"
        mapping_12315.save()
        import_file("12315.csv", csv_bytes(orders("S22")), mapping=mapping_12315)
    key = "external_reference"
    assert numbers(export(museum, "json"), key) == ["D21", "D22", "S22"]
    assert numbers(export(museum, "json", channel="referral_12345"), key) == ["D21", "D22"]
    assert numbers(export(museum, "json", channel="referral_12315"), key) == ["S22"]
    day = date(2026, 11, 22)
    assert numbers(export(museum, "json", received_from=day), key) == ["D22", "S22"]
    assert numbers(export(museum, "json", received_to=date(2026, 11, 21)), key) == ["D21"]
    assert numbers(
        export(museum, "json", channel="referral_12345", received_from=day, received_to=day), key
    ) == ["D22"]


@pytest.mark.parametrize("file_format", ["xlsx", "csv"])
def test_spreadsheet_cells_that_look_like_formulas_are_made_text(
    museum: Museum, import_file: Import, file_format: str
) -> None:
    payloads = ['=HYPERLINK("http://evil.example","点我")', "+86-1", "-2+3", "@SUM(A1:A9)"]
    import_file("工单.csv", csv_bytes(about_exhibits("=1+1", "N-2")))
    complaint = Complaint.objects.get(external_reference="N-2")
    advance(museum, complaint, Status.RESOLVED)
    complaint_reply(
        actor=museum.actor(museum.clerk), complaint=complaint, method="phone", text=payloads[0]
    )
    rows = {row["Tracking code"]: row for row in export(museum, file_format)}
    assert rows[complaint.tracking_code]["Result"] == "'" + payloads[0]
    formula_number = Complaint.objects.get(external_reference="=1+1").tracking_code
    assert rows[formula_number]["Work-order number"] == "'=1+1"
    for payload in payloads:
        assert escape_formula(payload) == "'" + payload
    assert escape_formula("已处理 = 满意") == "已处理 = 满意"
    # JSON is data, not a spreadsheet: the values travel untouched.
    items = {row["tracking_code"]: row for row in export(museum, "json")}
    assert items[complaint.tracking_code]["result"] == payloads[0]


def test_a_work_order_not_taken_on_is_answered_with_the_reason(
    museum: Museum, import_file: Import
) -> None:
    import_file("工单.csv", csv_bytes(orders("REJ-1")))
    complaint_reject(
        actor=museum.actor(museum.clerk),
        complaint=Complaint.objects.get(),
        reason="不属于本馆管理范围，请向文旅局反映",
    )
    (item,) = export(museum, "json")
    assert (item["status"], item["result"], item["replied_at"]) == (
        "rejected",
        "不属于本馆管理范围，请向文旅局反映",
        None,
    )


def test_export_refuses_what_it_cannot_do(museum: Museum) -> None:
    clerk = museum.actor(museum.clerk)
    cases: list[tuple[dict[str, Any], str]] = [
        ({"file_format": "pdf"}, "format_invalid"),
        ({"file_format": "csv", "channel": "phone"}, "channel_invalid"),
        (
            {
                "file_format": "csv",
                "received_from": date(2026, 11, 22),
                "received_to": date(2026, 11, 21),
            },
            "dates_reversed",
        ),
    ]
    for arguments, code in cases:
        with pytest.raises(DomainError) as refused:
            referral_export(actor=clerk, **arguments)
        assert refused.value.code == code
    for user in (museum.handler, museum.administrator, museum.outsider):
        with pytest.raises(DomainError) as refused:
            referral_export(actor=museum.actor(user), file_format="csv")
        assert refused.value.code == "forbidden"


def test_supervisors_and_leaders_export_everything_the_desk_does(
    museum: Museum, worked: dict[str, Complaint]
) -> None:
    everything = sorted(numbers(export(museum, "json"), "external_reference"))
    for user in (museum.supervisor, museum.leader):
        exported = referral_export(actor=museum.actor(user), file_format="json")
        items = json.loads(exported.content)["items"]
        assert sorted(item["external_reference"] for item in items) == everything
