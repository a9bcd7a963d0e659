"""Settings of bihuan.referrals (star-imported by base.py; env helpers from ..env)."""

from ..env import env_int

# The largest work-order file taken in one import (bytes), and the most rows in it.
BIHUAN_REFERRAL_MAX_FILE_BYTES = env_int(
    "BIHUAN_REFERRAL_MAX_FILE_BYTES", 5 * 1024 * 1024, minimum=1024, maximum=100 * 1024 * 1024
)
BIHUAN_REFERRAL_MAX_ROWS = env_int("BIHUAN_REFERRAL_MAX_ROWS", 1000, minimum=1, maximum=100_000)
# An .xlsx is a zip: the most its parts may unpack to, against decompression bombs.
BIHUAN_REFERRAL_MAX_UNPACKED_BYTES = env_int(
    "BIHUAN_REFERRAL_MAX_UNPACKED_BYTES",
    100 * 1024 * 1024,
    minimum=1024 * 1024,
    maximum=2 * 1024 * 1024 * 1024,
)
