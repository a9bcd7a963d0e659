"""A complaint's files through the API: listed, added, downloaded, never rendered."""

from __future__ import annotations

from django.core.files.uploadedfile import SimpleUploadedFile

from bihuan.complaints.choices import Action, Status
from bihuan.complaints.models import Attachment, TimelineEvent
from bihuan.complaints.services import complaint_close, complaint_reject

from ..personas import Museum, advance, register
from .conftest import complaint_url, error_of, jpeg, pdf


def test_upload_list_and_download(museum: Museum, api) -> None:
    complaint = advance(museum, register(museum), Status.DISPATCHED)
    client = api(museum.handler)
    response = client.post(
        complaint_url(complaint, "attachments/"), {"files": [pdf(), jpeg()]}, format="multipart"
    )
    assert response.status_code == 201, response.content
    assert [row["name"] for row in response.json()] == ["letter.pdf", "photo.jpg"]
    assert TimelineEvent.objects.filter(complaint=complaint, action=Action.ATTACH).exists()

    rows = client.get(complaint_url(complaint, "attachments/")).json()
    assert [row["name"] for row in rows] == ["letter.pdf", "photo.jpg"]
    assert rows[0]["uploaded_by"]["id"] == museum.handler.pk

    download = client.get(rows[0]["download_url"])
    assert download.status_code == 200
    assert download["Content-Type"] == "application/pdf"
    assert download["Content-Disposition"].startswith("attachment;")
    assert "letter.pdf" in download["Content-Disposition"]
    assert download["X-Content-Type-Options"] == "nosniff"
    assert b"".join(download.streaming_content).startswith(b"%PDF")


def test_a_download_answers_any_accept_header(museum: Museum, api) -> None:
    complaint = register(museum, files=[pdf()])
    attachment = Attachment.objects.get(complaint=complaint)
    url = complaint_url(complaint, f"attachments/{attachment.pk}/")
    response = api(museum.clerk).get(url, HTTP_ACCEPT="application/pdf")
    assert response.status_code == 200
    missing = api(museum.clerk).get(complaint_url(complaint, "attachments/999999/"))
    assert missing.status_code == 404
    assert error_of(missing)["code"] == "not_found"


def test_a_file_that_lies_about_its_type_is_refused(museum: Museum, api) -> None:
    complaint = advance(museum, register(museum), Status.DISPATCHED)
    page = SimpleUploadedFile("photo.jpg", b"<html><script>alert(1)</script></html>")
    response = api(museum.handler).post(
        complaint_url(complaint, "attachments/"), {"files": [page]}, format="multipart"
    )
    assert response.status_code == 400
    assert error_of(response)["field"] == "files"
    assert not Attachment.objects.exists()


def test_html_stored_under_any_type_is_served_as_plain_bytes(museum: Museum, api) -> None:
    complaint = register(museum, files=[pdf()])
    Attachment.objects.filter(complaint=complaint).update(content_type="text/html")
    attachment = Attachment.objects.get(complaint=complaint)
    response = api(museum.clerk).get(complaint_url(complaint, f"attachments/{attachment.pk}/"))
    assert response["Content-Type"] == "application/octet-stream"
    assert response["X-Content-Type-Options"] == "nosniff"


def test_uploads_need_the_right_to_add_files(museum: Museum, api) -> None:
    complaint = advance(museum, register(museum), Status.DISPATCHED)
    response = api(museum.other_handler).post(
        complaint_url(complaint, "attachments/"), {"files": [pdf()]}, format="multipart"
    )
    assert response.status_code == 404  # cannot even read it
    archived = register(museum)
    complaint_reject(actor=museum.actor(museum.clerk), complaint=archived, reason="不属于")
    complaint_close(actor=museum.actor(museum.clerk), complaint=archived)
    response = api(museum.clerk).post(
        complaint_url(archived, "attachments/"), {"files": [pdf()]}, format="multipart"
    )
    assert response.status_code == 409
    assert not Attachment.objects.exists()


def test_an_upload_without_files_is_400(museum: Museum, api) -> None:
    complaint = register(museum)
    response = api(museum.clerk).post(
        complaint_url(complaint, "attachments/"), {}, format="multipart"
    )
    assert response.status_code == 400
    assert error_of(response)["field"] == "files"
    response = api(museum.clerk).post(
        complaint_url(complaint, "attachments/"), {"files": []}, format="json"
    )
    assert response.status_code == 415
    assert error_of(response)["code"] == "unsupported_media_type"
