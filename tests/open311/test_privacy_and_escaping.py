"""Public answers never carry contact details; complainant text is escaped and XML parses."""

from __future__ import annotations

from xml.etree import ElementTree

import pytest
from django.test import Client

from bihuan.org.models import Site

from ..complaints.states import _reject
from ..personas import Museum
from .conftest import BASE, file_request, post, submission, walk

CONTACTS = ["citizen@example.org", "13812345678", "Mei", "Lin", "account-7", "device-42"]
SCRIPT = "<script>alert('x')</script>"


def public_pages(client: Client, code: str, token: str = "none") -> list[bytes]:
    pages = []
    for fmt in ("json", "xml"):
        for path in (
            "requests",
            f"requests/{code}",
            f"tokens/{token}",
            "services",
            "services/exhibitions",
            "discovery",
        ):
            response = client.get(f"{BASE}/{path}.{fmt}")
            assert response.status_code == 200, (path, response.content)
            pages.append(response.content)
    return pages


def test_no_contact_detail_in_any_public_answer(
    client: Client, museum: Museum, api_key: str
) -> None:
    response = post(client, submission(api_key))
    created = response.json()[0]
    code = created["service_request_id"]
    from bihuan.complaints.models import Complaint

    complaint = Complaint.objects.get(tracking_code=code)
    for stage in ("registered", "dispatched", "replied"):
        walk(museum, complaint, stage)
        for page in public_pages(client, code, created["token"]):
            text = page.decode()
            for detail in CONTACTS:
                assert detail not in text, (stage, detail)


def test_contact_details_typed_into_the_text_are_masked(
    client: Client, museum: Museum, api_key: str
) -> None:
    complaint = file_request(
        client,
        api_key,
        description="Call me on 13812345678 or 010-12345678, or write to mei.lin@example.org. "
        "It happened on 2026-05-01 at 10:30.",
        address_string="Gate 3, ask for 13912341234",
    )
    (record,) = client.get(f"{BASE}/requests/{complaint.tracking_code}.json").json()
    public = record["description"] + record["address"]
    for detail in ("13812345678", "12345678", "mei.lin@example.org", "13912341234"):
        assert detail not in public
    assert "138****5678" in record["description"]
    assert "2026-05-01 at 10:30" in record["description"]  # dates are not phone numbers


def test_script_payloads_come_back_as_text(client: Client, museum: Museum, api_key: str) -> None:
    Site.objects.create(code="main", name=SCRIPT)
    complaint = file_request(
        client,
        api_key,
        description=f'{SCRIPT} & <b>bold</b> ]]> "quoted"',
        address_string=SCRIPT,
    )
    walk(museum, complaint, "resolved")
    from bihuan.complaints.services import complaint_reply

    complaint_reply(
        actor=museum.actor(museum.clerk), complaint=complaint, method="email", text=SCRIPT
    )
    xml = client.get(f"{BASE}/requests/{complaint.tracking_code}.xml").content
    assert b"<script>" not in xml and b"&lt;script&gt;" in xml
    request = ElementTree.fromstring(xml).find("request")
    assert request is not None
    assert request.findtext("description") == f'{SCRIPT} & <b>bold</b> ]]> "quoted"'
    assert request.findtext("address") == SCRIPT
    assert request.findtext("status_notes") == SCRIPT
    definition = client.get(f"{BASE}/services/exhibitions.xml").content
    assert b"<script>" not in definition
    (record,) = client.get(f"{BASE}/requests/{complaint.tracking_code}.json").json()
    assert record["description"].startswith(SCRIPT)  # JSON carries the text as it is
    assert client.get(f"{BASE}/requests/{complaint.tracking_code}.json")["Content-Type"].startswith(
        "application/json"
    )


NASTY = [
    "nul\x00byte",
    "bell\x07 and vertical\x0btab",
    "\ufffe\uffff non-characters",
    "emoji 😀 and 𠀀",
    "]]><!DOCTYPE x [<!ENTITY a 'b'>]>&a;",
    "<?xml version='1.0'?><root/>",
]


@pytest.mark.parametrize("text", NASTY)
def test_every_xml_answer_parses(client: Client, museum: Museum, api_key: str, text: str) -> None:
    Site.objects.create(code="main", name=text.replace("\x00", "") or "x")
    response = post(client, submission(api_key, description=text, address_string=text[:100]), "xml")
    assert response.status_code == 200, response.content
    root = ElementTree.fromstring(response.content)
    code = root.findtext("request/service_request_id")
    token = root.findtext("request/token")
    complaint_id = code or ""
    from bihuan.complaints.models import Complaint

    complaint = Complaint.objects.get(tracking_code=complaint_id)
    walk(museum, complaint, "resolved")
    from bihuan.complaints.services import complaint_reply

    complaint_reply(
        actor=museum.actor(museum.clerk),
        complaint=complaint,
        method="email",
        text=text.replace("\x00", "") or "x",
    )
    paths = [
        "discovery",
        "services",
        "services/exhibitions",
        "services/none",
        "requests",
        f"requests/{code}",
        "requests/none",
        f"tokens/{token}",
        "tokens/none",
        "nowhere",
    ]
    for path in paths:
        body = client.get(f"{BASE}/{path}.xml").content
        ElementTree.fromstring(body)  # raises if not well-formed
    for bad in ({"status": text}, {"start_date": text}):
        ElementTree.fromstring(client.get(f"{BASE}/requests.xml", bad).content)
    bad_post = post(client, submission(api_key, service_code=text), "xml")
    assert bad_post.status_code == 400
    ElementTree.fromstring(bad_post.content)


def test_a_rejection_reason_is_published_but_nothing_internal(
    client: Client, museum: Museum, api_key: str
) -> None:
    complaint = file_request(client, api_key)
    _reject(museum, complaint)
    text = client.get(f"{BASE}/requests/{complaint.tracking_code}.json").content.decode()
    for staff in ("clerk", "handler", museum.clerk.username):
        assert staff not in text
