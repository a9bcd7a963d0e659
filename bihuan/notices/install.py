"""Copying the shipped notices into the admin, where they can be edited."""

from __future__ import annotations

from django.db import transaction

from .defaults import all_defaults
from .models import NoticeTemplate


@transaction.atomic
def notice_templates_install(*, overwrite: bool = False) -> int:
    """Write an admin template for every shipped notice that has none (with ``overwrite``,
    put the shipped text back into existing ones too); how many were written."""
    existing = {(row.kind, row.language, row.channel): row for row in NoticeTemplate.objects.all()}
    written = 0
    for kind, language, channel, text in all_defaults():
        row = existing.get((kind, language, channel))
        if row is not None and not overwrite:
            continue
        row = row or NoticeTemplate(kind=kind, language=language, channel=channel)
        row.subject, row.body = text.subject, text.body
        row.full_clean()
        row.save()
        written += 1
    return written
