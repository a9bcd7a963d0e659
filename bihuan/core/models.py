"""Base models shared by every app."""

from typing import Any

from django.db import models
from django.utils import translation
from django.utils.translation import gettext_lazy as _


class TranslatedNameModel(models.Model):
    """A configurable name (category, department, site) with optional translations.

    ``name`` is in the organisation's own language; ``name_i18n`` maps other language
    codes (``en``, ``zh-hant``) to their names, so configuration stays plain data
    that administrators edit in the admin.
    """

    name = models.CharField(_("name"), max_length=100)
    name_i18n = models.JSONField(
        _("translated names"),
        default=dict,
        blank=True,
        help_text=_('Other languages, e.g. {"en": "Exhibitions", "zh-hant": "展覽"}'),
    )

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        language = (translation.get_language() or "").lower()
        names: dict[str, Any] = self.name_i18n or {}
        return str(names.get(language) or self.name)
