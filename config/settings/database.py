"""The database: DATABASE_URL when set (PostgreSQL in production), else SQLite under var/."""

from pathlib import Path
from typing import Any

import dj_database_url

from .env import env_str

SQLITE = "django.db.backends.sqlite3"
SQLITE_OPTIONS: dict[str, Any] = {
    # IMMEDIATE takes the write lock at BEGIN, so two transitions on SQLite
    # serialise instead of failing half-way with "database is locked".
    "transaction_mode": "IMMEDIATE",
    "timeout": 20,
    "init_command": ("PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;"),
}


def database_from_env(sqlite_path: Path) -> dict[str, Any]:
    url = env_str("DATABASE_URL", "")
    if url:
        config: dict[str, Any] = dict(dj_database_url.parse(url, conn_max_age=60))
        config.setdefault("TEST", {})
        if config["ENGINE"] == SQLITE:
            # A sqlite:/// URL (a Celery worker sharing a test's database file, for one)
            # gets the same locking behaviour as the default file.
            config["OPTIONS"] = {**SQLITE_OPTIONS, **config.get("OPTIONS", {})}
        return config
    return {"ENGINE": SQLITE, "NAME": str(sqlite_path), "OPTIONS": dict(SQLITE_OPTIONS)}
