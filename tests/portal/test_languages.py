"""The portal in zh-Hans, zh-Hant and English: the page language, the organisation's
configured names and the privacy notice follow it, and the switch works without script."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from bihuan.complaints.models import PrivacyNotice

from ..personas import Museum

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("language", "category", "notice", "email"),
    [
        ("zh-hans", "展览展示类", "我们收集您在投诉中提供的个人信息", "电子邮件"),
        ("zh-hant", "展覽展示類", "我們收集您在投訴中提供的個人資料", "電子郵件"),
        ("en", "Exhibitions and displays", "We collect the personal information", "Email"),
    ],
)
def test_the_form_speaks_the_page_language(
    museum: Museum, language: str, category: str, notice: str, email: str
) -> None:
    client = Client(HTTP_ACCEPT_LANGUAGE=language)
    html = client.get(reverse("portal:submit")).content.decode()
    assert f'<html lang="{language}">' in html
    assert category in html
    assert notice in html
    assert f'for="id_email">{email}</label>' in html  # a label from the catalogue
    if language == "en":
        assert "Make a complaint" in html and "Send my complaint" in html


def test_the_zh_hans_page_uses_the_chinese_names(museum: Museum) -> None:
    html = Client().get(reverse("portal:submit")).content.decode()
    assert '<html lang="zh-hans">' in html
    assert "城市科技馆" in html  # the organisation's name in the header
    assert "我们收集您在投诉中提供的个人信息" in html
    assert "投诉内容" in html  # "What happened", as the complaint form field is called


def test_the_language_switch_keeps_the_page(museum: Museum) -> None:
    client = Client()
    response = client.post(
        "/i18n/setlang/", {"language": "en", "next": reverse("portal:status") + "?code=X"}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("portal:status") + "?code=X"
    html = client.get(reverse("portal:status")).content.decode()
    assert '<html lang="en">' in html and "Check progress" in html
    assert PrivacyNotice.objects.exists()
