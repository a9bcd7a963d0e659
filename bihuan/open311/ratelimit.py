"""A fixed-window counter in Django's cache: how many POSTs a key or an address made."""

from __future__ import annotations

import hashlib

from django.core.cache import cache

WINDOW_SECONDS = 3600


def _cache_key(bucket: str, ident: str) -> str:
    digest = hashlib.sha256(ident.encode("utf-8", "replace")).hexdigest()[:32]
    return f"open311:rate:{bucket}:{digest}"


def allow(bucket: str, ident: str, *, limit: int, window: int = WINDOW_SECONDS) -> bool:
    """Count one more request of ``ident``; False once it is over ``limit`` in the window."""
    key = _cache_key(bucket, ident)
    if cache.add(key, 1, timeout=window):
        return True
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.add(key, 1, timeout=window)
        return True
    return count <= limit
