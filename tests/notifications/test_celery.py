"""A real Celery worker, on the machine's Redis, delivers the outbox through a real SMTP
server, each message exactly once.

The worker is a subprocess (``celery -A config worker``) consuming a queue of its own, with
settings that open this test's database: the SQLite file or the PostgreSQL test database,
named in DATABASE_URL. The test commits its rows (``transaction=True``) so that the worker
sees them, sends the registry's delivery task, and waits, bounded, for the mail.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest
import redis
from django.conf import settings
from django.db import connection
from kombu import Exchange, Queue

from bihuan.notifications.choices import Kind, OutboxStatus
from bihuan.notifications.models import OutboxMessage
from bihuan.notifications.services import notify
from config.celery import JOB_TASKS, app

from .conftest import Inbox, person

WAIT_SECONDS = 30


def database_url(database: dict[str, Any]) -> str:
    """A DATABASE_URL for the database this test runs on (its test name, not the real one)."""
    if database["ENGINE"] == "django.db.backends.sqlite3":
        return f"sqlite:///{database['NAME']}"
    credentials = quote(database["USER"] or "", safe="")
    if database["PASSWORD"]:
        credentials += ":" + quote(database["PASSWORD"], safe="")
    host = f"{database['HOST'] or '127.0.0.1'}:{database['PORT'] or 5432}"
    return f"postgres://{credentials}@{host}/{quote(database['NAME'], safe='')}"


@pytest.fixture
def broker() -> str:
    url = str(settings.CELERY_BROKER_URL)
    try:
        redis.Redis.from_url(url, socket_connect_timeout=2).ping()
    except redis.RedisError as error:
        reason = f"Redis is unreachable at {url} ({error}); start it to run the Celery test"
        if os.environ.get("CI"):
            pytest.fail(reason)  # .ci/run starts Redis: a skip there would hide a failure
        pytest.skip(reason)
    return url


@pytest.fixture
def queue(broker: str) -> Iterator[Queue]:
    """A queue of this test's own, declared before anything is sent, deleted afterwards."""
    name = f"bihuan-test-{uuid.uuid4().hex}"
    declared = Queue(name, Exchange(name, type="direct"), routing_key=name)
    with app.connection_for_write() as conn:
        declared.bind(conn).declare()
    yield declared
    with app.connection_for_write() as conn:
        declared.bind(conn).delete()


@pytest.fixture
def worker(
    broker: str, queue: Queue, smtp_server: Inbox, tmp_path: Path
) -> Iterator[subprocess.Popen[bytes]]:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
        "DATABASE_URL": database_url(connection.settings_dict),
        "CELERY_BROKER_URL": broker,
        "BIHUAN_SMTP_HOST": smtp_server.host,
        "BIHUAN_SMTP_PORT": str(smtp_server.port),
        "BIHUAN_SMTP_TLS": "0",
    }
    env.pop("BIHUAN_SMTP_USER", None)
    env.pop("BIHUAN_SMTP_PASSWORD", None)
    log = (tmp_path / "worker.log").open("wb")
    process = subprocess.Popen(
        [
            str(Path(sys.executable).parent / "celery"),
            "-A",
            "config",
            "worker",
            "--pool=solo",
            "--concurrency=1",
            "-Q",
            queue.name,
            "-n",
            f"{queue.name}@%h",
            "--without-gossip",
            "--without-mingle",
            "--without-heartbeat",
            "--loglevel=INFO",
        ],
        cwd=settings.BASE_DIR,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    process.log_path = tmp_path / "worker.log"  # type: ignore[attr-defined]
    try:
        yield process
    finally:
        process.terminate()  # a warm shutdown
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)
        log.close()


def wait_until(condition: Callable[[], bool], worker: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + WAIT_SECONDS
    while time.monotonic() < deadline:
        if condition():
            return
        if worker.poll() is not None:
            break
        time.sleep(0.2)
    log = Path(worker.log_path).read_text(errors="replace")  # type: ignore[attr-defined]
    pytest.fail(f"no delivery within {WAIT_SECONDS} s (worker exit code {worker.poll()}):\n{log}")


def status(message: OutboxMessage) -> str:
    message.refresh_from_db()
    return message.status


@pytest.mark.celery
@pytest.mark.django_db(transaction=True)
def test_a_celery_worker_delivers_each_outbox_message_exactly_once(
    worker: subprocess.Popen[bytes], queue: Queue, smtp_server: Inbox
) -> None:
    deliver = JOB_TASKS["notifications.deliver_due"]
    notify(recipients=[person("head")], kind=Kind.SUPERVISION, title="督办：GF-1", body="已超时")
    first = OutboxMessage.objects.get()

    deliver.apply_async(queue=queue.name)
    wait_until(lambda: status(first) == OutboxStatus.SENT, worker)
    [mail] = smtp_server.to("head@museum.example")
    assert mail["Subject"] == "督办：GF-1"

    # Run the task twice more, with a second message: the second arrives, the first does not
    # come again.
    notify(recipients=[person("leader")], kind=Kind.ESCALATION, title="升级：GF-1", body="")
    second = OutboxMessage.objects.get(recipient="leader@museum.example")
    deliver.apply_async(queue=queue.name)
    deliver.apply_async(queue=queue.name)
    wait_until(lambda: status(second) == OutboxStatus.SENT, worker)
    assert len(smtp_server.to("leader@museum.example")) == 1
    assert len(smtp_server.to("head@museum.example")) == 1
    first.refresh_from_db()
    assert first.attempts == 1 and first.delivery_attempts.count() == 1


def test_celery_has_a_task_and_a_beat_entry_for_every_registered_job() -> None:
    from bihuan.core.jobs import PERIODIC_JOBS

    assert set(JOB_TASKS) == {job.name for job in PERIODIC_JOBS}
    schedule = app.conf.beat_schedule
    for job in PERIODIC_JOBS:
        entry = schedule[job.name]
        assert entry["task"] == JOB_TASKS[job.name].name and entry["schedule"] == job.interval
    assert app.conf.task_acks_late is True
    assert app.conf.task_reject_on_worker_lost is True
    assert app.conf.worker_prefetch_multiplier == 1
