"""Registering, listing and reading complaints through the API."""

from __future__ import annotations

from collections.abc import Callable

from rest_framework.test import APIClient

from bihuan.complaints.choices import Action, Channel, Status
from bihuan.complaints.models import Attachment, Complaint, TimelineEvent
from bihuan.complaints.services import ComplainantInput
from bihuan.org.models import Category, Department, Site

from ..personas import Museum, advance, register
from .conftest import complaint_url, error_of, jpeg, new_complaint_body, pdf

LIST = "/api/v1/complaints/"


def test_the_clerk_registers_a_complaint_with_the_desk_form_rules(museum: Museum, api) -> None:
    response = api(museum.clerk).post(LIST, new_complaint_body(museum), format="json")
    assert response.status_code == 201, response.content
    body = response.json()
    complaint = Complaint.objects.get()
    assert body["tracking_code"] == complaint.tracking_code
    assert response["Location"].endswith(complaint_url(complaint))
    assert complaint.status == Status.REGISTERED
    assert complaint.channel == Channel.PHONE
    assert complaint.registered_by_id == museum.clerk.pk
    assert complaint.complainant.phone == "13812345678"
    # Fields left out take the page's defaults: the preferred language, for one.
    assert complaint.complainant.preferred_language == "zh-hans"
    assert body["complainant"]["phone"] == "13812345678"  # the clerk handles it
    assert {a["name"] for a in body["actions"]} >= {"accept", "reject"}
    assert TimelineEvent.objects.filter(complaint=complaint, action=Action.REGISTER).exists()


def test_a_complaint_registered_with_files_in_a_multipart_body(museum: Museum, api) -> None:
    body = {**new_complaint_body(museum), "files": [jpeg(), pdf()]}
    response = api(museum.clerk).post(LIST, body, format="multipart")
    assert response.status_code == 201, response.content
    complaint = Complaint.objects.get()
    assert sorted(a.original_name for a in complaint.attachments.all()) == [
        "letter.pdf",
        "photo.jpg",
    ]


def test_only_the_intake_desk_registers(museum: Museum, api) -> None:
    for user in (museum.handler, museum.head, museum.supervisor, museum.outsider):
        response = api(user).post(LIST, new_complaint_body(museum), format="json")
        assert response.status_code == 403, user
        assert error_of(response)["code"] == "permission_denied"
    assert not Complaint.objects.exists()


def test_bad_input_is_refused_whole_with_every_field_named(museum: Museum, api) -> None:
    body = new_complaint_body(museum, description="", channel="pigeon", category=999_999)
    body["files"] = [jpeg()]
    response = api(museum.clerk).post(LIST, body, format="multipart")
    assert response.status_code == 400
    error = error_of(response)
    assert error["code"] == "invalid"
    assert set(error["fields"]) == {"description", "channel", "category"}
    assert not Complaint.objects.exists()
    assert not Attachment.objects.exists()


def test_a_domain_error_names_its_field_and_nothing_is_saved(museum: Museum, api) -> None:
    body = new_complaint_body(museum, phone="", name="", email="")
    response = api(museum.clerk).post(LIST, body, format="json")
    assert response.status_code == 400
    error = error_of(response)
    assert (error["code"], error["field"]) == ("contact_required", "phone")
    assert error["fields"] == {"phone": [error["message"]]}
    assert not Complaint.objects.exists()


def test_unknown_fields_and_nested_values_are_refused(museum: Museum, api) -> None:
    client = api(museum.clerk)
    response = client.post(LIST, new_complaint_body(museum, status="archived"), format="json")
    assert response.status_code == 400
    assert error_of(response)["fields"] == {"status": ["Unknown field."]} or set(
        error_of(response)["fields"]
    ) == {"status"}
    response = client.post(LIST, new_complaint_body(museum, name={"a": 1}), format="json")
    assert response.status_code == 400
    assert set(error_of(response)["fields"]) == {"name"}
    response = client.post(LIST, ["not", "an", "object"], format="json")
    assert response.status_code == 400
    assert not Complaint.objects.exists()


def test_malformed_json_is_a_400_in_the_error_format(museum: Museum, api) -> None:
    response = api(museum.clerk).post(LIST, "{not json", content_type="application/json")
    assert response.status_code == 400
    assert error_of(response)["code"] == "parse_error"


def test_retrieve_shows_what_the_page_shows(museum: Museum, api) -> None:
    complaint = register(museum)
    response = api(museum.clerk).get(complaint_url(complaint))
    assert response.status_code == 200
    body = response.json()
    assert body["tracking_code"] == complaint.tracking_code
    assert body["description"] == complaint.description
    assert body["status"] == "registered"
    assert body["category"]["code"] == "exhibitions"
    assert body["registered_by"] == {"id": museum.clerk.pk, "name": "clerk"}
    assert "password" not in response.content.decode()
    assert body["timeline_url"].endswith(complaint_url(complaint, "timeline/"))


def test_timeline_lists_the_events_oldest_first(museum: Museum, api) -> None:
    complaint = advance(museum, register(museum), Status.DISPATCHED)
    response = api(museum.handler).get(complaint_url(complaint, "timeline/"))
    assert response.status_code == 200
    events = [e for e in response.json() if e["from_status"] or e["action"] == "register"]
    assert [e["action"] for e in events] == ["register", "accept", "dispatch"]
    assert events[-1]["from_status"] == "accepted"
    assert events[-1]["to_status"] == "dispatched"
    assert events[-1]["actor"]["id"] == museum.clerk.pk


def test_reference_data_lists_the_active_rows(museum: Museum, api) -> None:
    client = api(museum.handler)
    categories = client.get("/api/v1/categories/").json()
    assert {c["code"] for c in categories} == set(
        Category.objects.filter(is_active=True).values_list("code", flat=True)
    )
    departments = client.get("/api/v1/departments/").json()
    assert {"exhibitions", "facilities", "service-desk"} <= {d["code"] for d in departments}
    desk = next(d for d in departments if d["code"] == "service-desk")
    assert desk["is_intake_desk"] is True
    sites = client.get("/api/v1/sites/").json()
    assert len(sites) == Site.objects.filter(is_active=True).count()
    assert Department.objects.exists()


def test_reference_data_needs_a_staff_role(museum: Museum, api) -> None:
    for path in ("/api/v1/categories/", "/api/v1/departments/", "/api/v1/sites/"):
        assert api(museum.outsider).get(path).status_code == 403


def test_the_root_lists_the_endpoints(museum: Museum, api: Callable[..., APIClient]) -> None:
    body = api(museum.clerk).get("/api/v1/").json()
    assert body["complaints"].endswith(LIST)
    assert body["schema"].endswith("/api/schema/")


def test_contact_details_only_for_those_handling_it(museum: Museum, api) -> None:
    complaint = advance(
        museum,
        register(
            museum,
            complainant=ComplainantInput(
                name="钱七",
                phone="13712345678",
                email="qian@example.com",
                contact_confidential=True,
            ),
        ),
        Status.DISPATCHED,
    )
    for user in (museum.clerk, museum.handler, museum.head):
        person = api(user).get(complaint_url(complaint)).json()["complainant"]
        assert (person["phone"], person["email"], person["masked"]) == (
            "13712345678",
            "qian@example.com",
            False,
        ), user
    for user in (museum.supervisor, museum.leader):
        response = api(user).get(complaint_url(complaint))
        person = response.json()["complainant"]
        assert person["masked"] is True
        assert person["phone"] == "137****5678"
        assert person["email"] == "q***@example.com"
        assert "13712345678" not in response.content.decode()
        assert "qian@" not in response.content.decode()
        timeline = api(user).get(complaint_url(complaint, "timeline/")).content.decode()
        assert "13712345678" not in timeline


def test_no_account_details_of_staff_are_shown(museum: Museum, api) -> None:
    complaint = advance(museum, register(museum), Status.INVESTIGATING)
    text = api(museum.clerk).get(complaint_url(complaint)).content.decode()
    text += api(museum.clerk).get(complaint_url(complaint, "timeline/")).content.decode()
    text += api(museum.clerk).get(LIST).content.decode()
    for secret in ("password", "md5$", "pbkdf2", "username", "last_login"):
        assert secret not in text


def test_a_complaint_costs_a_fixed_number_of_queries(
    museum: Museum, api, django_assert_max_num_queries
) -> None:
    complaint = advance(museum, register(museum, files=[pdf()]), Status.HANDLING)
    client = api(museum.handler)
    client.get(complaint_url(complaint))  # warm the caches (content types)
    with django_assert_max_num_queries(6):
        assert client.get(complaint_url(complaint)).status_code == 200
    with django_assert_max_num_queries(3):
        assert client.get(complaint_url(complaint, "timeline/")).status_code == 200
    with django_assert_max_num_queries(3):
        assert client.get(complaint_url(complaint, "attachments/")).status_code == 200
