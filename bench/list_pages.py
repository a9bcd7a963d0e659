"""Time the complaint list (selectors + keyset pagination) over N complaints.

    .venv/bin/python -m bench.list_pages --count 100000            # SQLite in var/bench/
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench \
        .venv/bin/python -m bench.list_pages --count 1000000       # PostgreSQL

Loads N synthetic complaints once (bulk insert, skipped when the table already holds N),
then times the first page and a deep page of each list a user opens most: the clerk's
queue, a department's queue, status and category filters, a date range. Prints one JSON
object per figure (median and p95 over the repetitions, milliseconds, queries per page).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import sys
import time
from datetime import timedelta
from pathlib import Path


def _setup(database_dir: Path) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.embedded")
    os.environ.setdefault("BIHUAN_VAR_DIR", str(database_dir))
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def _load(count: int) -> None:
    from django.contrib.auth.models import User
    from django.db import transaction
    from django.utils import timezone

    from bihuan.complaints.choices import Channel, Status
    from bihuan.complaints.models import Complainant, Complaint
    from bihuan.core.tracking import new_tracking_code
    from bihuan.org.choices import Role, Sector
    from bihuan.org.models import Category, Department, Site, Staff, StaffRole
    from bihuan.org.services import organisation_set_up

    existing = Complaint.objects.count()
    if existing >= count:
        return
    organisation_set_up(name="Bench museum", sector=Sector.MUSEUM)
    site, _ = Site.objects.get_or_create(code="main", defaults={"name": "主馆"})
    departments = list(Department.objects.filter(is_intake_desk=False).values_list("pk", flat=True))
    categories = list(Category.objects.values_list("pk", flat=True))
    for username, role, dept in (
        ("bench-clerk", Role.CLERK, None),
        ("bench-handler", Role.HANDLER, departments[0]),
    ):
        user, created = User.objects.get_or_create(username=username)
        if created:
            staff = Staff.objects.create(user=user, department_id=dept)
            StaffRole.objects.create(staff=staff, role=role)
    rng = random.Random(7)
    # Two years of history: most complaints are archived, the rest spread over the loop.
    statuses = [Status.ARCHIVED] * 45 + [s for s in Status.values if s != Status.ARCHIVED]
    channels = list(Channel.values)
    now = timezone.now()
    batch = 20_000
    started = time.perf_counter()
    for offset in range(existing, count, batch):
        size = min(batch, count - offset)
        with transaction.atomic():
            people = Complainant.objects.bulk_create(
                Complainant(name=f"投诉人{offset + i}", phone=f"139{rng.randrange(10**8):08d}")
                for i in range(size)
            )
            Complaint.objects.bulk_create(
                Complaint(
                    tracking_code=new_tracking_code(),
                    channel=rng.choice(channels),
                    complainant=person,
                    site=site,
                    category_id=rng.choice(categories),
                    subject=f"展厅设备故障 第{offset + i}号",
                    description="互动展品无法使用，排队很久，希望尽快维修。",
                    received_at=now - timedelta(seconds=rng.randrange(2 * 365 * 86400)),
                    status=rng.choice(statuses),
                    lead_department_id=rng.choice(departments),
                )
                for i, person in enumerate(people)
            )
        print(
            f"loaded {offset + size}/{count} ({time.perf_counter() - started:.0f}s)",
            file=sys.stderr,
        )


def _measure(name: str, username: str, filters: dict, repeat: int) -> dict:
    from django.contrib.auth.models import User
    from django.db import connection, reset_queries

    from bihuan.complaints.selectors import ComplaintFilters, complaint_list, paginate
    from bihuan.org.actors import actor_for

    actor = actor_for(User.objects.get(username=username))
    timings, deep, queries = [], [], 0
    for _ in range(repeat):
        t0 = time.perf_counter()
        connection.force_debug_cursor = True
        reset_queries()
        page = paginate(complaint_list(actor, ComplaintFilters(**filters)), size=25)
        for item in page.items:  # what the template touches
            _ = (item.complainant.masked_phone, item.category, item.lead_department, item.site)
        queries = len(connection.queries)
        connection.force_debug_cursor = False
        timings.append((time.perf_counter() - t0) * 1000)
        cursor = page.next_cursor
        t1 = time.perf_counter()
        for _hop in range(20):  # 20 pages further down
            if not cursor:
                break
            cursor = paginate(
                complaint_list(actor, ComplaintFilters(**filters)), cursor=cursor, size=25
            ).next_cursor
        deep.append((time.perf_counter() - t1) * 1000 / 20)
    q = statistics.quantiles(timings, n=20) if len(timings) > 1 else timings
    return {
        "figure": name,
        "median_ms": round(statistics.median(timings), 2),
        "p95_ms": round(q[-1], 2),
        "next_page_median_ms": round(statistics.median(deep), 2),
        "queries_per_page": queries,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=30)
    args = parser.parse_args()
    _setup(Path("var/bench"))
    from django.db import connection

    _load(args.count)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")  # a bulk load leaves the planner without statistics
    from bihuan.complaints.models import Complaint
    from bihuan.org.models import Category, Department

    dept = Department.objects.filter(is_intake_desk=False).order_by("pk").first()
    category = Category.objects.order_by("pk").first()
    assert dept is not None and category is not None
    print(json.dumps({"database": connection.vendor, "complaints": Complaint.objects.count()}))
    cases = [
        ("clerk: all complaints", "bench-clerk", {}),
        ("clerk: new registrations queue", "bench-clerk", {"queue": "new"}),
        ("clerk: status=investigating", "bench-clerk", {"status": ["investigating"]}),
        ("clerk: category", "bench-clerk", {"category": category.pk}),
        (
            "clerk: lead department + status",
            "bench-clerk",
            {"department": dept.pk, "status": ["dispatched", "investigating"]},
        ),
        ("handler: department queue", "bench-handler", {"queue": "department"}),
        ("handler: all visible", "bench-handler", {}),
        ("clerk: common Chinese keyword", "bench-clerk", {"keyword": "排队"}),
        (
            "clerk: rare Chinese keyword (full scan until issue 8)",
            "bench-clerk",
            {"keyword": "闭馆通知"},
        ),
        (
            "clerk: tracking-code search",
            "bench-clerk",
            {
                "keyword": Complaint.objects.order_by("pk").values_list("tracking_code", flat=True)[
                    0
                ]
            },
        ),
    ]
    for name, user, filters in cases:
        print(json.dumps(_measure(name, user, filters, args.repeat), ensure_ascii=False))


if __name__ == "__main__":
    main()
