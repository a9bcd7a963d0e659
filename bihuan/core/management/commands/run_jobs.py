"""Run the periodic jobs without the web server (the embedded runner on its own)."""

import signal
import threading
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from bihuan.core import jobs
from bihuan.core.runner import JobRunner, run_logged


class Command(BaseCommand):
    help = "Run the periodic jobs (outbox delivery, deadline sweep) until stopped."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--once", action="store_true", help="Run every job once, then exit.")

    def handle(self, *args: Any, once: bool, **options: Any) -> None:
        if once:
            failed = [job.name for job in jobs.PERIODIC_JOBS if not run_logged(job)]
            if failed:
                raise CommandError(f"failed: {', '.join(failed)}")
            return
        stop = threading.Event()
        signal.signal(signal.SIGTERM, lambda signum, frame: stop.set())
        runner = JobRunner()
        runner.start()
        self.stdout.write("Running the periodic jobs (Ctrl-C stops them)")
        try:
            while not stop.wait(1):
                pass
        except KeyboardInterrupt:
            pass
        finally:
            runner.stop()
