"""Serving an attachment to staff, the same from the web pages and the API: always as a
download, never rendered inline, whatever the file claims to be."""

from __future__ import annotations

from django.http import FileResponse, Http404

from .models import Attachment

# Types a download keeps; anything else (HTML, SVG, scripts) goes out as plain bytes.
_SERVED_PREFIXES = ("image/jpeg", "image/png", "image/gif", "image/webp", "audio/", "video/")
_SERVED_TYPES = {
    "application/pdf",
    "text/plain",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def served_type(content_type: str) -> str:
    content_type = (content_type or "").split(";")[0].strip().lower()
    if content_type in _SERVED_TYPES or content_type.startswith(_SERVED_PREFIXES):
        return content_type
    return "application/octet-stream"


def attachment_response(attachment: Attachment) -> FileResponse:
    """The file as an attachment, with nosniff and a sandbox; 404 if the file is gone."""
    try:
        handle = attachment.file.open("rb")
    except FileNotFoundError as error:
        raise Http404 from error
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=attachment.original_name,
        content_type=served_type(attachment.content_type),
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response
