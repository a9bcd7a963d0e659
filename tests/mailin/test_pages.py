"""What staff see of emailed complaints: escaped payloads, and the quarantine in the admin."""

from __future__ import annotations

from unittest import mock

import pytest
from django.contrib.auth.models import User
from django.test import Client

from bihuan.complaints.services import ComplainantInput
from bihuan.mailin.choices import InboundStatus, Source
from bihuan.mailin.models import InboundMessage
from bihuan.mailin.services import email_ingest
from tests.personas import Museum, register

from .corpus import load

pytestmark = pytest.mark.django_db


def _page(client: Client, user: User, url: str) -> str:
    client.force_login(user)
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def test_script_payloads_of_an_email_render_escaped_on_the_staff_page(
    museum: Museum, client: Client
) -> None:
    inbound = email_ingest(raw=load("xss.eml"), source=Source.PIPE).message
    complaint = inbound.complaint
    assert complaint is not None, inbound.error
    page = _page(client, museum.clerk, f"/complaints/{complaint.tracking_code}/")
    for escaped in (
        "&lt;script&gt;alert(&#x27;subject&#x27;)&lt;/script&gt; 投诉",  # subject
        "&lt;script&gt;alert(&#x27;name&#x27;)&lt;/script&gt;",  # sender name
        "&lt;img src=x onerror=alert(&#x27;file&#x27;)&gt;.jpg",  # file name
        "&lt;script&gt;alert(&#x27;body&#x27;)&lt;/script&gt;",  # text
    ):
        assert escaped in page
    for raw in ("<script>alert(", "<img src=x onerror"):
        assert raw not in page


def test_a_threaded_reply_with_a_payload_renders_escaped(museum: Museum, client: Client) -> None:
    complaint = register(
        museum,
        channel="email",
        complainant=ComplainantInput(name="张三", email="zhangsan@mail.example"),
    )
    raw = load("reply-other-sender.eml", complaint).replace(
        "我代张三补充".encode(), b"<script>alert('reply')</script>"
    )
    inbound = email_ingest(raw=raw, source=Source.PIPE).message
    assert inbound.status == InboundStatus.THREADED
    page = _page(client, museum.clerk, f"/complaints/{complaint.tracking_code}/")
    assert "&lt;script&gt;alert(&#x27;reply&#x27;)&lt;/script&gt;" in page
    assert "<script>alert(" not in page


@pytest.fixture
def admin_user(db: None) -> User:
    return User.objects.create_superuser("root", "root@museum.example", "Root-pass-2026")


def test_the_quarantine_is_listed_and_the_raw_message_shown_escaped(
    museum: Museum, client: Client, admin_user: User
) -> None:
    raw = load("malformed-no-sender.eml").replace("有人在展厅吸烟".encode(), b"<b>bold</b>")
    inbound = email_ingest(raw=raw, source=Source.PIPE).message
    listing = _page(client, admin_user, "/admin/mailin/inboundmessage/?status__exact=quarantined")
    assert f"/admin/mailin/inboundmessage/{inbound.pk}/change/" in listing
    page = _page(client, admin_user, f"/admin/mailin/inboundmessage/{inbound.pk}/change/")
    assert "&lt;b&gt;bold&lt;/b&gt;" in page
    assert "<b>bold</b>" not in page
    assert "no usable sender address" in page
    assert 'name="_save"' not in page  # read-only


def test_the_raw_message_downloads_as_a_file(
    museum: Museum, client: Client, admin_user: User
) -> None:
    inbound = email_ingest(raw=load("html-only-script.eml"), source=Source.PIPE).message
    client.force_login(admin_user)
    response = client.get(f"/admin/mailin/inboundmessage/{inbound.pk}/raw/")
    assert response.status_code == 200
    assert response.content == load("html-only-script.eml")
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["X-Content-Type-Options"] == "nosniff"
    client.force_login(museum.clerk)  # no admin access
    assert client.get(f"/admin/mailin/inboundmessage/{inbound.pk}/raw/").status_code == 302


def test_the_admin_action_reprocesses_the_quarantine(
    museum: Museum, client: Client, admin_user: User
) -> None:
    with mock.patch(
        "bihuan.complaints.services.register._workflow.record", side_effect=RuntimeError("disk")
    ):
        failed = email_ingest(raw=load("utf8-plain.eml"), source=Source.PIPE).message
    ignored = email_ingest(raw=load("bounce-dsn.eml"), source=Source.PIPE).message
    assert failed.status == InboundStatus.QUARANTINED
    client.force_login(admin_user)
    response = client.post(
        "/admin/mailin/inboundmessage/",
        {"action": "reprocess", "_selected_action": [failed.pk, ignored.pk]},
        follow=True,
    )
    assert response.status_code == 200
    failed.refresh_from_db()
    ignored.refresh_from_db()
    assert failed.status == InboundStatus.INGESTED and failed.complaint is not None
    assert ignored.status == InboundStatus.IGNORED and ignored.attempts == 1
    content = response.content.decode()
    assert "1 email processed." in content
    assert "1 email was not quarantined" in content
    assert InboundMessage.objects.count() == 2
