"""A few complaints in the demo that arrived by the channel adapters themselves (an email,
an Open311 app, a 12345 work-order file), so that every intake record has an example.

Each goes through its channel's own service, exactly as in production.
"""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid

from django.contrib.auth.models import User

from bihuan.apikeys.choices import KeyKind
from bihuan.apikeys.services import apikey_create
from bihuan.core import clock
from bihuan.mailin.choices import Source
from bihuan.mailin.services import email_ingest
from bihuan.notices.install import notice_templates_install
from bihuan.notices.models import WechatContact
from bihuan.open311.inputs import Submission
from bihuan.open311.services import open311_request_submit
from bihuan.org.actors import actor_for
from bihuan.org.models import Category, Site
from bihuan.referrals.models import ColumnMapping
from bihuan.referrals.presets import MAPPING_12345
from bihuan.referrals.services import referral_import

from ..complaints.choices import Channel
from ..complaints.models import Complaint

# One email, one Open311 request, two rows of a 12345 work-order file.
SAMPLE_COMPLAINTS = 4


def load_channel_samples(*, clerk: User, administrator: User) -> None:
    """The shipped notice texts, editable in the admin, and one sample per channel adapter."""
    notice_templates_install()
    _email()
    _open311(administrator)
    _work_orders(clerk)
    _wechat_contact()


def _email() -> None:
    message = EmailMessage()
    message["From"] = "赵敏 <zhaomin@example.com>"
    message["To"] = "complaints@museum.example.org"
    message["Subject"] = "寄存柜押金没有退还"
    message["Date"] = format_datetime(clock.now())
    message["Message-ID"] = make_msgid(domain="example.com")
    message.set_content(
        "您好：\n\n今天上午在一号门寄存柜存包，取包时押金20元没有退回，"
        "工作人员说要联系后台处理。请尽快退还押金。\n\n赵敏\n"
    )
    email_ingest(raw=message.as_bytes(), source=Source.PIPE)


def _open311(administrator: User) -> None:
    key, _raw = apikey_create(name="demo-civic-app", kind=KeyKind.OPEN311, created_by=administrator)
    category = Category.objects.filter(is_active=True).order_by("pk").first()
    site = Site.objects.order_by("pk").first()
    if category is None:
        return
    open311_request_submit(
        api_key=key,
        submission=Submission(
            category=category,
            description="科技馆东门外的共享单车停放区满了，自行车堵住了无障碍通道。",
            lat=Decimal("39.9042"),
            long=Decimal("116.4074"),
            address_string="科技大道1号东门",
            site=site,
            phone="13700001234",
            first_name="钱",
            last_name="先生",
            device_id="demo-device",
        ),
    )


def _work_orders(clerk: User) -> None:
    mapping = ColumnMapping.objects.filter(name=MAPPING_12345).first()
    if mapping is None:
        return
    due = (clock.now() + timedelta(days=5)).strftime("%Y-%m-%d")
    rows = [
        "工单编号,来电人,联系电话,诉求内容,办理时限",
        f"GD-DEMO-0001,孙丽,13600002222,反映科技馆周末停车场收费标准不明确。,{due}",
        f"GD-DEMO-0002,周强,13600003333,反映科技馆讲解员态度生硬，要求改进。,{due}",
    ]
    referral_import(
        actor=actor_for(clerk),
        mapping=mapping,
        file_name="12345-demo.csv",
        content="\n".join(rows).encode("utf-8-sig"),
    )


def _wechat_contact() -> None:
    complaint = (
        Complaint.objects.filter(channel=Channel.WECHAT, complainant__is_anonymous=False)
        .select_related("complainant")
        .first()
    )
    if complaint is not None:
        WechatContact.objects.get_or_create(
            complainant=complaint.complainant, defaults={"openid": "o6_demo_openid_0001"}
        )
