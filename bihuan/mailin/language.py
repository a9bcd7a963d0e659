"""A guess at the complainant's language, from the text and the charset it came in."""

from __future__ import annotations

import re

# Common characters written differently in the two scripts (simplified, traditional).
_SIMPLIFIED = set(
    "这们说对时会为个来过发后经还进问题务应该关间现实东车门头处议让认请谢馆区满员场费"
)
_TRADITIONAL = set(
    "這們說對時會為個來過發後經還進問題務應該關間現實東車門頭處議讓認請謝館區滿員場費"
)
_HAN = re.compile(r"[\u3400-\u9fff\U00020000-\U0002ffff]")


def guess_language(text: str, charset: str = "") -> str:
    """``zh-hans``, ``zh-hant`` or ``en``: one of the LANGUAGES codes."""
    if charset.lower().startswith("big5"):
        return "zh-hant"
    if not _HAN.search(text):
        return "en" if re.search(r"[A-Za-z]{3}", text) else "zh-hans"
    simplified = sum(1 for ch in text if ch in _SIMPLIFIED)
    traditional = sum(1 for ch in text if ch in _TRADITIONAL)
    return "zh-hant" if traditional > simplified else "zh-hans"
