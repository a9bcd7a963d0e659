"""Settings of bihuan.open311 (star-imported by base.py; env helpers from ..env)."""

from ..env import env_bool, env_float, env_int, env_list, env_str  # noqa: F401

# POST requests accepted per client key and per client address, per hour (cache-based).
BIHUAN_OPEN311_RATE_PER_KEY = env_int(
    "BIHUAN_OPEN311_RATE_PER_KEY", 300, minimum=1, maximum=1_000_000
)
BIHUAN_OPEN311_RATE_PER_ADDRESS = env_int(
    "BIHUAN_OPEN311_RATE_PER_ADDRESS", 60, minimum=1, maximum=1_000_000
)
# Discovery: who to contact and how to get a key; "production" or "test".
BIHUAN_OPEN311_CONTACT = env_str("BIHUAN_OPEN311_CONTACT", "")
BIHUAN_OPEN311_KEY_SERVICE = env_str("BIHUAN_OPEN311_KEY_SERVICE", "")
BIHUAN_OPEN311_ENDPOINT_TYPE = env_str("BIHUAN_OPEN311_ENDPOINT_TYPE", "production")
