"""Filling in the portal's forms as a person would: the CAPTCHA read from its challenge."""

from __future__ import annotations

import re
from html import unescape
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import HttpResponse
from django.test import Client
from django.urls import reverse
from django.utils import translation

from bihuan.complaints.models import Complaint
from bihuan.portal import captcha

from ..files import upload

DESCRIPTION = "三号展厅的互动装置坏了，孩子排队半小时没玩上。"


def solve(token: str) -> str:
    challenge = captcha.read(token)
    assert challenge is not None
    return str(challenge.answer)


def fresh_form(client: Client) -> dict[str, str]:
    """The hidden values of a newly shown complaint form: notice version and challenge."""
    response = client.get(reverse("portal:submit"))
    assert response.status_code == 200
    form = response.context["form"]
    token = form.captcha_token_value
    return {
        "notice_version": form.initial["notice_version"],
        "captcha_token": token,
        "captcha_answer": solve(token) if token else "",
    }


def complaint_data(client: Client, **overrides: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "description": DESCRIPTION,
        "category": "",
        "site": "",
        "occurred_date": "2026-01-10",
        "occurred_time": "10:30",
        "occurred_place": "三号展厅",
        "demand": "尽快修好",
        "name": "李四",
        "phone": "139 1234 5678",
        "email": "lisi@example.com",
        "consent": "on",
        "website": "",
        **fresh_form(client),
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def submit(client: Client, data: dict[str, Any], **extra: Any) -> HttpResponse:
    return client.post(reverse("portal:submit"), data, **extra)


def file_complaint(client: Client, **overrides: Any) -> Complaint:
    response = submit(client, complaint_data(client, **overrides))
    assert response.status_code == 302, response.content.decode()[:3000]
    assert response["Location"] == reverse("portal:filed")
    return Complaint.objects.get(tracking_code=client.session["portal_filed"])


def photo(name: str = "photo.jpg") -> SimpleUploadedFile:
    return upload(name)


def field_errors(response: HttpResponse, field: str) -> list[str]:
    """The error texts shown under ``field`` (as rendered, HTML-escaped)."""
    html = response.content.decode()
    pattern = rf'data-error="{re.escape(field)}">(.*?)</div>'
    return [unescape(text.strip()) for text in re.findall(pattern, html, flags=re.S)]


def zh(message: object) -> str:
    """A message as the default (zh-Hans) pages show it, translated or not yet."""
    with translation.override("zh-hans"):
        return str(message)


def is_ticked(html: str, name: str) -> bool:
    """Whether the page shows the checkbox ``name`` ticked."""
    found = re.search(rf'<input type="checkbox" name="{re.escape(name)}"[^>]*>', html)
    assert found is not None, f"no checkbox {name}"
    return bool(re.search(r"\bchecked\b", found.group(0)))


def without_tokens(html: str) -> str:
    """A page with the values that differ on every response (CSRF masks) taken out."""
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", html)


def look_up(client: Client, code: str, proof: str) -> HttpResponse:
    return client.post(reverse("portal:status"), {"code": code, "proof": proof})
