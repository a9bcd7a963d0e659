"""Time portal submissions under a bounded load on 127.0.0.1.

    .venv/bin/python -m bench.portal_submit                      # 8 clients, 400 submissions
    .venv/bin/python -m bench.portal_submit --clients 4 --submissions 100
    .venv/bin/python -m bench.portal_submit --postgres postgres://postgres@127.0.0.1:5432/postgres

Starts the application as `make run` serves it (waitress, embedded settings) on a free
port of 127.0.0.1, with a throwaway SQLite database and media directory in a temporary
directory (migrated, a museum organisation and two sites), the CAPTCHA off and the
per-address limit raised: every client comes from 127.0.0.1. Then this process plays
CLIENTS members of the public at once (threads, one keep-alive connection and one
session each): each submission is a GET of the form and a POST of the complaint with a
small photo (a 640x480 JPEG), which the server checks and re-encodes. Prints one JSON
object per figure: latency percentiles of the POST alone and of form plus POST
(milliseconds), and the throughput. With --postgres SERVER_URL the database is a
throwaway PostgreSQL database created on that server (and dropped afterwards) instead.
"""

from __future__ import annotations

import argparse
import http.client
import io
import json
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
WARM_UP = 8

_SETUP = """
from bihuan.org.models import Site
from bihuan.org.services import organisation_set_up
organisation_set_up(name="Bench museum", sector="museum")
Site.objects.get_or_create(code="main", defaults={"name": "主馆", "name_i18n": {"en": "Main"}})
Site.objects.get_or_create(code="north", defaults={"name": "北馆", "name_i18n": {"en": "North"}})
"""


def _environment(directory: Path, database_url: str) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if key != "DATABASE_URL"}
    if database_url:
        env["DATABASE_URL"] = database_url
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "config.settings.embedded",
            "BIHUAN_VAR_DIR": str(directory),
            "BIHUAN_PORTAL_CAPTCHA": "0",
            "BIHUAN_PORTAL_SUBMIT_LIMIT": "1000000",
            "PYTHONUNBUFFERED": "1",
        }
    )
    return env


def _manage(env: dict[str, str], *args: str) -> None:
    subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True)


@contextmanager
def _throwaway_postgres(server_url: str) -> Iterator[str]:
    """A new, empty database on the server; its URL; dropped at the end."""
    import psycopg

    name = f"bihuan_bench_portal_{uuid.uuid4().hex[:10]}"
    parts = urlsplit(server_url)
    with psycopg.connect(server_url, autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    try:
        yield urlunsplit(parts._replace(path=f"/{name}"))
    finally:
        with psycopg.connect(server_url, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextmanager
def _server(env: dict[str, str], port: int, threads: int, log: Path) -> Iterator[None]:
    with log.open("w") as output:
        process = subprocess.Popen(
            [
                sys.executable,
                "manage.py",
                "serve",
                "--port",
                str(port),
                "--threads",
                str(threads),
                "--no-jobs",
            ],
            cwd=ROOT,
            env=env,
            stdout=output,
            stderr=subprocess.STDOUT,
        )
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
                connection.request("GET", "/portal/")
                if connection.getresponse().status == 200:
                    break
            except OSError:
                pass
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"the server did not start:\n{log.read_text()[-3000:]}")
            time.sleep(0.3)
        yield
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def _photo() -> bytes:
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (640, 480), (210, 220, 235))
    draw = ImageDraw.Draw(image)
    for step in range(0, 640, 16):
        draw.line([(step, 0), (640 - step, 480)], fill=(step % 255, 90, 160), width=3)
    out = io.BytesIO()
    image.save(out, format="JPEG", quality=85)
    return out.getvalue()


def _multipart(fields: dict[str, str], photo: bytes) -> tuple[str, bytes]:
    boundary = uuid.uuid4().hex
    parts = []
    for name, value in fields.items():
        parts.append(
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'
        )
    body = "".join(parts).encode()
    body += (
        f'--{boundary}\r\nContent-Disposition: form-data; name="files"; '
        'filename="photo.jpg"\r\nContent-Type: image/jpeg\r\n\r\n'
    ).encode()
    body += photo + f"\r\n--{boundary}--\r\n".encode()
    return f"multipart/form-data; boundary={boundary}", body


@dataclass
class Client:
    """One member of the public: a keep-alive connection and the cookies of a session."""

    port: int
    photo: bytes
    cookies: dict[str, str] = field(default_factory=dict)
    connection: http.client.HTTPConnection | None = None

    def _request(
        self, method: str, path: str, body: bytes | None = None, headers: dict | None = None
    ) -> tuple[int, str]:
        if self.connection is None:
            self.connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        headers = dict(headers or {})
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        try:
            self.connection.request(method, path, body=body, headers=headers)
            response = self.connection.getresponse()
            data = response.read()
        except (OSError, http.client.HTTPException):
            self.connection.close()
            self.connection = None
            raise
        for header in response.headers.get_all("Set-Cookie") or []:
            cookie = SimpleCookie()
            cookie.load(header)
            self.cookies.update({name: morsel.value for name, morsel in cookie.items()})
        return response.status, data.decode("utf-8", "replace")

    def submit(self, number: int) -> tuple[float, float]:
        """File one complaint; the seconds of the POST and of form plus POST."""
        started = time.perf_counter()
        status, html = self._request("GET", "/portal/")
        if status != 200:
            raise RuntimeError(f"GET /portal/ answered {status}")
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)
        notice = re.search(r'name="notice_version" value="([^"]*)"', html)
        if token is None or notice is None:
            raise RuntimeError("the form lacks its CSRF token or notice version")
        fields = {
            "csrfmiddlewaretoken": token.group(1),
            "notice_version": notice.group(1),
            "description": f"第{number}号：三号展厅的互动装置坏了，孩子排队半小时没玩上。",
            "demand": "尽快修好",
            "occurred_date": "2026-01-10",
            "occurred_time": "10:30",
            "name": "压测",
            "phone": f"139{number:08d}",
            "email": "",
            "consent": "on",
            "website": "",
        }
        content_type, body = _multipart(fields, self.photo)
        posted = time.perf_counter()
        status, html = self._request(
            "POST",
            "/portal/",
            body=body,
            headers={
                "Content-Type": content_type,
                "Referer": f"http://127.0.0.1:{self.port}/portal/",
            },
        )
        finished = time.perf_counter()
        if status != 302:
            raise RuntimeError(f"POST /portal/ answered {status}: {html[:300]}")
        return finished - posted, finished - started


def _percentiles(name: str, seconds: list[float]) -> dict:
    ms = sorted(value * 1000 for value in seconds)
    cuts = statistics.quantiles(ms, n=100, method="inclusive")
    return {
        "figure": name,
        "count": len(ms),
        "p50_ms": round(statistics.median(ms), 1),
        "p95_ms": round(cuts[94], 1),
        "p99_ms": round(cuts[98], 1),
        "max_ms": round(ms[-1], 1),
    }


def _load(port: int, clients: int, submissions: int) -> None:
    photo = _photo()
    warm = Client(port, photo)
    for number in range(WARM_UP):
        warm.submit(number)
    remaining = iter(range(WARM_UP, WARM_UP + submissions))
    lock = threading.Lock()
    posts: list[float] = []
    rounds: list[float] = []
    errors: list[str] = []

    def play() -> None:
        client = Client(port, photo)
        while True:
            with lock:
                number = next(remaining, None)
            if number is None:
                return
            try:
                post, whole = client.submit(number)
            except (RuntimeError, OSError, http.client.HTTPException) as error:
                with lock:
                    errors.append(str(error)[:200])
                continue
            with lock:
                posts.append(post)
                rounds.append(whole)

    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=clients) as pool:
        for _client in range(clients):
            pool.submit(play)
    elapsed = time.perf_counter() - started
    print(json.dumps(_percentiles("portal submission: POST with a photo", posts)))
    print(json.dumps(_percentiles("portal submission: form GET + POST", rounds)))
    print(
        json.dumps(
            {
                "figure": "throughput",
                "clients": clients,
                "submissions": len(posts),
                "errors": len(errors),
                "seconds": round(elapsed, 2),
                "submissions_per_s": round(len(posts) / elapsed, 2),
                "photo_bytes": len(photo),
            }
        )
    )
    for error in errors[:5]:
        print(json.dumps({"error": error}, ensure_ascii=False), file=sys.stderr)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--submissions", type=int, default=400)
    parser.add_argument("--threads", type=int, default=8, help="The server's threads.")
    parser.add_argument("--keep", action="store_true", help="Keep the temporary directory.")
    parser.add_argument(
        "--postgres",
        default="",
        metavar="SERVER_URL",
        help="Run on a throwaway database created on this PostgreSQL server.",
    )
    args = parser.parse_args()
    directory = Path(tempfile.mkdtemp(prefix="bihuan-bench-portal-"))
    try:
        with ExitStack() as stack:
            database_url = (
                stack.enter_context(_throwaway_postgres(args.postgres)) if args.postgres else ""
            )
            env = _environment(directory, database_url)
            _manage(env, "migrate", "--noinput", "-v", "0")
            _manage(env, "collectstatic", "--noinput", "-v", "0")
            _manage(env, "shell", "-v", "0", "-c", _SETUP)
            port = _free_port()
            database = "postgresql" if args.postgres else "sqlite"
            server = f"waitress, {args.threads} threads"
            print(json.dumps({"database": database, "server": server}))
            with _server(env, port, args.threads, directory / "server.log"):
                _load(port, args.clients, args.submissions)
    finally:
        if args.keep:
            print(json.dumps({"kept": str(directory)}), file=sys.stderr)
        else:
            shutil.rmtree(directory, ignore_errors=True)


if __name__ == "__main__":
    main()
