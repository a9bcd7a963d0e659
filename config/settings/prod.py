"""Production: PostgreSQL through DATABASE_URL, secrets from the environment only."""

from .base import *  # noqa: F403
from .base import VAR_DIR
from .database import database_from_env
from .env import env_bool, env_str

DEBUG = False
SECRET_KEY = env_str("DJANGO_SECRET_KEY")
DATABASES = {"default": database_from_env(VAR_DIR / "bihuan.sqlite3")}
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
SESSION_COOKIE_SECURE = env_bool("BIHUAN_SECURE_COOKIES", True)
CSRF_COOKIE_SECURE = env_bool("BIHUAN_SECURE_COOKIES", True)
