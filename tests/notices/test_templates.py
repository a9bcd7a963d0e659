"""Notice templates: the shipped texts, checking on save, the admin's override."""

from __future__ import annotations

import re

import pytest
from django.conf import settings
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from bihuan.complaints.services import ComplainantInput
from bihuan.notices.choices import NoticeChannel, NoticeKind
from bihuan.notices.context import notice_context
from bihuan.notices.defaults import all_defaults, default_text
from bihuan.notices.install import notice_templates_install
from bihuan.notices.models import Notice, NoticeTemplate
from bihuan.notices.rendering import VARIABLES, check_template, render
from bihuan.notices.selectors import template_for
from bihuan.notifications.models import OutboxMessage

from ..personas import Museum, advance, register

SAMPLE = {name: f"<{name}>" for name in VARIABLES}


def test_every_kind_ships_for_every_language_and_channel_and_passes_the_checks() -> None:
    shipped = all_defaults()
    languages = [code for code, _name in settings.LANGUAGES]
    assert len(shipped) == len(NoticeKind) * len(languages) * len(NoticeChannel)
    for kind, language, channel, text in shipped:
        check_template(text.subject)
        check_template(text.body)
        body = render(text.body, SAMPLE)
        if channel != NoticeChannel.WECHAT:  # WeChat's code and link have fields of their own
            assert "<tracking_code>" in body and "<status_url>" in body, (kind, language, channel)
        if channel != NoticeChannel.SMS:
            assert render(text.subject, SAMPLE).strip(), (kind, language, channel)


@pytest.mark.parametrize("language", ["zh-hans", "zh-hant", "en"])
def test_the_result_notice_is_a_letter_with_the_reply_and_the_signature(language: str) -> None:
    body = render(default_text(NoticeKind.RESULT, language, NoticeChannel.EMAIL).body, SAMPLE)
    assert "<reply_text>" in body and "<complainant_name>" in body
    assert body.rstrip().endswith("<organisation>\n<today>")
    title = {"zh-hans": "处理结果通知书", "zh-hant": "處理結果通知書", "en": "NOTICE OF THE RESULT"}
    assert body.startswith(title[language])


def test_the_rejection_gives_the_reason_and_progress_names_the_step() -> None:
    for language in ("zh-hans", "zh-hant", "en"):
        rejected = default_text(NoticeKind.REJECTED, language, NoticeChannel.EMAIL).body
        assert "<reason>" in render(rejected, SAMPLE)
        progress = default_text(NoticeKind.PROGRESS, language, NoticeChannel.SMS).body
        texts = {
            render(progress, {**SAMPLE, "progress_step": step})
            for step in ("dispatch", "handle", "reopen")
        }
        assert len(texts) == 3, language


@pytest.mark.parametrize(
    ("source", "code"),
    [
        ("{% if tracking_code %}unclosed", "syntax"),
        ("{{ tracking_code|no_such_filter }}", "syntax"),
        ("{{ staff_name }}", "variable"),
        ("{{ complaint.assignee.password }}", "variable"),
        ("{{ tracking_code.upper }}", "variable"),
        ("{% if internal_notes %}x{% endif %}", "variable"),
        ("{{ tracking_code|default:secret }}", "variable"),
        ("{% load static %}", "tag"),
        ("{% debug %}", "tag"),
        ('{% include "base.html" %}', "tag"),
        ("{% with x=tracking_code %}{{ x }}{% endwith %}", "tag"),
    ],
)
def test_a_bad_template_is_refused_with_a_clear_reason(source: str, code: str) -> None:
    with pytest.raises(ValidationError) as refused:
        check_template(source)
    assert refused.value.code == code


def test_filters_conditions_and_literals_on_documented_variables_are_allowed() -> None:
    source = (
        '{% if reply_text and progress_step == "handle" %}{{ reply_text|truncatechars:5 }}'
        "{% endif %}{% firstof complainant_name 'friend' %} {{ tracking_code|lower }}"
    )
    check_template(source)
    assert render(source, {"complainant_name": "", "tracking_code": "AB"}) == "friend ab"


def test_the_context_tells_only_what_the_complainant_may_know(museum: Museum) -> None:
    complaint = register(museum, complainant=ComplainantInput(name="王五", email="w@example.com"))
    complaint = advance(museum, complaint, "replied")
    context = notice_context(complaint, language="en")
    assert set(context) == set(VARIABLES)
    assert context["reply_text"] == "已修复，致歉" and context["complainant_name"] == "王五"
    assert context["tracking_code"] == complaint.tracking_code
    assert context["status_url"].endswith(f"?code={complaint.tracking_code}")
    assert context["organisation"] == "城市科技馆"
    staff = [museum.handler, museum.clerk, museum.head]
    names = {u.username for u in staff} | {u.get_full_name() for u in staff} - {""}
    for value in context.values():
        assert not any(name in value for name in names)
        assert "装置电源故障" not in value  # the investigation report stays internal


def test_an_active_admin_template_replaces_the_default_and_an_inactive_one_does_not(
    db: None,
) -> None:
    row = NoticeTemplate.objects.create(
        kind=NoticeKind.ACKNOWLEDGEMENT,
        language="en",
        channel=NoticeChannel.SMS,
        body="Got it: {{ tracking_code }}",
    )
    chosen = template_for(kind=row.kind, language="en", channel=NoticeChannel.SMS)
    assert chosen.body == row.body and chosen.from_admin
    row.is_active = False
    row.save()
    chosen = template_for(kind=row.kind, language="en", channel=NoticeChannel.SMS)
    assert not chosen.from_admin
    assert chosen.body == default_text(row.kind, "en", NoticeChannel.SMS).body


def test_the_install_command_copies_every_default_once(db: None) -> None:
    assert notice_templates_install() == len(all_defaults())
    assert notice_templates_install() == 0
    NoticeTemplate.objects.filter(language="en").update(body="edited {{ tracking_code }}")
    assert notice_templates_install() == 0
    assert notice_templates_install(overwrite=True) == len(all_defaults())
    assert not NoticeTemplate.objects.filter(body__startswith="edited").exists()


# The admin -------------------------------------------------------------------------------


@pytest.fixture
def admin_client(db: None) -> Client:
    client = Client()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    client.force_login(User.objects.create_superuser("root", "root@museum.example", "x"))
    return client


def form(**changes: str) -> dict[str, str]:
    values = {
        "kind": NoticeKind.ACKNOWLEDGEMENT,
        "language": "en",
        "channel": NoticeChannel.EMAIL,
        "subject": "Received: {{ tracking_code }}",
        "body": "Dear {{ complainant_name }}, see {{ status_url }}",
        "wechat_template_id": "",
        "is_active": "on",
    }
    values.update(changes)
    return values


def test_the_admin_refuses_a_broken_template_and_says_why(admin_client: Client) -> None:
    url = reverse("admin:notices_noticetemplate_add")
    page = admin_client.get(url)
    assert page.status_code == 200 and "{{ tracking_code }}" in page.text

    broken = admin_client.post(url, form(body="Dear {{ complainant_name }, {% if %}"))
    assert broken.status_code == 200 and "Template syntax error" in broken.text
    unknown = admin_client.post(url, form(subject="{{ handler_name }}"))
    assert unknown.status_code == 200 and "Unknown variable: handler_name" in unknown.text
    no_subject = admin_client.post(url, form(subject=""))
    assert "Email and WeChat notices need a subject." in no_subject.text
    assert not NoticeTemplate.objects.exists()

    saved = admin_client.post(url, form())
    assert saved.status_code == 302
    row = NoticeTemplate.objects.get()
    change = admin_client.get(reverse("admin:notices_noticetemplate_change", args=[row.pk]))
    assert "We have received your complaint" in change.text  # the shipped text, for reference


def test_an_admin_edited_template_is_what_the_complainant_receives(
    admin_client: Client, museum: Museum
) -> None:
    admin_client.post(
        reverse("admin:notices_noticetemplate_add"),
        form(subject="Thanks, {{ complainant_name }}", body="Code {{ tracking_code }}."),
    )
    person = ComplainantInput(name="Ann", email="ann@example.com", preferred_language="en")
    complaint = register(museum, complainant=person)
    mail = OutboxMessage.objects.get(recipient="ann@example.com")
    assert mail.subject.startswith("Thanks, Ann [BH-")
    assert mail.body.strip() == f"Code {complaint.tracking_code}."
    assert Notice.objects.filter(complaint=complaint).get(channel="email").from_admin_template


def test_an_admin_template_broken_behind_the_admins_back_falls_back_to_the_default(
    museum: Museum,
) -> None:
    row = NoticeTemplate.objects.create(
        kind=NoticeKind.ACKNOWLEDGEMENT, language="en", channel=NoticeChannel.SMS, body="ok"
    )
    NoticeTemplate.objects.filter(pk=row.pk).update(body="{% if %}")  # bypasses the checks
    person = ComplainantInput(phone="13812341234", preferred_language="en")
    complaint = register(museum, complainant=person)
    sms = OutboxMessage.objects.get()
    assert sms.body.startswith("城市科技馆: we have received your complaint")
    assert complaint.tracking_code in sms.body
    assert not Notice.objects.get().from_admin_template


def test_the_notices_sent_are_listed_read_only_in_the_admin(
    admin_client: Client, museum: Museum
) -> None:
    complaint = register(museum, complainant=ComplainantInput(email="a@example.com"))
    notice = Notice.objects.get()
    listing = admin_client.get(reverse("admin:notices_notice_changelist"))
    assert listing.status_code == 200 and complaint.tracking_code in listing.text
    page = admin_client.get(reverse("admin:notices_notice_change", args=[notice.pk]))
    assert page.status_code == 200 and 'name="_save"' not in page.text
    assert admin_client.get(reverse("admin:notices_wechatcontact_add")).status_code == 200


def test_the_deadline_is_the_resolution_deadline_in_the_complainants_format(
    museum: Museum,
) -> None:
    complaint = register(museum, complainant=ComplainantInput(email="w@example.com"))
    assert notice_context(complaint, language="zh-hans")["deadline"] == ""  # not yet accepted
    complaint = advance(museum, complaint, "accepted")
    chinese = notice_context(complaint, language="zh-hans")["deadline"]
    english = notice_context(complaint, language="en")["deadline"]
    assert re.fullmatch(r"\d{4}年\d{1,2}月\d{1,2}日 \d\d:\d\d", chinese), chinese
    assert re.fullmatch(r"[A-Z][a-z]+\.? \d{1,2}, \d{4} \d\d:\d\d", english), english
    assert chinese[-5:] == english[-5:]
