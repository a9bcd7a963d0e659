"""Writes of the time-limit configuration."""

from __future__ import annotations

from django.db import transaction

from bihuan.org.models import Category

from .models import TimeLimitPolicy
from .presets import limits_for


@transaction.atomic
def time_limits_set_up(*, sector: str) -> int:
    """Create the sector preset's time limits that are missing; return how many were made."""
    made = 0
    categories = dict(Category.objects.values_list("code", "pk"))
    for limit in limits_for(sector):
        category_id = categories.get(limit.category) if limit.category else None
        if limit.category and category_id is None:
            continue
        _policy, created = TimeLimitPolicy.objects.get_or_create(
            stage=limit.stage,
            category_id=category_id,
            severity=limit.severity,
            defaults={"amount": limit.amount, "unit": limit.unit},
        )
        made += created
    return made
