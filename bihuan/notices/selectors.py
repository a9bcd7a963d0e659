"""Reading notice templates: the admin's text if there is an active one, else the shipped one."""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings

from .defaults import default_text
from .models import NoticeTemplate


@dataclass(frozen=True)
class NoticeText:
    subject: str
    body: str
    wechat_template_id: str
    from_admin: bool


def template_for(*, kind: str, language: str, channel: str) -> NoticeText:
    """The text to send: an active template from the admin, or the default."""
    row = NoticeTemplate.objects.filter(
        kind=kind, language=language, channel=channel, is_active=True
    ).first()
    if row is not None:
        return NoticeText(
            subject=row.subject,
            body=row.body,
            wechat_template_id=row.wechat_template_id or settings.BIHUAN_WECHAT_TEMPLATE_ID,
            from_admin=True,
        )
    try:
        text = default_text(kind, language, channel)
    except KeyError:  # a language added to LANGUAGES without shipped notices
        text = default_text(kind, settings.LANGUAGE_CODE, channel)
    return NoticeText(
        subject=text.subject,
        body=text.body,
        wechat_template_id=settings.BIHUAN_WECHAT_TEMPLATE_ID,
        from_admin=False,
    )


def notice_language(language: str) -> str:
    """A language notices exist in: the complainant's, or the site's default."""
    available = {code for code, _name in settings.LANGUAGES}
    return language if language in available else settings.LANGUAGE_CODE
