"""The complaint list's query string: an allowlist of keys, the staff list's filters, and
keyset (cursor) pagination over a stable order.

Only the keys below are accepted; anything else, and above all a key that walks a
relation (``complainant__phone``, ``ordering=assignee__password``), is refused with 400.
"""

from __future__ import annotations

import base64
import json
from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.db.models import Q, QuerySet
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

from bihuan.backoffice.forms.filters import ComplaintFilterForm
from bihuan.complaints.models import Complaint
from bihuan.complaints.selectors import LIST_RELATED, ComplaintFilters, queues_for
from bihuan.org.actors import Actor

from .errors import ApiError, InvalidInput
from .formbridge import form_errors

FILTER_KEYS = (
    "status",
    "category",
    "department",
    "channel",
    "site",
    "severity",
    "received_from",
    "received_to",
    "keyword",
)
PAGING_KEYS = ("queue", "ordering", "cursor", "page_size")
# ``format`` picks DRF's renderer (json, or api for the browsable page).
ALLOWED_KEYS = frozenset((*FILTER_KEYS, *PAGING_KEYS, "format"))
# Stable orders: the received time, then the id for complaints received at the same time.
ORDERINGS = {"-received_at": True, "received_at": False}  # value: descending
DEFAULT_ORDERING = "-received_at"
DEFAULT_PAGE_SIZE = 25


@dataclass(frozen=True)
class ListQuery:
    filters: ComplaintFilters
    ordering: str
    cursor: tuple[datetime, int] | None
    page_size: int


def _refuse_unknown(params: QueryDict) -> None:
    for key in params:
        if key not in ALLOWED_KEYS:
            raise ApiError(
                "parameter_not_allowed",
                _("“%(name)s” is not a filter of this list.") % {"name": key[:100]},
                field=key[:100],
            )


def _ordering(params: QueryDict) -> str:
    ordering = params.get("ordering") or DEFAULT_ORDERING
    if ordering not in ORDERINGS:
        raise ApiError(
            "ordering_not_allowed",
            _("The list can be sorted by: %(keys)s.") % {"keys": ", ".join(ORDERINGS)},
            field="ordering",
        )
    return ordering


def _page_size(params: QueryDict) -> int:
    raw = params.get("page_size") or ""
    if not raw:
        return DEFAULT_PAGE_SIZE
    limit = settings.BIHUAN_API_MAX_PAGE_SIZE
    if not raw.isdigit() or not 1 <= int(raw) <= limit:
        raise ApiError(
            "page_size_invalid",
            _("page_size must be a whole number from 1 to %(limit)d.") % {"limit": limit},
            field="page_size",
        )
    return int(raw)


def encode_cursor(ordering: str, complaint: Complaint) -> str:
    raw = json.dumps([ordering, complaint.received_at.isoformat(), complaint.pk])
    return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")


def _decode_cursor(cursor: str, ordering: str) -> tuple[datetime, int]:
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode()
        order, stamp, pk = json.loads(raw)
        position = datetime.fromisoformat(stamp), int(pk)
        if order != ordering or position[0].tzinfo is None:
            raise ValueError(order)
        return position
    except (ValueError, TypeError, UnicodeDecodeError, OverflowError):
        raise ApiError(
            "cursor_invalid",
            _("This cursor is not valid for this list: start again from the first page."),
            field="cursor",
        ) from None


def parse_list_query(actor: Actor, params: QueryDict) -> ListQuery:
    """Read the query string; any key or value that is not allowed is a 400."""
    _refuse_unknown(params)
    form = ComplaintFilterForm(params)
    if not form.is_valid():
        raise InvalidInput(form_errors(form))
    queue = params.get("queue", "")
    if queue and queue not in queues_for(actor):
        raise ApiError(
            "queue_invalid",
            _("Your queues are: %(queues)s.") % {"queues": ", ".join(queues_for(actor))},
            field="queue",
        )
    ordering = _ordering(params)
    cursor = params.get("cursor", "")
    return ListQuery(
        filters=form.to_filters(queue=queue),
        ordering=ordering,
        cursor=_decode_cursor(cursor, ordering) if cursor else None,
        page_size=_page_size(params),
    )


@dataclass(frozen=True)
class Page:
    items: list[Complaint]
    next_cursor: str | None


def paginate(queryset: QuerySet[Complaint], query: ListQuery) -> Page:
    """Keyset pagination on (received_at, id): a row is never shown twice or skipped,
    however many complaints arrive while a client walks the pages."""
    descending = ORDERINGS[query.ordering]
    if query.cursor is not None:
        stamp, pk = query.cursor
        if descending:
            after = Q(received_at__lte=stamp) & (Q(received_at__lt=stamp) | Q(pk__lt=pk))
        else:
            after = Q(received_at__gte=stamp) & (Q(received_at__gt=stamp) | Q(pk__gt=pk))
        queryset = queryset.filter(after)
    order = ("-received_at", "-id") if descending else ("received_at", "id")
    ids = list(queryset.order_by(*order).values_list("pk", flat=True)[: query.page_size + 1])
    more = len(ids) > query.page_size
    ids = ids[: query.page_size]
    rows = Complaint.objects.filter(pk__in=ids).select_related(*LIST_RELATED).in_bulk()
    items = [rows[pk] for pk in ids if pk in rows]
    return Page(
        items=items,
        next_cursor=encode_cursor(query.ordering, items[-1]) if more and items else None,
    )
