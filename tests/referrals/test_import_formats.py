"""Every format a referrer sends becomes the same complaints: xlsx, CSV (UTF-8, GB18030), JSON."""

from __future__ import annotations

from datetime import datetime

import pytest
from django.utils import timezone

from bihuan.complaints.choices import Action, Channel, Status
from bihuan.complaints.models import Complaint
from bihuan.core.errors import DomainError
from bihuan.org.models import Site
from bihuan.referrals.choices import RowStatus
from bihuan.referrals.models import ColumnMapping, ImportRow
from bihuan.referrals.services import referral_import

from ..personas import Museum
from .conftest import Import
from .files import HEADERS_12345, csv_bytes, json_bytes, order, orders, xlsx

pytestmark = pytest.mark.django_db


def local(text: str) -> datetime:
    return timezone.make_aware(datetime.fromisoformat(text))


def assert_imported_as_referral(museum: Museum, number: str) -> Complaint:
    complaint = Complaint.objects.get(external_reference=number)
    assert complaint.channel == Channel.REFERRAL_12345
    assert complaint.status == Status.REGISTERED
    assert complaint.complainant.name == "李四"
    assert complaint.complainant.phone == "13900001111"
    assert complaint.description == f"市民反映（{number}）：展厅空调不制冷，参观体验很差。"
    assert complaint.demand == "尽快维修"
    assert complaint.external_due_at == local("2026-12-31 18:00")
    assert complaint.occurred_at == local("2026-11-20 10:30")
    assert complaint.occurred_place == "二楼展厅"
    assert complaint.category == museum.category("facilities")
    assert complaint.registered_by == museum.clerk
    event = complaint.events.get(action=Action.REGISTER)
    assert event.actor == museum.clerk
    return complaint


@pytest.mark.parametrize(
    ("name", "build"),
    [
        ("工单.xlsx", lambda rows: xlsx(rows)),
        ("工单.csv", lambda rows: csv_bytes(rows)),
        ("工单-bom.csv", lambda rows: csv_bytes(rows, encoding="utf-8-sig")),
        ("工单-gb18030.csv", lambda rows: csv_bytes(rows, encoding="gb18030")),
        ("工单-tab.csv", lambda rows: csv_bytes(rows, delimiter="\t")),
        # Excel's "Unicode text": UTF-16 with a byte-order mark, tab-separated.
        ("工单-unicode.csv", lambda rows: csv_bytes(rows, encoding="utf-16", delimiter="\t")),
        ("工单.json", lambda rows: json_bytes(rows)),
        ("工单-items.json", lambda rows: json_bytes(rows, wrapped=True)),
    ],
)
def test_every_format_and_encoding_imports_the_same_work_orders(
    museum: Museum, import_file: Import, name: str, build: object
) -> None:
    content = build(orders("GD-001", "GD-002"))  # type: ignore[operator]
    batch = import_file(name, content)
    assert (batch.total_rows, batch.created_count, batch.error_count) == (2, 2, 0)
    assert batch.file_format == name.rsplit(".", 1)[1]
    for number in ("GD-001", "GD-002"):
        complaint = assert_imported_as_referral(museum, number)
        row = ImportRow.objects.get(batch=batch, external_reference=number)
        assert row.status == RowStatus.CREATED and row.complaint == complaint
    assert list(batch.rows.values_list("row_number", flat=True)) == (
        [1, 2] if name.endswith(".json") else [2, 3]
    )


def test_a_gb18030_file_is_refused_when_the_mapping_insists_on_utf8(
    museum: Museum, import_file: Import, mapping_12345: ColumnMapping
) -> None:
    mapping_12345.encoding = "utf-8"
    mapping_12345.save()
    with pytest.raises(DomainError) as refused:
        import_file("工单.csv", csv_bytes(orders("GD-001"), encoding="gb18030"))
    assert refused.value.code == "file_encoding"
    mapping_12345.encoding = "gb18030"
    mapping_12345.save()
    assert (
        import_file("工单.csv", csv_bytes(orders("GD-001"), encoding="gb18030")).created_count == 1
    )
    assert_imported_as_referral(museum, "GD-001")


def test_a_title_row_above_the_header_and_blank_rows_are_skipped(import_file: Import) -> None:
    rows = [order("GD-010"), {h: "" for h in HEADERS_12345}, order("GD-011")]
    batch = import_file("导出.xlsx", xlsx(rows, title="某市12345热线工单导出（2026年11月）"))
    assert (batch.total_rows, batch.created_count) == (2, 2)
    # Row numbers are the sheet's: title 1, header 2, data from 3, the blank row 4 skipped.
    assert list(batch.rows.values_list("row_number", flat=True)) == [3, 5]


def test_spreadsheet_cells_keep_their_meaning_numbers_dates_and_bare_deadline_days(
    import_file: Import,
) -> None:
    row = order(
        "GD-020",
        联系电话=13900002222,  # Excel keeps a phone number as a number
        办理时限=datetime(2026, 12, 5),  # a date cell: the deadline is the end of that day
        事发时间=datetime(2026, 11, 21, 9, 15),
    )
    import_file("工单.xlsx", xlsx([row]))
    complaint = Complaint.objects.get(external_reference="GD-020")
    assert complaint.complainant.phone == "13900002222"
    assert complaint.external_due_at == local("2026-12-05 23:59:59")
    assert complaint.occurred_at == local("2026-11-21 09:15")


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("2026/12/05 17:30", "2026-12-05 17:30"),
        ("2026年12月05日", "2026-12-05 23:59:59"),
        ("2026-12-05", "2026-12-05 23:59:59"),
        ("2026-12-05T17:30:00+08:00", "2026-12-05 17:30"),
        ("20261205", "2026-12-05 23:59:59"),
    ],
)
def test_deadlines_are_read_in_the_mapping_s_date_formats(
    import_file: Import, written: str, expected: str
) -> None:
    import_file("工单.csv", csv_bytes([order("GD-030", 办理时限=written)]))
    assert Complaint.objects.get(external_reference="GD-030").external_due_at == local(expected)


def test_category_by_name_or_code_and_an_unknown_one_is_left_empty(
    museum: Museum, import_file: Import
) -> None:
    rows = [
        order("GD-040", 问题分类="展览展示类"),
        order("GD-041", 问题分类="SAFETY"),
        order("GD-042", 问题分类="Guided tour quality"),
        order("GD-043", 问题分类="交通出行"),
        order("GD-044", 问题分类=""),
    ]
    batch = import_file("工单.csv", csv_bytes(rows))
    assert (batch.created_count, batch.error_count) == (5, 0)
    found = dict(
        Complaint.objects.filter(external_reference__startswith="GD-04").values_list(
            "external_reference", "category__code"
        )
    )
    assert found == {
        "GD-040": "exhibitions",
        "GD-041": "safety",
        "GD-042": "guided-tours",
        "GD-043": None,
        "GD-044": None,
    }


def test_site_by_name_or_code_and_an_unknown_one_is_left_empty(import_file: Import) -> None:
    main = Site.objects.create(code="main-hall", name="主馆", name_i18n={"en": "Main hall"})
    rows = [
        order("S-1", 场馆="主馆"),
        order("S-2", 场馆="MAIN-HALL"),
        order("S-3", 场馆="Main hall"),
        order("S-4", 场馆="分馆"),
    ]
    batch = import_file("工单.csv", csv_bytes(rows, (*HEADERS_12345, "场馆")))
    assert batch.created_count == 4
    found = dict(Complaint.objects.values_list("external_reference", "site"))
    assert found == {"S-1": main.pk, "S-2": main.pk, "S-3": main.pk, "S-4": None}


def test_a_file_mixing_sources_files_each_row_under_its_own_referrer(
    museum: Museum, import_file: Import, mapping_12345: ColumnMapping
) -> None:
    mixed = ColumnMapping.objects.create(
        name="综合转办",
        channel=Channel.REFERRAL_12345,
        external_reference_column="工单编号",
        channel_column="转办来源",
        channel_aliases={"消协": Channel.REFERRAL_CONSUMER_ASSOCIATION},
        name_column="来电人",
        phone_column="联系电话",
        description_column="诉求内容",
    )
    rows = [
        order("M-1", 转办来源="消协"),
        order("M-2", 转办来源="referral_regulator"),
        order("M-3", 转办来源=""),
        order("M-4", 转办来源="隔壁单位"),
    ]
    headers = (*HEADERS_12345, "转办来源")
    batch = import_file("混合.csv", csv_bytes(rows, headers), mapping=mixed)
    channels = dict(Complaint.objects.values_list("external_reference", "channel"))
    assert channels == {
        "M-1": Channel.REFERRAL_CONSUMER_ASSOCIATION,
        "M-2": Channel.REFERRAL_REGULATOR,
        "M-3": Channel.REFERRAL_12345,
    }
    error = batch.rows.get(status=RowStatus.ERROR)
    assert (error.row_number, error.field, error.external_reference) == (5, "转办来源", "M-4")
    assert "隔壁单位" in error.message


def test_the_12315_mapping_reads_a_12315_export(
    museum: Museum, import_file: Import, mapping_12315: ColumnMapping
) -> None:
    row = {
        "投诉登记号": "1231520261120001",
        "投诉人": "赵六",
        "联系电话": "13700003333",
        "电子邮箱": "zhao@example.cn",
        "投诉内容": "购买的文创产品有质量问题，要求退货。",
        "投诉诉求": "退货退款",
        "处理时限": "2026-12-01",
        "问题类别": "service-attitude",
    }
    batch = import_file("12315.xlsx", xlsx([row], headers=list(row)), mapping=mapping_12315)
    assert batch.created_count == 1
    complaint = Complaint.objects.get(external_reference="1231520261120001")
    assert complaint.channel == Channel.REFERRAL_12315
    assert complaint.complainant.email == "zhao@example.cn"
    assert complaint.category == museum.category("service-attitude")
    assert complaint.external_due_at == local("2026-12-01 23:59:59")


def test_an_administrator_imports_on_the_referrer_s_behalf(
    museum: Museum, mapping_12345: ColumnMapping
) -> None:
    batch = referral_import(
        actor=museum.actor(museum.administrator),
        mapping=mapping_12345,
        file_name="工单.json",
        content=json_bytes(orders("GD-050")),
    )
    assert batch.created_count == 1 and batch.imported_by == museum.administrator
    complaint = Complaint.objects.get(external_reference="GD-050")
    assert complaint.registered_by is None
    assert complaint.events.get(action=Action.REGISTER).actor is None


def test_a_field_the_mapping_leaves_empty_is_not_read_from_a_nameless_key(
    import_file: Import,
) -> None:
    minimal = ColumnMapping.objects.create(
        name="最简",
        channel=Channel.REFERRAL_REGULATOR,
        external_reference_column="工单编号",
        description_column="诉求内容",
        phone_column="联系电话",
    )
    # The mapping reads no email: a JSON key "" must not be taken for one.
    batch = import_file(
        "工单.json", json_bytes([{**order("K-1"), "": "x@example.cn"}]), mapping=minimal
    )
    assert batch.created_count == 1
    assert Complaint.objects.get().complainant.email == ""
