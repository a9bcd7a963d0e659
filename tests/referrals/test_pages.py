"""The staff pages: who may import and export, the batch page with its per-row errors, and
everything a referrer's file supplies shown escaped."""

from __future__ import annotations

import html
import json
from collections.abc import Callable
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from bihuan.complaints.models import Complaint
from bihuan.referrals.models import ColumnMapping, ImportBatch

from ..personas import Museum
from .conftest import Import
from .files import csv_bytes, json_bytes, order, orders

pytestmark = pytest.mark.django_db

Login = Callable[[User], Client]
IMPORT = reverse("referrals:import")
BATCHES = reverse("referrals:batch_list")
EXPORT = reverse("referrals:export")


@pytest.fixture
def login(client: Client) -> Login:
    def _login(user: User) -> Client:
        client.force_login(user)
        return client

    return _login


def text(response: Any) -> str:
    return html.unescape(response.content.decode())


def upload(name: str, content: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/octet-stream")


def test_anonymous_visitors_are_sent_to_log_in(client: Client) -> None:
    for url in (IMPORT, BATCHES, EXPORT, reverse("referrals:batch_detail", args=[1])):
        response = client.get(url)
        assert response.status_code == 302 and "/login/" in response["Location"]


def test_a_handler_may_not_import_nor_see_the_batches(
    museum: Museum, login: Login, mapping_12345: ColumnMapping, import_file: Import
) -> None:
    batch = import_file("工单.csv", csv_bytes(orders("P-0")))
    client = login(museum.handler)
    assert client.get(IMPORT).status_code == 403
    posted = client.post(
        IMPORT, {"mapping": mapping_12345.pk, "file": upload("工单.csv", csv_bytes(orders("P-1")))}
    )
    assert posted.status_code == 403
    assert client.get(BATCHES).status_code == 403
    assert client.get(reverse("referrals:batch_detail", args=[batch.pk])).status_code == 403
    assert client.get(EXPORT).status_code == 403
    assert not Complaint.objects.filter(external_reference="P-1").exists()
    assert ImportBatch.objects.count() == 1


def test_the_clerk_imports_a_file_and_sees_each_row_s_fate(
    museum: Museum, login: Login, mapping_12345: ColumnMapping
) -> None:
    client = login(museum.clerk)
    page = client.get(IMPORT)
    assert page.status_code == 200 and mapping_12345.name in text(page)
    content = csv_bytes([order("OK-1"), order("BAD-2", 联系电话="电话不详"), order("OK-3")])
    response = client.post(
        IMPORT, {"mapping": mapping_12345.pk, "file": upload("十一月.csv", content)}
    )
    batch = ImportBatch.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("referrals:batch_detail", args=[batch.pk])
    shown = text(client.get(response["Location"]))
    assert (batch.created_count, batch.error_count) == (2, 1)
    assert 'data-count="created">2<' in shown and 'data-count="error">1<' in shown
    assert "Rows not imported" in shown
    assert "“电话不详” is not a phone number." in shown
    for number in ("OK-1", "OK-3"):
        complaint = Complaint.objects.get(external_reference=number)
        assert reverse("backoffice:complaint_detail", args=[complaint.tracking_code]) in shown
    listing = text(client.get(BATCHES))
    assert "十一月.csv" in listing
    assert reverse("referrals:batch_detail", args=[batch.pk]) in listing
    errors_only = text(client.get(response["Location"] + "?status=error"))
    assert "BAD-2" in errors_only and "OK-1" not in errors_only


def test_the_same_file_again_says_it_was_imported_before(
    museum: Museum, login: Login, mapping_12345: ColumnMapping
) -> None:
    client = login(museum.clerk)
    content = csv_bytes(orders("A-1", "A-2"))
    for _attempt in range(2):
        client.post(IMPORT, {"mapping": mapping_12345.pk, "file": upload("工单.csv", content)})
    first, again = ImportBatch.objects.order_by("pk")
    shown = text(client.get(reverse("referrals:batch_detail", args=[again.pk])))
    assert "This very file was imported before" in shown
    assert reverse("referrals:batch_detail", args=[first.pk]) in shown
    assert 'data-count="already_there">2<' in shown
    assert Complaint.objects.count() == 2


def test_a_refused_file_is_explained_on_the_form_and_nothing_is_saved(
    museum: Museum, login: Login, mapping_12345: ColumnMapping
) -> None:
    client = login(museum.clerk)
    cases = [
        (upload("工单.exe", b"MZ\x90\x00"), "Choose an Excel (.xlsx), CSV (.csv) or JSON"),
        (upload("工单.xlsx", csv_bytes(orders("X-1"))), "not an Excel (.xlsx) workbook"),
        (upload("工单.json", b"{not json"), "This is not valid JSON"),
    ]
    for file, message in cases:
        response = client.post(IMPORT, {"mapping": mapping_12345.pk, "file": file})
        assert response.status_code == 400
        assert message in text(response)
    missing = client.post(IMPORT, {"mapping": mapping_12345.pk})
    assert missing.status_code == 400
    assert ImportBatch.objects.count() == 0 and Complaint.objects.count() == 0


def test_an_administrator_imports_but_does_not_open_the_complaints(
    museum: Museum, login: Login, mapping_12345: ColumnMapping
) -> None:
    client = login(museum.administrator)
    response = client.post(
        IMPORT,
        {"mapping": mapping_12345.pk, "file": upload("工单.json", json_bytes(orders("AD-1")))},
    )
    assert response.status_code == 302
    shown = text(client.get(response["Location"]))
    complaint = Complaint.objects.get(external_reference="AD-1")
    assert complaint.tracking_code in shown
    assert reverse("backoffice:complaint_detail", args=[complaint.tracking_code]) not in shown
    assert "Export results" not in shown  # an administrator alone reads no complaints


SCRIPT = "<script>alert('x')</script>"
FILE_NAME = '<b onmouseover="alert(1)">工单.csv'  # a browser keeps no "/" in a file name


def test_everything_a_referrer_s_file_supplies_is_shown_escaped(
    museum: Museum, login: Login, mapping_12345: ColumnMapping
) -> None:
    rows = [
        order('<img src=x onerror="alert(1)">', 来电人=SCRIPT, 诉求内容=SCRIPT),
        order("E-2", 联系电话=SCRIPT),  # the error message repeats the value
        order("E-3", 办理时限=SCRIPT),
    ]
    client = login(museum.clerk)
    response = client.post(
        IMPORT,
        {"mapping": mapping_12345.pk, "file": upload(FILE_NAME, csv_bytes(rows))},
    )
    assert response.status_code == 302
    batch = ImportBatch.objects.get()
    assert batch.file_name == FILE_NAME and batch.error_count == 2
    detail = client.get(response["Location"]).content.decode()
    listing = client.get(BATCHES).content.decode()
    for page in (detail, listing):
        assert "<script>alert" not in page and "<img src=x" not in page and "<b on" not in page
        assert "&lt;b onmouseover=&quot;alert(1)&quot;&gt;工单.csv" in page
    assert detail.count("&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;") >= 3  # both errors
    assert "&lt;img src=x onerror=&quot;alert(1)&quot;&gt;" in detail


def test_the_export_page_downloads_an_attachment(
    museum: Museum, login: Login, import_file: Import
) -> None:
    import_file("工单.csv", csv_bytes(orders("EX-1")))
    for user in (museum.clerk, museum.supervisor, museum.leader):
        client = login(user)
        form = client.get(EXPORT)
        assert form.status_code == 200
        response = client.get(EXPORT, {"source": "referral_12345", "format": "json"})
        assert response.status_code == 200
        assert response["Content-Disposition"].startswith('attachment; filename="referral-')
        assert response["X-Content-Type-Options"] == "nosniff"
        items = json.loads(response.content)["items"]
        assert [item["external_reference"] for item in items] == ["EX-1"]
    csv_response = client.get(EXPORT, {"format": "csv"})
    assert csv_response["Content-Type"].startswith("text/csv")
    assert csv_response.content.startswith(b"\xef\xbb\xbf")


def test_those_who_only_export_land_on_the_export_form(museum: Museum, login: Login) -> None:
    for user in (museum.supervisor, museum.leader):
        response = login(user).get(BATCHES)
        assert response.status_code == 302 and response["Location"] == EXPORT
        assert login(user).get(IMPORT).status_code == 403


def test_the_export_form_explains_what_it_cannot_read(museum: Museum, login: Login) -> None:
    client = login(museum.clerk)
    reversed_days = client.get(
        EXPORT, {"format": "csv", "received_from": "2026-11-22", "received_to": "2026-11-21"}
    )
    assert reversed_days.status_code == 400
    assert "The first day comes after the last day." in text(reversed_days)
    unknown = client.get(EXPORT, {"format": "pdf", "source": "phone"})
    assert unknown.status_code == 400
    assert "Content-Disposition" not in unknown


def test_a_batch_cut_short_says_how_to_finish_it(
    museum: Museum, login: Login, import_file: Import
) -> None:
    batch = import_file("工单.csv", csv_bytes(orders("I-1", "I-2")))
    ImportBatch.objects.filter(pk=batch.pk).update(total_rows=5)  # as if the server died
    shown = text(login(museum.clerk).get(reverse("referrals:batch_detail", args=[batch.pk])))
    assert "This import stopped after 2 of 5 rows." in shown
    complete = import_file("工单.csv", csv_bytes(orders("I-3")))
    shown = text(login(museum.clerk).get(reverse("referrals:batch_detail", args=[complete.pk])))
    assert "This import stopped" not in shown


def test_the_batch_page_reads_a_fixed_number_of_queries_however_many_rows(
    museum: Museum, login: Login, import_file: Import, django_assert_max_num_queries: Any
) -> None:
    client = login(museum.clerk)
    small = import_file("小.csv", csv_bytes([order("Q-1"), order("Q-2", 办理时限="?")]))
    many = [order(f"Q-{n}") for n in range(3, 40)] + [order("Q-X", 办理时限="?")]
    large = import_file("大.csv", csv_bytes(many))
    with CaptureQueriesContext(connection) as few_rows:
        client.get(reverse("referrals:batch_detail", args=[small.pk]))
    with django_assert_max_num_queries(len(few_rows)):
        client.get(reverse("referrals:batch_detail", args=[large.pk]))
    with django_assert_max_num_queries(len(few_rows)):
        client.get(BATCHES)


def test_the_admin_edits_mappings_and_shows_batches_read_only(
    museum: Museum, client: Client, mapping_12345: ColumnMapping, import_file: Import
) -> None:
    batch = import_file("工单.csv", csv_bytes(orders("AD-1")))
    root = User.objects.create_superuser("root", password="x")
    client.force_login(root)
    for url in (
        reverse("admin:referrals_columnmapping_changelist"),
        reverse("admin:referrals_columnmapping_change", args=[mapping_12345.pk]),
        reverse("admin:referrals_columnmapping_add"),
        reverse("admin:referrals_importbatch_changelist"),
        reverse("admin:referrals_importbatch_change", args=[batch.pk]),
    ):
        assert client.get(url).status_code == 200, url
    assert client.get(reverse("admin:referrals_importbatch_add")).status_code == 403


def test_a_mapping_s_source_values_must_name_referral_sources(
    mapping_12345: ColumnMapping,
) -> None:
    mapping_12345.channel_aliases = {"12345": "referral_12345", "微信": "wechat"}
    with pytest.raises(ValidationError) as refused:
        mapping_12345.full_clean()
    assert "channel_aliases" in refused.value.message_dict
    mapping_12345.channel_aliases = {"微信转办": "referral_regulator"}
    mapping_12345.date_formats = " \n "
    with pytest.raises(ValidationError) as refused:
        mapping_12345.full_clean()
    assert list(refused.value.message_dict) == ["date_formats"]
