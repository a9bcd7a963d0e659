"""Celery, for running the periodic jobs on workers when one process is not enough.

Every job of ``bihuan.core.jobs.PERIODIC_JOBS`` becomes a task named
``bihuan.jobs.<job name>`` and a beat entry at the job's interval: one definition for the
embedded runner and for Celery. Tasks are acknowledged after they run and given back
when their worker is lost, so a killed worker loses no job; the jobs are idempotent, so
running one again is harmless. A beat entry expires after one interval: when workers are
down, stale runs do not pile up behind the next one.
"""

from __future__ import annotations

import os
from typing import Any

from celery import Celery

from bihuan.core.jobs import PERIODIC_JOBS, Job, run_job

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.embedded")

app = Celery("bihuan")
app.config_from_object("django.conf:settings", namespace="CELERY")


def task_name(job: Job) -> str:
    return f"bihuan.jobs.{job.name}"


def _define_task(job: Job) -> Any:
    def run() -> None:
        run_job(job)

    run.__name__ = run.__qualname__ = job.name.replace(".", "_")
    return app.task(run, name=task_name(job), ignore_result=True)


JOB_TASKS = {job.name: _define_task(job) for job in PERIODIC_JOBS}

app.conf.beat_schedule = {
    job.name: {
        "task": task_name(job),
        "schedule": job.interval,
        "options": {"expires": job.interval},
    }
    for job in PERIODIC_JOBS
}
