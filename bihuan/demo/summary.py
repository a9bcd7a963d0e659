"""What ``load_demo`` prints: where to open the demo, the accounts, and the complaints by status."""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Sequence

from django.contrib.auth.hashers import check_password
from django.contrib.auth.models import User
from django.db.models import Count, Q
from django.utils import translation

from bihuan.complaints.choices import Severity, Status
from bihuan.complaints.models import Complainant, Complaint
from bihuan.org.choices import Role
from bihuan.org.models import Organisation

from .people import DEMO_PASSWORD, DEMO_USERNAMES

Paint = Callable[[str], str]

# Short English names (the demo usernames) and the Chinese job titles of the roles.
ROLE_NAMES = {
    Role.CLERK: "clerk 受理员",
    Role.HANDLER: "handler 处理人员",
    Role.DEPARTMENT_HEAD: "head 部门负责人",
    Role.SUPERVISOR: "supervisor 监督评估",
    Role.LEADER: "leader 馆长",
    Role.ADMINISTRATOR: "admin 系统管理员",
}


def width(text: str) -> int:
    """Columns a string takes in a terminal: Chinese characters take two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def pad(text: str, columns: int) -> str:
    return text + " " * (columns - width(text))


def table(header: Sequence[str], rows: Sequence[Sequence[str]]) -> list[str]:
    """A box-drawn table whose columns line up with Chinese text in them."""
    widths = [max(width(r[i]) for r in [header, *rows]) for i in range(len(header))]

    def line(left: str, mid: str, right: str) -> str:
        return left + mid.join("─" * (w + 2) for w in widths) + right

    def cells(row: Sequence[str]) -> str:
        return "│" + "│".join(f" {pad(c, w)} " for c, w in zip(row, widths, strict=True)) + "│"

    return [
        line("┌", "┬", "┐"),
        cells(header),
        line("├", "┼", "┤"),
        *(cells(r) for r in rows),
        line("└", "┴", "┘"),
    ]


def account_rows() -> list[list[str]]:
    """The demo accounts that exist, with their roles and department, from the database."""
    users = {
        u.username: u
        for u in User.objects.filter(username__in=DEMO_USERNAMES).select_related(
            "staff__department"
        )
    }
    roles: dict[int, list[str]] = {}
    for user_id, role in User.objects.filter(pk__in=[u.pk for u in users.values()]).values_list(
        "pk", "staff__role_rows__role"
    ):
        if role:
            roles.setdefault(user_id, []).append(role)
    # The accounts share one password hash, so this checks the password once, not per account.
    valid = {h: check_password(DEMO_PASSWORD, h) for h in {u.password for u in users.values()}}
    rows = []
    for username in DEMO_USERNAMES:
        user = users.get(username)
        if user is None:
            continue
        held = sorted(roles.get(user.pk, []), key=Role.values.index)
        department = getattr(getattr(user, "staff", None), "department", None)
        rows.append(
            [
                username,
                DEMO_PASSWORD if valid[user.password] else "(changed)",
                user.last_name + user.first_name,  # Chinese order: family name first
                ", ".join(ROLE_NAMES[Role(r)] for r in held) or "—",
                department.name if department else "—",
            ]
        )
    return rows


def status_lines(paint: Paint) -> list[str]:
    counts = dict(
        Complaint.objects.values_list("status").annotate(n=Count("id")).values_list("status", "n")
    )
    total = sum(counts.values())
    biggest = max(counts.values(), default=1)
    lines = []
    for status in Status:
        n = counts.get(status, 0)
        bar = "█" * max(1 if n else 0, round(24 * n / biggest))
        with translation.override("zh-hans"):  # the interface's own name, from the catalogue
            chinese = str(status.label)
        label = pad(f"{status.label} {chinese}", 30)
        lines.append(f"  {label}{n:>5}  {paint(bar)}")
    lines.append(f"  {pad('Total', 30)}{total:>5}")
    return lines


def highlights() -> str:
    def n(condition: Q) -> Count:
        return Count("id", filter=condition, distinct=True)  # distinct: the joins repeat rows

    c = Complaint.objects.aggregate(
        on_the_spot=n(Q(on_the_spot=True)),
        major=n(Q(severity=Severity.MAJOR)),
        task_groups=n(Q(task_group__isnull=False)),
        reopened=n(Q(redo_count__gt=0)),
        returned=n(Q(return_count__gt=0)),
        referrals=n(Q(channel__startswith="referral_")),
        compensated=n(Q(solutions__compensation__isnull=False)),
    )
    people = Complainant.objects.annotate(n=Count("complaints"))
    returning = people.filter(n__gt=1).count()
    return (
        f"  {c['on_the_spot']} solved on the spot · {c['major']} major "
        f"({c['task_groups']} with a task group) · {c['reopened']} reopened · "
        f"{c['returned']} returned · {c['referrals']} referrals · "
        f"{c['compensated']} with compensation · {returning} returning complainants"
    )


def render(*, url: str, heading: Paint, accent: Paint, note: str = "") -> str:
    """The whole summary, in English with the Chinese names beside them."""
    with translation.override("en"):
        organisation = Organisation.objects.first()
        name = f"{organisation.name} ({organisation.get_sector_display()})" if organisation else ""
        lines = [
            "",
            heading(f"Bihuan 闭环 demo — {name}"),
            f"  Open   {accent(url)}",
            f"  Admin  {accent(url + 'admin/')}   (user admin)",
        ]
        if note:
            lines.append(f"  {note}")
        lines += ["", heading(f"Demo accounts — password for all: {DEMO_PASSWORD}")]
        rows = account_rows()
        header = ["username", "password", "name", "role(s)", "department"]
        lines += table(header, rows) if rows else ["  (no demo accounts in this database)"]
        lines += ["", heading("Complaints by status"), *status_lines(accent), highlights(), ""]
    return "\n".join(lines)
