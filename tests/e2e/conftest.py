"""Fixtures of the end-to-end test: one headless Chromium per module, people logged in."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from django.contrib.auth.models import User
from playwright.sync_api import Browser, ConsoleMessage, Response, expect, sync_playwright
from pytest_django.live_server_helper import LiveServer

from ..personas import PASSWORD, Museum, build_museum
from .browser import LAUNCH_ARGS, SKIP_REASON, Person, chromium_path


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    path = chromium_path()
    if path is None:  # the test module skips before; this guards any other module
        pytest.skip(SKIP_REASON)
    # Playwright's sync API keeps an asyncio loop in the main thread, so Django would take
    # every ORM call of the test body for one made from async code. Allowed here only.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    playwright = sync_playwright().start()
    try:
        chromium = playwright.chromium.launch(executable_path=path, headless=True, args=LAUNCH_ARGS)
        try:
            yield chromium
        finally:
            chromium.close()
    finally:
        playwright.stop()
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture
def museum(browser: Browser, live_server: LiveServer) -> Museum:
    """The organisation, committed for the live server to see (live_server makes the test
    transactional); after the browser, whose fixture allows the ORM beside its loop."""
    return build_museum()


@pytest.fixture
def log_in(browser: Browser, live_server: LiveServer) -> Iterator[Callable[..., Person]]:
    """Open a fresh browser context for a user and log in through the login form."""
    people: list[Person] = []

    def _log_in(user: User, **context_options: Any) -> Person:
        context = browser.new_context(
            base_url=live_server.url,
            locale="zh-CN",
            timezone_id="Asia/Shanghai",
            reduced_motion="reduce",  # Bootstrap's collapse then opens at once
            **context_options,
        )
        context.set_default_timeout(10_000)
        page = context.new_page()
        person = Person(user, page)
        people.append(person)
        page.on("pageerror", lambda error: person.problems.append(f"script error: {error}"))

        def _console(message: ConsoleMessage) -> None:
            # A resource that failed to load is reported, with its address, by _response.
            if message.type == "error" and not message.text.startswith("Failed to load resource"):
                person.problems.append(f"console error: {message.text}")

        def _response(response: Response) -> None:
            # The site has no favicon.ico, which Chromium asks for on every page.
            if response.status >= 400 and not response.url.endswith("/favicon.ico"):
                request = response.request
                person.problems.append(f"{response.status} {request.method} {response.url}")

        page.on("console", _console)
        page.on("response", _response)
        page.goto("/login/")
        expect(page.locator("html")).to_have_attribute("lang", "zh-hans")
        page.locator("#id_username").fill(user.username)
        page.locator("#id_password").fill(PASSWORD)
        with page.expect_navigation():
            page.locator("#id_password").press("Enter")
        expect(page.locator('form[action="/logout/"]')).to_have_count(1)
        return person

    yield _log_in
    for person in people:
        person.page.context.close()
