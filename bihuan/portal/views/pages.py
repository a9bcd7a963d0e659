"""Rendering a portal page: the organisation in the header, no caching anywhere."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from .. import selectors


def page(
    request: HttpRequest, template: str, context: dict[str, Any] | None = None, status: int = 200
) -> HttpResponse:
    organisation = selectors.organisation()
    context = {
        "organisation": organisation,
        "sites": list(selectors.active_sites()),
        **(context or {}),
    }
    return render(request, template, context, status=status)
