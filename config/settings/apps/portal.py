"""Settings of bihuan.portal (star-imported by base.py; env helpers from ..env).

The rate limits count in Django's cache. The embedded server's default cache is local
memory, one per process, which is right for it; a deployment with several processes
(PostgreSQL behind gunicorn, say) should configure a shared cache (Redis, Memcached or
the database cache) so that every process sees the same counts and used challenges.
"""

from ..env import env_bool, env_int

# Files a complainant may attach on the portal, at filing and in total afterwards.
BIHUAN_PORTAL_MAX_FILES = env_int("BIHUAN_PORTAL_MAX_FILES", 5, minimum=1, maximum=10)

# Submissions (new complaints, additions, ratings) accepted per address per window.
BIHUAN_PORTAL_SUBMIT_LIMIT = env_int("BIHUAN_PORTAL_SUBMIT_LIMIT", 10, minimum=1, maximum=1_000_000)
BIHUAN_PORTAL_SUBMIT_WINDOW = env_int(
    "BIHUAN_PORTAL_SUBMIT_WINDOW", 3600, minimum=60, maximum=86_400
)
# Failed status look-ups allowed per address, and per tracking code, per window.
BIHUAN_PORTAL_LOOKUP_LIMIT = env_int("BIHUAN_PORTAL_LOOKUP_LIMIT", 10, minimum=1, maximum=1_000_000)
BIHUAN_PORTAL_LOOKUP_WINDOW = env_int(
    "BIHUAN_PORTAL_LOOKUP_WINDOW", 900, minimum=60, maximum=86_400
)

# How many reverse proxies of our own stand in front of the application. 0: the client
# is REMOTE_ADDR. N: the client is the N-th address from the right of X-Forwarded-For
# (each trusted proxy appends the address it saw); never trust it when nothing adds it.
BIHUAN_PORTAL_TRUSTED_PROXIES = env_int("BIHUAN_PORTAL_TRUSTED_PROXIES", 0, minimum=0, maximum=5)

# The offline arithmetic CAPTCHA (off only for load tests), how long a challenge lives,
# and how soon after the form was shown a submission is believed to come from a person.
BIHUAN_PORTAL_CAPTCHA = env_bool("BIHUAN_PORTAL_CAPTCHA", True)
BIHUAN_PORTAL_CAPTCHA_MAX_AGE = env_int(
    "BIHUAN_PORTAL_CAPTCHA_MAX_AGE", 3600, minimum=60, maximum=86_400
)
BIHUAN_PORTAL_MIN_FILL_SECONDS = env_int(
    "BIHUAN_PORTAL_MIN_FILL_SECONDS", 3, minimum=0, maximum=600
)

# After a successful look-up the browser's session may open the complaint this long.
BIHUAN_PORTAL_ACCESS_MINUTES = env_int("BIHUAN_PORTAL_ACCESS_MINUTES", 30, minimum=1, maximum=1440)
