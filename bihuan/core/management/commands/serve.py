"""Serve Bihuan with waitress, the periodic jobs running alongside: no other server needed."""

import signal
import sys
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from bihuan.core.runner import JobRunner


class Command(BaseCommand):
    help = (
        "Serve the web application on 127.0.0.1 (waitress, static files by WhiteNoise) "
        "and run the periodic jobs in background threads."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument("--threads", type=int, default=8)
        parser.add_argument(
            "--no-jobs",
            action="store_true",
            help="Do not run the periodic jobs here (Celery worker and beat run them).",
        )

    def handle(
        self, *args: Any, host: str, port: int, threads: int, no_jobs: bool, **options: Any
    ) -> None:
        from waitress import serve

        from config.wsgi import application

        runner = None if no_jobs else JobRunner()
        # SIGTERM (a service manager stopping us) ends waitress's loop as Ctrl-C does, so
        # that the jobs stop cleanly below.
        signal.signal(signal.SIGTERM, lambda signum, frame: sys.exit(0))
        if runner is not None:
            runner.start()
        self.stdout.write(f"Bihuan is serving on http://{host}:{port}/ (Ctrl-C stops it)")
        try:
            serve(application, host=host, port=port, threads=threads, ident="bihuan")
        finally:
            if runner is not None:
                runner.stop()
