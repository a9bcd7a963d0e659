from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NoticesConfig(AppConfig):
    name = "bihuan.notices"
    label = "notices"
    verbose_name = _("Notices to complainants")

    def ready(self) -> None:
        from bihuan.complaints.signals import event_recorded

        from .triggers import on_event_recorded

        event_recorded.connect(on_event_recorded, dispatch_uid="bihuan.notices")
