"""The local console (`chat`, and `run` without a token): ask questions the way a member would.

It behaves like other interactive consoles: the standard library's `readline` gives line editing
and a history (Up arrow, kept across sessions in the user's state folder), an empty line does
nothing, `exit`, `quit`, `:q` or Ctrl-D leave, Ctrl-C leaves quietly, and `hilfe`/`help` says
what one can ask. Piped input (`printf 'a\\nb\\n' | … chat`) is answered line by line, without
prompts.
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TextIO

from bot.core.answers.clock import format_when, local_date, sort_key
from bot.core.knowledge.model import Knowledge
from bot.core.matching.engine import AnswerEngine

# The engine reads only this many characters of a question (bot/core/matching/text.py).
from bot.core.matching.text import MAX_QUESTION_CHARS
from bot.render.text import render_result

EXIT_WORDS = frozenset({"exit", "quit", ":q", "beenden", "ende"})
HELP_WORDS = frozenset({"hilfe", "help", "?", ":h"})
PROMPT = "> "
#: Questions kept in the history file.
HISTORY_LENGTH = 1000


def is_exit(line: str) -> bool:
    return line.strip().casefold() in EXIT_WORDS


def is_help(line: str) -> bool:
    return line.strip().casefold().rstrip("!") in HELP_WORDS


def greeting(knowledge: Knowledge) -> str:
    return f"{knowledge.story.title} – frag mich etwas. „hilfe“ zeigt Beispiele, „exit“ oder Strg+D beendet."


def help_text(knowledge: Knowledge) -> str:
    """What one can ask, with examples from this knowledge, and the console's own commands."""
    lines = ["Frag wie in Discord, auf Deutsch oder Englisch, Tippfehler sind in Ordnung. Zum Beispiel:"]
    examples = [knowledge.faq[faq_id].title for faq_id in knowledge.story.featured if faq_id in knowledge.faq]
    if not examples:
        examples = [entry.title for entry in list(knowledge.faq.values())[:2]]
    people = list(knowledge.people.values())
    if people:
        examples.append(f"Wer ist {people[0].name}?")
    events = sorted(knowledge.events.values(), key=lambda event: sort_key(event.when))
    if events:
        day = local_date(events[len(events) // 2].when, knowledge.story.timezone)
        examples.append(f"Was geschah am {day:%d.%m.%Y}?")
    lines += [f"  {example}" for example in examples[:4]]
    lines += [
        "",
        "Jede Aussage trägt ein Label, die Quellen sind nummeriert; die Labels erklärt",
        "„python -m bot labels“, die Ereignisse listet „python -m bot timeline“.",
        "",
        "hilfe, help    diese Hilfe",
        "exit, quit, :q Konsole verlassen (auch Strg+D oder Strg+C)",
        "↑ / ↓          frühere Fragen (Verlauf)",
        "",
        f"Stand des Wissens: {format_when(knowledge.story.stand, knowledge.story.timezone)}",
    ]
    return "\n".join(lines)


def cut_note(question: str) -> str | None:
    """Said before the answer when the engine reads only the start of a long question."""
    if len(question) <= MAX_QUESTION_CHARS:
        return None
    return (
        f"(Deine Frage ist {len(question)} Zeichen lang; gelesen habe ich nur die ersten "
        f"{MAX_QUESTION_CHARS}. Frag kürzer, wenn die Antwort nicht passt.)"
    )


def reply(engine: AnswerEngine, line: str) -> str | None:
    """What the console prints for one line: None for an empty line or a command to leave."""
    question = line.strip()
    if not question or is_exit(question):
        return None
    if is_help(question):
        return help_text(engine.knowledge)
    answer = render_result(engine.ask(question), engine.knowledge)
    note = cut_note(question)
    return f"{note}\n{answer}" if note else answer


def history_file(env: dict[str, str] | os._Environ[str] = os.environ) -> Path:
    """$XDG_STATE_HOME/nachrichtenlage/history (default ~/.local/state/…), as other consoles keep."""
    state = env.get("XDG_STATE_HOME") or str(Path.home() / ".local" / "state")
    return Path(state) / "nachrichtenlage" / "history"


def run_console(engine: AnswerEngine, out: TextIO, stdin: TextIO) -> int:
    """Answer until the user leaves; always 0, also after Ctrl-C (a console is left, not aborted)."""
    interactive = stdin is sys.stdin and stdin.isatty() and out is sys.stdout
    read = _interactive_reader() if interactive else _piped_reader(stdin)
    if interactive:
        out.write(greeting(engine.knowledge) + "\n")
    try:
        while True:
            line = read()
            if line is None or is_exit(line):
                break
            text = reply(engine, line)
            if text is not None:
                out.write(text + "\n\n")
                out.flush()
    except KeyboardInterrupt:
        pass
    finally:
        if interactive:
            out.write("\n")
            _save_history()
    return 0


def _piped_reader(stdin: TextIO) -> Callable[[], str | None]:
    def read() -> str | None:
        line = stdin.readline()
        return line.rstrip("\r\n") if line else None

    return read


def _interactive_reader() -> Callable[[], str | None]:
    try:
        import readline  # noqa: F401 - importing it gives input() line editing and history
    except ImportError:  # Python built without readline: plain input() still works
        readline = None
    if readline is not None:
        _load_history(readline)

    def read() -> str | None:
        try:
            return input(PROMPT)
        except EOFError:
            return None

    return read


def _load_history(readline: object) -> None:
    path = history_file()
    with contextlib.suppress(OSError):  # first session, or unreadable: start with an empty history
        readline.read_history_file(path)  # type: ignore[attr-defined]
    readline.set_history_length(HISTORY_LENGTH)  # type: ignore[attr-defined]


def _save_history() -> None:
    readline = sys.modules.get("readline")
    if readline is None:
        return
    path = history_file()
    with contextlib.suppress(OSError):  # a read-only home must not make leaving an error
        path.parent.mkdir(parents=True, exist_ok=True)
        readline.write_history_file(path)
