"""Plans of the demo complaints: where each one ends, by which steps, and when each step happens.

Pure: a seeded ``random.Random`` in, plain data out. The replay module carries the plans
out through the workflow services.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import datetime, time, timedelta

from django.utils import timezone

from bihuan.complaints.choices import Channel, Status

from .texts import OUT_OF_SCOPE, SCENARIOS, OutOfScope, Scenario

S = Status

# The status each step leaves the complaint in; None: the step is not a transition.
STEP_STATUS: dict[str, str | None] = {
    "register": S.REGISTERED,
    "spot": S.REPLIED,
    "accept": S.ACCEPTED,
    "reject": S.REJECTED,
    "escalate": None,
    "task_group": None,
    "dispatch_wrong": S.DISPATCHED,
    "return": S.RETURNED,
    "dispatch": S.DISPATCHED,
    "investigate": S.INVESTIGATING,
    "assign": None,
    "comment": None,
    "report": None,
    "propose": S.PROPOSED,
    "refuse": S.INVESTIGATING,
    "approve": S.APPROVED,
    "handle": S.HANDLING,
    "resolve": S.RESOLVED,
    "reply": S.REPLIED,
    "rate_ok": S.SATISFIED,
    "rate_bad": S.DISSATISFIED,
    "reopen": S.REOPENED,
    "follow_up": S.FOLLOWED_UP,
    "close": S.ARCHIVED,
}

# Minutes from the previous step (min, max); the seed's limits: transfer in 10 minutes,
# a plan in 2 h (24 h when complex), the result to the desk in 1 h, the reply in 10 minutes,
# the follow-up visit within 3 working days.
DELAYS: dict[str, tuple[int, int]] = {
    "spot": (5, 20),
    "accept": (2, 10),
    "reject": (10, 90),
    "escalate": (10, 60),
    "task_group": (30, 180),
    "dispatch_wrong": (2, 10),
    "return": (30, 240),
    "dispatch": (3, 10),
    "investigate": (10, 90),
    "assign": (5, 60),
    "comment": (20, 300),
    "report": (60, 1200),
    "propose": (20, 120),
    "refuse": (30, 240),
    "approve": (20, 300),
    "handle": (30, 480),
    "resolve": (120, 2880),
    "reply": (5, 60),
    "rate_ok": (0, 240),
    "rate_bad": (0, 240),
    "reopen": (30, 480),
    "follow_up": (1440, 4320),
    "close": (1440, 7200),
}

# (weight among random complaints, age in days (min, max)): old complaints are closed.
TARGETS: dict[str, tuple[int, tuple[float, float]]] = {
    S.REGISTERED: (4, (0, 1.5)),
    S.ACCEPTED: (3, (0, 2)),
    S.REJECTED: (4, (0, 110)),
    S.DISPATCHED: (4, (0, 3)),
    S.RETURNED: (2, (0, 3)),
    S.INVESTIGATING: (5, (0.5, 7)),
    S.PROPOSED: (3, (1, 8)),
    S.APPROVED: (2, (1, 8)),
    S.HANDLING: (4, (1, 12)),
    S.RESOLVED: (3, (2, 14)),
    S.REPLIED: (4, (2, 14)),
    S.SATISFIED: (5, (3, 20)),
    S.DISSATISFIED: (2, (2, 15)),
    S.REOPENED: (2, (3, 20)),
    S.FOLLOWED_UP: (8, (4, 30)),
    S.ARCHIVED: (45, (8, 120)),
}

CHANNEL_WEIGHTS: dict[str, int] = {
    Channel.ON_SITE: 22,
    Channel.PHONE: 20,
    Channel.WECHAT: 14,
    Channel.WEB: 12,
    Channel.EMAIL: 5,
    Channel.SUGGESTION_BOX: 5,
    Channel.LETTER: 3,
    Channel.REFERRAL_12345: 8,
    Channel.REFERRAL_12315: 4,
    Channel.REFERRAL_REGULATOR: 2,
    Channel.REFERRAL_CONSUMER_ASSOCIATION: 2,
}

# Filed by the complainants themselves (no clerk): at any waking hour.
SELF_SERVICE = {Channel.WEB, Channel.WECHAT, Channel.EMAIL}
ON_THE_SPOT_CHANNELS = {Channel.ON_SITE, Channel.PHONE}
AFTER_REPLY = {S.REPLIED, S.SATISFIED, S.DISSATISFIED, S.REOPENED, S.FOLLOWED_UP, S.ARCHIVED}

# The first complaints go to every status once, each showing one feature of the loop.
SHOWCASE: tuple[tuple[str, dict[str, bool]], ...] = (
    (S.ARCHIVED, {"major": True}),
    (S.FOLLOWED_UP, {"on_the_spot": True}),
    (S.SATISFIED, {"reopened": True}),
    (S.APPROVED, {"refused": True}),
    (S.DISPATCHED, {"misrouted": True}),
    (S.RETURNED, {"misrouted": True}),
    (S.REOPENED, {"reopened": True}),
    (S.DISSATISFIED, {"reopened": True}),
    (S.HANDLING, {"major": True}),
    (S.REJECTED, {}),
    (S.REGISTERED, {}),
    (S.ACCEPTED, {}),
    (S.INVESTIGATING, {"exhibitions": True}),
    (S.PROPOSED, {"exhibitions": True}),
    (S.RESOLVED, {}),
    (S.REPLIED, {}),
)

# Work in a department's hands. Half of it goes to exhibitions, the department of the
# `handler` and `head` accounts the README names, so that their queues are not empty.
DEPARTMENT_WORK = {S.DISPATCHED, S.INVESTIGATING, S.PROPOSED, S.APPROVED, S.HANDLING, S.REOPENED}
SHOWN_DEPARTMENT = "exhibitions"

OPENING, CLOSING = time(8, 30), time(17, 30)


@dataclass
class Plan:
    """One demo complaint: what it is about, its steps and their times."""

    target: str
    channel: str
    scenario: Scenario | OutOfScope
    site: str
    major: bool = False
    on_the_spot: bool = False
    misrouted: bool = False
    refused: bool = False
    reopened: bool = False
    rated: bool = True
    steps: list[str] = field(default_factory=list)
    times: list[datetime] = field(default_factory=list)


def plan_complaints(rng: random.Random, count: int, now: datetime) -> list[Plan]:
    """``count`` plans: the showcase first, so that every status and channel appears."""
    channels = list(Channel)
    rng.shuffle(channels)
    for index, (_target, features) in enumerate(SHOWCASE[: len(channels)]):
        if features.get("on_the_spot"):  # a desk resolution needs a visitor at the desk
            other = channels.index(Channel.ON_SITE)
            channels[index], channels[other] = channels[other], channels[index]
    plans = []
    for index in range(count):
        if index < len(SHOWCASE):
            target, features = SHOWCASE[index]
        else:
            target, features = _weighted(rng, {k: w for k, (w, _) in TARGETS.items()}), {}
        channel = channels[index] if index < len(channels) else _weighted(rng, CHANNEL_WEIGHTS)
        plan = _plan(rng, target, Channel(channel), features)
        plan.steps = _steps(rng, plan)
        plan.times = _times(rng, plan, now)
        plans.append(plan)
    return plans


def _weighted(rng: random.Random, weights: dict[str, int]) -> str:
    return rng.choices(list(weights), weights=list(weights.values()))[0]


def _plan(rng: random.Random, target: str, channel: Channel, features: dict[str, bool]) -> Plan:
    if target == S.REJECTED or (target == S.ARCHIVED and not features and rng.random() < 0.08):
        oos = rng.choice(OUT_OF_SCOPE)
        return Plan(target, channel, oos, rng.choice(("main-hall", "kids-park", "dome-cinema")))
    want_major = features.get("major", False)
    on_the_spot = features.get("on_the_spot", False) or (
        not want_major
        and target in AFTER_REPLY - {S.DISSATISFIED, S.REOPENED}
        and channel in ON_THE_SPOT_CHANNELS
        and rng.random() < 0.3
    )
    candidates = [s for s in SCENARIOS if s.major] if want_major else list(SCENARIOS)
    if on_the_spot:
        candidates = [s for s in candidates if s.on_the_spot]
    if features.get("exhibitions") or (target in DEPARTMENT_WORK and rng.random() < 0.5):
        candidates = [s for s in candidates if s.category == SHOWN_DEPARTMENT] or candidates
    scenario = rng.choice(candidates)
    site = rng.choice(scenario.sites or ("main-hall", "kids-park", "dome-cinema"))
    plan = Plan(target, channel, scenario, site, on_the_spot=on_the_spot)
    plan.major = not on_the_spot and (
        want_major or (scenario.major and rng.random() < 0.5) or rng.random() < 0.01
    )
    plan.misrouted = features.get("misrouted", False) or target == S.RETURNED
    plan.misrouted = plan.misrouted or (not plan.on_the_spot and rng.random() < 0.08)
    plan.refused = features.get("refused", False) or rng.random() < 0.08
    plan.reopened = (
        features.get("reopened", False)
        or target in (S.DISSATISFIED, S.REOPENED)
        or (target in AFTER_REPLY and not plan.on_the_spot and rng.random() < 0.12)
    )
    plan.rated = target == S.SATISFIED or rng.random() < 0.85
    return plan


def _steps(rng: random.Random, plan: Plan) -> list[str]:
    """The whole loop with this plan's detours, cut where the plan's target status is reached."""
    if isinstance(plan.scenario, OutOfScope):
        chain = ["register", "reject", "close"]
    elif plan.on_the_spot:
        chain = ["register", "spot", *(["rate_ok"] if plan.rated else []), "follow_up", "close"]
    else:
        chain = ["register", "accept"]
        chain += ["escalate", "task_group"] if plan.major else []
        chain += ["dispatch_wrong", "return"] if plan.misrouted else []
        chain += ["dispatch", "investigate"]
        chain += ["assign"] if rng.random() < 0.3 else []
        chain += ["comment"] if rng.random() < 0.15 else []
        chain += ["report", "propose"]
        chain += ["refuse", "propose"] if plan.refused else []
        chain += ["approve", "handle", "resolve", "reply"]
        chain += ["rate_bad", "reopen", "handle", "resolve", "reply"] if plan.reopened else []
        chain += ["rate_ok"] if plan.rated else []
        chain += ["follow_up", "close"]
    status, last = "", -1
    for index, step in enumerate(chain):
        status = STEP_STATUS[step] or status
        if status == plan.target:
            last = index
    if last < 0:
        raise ValueError(f"plan cannot reach {plan.target}: {chain}")
    end = last + 1
    # Keep some of the non-transition steps that follow (a report filed, an internal note).
    while end < len(chain) and STEP_STATUS[chain[end]] is None and rng.random() < 0.5:
        end += 1
    return chain[:end]


def _times(rng: random.Random, plan: Plan, now: datetime) -> list[datetime]:
    """A time for each step: received ``age`` days ago, staff steps in office hours."""
    low, high = TARGETS[plan.target][1]
    day = timezone.localtime(now - timedelta(days=rng.uniform(low, high))).date()
    first, last = (7, 22) if plan.channel in SELF_SERVICE else (9, 16)
    clock_time = time(rng.randint(first, last), rng.randint(0, 59))
    received = timezone.make_aware(datetime.combine(day, clock_time))
    delays = [rng.randint(*DELAYS[step]) for step in plan.steps[1:]]
    while True:
        times = _fold(received, delays)
        late = times[-1] - (now - timedelta(minutes=2))
        if late <= timedelta(0):
            return times
        # Move the whole story back by whole days, so that it keeps its hours.
        received -= timedelta(days=late.days + 1)


def _fold(received: datetime, delays: list[int]) -> list[datetime]:
    times = [received]
    for minutes in delays:
        times.append(_office_hours(times[-1] + timedelta(minutes=minutes)))
    return times


def _office_hours(moment: datetime) -> datetime:
    """Move a staff step that falls outside 8:30–17:30 to the next opening."""
    local = timezone.localtime(moment)
    if OPENING <= local.time() <= CLOSING:
        return moment
    day = local.date() if local.time() < OPENING else local.date() + timedelta(days=1)
    opening = timezone.make_aware(datetime.combine(day, OPENING))
    return opening + timedelta(minutes=local.minute % 20)
