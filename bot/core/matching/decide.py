"""From calibrated probabilities to what the bot does: answer, suggest, or stay silent.

Precision first: a wrong answer posted in a channel hurts more than a "Meintest du …?". The bot
answers only when the best entry is probably right (`answer_at`), offers up to three entries when
the right one is probably among them (`suggest_at`, on the sum of their probabilities), and
otherwise stays silent. The bands are set on the
development questions of the first story; since the probabilities are calibrated per story, the
same bands hold for any other.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Band = Literal["answer", "suggest", "silent"]


@dataclass(frozen=True, slots=True)
class Bands:
    #: The best entry's probability at or above which it is the answer.
    answer_at: float = 0.665
    #: Below `answer_at`: "Meintest du …?" when the best three together reach this.
    suggest_at: float = 0.55
    #: Further suggestions need at least this probability.
    suggestion_floor: float = 0.08
    max_suggestions: int = 3

    def band(self, ranked: Ranked) -> Band:
        if ranked.best >= self.answer_at:
            return "answer"
        return "suggest" if ranked.top(self.max_suggestions) >= self.suggest_at else "silent"


@dataclass(frozen=True, slots=True)
class Ranked:
    """Candidates best-first with their probabilities."""

    entry_ids: tuple[str, ...]
    probabilities: tuple[float, ...]

    @property
    def best(self) -> float:
        return self.probabilities[0] if self.probabilities else 0.0

    def top(self, count: int) -> float:
        """The chance that one of the best `count` is right (their probabilities added, at most 1)."""
        return min(1.0, sum(self.probabilities[:count]))


def rank(entry_ids: tuple[str, ...], probabilities: list[float]) -> Ranked:
    """Best first; ties by id, so the same question always gets the same order."""
    order = sorted(range(len(entry_ids)), key=lambda i: (-probabilities[i], entry_ids[i]))
    return Ranked(tuple(entry_ids[i] for i in order), tuple(probabilities[i] for i in order))


def suggestions(ranked: Ranked, bands: Bands) -> tuple[str, ...]:
    """The entries worth offering: the best, and the next ones above the floor."""
    chosen = [
        entry_id
        for i, entry_id in enumerate(ranked.entry_ids)
        if i == 0 or ranked.probabilities[i] >= bands.suggestion_floor
    ]
    return tuple(chosen[: bands.max_suggestions])
