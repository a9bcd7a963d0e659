"""Load the demo science museum: organisation, staff accounts and complaints all round the loop."""

import os
import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from bihuan.demo.loader import DEFAULT_COUNT, DEFAULT_SEED, load_demo
from bihuan.demo.summary import render


class Command(BaseCommand):
    help = (
        "Create the demo museum (城市科学技术馆), its staff accounts and COUNT complaints moved "
        "through the workflow, then print the URL, the accounts and the complaints by status."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="If an organisation already exists, change nothing and print the accounts.",
        )
        parser.add_argument("--count", type=int, default=DEFAULT_COUNT, help="Complaints.")
        parser.add_argument(
            "--seed", type=int, default=DEFAULT_SEED, help="Random seed (same seed, same demo)."
        )

    def handle(self, *args: Any, if_empty: bool, count: int, seed: int, **options: Any) -> None:
        if count < 0:
            raise CommandError("--count cannot be negative.")
        started = time.monotonic()
        result = load_demo(count=count, seed=seed)
        if not result.created and not if_empty:
            raise CommandError(
                "This database already has an organisation; the demo loads only into an empty "
                "one. Use --if-empty to print the demo accounts instead."
            )
        if result.created:
            note = f"Loaded {result.complaints} complaints in {time.monotonic() - started:.1f} s."
        else:
            note = "The organisation already exists: nothing was loaded."
        url = f"http://127.0.0.1:{os.environ.get('PORT') or '8000'}/"
        self.stdout.write(
            render(
                url=url,
                heading=self.style.MIGRATE_HEADING,
                accent=self.style.SUCCESS,
                note=note,
            )
        )
