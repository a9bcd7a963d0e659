"""Template context for staff pages: the actor (roles, scope) of the signed-in user."""

from typing import Any

from django.http import HttpRequest

from bihuan.org.actors import actor_for


def staff(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"actor": actor_for(user)}
