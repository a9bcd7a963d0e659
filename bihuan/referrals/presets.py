"""The column mappings seeded for the usual referrers' exports (12345 hotline, 12315).

Plain data, so that the data migration and ``column_mappings_set_up`` seed the same rows.
"""

from __future__ import annotations

from typing import Any

from bihuan.complaints.choices import Channel

# What a source column may say, for a file that mixes referrers.
SOURCE_ALIASES: dict[str, str] = {
    "12345": Channel.REFERRAL_12345.value,
    "12345热线": Channel.REFERRAL_12345.value,
    "市民热线": Channel.REFERRAL_12345.value,
    "12315": Channel.REFERRAL_12315.value,
    "12315平台": Channel.REFERRAL_12315.value,
    "市场监管": Channel.REFERRAL_REGULATOR.value,
    "市场监督管理局": Channel.REFERRAL_REGULATOR.value,
    "监管部门": Channel.REFERRAL_REGULATOR.value,
    "消费者协会": Channel.REFERRAL_CONSUMER_ASSOCIATION.value,
    "消协": Channel.REFERRAL_CONSUMER_ASSOCIATION.value,
}

MAPPING_12345 = "12345 热线工单"
MAPPING_12315 = "12315 投诉工单"

PRESET_MAPPINGS: list[dict[str, Any]] = [
    {
        "name": MAPPING_12345,
        "channel": Channel.REFERRAL_12345.value,
        "external_reference_column": "工单编号|工单号",
        "due_column": "办理时限|办结时限|截止时间",
        "name_column": "来电人|诉求人|来电人姓名",
        "phone_column": "联系电话|来电号码",
        "email_column": "电子邮箱|邮箱",
        "subject_column": "工单标题|标题",
        "description_column": "诉求内容|来电内容",
        "demand_column": "诉求目的|诉求要求",
        "occurred_at_column": "事发时间",
        "place_column": "事发地点|事发地址",
        "category_column": "问题分类|诉求分类",
        "site_column": "场馆|网点",
        "channel_aliases": SOURCE_ALIASES,
    },
    {
        "name": MAPPING_12315,
        "channel": Channel.REFERRAL_12315.value,
        "external_reference_column": "投诉登记号|登记编号|工单编号",
        "due_column": "处理时限|办结时限",
        "name_column": "投诉人|消费者姓名",
        "phone_column": "联系电话|投诉人电话",
        "email_column": "电子邮箱",
        "subject_column": "投诉标题",
        "description_column": "投诉内容|诉求内容",
        "demand_column": "投诉诉求|诉求",
        "occurred_at_column": "消费时间|事发时间",
        "place_column": "消费地点|事发地点",
        "category_column": "问题类别|投诉分类",
        "site_column": "被投诉门店|场馆|网点",
        "channel_aliases": SOURCE_ALIASES,
    },
]


def seed_mappings(model: Any) -> None:
    """Create the preset mappings that are missing; ``model`` may be a migration's model."""
    for preset in PRESET_MAPPINGS:
        values = dict(preset)
        model.objects.get_or_create(name=values.pop("name"), defaults=values)
