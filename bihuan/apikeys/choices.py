"""The kinds of API key."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class KeyKind(models.TextChoices):
    INTEGRATION = "integration", _("Integration (REST API)")
    OPEN311 = "open311", _("Open311 client")
