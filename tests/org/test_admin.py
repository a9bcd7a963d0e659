"""The admin: every page renders; complaints and their timeline cannot be added or deleted."""

from datetime import date
from io import StringIO
from typing import Any

import pytest
from django.contrib import admin
from django.contrib.auth.models import Group, User
from django.core.management import call_command
from django.db.models import Model
from django.test import Client
from django.urls import reverse

from bihuan.complaints.models import Complainant, Complaint, TimelineEvent
from bihuan.notifications.delivery import deliver_due
from bihuan.notifications.services import notify
from bihuan.org.models import Department
from bihuan.workcalendar.models import CalendarDay, CalendarYear


@pytest.fixture
def superuser(db: None, settings: Any) -> Client:
    # As in `make run`: the demo's own arrivals are acknowledged, so notices exist too.
    settings.BIHUAN_NOTICES_ENABLED = True
    call_command("load_demo", "--count", "20", stdout=StringIO())
    # Administrators' calendar entries: next year's schedule, which packages lag behind.
    CalendarDay.objects.create(date=date(2027, 1, 1), kind="holiday", name="元旦")
    CalendarYear.objects.create(year=2027)
    Group.objects.create(name="Auditors")
    # The demo writes no notifications yet: one, with its mail sent, for the outbox pages.
    notify(recipients=User.objects.filter(username="head"), kind="general", title="t", body="")
    deliver_due()
    client = Client()
    client.force_login(User.objects.get(username="admin"))
    return client


def _url(model: type[Model], view: str, *args: object) -> str:
    meta = model._meta
    return reverse(f"admin:{meta.app_label}_{meta.model_name}_{view}", args=args)


def test_every_changelist_and_change_page_renders(superuser: Client) -> None:
    for model in admin.site._registry:
        response = superuser.get(_url(model, "changelist"))
        assert response.status_code == 200, model
        obj = model._default_manager.order_by("pk").last()
        assert obj is not None, f"no {model.__name__} in the demo"
        response = superuser.get(_url(model, "change", obj.pk))
        assert response.status_code == 200, model


def test_the_complaint_page_shows_its_timeline_and_records_read_only(superuser: Client) -> None:
    complaint = Complaint.objects.filter(status="archived", severity="major").first()
    assert complaint is not None

    page = superuser.get(_url(Complaint, "change", complaint.pk)).content.decode()

    assert complaint.tracking_code in page
    assert "<select" not in page and "<textarea" not in page  # nothing to edit
    assert page.count('<tr class="form-row') >= complaint.events.count()


def test_complaints_and_timeline_events_cannot_be_added_changed_or_deleted(
    superuser: Client,
) -> None:
    complaint = Complaint.objects.first()
    event = TimelineEvent.objects.first()
    assert complaint is not None and event is not None
    for model, obj in ((Complaint, complaint), (TimelineEvent, event)):
        assert superuser.get(_url(model, "add")).status_code == 403
        assert superuser.post(_url(model, "add"), {}).status_code == 403
        assert superuser.get(_url(model, "delete", obj.pk)).status_code == 403
        assert superuser.post(_url(model, "delete", obj.pk), {"post": "yes"}).status_code == 403
        change = superuser.post(_url(model, "change", obj.pk), {"status": "archived"})
        assert change.status_code == 403
    assert Complaint.objects.filter(pk=complaint.pk).exists()
    assert TimelineEvent.objects.filter(pk=event.pk).exists()


def test_the_complainant_list_masks_phone_numbers(superuser: Client) -> None:
    complainant = Complainant.objects.exclude(phone="").first()
    assert complainant is not None

    page = superuser.get(_url(Complainant, "changelist")).content.decode()

    assert complainant.masked_phone in page
    assert complainant.phone not in page


def test_the_complaint_list_is_searched_by_tracking_code_and_external_reference(
    superuser: Client,
) -> None:
    referral = Complaint.objects.exclude(external_reference="").first()
    assert referral is not None
    for term in (referral.tracking_code, referral.external_reference):
        page = superuser.get(_url(Complaint, "changelist"), {"q": term}).content.decode()
        assert referral.tracking_code in page, term


def test_the_complaint_list_takes_a_fixed_number_of_queries(
    superuser: Client, django_assert_max_num_queries: object
) -> None:
    with django_assert_max_num_queries(15):  # type: ignore[operator]
        assert superuser.get(_url(Complaint, "changelist")).status_code == 200


def test_translated_names_must_map_known_language_codes_to_names(superuser: Client) -> None:
    department = Department.objects.get(code="exhibitions")
    data = {
        "code": department.code,
        "name": department.name,
        "name_i18n": '{"fr": "Expositions"}',
        "is_active": "on",
    }

    response = superuser.post(_url(Department, "change", department.pk), data)

    assert response.status_code == 200  # the form again, with the error
    assert "fr" in response.content.decode()
    data["name_i18n"] = '{"en": "Exhibitions", "zh-hant": "展覽部"}'
    response = superuser.post(_url(Department, "change", department.pk), data)
    assert response.status_code == 302
    department.refresh_from_db()
    assert department.name_i18n == {"en": "Exhibitions", "zh-hant": "展覽部"}
