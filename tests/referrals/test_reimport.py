"""Importing the same work order twice adds it once: same file, overlapping files, a work
order already registered at the desk, a number twice in one file, and racing imports."""

from __future__ import annotations

import threading
from typing import Any

import pytest
from django.db import connection, connections

from bihuan.complaints.choices import Channel
from bihuan.complaints.models import Complainant, Complaint
from bihuan.referrals import services
from bihuan.referrals.choices import RowStatus
from bihuan.referrals.models import ColumnMapping, ImportBatch, ImportRow
from bihuan.referrals.services import referral_import
from bihuan.referrals.work_orders import WorkOrder

from ..personas import Museum, register
from .conftest import Import
from .files import csv_bytes, json_bytes, order, orders, xlsx


@pytest.mark.django_db
def test_importing_the_same_file_again_adds_nothing(museum: Museum, import_file: Import) -> None:
    content = xlsx(orders("R-1", "R-2", "R-3"))
    first = import_file("工单.xlsx", content)
    again = import_file("工单.xlsx", content)
    assert (first.created_count, first.existing_count) == (3, 0)
    assert (again.created_count, again.existing_count, again.error_count) == (0, 3, 0)
    assert Complaint.objects.count() == 3
    assert again.sha256 == first.sha256
    # "Already there" rows point at the complaints the first import created.
    assert dict(again.rows.values_list("external_reference", "complaint")) == dict(
        first.rows.values_list("external_reference", "complaint")
    )


@pytest.mark.django_db
def test_an_overlapping_file_adds_only_the_new_work_orders(import_file: Import) -> None:
    import_file("周一.csv", csv_bytes(orders("R-1", "R-2")))
    batch = import_file("周一至周二.json", json_bytes(orders("R-2", "R-1", "R-3")))
    assert (batch.created_count, batch.existing_count) == (1, 2)
    assert sorted(Complaint.objects.values_list("external_reference", flat=True)) == [
        "R-1",
        "R-2",
        "R-3",
    ]


@pytest.mark.django_db
def test_a_corrected_row_lands_on_the_next_import(import_file: Import) -> None:
    first = import_file("工单.csv", csv_bytes([order("R-1"), order("R-2", 办理时限="尽快")]))
    assert (first.created_count, first.error_count) == (1, 1)
    fixed = import_file("工单.csv", csv_bytes(orders("R-1", "R-2")))
    assert (fixed.created_count, fixed.existing_count, fixed.error_count) == (1, 1, 0)
    assert Complaint.objects.count() == 2


@pytest.mark.django_db
def test_a_number_twice_in_one_file_becomes_one_complaint(import_file: Import) -> None:
    batch = import_file("工单.csv", csv_bytes(orders("R-1", "R-1")))
    assert [row.status for row in batch.rows.all()] == [
        RowStatus.CREATED,
        RowStatus.ALREADY_THERE,
    ]
    assert Complaint.objects.count() == 1


@pytest.mark.django_db
def test_a_work_order_registered_at_the_desk_is_already_there(
    museum: Museum, import_file: Import
) -> None:
    by_hand = register(museum, channel=Channel.REFERRAL_12345, external_reference="R-1")
    batch = import_file("工单.csv", csv_bytes(orders("R-1")))
    row = batch.rows.get()
    assert row.status == RowStatus.ALREADY_THERE and row.complaint == by_hand
    assert Complaint.objects.count() == 1


@pytest.mark.django_db
def test_the_same_number_from_another_referrer_is_another_work_order(
    import_file: Import, mapping_12315: ColumnMapping
) -> None:
    import_file("12345.csv", csv_bytes(orders("2026-0001")))
    mapping_12315.external_reference_column = "工单编号"
    mapping_12315.description_column = "诉求内容"
    mapping_12315.name_column = "来电人"
    mapping_12315.save()
    batch = import_file("12315.csv", csv_bytes(orders("2026-0001")), mapping=mapping_12315)
    assert batch.created_count == 1
    assert sorted(Complaint.objects.values_list("channel", flat=True)) == [
        Channel.REFERRAL_12315,
        Channel.REFERRAL_12345,
    ]


@pytest.mark.django_db
def test_the_unique_claim_stops_a_duplicate_that_slipped_past_the_check(
    import_file: Import, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The interleaving the lock prevents, forced: the check says "new", the claim says no.

    The row's savepoint then takes back the complaint and complainant it had written.
    """
    import_file("工单.csv", csv_bytes(orders("R-1")))
    before = (Complaint.objects.count(), Complainant.objects.count())
    real_existing = services._existing
    calls: list[str] = []

    def first_check_misses(order: WorkOrder) -> Complaint | None:
        calls.append(order.external_reference)
        return None if len(calls) == 1 else real_existing(order)

    monkeypatch.setattr(services, "_existing", first_check_misses)
    other = csv_bytes([order("R-1", 来电人="另一位", 联系电话="13600006666")])
    batch = import_file("工单.csv", other)
    assert batch.rows.get().status == RowStatus.ALREADY_THERE
    assert (Complaint.objects.count(), Complainant.objects.count()) == before
    assert calls == ["R-1", "R-1"]


@pytest.mark.django_db
def test_an_import_cut_short_keeps_what_landed_and_the_next_import_finishes_it(
    import_file: Import, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(services, "IMPORT_CHUNK_ROWS", 2)
    real_register = services._register

    def crash_on_the_fourth(order: WorkOrder, registrar: Any) -> Complaint:
        if order.external_reference == "K-4":
            raise RuntimeError("the server went away")
        return real_register(order, registrar)

    monkeypatch.setattr(services, "_register", crash_on_the_fourth)
    content = csv_bytes(orders("K-1", "K-2", "K-3", "K-4", "K-5"))
    with pytest.raises(RuntimeError):
        import_file("工单.csv", content)
    cut_short = ImportBatch.objects.get()
    # The first chunk (K-1, K-2) is committed with its counts; K-3's chunk went with K-4.
    assert (cut_short.total_rows, cut_short.created_count, cut_short.is_complete) == (5, 2, False)
    assert sorted(Complaint.objects.values_list("external_reference", flat=True)) == [
        "K-1",
        "K-2",
    ]
    monkeypatch.setattr(services, "_register", real_register)
    finished = import_file("工单.csv", content)
    assert (finished.created_count, finished.existing_count, finished.is_complete) == (3, 2, True)
    assert Complaint.objects.count() == 5


# --- two imports at once -------------------------------------------------------------------


def _import_twice_at_once(museum: Museum, mapping: ColumnMapping, content: bytes) -> list[Any]:
    barrier = threading.Barrier(2)
    outcomes: list[Any] = []
    lock = threading.Lock()

    def run() -> None:
        try:
            actor = museum.actor(museum.clerk)
            barrier.wait(timeout=30)
            batch = referral_import(
                actor=actor, mapping=mapping, file_name="工单.xlsx", content=content
            )
            with lock:
                outcomes.append(batch)
        except BaseException as error:
            with lock:
                outcomes.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not any(thread.is_alive() for thread in threads), "an import hung"
    return outcomes


def _one_file_lands_once(museum: Museum, mapping: ColumnMapping) -> None:
    numbers = [f"C-{n:03}" for n in range(12)]
    outcomes = _import_twice_at_once(museum, mapping, xlsx(orders(*numbers)))
    assert all(isinstance(o, ImportBatch) for o in outcomes), outcomes
    # The imports take turns a chunk at a time, so either may create any work order; each
    # one is created by exactly one of them and found "already there" by the other.
    for batch in outcomes:
        assert (batch.rows_done, batch.error_count) == (12, 0)
    assert sum(batch.created_count for batch in outcomes) == 12
    assert Complaint.objects.count() == 12
    created = ImportRow.objects.filter(status=RowStatus.CREATED)
    assert sorted(created.values_list("external_reference", flat=True)) == numbers


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_on_postgresql_two_imports_of_one_file_at_once_create_each_complaint_once(
    museum: Museum, mapping_12345: ColumnMapping, monkeypatch: pytest.MonkeyPatch
) -> None:
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL: set DATABASE_URL")
    monkeypatch.setattr(services, "IMPORT_CHUNK_ROWS", 3)  # turns interleave mid-file
    _one_file_lands_once(museum, mapping_12345)


@pytest.mark.django_db(transaction=True)
def test_on_sqlite_two_imports_of_one_file_at_once_serialise(
    museum: Museum, mapping_12345: ColumnMapping, monkeypatch: pytest.MonkeyPatch
) -> None:
    if connection.vendor != "sqlite":
        pytest.skip("the SQLite run of the race")
    monkeypatch.setattr(services, "IMPORT_CHUNK_ROWS", 3)
    _one_file_lands_once(museum, mapping_12345)
