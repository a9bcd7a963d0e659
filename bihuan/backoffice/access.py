"""Who may open a staff page. Complaint scoping itself is the complaint selectors' business."""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser, User
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest

from bihuan.complaints.models import Complaint
from bihuan.complaints.selectors import complaint_get_for_user
from bihuan.core.errors import NotFound
from bihuan.org.actors import Actor, actor_for


def require_role(request: HttpRequest, *roles: str) -> Actor:
    """The actor of the request if it holds one of ``roles`` (any role when none are named)."""
    actor = actor_for(request.user)
    allowed = actor.has(*roles) if roles else bool(actor.roles)
    if not allowed:
        raise PermissionDenied
    return actor


def complaint_or_404(user: User | AnonymousUser, tracking_code: str) -> Complaint:
    """The complaint if the user may read it; 404 otherwise, so codes cannot be probed."""
    try:
        return complaint_get_for_user(user, tracking_code=tracking_code)
    except NotFound as error:
        raise Http404(str(error)) from error
