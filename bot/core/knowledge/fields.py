"""Typed reading of one YAML mapping, collecting every problem instead of stopping at the first.

A moderator who saves a file with five mistakes should see five lines, not fix one and reload four
more times. So each reader method records a problem and returns a harmless default, and the loader
refuses the set at the end if anything was recorded.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Any

from bot.core.knowledge.yaml_source import LineDict, LineList, Problem

ID_PATTERN = re.compile(r"^[a-z0-9äöüß][a-z0-9äöüß_-]*$")
COLOUR_PATTERN = re.compile(r"^#[0-9A-Fa-f]{6}$")

_TYPE_NAMES = {str: "text", bool: "true/false", int: "a whole number", list: "a list"}


class FieldReader:
    """Reads fields of one mapping in one file and records problems with their lines."""

    def __init__(self, file: str, mapping: LineDict, what: str, problems: list[Problem]):
        self.file = file
        self.mapping = mapping
        self.what = what
        self.problems = problems

    def problem(self, key: str | None, message: str) -> None:
        line = self.mapping.line_of(key) if key is not None else self.mapping.line
        self.problems.append(Problem(self.file, line, f"{self.what}: {message}"))

    def reject_unknown(self, allowed: set[str]) -> None:
        for key in self.mapping:
            if key not in allowed:
                known = ", ".join(sorted(allowed))
                self.problem(key, f"unknown field '{key}' (known fields: {known})")

    def _get(self, key: str, required: bool) -> Any:
        value = self.mapping.get(key)
        if value is None and required:
            self.problem(None, f"missing field '{key}'")
        return value

    def text(self, key: str, *, required: bool = True) -> str | None:
        value = self._get(key, required)
        if value is None:
            return None
        if not isinstance(value, str) or isinstance(value, bool):
            if isinstance(value, (int, float)) and not isinstance(value, bool):
                return str(value)
            self.problem(key, f"'{key}' must be text, not {_describe(value)}")
            return None
        if not value.strip():
            self.problem(key, f"'{key}' must not be empty")
            return None
        return value.strip()

    def ident(self, key: str = "id") -> str | None:
        value = self.text(key)
        if value is not None and not ID_PATTERN.match(value):
            self.problem(key, f"'{value}' is not a valid id (lowercase letters, digits, - and _)")
            return None
        return value

    def flag(self, key: str) -> bool:
        value = self._get(key, True)
        if value is not None and not isinstance(value, bool):
            self.problem(key, f"'{key}' must be true or false, not {_describe(value)}")
            return False
        return bool(value)

    def integer(self, key: str) -> int:
        value = self._get(key, True)
        if value is not None and (not isinstance(value, int) or isinstance(value, bool)):
            self.problem(key, f"'{key}' must be a whole number, not {_describe(value)}")
            return 0
        return value or 0

    def texts(self, key: str, *, required: bool = False) -> tuple[str, ...]:
        value = self._get(key, required)
        if value is None:
            return ()
        if not isinstance(value, list):
            self.problem(key, f"'{key}' must be a list, not {_describe(value)}")
            return ()
        items: list[str] = []
        for index, item in enumerate(value):
            if isinstance(item, (int, float)) and not isinstance(item, bool):
                item = str(item)
            if not isinstance(item, str) or not item.strip():
                line = value.line_of(index) if isinstance(value, LineList) else self.mapping.line
                self.problems.append(Problem(self.file, line, f"{self.what}: items of '{key}' must be text"))
                continue
            items.append(item.strip())
        if required and not items:
            self.problem(key, f"'{key}' must not be empty")
        return tuple(items)

    def when(self, key: str, *, required: bool = True) -> date | datetime | None:
        value = self._get(key, required)
        if value is None:
            return None
        if isinstance(value, str):
            try:
                value = datetime.fromisoformat(value.strip())
            except ValueError:
                self.problem(key, f"'{key}' is not a date or date-time: '{value}'")
                return None
        if isinstance(value, datetime):
            if value.tzinfo is None or value.utcoffset() is None:
                self.problem(key, f"'{key}' has a time but no time zone (add e.g. +01:00 or Z)")
                return None
            return value
        if isinstance(value, date):
            return value
        self.problem(key, f"'{key}' must be a date or date-time, not {_describe(value)}")
        return None

    def colour(self, key: str) -> int:
        value = self.text(key)
        if value is None:
            return 0
        if not COLOUR_PATTERN.match(value):
            self.problem(key, f"'{key}' must look like \"#RRGGBB\", not '{value}'")
            return 0
        return int(value[1:], 16)

    def mappings(self, key: str, *, required: bool = False) -> list[LineDict]:
        value = self._get(key, required)
        if value is None:
            return []
        return mappings_in(
            value, self.file, f"{self.what}: '{key}'", self.problems, key_line=self.mapping.line_of(key)
        )


def mappings_in(
    value: Any, file: str, what: str, problems: list[Problem], *, key_line: int | None = None
) -> list[LineDict]:
    """The mapping items of a list; anything else is recorded as a problem.

    `key_line` is the line of the key holding `value`: plain text carries no line of its own, and
    without it the problem would point at line 1 of the file.
    """
    if not isinstance(value, LineList):
        line = key_line if key_line is not None else getattr(value, "line", 1)
        problems.append(Problem(file, line, f"{what} must be a list, not {_describe(value)}"))
        return []
    items: list[LineDict] = []
    for index, item in enumerate(value):
        if isinstance(item, LineDict):
            items.append(item)
        else:
            problems.append(Problem(file, value.line_of(index), f"{what}: each item must be a mapping"))
    return items


def _describe(value: Any) -> str:
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, datetime | date):
        return "a date"
    return _TYPE_NAMES.get(type(value), type(value).__name__)
