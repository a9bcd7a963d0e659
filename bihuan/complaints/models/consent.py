"""The privacy notice a complainant accepts, and the record that they did."""

from typing import Any

from django.db import models
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from bihuan.core import clock

from .complaint import Complaint


class PrivacyNotice(models.Model):
    """One version of the privacy notice (隐私告知) shown where complainants file.

    Versions are never edited once a consent refers to them: publish a new version.
    The current notice is the latest one published.
    """

    version = models.CharField(_("version"), max_length=32, unique=True)
    text = models.TextField(_("text"), help_text=_("In the organisation's own language."))
    text_i18n = models.JSONField(
        _("translated text"),
        default=dict,
        blank=True,
        help_text=_('Other languages, e.g. {"en": "...", "zh-hant": "..."}'),
    )
    published_at = models.DateTimeField(_("published"), default=clock.now)

    class Meta:
        verbose_name = _("privacy notice")
        verbose_name_plural = _("privacy notices")
        ordering = ["-published_at", "-id"]

    def __str__(self) -> str:
        return self.version

    @property
    def display_text(self) -> str:
        language = (translation.get_language() or "").lower()
        texts: dict[str, Any] = self.text_i18n or {}
        return str(texts.get(language) or self.text)

    @classmethod
    def current(cls) -> "PrivacyNotice | None":
        return cls.objects.filter(published_at__lte=clock.now()).first()


class PrivacyConsent(models.Model):
    """The complainant's explicit consent to a version of the privacy notice."""

    complaint = models.OneToOneField(
        Complaint, on_delete=models.CASCADE, related_name="privacy_consent"
    )
    notice = models.ForeignKey(
        PrivacyNotice, verbose_name=_("privacy notice"), on_delete=models.PROTECT
    )
    channel = models.CharField(_("channel"), max_length=40)
    given_at = models.DateTimeField(_("given"), default=clock.now)

    class Meta:
        verbose_name = _("privacy consent")
        verbose_name_plural = _("privacy consents")

    def __str__(self) -> str:
        return f"{self.complaint_id}: {self.notice_id}"
