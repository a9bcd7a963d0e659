"""Settings shared by every deployment of Bihuan."""

from pathlib import Path

from django.utils.translation import gettext_lazy as _

from .env import env_bool, env_float, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = Path(env_str("BIHUAN_VAR_DIR", str(BASE_DIR / "var")))

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "bihuan.core",
    "bihuan.org",
    "bihuan.workcalendar",
    "bihuan.routing",
    "bihuan.timelimits",
    "bihuan.complaints",
    "bihuan.backoffice",
    "bihuan.notifications",
    "bihuan.notices",
    "bihuan.portal",
    "bihuan.mailin",
    "rest_framework",
    "drf_spectacular",
    "bihuan.apikeys",
    "bihuan.api",
    "bihuan.open311",
    "bihuan.referrals",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "bihuan.backoffice.context_processors.staff",
            ],
        },
    },
]

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "backoffice:home"
LOGOUT_REDIRECT_URL = "login"

# zh-Hans is the default; zh-Hant and en are complete translations.
LANGUAGE_CODE = "zh-hans"
LANGUAGES = [
    ("zh-hans", _("Simplified Chinese")),
    ("zh-hant", _("Traditional Chinese")),
    ("en", _("English")),
]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = env_str("BIHUAN_TIME_ZONE", "Asia/Shanghai")

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = VAR_DIR / "static"
MEDIA_URL = "media/"
MEDIA_ROOT = VAR_DIR / "media"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

ALLOWED_HOSTS = env_list("BIHUAN_ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"])

# Attachments: a complaint's evidence (photos, PDFs, recordings).
BIHUAN_ATTACHMENT_MAX_BYTES = 10 * 1024 * 1024
BIHUAN_ATTACHMENT_MAX_COUNT = 10
DATA_UPLOAD_MAX_MEMORY_SIZE = 12 * 1024 * 1024

# Early warning: yellow and red at these shares of a stage's time, escalation to the
# leadership a further share of the limit after the deadline.
BIHUAN_WARN_SHARE = env_float("BIHUAN_WARN_SHARE", 0.75, minimum=0.0, maximum=1.0)
BIHUAN_RED_SHARE = env_float("BIHUAN_RED_SHARE", 0.90, minimum=0.0, maximum=1.0)
BIHUAN_ESCALATE_AFTER_SHARE = env_float(
    "BIHUAN_ESCALATE_AFTER_SHARE", 0.5, minimum=0.0, maximum=10.0
)

SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "INFO"},
    "loggers": {"django.db.backends": {"level": "WARNING"}},
}

# Mail (notifications): Django's SMTP settings, taken from the environment. The embedded
# settings print mail on the console instead when no BIHUAN_SMTP_HOST is given.
EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
EMAIL_HOST = env_str("BIHUAN_SMTP_HOST", "localhost")
EMAIL_PORT = env_int("BIHUAN_SMTP_PORT", 25, minimum=1, maximum=65535)
EMAIL_HOST_USER = env_str("BIHUAN_SMTP_USER", "")
EMAIL_HOST_PASSWORD = env_str("BIHUAN_SMTP_PASSWORD", "")
EMAIL_USE_TLS = env_bool("BIHUAN_SMTP_TLS", False)
EMAIL_TIMEOUT = 30
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "bihuan@localhost")
# The address of the staff site, for links in mail ("https://bihuan.example.org").
BIHUAN_SITE_URL = env_str("BIHUAN_SITE_URL", "").rstrip("/")

# The notification outbox: a message is tried this many times (1, 2, 4 ... minutes
# apart, at most an hour) before it is marked failed.
BIHUAN_OUTBOX_MAX_ATTEMPTS = env_int("BIHUAN_OUTBOX_MAX_ATTEMPTS", 8, minimum=1, maximum=50)

# Celery (only when the jobs run on workers: see README "Scaling out"). The tasks and
# their beat schedule come from bihuan.core.jobs.PERIODIC_JOBS (config/celery.py).
CELERY_BROKER_URL = env_str("CELERY_BROKER_URL", "redis://127.0.0.1:6379/0")
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_IGNORE_RESULT = True
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True

# Each channel app's own settings.
from .apps.api import *  # noqa: E402, F403
from .apps.mailin import *  # noqa: E402, F403
from .apps.notices import *  # noqa: E402, F403
from .apps.open311 import *  # noqa: E402, F403
from .apps.portal import *  # noqa: E402, F403
from .apps.referrals import *  # noqa: E402, F403
