"""Time the deadline sweep over N open complaints (make bench-sla).

    .venv/bin/python -m bench.sla_sweep --count 100000                 # SQLite in var/bench/
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench \\
        .venv/bin/python -m bench.sla_sweep --count 1000000            # PostgreSQL

Gives N complaints one running resolution clock each, with deadlines spread evenly over
the next three weeks (bulk insert: the loader sets up data, it is not the workflow).
Then times, at a fixed moment: an idle sweep (nothing crossed a threshold), a sweep one
minute later (what a per-minute sweep meets), and a sweep one hour later (a backlog).
Prints one JSON object per figure.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import time
from datetime import datetime, timedelta

from .list_pages import _load, _setup

SPREAD = timedelta(days=21)


def _clocks(count: int, start: datetime) -> None:
    from django.db import transaction

    from bihuan.complaints.choices import AlertLevel, Stage
    from bihuan.complaints.models import Complaint, StageClock

    have = StageClock.objects.filter(completed_at__isnull=True).count()
    if have >= count:
        return
    StageClock.objects.all().delete()
    rng = random.Random(11)
    ids = list(Complaint.objects.order_by("pk").values_list("pk", "lead_department_id")[:count])
    t0 = time.perf_counter()
    for offset in range(0, len(ids), 20_000):
        rows = []
        for pk, department in ids[offset : offset + 20_000]:
            due = start + SPREAD * rng.random() + timedelta(hours=1)
            span = due - start
            rows.append(
                StageClock(
                    complaint_id=pk,
                    stage=Stage.RESOLVE,
                    department_id=department,
                    limit_amount=3,
                    limit_unit="working_days",
                    started_at=start,
                    warn_at=start + span * 0.75,
                    red_at=start + span * 0.9,
                    due_at=due,
                    escalate_at=due + span * 0.5,
                    level=AlertLevel.NONE,
                    next_alert_at=start + span * 0.75,
                )
            )
        with transaction.atomic():
            StageClock.objects.bulk_create(rows)
        print(
            f"clocks {offset + len(rows)}/{count} ({time.perf_counter() - t0:.0f}s)",
            file=sys.stderr,
        )


def _time_sweep(now: datetime) -> tuple[float, int]:
    from bihuan.complaints import deadlines
    from bihuan.core import clock

    with clock.travel_to(now):
        t0 = time.perf_counter()
        raised = deadlines.sweep()
        return (time.perf_counter() - t0) * 1000, raised


def main() -> None:
    parser = argparse.ArgumentParser(description="Time the deadline sweep.")
    parser.add_argument("--count", type=int, default=100_000)
    args = parser.parse_args()
    from pathlib import Path

    _setup(Path("var/bench"))
    from django.db import connection
    from django.utils import timezone

    _load(args.count)
    start = timezone.now().replace(microsecond=0)
    _clocks(args.count, start)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    from bihuan.complaints.models import StageClock

    first = StageClock.objects.filter(completed_at__isnull=True).order_by("next_alert_at").first()
    assert first is not None and first.next_alert_at is not None
    base = first.next_alert_at - timedelta(seconds=1)  # just before the earliest threshold
    open_clocks = StageClock.objects.filter(completed_at__isnull=True).count()
    print(json.dumps({"database": connection.vendor, "open_clocks": open_clocks}))
    idle = [_time_sweep(base)[0] for _ in range(20)]
    print(
        json.dumps(
            {
                "figure": "idle sweep (nothing crossed)",
                "median_ms": round(statistics.median(idle), 2),
                "max_ms": round(max(idle), 2),
            }
        )
    )
    for label, later in (
        ("sweep 1 minute later", timedelta(minutes=1)),
        ("sweep 1 hour later (backlog)", timedelta(hours=1)),
    ):
        ms, raised = _time_sweep(base + later)
        print(
            json.dumps(
                {
                    "figure": label,
                    "ms": round(ms, 1),
                    "clocks_raised": raised,
                    "ms_per_raised_clock": round(ms / raised, 2) if raised else None,
                }
            )
        )
    base_after = base + timedelta(hours=1)
    idle_after = [_time_sweep(base_after)[0] for _ in range(20)]
    print(
        json.dumps(
            {
                "figure": "idle sweep after the backlog",
                "median_ms": round(statistics.median(idle_after), 2),
            }
        )
    )


if __name__ == "__main__":
    main()
