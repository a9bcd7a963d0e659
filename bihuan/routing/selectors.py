"""Routing look-up. Reads configuration only; never writes a complaint."""

from bihuan.org.models import Department

from .models import RoutingRule


def route_lead_department(*, category_id: int | None, site_id: int | None) -> Department | None:
    """The lead department for a category at a site, or None when nothing is configured."""
    if category_id is None:
        return None
    rules = RoutingRule.objects.filter(category_id=category_id).select_related("department")
    best: RoutingRule | None = None
    for rule in rules:
        if rule.site_id is not None and rule.site_id == site_id:
            return rule.department
        if rule.site_id is None:
            best = rule
    return best.department if best else None
