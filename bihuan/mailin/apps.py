from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MailinConfig(AppConfig):
    name = "bihuan.mailin"
    label = "mailin"
    verbose_name = _("Email intake")
