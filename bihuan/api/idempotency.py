"""Idempotency-Key: a retried request gets the first answer instead of doing the work twice.

The key is stored per caller with a hash of the request. A retry with the same body gets
the stored status and body; a retry while the first is still running gets 409; the same
key with another body gets 422. Keys expire after BIHUAN_API_IDEMPOTENCY_HOURS.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.core.serializers.json import DjangoJSONEncoder
from django.db import IntegrityError, transaction
from django.utils.translation import gettext_lazy as _
from rest_framework import status

from bihuan.core import clock

from .errors import ApiError
from .models import IdempotencyKey

HEADER = "Idempotency-Key"
MAX_KEY_LENGTH = 255
# An in-flight key older than this belongs to a request that died; a retry may take it over.
STALE_IN_FLIGHT = timedelta(minutes=10)


@dataclass(frozen=True)
class Replay:
    """The stored answer to a request made before with the same key and body."""

    status: int
    body: Any


def _check_key(key: str) -> str:
    key = key.strip()
    if not key or len(key) > MAX_KEY_LENGTH or not key.isprintable() or not key.isascii():
        raise ApiError(
            "idempotency_key_invalid",
            _("The Idempotency-Key header must be 1 to 255 printable ASCII characters."),
        )
    return key


def _file_digest(upload: UploadedFile) -> dict[str, Any]:
    digest = hashlib.sha256()
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)
    return {"name": upload.name, "size": upload.size, "sha256": digest.hexdigest()}


def request_fingerprint(data: Any, files: Mapping[str, Any]) -> str:
    """A hash of what was asked, independent of key order and multipart boundaries."""
    if not isinstance(data, Mapping):  # a JSON list or scalar: refused later, hashed as is
        raw = json.dumps(data, sort_keys=True, cls=DjangoJSONEncoder)
        return hashlib.sha256(raw.encode()).hexdigest()
    getlist = getattr(data, "getlist", None)
    fields = {
        name: getlist(name) if getlist else data[name]
        for name in data
        if name not in files  # DRF's multipart data holds the files too: hashed below
    }
    file_getlist = getattr(files, "getlist", None)
    uploads = {
        name: [_file_digest(f) for f in (file_getlist(name) if file_getlist else [files[name]])]
        for name in files
    }
    canonical = json.dumps(
        {"data": fields, "files": uploads}, sort_keys=True, cls=DjangoJSONEncoder
    )
    return hashlib.sha256(canonical.encode()).hexdigest()


def _lifetime() -> timedelta:
    return timedelta(hours=settings.BIHUAN_API_IDEMPOTENCY_HOURS)


def idempotency_begin(
    *, principal: str, key: str, endpoint: str, fingerprint: str
) -> IdempotencyKey | Replay:
    """Claim ``key`` for this request, or answer with what the first request got.

    Call outside any transaction: the claim must be committed before the work starts,
    so that a concurrent retry sees it.
    """
    key = _check_key(key)
    for _attempt in range(2):
        now = clock.now()
        try:
            with transaction.atomic():
                return IdempotencyKey.objects.create(
                    key=key,
                    principal=principal,
                    endpoint=endpoint,
                    request_hash=fingerprint,
                    state=IdempotencyKey.State.IN_FLIGHT,
                    created_at=now,
                )
        except IntegrityError:
            existing = IdempotencyKey.objects.filter(principal=principal, key=key).first()
        if existing is None:
            continue  # removed in between: claim it again
        stale = existing.created_at < now - _lifetime() or (
            existing.state == IdempotencyKey.State.IN_FLIGHT
            and existing.created_at < now - STALE_IN_FLIGHT
        )
        if stale:
            IdempotencyKey.objects.filter(pk=existing.pk, created_at=existing.created_at).delete()
            continue
        if existing.request_hash != fingerprint or existing.endpoint != endpoint:
            raise ApiError(
                "idempotency_key_reused",
                _("This Idempotency-Key was used with a different request."),
                status_code=status.HTTP_422_UNPROCESSABLE_ENTITY,
            )
        if existing.state == IdempotencyKey.State.IN_FLIGHT:
            raise ApiError(
                "idempotency_in_flight",
                _("A request with this Idempotency-Key is still being processed. Retry later."),
                status_code=status.HTTP_409_CONFLICT,
            )
        return Replay(status=existing.response_status or 200, body=existing.response_body)
    raise ApiError(
        "idempotency_in_flight",
        _("A request with this Idempotency-Key is still being processed. Retry later."),
        status_code=status.HTTP_409_CONFLICT,
    )


def idempotency_finish(claim: IdempotencyKey, *, status_code: int, body: Any) -> None:
    """Store the answer, for retries to get."""
    IdempotencyKey.objects.filter(pk=claim.pk).update(
        state=IdempotencyKey.State.DONE, response_status=status_code, response_body=body
    )


def idempotency_release(claim: IdempotencyKey) -> None:
    """Forget the claim of a request that failed on our side, so that it may be retried."""
    IdempotencyKey.objects.filter(pk=claim.pk, state=IdempotencyKey.State.IN_FLIGHT).delete()


def idempotency_expire() -> int:
    """Delete the keys older than their lifetime (a periodic job); returns how many."""
    deleted, _by_model = IdempotencyKey.objects.filter(
        created_at__lt=clock.now() - _lifetime()
    ).delete()
    return deleted
