"""Bad input: a clear 400 in the spec's format, nothing half-saved, never a 5xx."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from bihuan.complaints.models import Complainant, Complaint, TimelineEvent
from bihuan.open311.models import Open311Request
from bihuan.org.models import Organisation

from ..personas import Museum
from .conftest import BASE, file_request, post, submission
from .test_conformance import assert_error


def nothing_saved() -> None:
    assert Complaint.objects.count() == 0
    assert Complainant.objects.count() == 0
    assert TimelineEvent.objects.count() == 0
    assert Open311Request.objects.count() == 0


BAD: list[tuple[dict[str, Any], str]] = [
    ({"service_code": None}, "service_code"),
    ({"service_code": "nothing"}, "nothing"),
    ({"description": ""}, ""),
    ({"description": "x" * 4001}, "4000"),
    ({"lat": None}, "lat"),
    ({"lat": "north"}, "lat"),
    ({"lat": "91", "long": "0"}, "lat"),
    ({"long": "NaN"}, "long"),
    ({"long": "1e400"}, "long"),
    ({"lat": None, "long": None, "address_string": None}, "address_id"),
    ({"address_string": "x" * 201}, "address_string"),
    ({"first_name": "x" * 51}, "first_name"),
    ({"email": "not-an-email"}, ""),
    ({"phone": "call me"}, ""),
    ({"media_url": "javascript:alert(1)"}, "media_url"),
    ({"attribute[site]": "nowhere"}, "site"),
    ({"attribute[occurred_at]": "last tuesday"}, "occurred_at"),
    ({"attribute[occurred_at]": "2999-01-01T00:00:00+08:00"}, ""),
]


@pytest.mark.parametrize("fmt", ["json", "xml"])
@pytest.mark.parametrize(("overrides", "mention"), BAD)
def test_bad_input_is_400_and_leaves_nothing(
    client: Client, museum: Museum, api_key: str, fmt: str, overrides: dict, mention: str
) -> None:
    response = post(client, submission(api_key, **overrides), fmt)
    assert response.status_code == 400, response.content
    description = assert_error(response, fmt, 400)
    assert mention in description
    nothing_saved()


def test_anonymous_is_refused_where_the_organisation_does_not_allow_it(
    client: Client, museum: Museum, api_key: str
) -> None:
    Organisation.objects.update(allow_anonymous=False)
    response = post(client, submission(api_key, email=None, phone=None))
    assert response.status_code == 400
    nothing_saved()
    Organisation.objects.update(allow_anonymous=True)
    response = post(client, submission(api_key, email=None, phone=None))
    assert response.status_code == 200
    assert Complaint.objects.get().complainant.is_anonymous


def test_a_media_file_is_checked_by_the_attachment_rules(
    client: Client, museum: Museum, api_key: str
) -> None:
    fake = SimpleUploadedFile("photo.jpg", b"<html>not a photo</html>", "image/jpeg")
    response = client.post(f"{BASE}/requests.json", {**submission(api_key), "media": fake})
    assert response.status_code == 400
    nothing_saved()
    two = [
        SimpleUploadedFile("a.txt", b"hello", "text/plain"),
        SimpleUploadedFile("b.txt", b"hello", "text/plain"),
    ]
    response = client.post(f"{BASE}/requests.json", {**submission(api_key), "media": two})
    assert response.status_code == 400
    nothing_saved()


def test_an_unreadable_body_is_400(client: Client, museum: Museum, api_key: str) -> None:
    response = client.generic(
        "POST",
        f"{BASE}/requests.json",
        b'--broken\r\nContent-Disposition: form-data; name="api_key"\r\n\r\nx',
        content_type="multipart/form-data; boundary=",
    )
    assert response.status_code in (400, 403)
    assert_error(response, "json", response.status_code)
    nothing_saved()


def test_bad_utf8_and_control_characters_never_break_the_server(
    client: Client, museum: Museum, api_key: str
) -> None:
    body = (
        f"api_key={api_key}&service_code=exhibitions&lat=1&long=2&email=a%40b.org"
        "&description=%ff%fe%00bad%c3%28utf8"
    ).encode()
    response = client.generic(
        "POST", f"{BASE}/requests.json", body, content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code == 200
    complaint = Complaint.objects.get()
    assert "\x00" not in complaint.description and "bad" in complaint.description
    for query in ("status=%ff", "service_request_id=%00%ff", "service_code=%c3%28"):
        assert client.get(f"{BASE}/requests.json?{query}").status_code in (200, 400)
        assert client.get(f"{BASE}/requests.xml?{query}").status_code in (200, 400)
    assert client.get(f"{BASE}/requests/%ff%00.json").status_code == 404
    assert client.get(f"{BASE}/services/%ff%00.xml").status_code == 404
    assert client.get(f"{BASE}/tokens/{'x' * 5000}.json").status_code == 404


def test_huge_lists_of_ids_are_answered(client: Client, museum: Museum, api_key: str) -> None:
    complaint = file_request(client, api_key)
    ids = ",".join(["ABCD-EFGH-JK"] * 5000 + [complaint.tracking_code])
    response = client.get(f"{BASE}/requests.json", {"service_request_id": ids})
    assert response.status_code == 200
    assert response.json() == []  # only the first 1000 ids are looked up
    ids = ",".join([complaint.tracking_code] + ["ABCD-EFGH-JK"] * 5000)
    response = client.get(f"{BASE}/requests.json", {"service_request_id": ids})
    assert [r["service_request_id"] for r in response.json()] == [complaint.tracking_code]
