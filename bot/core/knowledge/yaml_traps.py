"""What YAML silently does to unquoted text, noticed while a file is read.

YAML accepts `text: Sam Altman (Platz #1 der Tech-CEOs)` and keeps only "Sam Altman (Platz": the
rest is a comment. It reads `title: no` as false, `title: 1.10` as the number 1.1 and `title: ~` as
nothing, and it joins a list item indented one step too far onto the text above it. None of this
is a syntax error, so the parser says nothing. The YAML reader notes such a value here (`Trap`);
the field readers, which know which fields must be text, turn a note into a refusal with the fix.
Values in fields that are not text (`primary: true`, `strength: 4`) are never refused.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, Literal

import yaml

#: Leading whitespace holding a tab (a dash of a list item may come first).
TAB_INDENT = re.compile(r"^[ -]*\t", re.M)
_STR_TAG = "tag:yaml.org,2002:str"
_NULL_WORDS = frozenset({"~", "null", "Null", "NULL"})


@dataclass(frozen=True, slots=True)
class Trap:
    """An unquoted value YAML changed: `written` is the text as typed, `read` what YAML made of it."""

    kind: Literal["comment", "reading", "indent"]
    written: str
    read: Any
    #: For "indent": the line (1-based) that YAML joined onto the text.
    joined_line: int = 0


def find_trap(node: yaml.ScalarNode, value: Any, lines: list[str]) -> Trap | None:
    """The trap an unquoted (plain) scalar fell into, if any; call only for plain scalars."""
    if node.tag != _STR_TAG and not isinstance(value, str):
        return _reading(node.value, value)
    end = node.end_mark
    if "#" in lines[end.line] and node.value:
        rest = lines[end.line][end.column :]
        if rest.lstrip().startswith("#"):
            start = node.start_mark
            written = lines[start.line][start.column :].strip() if start.line == end.line else ""
            return Trap("comment", written or f"{node.value}{rest.rstrip()}", node.value)
    start_line = node.start_mark.line
    if end.line != start_line:
        for number in range(start_line + 1, end.line + 1):
            if lines[number].lstrip().startswith("- "):
                return Trap("indent", node.value, node.value, joined_line=number + 1)
    return None


def _reading(written: str, value: Any) -> Trap | None:
    """A plain scalar YAML turned into something other than text, unless nothing was lost."""
    if value is None:
        return Trap("reading", written, None) if written in _NULL_WORDS else None
    if isinstance(value, int | float) and not isinstance(value, bool) and str(value) == written:
        return None  # `2024` reads as 2024 and is shown as written
    return Trap("reading", written, value)


def describe_reading(trap: Trap) -> str:
    """'als Wahrheitswert false', 'als Zahl 1.1', … for a moderator's message."""
    read = trap.read
    if read is None:
        return "als leer (null)"
    if isinstance(read, bool):
        return f"als Wahrheitswert {str(read).lower()}"
    if isinstance(read, datetime | date):
        return f"als Datum {read.isoformat()}"
    if isinstance(read, int | float):
        return f"als Zahl {read}"
    return "nicht als Text"


def quoted(text: str) -> str:
    """`text` as a YAML double-quoted scalar a moderator can paste."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def trap_message(field: str, trap: Trap, *, item: bool = False) -> str:
    """What happened and the fix, in German; `item` for an entry of a list-valued field."""
    where = f"ein Eintrag von „{field}“" if item else f"„{field}“"
    fix = f"- {quoted(trap.written)}" if item else f"{field}: {quoted(trap.written)}"
    if trap.kind == "comment":
        return (
            f"{where}: YAML liest ab „ #“ einen Kommentar, vom Text bleibt nur „{trap.read}“. "
            f"Setze den ganzen Text in Anführungszeichen: {fix} "
            "(ist es wirklich ein Kommentar, schreib ihn in eine eigene Zeile)"
        )
    if trap.kind == "indent":
        return (
            f"{where}: YAML hat Zeile {trap.joined_line} an diesen Text gehängt („{trap.read}“) – "
            "vermutlich ist ein Listeneintrag zu weit eingerückt. Rücke ihn genau wie die Einträge "
            "darüber ein"
        )
    return (
        f"{where}: YAML liest {trap.written} ohne Anführungszeichen {describe_reading(trap)}, "
        f"nicht als Text. Setze es in Anführungszeichen: {fix}"
    )
