"""Time limits: seeded from the sector's seed; bad limits refused with a clear message."""

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse

from bihuan.timelimits.models import TimeLimitPolicy
from bihuan.timelimits.presets import limits_for

from ..personas import Museum

ADD = reverse("admin:timelimits_timelimitpolicy_add")


@pytest.fixture
def admin_client_(museum: Museum) -> Client:
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(User.objects.create_superuser("root", "root@example.org", "x"))
    return client


def test_the_museum_preset_carries_its_seeds_limits(museum: Museum) -> None:
    accept = TimeLimitPolicy.objects.get(stage="accept", category=None, severity="")
    assert (accept.amount, accept.unit) == (10, "minutes")  # 000: 10 分钟内
    major = TimeLimitPolicy.objects.get(stage="propose", category=None, severity="major")
    assert (major.amount, major.unit) == (24 * 60, "minutes")  # 000: 复杂投诉 24 小时内


def test_every_preset_limits_every_stage() -> None:
    from bihuan.org.choices import Sector
    from bihuan.timelimits.choices import Stage

    for sector in Sector.values:
        stages = {limit.stage for limit in limits_for(sector) if not limit.category}
        assert stages == set(Stage.values), sector


@pytest.mark.parametrize(
    ("amount", "unit", "message"),
    [
        ("0", "minutes", "greater than zero"),
        ("-5", "working_days", "greater than or equal to 0"),
        ("100000", "working_days", "is not a plausible time limit"),
    ],
)
def test_a_zero_negative_or_absurd_limit_is_refused(
    admin_client_: Client, amount: str, unit: str, message: str
) -> None:
    before = TimeLimitPolicy.objects.count()
    response = admin_client_.post(
        ADD, {"stage": "reply", "category": "", "severity": "", "amount": amount, "unit": unit}
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    assert TimeLimitPolicy.objects.count() == before


def test_a_second_policy_for_the_same_stage_and_scope_is_refused(admin_client_: Client) -> None:
    before = TimeLimitPolicy.objects.count()
    response = admin_client_.post(
        ADD, {"stage": "accept", "category": "", "severity": "", "amount": "5", "unit": "minutes"}
    )
    assert response.status_code == 200
    assert "There is already a time limit for this stage" in response.content.decode()
    assert TimeLimitPolicy.objects.count() == before
