"""The hardening tests' knowledge: a small valid set, a second version of it, and a store to run it.

Version A is `tests/fixtures/hardening/base`; version B differs in three files at once (the Stand in
story.yaml, a source title in sources.yaml, the FAQ text in faq.yaml), so an answer that mixed two
loads would show it: its Stand, snippet and source would name different versions.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

from bot.core.answers.answer import Result
from bot.core.store import KnowledgeStore
from tests.conftest import PROJECT_ROOT

BASE = PROJECT_ROOT / "tests" / "fixtures" / "hardening" / "base"
BROKEN = PROJECT_ROOT / "tests" / "fixtures" / "broken"

#: Questions whose answers must stay identical while a broken set is refused.
PROBE_QUESTIONS = (
    "Worum geht es im Hafenstreit?",
    "Wer ist Greta?",
    "Wann ist Holm zurückgetreten?",
    "Was geschah am 2. Mai 2031?",
    "Wetter morgen?",
)

#: What differs between version A and B: (file, text in A, text in B).
VERSION_EDITS = (
    ("story.yaml", "stand: 2031-05-04T18:00:00+02:00", "stand: 2031-05-05T18:00:00+02:00"),
    ("sources.yaml", "(Fassung A)", "(Fassung B)"),
    ("faq.yaml", "Fassung A:", "Fassung B:"),
)


def copy_base(folder: Path) -> Path:
    """A fresh copy of version A in `folder`."""
    shutil.copytree(BASE, folder)
    return folder


def write_version(folder: Path, version: str) -> None:
    """Rewrite the files that differ so that `folder` holds version "A" or "B" completely."""
    for name, text_a, text_b in VERSION_EDITS:
        text = (BASE / name).read_text(encoding="utf-8")
        (folder / name).write_text(text if version == "A" else text.replace(text_a, text_b), "utf-8")


@dataclass(frozen=True)
class Identity:
    """Which version each part of an answer came from; a mixed answer has different letters."""

    stand: str
    snippet: str
    source: str

    @property
    def single(self) -> str | None:
        parts = {self.stand, self.snippet, self.source}
        return self.stand if len(parts) == 1 else None


def identify(result: Result) -> Identity:
    """Read the version off an answer to the FAQ question; fails on anything else."""
    answer = result.answer
    assert answer is not None, result
    stand = {"2031-05-04": "A", "2031-05-05": "B"}[answer.as_of.isoformat()[:10]]
    snippet = "A" if answer.snippets[0].text.startswith("Fassung A:") else "B"
    source = "A" if "(Fassung A)" in answer.sources[0].title else "B"
    return Identity(stand, snippet, source)


def answers(store: KnowledgeStore) -> list[Result]:
    return [store.engine.ask(question) for question in PROBE_QUESTIONS]
