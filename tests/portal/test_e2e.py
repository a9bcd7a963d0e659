"""A member of the public on a phone (390 px, real headless Chromium) files a complaint
with a photo, then checks its status from another browser with the code and the digits."""

from __future__ import annotations

import re
from typing import Any

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect
from pytest_django.live_server_helper import LiveServer

from bihuan.complaints.choices import Channel
from bihuan.complaints.models import Complaint
from bihuan.portal import captcha

from ..e2e.browser import SKIP_REASON, chromium_path
from ..e2e.conftest import browser, museum  # noqa: F401 (the Playwright fixtures, reused)
from ..files import image_bytes
from ..personas import Museum

if chromium_path() is None:
    pytest.skip(SKIP_REASON, allow_module_level=True)

pytestmark = pytest.mark.e2e

PHONE = {"width": 390, "height": 844}
WECHAT_UA = (
    "Mozilla/5.0 (Linux; Android 13; Pixel 7) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Version/4.0 Chrome/116.0 Mobile Safari/537.36 XWEB/1160065 MMWEBSDK/20231202 "
    "MicroMessenger/8.0.47 NetType/WIFI Language/zh_CN"
)


def _phone(chromium: Browser, live_server: LiveServer, problems: list[str]) -> BrowserContext:
    context = chromium.new_context(
        base_url=live_server.url,
        viewport=PHONE,
        device_scale_factor=2,
        is_mobile=True,
        has_touch=True,
        user_agent=WECHAT_UA,
        locale="zh-CN",
        timezone_id="Asia/Shanghai",
    )
    context.set_default_timeout(10_000)
    context.on("weberror", lambda error: problems.append(f"script error: {error.error}"))
    context.on(
        "response",
        lambda response: (
            problems.append(f"{response.status} {response.url}")
            if response.status >= 400 and not response.url.endswith("/favicon.ico")
            else None
        ),
    )
    return context


def _fits_the_screen(page: Page) -> None:
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"the page is {width} px wide on a 390 px screen"


def test_a_complaint_filed_on_a_phone_and_followed_with_its_code(
    browser: Browser,  # noqa: F811
    live_server: LiveServer,
    museum: Museum,  # noqa: F811
    settings: Any,
) -> None:
    settings.BIHUAN_PORTAL_MIN_FILL_SECONDS = 0
    problems: list[str] = []
    context = _phone(browser, live_server, problems)
    page = context.new_page()
    page.goto("/portal/")
    expect(page.locator("html")).to_have_attribute("lang", "zh-hans")
    _fits_the_screen(page)
    # Sent empty: every missing answer is named at its field, in the page's language.
    with page.expect_navigation():
        page.locator("#send-complaint").click()
    expect(page.locator("[data-form-errors]")).to_be_visible()
    for field in ("description", "phone", "consent", "captcha_answer"):
        expect(page.locator(f'[data-error="{field}"]')).to_be_visible()
    _fits_the_screen(page)
    page.screenshot(path="/tmp/portal-errors.png")
    problems.remove(f"400 {live_server.url}/portal/")  # the refusal, as it should be
    page.locator("#id_description").fill("三号展厅的互动装置坏了，孩子排队半小时没玩上。")
    page.locator("#id_category").select_option(str(museum.category("exhibitions").pk))
    page.locator("#id_occurred_date").fill("2026-01-10")
    page.locator("#id_occurred_time").fill("10:30")
    page.locator("#id_phone").fill("13912345678")
    page.locator("#id_files").set_input_files(
        [{"name": "装置.jpg", "mimeType": "image/jpeg", "buffer": image_bytes("JPEG", (640, 480))}]
    )
    # Opened by the error at the consent box; readable without script either way.
    assert page.locator("details.portal-notice").evaluate("details => details.open")
    expect(page.locator(".portal-notice-text")).to_be_visible()
    page.locator("#id_consent").check()
    token = page.locator('input[name="captcha_token"]').input_value()
    picture = page.locator("img.portal-captcha")
    expect(picture).to_be_visible()
    assert picture.evaluate("image => image.naturalWidth") == 220  # drawn, not broken
    challenge = captcha.read(token)
    assert challenge is not None
    page.locator("#id_captcha_answer").fill(str(challenge.answer))
    page.screenshot(path="/tmp/portal-form.png", full_page=True)
    with page.expect_navigation():
        page.locator("#send-complaint").click()
    expect(page).to_have_url(re.compile(r"/portal/filed/$"))
    code = page.locator("input[data-tracking-code]").input_value()
    complaint = Complaint.objects.get(tracking_code=code)
    assert complaint.channel == Channel.WEB
    assert complaint.attachments.get().content_type == "image/jpeg"
    expect(page.locator("[data-copy]")).to_be_visible()  # the copy button, with script on
    _fits_the_screen(page)
    page.screenshot(path="/tmp/portal-filed.png", full_page=True)

    # Later, from another phone: the link from the acknowledgement fills in the code.
    other = _phone(browser, live_server, problems)
    later = other.new_page()
    later.goto(f"/portal/status/?code={code}")
    expect(later.locator("#id_code")).to_have_value(code)
    later.locator("#id_proof").fill("5678")
    with later.expect_navigation():
        later.locator("#lookup-form button[type=submit]").click()
    expect(later.locator("[data-stage]")).to_have_attribute("data-stage", "received")
    expect(later.locator('[data-step="received"] time')).to_have_count(1)
    expect(later.locator("main")).to_contain_text("装置.jpg")
    _fits_the_screen(later)
    later.screenshot(path="/tmp/portal-status.png", full_page=True)
    context.close()
    other.close()
    assert problems == []
