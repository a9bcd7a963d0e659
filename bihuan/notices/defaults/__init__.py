"""The notices that ship with the code, for every kind, language and channel.

They are used whenever no template in the admin replaces them
(:func:`bihuan.notices.selectors.template_for`); ``manage.py notice_templates`` copies them
into the admin for editing. Each language module holds ``EMAIL`` (subject, body), ``SMS``
(body) and ``WECHAT`` (the template message's first line, its remark).
"""

from __future__ import annotations

from dataclasses import dataclass

from ..choices import NoticeChannel, NoticeKind
from . import en, zh_hans, zh_hant

_MODULES = {"zh-hans": zh_hans, "zh-hant": zh_hant, "en": en}


@dataclass(frozen=True)
class DefaultText:
    subject: str
    body: str


def default_text(kind: str, language: str, channel: str) -> DefaultText:
    """The shipped text; KeyError for a kind, language or channel that has none."""
    module = _MODULES[language]
    if channel == NoticeChannel.EMAIL:
        subject, body = module.EMAIL[kind]
    elif channel == NoticeChannel.SMS:
        subject, body = "", module.SMS[kind]
    elif channel == NoticeChannel.WECHAT:
        subject, body = module.WECHAT[kind]
    else:
        raise KeyError(channel)
    return DefaultText(subject=subject, body=body)


def default_languages() -> list[str]:
    return list(_MODULES)


def all_defaults() -> list[tuple[str, str, str, DefaultText]]:
    """(kind, language, channel, text) for every shipped notice."""
    return [
        (kind, language, channel, default_text(kind, language, channel))
        for kind in NoticeKind.values
        for language in _MODULES
        for channel in NoticeChannel.values
    ]
