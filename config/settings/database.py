"""The database: DATABASE_URL when set (PostgreSQL in production), else SQLite under var/."""

from pathlib import Path
from typing import Any

import dj_database_url

from .env import env_str


def database_from_env(sqlite_path: Path) -> dict[str, Any]:
    url = env_str("DATABASE_URL", "")
    if url:
        config: dict[str, Any] = dict(dj_database_url.parse(url, conn_max_age=60))
        config.setdefault("TEST", {})
        return config
    return {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": str(sqlite_path),
        "OPTIONS": {
            # IMMEDIATE takes the write lock at BEGIN, so two transitions on SQLite
            # serialise instead of failing half-way with "database is locked".
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
            "init_command": (
                "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;"
            ),
        },
    }
