"""Fixtures of the portal tests: an empty cache (rate limits, used challenges), the
minimum fill time off unless a test sets it, a fresh browser per test."""

from __future__ import annotations

import importlib
from collections.abc import Iterator
from typing import Any

import pytest
from django.apps import apps as django_apps
from django.core.cache import cache
from django.test import Client


@pytest.fixture(autouse=True)
def _privacy_notice(db: None) -> None:
    """The notice the migrations publish, again if a transactional test flushed it."""
    migration = importlib.import_module("bihuan.complaints.migrations.0007_first_privacy_notice")
    migration.publish(django_apps, None)


@pytest.fixture(autouse=True)
def _portal_settings(settings: Any) -> Iterator[None]:
    cache.clear()
    settings.BIHUAN_PORTAL_CAPTCHA = True
    settings.BIHUAN_PORTAL_MIN_FILL_SECONDS = 0
    settings.BIHUAN_PORTAL_TRUSTED_PROXIES = 0
    yield
    cache.clear()


@pytest.fixture
def visitor() -> Client:
    """A member of the public on a phone: no login, their own session."""
    return Client(HTTP_USER_AGENT="Mozilla/5.0 (Linux; Android 13) MicroMessenger/8.0")
