"""Tests: SQLite by default, PostgreSQL when DATABASE_URL is set (CI runs both)."""

import tempfile
from pathlib import Path

from .base import *  # noqa: F403
from .database import database_from_env

DEBUG = False
SECRET_KEY = "test-only-not-secret"
DATABASES = {"default": database_from_env(Path(tempfile.gettempdir()) / "bihuan-test.sqlite3")}
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
MEDIA_ROOT = Path(tempfile.mkdtemp(prefix="bihuan-media-"))

if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # A file, not Django's default in-memory test database: that one is in shared-cache
    # mode, where a second writer fails at once with "database table is locked" (the busy
    # timeout does not apply), so the concurrency tests could not show that BEGIN IMMEDIATE
    # serialises transitions as it does on the real file. A directory per process keeps
    # parallel runs apart; pytest-xdist adds a suffix per worker.
    DATABASES["default"]["TEST"] = {
        "NAME": str(Path(tempfile.mkdtemp(prefix="bihuan-test-db-")) / "test.sqlite3")
    }
STATIC_ROOT = Path(tempfile.mkdtemp(prefix="bihuan-static-"))

# Notices to complainants add timeline events and outbox messages to every transition; the
# tests of other apps count those exactly. tests/notices switch them on.
BIHUAN_NOTICES_ENABLED = False
