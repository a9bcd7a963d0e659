"""The acting user as the domain sees it: roles and department scope, resolved once."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth.models import AnonymousUser, User

from .choices import Role
from .models import Department, Staff


@dataclass(frozen=True)
class Actor:
    """Who is acting: the user, the roles held and the departments whose work is theirs."""

    user: User
    roles: frozenset[str]
    department_id: int | None
    scope_department_ids: frozenset[int]

    @property
    def user_id(self) -> int:
        return int(self.user.pk)

    def has(self, *roles: str) -> bool:
        return any(role in self.roles for role in roles)

    @property
    def sees_everything(self) -> bool:
        """Intake desk, supervisors and leaders read every complaint of the organisation."""
        return self.has(Role.CLERK, Role.SUPERVISOR, Role.LEADER)

    def in_scope(self, department_id: int | None) -> bool:
        return department_id is not None and department_id in self.scope_department_ids


_CACHE_ATTR = "_bihuan_actor"


def actor_for(user: User | AnonymousUser) -> Actor:
    """Resolve (and cache on the user object) the roles and department scope of a user."""
    cached = getattr(user, _CACHE_ATTR, None)
    if cached is not None:
        return cached
    roles: set[str] = set()
    department_id = None
    scope: set[int] = set()
    if user.is_authenticated:
        staff = Staff.objects.filter(user=user).select_related("department").first()
        if staff is not None and user.is_active:
            roles = set(staff.role_rows.values_list("role", flat=True))
            department_id = staff.department_id
            if staff.department is not None:
                scope |= staff.department.subtree_ids()
            for headed in Department.objects.filter(head=user):
                scope |= headed.subtree_ids()
    actor = Actor(
        user=user,  # type: ignore[arg-type]  # an anonymous actor has no roles
        roles=frozenset(roles),
        department_id=department_id,
        scope_department_ids=frozenset(scope),
    )
    setattr(user, _CACHE_ATTR, actor)
    return actor


def forget_actor(user: User) -> None:
    """Drop the cached actor (after roles or departments changed)."""
    if hasattr(user, _CACHE_ATTR):
        delattr(user, _CACHE_ATTR)
