"""The embedded default run by `make run`: SQLite under var/, no other server."""

import os
import secrets

from .base import *  # noqa: F403
from .base import VAR_DIR
from .database import database_from_env
from .env import env_bool, env_str

DEBUG = env_bool("DJANGO_DEBUG", False)


def _persistent_secret_key() -> str:
    """A random key made once per installation and kept in var/, never in the source."""
    path = VAR_DIR / "secret_key"
    if not path.exists():
        VAR_DIR.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_urlsafe(50))
        path.chmod(0o600)
    return path.read_text().strip()


SECRET_KEY = env_str("DJANGO_SECRET_KEY", "") or _persistent_secret_key()
DATABASES = {"default": database_from_env(VAR_DIR / "bihuan.sqlite3")}
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

if "BIHUAN_SMTP_HOST" not in os.environ:
    # No mail server: notification mail is written to files in var/mail/, one per message,
    # where it can be read; printing it would bury the server's own output.
    EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    EMAIL_FILE_PATH = str(VAR_DIR / "mail")

# Links in mail and SMS need the full address: on one machine it is the server's own.
BIHUAN_SITE_URL = env_str(
    "BIHUAN_SITE_URL", f"http://127.0.0.1:{os.environ.get('PORT') or '8000'}"
).rstrip("/")
