"""The periodic jobs: one registry, an embedded runner that runs them, survives their errors
and stops cleanly, and the commands that start it."""

from __future__ import annotations

import logging
import signal
import threading
from collections.abc import Iterator
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command
from django.core.management.base import CommandError

from bihuan.core import jobs
from bihuan.core.jobs import PERIODIC_JOBS, Job
from bihuan.core.runner import JobRunner

runs: list[str] = []
ran = threading.Event()
users_seen: list[int] = []


def record_run() -> None:
    runs.append(threading.current_thread().name)
    ran.set()


def count_users() -> None:
    users_seen.append(User.objects.count())
    ran.set()


def fail() -> None:
    runs.append("failed")
    ran.set()
    raise RuntimeError("the sweep broke")


RECORD = Job("test.record", "tests.core.test_jobs.record_run", 60)
COUNT_USERS = Job("test.count_users", "tests.core.test_jobs.count_users", 60)
FAIL = Job("test.fail", "tests.core.test_jobs.fail", 0.01)


@pytest.fixture(autouse=True)
def fresh() -> Iterator[None]:
    runs.clear()
    users_seen.clear()
    ran.clear()
    yield


@pytest.fixture
def sigterm() -> Iterator[None]:
    """The commands install a SIGTERM handler; give the test process its own back."""
    previous = signal.getsignal(signal.SIGTERM)
    yield
    signal.signal(signal.SIGTERM, previous)


def wait_for(condition: Any, timeout: float = 10) -> None:
    for _ in range(int(timeout / 0.01)):
        if condition():
            return
        threading.Event().wait(0.01)
    raise AssertionError("timed out")


def test_every_registered_job_has_a_unique_name_an_importable_function_and_an_interval() -> None:
    names = [job.name for job in PERIODIC_JOBS]
    assert len(names) == len(set(names))
    for job in PERIODIC_JOBS:
        assert callable(job.load()) and job.interval > 0
    assert jobs.job_named("notifications.deliver_due").interval == 10


def test_the_runner_runs_a_job_at_once_and_stops_cleanly() -> None:
    runner = JobRunner([RECORD])
    runner.start()
    try:
        assert ran.wait(10)
        assert runs == ["job test.record"]
    finally:
        runner.stop(timeout=10)
    assert not runner.running
    assert not any(t.name == "job test.record" for t in threading.enumerate())


def test_a_wake_up_runs_the_job_before_its_interval() -> None:
    runner = JobRunner([RECORD])
    runner.start()
    try:
        assert ran.wait(10)
        ran.clear()
        jobs.wake("test.record")
        assert ran.wait(10), "the job did not run again on wake()"
        assert len(runs) == 2
    finally:
        runner.stop(timeout=10)
    jobs.wake("test.record")  # a stopped runner no longer listens
    assert len(runs) == 2


def test_a_failing_job_is_logged_and_runs_again(caplog: pytest.LogCaptureFixture) -> None:
    runner = JobRunner([FAIL])
    with caplog.at_level(logging.ERROR, logger="bihuan.core.runner"):
        runner.start()
        try:
            wait_for(lambda: len(runs) >= 3)
        finally:
            runner.stop(timeout=10)
    assert "job test.fail failed" in caplog.text and "the sweep broke" in caplog.text


@pytest.mark.django_db(transaction=True)
def test_a_job_reads_the_database_on_its_own_connection() -> None:
    User.objects.create_user("someone")
    runner = JobRunner([COUNT_USERS])
    runner.start()
    try:
        assert ran.wait(10)
    finally:
        runner.stop(timeout=10)
    assert users_seen == [1]


def test_a_runner_cannot_be_started_twice() -> None:
    runner = JobRunner([RECORD])
    runner.start()
    try:
        with pytest.raises(RuntimeError):
            runner.start()
    finally:
        runner.stop(timeout=10)


def test_run_jobs_once_runs_every_job_and_reports_failures(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(jobs, "PERIODIC_JOBS", (RECORD,))
    call_command("run_jobs", "--once")
    assert runs == ["MainThread"]
    monkeypatch.setattr(jobs, "PERIODIC_JOBS", (RECORD, FAIL))
    with pytest.raises(CommandError, match=r"failed: test\.fail"):
        call_command("run_jobs", "--once")


def _fake_serve(seen: dict[str, Any]) -> Any:
    def serve(application: object, **options: object) -> None:
        seen["options"] = options
        seen["ran"] = ran.wait(10)
        seen["threads"] = [t.name for t in threading.enumerate() if t.name.startswith("job ")]

    return serve


@pytest.mark.usefixtures("sigterm")
def test_serve_runs_the_jobs_beside_the_web_server_and_stops_them_after(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import waitress

    seen: dict[str, Any] = {}
    monkeypatch.setattr(jobs, "PERIODIC_JOBS", (RECORD,))
    monkeypatch.setattr(waitress, "serve", _fake_serve(seen))
    call_command("serve", "--port", "8123")
    assert seen["ran"] is True and seen["threads"] == ["job test.record"]
    assert seen["options"]["port"] == 8123
    assert not any(t.name.startswith("job ") for t in threading.enumerate())


@pytest.mark.usefixtures("sigterm")
def test_serve_no_jobs_leaves_them_to_celery(monkeypatch: pytest.MonkeyPatch) -> None:
    import waitress

    seen: dict[str, Any] = {}
    monkeypatch.setattr(jobs, "PERIODIC_JOBS", (RECORD,))
    monkeypatch.setattr(waitress, "serve", _fake_serve(seen))
    ran.set()  # do not wait for a run that must not happen
    call_command("serve", "--no-jobs")
    assert seen["threads"] == [] and runs == []
