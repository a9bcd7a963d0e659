"""Filing needs a valid Open311 api_key (403 otherwise) and is rate-limited per key and address."""

from __future__ import annotations

import pytest
from django.test import Client, override_settings

from bihuan.apikeys.choices import KeyKind
from bihuan.apikeys.models import ApiKey
from bihuan.apikeys.services import apikey_create, apikey_revoke
from bihuan.complaints.models import Complaint
from bihuan.open311.models import Open311Request
from bihuan.org.choices import Role

from ..personas import Museum
from .conftest import post, submission
from .test_conformance import assert_error


@pytest.mark.parametrize("fmt", ["json", "xml"])
def test_a_missing_or_wrong_key_is_403_and_files_nothing(
    client: Client, museum: Museum, api_key: str, fmt: str
) -> None:
    for key in ("", "bh_wrong", api_key + "x", api_key.upper()):
        response = post(client, submission(key), fmt)
        assert response.status_code == 403, key
        assert_error(response, fmt, 403)
    response = post(client, {k: v for k, v in submission(api_key).items() if k != "api_key"}, fmt)
    assert response.status_code == 403
    assert Complaint.objects.count() == 0


def test_a_revoked_key_is_403(client: Client, museum: Museum, api_key: str) -> None:
    assert post(client, submission(api_key)).status_code == 200
    apikey_revoke(key=ApiKey.objects.get(name="civic-app"))
    response = post(client, submission(api_key))
    assert response.status_code == 403
    assert Complaint.objects.count() == 1


def test_an_integration_key_is_not_an_open311_key(client: Client, museum: Museum) -> None:
    _key, raw = apikey_create(name="hotline", kind=KeyKind.INTEGRATION, roles=[Role.CLERK])
    assert post(client, submission(raw)).status_code == 403


def test_the_key_may_come_in_the_query_string(client: Client, museum: Museum, api_key: str) -> None:
    data = {k: v for k, v in submission(api_key).items() if k != "api_key"}
    response = client.post(f"/open311/v2/requests.json?api_key={api_key}", data)
    assert response.status_code == 200


def test_the_request_records_which_client_filed_it(
    client: Client, museum: Museum, api_key: str
) -> None:
    response = post(client, submission(api_key))
    record = Open311Request.objects.get(
        complaint__tracking_code=response.json()[0]["service_request_id"]
    )
    assert record.api_key == ApiKey.objects.get(name="civic-app")
    assert record.api_key.last_used_at is not None


@override_settings(BIHUAN_OPEN311_RATE_PER_KEY=2, BIHUAN_OPEN311_RATE_PER_ADDRESS=100)
def test_posts_are_limited_per_key(client: Client, museum: Museum, api_key: str) -> None:
    assert post(client, submission(api_key)).status_code == 200
    assert post(client, submission(api_key)).status_code == 200
    response = post(client, submission(api_key))
    assert response.status_code == 429
    assert response["Retry-After"]
    assert_error(response, "json", 429)
    # another key from the same address is not held back
    _key, other = apikey_create(name="other-app", kind=KeyKind.OPEN311)
    assert post(client, submission(other)).status_code == 200
    assert Complaint.objects.count() == 3


@override_settings(BIHUAN_OPEN311_RATE_PER_KEY=100, BIHUAN_OPEN311_RATE_PER_ADDRESS=2)
def test_posts_are_limited_per_address_even_with_bad_keys(
    client: Client, museum: Museum, api_key: str
) -> None:
    assert post(client, submission("bh_guess1")).status_code == 403
    assert post(client, submission("bh_guess2")).status_code == 403
    assert post(client, submission(api_key)).status_code == 429
    elsewhere = post(client, submission(api_key), REMOTE_ADDR="192.0.2.7")
    assert elsewhere.status_code == 200
    assert Complaint.objects.count() == 1
