"""Named features of each candidate entry for one question: what the ranker learns from.

What used to be hand-written rules ("an entry that shares only a name is no answer", "wann wants
an event") are numbers here, and the ranker learns from the knowledge itself how much each one
counts (`training`). Every feature is cheap and story-neutral: shares, similarities, ranks, gaps,
flags. `MONOTONE` says which way a feature may move the probability, so that, for example, an
added unknown word can never raise it.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from bot.core.matching.analyse import Question
from bot.core.matching.dense import DenseIndex, DenseScores
from bot.core.matching.lexical import LexicalHit, LexicalIndex

#: Candidates taken from each side of retrieval.
LEXICAL_CANDIDATES = 15
DENSE_CANDIDATES = 15
#: The rank given to a candidate the other side did not find.
ABSENT_RANK = 30

#: (name, monotone direction: +1 never lowers the probability as it grows, -1 never raises it).
FEATURES: tuple[tuple[str, int], ...] = (
    # how much of the question the entry's words cover (lexical side)
    ("lex_score", +1),
    ("lex_coverage", +1),
    ("lex_head", +1),
    ("lex_text", +1),
    ("lex_rank", -1),
    ("lex_gap", -1),
    # how close the entry's texts are in meaning (dense side)
    ("dense_head", +1),
    ("dense_snippet", +1),
    ("dense_best", +1),
    ("dense_rank", -1),
    ("dense_gap", -1),
    ("dense_lead", +1),
    ("neighbour_share", +1),
    # the question as a whole
    ("q_dense_top", 0),
    ("q_dense_margin", 0),
    ("q_lex_top", 0),
    ("q_lex_margin", 0),
    ("q_no_answer", -1),
    ("no_answer_lead", -1),
    ("q_no_answer_share", -1),
    ("unknown_share", -1),
    ("known_words", 0),
    ("only_time", 0),
    ("period_has_events", 0),
    # names, topics, attributes
    ("names_asked", 0),
    ("names_all", +1),
    ("is_named", +1),
    ("role_holder", +1),
    ("topic_words", 0),
    ("topic_covered", +1),
    ("only_names", -1),
    ("attributes_missing", -1),
    # what is asked against what the entry is
    ("kind_faq", 0),
    ("kind_event", 0),
    ("kind_person", 0),
    ("asks_who", 0),
    ("asks_when", 0),
    ("asks_why", 0),
    ("asks_amount", 0),
    ("asks_yesno", 0),
    ("day_asked", 0),
    ("day_match", +1),
)
NAMES = tuple(name for name, _ in FEATURES)
MONOTONE = tuple(direction for _, direction in FEATURES)


@dataclass(frozen=True, slots=True)
class Candidates:
    """One question's candidates with their feature rows (same order)."""

    entry_ids: tuple[str, ...]
    rows: np.ndarray

    def explain(self, index: int) -> dict[str, float]:
        return dict(zip(NAMES, (float(v) for v in self.rows[index]), strict=True))


@dataclass(frozen=True, slots=True)
class Hidden:
    """What to leave out while a known question is asked during training."""

    entries: frozenset[str] = frozenset()
    head: np.ndarray | None = None
    snippets: np.ndarray | None = None
    no_answer: np.ndarray | None = None


def candidates(
    question: Question,
    lexical: LexicalIndex,
    dense: DenseIndex | None,
    vector: np.ndarray | None,
    *,
    entry_days: dict[str, object],
    hidden: Hidden | None = None,
) -> Candidates:
    """Retrieve from both sides and describe each candidate with `FEATURES`."""
    gone = hidden.entries if hidden else frozenset()
    hits = [
        h for h in lexical.search(question, limit=LEXICAL_CANDIDATES + len(gone)) if h.entry_id not in gone
    ]
    hits = hits[:LEXICAL_CANDIDATES]
    scores = _dense_scores(dense, vector, hidden)
    order: list[str] = [h.entry_id for h in hits]
    dense_rank: dict[str, int] = {}
    if scores is not None and dense is not None:
        best = scores.best.copy()
        if gone:
            best[[dense.position[e] for e in gone if e in dense.position]] = -1.0
        ranked = np.argsort(-best, kind="stable")
        dense_rank = {dense.entry_ids[i]: r for r, i in enumerate(ranked[:ABSENT_RANK])}
        order += [dense.entry_ids[i] for i in ranked[:DENSE_CANDIDATES] if best[i] > -1.0]
    holder = lexical.role_holder(question)
    order += [e for e in (holder,) if e is not None and e not in gone]
    entry_ids = tuple(dict.fromkeys(order))
    if not entry_ids:
        return Candidates((), np.zeros((0, len(NAMES)), dtype=np.float64))
    context = _QuestionContext.of(question, lexical, hits, scores, dense, dense_rank, holder)
    rows = np.array([_row(question, e, lexical, context, entry_days) for e in entry_ids], dtype=np.float64)
    return Candidates(entry_ids, rows)


def _dense_scores(
    dense: DenseIndex | None, vector: np.ndarray | None, hidden: Hidden | None
) -> DenseScores | None:
    if dense is None or vector is None:
        return None
    return dense.scores(
        vector,
        hidden_head=hidden.head if hidden else None,
        hidden_snippets=hidden.snippets if hidden else None,
        hidden_no_answer=hidden.no_answer if hidden else None,
    )


@dataclass(frozen=True, slots=True)
class _QuestionContext:
    """What every candidate's row shares: the question's figures and both sides' results."""

    lexical: dict[str, tuple[int, LexicalHit]]
    scores: DenseScores | None
    position: dict[str, int]
    dense_rank: dict[str, int]
    dense_top: float
    dense_second: float
    holder: str | None
    #: q_dense_top, q_dense_margin, q_lex_top, q_lex_margin, q_no_answer, unknown_share,
    #: known_words, only_time, period_has_events, names_asked
    question_row: tuple[float, ...]

    @classmethod
    def of(
        cls,
        question: Question,
        lexical: LexicalIndex,
        hits: list[LexicalHit],
        scores: DenseScores | None,
        dense: DenseIndex | None,
        dense_rank: dict[str, int],
        holder: str | None,
    ) -> _QuestionContext:
        lex_top = hits[0].score if hits else 0.0
        lex_second = hits[1].score if len(hits) > 1 else 0.0
        top = second = no_answer = -1.0
        position = dense.position if dense is not None else {}
        if scores is not None:
            ranked = sorted(dense_rank, key=dense_rank.__getitem__)
            best = scores.best
            top = float(best[position[ranked[0]]]) if ranked else -1.0
            second = float(best[position[ranked[1]]]) if len(ranked) > 1 else -1.0
            no_answer = scores.no_answer
        known = sum(1 for t in question.topic if t.known)
        only_time = bool(question.topic) and all(t.tag in ("time", "number") for t in question.topic)
        question_row = (
            top,
            top - second,
            lex_top,
            lex_top - lex_second,
            no_answer,
            lexical.unknown_share(question),
            float(known),
            float(only_time),
            float(question.names_period),
            float(len(question.names)),
        )
        return cls(
            {h.entry_id: (rank, h) for rank, h in enumerate(hits)},
            scores,
            position,
            dense_rank,
            top,
            second,
            holder,
            question_row,
        )

    def neighbour_share(self, entry_id: str) -> float:
        i = self.position.get(entry_id)
        return 0.0 if self.scores is None or i is None else self.scores.neighbours.get(i, 0.0)

    def dense_of(self, entry_id: str) -> tuple[float, float, float]:
        """(best head text, best answer text, best of both) similarity; -1 without dense side."""
        i = self.position.get(entry_id)
        if self.scores is None or i is None:
            return -1.0, -1.0, -1.0
        head, snippet = float(self.scores.head[i]), float(self.scores.snippet[i])
        return head, snippet, max(head, snippet)


def _row(
    question: Question, entry_id: str, lexical: LexicalIndex, context: _QuestionContext, entry_days: dict
) -> list[float]:
    rank, hit = context.lexical.get(entry_id, (ABSENT_RANK, None))
    head, snippet, best = context.dense_of(entry_id)
    dense_rank = context.dense_rank.get(entry_id, ABSENT_RANK)
    other_best = context.dense_top if dense_rank != 0 else context.dense_second
    q_top, q_margin, q_lex_top, q_lex_margin, no_answer, unknown, known, only_time, period, names = (
        context.question_row
    )
    kind = lexical.kind_of(entry_id)
    topics, covered = lexical.topic_shared(question, entry_id)
    asked = question.asks
    day_asked = question.day is not None
    return [
        hit.score if hit else 0.0,
        hit.coverage if hit else 0.0,
        hit.head if hit else 0.0,
        hit.text if hit else 0.0,
        float(rank),
        q_lex_top - (hit.score if hit else 0.0),
        head,
        snippet,
        best,
        float(dense_rank),
        q_top - best,
        best - other_best,
        context.neighbour_share(entry_id),
        q_top,
        q_margin,
        q_lex_top,
        q_lex_margin,
        no_answer,
        no_answer - best,
        context.scores.no_answer_share if context.scores is not None else 0.0,
        unknown,
        known,
        only_time,
        period,
        names,
        float(lexical.names_all(question, entry_id)),
        float(lexical.is_named(question, entry_id)),
        float(context.holder == entry_id),
        float(topics),
        covered / topics if topics else 1.0,
        float(names > 0 and topics > 0 and covered == 0),
        float(lexical.missing_attributes(question, entry_id)),
        float(kind == "faq"),
        float(kind == "event"),
        float(kind == "person"),
        float("who" in asked),
        float("when" in asked),
        float("why" in asked),
        float("amount" in asked),
        float("yesno" in asked),
        float(day_asked),
        float(day_asked and entry_days.get(entry_id) == question.day),
    ]
