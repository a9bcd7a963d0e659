"""Enumerations of the working-day calendar."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Region(models.TextChoices):
    """Whose official holiday schedule the organisation follows, and where its data comes from."""

    CN = "CN", _("Mainland China (State Council schedule, with make-up working days)")
    HK = "HK", _("Hong Kong (general holidays)")
    MO = "MO", _("Macau (public holidays)")
    TW = "TW", _("Taiwan (public holidays)")
    NONE = "NONE", _("No holiday data: weekends only, plus the days entered here")


class DayKind(models.TextChoices):
    """What an administrator's calendar day makes of a date."""

    HOLIDAY = "holiday", _("Holiday (day off)")
    WORKDAY = "workday", _("Working day (make-up working day, 调休)")


class TimeUnit(models.TextChoices):
    """The unit of a time limit, as the seeds write them."""

    MINUTES = "minutes", _("calendar minutes")
    WORKING_HOURS = "working_hours", _("working hours")
    WORKING_DAYS = "working_days", _("working days")


class Weekday(models.IntegerChoices):
    """Days of the week, numbered as ``date.weekday()`` numbers them."""

    MONDAY = 0, _("Monday")
    TUESDAY = 1, _("Tuesday")
    WEDNESDAY = 2, _("Wednesday")
    THURSDAY = 3, _("Thursday")
    FRIDAY = 4, _("Friday")
    SATURDAY = 5, _("Saturday")
    SUNDAY = 6, _("Sunday")
