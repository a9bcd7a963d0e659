"""GeoReport v2 conformance: the shapes of the spec's examples, in JSON and in XML."""

from __future__ import annotations

import re
from datetime import timedelta
from typing import Any
from xml.etree import ElementTree

import pytest
from django.test import Client
from django.utils import timezone

from bihuan.complaints.models import Complaint
from bihuan.core import clock
from bihuan.open311.models import Open311Request
from bihuan.org.models import Category, Site

from ..personas import Museum
from .conftest import BASE, file_request, post, submission

OFFSET = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(Z|[+-]\d{2}:\d{2})$")
REQUEST_FIELDS = [
    "service_request_id",
    "status",
    "status_notes",
    "service_name",
    "service_code",
    "description",
    "agency_responsible",
    "service_notice",
    "requested_datetime",
    "updated_datetime",
    "expected_datetime",
    "address",
    "address_id",
    "zipcode",
    "lat",
    "long",
    "media_url",
]


def get_json(client: Client, path: str, **params: Any) -> Any:
    response = client.get(f"{BASE}/{path}.json", params)
    assert response["Content-Type"] == "application/json; charset=utf-8"
    return response


def get_xml(client: Client, path: str, **params: Any) -> tuple[Any, ElementTree.Element]:
    response = client.get(f"{BASE}/{path}.xml", params)
    assert response["Content-Type"] == "text/xml; charset=utf-8"
    assert response.content.startswith(b'<?xml version="1.0" encoding="UTF-8"?>')
    return response, ElementTree.fromstring(response.content)


def test_discovery_names_the_endpoint_and_both_formats(client: Client, museum: Museum) -> None:
    body = get_json(client, "discovery").json()
    assert OFFSET.match(body["changeset"])
    (endpoint,) = body["endpoints"]
    assert endpoint["specification"] == "http://wiki.open311.org/GeoReport_v2"
    assert endpoint["url"] == "http://testserver/open311/v2/"
    assert endpoint["type"] in ("production", "test")
    assert set(endpoint["formats"]) == {"text/xml", "application/json"}
    _response, root = get_xml(client, "discovery")
    assert root.tag == "discovery"
    assert [f.text for f in root.iter("format")] == ["text/xml", "application/json"]
    assert root.find("endpoints/endpoint/specification") is not None


def test_services_are_the_active_categories(client: Client, museum: Museum) -> None:
    Category.objects.filter(code="service-attitude").update(is_active=False)
    body = get_json(client, "services").json()
    codes = [service["service_code"] for service in body]
    expected = list(Category.objects.filter(is_active=True).values_list("code", flat=True))
    assert codes == expected and "service-attitude" not in codes
    service = next(s for s in body if s["service_code"] == "exhibitions")
    assert set(service) == {
        "service_code",
        "service_name",
        "description",
        "metadata",
        "type",
        "keywords",
        "group",
    }
    assert service["metadata"] is True and service["type"] == "realtime"
    _response, root = get_xml(client, "services")
    assert root.tag == "services"
    assert [s.findtext("service_code") for s in root.findall("service")] == codes
    assert root.find("service/metadata").text == "true"  # type: ignore[union-attr]


def test_service_names_follow_the_request_language(client: Client, museum: Museum) -> None:
    category = museum.category("exhibitions")
    english = category.name_i18n["en"]
    response = client.get(f"{BASE}/services.json", HTTP_ACCEPT_LANGUAGE="en")
    names = {s["service_code"]: s["service_name"] for s in response.json()}
    assert names["exhibitions"] == english
    response = client.get(f"{BASE}/services.json", HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert {s["service_code"]: s["service_name"] for s in response.json()}[
        "exhibitions"
    ] == category.name


def test_a_nested_category_names_its_group(client: Client, museum: Museum) -> None:
    parent = museum.category("exhibitions")
    Category.objects.create(code="exhibit-broken", name="展品损坏", parent=parent)
    body = get_json(client, "services").json()
    child = next(s for s in body if s["service_code"] == "exhibit-broken")
    assert child["group"] == parent.name


def test_a_service_definition_lists_the_sites_and_when(client: Client, museum: Museum) -> None:
    Site.objects.create(code="main", name="主馆", address="人民大道 1 号")
    Site.objects.create(code="annex", name="分馆")
    Site.objects.create(code="closed", name="旧馆", is_active=False)
    body = get_json(client, "services/exhibitions").json()
    assert body["service_code"] == "exhibitions"
    site, occurred = body["attributes"]
    assert site["code"] == "site" and site["datatype"] == "singlevaluelist"
    assert [v["key"] for v in site["values"]] == ["annex", "main"]
    assert occurred["code"] == "occurred_at" and occurred["datatype"] == "datetime"
    for attribute in body["attributes"]:
        assert {"variable", "code", "datatype", "required", "datatype_description", "order"} <= set(
            attribute
        )
    assert [a["order"] for a in body["attributes"]] == [1, 2]
    _response, root = get_xml(client, "services/exhibitions")
    assert root.tag == "service_definition"
    keys = [v.findtext("key") for v in root.findall("attributes/attribute/values/value")]
    assert keys == ["annex", "main"]


@pytest.mark.parametrize("fmt", ["json", "xml"])
def test_an_unknown_service_is_404_in_the_error_format(
    client: Client, museum: Museum, fmt: str
) -> None:
    response = client.get(f"{BASE}/services/nothing.{fmt}")
    assert response.status_code == 404
    assert_error(response, fmt, 404)


def assert_error(response: Any, fmt: str, code: int) -> str:
    if fmt == "json":
        (error,) = response.json()
        assert set(error) == {"code", "description"}
        assert error["code"] == code and error["description"]
        return str(error["description"])
    root = ElementTree.fromstring(response.content)
    assert root.tag == "errors"
    (error,) = root.findall("error")
    assert error.findtext("code") == str(code)
    assert error.findtext("description")
    return str(error.findtext("description"))


def test_post_returns_the_id_a_token_and_a_notice(
    client: Client, museum: Museum, api_key: str
) -> None:
    response = post(client, submission(api_key))
    assert response.status_code == 200
    (created,) = response.json()
    complaint = Complaint.objects.get(tracking_code=created["service_request_id"])
    assert complaint.channel == "open311"
    assert complaint.registered_by is None
    assert created["token"] == complaint.open311_request.token
    assert complaint.tracking_code in created["service_notice"]
    token = client.get(f"{BASE}/tokens/{created['token']}.json").json()
    assert token == [{"service_request_id": complaint.tracking_code, "token": created["token"]}]


def test_post_in_xml(client: Client, museum: Museum, api_key: str) -> None:
    response = post(client, submission(api_key), "xml")
    assert response.status_code == 200
    root = ElementTree.fromstring(response.content)
    assert root.tag == "service_requests"
    code = root.findtext("request/service_request_id")
    assert Complaint.objects.filter(tracking_code=code).exists()
    token = client.get(f"{BASE}/tokens/{root.findtext('request/token')}.xml")
    assert ElementTree.fromstring(token.content).findtext("request/service_request_id") == code


def test_what_the_client_sent_lands_on_the_complaint_and_its_record(
    client: Client, museum: Museum, api_key: str
) -> None:
    site = Site.objects.create(code="main", name="主馆")
    happened = (clock.now() - timedelta(hours=3)).replace(microsecond=0)
    complaint = file_request(
        client,
        api_key,
        **{
            "attribute[site]": "main",
            "attribute[occurred_at]": happened.isoformat(),
            "media_url": "https://img.example.org/1.jpg",
            "address_id": "A-17",
        },
    )
    assert complaint.site == site
    assert complaint.occurred_at == happened
    assert complaint.occurred_place == "2F, Hall B"
    assert complaint.category == museum.category("exhibitions")
    assert complaint.complainant.email == "citizen@example.org"
    assert complaint.complainant.phone == "13812345678"
    assert complaint.complainant.name == "Mei Lin"
    record = Open311Request.objects.get(complaint=complaint)
    assert (str(record.lat), str(record.long)) == ("31.230416", "121.473701")
    assert record.address_id == "A-17" and record.device_id == "device-42"
    assert record.media_url == "https://img.example.org/1.jpg"


def test_a_site_alone_is_a_location(client: Client, museum: Museum, api_key: str) -> None:
    Site.objects.create(code="main", name="主馆")
    complaint = file_request(
        client, api_key, lat=None, long=None, address_string=None, **{"attribute[site]": "main"}
    )
    assert complaint.occurred_place == "主馆"


def test_a_request_reads_back_with_every_field(
    client: Client, museum: Museum, api_key: str
) -> None:
    complaint = file_request(client, api_key, media_url="https://img.example.org/1.jpg")
    body = get_json(client, f"requests/{complaint.tracking_code}").json()
    (record,) = body
    assert list(record) == REQUEST_FIELDS
    assert record["service_request_id"] == complaint.tracking_code
    assert record["status"] == "open"
    assert record["service_code"] == "exhibitions"
    assert (record["lat"], record["long"]) == (31.230416, 121.473701)
    assert record["address"] == "2F, Hall B"
    assert record["media_url"] == "https://img.example.org/1.jpg"
    _response, root = get_xml(client, f"requests/{complaint.tracking_code}")
    (request,) = root.findall("request")
    assert [child.tag for child in request] == REQUEST_FIELDS
    assert request.findtext("lat") == "31.230416"


def test_every_datetime_carries_its_offset(client: Client, museum: Museum, api_key: str) -> None:
    from ..personas import advance

    complaint = file_request(client, api_key)
    advance(museum, complaint, "accepted")
    (record,) = get_json(client, f"requests/{complaint.tracking_code}").json()
    for name in ("requested_datetime", "updated_datetime", "expected_datetime"):
        assert record[name] and OFFSET.match(record[name]), (name, record[name])
    assert record["requested_datetime"].endswith("+08:00")  # the organisation's zone
    _response, root = get_xml(client, "requests")
    for name in ("requested_datetime", "updated_datetime", "expected_datetime"):
        assert OFFSET.match(root.findtext(f"request/{name}") or ""), name


def test_get_requests_defaults_to_the_last_90_days(
    client: Client, museum: Museum, api_key: str
) -> None:
    now = clock.now()
    with clock.travel_to(now - timedelta(days=100)):
        old = file_request(client, api_key)
    with clock.travel_to(now - timedelta(days=10)):
        recent = file_request(client, api_key)
    ids = [r["service_request_id"] for r in get_json(client, "requests").json()]
    assert ids == [recent.tracking_code]
    # a window of our own reaches the old one, and a list of ids finds both
    start = (now - timedelta(days=120)).isoformat()
    end = (now - timedelta(days=95)).isoformat()
    ids = [
        r["service_request_id"]
        for r in get_json(client, "requests", start_date=start, end_date=end).json()
    ]
    assert ids == [old.tracking_code]
    both = f"{old.tracking_code},{recent.tracking_code},NOPE"
    ids = [
        r["service_request_id"]
        for r in get_json(client, "requests", service_request_id=both).json()
    ]
    assert sorted(ids) == sorted([old.tracking_code, recent.tracking_code])


def test_get_requests_returns_at_most_the_limit_newest_first(
    client: Client, museum: Museum, api_key: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("bihuan.open311.selectors.MAX_RESULTS", 3)
    now = clock.now()
    codes = []
    for hours in (5, 4, 3, 2):
        with clock.travel_to(now - timedelta(hours=hours)):
            codes.append(file_request(client, api_key).tracking_code)
    ids = [r["service_request_id"] for r in get_json(client, "requests").json()]
    assert ids == list(reversed(codes))[:3]


def test_get_requests_filters_by_service_and_status(
    client: Client, museum: Museum, api_key: str
) -> None:
    from ..personas import advance

    exhibit = file_request(client, api_key)
    facility = file_request(client, api_key, service_code="facilities")
    replied = file_request(client, api_key)
    advance(museum, replied, "replied")

    def ids(**params: str) -> set[str]:
        return {r["service_request_id"] for r in get_json(client, "requests", **params).json()}

    assert ids(service_code="facilities") == {facility.tracking_code}
    assert ids(service_code="exhibitions,facilities") == {
        exhibit.tracking_code,
        facility.tracking_code,
        replied.tracking_code,
    }
    assert ids(status="closed") == {replied.tracking_code}
    assert ids(status="open") == {exhibit.tracking_code, facility.tracking_code}
    assert ids(status="open,closed") == ids()
    assert ids(status="open", service_code="exhibitions") == {exhibit.tracking_code}


@pytest.mark.parametrize("fmt", ["json", "xml"])
@pytest.mark.parametrize(
    "params",
    [
        {"status": "pending"},
        {"status": "OPEN"},
        {"status": "open,"},
        {"start_date": "yesterday"},
        {"end_date": "2026-13-45"},
    ],
)
def test_bad_filters_are_400_in_the_error_format(
    client: Client, museum: Museum, fmt: str, params: dict[str, str]
) -> None:
    response = client.get(f"{BASE}/requests.{fmt}", params)
    assert response.status_code == 400
    assert_error(response, fmt, 400)


def test_a_long_range_is_cut_to_90_days_and_a_reversed_one_matches_nothing(
    client: Client, museum: Museum, api_key: str
) -> None:
    now = clock.now()
    with clock.travel_to(now - timedelta(days=150)):
        early = file_request(client, api_key)
    with clock.travel_to(now - timedelta(days=50)):
        late = file_request(client, api_key)

    def ids(**params: str) -> list[str]:
        return [r["service_request_id"] for r in get_json(client, "requests", **params).json()]

    start = (now - timedelta(days=160)).isoformat()
    assert ids(start_date=start, end_date=now.isoformat()) == [early.tracking_code]
    assert ids(start_date=start) == [early.tracking_code]
    assert ids(end_date=(now - timedelta(days=49)).isoformat()) == [late.tracking_code]
    assert ids(start_date=now.isoformat(), end_date=start) == []
    # the ends of the calendar are answered, not errors
    assert ids(start_date="0001-01-01T00:00:00+08:00") == []
    assert ids(end_date="9999-12-31T23:59:59-12:00") == []


def test_dates_without_a_zone_are_local_and_dates_alone_are_whole_days(
    client: Client, museum: Museum, api_key: str
) -> None:
    complaint = file_request(client, api_key)
    local_day = timezone.localtime(complaint.received_at).date().isoformat()
    ids = [
        r["service_request_id"]
        for r in get_json(client, "requests", start_date=local_day, end_date=local_day).json()
    ]
    assert ids == [complaint.tracking_code]


@pytest.mark.parametrize("fmt", ["json", "xml"])
def test_other_methods_are_405_in_the_error_format(
    client: Client, museum: Museum, fmt: str
) -> None:
    response = client.delete(f"{BASE}/requests.{fmt}")
    assert response.status_code == 405
    assert response["Allow"] == "GET, POST"
    assert_error(response, fmt, 405)
    response = client.post(f"{BASE}/services.{fmt}")
    assert response.status_code == 405


def test_requests_filed_elsewhere_are_not_published(
    client: Client, museum: Museum, api_key: str
) -> None:
    from ..personas import register

    by_phone = register(museum)
    assert client.get(f"{BASE}/requests/{by_phone.tracking_code}.json").status_code == 404
    assert get_json(client, "requests").json() == []
    listed = get_json(client, "requests", service_request_id=by_phone.tracking_code).json()
    assert listed == []
