"""Bad input: a bad row is reported (row, column, reason) and the good rows still land;
a file that cannot be read is refused whole, and nothing of it is saved."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable
from typing import Any

import pytest
from django.test import override_settings
from django.utils import translation
from django.utils.translation import gettext

from bihuan.complaints.models import Complainant, Complaint, TimelineEvent
from bihuan.core.errors import DomainError
from bihuan.referrals.choices import RowStatus
from bihuan.referrals.models import ColumnMapping, ImportBatch, ImportRow

from ..personas import Museum
from .conftest import Import
from .files import HEADERS_12345, csv_bytes, json_bytes, order, orders, xlsx

pytestmark = pytest.mark.django_db

Build = Callable[[list[dict[str, Any]]], bytes]
FORMATS: list[tuple[str, Build]] = [
    ("xlsx", lambda rows: xlsx(rows)),
    ("csv", lambda rows: csv_bytes(rows)),
    ("json", lambda rows: json_bytes(rows)),
]


def stored() -> tuple[int, int, int, int, int]:
    return (
        Complaint.objects.count(),
        Complainant.objects.count(),
        TimelineEvent.objects.count(),
        ImportBatch.objects.count(),
        ImportRow.objects.count(),
    )


BAD_ROWS = [
    (order("", 来电人="无编号"), "工单编号", "work-order number is empty"),
    (order("B-2", 联系电话="not-a-phone"), "联系电话", "not-a-phone"),
    (order("B-3", 诉求内容=""), "诉求内容", "Describe what happened"),
    (order("B-4", 办理时限="下周三"), "办理时限", "下周三"),
    (order("B-5", 事发时间="2099-01-01 10:00"), "事发时间", "future"),
    (order("B-6", 联系电话="", 来电人="匿名"), "联系电话", "phone number"),
    (order("X" * 65), "工单编号", "longer than 64"),
    (order("B-8", 事发地点="长" * 201), "事发地点", "longer than 200"),
]


@pytest.mark.parametrize(("suffix", "build"), FORMATS, ids=[f[0] for f in FORMATS])
def test_each_bad_row_is_reported_with_its_row_and_column_and_the_good_rows_land(
    museum: Museum, import_file: Import, suffix: str, build: Build
) -> None:
    rows = [order("GOOD-1")] + [row for row, _c, _m in BAD_ROWS] + [order("GOOD-2")]
    name = f"工单.{suffix}"
    with translation.override("en"):
        batch = import_file(name, build(rows))
    assert (batch.total_rows, batch.created_count, batch.error_count) == (10, 2, 8)
    assert set(Complaint.objects.values_list("external_reference", flat=True)) == {
        "GOOD-1",
        "GOOD-2",
    }
    first = 1 if name.endswith(".json") else 2  # JSON items count from 1, sheets after the header
    errors = list(batch.rows.filter(status=RowStatus.ERROR).order_by("row_number"))
    for index, (row, (_values, column, words)) in enumerate(zip(errors, BAD_ROWS, strict=True)):
        assert row.row_number == first + 1 + index
        assert row.field == column, (row.row_number, row.field, row.message)
        assert words in row.message, (row.row_number, row.message)
        assert row.complaint is None
    assert errors[1].external_reference == "B-2"  # the number is kept when it was readable


def test_a_refused_row_leaves_no_complainant_or_event_behind(
    museum: Museum, import_file: Import
) -> None:
    # A new complainant with a good phone, in a row refused for its date: nobody is kept.
    row = order("B-1", 来电人="新面孔", 联系电话="13500009999", 事发时间="2099-01-01")
    import_file("工单.csv", csv_bytes([row]))
    assert not Complainant.objects.filter(phone="13500009999").exists()
    assert Complaint.objects.count() == 0 and TimelineEvent.objects.count() == 0


def test_row_errors_are_written_in_the_importer_s_language(
    museum: Museum, import_file: Import
) -> None:
    with translation.override("zh-hans"):
        batch = import_file("工单.csv", csv_bytes([order("")]))
    message = batch.rows.get().message
    with translation.override("zh-hans"):
        assert message == gettext("The work-order number is empty.")


def test_a_json_item_that_is_not_an_object_is_a_row_error(import_file: Import) -> None:
    batch = import_file("工单.json", json_bytes([order("J-1"), "不是对象", 42]))
    assert (batch.created_count, batch.error_count) == (1, 2)
    assert list(batch.rows.filter(status="error").values_list("row_number", flat=True)) == [2, 3]


def _zip(**members: bytes) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


REFUSED_FILES = [
    ("工单.xls", csv_bytes(orders("R-1")), "file_type"),
    ("工单.txt", csv_bytes(orders("R-1")), "file_type"),
    ("工单", csv_bytes(orders("R-1")), "file_type"),
    ("工单.csv", xlsx(orders("R-1")), "file_mismatch"),  # a workbook renamed .csv
    ("工单.json", xlsx(orders("R-1")), "file_mismatch"),
    ("工单.xlsx", csv_bytes(orders("R-1")), "file_mismatch"),  # a CSV renamed .xlsx
    ("工单.xlsx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600, "file_mismatch"),  # .xls
    ("工单.xlsx", _zip(**{"word/document.xml": b"<w/>"}), "file_mismatch"),  # a .docx
    ("工单.xlsx", _zip(**{"xl/workbook.xml": b"<not a workbook"}), "file_damaged"),
    ("工单.csv", b"%PDF-1.7\n%binary", "file_mismatch"),
    ("工单.csv", b"\xff\xfe\x00\x00" + "工单编号".encode("utf-32-le"), "file_mismatch"),
    ("工单.csv", b"", "file_empty"),
    ("工单.json", b"  \n", "file_empty"),
    ("工单.json", '[{"工单编号": "R-1",'.encode(), "file_mismatch"),
    ("工单.json", '{"工单编号": "R-1"}'.encode(), "file_mismatch"),
    ("工单.json", "[]".encode("utf-16"), "file_mismatch"),
    ("工单.csv", csv_bytes(orders("R-1"), headers=("编号", "内容")), "header_missing"),
    ("工单.csv", csv_bytes([order("R-1")], headers=("工单编号", "来电人")), "columns_missing"),
    ("工单.xlsx", xlsx([]), "file_no_rows"),  # the header alone
    ("工单.json", json_bytes([], wrapped=True), "file_no_rows"),
]


@pytest.mark.parametrize(("name", "content", "code"), REFUSED_FILES)
def test_a_file_that_is_not_what_it_says_is_refused_whole_and_clearly(
    import_file: Import, name: str, content: bytes, code: str
) -> None:
    before = stored()
    with translation.override("en"), pytest.raises(DomainError) as refused:
        import_file(name, content)
    assert refused.value.code == code
    assert refused.value.field == "file"
    assert str(refused.value)  # a sentence for the clerk, not an exception name
    assert stored() == before


def test_a_workbook_that_unpacks_into_a_bomb_is_refused_before_it_is_read(
    import_file: Import,
) -> None:
    bomb = _zip(**{"xl/workbook.xml": b"<w/>", "xl/worksheets/sheet1.xml": b"\x00" * (3 << 20)})
    small = override_settings(BIHUAN_REFERRAL_MAX_UNPACKED_BYTES=2 << 20)
    with small, pytest.raises(DomainError) as refused:
        import_file("工单.xlsx", bomb)
    assert refused.value.code == "file_too_large"


@override_settings(BIHUAN_REFERRAL_MAX_FILE_BYTES=2048)
def test_a_file_over_the_size_limit_is_refused(import_file: Import) -> None:
    content = csv_bytes(orders(*(f"S-{n}" for n in range(40))))
    assert len(content) > 2048
    with translation.override("en"), pytest.raises(DomainError) as refused:
        import_file("工单.csv", content)
    assert refused.value.code == "file_too_large" and "MB" in str(refused.value)
    assert Complaint.objects.count() == 0


@override_settings(BIHUAN_REFERRAL_MAX_ROWS=3)
@pytest.mark.parametrize(("suffix", "build"), FORMATS, ids=[f[0] for f in FORMATS])
def test_a_file_over_the_row_limit_is_refused_whole(
    import_file: Import, suffix: str, build: Build
) -> None:
    name = f"工单.{suffix}"
    assert import_file(name, build(orders("L-1", "L-2", "L-3"))).created_count == 3
    with translation.override("en"), pytest.raises(DomainError) as refused:
        import_file(name, build(orders("L-4", "L-5", "L-6", "L-7")))
    assert refused.value.code == "too_many_rows" and "3" in str(refused.value)
    assert Complaint.objects.count() == 3


def test_only_the_intake_desk_and_administrators_import(
    museum: Museum, import_file: Import
) -> None:
    for user in (museum.handler, museum.head, museum.supervisor, museum.leader, museum.outsider):
        with pytest.raises(DomainError) as refused:
            import_file("工单.csv", csv_bytes(orders("P-1")), user=user)
        assert refused.value.code == "forbidden"
    assert ImportBatch.objects.count() == 0 and Complaint.objects.count() == 0


def test_a_switched_off_mapping_imports_nothing(
    import_file: Import, mapping_12345: ColumnMapping
) -> None:
    mapping_12345.is_active = False
    mapping_12345.save()
    with pytest.raises(DomainError) as refused:
        import_file("工单.csv", csv_bytes(orders("P-1")))
    assert refused.value.code == "mapping_inactive"


def test_headers_are_matched_after_trimming_and_only_the_first_of_twins_counts(
    import_file: Import,
) -> None:
    headers = [f" {h} " for h in HEADERS_12345] + ["诉求内容"]
    rows = [{**{f" {h} ": v for h, v in order("T-1").items()}, "诉求内容": "第二列同名，不读"}]
    import_file("工单.csv", csv_bytes(rows, headers))
    assert Complaint.objects.get().description.startswith("市民反映（T-1）")
