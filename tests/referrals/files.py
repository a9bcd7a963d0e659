"""Work-order files built in the test, in each format a referrer sends."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence
from typing import Any

from openpyxl import Workbook

HEADERS_12345 = (
    "工单编号",
    "来电人",
    "联系电话",
    "诉求内容",
    "诉求目的",
    "办理时限",
    "问题分类",
    "事发时间",
    "事发地点",
)


def order(number: str, **changes: Any) -> dict[str, Any]:
    """One 12345 work order, as the hotline's export names its columns."""
    values: dict[str, Any] = {
        "工单编号": number,
        "来电人": "李四",
        "联系电话": "13900001111",
        "诉求内容": f"市民反映（{number}）：展厅空调不制冷，参观体验很差。",
        "诉求目的": "尽快维修",
        "办理时限": "2026-12-31 18:00",
        "问题分类": "设施设备类",
        "事发时间": "2026-11-20 10:30",
        "事发地点": "二楼展厅",
    }
    values.update(changes)
    return values


def orders(*numbers: str) -> list[dict[str, Any]]:
    return [order(number) for number in numbers]


def _table(rows: Sequence[dict[str, Any]], headers: Sequence[str]) -> list[list[Any]]:
    return [list(headers)] + [[row.get(h, "") for h in headers] for row in rows]


def xlsx(
    rows: Sequence[dict[str, Any]],
    headers: Sequence[str] = HEADERS_12345,
    *,
    title: str | None = None,
) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    if title:
        sheet.append([title])
    for line in _table(rows, headers):
        sheet.append(line)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def csv_bytes(
    rows: Sequence[dict[str, Any]],
    headers: Sequence[str] = HEADERS_12345,
    *,
    encoding: str = "utf-8",
    delimiter: str = ",",
) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n")
    writer.writerows(_table(rows, headers))
    return buffer.getvalue().encode(encoding)


def json_bytes(rows: Sequence[Any], *, wrapped: bool = False) -> bytes:
    data: Any = {"items": list(rows)} if wrapped else list(rows)
    return json.dumps(data, ensure_ascii=False).encode("utf-8")
