"""Template context for staff pages: the actor (roles, scope) of the signed-in user."""

from typing import Any

from django.http import HttpRequest

from bihuan.complaints.selectors import QUEUES, queues_for
from bihuan.org.actors import actor_for
from bihuan.org.choices import Role
from bihuan.referrals.export import EXPORTER_ROLES
from bihuan.referrals.services import IMPORTER_ROLES


def staff(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    actor = actor_for(user)
    return {
        "actor": actor,
        "nav_queues": [(name, QUEUES[name]) for name in queues_for(actor)],
        "role_labels": [Role(role).label for role in sorted(actor.roles)],
        "may_register": actor.has(Role.CLERK),
        "may_administer": actor.has(Role.ADMINISTRATOR) or user.is_superuser,
        "may_exchange_referrals": actor.has(*IMPORTER_ROLES, *EXPORTER_ROLES),
    }
