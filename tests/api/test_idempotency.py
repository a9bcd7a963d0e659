"""Idempotency-Key on registration: a retry never registers the complaint twice."""

from __future__ import annotations

import threading
from datetime import timedelta
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.db import connection, connections
from rest_framework.test import APIClient

from bihuan.api.idempotency import idempotency_begin, idempotency_expire, request_fingerprint
from bihuan.api.models import IdempotencyKey
from bihuan.complaints.models import Complaint
from bihuan.complaints.signals import event_recorded
from bihuan.core import clock
from bihuan.org.choices import Role

from ..personas import Museum, make_staff
from .conftest import error_of, jpeg, new_complaint_body

LIST = "/api/v1/complaints/"


def post(client: APIClient, body: dict[str, Any], key: str, fmt: str = "json") -> Any:
    return client.post(LIST, body, format=fmt, headers={"Idempotency-Key": key})


def test_a_retry_gets_the_first_answer_and_registers_nothing(museum: Museum, api) -> None:
    client = api(museum.clerk)
    body = new_complaint_body(museum)
    first = post(client, body, "order-1")
    assert first.status_code == 201
    retry = post(client, dict(reversed(list(body.items()))), "order-1")  # key order is no matter
    assert retry.status_code == 201
    assert retry.json() == first.json()
    assert retry["Idempotent-Replayed"] == "true"
    assert retry["Location"] == first["Location"]
    assert Complaint.objects.count() == 1


def test_the_same_key_with_another_body_is_422(museum: Museum, api) -> None:
    client = api(museum.clerk)
    assert post(client, new_complaint_body(museum), "k").status_code == 201
    response = post(client, new_complaint_body(museum, description="另一件事"), "k")
    assert response.status_code == 422
    assert error_of(response)["code"] == "idempotency_key_reused"
    assert Complaint.objects.count() == 1


def test_keys_belong_to_their_caller(museum: Museum, api) -> None:
    second_clerk = make_staff("clerk2", Role.CLERK, department=museum.desk)
    body = new_complaint_body(museum)
    first = post(api(museum.clerk), body, "shared")
    other = post(api(second_clerk), body, "shared")
    assert first.status_code == other.status_code == 201
    assert first.json()["tracking_code"] != other.json()["tracking_code"]
    assert Complaint.objects.count() == 2


def test_a_refusal_is_stored_and_replayed_too(museum: Museum, api) -> None:
    client = api(museum.clerk)
    body = new_complaint_body(museum, description="")
    first = post(client, body, "bad")
    assert first.status_code == 400
    retry = post(client, body, "bad")
    assert (retry.status_code, retry.json()) == (400, first.json())
    assert not Complaint.objects.exists()


def test_multipart_retries_with_the_same_files_are_replayed(museum: Museum, api) -> None:
    client = api(museum.clerk)
    first = post(client, {**new_complaint_body(museum), "files": [jpeg()]}, "m", "multipart")
    retry = post(client, {**new_complaint_body(museum), "files": [jpeg()]}, "m", "multipart")
    assert first.status_code == retry.status_code == 201
    assert retry.json()["tracking_code"] == first.json()["tracking_code"]
    other_file = post(
        client, {**new_complaint_body(museum), "files": [jpeg("other.jpg")]}, "m", "multipart"
    )
    assert other_file.status_code == 422


def test_a_retry_while_the_first_is_in_flight_is_409(museum: Museum, api) -> None:
    body = new_complaint_body(museum)
    claim = idempotency_begin(
        principal=f"user:{museum.clerk.pk}",
        key="busy",
        endpoint="complaints_create",
        fingerprint=request_fingerprint(body, {}),
    )
    assert isinstance(claim, IdempotencyKey)
    response = post(api(museum.clerk), body, "busy")
    assert response.status_code == 409
    assert error_of(response)["code"] == "idempotency_in_flight"
    assert not Complaint.objects.exists()


def test_a_claim_left_by_a_dead_request_is_taken_over(museum: Museum, api) -> None:
    body = new_complaint_body(museum)
    idempotency_begin(
        principal=f"user:{museum.clerk.pk}",
        key="crashed",
        endpoint="complaints_create",
        fingerprint=request_fingerprint(body, {}),
    )
    IdempotencyKey.objects.update(created_at=clock.now() - timedelta(minutes=11))
    response = post(api(museum.clerk), body, "crashed")
    assert response.status_code == 201
    assert IdempotencyKey.objects.get().state == IdempotencyKey.State.DONE


def test_keys_expire_after_a_day(museum: Museum, api) -> None:
    client = api(museum.clerk)
    body = new_complaint_body(museum)
    first = post(client, body, "old")
    assert first.status_code == 201
    assert idempotency_expire() == 0
    IdempotencyKey.objects.update(created_at=clock.now() - timedelta(hours=25))
    # Even before the cleanup runs, an expired key no longer answers: the work is done again.
    again = post(client, body, "old")
    assert again.status_code == 201
    assert again.json()["tracking_code"] != first.json()["tracking_code"]
    assert Complaint.objects.count() == 2
    IdempotencyKey.objects.update(created_at=clock.now() - timedelta(hours=25))
    assert idempotency_expire() == 1
    assert not IdempotencyKey.objects.exists()


@pytest.mark.parametrize("key", ["", " ", "x" * 256, "ключ"])
def test_a_malformed_key_is_400(museum: Museum, api, key: str) -> None:
    response = api(museum.clerk).post(
        LIST, new_complaint_body(museum), format="json", headers={"Idempotency-Key": key}
    )
    assert response.status_code == 400
    assert error_of(response)["code"] == "idempotency_key_invalid"
    assert not Complaint.objects.exists()


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_on_postgresql_a_concurrent_retry_is_409_and_one_complaint_lands(museum: Museum) -> None:
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL: set DATABASE_URL")
    body = new_complaint_body(museum)
    inside = threading.Event()
    release = threading.Event()
    first_thread: list[threading.Thread] = []
    answers: dict[str, Any] = {}

    def hold_the_first(sender: object, **kwargs: object) -> None:
        # The first request waits inside its registration transaction, claim committed.
        if first_thread and threading.current_thread() is first_thread[0]:
            inside.set()
            release.wait(timeout=30)

    def request(name: str) -> None:
        try:
            client = APIClient()
            client.force_authenticate(User.objects.get(pk=museum.clerk.pk))
            answers[name] = post(client, body, "race")
        finally:
            connections.close_all()

    event_recorded.connect(hold_the_first)
    try:
        first = threading.Thread(target=request, args=("first",))
        first_thread.append(first)
        first.start()
        assert inside.wait(timeout=30)
        second = threading.Thread(target=request, args=("second",))
        second.start()
        second.join(timeout=30)
        release.set()
        first.join(timeout=30)
    finally:
        release.set()
        event_recorded.disconnect(hold_the_first)
    assert answers["second"].status_code == 409
    assert error_of(answers["second"])["code"] == "idempotency_in_flight"
    assert answers["first"].status_code == 201
    assert Complaint.objects.count() == 1
    client = APIClient()
    client.force_authenticate(User.objects.get(pk=museum.clerk.pk))
    retry = post(client, body, "race")
    assert retry.status_code == 201
    assert retry.json() == answers["first"].json()


def test_a_body_that_is_not_an_object_is_400_even_with_a_key(museum: Museum, api) -> None:
    client = api(museum.clerk)
    for body in ([None, None], "text", 3):
        response = client.post(LIST, body, format="json", headers={"Idempotency-Key": "odd"})
        assert response.status_code in {400, 422}
    assert not Complaint.objects.exists()
