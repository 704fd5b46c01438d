"""Typed reading of one YAML mapping, collecting every problem instead of stopping at the first.

A moderator who saves a file with five mistakes should see five lines, not fix one and reload four
more times. So each reader method records a problem and returns a harmless default, and the loader
refuses the set at the end if anything was recorded.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Any

from bot.core.knowledge.suggest import did_you_mean
from bot.core.knowledge.yaml_source import LineDict, LineList, Problem
from bot.core.knowledge.yaml_traps import Trap, trap_message

ID_PATTERN = re.compile(r"^[a-z0-9äöüß][a-z0-9äöüß_-]*$")
COLOUR_PATTERN = re.compile(r"^#[0-9A-Fa-f]{6}$")

_TYPE_NAMES = {str: "Text", int: "eine ganze Zahl", float: "eine Zahl", list: "eine Liste"}


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
                hint = did_you_mean(str(key), allowed)
                self.problem(key, f"unbekanntes Feld „{key}“{hint} (bekannte Felder: {known})")

    def _get(self, key: str, required: bool, *, trap_explains: bool = False) -> Any:
        """The value; a missing required one is a problem, unless a trap will say why it is None."""
        value = self.mapping.get(key)
        if value is None and required and not (trap_explains and self.mapping.trap_of(key)):
            if key in self.mapping:
                self.problem(key, f"„{key}“ hat keinen Wert")
            else:
                self.problem(None, f"Feld „{key}“ fehlt")
        return value

    def text(self, key: str, *, required: bool = True, prose: bool = True) -> str | None:
        """A text field. `prose` False for ids and references, which hold no ' #' of their own,
        so a comment behind them is a comment."""
        value = self._get(key, required, trap_explains=True)
        trap = self.mapping.trap_of(key) or _date_trap(value)
        if trap is not None and (prose or trap.kind != "comment") and (value is not None or required):
            self.problem(key, trap_message(key, trap))
            return None
        if value is None:
            return None
        if not isinstance(value, str):
            if isinstance(value, int | float) and not isinstance(value, bool):
                return str(value)  # unquoted and read back exactly as written: see yaml_traps
            self.problem(key, f"„{key}“ muss Text sein, nicht {_describe(value)}")
            return None
        if not value.strip():
            self.problem(key, f"„{key}“ darf nicht leer sein")
            return None
        return value.strip()

    def ident(self, key: str = "id") -> str | None:
        value = self.text(key, prose=False)
        if value is not None and not ID_PATTERN.match(value):
            self.problem(
                key,
                f"„{value}“ ist keine gültige Id: nur Kleinbuchstaben, Ziffern, - und _, z. B. „greta-holm“",
            )
            return None
        return value

    def flag(self, key: str, *, required: bool = True) -> bool:
        value = self._get(key, required)
        if value is not None and not isinstance(value, bool):
            self.problem(key, f"„{key}“ muss true oder false sein, nicht {_describe(value)}")
            return False
        return bool(value)

    def integer(self, key: str) -> int:
        value = self._get(key, True)
        if value is not None and (not isinstance(value, int) or isinstance(value, bool)):
            self.problem(key, f"„{key}“ muss eine ganze Zahl sein, nicht {_describe(value)}")
            return 0
        return value or 0

    def texts(self, key: str, *, required: bool = False, prose: bool = True) -> tuple[str, ...]:
        """A list of texts; `prose` as for `text` (False for lists of ids)."""
        value = self._get(key, required)
        if value is None:
            return ()
        if not isinstance(value, LineList):
            self.problem(key, f"„{key}“ muss eine Liste sein, nicht {_describe(value)}")
            return ()
        items: list[str] = []
        traps = value.traps
        for index, item in enumerate(value):
            if item.__class__ is str and not traps and item.strip():  # the common case, checked first
                items.append(item.strip())
                continue
            trap = (traps.get(index) if traps else None) or _date_trap(item)
            if trap is not None and (prose or trap.kind != "comment"):
                self._item_problem(value, index, trap_message(key, trap, item=True))
                continue
            if isinstance(item, int | float) and not isinstance(item, bool):
                item = str(item)
            if isinstance(item, LineDict) and len(item) == 1 and prose:
                self._item_problem(value, index, _pair_message(key, item))
                continue
            if not isinstance(item, str) or not item.strip():
                kind = "Text" if prose else "Ids"
                message = f"Einträge von „{key}“ müssen {kind} sein, nicht {_describe(item)}"
                self._item_problem(value, index, message)
                continue
            items.append(item.strip())
        if required and not items and not value:
            self.problem(key, f"„{key}“ darf nicht leer sein")
        return tuple(items)

    def _item_problem(self, value: LineList, index: int, message: str) -> None:
        self.problems.append(Problem(self.file, value.line_of(index), f"{self.what}: {message}"))

    def when(self, key: str, *, required: bool = True) -> date | datetime | None:
        value = self._get(key, required)
        if value is None:
            return None
        if isinstance(value, str):
            try:
                value = datetime.fromisoformat(value.strip())
            except ValueError:
                self.problem(key, f"„{key}“ ist kein Datum und keine Zeit: „{value}“ {_WHEN_FORMS}")
                return None
        if isinstance(value, datetime):
            if value.tzinfo is None or value.utcoffset() is None:
                self.problem(key, f"„{key}“ hat eine Uhrzeit, aber keine Zeitzone (+01:00 oder Z anhängen)")
                return None
            return value
        if isinstance(value, date):
            return value
        described = _describe(value)
        self.problem(key, f"„{key}“ muss ein Datum oder eine Zeit sein, nicht {described} {_WHEN_FORMS}")
        return None

    def colour(self, key: str) -> int:
        value = self.text(key, prose=False)
        if value is None:
            return 0
        if not COLOUR_PATTERN.match(value):
            self.problem(key, f'„{key}“ muss wie "#RRGGBB" aussehen, in Anführungszeichen, nicht „{value}“')
            return 0
        return int(value[1:], 16)

    def mappings(self, key: str, *, required: bool = False) -> list[LineDict]:
        value = self._get(key, required)
        if value is None:
            return []
        return mappings_in(
            value, self.file, f"{self.what}: „{key}“", self.problems, key_line=self.mapping.line_of(key)
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
        problems.append(Problem(file, line, f"{what} muss eine Liste sein, nicht {_describe(value)}"))
        return []
    items: list[LineDict] = []
    for index, item in enumerate(value):
        if isinstance(item, LineDict):
            items.append(item)
        else:
            described = _describe(item)
            message = f"{what}: jeder Eintrag muss aus Feldern („feld: wert“) bestehen, nicht {described}"
            problems.append(Problem(file, value.line_of(index), message))
    return items


_WHEN_FORMS = "(so: 2023-11-17 oder 2023-11-17T21:30:00+01:00)"


def _date_trap(value: Any) -> Trap | None:
    """An unquoted date in a text field; the YAML reader leaves dates to us (they are common and
    right in date fields), and a date's ISO form is how it was written."""
    if isinstance(value, date):
        return Trap("reading", value.isoformat(), value)
    return None


def _pair_message(key: str, item: LineDict) -> str:
    """A list item with ': ' inside, which YAML read as a field and its value."""
    ((name, rest),) = item.items()
    return (
        f"ein Eintrag von „{key}“ enthält „: “ und wurde darum zu „Feld: Wert“. "
        f'Setze ihn in Anführungszeichen: - "{name}: {rest}"'
    )


def _describe(value: Any) -> str:
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, dict):
        return "eine Zuordnung („feld: wert“)"
    if isinstance(value, list):
        return "eine Liste"
    if isinstance(value, datetime | date):
        return "ein Datum"
    if value is None:
        return "leer"
    return _TYPE_NAMES.get(type(value), type(value).__name__)
