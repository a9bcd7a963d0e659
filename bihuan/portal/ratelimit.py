"""Per-address limits in Django's cache: a fixed window counter that knows when it ends.

The counts live in the configured cache; see config/settings/apps/portal.py for why a
deployment with several processes needs a shared one.
"""

from __future__ import annotations

import hashlib
import math
import time
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.utils.translation import ngettext


@dataclass(frozen=True)
class Limit:
    """``limit`` counted events per ``window`` seconds in one named bucket."""

    bucket: str
    limit: int
    window: int


def submit_limit() -> Limit:
    return Limit(
        "submit", settings.BIHUAN_PORTAL_SUBMIT_LIMIT, settings.BIHUAN_PORTAL_SUBMIT_WINDOW
    )


def lookup_limit(bucket: str = "lookup") -> Limit:
    return Limit(bucket, settings.BIHUAN_PORTAL_LOOKUP_LIMIT, settings.BIHUAN_PORTAL_LOOKUP_WINDOW)


def _key(limit: Limit, ident: str) -> str:
    digest = hashlib.sha256(ident.encode("utf-8", "replace")).hexdigest()[:32]
    return f"portal:rate:{limit.bucket}:{digest}"


def retry_after(limit: Limit, ident: str) -> int | None:
    """Seconds until ``ident`` may try again, or None while it is under the limit."""
    key = _key(limit, ident)
    if (cache.get(key) or 0) < limit.limit:
        return None
    ends = cache.get(f"{key}:ends")
    left = math.ceil(ends - time.time()) if ends else limit.window
    return max(left, 1)


def count(limit: Limit, ident: str) -> None:
    """Count one more event of ``ident`` in the current window."""
    key = _key(limit, ident)
    if not cache.add(key, 1, timeout=limit.window):
        try:
            cache.incr(key)
            return
        except ValueError:  # the window ended between add and incr
            if not cache.add(key, 1, timeout=limit.window):
                return
    cache.set(f"{key}:ends", time.time() + limit.window, timeout=limit.window)


def spend(limit: Limit, ident: str) -> int | None:
    """Count one event of ``ident`` unless it is over the limit; the seconds it must wait
    then, else None."""
    wait = retry_after(limit, ident)
    if wait is None:
        count(limit, ident)
    return wait


def try_again_message(seconds: int) -> str:
    minutes = max(1, math.ceil(seconds / 60))
    return ngettext(
        "Too many attempts from your connection. Try again in %(minutes)d minute.",
        "Too many attempts from your connection. Try again in %(minutes)d minutes.",
        minutes,
    ) % {"minutes": minutes}
