"""The two things other FAQ bots do, run on the same knowledge as the engine.

(a) `WRatioBaseline`: rapidfuzz `process.extractOne` with `WRatio` over the raw texts (question
    variants, titles, names, aliases) and a fixed cut-off — the usual "fuzzy FAQ" bot. Texts are
    pre-processed once at build time, as a careful implementation would, so its speed is fair.
(b) `BM25Baseline`: Okapi BM25 (rank-bm25) over the same texts, one document per entry, with the
    bot's own folding and stop words, and a score cut-off tuned on the development split.

Neither knows about days ("was war am Sonntag"), which is part of what the comparison shows.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from rapidfuzz import fuzz, process, utils

from bot.core.knowledge.model import Knowledge
from bot.core.matching.language import content_words

#: The cut-off most fuzzy FAQ bots ship with (0-100); deliberately not tuned.
WRATIO_CUTOFF = 80.0
#: How many raw texts are looked at to rank entries for recall@3 and MRR.
RANK_DEPTH = 30


@dataclass(frozen=True, slots=True)
class Decision:
    """A baseline's reaction: ids best-first and the one answered with (None = silent)."""

    ranked: tuple[str, ...]
    answered: str | None


def searchable_texts(knowledge: Knowledge) -> list[tuple[str, str]]:
    """(text, entry id) for every question variant, title, name and alias: what FAQ bots index."""
    texts: list[tuple[str, str]] = []
    for faq in knowledge.faq.values():
        texts += [(text, faq.id) for text in (faq.title, *faq.questions)]
    for event in knowledge.events.values():
        texts += [(text, event.id) for text in (event.title, *event.questions)]
    for person in knowledge.people.values():
        texts += [(text, person.id) for text in (person.name, *person.aliases)]
    return texts


def _unique(ids: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(ids))


class WRatioBaseline:
    """Baseline (a): best raw text by WRatio, answered when it reaches the fixed cut-off."""

    name = "rapidfuzz WRatio"

    def __init__(self, knowledge: Knowledge, cutoff: float = WRATIO_CUTOFF):
        texts = searchable_texts(knowledge)
        self.cutoff = cutoff
        self._choices = [utils.default_process(text) for text, _ in texts]
        self._owners = [entry_id for _, entry_id in texts]

    def answer(self, question: str) -> str | None:
        """What the bot would answer with; this is the call `make bench` times."""
        found = process.extractOne(
            utils.default_process(question),
            self._choices,
            scorer=fuzz.WRatio,
            processor=None,
            score_cutoff=self.cutoff,
        )
        return None if found is None else self._owners[found[2]]

    def decide(self, question: str) -> Decision:
        found = process.extract(
            utils.default_process(question),
            self._choices,
            scorer=fuzz.WRatio,
            processor=None,
            limit=RANK_DEPTH,
        )
        ranked = _unique(self._owners[index] for _, _, index in found)
        answered = ranked[0] if found and found[0][1] >= self.cutoff else None
        return Decision(ranked, answered)


class TunedBaseline:
    """A baseline that scores entries and answers with the best one at or above a cut-off, which
    `tune` sets on the dev split. Subclasses provide `scored`."""

    cutoff: float

    def scored(self, question: str) -> list[tuple[str, float]]:
        raise NotImplementedError

    def decide(self, question: str) -> Decision:
        found = self.scored(question)
        ranked = tuple(entry_id for entry_id, _ in found)
        return Decision(ranked, ranked[0] if found and found[0][1] >= self.cutoff else None)

    def tune(self, questions: Iterable[tuple[str, frozenset[str]]]) -> float:
        """Pick the cut-off that gets most questions right (answer or silence); return it."""
        self.cutoff = best_cutoff((self.scored(question), expected) for question, expected in questions)
        return self.cutoff


class BM25Baseline(TunedBaseline):
    """Baseline (b): BM25 over one folded document per entry; the cut-off is set by `tune`."""

    name = "BM25"

    def __init__(self, knowledge: Knowledge, cutoff: float = 0.0):
        from rank_bm25 import BM25Okapi  # optional extra [bench]; only the evaluation needs it

        documents: dict[str, list[str]] = {}
        for text, entry_id in searchable_texts(knowledge):
            documents.setdefault(entry_id, []).extend(content_words(text))
        self._ids = list(documents)
        self._bm25 = BM25Okapi(list(documents.values()))
        self.cutoff = cutoff

    def scored(self, question: str) -> list[tuple[str, float]]:
        words = content_words(question)
        if not words:
            return []
        scores = self._bm25.get_scores(words)
        order = sorted(range(len(scores)), key=lambda i: -scores[i])[:RANK_DEPTH]
        return [(self._ids[i], float(scores[i])) for i in order if scores[i] > 0]


def best_cutoff(ranked: Iterable[tuple[list[tuple[str, float]], frozenset[str]]]) -> float:
    """The score cut-off that gets most questions right, given each question's scored ids and
    expected ids: at or above it the top id answers (right if expected), below it silence (right
    if nothing is expected). Ties go to the lower cut-off."""
    tops = []
    for found, expected in ranked:
        best_id, best = found[0] if found else (None, 0.0)
        tops.append((best, best_id in expected, not expected))
    candidates = sorted({best for best, _, _ in tops} | {0.0, float("inf")})

    def right(cutoff: float) -> int:
        return sum((hit if best >= cutoff else silent) for best, hit, silent in tops)

    return max(candidates, key=lambda cutoff: (right(cutoff), -cutoff))
