"""Workflow actions: ``POST /complaints/{code}/actions/{name}/`` for every transition.

The staff page's table (bihuan.backoffice.actions.ACTIONS) gives each transition its form
and its service; the API binds the same form to the request body and calls the same
service, so the checks and the error messages are those of the page.
"""

from __future__ import annotations

from typing import Any

from django.utils.text import capfirst
from drf_spectacular.utils import extend_schema
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response

from bihuan.backoffice.actions import ACTIONS
from bihuan.complaints.models import Complaint
from bihuan.complaints.transitions import TRANSITIONS, available_transitions, check_transition
from bihuan.org.actors import actor_for

from ..formbridge import form_data, serializer_for_form, validated
from ..serializers import AvailableActionSerializer, ComplaintDetailSerializer, available_action
from .base import READ_ERRORS, WRITE_ERRORS, ApiView
from .complaints import detail_body


class AvailableActionsView(ApiView):
    @extend_schema(
        operation_id="complaints_actions_list",
        responses={200: AvailableActionSerializer(many=True), **READ_ERRORS},
        description="The actions the caller may take on this complaint now.",
    )
    def get(self, request: Request, code: str) -> Response:
        complaint = self.complaint(request, code)
        actor = actor_for(request.user)
        context = {"request": request}
        return Response(
            [
                available_action(context, complaint, t)
                for t in available_transitions(actor, complaint)
            ]
        )


class ComplaintActionView(ApiView):
    """One transition; subclasses name it (see :func:`action_view`)."""

    action_name = ""
    parser_classes = [JSONParser, MultiPartParser, FormParser]

    def act(self, request: Request, code: str) -> Response:
        complaint = self.complaint(request, code)
        take_action(request, complaint, self.action_name)
        return Response(detail_body(request, actor_for(request.user), complaint))


def take_action(request: Request, complaint: Complaint, name: str) -> object:
    """Bind the page's form for ``name`` to the request and call its service; the result."""
    spec = ACTIONS[name]
    actor = actor_for(request.user)
    # 403/409 before the body is read: what the page would not even offer.
    check_transition(actor, complaint, name)
    form = spec.form(
        form_data(spec.form, request.data), request.FILES, complaint=complaint, actor=actor
    )
    return spec.service(actor=actor, complaint=complaint, **validated(form))


def action_view(name: str) -> Any:
    """The view of transition ``name``, with its form described in the schema."""
    spec = ACTIONS[name]
    transition = TRANSITIONS[name]
    request_serializer = serializer_for_form(
        spec.form, f"{''.join(part.capitalize() for part in name.split('_'))}ActionSerializer"
    )

    def post(self: ComplaintActionView, request: Request, code: str) -> Response:
        return self.act(request, code)

    post = extend_schema(
        operation_id=f"complaints_action_{name}",
        summary=capfirst(transition.label),  # type: ignore[type-var]  # lazy
        request=request_serializer,
        responses={200: ComplaintDetailSerializer, **WRITE_ERRORS},
        description=(
            f"The “{name}” action, with the checks of the staff page. "
            "403 when the caller may not take it, "
            "409 when the complaint's status does not allow it."
        ),
    )(post)
    attributes: dict[str, Any] = {"action_name": name, "post": post}
    if name == "attach":  # files: multipart only
        attributes["parser_classes"] = [MultiPartParser]
    return type(f"{name.title().replace('_', '')}ActionView", (ComplaintActionView,), attributes)
