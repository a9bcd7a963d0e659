"""How a person's name is written: 王晓雯 (family name first, no space), or "Wang Xiaowen"."""

from __future__ import annotations

import unicodedata

from django.contrib.auth.models import User


def _is_cjk(text: str) -> bool:
    return any(unicodedata.name(ch, "").startswith("CJK UNIFIED") for ch in text)


def person_name(user: User) -> str:
    """The display name of a user, in the order their script writes it."""
    first, last = user.first_name.strip(), user.last_name.strip()
    name = last + first if _is_cjk(first + last) else f"{first} {last}".strip()
    return name or user.get_username()
