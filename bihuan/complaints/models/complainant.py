"""The member of the public who complains."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from bihuan.core import clock
from bihuan.core.masking import mask_phone


class Complainant(models.Model):
    """A complainant (投诉人), found again by phone number, email or member card."""

    name = models.CharField(_("name"), max_length=100, blank=True)
    phone = models.CharField(_("phone"), max_length=32, blank=True, db_index=True)
    email = models.EmailField(_("email"), blank=True, db_index=True)
    member_card_no = models.CharField(_("member card number"), max_length=40, blank=True)
    preferred_language = models.CharField(
        _("preferred language"),
        max_length=10,
        choices=settings.LANGUAGES,
        default="zh-hans",
    )
    is_anonymous = models.BooleanField(_("anonymous"), default=False)
    contact_confidential = models.BooleanField(
        _("contact details confidential"),
        default=False,
        help_text=_("Only the people handling the complaint may see the contact details."),
    )
    created_at = models.DateTimeField(_("created"), default=clock.now, editable=False)

    class Meta:
        verbose_name = _("complainant")
        verbose_name_plural = _("complainants")
        indexes = [models.Index(fields=["member_card_no"], name="complainant_card_idx")]

    def __str__(self) -> str:
        if self.is_anonymous:
            return str(_("Anonymous"))
        return self.name or self.masked_phone or str(_("Unnamed"))

    @property
    def masked_phone(self) -> str:
        return mask_phone(self.phone) if self.phone else ""
