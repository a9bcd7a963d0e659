"""A real SMTP server (aiosmtpd, from the notifications tests) and fake SMS and WeChat
provider servers on 127.0.0.1: the only things mocked are the providers' servers."""

from __future__ import annotations

import json
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from django.core.cache import cache

from ..backoffice.conftest import client, login  # noqa: F401  (fixtures)
from ..notifications.conftest import Inbox, smtp, smtp_server  # noqa: F401  (fixtures)

Answer = tuple[int, dict[str, Any]]


@pytest.fixture(autouse=True)
def notices_on(settings: Any) -> None:
    """The test settings leave notices off for the other apps' tests; these need them."""
    settings.BIHUAN_NOTICES_ENABLED = True


@dataclass
class Call:
    method: str
    path: str
    query: dict[str, str]
    headers: dict[str, str]
    body: dict[str, Any]


@dataclass
class FakeProvider:
    """An HTTP server on 127.0.0.1 that records each request and answers with ``answer``."""

    url: str
    answer: Callable[[Call], Answer]
    calls: list[Call] = field(default_factory=list)

    def to(self, path: str) -> list[Call]:
        return [call for call in self.calls if call.path == path]


def _handler(provider: FakeProvider) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def _serve(self) -> None:
            parts = urlsplit(self.path)
            length = int(self.headers.get("Content-Length") or 0)
            raw = self.rfile.read(length) if length else b""
            call = Call(
                method=self.command,
                path=parts.path,
                query={k: v[0] for k, v in parse_qs(parts.query).items()},
                headers={k.lower(): v for k, v in self.headers.items()},
                body=json.loads(raw.decode("utf-8")) if raw else {},
            )
            provider.calls.append(call)
            status, body = provider.answer(call)
            content = json.dumps(body).encode("utf-8")
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(content)))
            self.end_headers()
            self.wfile.write(content)

        do_GET = do_POST = _serve

        def log_message(self, format: str, *args: Any) -> None:
            pass

    return Handler


@pytest.fixture
def fake_provider() -> Iterator[FakeProvider]:
    provider = FakeProvider(url="", answer=lambda call: (200, {"ok": True}))
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(provider))
    provider.url = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield provider
    finally:
        server.shutdown()
        server.server_close()
        thread.join(5)


@pytest.fixture
def sms_gateway(settings: Any, fake_provider: FakeProvider) -> FakeProvider:
    """The generic HTTP SMS provider, pointed at the fake gateway."""
    settings.BIHUAN_SMS_PROVIDER = "bihuan.notices.providers.http_sms.HttpSmsProvider"
    settings.BIHUAN_SMS_HTTP_URL = f"{fake_provider.url}/sms"
    settings.BIHUAN_SMS_HTTP_TOKEN = "gateway-token"
    settings.BIHUAN_SMS_HTTP_SENDER = "MUSEUM"
    return fake_provider


@pytest.fixture
def wechat_api(settings: Any, fake_provider: FakeProvider) -> Iterator[FakeProvider]:
    """WeChat's template-message provider, pointed at a fake WeChat API."""
    settings.BIHUAN_WECHAT_PROVIDER = "bihuan.notices.providers.wechat.WechatTemplateProvider"
    settings.BIHUAN_WECHAT_API_BASE = fake_provider.url
    settings.BIHUAN_WECHAT_APP_ID = "wx-app"
    settings.BIHUAN_WECHAT_APP_SECRET = "wx-secret"
    settings.BIHUAN_WECHAT_TEMPLATE_ID = "TPL-progress"
    cache.clear()
    tokens = iter(f"token-{n}" for n in range(1, 100))

    def answer(call: Call) -> Answer:
        if call.path == "/cgi-bin/token":
            return 200, {"access_token": next(tokens), "expires_in": 7200}
        return 200, {"errcode": 0, "errmsg": "ok", "msgid": 1}

    fake_provider.answer = answer
    yield fake_provider
    cache.clear()
