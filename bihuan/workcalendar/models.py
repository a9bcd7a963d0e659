"""The calendar's data as configuration: working week, region, days entered, years completed.

Packages carry the official holiday schedules, but the next year's is published each
November and packages lag: administrators enter days that override the package and mark a
year complete once its schedule is entered in full.
"""

from __future__ import annotations

from datetime import date

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from .choices import DayKind, Region
from .hours import (
    default_working_hours,
    default_working_weekdays,
    validate_working_hours,
    validate_working_weekdays,
)

FIRST_YEAR, LAST_YEAR = 2000, 2100


class CalendarSettings(models.Model):
    """The organisation's working week and whose official holiday schedule it follows.

    One row (:meth:`load`). The same working intervals apply to every working weekday and
    to make-up working days.
    """

    SINGLETON_PK = 1

    region = models.CharField(
        _("holiday schedule"),
        max_length=8,
        choices=Region.choices,
        default=Region.CN,
        help_text=_("Whose official holidays and make-up working days the calendar follows."),
    )
    working_weekdays = models.JSONField(
        _("working weekdays"),
        default=default_working_weekdays,
        validators=[validate_working_weekdays],
    )
    working_hours = models.JSONField(
        _("working hours"),
        default=default_working_hours,
        validators=[validate_working_hours],
        help_text=_(
            "Intervals worked on every working day, e.g. 08:30-12:00, 13:30-17:30. "
            "Working-hour limits count only the time inside them."
        ),
    )

    class Meta:
        verbose_name = _("calendar settings")
        verbose_name_plural = _("calendar settings")

    def __str__(self) -> str:
        return str(_("Calendar settings"))

    @classmethod
    def load(cls) -> CalendarSettings:
        """The one row, created with the defaults if it is missing."""
        row, _created = cls.objects.get_or_create(pk=cls.SINGLETON_PK)
        return row

    def clean(self) -> None:
        from .validation import check_settings_edit

        check_settings_edit(self)


class CalendarDay(models.Model):
    """A date an administrator declares a holiday or a working day, over the package's data."""

    date = models.DateField(
        _("date"),
        unique=True,
        validators=[
            MinValueValidator(date(FIRST_YEAR, 1, 1)),
            MaxValueValidator(date(LAST_YEAR, 12, 31)),
        ],
    )
    kind = models.CharField(_("kind"), max_length=16, choices=DayKind.choices)
    name = models.CharField(
        _("name"), max_length=100, blank=True, help_text=_("E.g. National Day, Spring Festival.")
    )
    note = models.CharField(
        _("note"),
        max_length=200,
        blank=True,
        help_text=_("Where the day comes from, e.g. the State Council's notice."),
    )

    class Meta:
        verbose_name = _("calendar day")
        verbose_name_plural = _("calendar days")
        ordering = ["date"]

    def __str__(self) -> str:
        return f"{self.date.isoformat()} {self.get_kind_display()}"

    def clean(self) -> None:
        from .validation import check_day_edit

        if isinstance(self.date, date) and self.kind in DayKind.values:
            check_day_edit(self)


class CalendarYear(models.Model):
    """A year whose official schedule an administrator has entered in full, or is entering."""

    year = models.PositiveSmallIntegerField(
        _("year"),
        unique=True,
        validators=[MinValueValidator(FIRST_YEAR), MaxValueValidator(LAST_YEAR)],
    )
    complete = models.BooleanField(
        _("schedule complete"),
        default=False,
        help_text=_(
            "Tick once every holiday and make-up working day of this year's official schedule "
            "is known: from the package or entered as calendar days. Until then, time limits "
            "that reach into a year the package does not cover are counted on weekdays only."
        ),
    )
    note = models.CharField(
        _("note"),
        max_length=200,
        blank=True,
        help_text=_("E.g. the notice that published the schedule."),
    )

    class Meta:
        verbose_name = _("calendar year")
        verbose_name_plural = _("calendar years")
        ordering = ["-year"]

    def __str__(self) -> str:
        return str(self.year)
