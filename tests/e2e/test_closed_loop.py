"""One complaint from registration to archive in a real browser, as four people.

The clerk takes a call and registers it, accepts and dispatches it; the exhibitions handler
investigates, reports and proposes a solution; the head approves it on a phone; the handler
handles and resolves it; the clerk replies and records satisfaction; the supervisor records
the follow-up visit and archives it. Pages are found through the stable hooks of the
templates (ids, names, data-action, data-status, data-event), never through English text,
and read in the default language, Simplified Chinese.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import timedelta

import pytest
from django.utils import timezone, translation
from playwright.sync_api import Locator, Page, expect

from bihuan.complaints.choices import Action, CompensationKind, Rating, Status
from bihuan.complaints.models import Complaint
from bihuan.org.names import person_name

from ..personas import Museum
from .browser import SCREENSHOTS, SKIP_REASON, Person, chromium_path

if chromium_path() is None:
    pytest.skip(SKIP_REASON, allow_module_level=True)

PHONE = (390, 844)  # a phone held upright


def zh(label: object) -> str:
    """A label as the default (zh-Hans) pages show it, translated or not."""
    with translation.override("zh-hans"):
        return str(label)


def open_from_queue(person: Person, code: str) -> None:
    """Go home (the person's default work queue) and open the complaint from the list."""
    page = person.page
    page.goto("/")
    expect(page).to_have_url(re.compile(r"/queue/[a-z]+/$"))
    with page.expect_navigation():
        page.locator(f'main a[href="/complaints/{code}/"]').first.click()
    expect(page.locator("main h1")).to_have_text(code)


def expect_state(person: Person, status: str, action: str) -> None:
    """The header badge shows ``status``; the newest timeline entry is ``action`` by them."""
    page = person.page
    status, action = str(status), str(action)
    badge = page.locator("main h1 ~ [data-status]")
    expect(badge).to_have_attribute("data-status", status)
    expect(badge).to_have_text(zh(Status(status).label))
    newest = page.locator(".timeline [data-event]").first
    expect(newest).to_have_attribute("data-event", action)
    expect(newest.locator(".fw-semibold")).to_have_text(zh(Action(action).label))
    expect(newest).to_contain_text(person_name(person.user))


def act(
    person: Person,
    name: str,
    fill: Callable[[Locator], None] | None = None,
    *,
    shortcut: bool = False,
) -> None:
    """Open the action's panel, fill it in and send it (button, or Ctrl+Enter in a field)."""
    page = person.page
    url = page.url
    page.locator(f'#action-panels [data-action="{name}"]').click()
    panel = page.locator(f"#action-{name}")
    expect(panel).to_be_visible()
    if fill is not None:
        fill(panel)
    with page.expect_navigation():
        if shortcut:
            page.keyboard.press("Control+Enter")
        else:
            panel.locator('button[type="submit"]').click()
    assert page.url == url, f"{name}: left the complaint page for {page.url}"
    expect(page.locator(".is-invalid")).to_have_count(0)
    expect(page.locator("main .alert-success")).to_be_visible()


def shot(page: Page, name: str, *, full_page: bool = True) -> None:
    """Leave a picture of the page in test-results/e2e/ to look at."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SCREENSHOTS / f"{name}.png", full_page=full_page)


def register_by_keyboard(clerk: Person, museum: Museum) -> str:
    """The clerk types the call in, phone first, and sends it with Ctrl+Enter."""
    page = clerk.page
    page.goto("/")
    with page.expect_navigation():
        page.locator('nav a[href="/complaints/new/"]').click()
    expect(page.locator("#id_phone")).to_be_focused()  # autofocus: type the number at once
    with page.expect_response(lambda r: "/complainants/lookup/" in r.url and r.ok):
        page.keyboard.type("138 1234 5678")
        page.keyboard.press("Tab")
    expect(page.locator("#id_name")).to_be_focused()
    page.keyboard.type("李四")
    page.keyboard.press("Tab")
    expect(page.locator("#id_channel")).to_be_focused()
    expect(page.locator("#id_channel")).to_have_value("phone")
    page.keyboard.press("Tab")
    category = page.locator("#id_category")
    expect(category).to_be_focused()
    category.select_option(str(museum.category("exhibitions").pk))
    page.keyboard.press("Tab")
    expect(page.locator("#id_site")).to_be_focused()
    page.keyboard.press("Tab")
    expect(page.locator("#id_description")).to_be_focused()
    page.keyboard.type("三楼互动展项坏了，屏幕一直黑着。\n孩子排队半小时没玩上。")
    page.keyboard.press("Tab")
    expect(page.locator("#id_demand")).to_be_focused()
    page.keyboard.type("尽快修好并致歉")
    # The look-up under the phone field answered (htmx works): a new caller, nobody to reuse.
    expect(page.locator("#complainant-lookup")).to_be_empty()
    shot(page, "01-register-form")
    with page.expect_navigation():
        page.keyboard.press("Control+Enter")
    expect(page).to_have_url(re.compile(r"/complaints/[^/]+/$"))
    code = page.locator("main h1").inner_text().strip()
    expect(page.locator("main .alert-success")).to_contain_text(code)
    expect(page.locator(".detail-facts")).to_contain_text("孩子排队半小时没玩上。")
    expect_state(clerk, Status.REGISTERED, Action.REGISTER)
    return code


@pytest.mark.e2e
def test_one_complaint_from_registration_to_archive(
    museum: Museum, log_in: Callable[..., Person]
) -> None:
    # The clerk at the service desk.
    clerk = log_in(museum.clerk)
    code = register_by_keyboard(clerk, museum)
    complaint = Complaint.objects.get(tracking_code=code)
    assert complaint.complainant.phone.replace(" ", "") == "13812345678"

    act(clerk, "accept", lambda form: form.locator('[name="note"]').fill("已受理，转展览部"))
    expect_state(clerk, Status.ACCEPTED, Action.ACCEPT)
    act(
        clerk,
        "dispatch",
        lambda form: form.locator('[name="department"]').select_option(str(museum.exhibitions.pk)),
    )
    expect_state(clerk, Status.DISPATCHED, Action.DISPATCH)

    # The handler of the exhibitions department finds it in the department's queue.
    handler = log_in(museum.handler)
    open_from_queue(handler, code)
    act(handler, "investigate")  # the investigator defaults to "myself"
    expect_state(handler, Status.INVESTIGATING, Action.INVESTIGATE)

    def report(form: Locator) -> None:
        form.locator('[name="findings"]').fill("互动展项电源模块老化，设备停机。")
        form.locator('[name="cause"]').fill("电源老化")

    act(handler, "report", report, shortcut=True)
    expect_state(handler, Status.INVESTIGATING, Action.REPORT)

    due = (timezone.localdate() + timedelta(days=3)).isoformat()

    def propose(form: Locator) -> None:
        form.locator('[name="measures"]').fill("更换电源模块，向观众致歉并赠票。")
        form.locator('[name="responsible_person"]').select_option(str(museum.handler.pk))
        form.locator('[name="due_date"]').fill(due)
        form.locator('[name="compensation-0-kind"]').select_option(
            CompensationKind.FREE_TICKET.value
        )
        form.locator('[name="compensation-0-quantity"]').fill("2")
        form.locator('[name="compensation-0-note"]').fill("亲子票")
        shot(handler.page, "02-propose-form")

    act(handler, "propose", propose)
    expect_state(handler, Status.PROPOSED, Action.PROPOSE)
    shot(handler.page, "03-detail-proposed")

    # The head approves on a phone, from the approval queue.
    head = log_in(museum.head, viewport={"width": PHONE[0], "height": PHONE[1]}, is_mobile=True)
    open_from_queue(head, code)

    def approve(form: Locator) -> None:
        expect(form).to_contain_text("更换电源模块，向观众致歉并赠票。")
        expect(form).to_contain_text(zh(CompensationKind.FREE_TICKET.label))
        form.locator('[name="note"]').fill("同意")
        width = head.page.evaluate("document.documentElement.scrollWidth")
        assert width <= PHONE[0], f"the page scrolls sideways on a phone ({width}px wide)"
        shot(head.page, "04-approve-phone", full_page=False)  # what the head sees

    act(head, "approve", approve)
    expect_state(head, Status.APPROVED, Action.APPROVE)

    # The handler carries it out.
    open_from_queue(handler, code)
    act(handler, "handle")
    expect_state(handler, Status.HANDLING, Action.HANDLE)
    act(
        handler,
        "resolve",
        lambda form: form.locator('[name="result"]').fill("已更换电源模块，展项恢复运行。"),
        shortcut=True,
    )
    expect_state(handler, Status.RESOLVED, Action.RESOLVE)

    # The clerk calls the complainant back.
    open_from_queue(clerk, code)

    def reply(form: Locator) -> None:
        expect(form.locator('[name="text"]')).to_have_value("已更换电源模块，展项恢复运行。")
        expect(form.locator('[name="method"]')).to_have_value("phone")

    act(clerk, "reply", reply)
    expect_state(clerk, Status.REPLIED, Action.REPLY)
    act(clerk, "rate", lambda form: form.locator('[name="rating"][value="satisfied"]').check())
    expect_state(clerk, Status.SATISFIED, Action.RATE)

    # The supervisor's follow-up visit, then the archive.
    supervisor = log_in(museum.supervisor)
    open_from_queue(supervisor, code)

    def follow_up(form: Locator) -> None:
        form.locator('[name="outcome"][value="confirmed"]').check()
        form.locator('[name="notes"]').fill("回访确认展项已修复")

    act(supervisor, "follow_up", follow_up)
    expect_state(supervisor, Status.FOLLOWED_UP, Action.FOLLOW_UP)
    act(supervisor, "close", lambda form: form.locator('[name="note"]').fill("归档"))
    expect_state(supervisor, Status.ARCHIVED, Action.CLOSE)
    page = supervisor.page
    # An archive is frozen but for internal notes.
    expect(page.locator("#action-panels [data-action]")).to_have_count(1)
    expect(page.locator('#action-panels [data-action="comment"]')).to_be_visible()
    expect(page.locator(".timeline [data-event]")).to_have_count(13)
    shot(page, "05-detail-archived")

    # Log out through the menu's POST form.
    page.locator('nav .dropdown:has(form[action="/logout/"]) > .dropdown-toggle').click()
    with page.expect_navigation():
        page.locator('form[action="/logout/"] button[type="submit"]').click()
    expect(page).to_have_url(re.compile(r"/login/$"))

    complaint.refresh_from_db()
    assert complaint.status == Status.ARCHIVED
    assert complaint.archived_at is not None
    assert complaint.lead_department == museum.exhibitions
    assert complaint.assignee == museum.handler
    events = list(complaint.events.order_by("created_at", "pk").values_list("action", "actor"))
    c, h, hd, s = (u.pk for u in (museum.clerk, museum.handler, museum.head, museum.supervisor))
    assert events == [
        (Action.REGISTER, c),
        (Action.ACCEPT, c),
        (Action.DISPATCH, c),
        (Action.INVESTIGATE, h),
        (Action.REPORT, h),
        (Action.PROPOSE, h),
        (Action.APPROVE, hd),
        (Action.HANDLE, h),
        (Action.RESOLVE, h),
        (Action.REPLY, c),
        (Action.RATE, c),
        (Action.FOLLOW_UP, s),
        (Action.CLOSE, s),
    ]
    solution = complaint.solutions.get()
    assert solution.decision == "approved"
    assert [(i.kind, i.quantity, i.note) for i in solution.compensation.all()] == [
        (CompensationKind.FREE_TICKET, 2, "亲子票")
    ]
    assert complaint.satisfaction_records.get().rating == Rating.SATISFIED
    assert complaint.follow_ups.get().outcome == "confirmed"

    problems = {p.user.username: p.problems for p in (clerk, handler, head, supervisor)}
    assert not any(problems.values()), problems
