"""Settings of bihuan.notices (star-imported by base.py; env helpers from ..env)."""

from django.core.exceptions import ImproperlyConfigured

from ..env import env_bool, env_float, env_list, env_str

# Notices to complainants (acknowledgement, progress, result notice, surveys). Off: the
# workflow records no notices at all (a deployment that tells complainants by hand).
# The test settings switch them off (other apps' tests count timeline events and outbox
# messages exactly); tests/notices switch them on.
BIHUAN_NOTICES_ENABLED = env_bool("BIHUAN_NOTICES_ENABLED", True)
# The channels notices may use, of email, sms and wechat.
BIHUAN_NOTICE_CHANNELS = env_list("BIHUAN_NOTICE_CHANNELS", ["email", "sms", "wechat"])
if set(BIHUAN_NOTICE_CHANNELS) - {"email", "sms", "wechat"}:
    raise ImproperlyConfigured(
        f"BIHUAN_NOTICE_CHANNELS takes email, sms and wechat, not {BIHUAN_NOTICE_CHANNELS!r}."
    )

# The email transport asks these callables (dotted paths) for extra headers of each
# outbox message: the notices give their Message-ID so that replies thread back.
BIHUAN_EMAIL_HEADER_HOOKS = ["bihuan.notices.mail.outbox_headers"]

# SMS and WeChat template messages: provider plugins (bihuan.notices.providers). The
# default providers write to the log.
BIHUAN_SMS_PROVIDER = env_str("BIHUAN_SMS_PROVIDER", "bihuan.notices.providers.log.LogSmsProvider")
BIHUAN_WECHAT_PROVIDER = env_str(
    "BIHUAN_WECHAT_PROVIDER", "bihuan.notices.providers.log.LogWechatProvider"
)
BIHUAN_PROVIDER_TIMEOUT = env_float("BIHUAN_PROVIDER_TIMEOUT", 10.0, minimum=0.5, maximum=120.0)

# The generic HTTP SMS gateway (bihuan.notices.providers.http_sms.HttpSmsProvider).
BIHUAN_SMS_HTTP_URL = env_str("BIHUAN_SMS_HTTP_URL", "")
BIHUAN_SMS_HTTP_TOKEN = env_str("BIHUAN_SMS_HTTP_TOKEN", "")
BIHUAN_SMS_HTTP_SENDER = env_str("BIHUAN_SMS_HTTP_SENDER", "")

# WeChat official account (bihuan.notices.providers.wechat.WechatTemplateProvider).
BIHUAN_WECHAT_API_BASE = env_str("BIHUAN_WECHAT_API_BASE", "https://api.weixin.qq.com")
BIHUAN_WECHAT_APP_ID = env_str("BIHUAN_WECHAT_APP_ID", "")
BIHUAN_WECHAT_APP_SECRET = env_str("BIHUAN_WECHAT_APP_SECRET", "")
# The template registered in the official account for complaint notices (fields first,
# keyword1 tracking code, keyword2 status, keyword3 date, remark); a template row in the
# admin may name another. Without one, no WeChat notices are queued.
BIHUAN_WECHAT_TEMPLATE_ID = env_str("BIHUAN_WECHAT_TEMPLATE_ID", "")
