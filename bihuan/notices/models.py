"""Notice templates (edited in the admin), the notices sent, and WeChat contacts."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from bihuan.core import clock

from .choices import NoticeChannel, NoticeKind
from .rendering import VARIABLES, check_template


def _variables_help() -> str:
    return ", ".join(f"{{{{ {name} }}}}" for name in VARIABLES)


class NoticeTemplate(models.Model):
    """The text of one kind of notice in one language for one channel, replacing the text
    that ships with the code (:mod:`bihuan.notices.defaults`).

    Subject and body are Django templates over the documented variables only
    (:data:`bihuan.notices.rendering.VARIABLES`); :meth:`clean` refuses anything else, so
    the admin shows the error instead of saving a template that cannot be sent.
    """

    kind = models.CharField(_("kind"), max_length=32, choices=NoticeKind.choices)
    language = models.CharField(_("language"), max_length=10, choices=settings.LANGUAGES)
    channel = models.CharField(_("channel"), max_length=16, choices=NoticeChannel.choices)
    subject = models.CharField(
        _("subject"),
        max_length=200,
        blank=True,
        help_text=_(
            "Email: the subject (the signed reference is appended). WeChat: the first line."
        ),
    )
    body = models.TextField(
        _("text"),
        help_text=format_lazy("{} {}", _("Django template syntax. Variables:"), _variables_help()),
    )
    wechat_template_id = models.CharField(
        _("WeChat template ID"),
        max_length=64,
        blank=True,
        help_text=_("WeChat only: the template message to use instead of the default one."),
    )
    is_active = models.BooleanField(
        _("active"), default=True, help_text=_("Inactive: the text shipped with Bihuan is sent.")
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("notice template")
        verbose_name_plural = _("notice templates")
        ordering = ["kind", "language", "channel"]
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "language", "channel"], name="notice_template_unique"
            )
        ]

    def __str__(self) -> str:
        parts = (self.get_kind_display(), self.get_language_display(), self.get_channel_display())
        return " · ".join(str(part) for part in parts)

    def clean(self) -> None:
        errors: dict[str, list[ValidationError]] = {}
        for field in ("subject", "body"):
            try:
                check_template(getattr(self, field))
            except ValidationError as error:
                errors.setdefault(field, []).append(error)
        if self.channel in {NoticeChannel.EMAIL, NoticeChannel.WECHAT} and not self.subject.strip():
            errors.setdefault("subject", []).append(
                ValidationError(
                    _("Email and WeChat notices need a subject."), code="subject_missing"
                )
            )
        if errors:
            raise ValidationError(errors)


class Notice(models.Model):
    """One notice queued to a complainant on one channel, with the outbox message that
    carries it.

    ``occurrence`` says which round of the loop it belongs to (the reopen count, and for
    progress notices the step), so the unique key lets a notice go once per stage
    occurrence: a retried service or a second dispatch after a return sends nothing new.
    """

    complaint = models.ForeignKey(
        "complaints.Complaint",
        verbose_name=_("complaint"),
        on_delete=models.CASCADE,
        related_name="notices",
    )
    kind = models.CharField(_("kind"), max_length=32, choices=NoticeKind.choices)
    channel = models.CharField(_("channel"), max_length=16, choices=NoticeChannel.choices)
    occurrence = models.CharField(_("occurrence"), max_length=32)
    language = models.CharField(_("language"), max_length=10, choices=settings.LANGUAGES)
    recipient = models.CharField(_("recipient address"), max_length=254)
    from_admin_template = models.BooleanField(_("edited template"), default=False)
    event = models.ForeignKey(
        "complaints.TimelineEvent",
        verbose_name=_("triggering event"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    message = models.OneToOneField(
        "notifications.OutboxMessage",
        verbose_name=_("outbox message"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="notice",
    )
    email_message_id = models.CharField(_("Message-ID"), max_length=255, blank=True)
    created_at = models.DateTimeField(_("created"), default=clock.now, editable=False)

    class Meta:
        verbose_name = _("notice to a complainant")
        verbose_name_plural = _("notices to complainants")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["complaint", "kind", "occurrence", "channel"], name="notice_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.complaint_id} {self.kind} {self.channel}"


class WechatContact(models.Model):
    """The WeChat official-account openid a complainant can be reached at (there is no
    such field on the complainant: the WeChat channel, or an administrator, records it)."""

    complainant = models.OneToOneField(
        "complaints.Complainant",
        verbose_name=_("complainant"),
        on_delete=models.CASCADE,
        related_name="wechat_contact",
    )
    openid = models.CharField(_("openid"), max_length=64)
    created_at = models.DateTimeField(_("created"), default=clock.now, editable=False)

    class Meta:
        verbose_name = _("WeChat contact")
        verbose_name_plural = _("WeChat contacts")

    def __str__(self) -> str:
        return self.openid
