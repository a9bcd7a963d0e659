"""Create, revoke and check API keys."""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Iterable
from datetime import timedelta

from django.contrib.auth.models import User
from django.db import transaction
from django.utils.translation import gettext as _

from bihuan.core import clock
from bihuan.core.errors import DomainError
from bihuan.org.choices import Role
from bihuan.org.models import Department, Staff, StaffRole

from .choices import KeyKind
from .models import ApiKey

KEY_PREFIX = "bh_"
PREFIX_LENGTH = 8
# Writing last_used_at on every request would turn every read into a write.
LAST_USED_RESOLUTION = timedelta(minutes=1)
MAX_KEY_LENGTH = 200


def key_hash(raw_key: str) -> str:
    return hashlib.sha256(raw_key.encode("utf-8", "surrogatepass")).hexdigest()


def _service_username(name: str) -> str:
    return f"api-{name}"[:150]


def apikey_check(
    *, name: str, kind: str, roles: Iterable[str] = (), department: Department | None = None
) -> None:
    """Raise DomainError unless a key of this name, kind and scope can be created."""
    name = (name or "").strip()
    roles = tuple(roles)
    if not name or len(name) > 100:
        raise DomainError(
            "apikey_name", _("Give the key a name of 1 to 100 characters."), field="name"
        )
    if kind not in KeyKind.values:
        raise DomainError("apikey_kind", _("Unknown kind of key."), field="kind")
    unknown = [role for role in roles if role not in Role.values]
    if unknown:
        raise DomainError(
            "apikey_role",
            _("Unknown role: %(roles)s.") % {"roles": ", ".join(unknown)},
            field="roles",
        )
    if kind == KeyKind.OPEN311 and (roles or department is not None):
        raise DomainError(
            "apikey_scope", _("An Open311 key has no roles or department."), field="roles"
        )
    if kind == KeyKind.INTEGRATION and not roles:
        raise DomainError(
            "apikey_scope", _("An integration key needs at least one role."), field="roles"
        )
    if ApiKey.objects.filter(name=name).exists():
        raise DomainError(
            "apikey_duplicate", _("A key with this name exists already."), field="name"
        )
    username = _service_username(name)
    if kind == KeyKind.INTEGRATION and User.objects.filter(username=username).exists():
        raise DomainError(
            "apikey_duplicate",
            _("The account %(username)s exists already.") % {"username": username},
            field="name",
        )


@transaction.atomic
def apikey_create(
    *,
    name: str,
    kind: str,
    roles: Iterable[str] = (),
    department: Department | None = None,
    created_by: User | None = None,
) -> tuple[ApiKey, str]:
    """Create a key and return it with the raw key, which is never available again.

    An integration key gets a service account ``api-<name>`` (a user without a password)
    holding ``roles`` in ``department``; an Open311 key acts for nobody.
    """
    name = (name or "").strip()
    roles = tuple(dict.fromkeys(roles))
    apikey_check(name=name, kind=kind, roles=roles, department=department)
    user = None
    if kind == KeyKind.INTEGRATION:
        user = User.objects.create_user(username=_service_username(name), password=None)
        staff = Staff.objects.create(user=user, department=department)
        StaffRole.objects.bulk_create(StaffRole(staff=staff, role=role) for role in roles)
    raw_key = KEY_PREFIX + secrets.token_urlsafe(32)
    key = ApiKey.objects.create(
        name=name,
        kind=kind,
        prefix=raw_key[:PREFIX_LENGTH],
        key_hash=key_hash(raw_key),
        user=user,
        created_at=clock.now(),
        created_by=created_by,
    )
    return key, raw_key


@transaction.atomic
def apikey_revoke(*, key: ApiKey) -> ApiKey:
    """Revoke a key for good; its service account can no longer log in either."""
    locked = ApiKey.objects.select_for_update().get(pk=key.pk)
    if locked.revoked_at is None:
        locked.revoked_at = clock.now()
        locked.save(update_fields=["revoked_at"])
        if locked.user is not None:
            locked.user.is_active = False
            locked.user.save(update_fields=["is_active"])
    return locked


def apikey_authenticate(raw_key: str, kind: str) -> ApiKey | None:
    """The active key of this kind matching ``raw_key``, or None.

    The lookup is by hash, so the time it takes tells nothing about the stored keys.
    """
    if not isinstance(raw_key, str) or not raw_key or len(raw_key) > MAX_KEY_LENGTH:
        return None
    digest = key_hash(raw_key)
    key = (
        ApiKey.objects.select_related("user")
        .filter(key_hash=digest, kind=kind, revoked_at__isnull=True)
        .first()
    )
    if key is None:
        return None
    if key.user is not None and not key.user.is_active:
        return None
    now = clock.now()
    if key.last_used_at is None or now - key.last_used_at >= LAST_USED_RESOLUTION:
        # A conditional update, so that concurrent requests write once.
        ApiKey.objects.filter(pk=key.pk, last_used_at=key.last_used_at).update(last_used_at=now)
        key.last_used_at = now
    return key
