"""Writes of the organisation's configuration."""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from bihuan.core.errors import DomainError

from .models import Category, Department, Organisation
from .presets import PRESETS, Name


def _translations(name: Name) -> dict[str, str]:
    _code, _hans, hant, en = name
    return {"zh-hant": hant, "en": en}


def _department(name: Name, *, intake: bool = False) -> Department:
    code, hans, _hant, _en = name
    department, _created = Department.objects.get_or_create(
        code=code,
        defaults={"name": hans, "name_i18n": _translations(name), "is_intake_desk": intake},
    )
    return department


@transaction.atomic
def organisation_set_up(*, name: str, sector: str) -> Organisation:
    """Create the organisation and seed it from its sector preset (idempotent)."""
    # Routing rules, time limits, the privacy notice and the referral column mappings are
    # configuration that sits beside the organisation's; seeding them here keeps "apply a
    # preset" one call.
    from bihuan.complaints.privacy import privacy_notice_set_up
    from bihuan.referrals.services import column_mappings_set_up
    from bihuan.routing.models import RoutingRule
    from bihuan.timelimits.services import time_limits_set_up

    preset = PRESETS.get(sector)
    if preset is None:
        raise DomainError("sector_invalid", _("Unknown sector preset."), field="sector")
    organisation = Organisation.objects.first() or Organisation(name=name, sector=sector)
    organisation.name, organisation.sector = name, sector
    organisation.save()
    _department(preset.intake_desk, intake=True)
    _department(preset.supervision)
    departments = {d[0]: _department(d) for d in preset.departments}
    for order, entry in enumerate(preset.categories):
        code, hans, _hant, _en = entry
        category, _created = Category.objects.get_or_create(
            code=code,
            defaults={"name": hans, "name_i18n": _translations(entry), "sort_order": order * 10},
        )
        target = departments[preset.routes[code]]
        RoutingRule.objects.get_or_create(
            category=category, site=None, defaults={"department": target}
        )
    time_limits_set_up(sector=sector)
    # What the channels need from the first day: the privacy notice the portal asks the
    # complainant to accept, and the column mappings of the usual referrers' files.
    privacy_notice_set_up()
    column_mappings_set_up()
    return organisation
