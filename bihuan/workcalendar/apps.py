from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WorkCalendarConfig(AppConfig):
    name = "bihuan.workcalendar"
    label = "workcalendar"
    verbose_name = _("Working-day calendar")

    def ready(self) -> None:
        from django.core import checks
        from django.db.models.signals import post_delete, post_save

        from .checks import check_calendar_coverage
        from .models import CalendarDay, CalendarSettings, CalendarYear
        from .selectors import calendar_cache_clear

        # Cache invalidation only: an edit here is seen at once by this process.
        for model in (CalendarSettings, CalendarDay, CalendarYear):
            uid = f"workcalendar-cache-{model.__name__}"
            post_save.connect(calendar_cache_clear, sender=model, dispatch_uid=f"{uid}-save")
            post_delete.connect(calendar_cache_clear, sender=model, dispatch_uid=f"{uid}-delete")
        checks.register(check_calendar_coverage, "workcalendar")
