"""WeChat official-account template messages (模板消息).

``POST {BIHUAN_WECHAT_API_BASE}/cgi-bin/message/template/send?access_token=...`` with
``{"touser", "template_id", "url", "data"}``. The access token comes from
``GET /cgi-bin/token?grant_type=client_credential&appid=...&secret=...`` and is cached
(Django's cache) until five minutes before it expires; an answer saying the token is
invalid or expired drops it and tries once more with a fresh one. WeChat answers HTTP 200
with ``errcode``: 0 is success, the codes of :data:`PERMANENT` refuse this message for
good (an openid that does not follow the account, a template that does not exist).
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from typing import Any
from urllib.parse import urlencode

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ImproperlyConfigured

from .base import ProviderRejected, WechatProvider
from .httpjson import request_json

logger = logging.getLogger(__name__)

TOKEN_EXPIRED = frozenset({40001, 40014, 42001})
PERMANENT = frozenset(
    {
        40003,  # invalid openid
        40036,  # invalid template_id size
        40037,  # invalid template_id
        43004,  # the user does not follow the account
        43101,  # the user refused messages
        47003,  # template arguments invalid
    }
)
TOKEN_MARGIN = 300  # seconds before expiry a cached token is given up


class WechatApiError(RuntimeError):
    """WeChat answered with an error code worth trying again later."""


class WechatTemplateProvider(WechatProvider):
    def send(self, openid: str, template_id: str, data: Mapping[str, Any], url: str) -> None:
        message = {"touser": openid, "template_id": template_id, "data": dict(data)}
        if url:
            message["url"] = url
        for attempt in range(2):
            token = self._token(fresh=attempt > 0)
            answer = request_json(
                self._url("/cgi-bin/message/template/send", access_token=token), payload=message
            )
            code = int(answer.body.get("errcode", -1)) if answer.status == 200 else -1
            if code == 0:
                return
            if code in TOKEN_EXPIRED and attempt == 0:
                continue
            reason = (
                f"WeChat answered {answer.status}, errcode {code}: {answer.body.get('errmsg', '')}"
            )
            if code in PERMANENT:
                raise ProviderRejected(reason)
            raise WechatApiError(reason)

    def _token(self, *, fresh: bool) -> str:
        app_id, secret = settings.BIHUAN_WECHAT_APP_ID, settings.BIHUAN_WECHAT_APP_SECRET
        if not app_id or not secret:
            raise ImproperlyConfigured(
                "BIHUAN_WECHAT_APP_ID and BIHUAN_WECHAT_APP_SECRET are needed"
            )
        key = f"bihuan.notices.wechat-token:{app_id}"
        cached = None if fresh else cache.get(key)
        if cached:
            return str(cached)
        answer = request_json(
            self._url("/cgi-bin/token", grant_type="client_credential", appid=app_id, secret=secret)
        )
        token = answer.body.get("access_token")
        if answer.status != 200 or not token:
            raise WechatApiError(
                f"no access token from WeChat ({answer.status}): "
                f"errcode {answer.body.get('errcode')}, {answer.body.get('errmsg', '')}"
            )
        lifetime = int(answer.body.get("expires_in", 7200))
        cache.set(key, token, timeout=max(lifetime - TOKEN_MARGIN, 60))
        return str(token)

    def _url(self, path: str, **query: str) -> str:
        return f"{settings.BIHUAN_WECHAT_API_BASE.rstrip('/')}{path}?{urlencode(query)}"
