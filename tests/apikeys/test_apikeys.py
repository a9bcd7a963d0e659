"""API keys: created once and shown once, stored as a hash, scoped, revocable."""

from __future__ import annotations

import hashlib
import io
import re
from datetime import timedelta

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client

from bihuan.apikeys.choices import KeyKind
from bihuan.apikeys.models import ApiKey
from bihuan.apikeys.services import apikey_authenticate, apikey_create, apikey_revoke
from bihuan.core import clock
from bihuan.core.errors import DomainError
from bihuan.org.actors import actor_for
from bihuan.org.choices import Role

from ..personas import PASSWORD, Museum


def test_a_key_is_stored_only_as_its_hash(museum: Museum) -> None:
    key, raw = apikey_create(name="civic-app", kind=KeyKind.OPEN311)
    assert raw.startswith("bh_") and len(raw) >= 40
    assert key.prefix == raw[:8]
    assert key.key_hash == hashlib.sha256(raw.encode()).hexdigest()
    for row in ApiKey.objects.values():
        assert raw not in [str(value) for value in row.values()]
    assert ApiKey.objects.count() == 1
    assert key.user is None


def test_two_keys_differ(museum: Museum) -> None:
    _a, raw_a = apikey_create(name="a", kind=KeyKind.OPEN311)
    _b, raw_b = apikey_create(name="b", kind=KeyKind.OPEN311)
    assert raw_a != raw_b


def test_an_integration_key_acts_through_a_scoped_service_account(museum: Museum) -> None:
    key, _raw = apikey_create(
        name="hotline",
        kind=KeyKind.INTEGRATION,
        roles=[Role.HANDLER],
        department=museum.exhibitions,
    )
    assert key.user is not None and key.user.username == "api-hotline"
    assert not key.user.has_usable_password()
    actor = actor_for(User.objects.get(pk=key.user.pk))
    assert actor.roles == {Role.HANDLER}
    assert actor.department_id == museum.exhibitions.pk
    assert actor.in_scope(museum.exhibitions.pk)
    assert not actor.in_scope(museum.facilities.pk)


def test_authenticate_finds_the_key_of_its_kind_only(museum: Museum) -> None:
    key, raw = apikey_create(name="civic-app", kind=KeyKind.OPEN311)
    assert apikey_authenticate(raw, KeyKind.OPEN311) == key
    assert apikey_authenticate(raw, KeyKind.INTEGRATION) is None
    assert apikey_authenticate(raw + "x", KeyKind.OPEN311) is None
    assert apikey_authenticate("", KeyKind.OPEN311) is None
    assert apikey_authenticate("x" * 10_000, KeyKind.OPEN311) is None
    assert apikey_authenticate("\ud800bad", KeyKind.OPEN311) is None


def test_a_revoked_key_no_longer_authenticates(museum: Museum) -> None:
    key, raw = apikey_create(
        name="hotline", kind=KeyKind.INTEGRATION, roles=[Role.CLERK], department=museum.desk
    )
    revoked = apikey_revoke(key=key)
    assert revoked.revoked_at is not None
    assert apikey_authenticate(raw, KeyKind.INTEGRATION) is None
    assert revoked.user is not None
    revoked.user.refresh_from_db()
    assert not revoked.user.is_active
    # revoking twice keeps the first moment
    assert apikey_revoke(key=key).revoked_at == revoked.revoked_at


def test_last_used_is_written_at_most_once_a_minute(museum: Museum) -> None:
    key, raw = apikey_create(name="civic-app", kind=KeyKind.OPEN311)
    start = clock.now()
    with clock.travel_to(start):
        apikey_authenticate(raw, KeyKind.OPEN311)
    key.refresh_from_db()
    assert key.last_used_at == start
    with clock.travel_to(start + timedelta(seconds=30)):
        apikey_authenticate(raw, KeyKind.OPEN311)
    key.refresh_from_db()
    assert key.last_used_at == start
    with clock.travel_to(start + timedelta(seconds=61)):
        apikey_authenticate(raw, KeyKind.OPEN311)
    key.refresh_from_db()
    assert key.last_used_at == start + timedelta(seconds=61)


@pytest.mark.parametrize(
    ("kwargs", "code"),
    [
        ({"name": "", "kind": KeyKind.OPEN311}, "apikey_name"),
        ({"name": "x", "kind": "wizard"}, "apikey_kind"),
        ({"name": "x", "kind": KeyKind.INTEGRATION}, "apikey_scope"),
        ({"name": "x", "kind": KeyKind.INTEGRATION, "roles": ["pope"]}, "apikey_role"),
        ({"name": "x", "kind": KeyKind.OPEN311, "roles": [Role.CLERK]}, "apikey_scope"),
    ],
)
def test_bad_input_is_refused_and_leaves_nothing(museum: Museum, kwargs: dict, code: str) -> None:
    users = User.objects.count()
    with pytest.raises(DomainError) as raised:
        apikey_create(**kwargs)
    assert raised.value.code == code
    assert ApiKey.objects.count() == 0
    assert User.objects.count() == users


def test_a_name_is_used_once(museum: Museum) -> None:
    apikey_create(name="hotline", kind=KeyKind.INTEGRATION, roles=[Role.CLERK])
    with pytest.raises(DomainError) as raised:
        apikey_create(name="hotline", kind=KeyKind.OPEN311)
    assert raised.value.code == "apikey_duplicate"


def test_the_command_prints_the_key_once(museum: Museum) -> None:
    out, err = io.StringIO(), io.StringIO()
    call_command(
        "create_api_key",
        "hotline",
        "--kind",
        "integration",
        "--role",
        "clerk",
        "--role",
        "handler",
        "--department",
        "service-desk",
        stdout=out,
        stderr=err,
    )
    raw = out.getvalue().strip()
    key = apikey_authenticate(raw, KeyKind.INTEGRATION)
    assert key is not None and key.name == "hotline"
    assert key.user is not None
    assert actor_for(key.user).roles == {Role.CLERK, Role.HANDLER}
    assert raw not in err.getvalue()


def test_the_command_refuses_an_unknown_department(museum: Museum) -> None:
    with pytest.raises(CommandError):
        call_command("create_api_key", "x", "--role", "clerk", "--department", "nowhere")
    assert ApiKey.objects.count() == 0


@pytest.fixture
def admin_client(museum: Museum) -> Client:
    User.objects.create_superuser("root", "root@example.org", PASSWORD)
    client = Client()
    assert client.login(username="root", password=PASSWORD)
    return client


def test_the_admin_creates_a_key_and_shows_it_once(admin_client: Client, museum: Museum) -> None:
    response = admin_client.post(
        "/admin/apikeys/apikey/add/",
        {
            "name": "hotline",
            "kind": "integration",
            "roles": ["handler"],
            "department": museum.exhibitions.pk,
        },
        follow=True,
    )
    assert response.status_code == 200
    shown = [str(m) for m in response.context["messages"]]
    key = ApiKey.objects.get(name="hotline")
    raw = next(m.group() for text in shown for m in re.finditer(r"bh_[A-Za-z0-9_-]+", text))
    assert apikey_authenticate(raw, KeyKind.INTEGRATION) == key
    assert key.created_by is not None and key.created_by.username == "root"
    # not on the list or the key's page afterwards, and the hash never
    listing = admin_client.get("/admin/apikeys/apikey/").content.decode()
    page = admin_client.get(f"/admin/apikeys/apikey/{key.pk}/change/").content.decode()
    for html in (listing, page):
        assert raw not in html
        assert key.key_hash not in html
        assert key.prefix in html


def test_the_admin_refuses_a_bad_scope_with_a_message(admin_client: Client) -> None:
    response = admin_client.post(
        "/admin/apikeys/apikey/add/", {"name": "civic", "kind": "open311", "roles": ["clerk"]}
    )
    assert response.status_code == 200
    assert response.context["adminform"].form.errors
    assert ApiKey.objects.count() == 0


def test_the_admin_revokes_keys(admin_client: Client) -> None:
    key, raw = apikey_create(name="civic", kind=KeyKind.OPEN311)
    response = admin_client.post(
        "/admin/apikeys/apikey/",
        {"action": "revoke", "_selected_action": [key.pk]},
        follow=True,
    )
    assert response.status_code == 200
    key.refresh_from_db()
    assert key.revoked_at is not None
    assert apikey_authenticate(raw, KeyKind.OPEN311) is None
