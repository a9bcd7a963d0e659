"""What the API keeps between requests: the answers to Idempotency-Key retries."""

from __future__ import annotations

from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.utils.translation import gettext_lazy as _


class IdempotencyKey(models.Model):
    """One ``Idempotency-Key`` of one caller, with the hash of the request body it came with.

    The row is written (``in_flight``) before the request is carried out, in its own
    transaction, so a concurrent retry finds it; the response is stored once it is known.
    """

    class State(models.TextChoices):
        IN_FLIGHT = "in_flight", _("In flight")
        DONE = "done", _("Done")

    key = models.CharField(_("key"), max_length=255)
    # Who sent it: "user:<id>" or "key:<id>"; the same key of two callers never collides.
    principal = models.CharField(_("caller"), max_length=64)
    endpoint = models.CharField(_("endpoint"), max_length=100)
    request_hash = models.CharField(_("request hash"), max_length=64)
    state = models.CharField(_("state"), max_length=16, choices=State.choices)
    response_status = models.PositiveSmallIntegerField(_("response status"), null=True)
    response_body = models.JSONField(_("response body"), null=True, encoder=DjangoJSONEncoder)
    created_at = models.DateTimeField(_("created"), db_index=True)

    class Meta:
        verbose_name = _("idempotency key")
        verbose_name_plural = _("idempotency keys")
        constraints = [
            models.UniqueConstraint(
                fields=["principal", "key"], name="api_idempotency_key_per_principal"
            )
        ]

    def __str__(self) -> str:
        return f"{self.principal} {self.key}"
