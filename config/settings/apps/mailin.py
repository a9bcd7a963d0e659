"""Settings of bihuan.mailin (star-imported by base.py; env helpers from ..env)."""

from ..env import env_bool, env_float, env_int, env_list, env_str  # noqa: F401
