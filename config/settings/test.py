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
