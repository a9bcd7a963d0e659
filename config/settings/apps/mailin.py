"""Settings of bihuan.mailin (star-imported by base.py; env helpers from ..env)."""

from django.core.exceptions import ImproperlyConfigured

from ..env import env_bool, env_int, env_str

# The mailbox polled for complaints; an empty host turns polling off.
BIHUAN_IMAP_HOST = env_str("BIHUAN_IMAP_HOST", "")
BIHUAN_IMAP_PORT = env_int("BIHUAN_IMAP_PORT", 993, minimum=1, maximum=65535)
BIHUAN_IMAP_USER = env_str("BIHUAN_IMAP_USER", "")
BIHUAN_IMAP_PASSWORD = env_str("BIHUAN_IMAP_PASSWORD", "")
BIHUAN_IMAP_SSL = env_bool("BIHUAN_IMAP_SSL", True)
BIHUAN_IMAP_FOLDER = env_str("BIHUAN_IMAP_FOLDER", "INBOX")
# What happens on the server to a message once it is stored: flagged "seen" or "delete"d.
BIHUAN_IMAP_AFTER = env_str("BIHUAN_IMAP_AFTER", "seen").strip().lower()
if BIHUAN_IMAP_AFTER not in {"seen", "delete"}:
    raise ImproperlyConfigured(
        f"BIHUAN_IMAP_AFTER must be 'seen' or 'delete', not {BIHUAN_IMAP_AFTER!r}."
    )
BIHUAN_IMAP_TIMEOUT = env_int("BIHUAN_IMAP_TIMEOUT", 30, minimum=1, maximum=600)
# At most this many messages per poll, so that one poll never runs for ever.
BIHUAN_IMAP_BATCH = env_int("BIHUAN_IMAP_BATCH", 50, minimum=1, maximum=1000)
# The domain of the Message-IDs of outgoing notices (default: DEFAULT_FROM_EMAIL's domain).
BIHUAN_MAIL_DOMAIN = env_str("BIHUAN_MAIL_DOMAIN", "")
# A raw message larger than this is stored and quarantined rather than parsed.
BIHUAN_MAILIN_MAX_BYTES = env_int(
    "BIHUAN_MAILIN_MAX_BYTES", 40 * 1024 * 1024, minimum=1024, maximum=1024 * 1024 * 1024
)
