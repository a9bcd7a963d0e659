"""zh-Hans is the default language and zh-Hant is complete: no string left untranslated."""

import os
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import translation

from bihuan.complaints.choices import Status
from scripts import po

LOCALE = Path(os.environ.get("BIHUAN_LOCALE_DIR", settings.BASE_DIR / "locale"))
CATALOGUES = {
    "zh_Hans": LOCALE / "zh_Hans" / "LC_MESSAGES" / "django.po",
    "zh_Hant": LOCALE / "zh_Hant" / "LC_MESSAGES" / "django.po",
}


@pytest.mark.parametrize("language", CATALOGUES)
def test_every_string_is_translated(language: str) -> None:
    entries = po.read(CATALOGUES[language])
    missing = [e.msgid for e in entries if not e.translated]
    assert entries, "the catalogue is empty"
    assert missing == [], f"{len(missing)} untranslated in {language}: {missing[:10]}"


def test_both_chinese_catalogues_carry_the_same_strings() -> None:
    hans = {(e.context, e.msgid) for e in po.read(CATALOGUES["zh_Hans"])}
    hant = {(e.context, e.msgid) for e in po.read(CATALOGUES["zh_Hant"])}
    assert hans == hant


def test_the_default_language_is_simplified_chinese() -> None:
    assert settings.LANGUAGE_CODE == "zh-hans"
    with translation.override("zh-hans"):
        assert str(Status.REGISTERED.label) != "Registered"
    with translation.override("zh-hant"):
        assert str(Status.REGISTERED.label) != "Registered"
