"""Notice templates: Django template syntax on a small, documented, safe context.

Templates are written by administrators, so a template may use only the variables of
:data:`VARIABLES` (plain strings: nothing with methods or relations to walk) and only the
tags of :data:`ALLOWED_TAGS` (no ``load``, ``include``, ``debug`` or ``with``). Every
filter of Django's built-in set is allowed. :func:`check_template` enforces both when a
template is saved; :func:`render` renders plain text (no HTML escaping: notices are text
mail, SMS and WeChat fields).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from functools import cache
from typing import Any

from django.core.exceptions import ValidationError
from django.template import Context, Engine, Template, TemplateSyntaxError
from django.template.base import FilterExpression, Lexer, Node, NodeList, TokenType, Variable
from django.utils.translation import gettext_lazy as _

# The documented context of every notice. Each value is a string, "" when unknown.
VARIABLES: dict[str, Any] = {
    "tracking_code": _("The complaint's tracking code, e.g. 7K4M-9QXR-2B."),
    "complainant_name": _("The complainant's name as given (empty when not given)."),
    "category": _("The category in the complainant's language (may be empty)."),
    "received_date": _("The date the complaint was received."),
    "status": _("Where the complaint stands, in plain words (received, being handled ...)."),
    "progress_step": _(
        "Progress notices: dispatch (passed to the department responsible), handle "
        "(the solution is being carried out) or reopen (handled again)."
    ),
    "reply_text": _("The reply told to the complainant (result notices and later)."),
    "reason": _("Why the complaint was not accepted (rejection notices)."),
    "status_url": _("The public status page of the complaint, where they can also rate."),
    "deadline": _("When we expect to answer: the resolution deadline (may be empty)."),
    "organisation": _("The organisation's name."),
    "today": _("The date of the notice."),
}

ALLOWED_TAGS = frozenset(
    {
        "if",
        "elif",
        "else",
        "endif",
        "comment",
        "endcomment",
        "firstof",
        "now",
        "spaceless",
        "endspaceless",
        "verbatim",
        "endverbatim",
        "autoescape",
        "endautoescape",
        "templatetag",
    }
)


@cache
def _engine() -> Engine:
    # No loaders and no libraries: nothing to include or load. Built-in tags and filters.
    return Engine(loaders=[], libraries={}, debug=False, string_if_invalid="")


def check_template(source: str) -> None:
    """Raise ValidationError, with a message for the admin, unless ``source`` compiles and
    uses only the allowed tags and the documented variables."""
    for token in Lexer(source).tokenize():
        if token.token_type == TokenType.BLOCK:
            name = token.contents.split()[0] if token.contents.split() else ""
            if name not in ALLOWED_TAGS:
                raise ValidationError(
                    _("Line %(line)s: the tag “%(tag)s” is not allowed in notices."),
                    code="tag",
                    params={"line": token.lineno, "tag": name},
                )
    template = _compile(source)
    unknown = sorted(set(_variable_names(template.nodelist)) - set(VARIABLES))
    if unknown:
        raise ValidationError(
            _("Unknown variable: %(names)s. Available: %(available)s."),
            code="variable",
            params={"names": ", ".join(unknown), "available": ", ".join(VARIABLES)},
        )


def _compile(source: str) -> Template:
    try:
        return _engine().from_string(source)
    except TemplateSyntaxError as error:
        raise ValidationError(
            _("Template syntax error: %(error)s"), code="syntax", params={"error": str(error)}
        ) from error


def render(source: str, context: Mapping[str, str]) -> str:
    """Render a checked template as plain text."""
    values = {name: context.get(name, "") for name in VARIABLES}
    return _engine().from_string(source).render(Context(values, autoescape=False))


def _variable_names(obj: object, seen: set[int] | None = None) -> Iterator[str]:
    """Every variable a compiled template reads, as written (``a.b`` stays whole), found
    by walking the nodes and the expressions they hold (if-conditions included)."""
    seen = set() if seen is None else seen
    if id(obj) in seen:
        return
    seen.add(id(obj))
    if isinstance(obj, Variable):
        if obj.lookups is not None:
            yield ".".join(obj.lookups)
    elif isinstance(obj, FilterExpression):
        yield from _variable_names(obj.var, seen)
        for _function, arguments in obj.filters:
            for _is_lookup, argument in arguments:
                yield from _variable_names(argument, seen)
    elif isinstance(obj, list | tuple | NodeList):
        for item in obj:
            yield from _variable_names(item, seen)
    elif isinstance(obj, Node) or type(obj).__module__.startswith("django.template"):
        for name, value in vars(obj).items():
            if name not in {"token", "origin"}:
                yield from _variable_names(value, seen)
