"""Project configuration. The Celery app is loaded with it, as Celery's Django guide does,
so that ``celery -A config`` and ``shared_task`` find it."""

from .celery import app as celery_app

__all__ = ("celery_app",)
