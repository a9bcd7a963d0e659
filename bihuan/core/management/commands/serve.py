"""Serve Bihuan with waitress: the embedded default needs no other server."""

from typing import Any

from django.core.management.base import BaseCommand, CommandParser


class Command(BaseCommand):
    help = "Serve the web application on 127.0.0.1 (waitress, static files by WhiteNoise)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument("--threads", type=int, default=8)

    def handle(self, *args: Any, host: str, port: int, threads: int, **options: Any) -> None:
        from waitress import serve

        from config.wsgi import application

        self.stdout.write(f"Bihuan is serving on http://{host}:{port}/ (Ctrl-C stops it)")
        serve(application, host=host, port=port, threads=threads, ident="bihuan")
