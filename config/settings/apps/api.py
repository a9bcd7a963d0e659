"""Settings of bihuan.api (star-imported by base.py; env helpers from ..env)."""

from ..env import env_bool, env_float, env_int, env_list, env_str  # noqa: F401

# Requests an integration key may make, per minute (DRF's cache-based throttle).
BIHUAN_API_KEY_RATE_PER_MINUTE = env_int(
    "BIHUAN_API_KEY_RATE_PER_MINUTE", 120, minimum=1, maximum=100_000
)
# How long a stored Idempotency-Key answers a retry, in hours.
BIHUAN_API_IDEMPOTENCY_HOURS = env_int("BIHUAN_API_IDEMPOTENCY_HOURS", 24, minimum=1, maximum=720)
# Largest page of the complaint list.
BIHUAN_API_MAX_PAGE_SIZE = env_int("BIHUAN_API_MAX_PAGE_SIZE", 100, minimum=1, maximum=1000)

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        # First, so that a request without credentials is answered 401 with WWW-Authenticate.
        "bihuan.api.authentication.ApiKeyAuthentication",
        # The logged-in web app; DRF enforces CSRF on its unsafe methods.
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_RENDERER_CLASSES": [
        "rest_framework.renderers.JSONRenderer",
        "rest_framework.renderers.BrowsableAPIRenderer",
    ],
    "DEFAULT_PARSER_CLASSES": [
        "rest_framework.parsers.JSONParser",
        "rest_framework.parsers.MultiPartParser",
        "rest_framework.parsers.FormParser",
    ],
    "DEFAULT_THROTTLE_CLASSES": ["bihuan.api.throttling.ApiKeyRateThrottle"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "bihuan.api.errors.api_exception_handler",
}

SPECTACULAR_SETTINGS = {
    "TITLE": "Bihuan REST API",
    "DESCRIPTION": (
        "Complaints of the closed loop: register, list, read, every workflow action, "
        "timeline and attachments; categories, departments and sites. Integrations send "
        "`Authorization: Token <key>` (or `Bearer <key>`); the web app uses its session."
    ),
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": r"/api/v1",
    "COMPONENT_SPLIT_REQUEST": True,
    "ENUM_NAME_OVERRIDES": {"ContactMethodEnum": "bihuan.complaints.choices.ContactMethod"},
    # The documentation page loads Swagger UI from our own static files (see
    # bihuan.api.views.docs); nothing is fetched from a CDN.
    "SWAGGER_UI_SETTINGS": {"deepLinking": True, "persistAuthorization": False},
}
