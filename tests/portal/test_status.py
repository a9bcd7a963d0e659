"""Following a complaint: tracking code plus proof, one answer for every failure, limits,
the access kept in the session, and pages that are never cached or framed."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

from bihuan.complaints.models import Complaint
from bihuan.complaints.services import ComplainantInput
from bihuan.core.tracking import new_tracking_code
from bihuan.portal import access

from ..personas import Museum, advance, register
from .helpers import file_complaint, look_up, without_tokens, zh

pytestmark = pytest.mark.django_db

FAILED = _(
    "We could not open a complaint with these details. Check the tracking code "
    "and the last four digits of your mobile number or your email address."
)


@pytest.fixture
def complaint(museum: Museum) -> Complaint:
    return file_complaint(Client())


def test_the_code_and_the_last_four_digits_open_the_complaint(
    complaint: Complaint, visitor: Client
) -> None:
    response = look_up(visitor, complaint.tracking_code.lower().replace("-", ""), "5678")
    page = reverse("portal:complaint", args=[complaint.tracking_code])
    assert response.status_code == 302 and response["Location"] == page
    shown = visitor.get(page)
    assert shown.status_code == 200
    html = shown.content.decode()
    assert complaint.tracking_code in html
    assert 'data-step="received"' in html and 'data-stage="received"' in html


def test_the_email_address_opens_it_too_whatever_its_case(
    complaint: Complaint, visitor: Client
) -> None:
    response = look_up(visitor, complaint.tracking_code, " LiSi@Example.com ")
    assert response.status_code == 302


def test_the_whole_phone_number_does_as_well_as_its_last_four_digits(
    complaint: Complaint, visitor: Client
) -> None:
    assert look_up(visitor, complaint.tracking_code, "139-1234-5678").status_code == 302
    assert look_up(Client(), complaint.tracking_code, "12345678").status_code == 302
    assert look_up(Client(), complaint.tracking_code, "13912345679").status_code == 400


def test_the_code_in_the_link_is_filled_in(complaint: Complaint, visitor: Client) -> None:
    response = visitor.get(f"{reverse('portal:status')}?code={complaint.tracking_code}")
    assert response.status_code == 200
    assert f'value="{complaint.tracking_code}"' in response.content.decode()


def test_every_failure_gets_the_same_answer(museum: Museum, complaint: Complaint) -> None:
    anonymous = register(museum, complainant=ComplainantInput(is_anonymous=True))
    unknown = new_tracking_code()
    attempts = {
        "unknown code": (unknown, "5678"),
        "wrong digits": (complaint.tracking_code, "1234"),
        "anonymous complaint": (anonymous.tracking_code, ""),
        "anonymous complaint, guessed digits": (anonymous.tracking_code, "0000"),
        "wrong email": (complaint.tracking_code, "someone@example.com"),
        "mistyped code": (complaint.tracking_code[:-1] + "2", "5678"),
        "phone too short": (complaint.tracking_code, "678"),
    }
    pages = {}
    for name, (code, proof) in attempts.items():
        response = look_up(Client(), code, proof or "0")
        assert response.status_code == 400, name
        html = without_tokens(response.content.decode()).replace(code, "CODE")
        assert zh(FAILED) in html, name
        pages[name] = html.replace('value="0"', 'value="PROOF"').replace(
            f'value="{proof}"', 'value="PROOF"'
        )
    assert len(set(pages.values())) == 1, "the answers differ"


def test_failed_look_ups_are_limited_per_address(
    complaint: Complaint, visitor: Client, settings: Any
) -> None:
    settings.BIHUAN_PORTAL_LOOKUP_LIMIT = 3
    for guess in ("0001", "0002", "0003"):
        assert look_up(visitor, complaint.tracking_code, guess).status_code == 400
    # Even the right proof now waits: the limit is checked before the proof.
    response = look_up(visitor, complaint.tracking_code, "5678")
    assert response.status_code == 429
    minutes = settings.BIHUAN_PORTAL_LOOKUP_WINDOW // 60
    expected = ngettext_lazy(
        "Too many attempts from your connection. Try again in %(minutes)d minute.",
        "Too many attempts from your connection. Try again in %(minutes)d minutes.",
        "minutes",
    ) % {"minutes": minutes}
    assert zh(expected) in response.content.decode()
    other = Client(REMOTE_ADDR="198.51.100.9")
    assert look_up(other, new_tracking_code(), "1111").status_code == 400


def test_failed_look_ups_are_limited_per_code_across_addresses(
    complaint: Complaint, settings: Any
) -> None:
    settings.BIHUAN_PORTAL_LOOKUP_LIMIT = 3
    for number in range(3):
        guesser = Client(REMOTE_ADDR=f"198.51.100.{number + 1}")
        assert look_up(guesser, complaint.tracking_code, f"000{number}").status_code == 400
    fresh = Client(REMOTE_ADDR="198.51.100.99")
    assert look_up(fresh, complaint.tracking_code, "5678").status_code == 429
    # An unknown code is limited the same way: the limit says nothing of existence.
    unknown = new_tracking_code()
    for number in range(3):
        guesser = Client(REMOTE_ADDR=f"192.0.2.{number + 1}")
        assert look_up(guesser, unknown, "0000").status_code == 400
    assert look_up(Client(REMOTE_ADDR="192.0.2.99"), unknown, "0000").status_code == 429


def test_the_status_page_needs_a_look_up_first(complaint: Complaint, visitor: Client) -> None:
    page = reverse("portal:complaint", args=[complaint.tracking_code])
    response = visitor.get(page)
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('portal:status')}?code={complaint.tracking_code}"


def test_the_access_kept_in_the_session_expires(
    complaint: Complaint, visitor: Client, monkeypatch: pytest.MonkeyPatch, settings: Any
) -> None:
    look_up(visitor, complaint.tracking_code, "5678")
    page = reverse("portal:complaint", args=[complaint.tracking_code])
    assert visitor.get(page).status_code == 200
    later = access.time.time() + settings.BIHUAN_PORTAL_ACCESS_MINUTES * 60 + 1
    monkeypatch.setattr(access.time, "time", lambda: later)
    assert visitor.get(page).status_code == 302


def test_access_to_one_complaint_opens_no_other(
    museum: Museum, complaint: Complaint, visitor: Client
) -> None:
    other = register(museum)
    look_up(visitor, complaint.tracking_code, "5678")
    response = visitor.get(reverse("portal:complaint", args=[other.tracking_code]))
    assert response.status_code == 302


def test_status_pages_are_not_cached_and_not_framed(complaint: Complaint, visitor: Client) -> None:
    look_up(visitor, complaint.tracking_code, "5678")
    for url in (
        reverse("portal:status"),
        reverse("portal:complaint", args=[complaint.tracking_code]),
        reverse("portal:submit"),
        reverse("portal:filed"),
    ):
        response = visitor.get(url)
        assert "no-store" in response["Cache-Control"], url
        assert response["X-Frame-Options"] == "DENY", url


def test_every_form_carries_a_csrf_token(complaint: Complaint, museum: Museum) -> None:
    client = Client(enforce_csrf_checks=True)
    response = client.post(reverse("portal:status"), {"code": complaint.tracking_code})
    assert response.status_code == 403
    advance(museum, complaint, "replied")
    client.get(reverse("portal:status"))
    token = client.cookies["csrftoken"].value
    response = client.post(
        reverse("portal:status"),
        {"code": complaint.tracking_code, "proof": "5678", "csrfmiddlewaretoken": token},
    )
    assert response.status_code == 302
    html = client.get(response["Location"]).content.decode()
    assert html.count('name="csrfmiddlewaretoken"') == html.count("<form")
