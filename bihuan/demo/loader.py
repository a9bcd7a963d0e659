"""Fill an empty database with the demo science museum: organisation, staff, complaints."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import datetime

from django.db import transaction

from bihuan.complaints import deadlines
from bihuan.complaints.models import Complaint
from bihuan.core import clock
from bihuan.notices.triggers import notices_paused
from bihuan.org.choices import Sector
from bihuan.org.models import Category, Department, Organisation
from bihuan.org.services import organisation_set_up

from .channels import load_channel_samples
from .people import ORGANISATION_NAME, create_accounts, create_sites
from .plans import plan_complaints
from .replay import Cast, Replay

DEFAULT_COUNT = 200
DEFAULT_SEED = 20260101


@dataclass(frozen=True)
class DemoResult:
    created: bool  # False: an organisation was already there and nothing was written
    complaints: int = 0


def load_demo(
    *, count: int = DEFAULT_COUNT, seed: int = DEFAULT_SEED, now: datetime | None = None
) -> DemoResult:
    """Create the demo museum and ``count`` complaints, unless an organisation exists.

    Complaints are received over the last ~120 days and moved only by the workflow
    services, each step at its own (travelled-to) time. All or nothing: one transaction.
    """
    if count < 0:
        raise ValueError("count cannot be negative")
    if Organisation.objects.exists():
        return DemoResult(created=False)
    rng = random.Random(seed)
    now = now or clock.now()
    with transaction.atomic():
        # The replayed history sends no notices to its invented complainants.
        with notices_paused():
            organisation_set_up(name=ORGANISATION_NAME, sector=Sector.MUSEUM)
            sites = create_sites()
            users = create_accounts()
            cast = Cast(
                users=users,
                departments={d.code: d for d in Department.objects.select_related("head")},
                sites=sites,
                categories={c.code: c for c in Category.objects.all()},
            )
            replay = Replay(rng, cast)
            for plan in plan_complaints(rng, count, now):
                replay.run(plan)
        # Today's arrivals by email, Open311 and a 12345 file: acknowledged as in production.
        with clock.travel_to(now):
            load_channel_samples(clerk=users["clerk"], administrator=users["admin"])
    # The warnings and supervision notices the demo's open work has earned by now, so that
    # `make run` opens on a settled system rather than a burst of alerts in its first minute.
    with clock.travel_to(now):
        deadlines.sweep()
    return DemoResult(created=True, complaints=Complaint.objects.count())
