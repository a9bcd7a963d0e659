"""Finding Debian's Chromium and launching it through Playwright (no browser downloads)."""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass, field
from pathlib import Path

from django.contrib.auth.models import User
from playwright.sync_api import Page

# Where the end-to-end test leaves its screenshots (git-ignored).
SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-results" / "e2e"

SKIP_REASON = "Chromium is not installed (apt-get install chromium): end-to-end test skipped"

LAUNCH_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]


def chromium_path() -> str | None:
    """The system Chromium, or None. BIHUAN_CHROMIUM names another (or a missing) one."""
    configured = os.environ.get("BIHUAN_CHROMIUM")
    candidates = [configured] if configured is not None else ["/usr/bin/chromium"]
    if configured is None:
        candidates.append(shutil.which("chromium") or "")
    for candidate in candidates:
        if candidate and os.path.isfile(candidate) and os.access(candidate, os.X_OK):
            return candidate
    return None


@dataclass
class Person:
    """One member of staff at their own browser window, and what went wrong there."""

    user: User
    page: Page
    problems: list[str] = field(default_factory=list)
