"""The demo museum's sites and staff: one account per role at least, a head for every department.

Every demo account shares one password, printed by ``load_demo``. It is demo data, not a
secret: the accounts exist only in a database the demo loader filled.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import User

from bihuan.org.choices import Role
from bihuan.org.models import Department, Site, Staff, StaffRole

DEMO_PASSWORD = "bihuan-demo"

ORGANISATION_NAME = "城市科学技术馆"

# (code, 简体, 繁體, English, address)
SITES: tuple[tuple[str, str, str, str, str], ...] = (
    ("main-hall", "主馆", "主館", "Main hall", "科技大道 1 号"),
    ("kids-park", "儿童科学乐园", "兒童科學樂園", "Children's science park", "科技大道 1 号东翼"),
    ("dome-cinema", "球幕影院", "球幕影院", "Dome cinema", "科技大道 3 号"),
)


@dataclass(frozen=True)
class Account:
    username: str
    last_name: str  # 姓
    first_name: str  # 名
    roles: tuple[str, ...]
    department: str | None  # department code
    heads: bool = False  # is the head of ``department``
    superuser: bool = False


ACCOUNTS: tuple[Account, ...] = (
    Account("clerk", "王", "晓雯", (Role.CLERK,), "service-desk"),
    Account("clerk2", "刘", "佳怡", (Role.CLERK,), "service-desk"),
    Account("desk_head", "周", "敏", (Role.DEPARTMENT_HEAD, Role.CLERK), "service-desk", True),
    Account("handler", "李", "明轩", (Role.HANDLER,), "exhibitions"),
    Account("handler2", "陈", "思远", (Role.HANDLER,), "exhibitions"),
    Account("head", "张", "建军", (Role.DEPARTMENT_HEAD,), "exhibitions", True),
    Account("visitor_handler", "孙", "浩然", (Role.HANDLER,), "visitor-services"),
    Account("visitor_head", "赵", "丽华", (Role.DEPARTMENT_HEAD,), "visitor-services", True),
    Account("tours_handler", "郑", "雪", (Role.HANDLER,), "guided-tours"),
    Account("tours_head", "吴", "静", (Role.DEPARTMENT_HEAD,), "guided-tours", True),
    Account("facilities_handler", "何", "磊", (Role.HANDLER,), "facilities"),
    Account("facilities_head", "马", "志强", (Role.DEPARTMENT_HEAD,), "facilities", True),
    Account("security_handler", "罗", "斌", (Role.HANDLER,), "security"),
    Account("security_head", "高", "伟", (Role.DEPARTMENT_HEAD,), "security", True),
    Account("supervisor", "陈", "国平", (Role.SUPERVISOR,), "supervision", True),
    Account("leader", "黄", "振华", (Role.LEADER,), None),
    Account("admin", "林", "涛", (Role.ADMINISTRATOR,), None, superuser=True),
)

DEMO_USERNAMES = tuple(a.username for a in ACCOUNTS)


def create_sites() -> dict[str, Site]:
    sites = {}
    for code, hans, hant, en, address in SITES:
        sites[code], _created = Site.objects.get_or_create(
            code=code,
            defaults={"name": hans, "name_i18n": {"en": en, "zh-hant": hant}, "address": address},
        )
    return sites


def create_accounts() -> dict[str, User]:
    """Create the demo staff and make the heads heads of their departments."""
    departments = {d.code: d for d in Department.objects.all()}
    # One hash for every account: hashing is slow on purpose, and the password is shared.
    password = make_password(DEMO_PASSWORD)
    users: dict[str, User] = {}
    for account in ACCOUNTS:
        user = User.objects.create(
            username=account.username,
            first_name=account.first_name,
            last_name=account.last_name,
            email=f"{account.username}@museum.example",
            password=password,
            is_staff=account.superuser,
            is_superuser=account.superuser,
        )
        department = departments[account.department] if account.department else None
        staff = Staff.objects.create(
            user=user, department=department, phone=f"13800{len(users):06d}"
        )
        StaffRole.objects.bulk_create(StaffRole(staff=staff, role=role) for role in account.roles)
        if account.heads and department is not None:
            department.head = user
            department.save(update_fields=["head"])
        users[account.username] = user
    return users
