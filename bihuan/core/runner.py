"""The embedded job runner: the periodic jobs in threads of the web server's process.

One daemon thread per job, so that a slow sweep never holds up the mail. Each run opens
its own database connections and closes them afterwards; an error is logged and the
thread carries on at the next interval. :meth:`JobRunner.stop` lets a run in progress
finish (up to a timeout) and returns when every thread has ended.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterable

from django.db import connections

from . import jobs
from .jobs import Job

logger = logging.getLogger(__name__)


class JobRunner:
    """Runs each job on its interval until stopped; ``wake(name)`` runs one early."""

    def __init__(self, periodic: Iterable[Job] | None = None) -> None:
        self.jobs = tuple(jobs.PERIODIC_JOBS if periodic is None else periodic)
        self._stopping = threading.Event()
        self._wakes = {job.name: threading.Event() for job in self.jobs}
        self._threads: list[threading.Thread] = []

    def start(self) -> None:
        if self._threads:
            raise RuntimeError("the job runner is already running")
        self._stopping.clear()
        jobs.add_wake_listener(self.wake)
        for job in self.jobs:
            thread = threading.Thread(
                target=self._loop, args=(job,), name=f"job {job.name}", daemon=True
            )
            self._threads.append(thread)
            thread.start()
        logger.info("job runner started: %s", ", ".join(job.name for job in self.jobs))

    def stop(self, timeout: float = 30) -> None:
        jobs.remove_wake_listener(self.wake)
        self._stopping.set()
        for event in self._wakes.values():
            event.set()
        for thread in self._threads:
            thread.join(timeout)
            if thread.is_alive():
                logger.warning("%s did not stop within %s s", thread.name, timeout)
        self._threads = []

    def wake(self, name: str) -> None:
        event = self._wakes.get(name)
        if event is not None:
            event.set()

    @property
    def running(self) -> bool:
        return any(thread.is_alive() for thread in self._threads)

    def _loop(self, job: Job) -> None:
        wake = self._wakes[job.name]
        try:
            while not self._stopping.is_set():
                wake.clear()
                run_logged(job)
                wake.wait(job.interval)
        finally:
            connections.close_all()  # this thread's own connections


def run_logged(job: Job) -> bool:
    """Run ``job`` once; log rather than raise an error. Whether it succeeded."""
    try:
        jobs.run_job(job)
    except Exception:
        logger.exception("job %s failed", job.name)
        return False
    return True
