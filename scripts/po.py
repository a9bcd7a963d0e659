"""A small reader of gettext .po files: enough to check that a catalogue is complete."""

from __future__ import annotations

import ast
from dataclasses import dataclass
from pathlib import Path


@dataclass
class Entry:
    msgid: str
    msgstr: list[str]
    fuzzy: bool
    context: str = ""

    @property
    def translated(self) -> bool:
        return not self.fuzzy and all(part.strip() for part in self.msgstr)


def read(path: Path) -> list[Entry]:
    """Entries of a .po file, header and obsolete entries left out."""
    entries: list[Entry] = []
    current: dict[str, list[str]] = {}
    flags = ""
    key = ""

    def flush() -> None:
        nonlocal current, flags
        if "msgid" in current:
            msgid = "".join(current["msgid"])
            strs = ["".join(v) for k, v in sorted(current.items()) if k.startswith("msgstr")]
            if msgid:
                context = "".join(current.get("msgctxt", []))
                entries.append(Entry(msgid, strs, "fuzzy" in flags, context))
        current, flags = {}, ""

    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line:
            flush()
        elif line.startswith("#~"):
            continue
        elif line.startswith("#,"):
            flags += line
        elif line.startswith("#"):
            continue
        elif line.startswith('"'):
            current.setdefault(key, []).append(ast.literal_eval(line))
        else:
            key, _, rest = line.partition(" ")
            if key.startswith("msgid") and "msgstr" in "".join(current):
                flush()
            current.setdefault(key, []).append(ast.literal_eval(rest))
    flush()
    return entries
