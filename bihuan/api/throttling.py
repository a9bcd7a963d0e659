"""Rate limits for integration keys (DRF's throttle over Django's cache)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.conf import settings
from rest_framework.request import Request
from rest_framework.throttling import SimpleRateThrottle

from bihuan.apikeys.models import ApiKey

if TYPE_CHECKING:  # DRF imports this module while rest_framework.views is half-loaded
    from rest_framework.views import APIView


class ApiKeyRateThrottle(SimpleRateThrottle):
    """Counts the requests of each key; people on the web app are not limited here."""

    scope = "api_key"

    def get_rate(self) -> str:
        # At call time, not DRF's import-time copy, so that a changed setting applies.
        return f"{settings.BIHUAN_API_KEY_RATE_PER_MINUTE}/min"

    def get_cache_key(self, request: Request, view: APIView) -> str | None:
        if not isinstance(request.auth, ApiKey):
            return None
        return self.cache_format % {"scope": self.scope, "ident": request.auth.pk}
