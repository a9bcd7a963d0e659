"""The periodic jobs, defined once for both runners.

The embedded runner (:mod:`bihuan.core.runner`, started by ``manage.py serve`` and
``manage.py run_jobs``) and Celery (``config/celery.py``: one task and one beat entry per
job) both read :data:`PERIODIC_JOBS`. A job is a function with no required arguments that
is safe to run twice at once (it claims its rows with compare-and-swap), so a task that is
delivered again after a worker was lost does no harm. Adding a job is one line below.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass

from django.db import close_old_connections
from django.utils.module_loading import import_string

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Job:
    """A named function (by dotted path) and how often, in seconds, it runs."""

    name: str
    path: str
    interval: float

    def load(self) -> Callable[[], object]:
        function: Callable[[], object] = import_string(self.path)
        return function


PERIODIC_JOBS: tuple[Job, ...] = (
    Job("notifications.deliver_due", "bihuan.notifications.delivery.deliver_due", 10),
    Job("complaints.deadlines.sweep", "bihuan.complaints.deadlines.sweep", 60),
    Job("mailin.poll_mailbox", "bihuan.mailin.imap.poll_mailbox", 60),
    Job("api.idempotency.expire", "bihuan.api.idempotency.idempotency_expire", 3600),
)


def job_named(name: str, jobs: tuple[Job, ...] | None = None) -> Job:
    for job in PERIODIC_JOBS if jobs is None else jobs:
        if job.name == name:
            return job
    raise KeyError(name)


def run_job(job: Job) -> object:
    """Run ``job`` once with fresh database connections; errors propagate to the caller."""
    close_old_connections()
    try:
        return job.load()()
    finally:
        close_old_connections()


# Wake-ups: a service that has just made work for a job (notify() writing outbox rows)
# asks for an early run, after its commit. Only runners in this process hear it; the
# others find the work at their next interval.
_wake_listeners: set[Callable[[str], None]] = set()
_wake_lock = threading.Lock()


def wake(name: str) -> None:
    """Ask the runners of this process to run job ``name`` now rather than at its interval."""
    with _wake_lock:
        listeners = list(_wake_listeners)
    for listener in listeners:
        listener(name)


def add_wake_listener(listener: Callable[[str], None]) -> None:
    with _wake_lock:
        _wake_listeners.add(listener)


def remove_wake_listener(listener: Callable[[str], None]) -> None:
    with _wake_lock:
        _wake_listeners.discard(listener)
