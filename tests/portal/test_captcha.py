"""The offline CAPTCHA: a picture drawn from a signed challenge, a new one on request
(htmx, or a plain form post without script), and its settings."""

from __future__ import annotations

import base64
import io
import json
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from PIL import Image

from bihuan.complaints.models import Complaint
from bihuan.portal import captcha

from ..personas import Museum
from .helpers import DESCRIPTION, complaint_data, fresh_form, is_ticked, submit

pytestmark = pytest.mark.django_db


def test_the_picture_is_drawn_from_the_token_alone(museum: Museum, visitor: Client) -> None:
    token = fresh_form(visitor)["captcha_token"]
    response = visitor.get(reverse("portal:captcha_picture"), {"c": token})
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert "no-store" in response["Cache-Control"]
    assert Image.open(io.BytesIO(response.content)).size == (220, 72)
    again = visitor.get(reverse("portal:captcha_picture"), {"c": token})
    assert again.content == response.content  # one picture per challenge, not a fresh draw


def test_the_token_does_not_carry_the_answer(museum: Museum) -> None:
    token = captcha.new_token()
    challenge = captcha.read(token)
    assert challenge is not None
    payload = token.split(":")[0]
    decoded = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
    assert set(decoded) == {"n", "t"}


def test_a_forged_token_draws_nothing(museum: Museum, visitor: Client) -> None:
    response = visitor.get(reverse("portal:captcha_picture"), {"c": "eyJuIjoiMSJ9:forged"})
    assert response.status_code == 404


def test_htmx_fetches_a_new_challenge(museum: Museum, visitor: Client) -> None:
    first = fresh_form(visitor)["captcha_token"]
    response = visitor.get(reverse("portal:captcha_new"), HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert response.status_code == 200
    assert html.lstrip().startswith('<div id="captcha"')
    assert "<html" not in html
    assert first not in html


def test_a_new_picture_without_script_keeps_what_was_typed(
    museum: Museum, visitor: Client, settings: Any
) -> None:
    settings.BIHUAN_PORTAL_SUBMIT_LIMIT = 1
    data = complaint_data(visitor, new_captcha="1", captcha_answer="")
    response = submit(visitor, data)
    assert response.status_code == 200
    html = response.content.decode()
    assert DESCRIPTION in html and 'value="李四"' in html
    assert is_ticked(html, "consent")
    assert response.context["form"].captcha_token_value != data["captcha_token"]
    assert "data-form-errors" not in html
    assert not Complaint.objects.exists()
    # Asking for a picture is not a submission: the one allowed is still there.
    assert submit(visitor, complaint_data(visitor)).status_code == 302


def test_with_the_captcha_off_the_form_has_no_sum(
    museum: Museum, visitor: Client, settings: Any
) -> None:
    settings.BIHUAN_PORTAL_CAPTCHA = False
    html = visitor.get(reverse("portal:submit")).content.decode()
    assert 'name="captcha_answer"' not in html
    assert 'name="website"' in html  # the honeypot stays
    data = complaint_data(visitor)
    assert "captcha_token" not in data or not data["captcha_token"]
    assert submit(visitor, data).status_code == 302
    assert visitor.get(reverse("portal:captcha_new")).status_code == 404
