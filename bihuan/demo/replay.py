"""Carry the demo plans out through the workflow services, each step at its own time.

Nothing here writes a complaint: every status change is a service call made as the
person who would make it, with the clock stopped at the moment it happened, so that the
timeline, the records and their times are what the services themselves wrote.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.contrib.auth.models import User
from django.utils import timezone

from bihuan.complaints import services as sv
from bihuan.complaints.choices import Channel, ContactMethod, FollowUpOutcome, Rating, Status
from bihuan.complaints.models import Complaint, PrivacyNotice
from bihuan.core import clock
from bihuan.org.actors import Actor, actor_for
from bihuan.org.models import Category, Department, Site
from bihuan.routing.selectors import route_lead_department

from . import texts as tx
from .complainants import People
from .plans import SELF_SERVICE, STEP_STATUS, Plan
from .texts import OutOfScope, Scenario

HANDLING_DEPARTMENTS = ("visitor-services", "exhibitions", "guided-tours", "facilities", "security")

REPLY_METHODS = {
    Channel.ON_SITE: ContactMethod.PHONE,
    Channel.PHONE: ContactMethod.PHONE,
    Channel.EMAIL: ContactMethod.EMAIL,
    Channel.WEB: ContactMethod.SMS,
    Channel.WECHAT: ContactMethod.WECHAT,
    Channel.SUGGESTION_BOX: ContactMethod.PHONE,
    Channel.LETTER: ContactMethod.LETTER,
}


@dataclass
class Cast:
    """The staff who act in the demo, by job, with their actors resolved once."""

    users: dict[str, User]
    departments: dict[str, Department]
    sites: dict[str, Site]
    categories: dict[str, Category]
    actors: dict[int, Actor] = field(default_factory=dict)

    def actor(self, user: User) -> Actor:
        if user.pk not in self.actors:
            self.actors[user.pk] = actor_for(user)
        return self.actors[user.pk]

    def handlers(self, department: Department) -> list[User]:
        return [u for u in self.users.values() if _staff_department(u) == department.pk]

    def clerks(self) -> list[User]:
        return [self.users["clerk"], self.users["clerk2"], self.users["desk_head"]]


def _staff_department(user: User) -> int | None:
    return user.staff.department_id if hasattr(user, "staff") else None


class Replay:
    """Run one plan after another; ``run`` returns the complaint in its final state."""

    def __init__(self, rng: random.Random, cast: Cast) -> None:
        self.rng = rng
        self.cast = cast
        self.people = People(rng)
        self.serial = 0

    def run(self, plan: Plan) -> Complaint:
        self.serial += 1
        story = _Story(self, plan)
        for step, moment in zip(plan.steps, plan.times, strict=True):
            with clock.travel_to(moment):
                story.do(step)
        return story.complaint


class _Story:
    """One complaint on its way: who is involved, and one method per step."""

    def __init__(self, replay: Replay, plan: Plan) -> None:
        self.rng = replay.rng
        self.cast = replay.cast
        self.replay = replay
        self.plan = plan
        self.fill = self._fillers()
        self.clerk = self.rng.choice(self.cast.clerks())
        self.complaint: Complaint
        self.department: Department | None = None
        self.wrong: Department | None = None
        self.assignee: User | None = None
        self.comment = ""
        self.status = ""

    # --- who ---------------------------------------------------------------------------

    def _as(self, user: User) -> Actor:
        return self.cast.actor(user)

    def _head(self, department: Department) -> User:
        assert department.head is not None, department
        return department.head

    def _handler(self, department: Department) -> User:
        handlers = [u for u in self.cast.handlers(department) if u != department.head]
        return self.rng.choice(handlers)

    def _text(self, template: str) -> str:
        return template.format(**self.fill)

    def _fillers(self) -> dict[str, str]:
        rng, site = self.rng, self.plan.site
        return {
            "site": self.cast.sites[site].name,
            "place": rng.choice(tx.PLACES[site]),
            "exhibit": rng.choice(tx.EXHIBITS[site]),
            "when": rng.choice(tx.WHEN),
            "child": rng.choice(tx.CHILDREN),
            "wait": rng.choice(tx.WAITS),
            "staff": rng.choice(tx.STAFF),
            "count": rng.choice(tx.COUNTS),
        }

    @property
    def scenario(self) -> Scenario:
        assert isinstance(self.plan.scenario, Scenario)
        return self.plan.scenario

    def do(self, step: str) -> None:
        getattr(self, "step_" + step)()
        self.status = STEP_STATUS[step] or self.status

    # --- intake ------------------------------------------------------------------------

    def step_register(self) -> None:
        plan, rng = self.plan, self.rng
        channel = Channel(plan.channel)
        now = clock.now()
        oos = isinstance(plan.scenario, OutOfScope)
        anonymous = (
            isinstance(plan.scenario, OutOfScope)
            and plan.scenario.anonymous
            and channel in (Channel.SUGGESTION_BOX, Channel.WEB)
        )
        person = self.replay.people.next()
        complainant = sv.ComplainantInput(
            name="" if anonymous else person.name,
            phone="" if anonymous else person.phone,
            email=person.email if channel == Channel.EMAIL else "",
            member_card_no=person.card,
            preferred_language=person.language,
            is_anonymous=anonymous,
            contact_confidential=channel.is_referral and rng.random() < 0.3,
        )
        description = self._text(plan.scenario.description)
        if channel.is_referral:
            description = tx.REFERRAL_PREFIX[channel] + description
        if oos:
            category_code = plan.scenario.category
            demand = ""
        else:
            category_code, demand = self.scenario.category, self._text(self.scenario.demand)
        hours = (
            rng.uniform(0.2, 3)
            if channel in (Channel.ON_SITE, Channel.PHONE)
            else 24 * rng.uniform(0.3, 6)
        )
        self.complaint = sv.complaint_register(
            actor=None if channel in SELF_SERVICE else self._as(self.clerk),
            channel=channel,
            complainant=complainant,
            subject=self._text(plan.scenario.subject),
            description=description,
            demand=demand,
            category=self.cast.categories[category_code] if category_code else None,
            site=self.cast.sites[plan.site],
            occurred_at=now - timedelta(hours=hours),
            occurred_place=self.fill["site"] + self.fill["place"],
            received_at=now,
            external_reference=self._reference(channel, now) if channel.is_referral else "",
            # Filed on the website or in WeChat: the complainant accepted the privacy notice.
            consent=self._consent() if channel in (Channel.WEB, Channel.WECHAT) else None,
        )

    def _consent(self) -> sv.ConsentInput | None:
        notice = PrivacyNotice.current()
        return sv.ConsentInput(notice_version=notice.version) if notice else None

    def _reference(self, channel: Channel, now: datetime) -> str:
        day, n = timezone.localtime(now), self.rng.randint(1, 9999)
        return {
            Channel.REFERRAL_12345: f"12345-{day:%Y%m%d}-{n:04d}",
            Channel.REFERRAL_12315: f"12315{day:%Y%m%d}{n:06d}",
            Channel.REFERRAL_REGULATOR: f"文旅市场〔{day:%Y}〕{n % 400 + 1}号",
            Channel.REFERRAL_CONSUMER_ASSOCIATION: f"XH{day:%Y}-{n:04d}",
        }[channel]

    def step_spot(self) -> None:
        result = self._text(self.scenario.on_the_spot)
        self.complaint = sv.complaint_resolve_on_the_spot(
            actor=self._as(self.clerk),
            complaint=self.complaint,
            result=result,
            reply_method=ContactMethod.IN_PERSON,
            reply_text=f"{result}观众表示接受。",
        )

    def step_accept(self) -> None:
        note = self.rng.choice(tx.ACCEPT_NOTES)
        self.complaint = sv.complaint_accept(
            actor=self._as(self.clerk), complaint=self.complaint, note=note
        )

    def step_reject(self) -> None:
        assert isinstance(self.plan.scenario, OutOfScope)
        self.complaint = sv.complaint_reject(
            actor=self._as(self.clerk), complaint=self.complaint, reason=self.plan.scenario.reason
        )

    # --- major complaints ----------------------------------------------------------------

    def step_escalate(self) -> None:
        reason = self.rng.choice(tx.ESCALATE_REASONS[self.scenario.major])
        self.complaint = sv.complaint_escalate(
            actor=self._as(self.clerk), complaint=self.complaint, reason=reason
        )

    def step_task_group(self) -> None:
        lead = self._routed()
        others = [self.cast.departments[c] for c in self._co_codes(lead)]
        members = [self._head(lead), self._handler(lead), *(self._head(d) for d in others)]
        names = "、".join(d.name for d in (lead, *others))
        sv.complaint_form_task_group(
            actor=self._as(self.cast.users["leader"]),
            complaint=self.complaint,
            members=members,
            remit=tx.TASK_GROUP_REMIT.format(departments=names),
        )

    def _co_codes(self, lead: Department) -> list[str]:
        """The departments that help the lead department on a major complaint."""
        return [c for c in ("facilities", "visitor-services") if c != lead.code]

    # --- dispatch and return -------------------------------------------------------------

    def _routed(self) -> Department:
        department = route_lead_department(
            category_id=self.complaint.category_id, site_id=self.complaint.site_id
        )
        assert department is not None, self.complaint
        return department

    def step_dispatch_wrong(self) -> None:
        right = self._routed()
        codes = [c for c in HANDLING_DEPARTMENTS if c != right.code]
        self.wrong = self.cast.departments[self.rng.choice(codes)]
        reason = self.rng.choice(tx.WRONG_ROUTE_REASONS).format(wrong=self.wrong.name)
        self.complaint = sv.complaint_dispatch(
            actor=self._as(self.clerk),
            complaint=self.complaint,
            department=self.wrong,
            override_reason=reason,
        )

    def step_return(self) -> None:
        assert self.wrong is not None
        reason = self.rng.choice(tx.RETURN_REASONS).format(right=self._routed().name)
        self.complaint = sv.complaint_return(
            actor=self._as(self._handler(self.wrong)), complaint=self.complaint, reason=reason
        )

    def step_dispatch(self) -> None:
        self.department = self._routed()
        co: list[Department] = []
        if self.complaint.is_major:
            co = [self.cast.departments[c] for c in self._co_codes(self.department)]
        self.complaint = sv.complaint_dispatch(
            actor=self._as(self.clerk),
            complaint=self.complaint,
            department=self.department,
            co_departments=co,
        )

    # --- investigation and solution ------------------------------------------------------

    @property
    def lead(self) -> Department:
        assert self.department is not None
        return self.department

    def _approver(self) -> User:
        if self.complaint.is_major:
            return self.cast.users["leader"]
        return self._head(self.lead)

    def step_investigate(self) -> None:
        self.assignee = self._handler(self.lead)
        if self.rng.random() < 0.5:  # the head takes it on and names the investigator
            self.complaint = sv.complaint_start_investigation(
                actor=self._as(self._head(self.lead)),
                complaint=self.complaint,
                assignee=self.assignee,
            )
        else:
            self.complaint = sv.complaint_start_investigation(
                actor=self._as(self.assignee), complaint=self.complaint
            )

    def step_assign(self) -> None:
        head = self._head(self.lead)
        others = [u for u in self.cast.handlers(self.lead) if u not in (self.assignee, head)]
        note = "请督促尽快办理。"  # no one else to give it to: the head presses the assignee
        if others:
            self.assignee, note = self.rng.choice(others), "转交你跟进处理。"
        self.complaint = sv.complaint_assign(
            actor=self._as(head), complaint=self.complaint, assignee=self._worker(), note=note
        )

    def step_comment(self) -> None:
        who = self.rng.choice((self.cast.users["supervisor"], self._worker()))
        sv.complaint_comment(
            actor=self._as(who), complaint=self.complaint, note=self.rng.choice(tx.COMMENTS)
        )

    def _worker(self) -> User:
        assert self.assignee is not None
        return self.assignee

    def step_report(self) -> None:
        sv.complaint_submit_report(
            actor=self._as(self._worker()),
            complaint=self.complaint,
            findings=self._text(self.scenario.findings),
            cause=self._text(self.scenario.cause),
            evidence=self.rng.choice(tx.EVIDENCE),
        )

    def step_propose(self) -> None:
        scenario, rng = self.scenario, self.rng
        compensation = list(scenario.compensation) if rng.random() < 0.85 else []
        sv.complaint_propose(
            actor=self._as(self._worker()),
            complaint=self.complaint,
            measures=self._text(scenario.measures),
            responsible_person=self._worker(),
            due_date=timezone.localdate(clock.now()) + timedelta(days=rng.randint(1, 7)),
            compensation=compensation,
        )

    def step_refuse(self) -> None:
        sv.complaint_refuse_solution(
            actor=self._as(self._approver()),
            complaint=self.complaint,
            reason=self.rng.choice(tx.REFUSE_REASONS),
        )

    def step_approve(self) -> None:
        sv.complaint_approve(
            actor=self._as(self._approver()),
            complaint=self.complaint,
            note=self.rng.choice(tx.APPROVE_NOTES),
        )

    # --- handling, reply, satisfaction ---------------------------------------------------

    def step_handle(self) -> None:
        note = "按方案重新处理。" if self.complaint.redo_count else ""
        self.complaint = sv.complaint_start_handling(
            actor=self._as(self._worker()), complaint=self.complaint, note=note
        )

    def step_resolve(self) -> None:
        result = self._text(self.scenario.result)
        if self.complaint.redo_count:
            result = self.rng.choice(tx.REDO_RESULT)
        self.complaint = sv.complaint_resolve(
            actor=self._as(self._worker()), complaint=self.complaint, result=result
        )

    def step_reply(self) -> None:
        method = REPLY_METHODS.get(Channel(self.plan.channel), ContactMethod.PHONE)
        text = self._text(self.scenario.reply)
        if self.complaint.redo_count:
            text = f"您好，针对您上次提出的意见，我们已重新处理：{self.complaint.resolution}"
        replier = self.clerk if self.rng.random() < 0.7 else self._worker()
        sv.complaint_reply(
            actor=self._as(replier), complaint=self.complaint, method=method, text=text
        )

    def step_rate_ok(self) -> None:
        if self.rng.random() < 0.75:
            rating, comment = Rating.SATISFIED, self.rng.choice(tx.SATISFIED_COMMENTS)
        else:
            rating, comment = (
                Rating.BASICALLY_SATISFIED,
                self.rng.choice(tx.BASICALLY_SATISFIED_COMMENTS),
            )
        sv.complaint_rate(
            actor=self._as(self.clerk), complaint=self.complaint, rating=rating, comment=comment
        )

    def step_rate_bad(self) -> None:
        self.comment = self.rng.choice(tx.DISSATISFIED_COMMENTS)
        sv.complaint_rate(
            actor=self._as(self.clerk),
            complaint=self.complaint,
            rating=Rating.DISSATISFIED,
            comment=self.comment,
        )

    def step_reopen(self) -> None:
        who = self.clerk if self.rng.random() < 0.5 else self._head(self.lead)
        reason = self.rng.choice(tx.REOPEN_REASONS).format(comment=self.comment)
        self.complaint = sv.complaint_reopen(
            actor=self._as(who), complaint=self.complaint, reason=reason
        )

    # --- follow-up and archive -----------------------------------------------------------

    def step_follow_up(self) -> None:
        rng = self.rng
        if self.status == Status.REPLIED and rng.random() < 0.6:
            outcome = FollowUpOutcome.UNREACHABLE  # never rated: often not reached
        else:
            outcome = rng.choices(list(FollowUpOutcome), weights=(85, 8, 7))[0]
        method = ContactMethod.SURVEY if rng.random() < 0.15 else ContactMethod.PHONE
        who = self.clerk if rng.random() < 0.6 else self.cast.users["supervisor"]
        sv.complaint_follow_up(
            actor=self._as(who),
            complaint=self.complaint,
            method=method,
            outcome=outcome,
            notes=rng.choice(tx.FOLLOW_UP_NOTES[outcome]),
        )

    def step_close(self) -> None:
        who = self.cast.users["supervisor"] if self.rng.random() < 0.5 else self.clerk
        self.complaint = sv.complaint_close(
            actor=self._as(who), complaint=self.complaint, note=self.rng.choice(tx.CLOSE_NOTES)
        )
