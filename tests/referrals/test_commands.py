"""manage.py import_referrals and export_referrals: the same services from the shell."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation

from bihuan.complaints.models import Complaint
from bihuan.referrals.models import ColumnMapping, ImportBatch
from bihuan.referrals.presets import MAPPING_12345

from ..personas import Museum
from .files import csv_bytes, order, orders, xlsx

pytestmark = pytest.mark.django_db


def run(*args: str) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    with translation.override("en"):
        call_command(*args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_import_referrals_reports_the_batch_and_each_bad_row(
    museum: Museum, mapping_12345: ColumnMapping, tmp_path: Path
) -> None:
    path = tmp_path / "工单.xlsx"
    path.write_bytes(xlsx([order("C-1"), order("C-2", 办理时限="明天"), order("C-3")]))
    out, err = run("import_referrals", str(path), "--mapping", MAPPING_12345, "--user", "clerk")
    batch = ImportBatch.objects.get()
    assert f"Batch {batch.pk}: 3 rows, 2 created, 0 already there, 1 errors." in out
    assert "row 3 [办理时限]" in err and "明天" in err
    assert batch.imported_by == museum.clerk and batch.file_name == "工单.xlsx"
    again, _err = run("import_referrals", str(path), "--mapping", MAPPING_12345, "--user", "clerk")
    assert "0 created, 2 already there" in again
    assert Complaint.objects.count() == 2


def test_import_referrals_refuses_clearly(
    museum: Museum, mapping_12345: ColumnMapping, tmp_path: Path
) -> None:
    path = tmp_path / "工单.csv"
    path.write_bytes(csv_bytes(orders("C-1")))
    cases = [
        (["--mapping", "没有这个", "--user", "clerk"], "No column mapping"),
        (["--mapping", MAPPING_12345, "--user", "nobody"], "No active user"),
        (["--mapping", MAPPING_12345, "--user", "handler"], "Only the intake desk"),
    ]
    for options, message in cases:
        with pytest.raises(CommandError, match=message):
            run("import_referrals", str(path), *options)
    wrong = tmp_path / "工单.json"
    wrong.write_bytes(xlsx(orders("C-1")))
    with pytest.raises(CommandError, match="not a JSON file"):
        run("import_referrals", str(wrong), "--mapping", MAPPING_12345, "--user", "clerk")
    assert Complaint.objects.count() == 0


def test_export_referrals_writes_the_file_for_the_referrer(
    museum: Museum, mapping_12345: ColumnMapping, tmp_path: Path
) -> None:
    source = tmp_path / "in.csv"
    source.write_bytes(csv_bytes(orders("X-1", "X-2")))
    run("import_referrals", str(source), "--mapping", MAPPING_12345, "--user", "clerk")
    output = tmp_path / "out.json"
    out, _err = run(
        "export_referrals", "--source", "12345", "--format", "json", "--output", str(output)
    )
    assert str(output) in out
    items = json.loads(output.read_bytes())["items"]
    assert [item["external_reference"] for item in items] == ["X-1", "X-2"]
    assert {item["status"] for item in items} == {"received"}
    run("export_referrals", "--source", "12315", "--format", "json", "--output", str(output))
    assert json.loads(output.read_bytes())["items"] == []
    with pytest.raises(CommandError, match="Unknown referral source"):
        run("export_referrals", "--source", "wechat", "--format", "csv", "--output", str(output))
    with pytest.raises(CommandError, match="may not export"):
        run("export_referrals", "--user", "handler", "--format", "csv", "--output", str(output))
