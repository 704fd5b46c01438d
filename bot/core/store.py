"""The running knowledge, swapped whole on reload.

The engine (knowledge + indexes + scorer) is replaced by one attribute assignment, which is atomic
in CPython: a question in flight keeps the engine it started with, the next one gets the new
engine, and no answer ever mixes two sets. A refused reload leaves the current engine untouched.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from bot.core.knowledge.loader import KnowledgeError, load_knowledge
from bot.core.knowledge.yaml_source import Problem
from bot.core.matching.engine import AnswerEngine, EngineOptions, Progress
from bot.core.moderation.diff import KnowledgeDiff, diff_knowledge


@dataclass(frozen=True, slots=True)
class ReloadOutcome:
    """What one reload did. `errors` is empty exactly when it succeeded."""

    at: datetime
    ok: bool
    diff: KnowledgeDiff | None = None
    errors: tuple[Problem, ...] = ()


class KnowledgeStore:
    """Holds the current engine for one knowledge folder."""

    def __init__(self, folder: Path, options: EngineOptions | None = None, progress: Progress | None = None):
        self.folder = folder
        self.options = options or EngineOptions()
        self._reload_lock = threading.Lock()
        self.engine = AnswerEngine.build(load_knowledge(folder), self.options, progress)
        self.last_reload: ReloadOutcome | None = None
        self.last_failure: ReloadOutcome | None = None

    def reload(self) -> ReloadOutcome:
        """Load the folder again; keep the current engine if anything is wrong. Blocking."""
        with self._reload_lock:
            old = self.engine
            try:
                knowledge = load_knowledge(self.folder)
            except KnowledgeError as error:
                outcome = ReloadOutcome(datetime.now(UTC), False, errors=tuple(error.errors))
                self.last_reload = self.last_failure = outcome
                return outcome
            new_engine = AnswerEngine.build(knowledge, self.options)
            self.engine = new_engine
            outcome = ReloadOutcome(datetime.now(UTC), True, diff_knowledge(old.knowledge, knowledge))
            self.last_reload = outcome
            return outcome
