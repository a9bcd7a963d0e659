"""A small JSON-over-HTTP client (urllib) shared by the HTTP providers."""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.conf import settings


@dataclass(frozen=True)
class Response:
    status: int
    body: dict[str, Any]


def request_json(
    url: str,
    *,
    payload: Mapping[str, Any] | None = None,
    headers: Mapping[str, str] | None = None,
) -> Response:
    """GET (no payload) or POST JSON; the status and the decoded JSON object ({} when the
    body is not one). HTTP errors are answers too; network errors raise OSError."""
    data = None if payload is None else json.dumps(payload, ensure_ascii=False).encode("utf-8")
    request = urllib.request.Request(url, data=data, method="GET" if data is None else "POST")
    request.add_header("Accept", "application/json")
    if data is not None:
        request.add_header("Content-Type", "application/json; charset=utf-8")
    for name, value in (headers or {}).items():
        request.add_header(name, value)
    timeout = settings.BIHUAN_PROVIDER_TIMEOUT
    try:
        with urllib.request.urlopen(request, timeout=timeout) as answer:
            return Response(answer.status, _decode(answer.read()))
    except urllib.error.HTTPError as error:
        with error:
            return Response(error.code, _decode(error.read()))


def _decode(raw: bytes) -> dict[str, Any]:
    try:
        value = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        return {}
    return value if isinstance(value, dict) else {}
