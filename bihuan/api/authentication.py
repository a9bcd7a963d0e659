"""Who is calling with an integration key (the web app's session is DRF's own)."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import User
from django.utils.translation import gettext_lazy as _
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import authentication, exceptions
from rest_framework.request import Request

from bihuan.apikeys.choices import KeyKind
from bihuan.apikeys.models import ApiKey
from bihuan.apikeys.services import apikey_authenticate

KEYWORDS = ("token", "bearer")


class ApiKeyAuthentication(authentication.BaseAuthentication):
    """``Authorization: Token <key>`` or ``Bearer <key>`` with an integration key.

    The key acts through its service account, whose staff roles and department give the
    scope, so every permission check is the one a person would meet.
    """

    def authenticate(self, request: Request) -> tuple[User, ApiKey] | None:
        header = authentication.get_authorization_header(request).split()
        if not header or header[0].lower().decode("latin-1") not in KEYWORDS:
            return None
        if len(header) != 2:
            raise exceptions.AuthenticationFailed(
                _("Send the key as “Authorization: Token <key>”."), code="key_malformed"
            )
        try:
            raw_key = header[1].decode("ascii")
        except UnicodeDecodeError:
            raise exceptions.AuthenticationFailed(
                _("Unknown or revoked key."), code="key_invalid"
            ) from None
        key = apikey_authenticate(raw_key, KeyKind.INTEGRATION)
        if key is None or key.user is None:
            raise exceptions.AuthenticationFailed(_("Unknown or revoked key."), code="key_invalid")
        return key.user, key

    def authenticate_header(self, request: Request) -> str:
        # Makes DRF answer 401 (with WWW-Authenticate) rather than 403 when no one is known.
        return 'Token realm="api"'


class ApiKeyAuthenticationScheme(OpenApiAuthenticationExtension):
    target_class = "bihuan.api.authentication.ApiKeyAuthentication"
    name = "apiKey"

    def get_security_definition(self, auto_schema: Any) -> dict[str, str]:
        return {
            "type": "apiKey",
            "in": "header",
            "name": "Authorization",
            "description": str(_("“Token <key>” or “Bearer <key>” with an integration key.")),
        }
