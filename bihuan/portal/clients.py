"""Who is asking: the client's address, behind as many trusted proxies as configured."""

from __future__ import annotations

import ipaddress

from django.conf import settings
from django.http import HttpRequest


def _valid(address: str) -> str | None:
    try:
        return str(ipaddress.ip_address(address.strip()))
    except ValueError:
        return None


def client_address(request: HttpRequest) -> str:
    """REMOTE_ADDR, or with N trusted proxies the N-th address from the right of
    X-Forwarded-For: entries further left were written by the client and prove nothing."""
    remote = request.META.get("REMOTE_ADDR", "") or "unknown"
    proxies = settings.BIHUAN_PORTAL_TRUSTED_PROXIES
    if proxies <= 0:
        return remote
    chain = [part for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part]
    if not chain:
        return remote
    candidate = chain[-proxies] if len(chain) >= proxies else chain[0]
    return _valid(candidate) or remote
