"""What every command of the CLI shares: exit codes, options anywhere, German error lines, dates.

Help texts stay English (the operators' language); every error line is German, like everything a
moderator reads. The exit codes are documented in docs/cli.md: the same mistake gets the same code
whichever command made it.
"""

from __future__ import annotations

import argparse
import contextlib
import re
import sys
from dataclasses import dataclass
from datetime import date
from enum import IntEnum
from pathlib import Path
from typing import NoReturn

from bot.core.knowledge.suggest import did_you_mean


class Exit(IntEnum):
    """The CLI's exit codes (docs/cli.md)."""

    OK = 0
    #: The knowledge was refused: folder missing, no files, any error `validate` lists.
    KNOWLEDGE = 1
    #: The command line is wrong: unknown command or option, a bad date, an unknown person or label.
    USAGE = 2
    #: A setting (environment or .env) is wrong or refused: malformed value, token, intent, storage.
    SETTINGS = 3
    #: Discord could not be reached or refused the request; trying again later may work.
    DISCORD = 4
    #: `gaps --export` found nothing to export: no stored question, or all answered by now.
    NOTHING = 5
    #: Stopped with Ctrl-C (the console leaves quietly with 0 instead).
    INTERRUPTED = 130
    #: The reader of the output went away (`… | head`); nothing is printed about it.
    PIPE_CLOSED = 141


class UsageError(Exception):
    """A value on the command line cannot be used; the message says why in German (exit 2)."""


_ARGPARSE_MESSAGES = [
    (re.compile(r"unrecognized arguments: (.+)"), "unbekannte Angabe: {0}"),
    (re.compile(r"argument (\S+): expected one argument"), "{0} braucht einen Wert"),
    (re.compile(r"argument (\S+): expected at least one argument"), "{0} braucht mindestens einen Wert"),
    (re.compile(r"argument (\S+): invalid int value: '(.*)'"), "{0}: „{1}“ ist keine ganze Zahl"),
    (re.compile(r"argument (\S+): ignored explicit argument '(.*)'"), "{0} nimmt keinen Wert („{1}“)"),
    (re.compile(r"argument (\S+): not allowed with argument (\S+)"), "{0} geht nicht zusammen mit {1}"),
    (re.compile(r"argument (\S+): (.+)"), "{0}: {1}"),
]
_CHOICE = re.compile(r"argument (\S+): invalid choice: '(.*)' \(choose from (.+)\)")


#: What is missing when argparse names an argument by its metavar.
_MISSING = {"question": "die Frage", "COMMAND": "der Befehl (ask, timeline, chat, …)"}


def german_error(message: str) -> str:
    """argparse's English error message in German; unknown ones pass through unchanged."""
    if message.startswith("the following arguments are required: "):
        names = message.split(": ", 1)[1].split(", ")
        return "es fehlt " + ", ".join(_MISSING.get(name, name) for name in names)
    choice = _CHOICE.fullmatch(message)
    if choice:
        known = [name.strip().strip("'") for name in choice[3].split(",")]
        hint = did_you_mean(choice[2], known)
        return f"unbekannter Befehl „{choice[2]}“{hint} (es gibt: {', '.join(known)})"
    for pattern, german in _ARGPARSE_MESSAGES:
        found = pattern.fullmatch(message)
        if found:
            return german.format(*found.groups())
    return message


class CommandParser(argparse.ArgumentParser):
    """A parser whose errors are German lines, and whose subcommands all take the shared options.

    `--knowledge` is accepted before and after the command (`--knowledge DIR ask x` and
    `ask x --knowledge DIR`): each subcommand repeats it with a suppressed default, so a value
    given before the command is not overwritten by the subcommand's absent one.
    """

    def __init__(self, *args: object, shared: bool = True, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        if shared:
            add_shared_options(self, default=argparse.SUPPRESS)

    def error(self, message: str) -> NoReturn:
        print(f"Fehler: {german_error(message)}", file=sys.stderr)
        print(f"Hilfe: {self.prog} --help", file=sys.stderr)
        sys.exit(Exit.USAGE)


def add_shared_options(parser: argparse.ArgumentParser, *, default: object = None) -> None:
    parser.add_argument(
        "--knowledge",
        type=Path,
        default=default,
        metavar="DIR",
        help="knowledge folder (default: KNOWLEDGE_DIR or ./knowledge)",
    )


@dataclass(frozen=True, slots=True)
class DayOption:
    """A day as typed; `year` None for '17.11.': then the last such day on or before the Stand,
    as "am 17.11." means in news (a story with its Stand in July 2024 means 17.11.2023)."""

    day: int
    month: int
    year: int | None
    typed: str

    def resolve(self, stand: date) -> date:
        if self.year is not None:
            return self._on(self.year)
        for year in range(stand.year, stand.year - 8, -1):  # 29.2. may be years back
            with contextlib.suppress(UsageError):
                if (day := self._on(year)) <= stand:
                    return day
        raise UsageError(f"„{self.typed}“ ist kein Datum ({DAY_FORMS})")

    def _on(self, year: int) -> date:
        try:
            return date(year, self.month, self.day)
        except ValueError:
            raise UsageError(f"„{self.typed}“ ist kein Datum ({DAY_FORMS})") from None


DAY_FORMS = "so: 17.11.2023, 17.11. oder 2023-11-17"
_GERMAN_DAY = re.compile(r"(\d{1,2})\.(\d{1,2})\.(\d{2}|\d{4})?")


def day_option(text: str) -> DayOption:
    """argparse type for --from/--to: German (17.11.2023, 17.11.23, 17.11.) or ISO (2023-11-17)."""
    typed = text.strip()
    found = _GERMAN_DAY.fullmatch(typed)
    if found:
        year = found[3]
        full_year = None if year is None else int(year) + (2000 if len(year) == 2 else 0)
        option = DayOption(int(found[1]), int(found[2]), full_year, typed)
        if full_year is not None:
            try:  # refuse 31.02.2024 now, not after loading the knowledge
                option.resolve(date(full_year, 12, 31))
            except UsageError as error:
                raise argparse.ArgumentTypeError(str(error)) from None
        return option
    try:
        day = date.fromisoformat(typed)
    except ValueError:
        raise argparse.ArgumentTypeError(f"„{typed}“ ist kein Datum ({DAY_FORMS})") from None
    return DayOption(day.day, day.month, day.year, typed)
