"""The calendar's admin: settings, days and years; refused edits; the uncovered-year warning."""

from datetime import date, datetime, timedelta
from io import StringIO

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from bihuan.core import clock
from bihuan.workcalendar.checks import check_calendar_coverage
from bihuan.workcalendar.models import CalendarDay, CalendarSettings, CalendarYear

from .conftest import SHANGHAI

NOVEMBER_2026 = datetime(2026, 11, 23, 12, tzinfo=SHANGHAI)


@pytest.fixture
def client(db: None) -> Client:
    user = User.objects.create_superuser("root", "root@example.org", "not-a-secret")
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(user)
    return client


def url(name: str, *args: object) -> str:
    return reverse(f"admin:workcalendar_{name}", args=args)


def mondays_only_with_every_monday_of_2030_off_but(*kept: date) -> None:
    """Region NONE, Mondays worked, and every Monday of 2030 a holiday except ``kept``."""
    settings = CalendarSettings.load()
    settings.region = "NONE"
    settings.working_weekdays = [0]
    settings.save()
    mondays = [date(2030, 1, 7) + timedelta(weeks=n) for n in range(52)]
    CalendarDay.objects.bulk_create(
        CalendarDay(date=d, kind="holiday") for d in mondays if d not in kept
    )


def test_every_page_renders(client: Client) -> None:
    day = CalendarDay.objects.create(date=date(2025, 10, 8), kind="workday", name="Test")
    year = CalendarYear.objects.create(year=2027, complete=True)
    for name in ("calendarsettings", "calendarday", "calendaryear"):
        assert client.get(url(f"{name}_changelist")).status_code == 200, name
    for name, pk in (("calendarsettings", 1), ("calendarday", day.pk), ("calendaryear", year.pk)):
        assert client.get(url(f"{name}_change", pk)).status_code == 200, name
    for name in ("calendarday", "calendaryear"):
        assert client.get(url(f"{name}_add")).status_code == 200, name


def test_days_are_listed_by_date_and_filtered_by_kind_and_year(client: Client) -> None:
    CalendarDay.objects.create(date=date(2027, 2, 20), kind="workday", name="Make-up Saturday")
    CalendarDay.objects.create(date=date(2027, 2, 15), kind="holiday", name="Spring Festival")
    CalendarDay.objects.create(date=date(2026, 12, 31), kind="holiday", name="Old year")

    page = client.get(url("calendarday_changelist"), {"year": "2027"}).content.decode()
    assert page.index("Spring Festival") < page.index("Make-up Saturday")
    assert "Old year" not in page
    page = client.get(url("calendarday_changelist"), {"kind__exact": "workday"}).content.decode()
    assert "Make-up Saturday" in page and "Spring Festival" not in page


def test_the_settings_save_weekdays_and_working_hours(client: Client) -> None:
    response = client.post(
        url("calendarsettings_change", 1),
        {
            "region": "HK",
            "working_weekdays": ["4", "0", "2"],
            "working_hours": "13:00-18:00，09:00–12:00",
        },
    )

    assert response.status_code == 302
    settings = CalendarSettings.load()
    assert settings.region == "HK"
    assert settings.working_weekdays == [0, 2, 4]
    assert settings.working_hours == [["09:00", "12:00"], ["13:00", "18:00"]]
    page = client.get(url("calendarsettings_change", 1)).content.decode()
    assert 'value="09:00-12:00, 13:00-18:00"' in page


@pytest.mark.parametrize(
    ("weekdays", "hours", "refusal"),
    [
        (
            ["0"],
            "08:30-12:00, 11:30-17:30",
            "The working intervals 08:30-12:00 and 11:30-17:30 overlap",
        ),
        (["0"], "17:30-08:30", "ends before it starts"),
        (["0"], "09:00-09:00", "is empty"),
        (["0"], "", "Give at least one working interval"),
        (["0"], "9h to 5h", "Cannot read"),
        (["0"], "25:00-26:00", "Cannot read"),
        ([], "08:30-17:30", "Choose at least one working weekday"),
    ],
)
def test_bad_working_weeks_are_refused_with_the_reason(
    client: Client, weekdays: list[str], hours: str, refusal: str
) -> None:
    response = client.post(
        url("calendarsettings_change", 1),
        {"region": "CN", "working_weekdays": weekdays, "working_hours": hours},
    )

    assert response.status_code == 200
    assert refusal in response.content.decode()
    assert CalendarSettings.load().working_hours == [["08:30", "12:00"], ["13:30", "17:30"]]


def test_settings_that_would_leave_a_year_without_a_working_day_are_refused(
    client: Client,
) -> None:
    mondays_only_with_every_monday_of_2030_off_but()  # no Monday of 2030 is worked
    settings = CalendarSettings.load()
    settings.working_weekdays = [0, 1]  # but Tuesdays are
    settings.save()

    response = client.post(
        url("calendarsettings_change", 1),
        {"region": "NONE", "working_weekdays": ["0"], "working_hours": "08:30-17:30"},
    )

    assert response.status_code == 200
    assert "2030 would have no working day at all" in response.content.decode()
    assert CalendarSettings.load().working_weekdays == [0, 1]


def test_a_day_that_would_leave_its_year_without_a_working_day_is_refused(
    client: Client,
) -> None:
    mondays_only_with_every_monday_of_2030_off_but(date(2030, 12, 30))

    response = client.post(
        url("calendarday_add"), {"date": "2030-12-30", "kind": "holiday", "name": "", "note": ""}
    )

    assert response.status_code == 200
    assert "2030 would have no working day at all" in response.content.decode()
    assert not CalendarDay.objects.filter(date=date(2030, 12, 30)).exists()


def test_turning_the_last_working_day_of_a_year_into_a_holiday_is_refused(
    client: Client,
) -> None:
    mondays_only_with_every_monday_of_2030_off_but()
    saturday = CalendarDay.objects.create(date=date(2030, 6, 1), kind="workday")

    response = client.post(
        url("calendarday_change", saturday.pk),
        {"date": "2030-06-01", "kind": "holiday", "name": "", "note": ""},
    )

    assert response.status_code == 200
    assert "2030 would have no working day at all" in response.content.decode()
    saturday.refresh_from_db()
    assert saturday.kind == "workday"


def test_deleting_the_last_working_day_of_a_year_is_refused(client: Client) -> None:
    mondays_only_with_every_monday_of_2030_off_but()
    saturday = CalendarDay.objects.create(date=date(2030, 6, 1), kind="workday")

    response = client.post(url("calendarday_delete", saturday.pk), {"post": "yes"}, follow=True)

    assert "2030 would have no working day at all" in response.content.decode()
    assert CalendarDay.objects.filter(pk=saturday.pk).exists()
    response = client.post(
        url("calendarday_changelist"),
        {"action": "delete_selected", "_selected_action": [saturday.pk], "post": "yes"},
        follow=True,
    )
    assert "2030 would have no working day at all" in response.content.decode()
    assert CalendarDay.objects.filter(pk=saturday.pk).exists()


def test_deleting_days_that_leave_work_in_their_year_is_allowed(client: Client) -> None:
    day = CalendarDay.objects.create(date=date(2025, 10, 8), kind="workday")

    response = client.post(
        url("calendarday_changelist"),
        {"action": "delete_selected", "_selected_action": [day.pk], "post": "yes"},
    )

    assert response.status_code == 302
    assert not CalendarDay.objects.exists()


def test_the_admin_warns_about_next_year_until_it_is_entered_and_marked_complete(
    client: Client,
) -> None:
    warning = "The calendar does not cover 2027"
    with clock.travel_to(NOVEMBER_2026):
        for name in ("calendarsettings", "calendarday", "calendaryear"):
            page = client.get(url(f"{name}_changelist")).content.decode()
            assert warning in page, name
            assert "The calendar does not cover 2026" not in page
        assert warning in client.get(url("calendarday_add")).content.decode()

        CalendarYear.objects.create(year=2027, complete=True)
        assert warning not in client.get(url("calendarday_changelist")).content.decode()


def test_the_year_list_shows_what_the_package_covers_and_the_days_entered(client: Client) -> None:
    CalendarYear.objects.create(year=2026, complete=False)
    CalendarYear.objects.create(year=2027, complete=False)
    CalendarDay.objects.create(date=date(2027, 1, 1), kind="holiday")
    CalendarDay.objects.create(date=date(2027, 2, 20), kind="workday")

    response = client.get(url("calendaryear_changelist"))

    rows = {row.year: row for row in response.context["cl"].result_list}
    assert (rows[2026].days_count, rows[2027].days_count) == (0, 2)
    assert (rows[2026].region, rows[2027].region) == ("CN", "CN")


def test_manage_py_check_warns_about_an_uncovered_year(db: None) -> None:
    with clock.travel_to(NOVEMBER_2026):
        warnings = check_calendar_coverage()
        stderr = StringIO()
        call_command("check", stderr=stderr, stdout=StringIO())

        assert [w.id for w in warnings] == ["workcalendar.W001"]
        assert "2027" in warnings[0].msg
        assert "workcalendar.W001" in stderr.getvalue()

        CalendarYear.objects.create(year=2027, complete=True)
        assert check_calendar_coverage() == []
