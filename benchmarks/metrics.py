"""Answer-quality metrics shared by every system in `make eval`, independent of the bot.

A system's reaction to one question is reduced to an `Outcome`: the ids it ranked, the one it
answered with (if it answered) and what the shown answer did with labels. Metrics are computed the
same way for the engine and the baselines, so the figures compare like with like.

Definitions (answerable = the question has at least one expected id):

- top-1: share of answerable questions *answered* with an expected id. Suggestions and silence
  count as misses: a member who has to pick or ask again did not get the answer.
- recall@3: share of answerable questions with an expected id among the first three ranked ids.
- MRR: mean of 1/rank of the first expected id over answerable questions (0 when absent).
- abstention precision: of the questions the system stayed silent on, the share that really has
  no answer. Abstention recall: of the questions without an answer, the share it stayed silent on.
  Offering suggestions is neither an answer nor silence.
- wrong: of all questions, the share answered with an entry that is not expected, or answered
  although nothing answers it: what would be posted wrongly in a channel.
- helpful: of the answerable questions, the share answered right or with an expected id among at
  most three suggestions ("Meintest du …?").
- calibration: the questions bucketed by the system's confidence in its best entry, against the
  share of them whose best entry was right; the expected calibration error (ECE) is the
  question-weighted mean gap between the two.
- unconfirmed: of the answered questions, the share whose shown answer holds a snippet with an
  unconfirmed label, next to the same share for the expected entries (what the knowledge says);
  `labels_hidden` counts shown snippets whose label did not appear in the rendered answer.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Outcome:
    """What one system did with one question."""

    expected: frozenset[str]
    #: Ids best-first, the answered id (if any) first.
    ranked: tuple[str, ...]
    #: The id the system answered with; None when it suggested or stayed silent.
    answered: str | None
    abstained: bool
    #: For an answered question: did the shown answer hold an unconfirmed snippet?
    unconfirmed_shown: bool = False
    #: For an answered question: would the expected entry's answer hold one?
    unconfirmed_expected: bool = False
    labels_hidden: int = 0
    #: The ids offered as "Meintest du …?" (empty when it answered or stayed silent).
    suggested: tuple[str, ...] = ()
    #: The system's probability that its best entry is right (None for systems without one).
    confidence: float | None = None

    @property
    def answerable(self) -> bool:
        return bool(self.expected)


@dataclass(frozen=True, slots=True)
class Scores:
    """Every figure of one system on one split; ratios are 0-1, None when undefined (0/0)."""

    questions: int
    answerable: int
    top1: float | None
    recall3: float | None
    mrr: float | None
    abstention_precision: float | None
    abstention_recall: float | None
    answered: int
    unconfirmed_shown: float | None
    unconfirmed_expected: float | None
    labels_hidden: int
    wrong: float | None = None
    helpful: float | None = None
    ece: float | None = None


def _ratio(part: int | float, whole: int) -> float | None:
    return part / whole if whole else None


def reciprocal_rank(expected: frozenset[str], ranked: Sequence[str]) -> float:
    """1/position of the first expected id in `ranked`, 0 when none is there."""
    for position, entry_id in enumerate(ranked, start=1):
        if entry_id in expected:
            return 1 / position
    return 0.0


def score(outcomes: Iterable[Outcome]) -> Scores:
    """Aggregate outcomes into the figures `make eval` prints."""
    items = list(outcomes)
    answerable = [o for o in items if o.answerable]
    unanswerable = [o for o in items if not o.answerable]
    abstained = [o for o in items if o.abstained]
    answered = [o for o in items if o.answered is not None]
    correct = sum(1 for o in answerable if o.answered in o.expected)
    in_top3 = sum(1 for o in answerable if o.expected.intersection(o.ranked[:3]))
    return Scores(
        questions=len(items),
        answerable=len(answerable),
        top1=_ratio(correct, len(answerable)),
        recall3=_ratio(in_top3, len(answerable)),
        mrr=_ratio(sum(reciprocal_rank(o.expected, o.ranked) for o in answerable), len(answerable)),
        abstention_precision=_ratio(sum(1 for o in abstained if not o.answerable), len(abstained)),
        abstention_recall=_ratio(sum(1 for o in unanswerable if o.abstained), len(unanswerable)),
        answered=len(answered),
        unconfirmed_shown=_ratio(sum(o.unconfirmed_shown for o in answered), len(answered)),
        unconfirmed_expected=_ratio(sum(o.unconfirmed_expected for o in answered), len(answered)),
        labels_hidden=sum(o.labels_hidden for o in items),
        wrong=_ratio(sum(1 for o in answered if o.answered not in o.expected), len(items)),
        helpful=_ratio(
            sum(
                1 for o in answerable if o.answered in o.expected or o.expected.intersection(o.suggested[:3])
            ),
            len(answerable),
        ),
        ece=expected_calibration_error(items),
    )


#: Confidence buckets of the calibration table: [0, 0.1), [0.1, 0.2), ... [0.9, 1.0].
BUCKETS = 10


@dataclass(frozen=True, slots=True)
class Bucket:
    low: float
    high: float
    questions: int
    confidence: float
    accuracy: float


def calibration(outcomes: Iterable[Outcome]) -> list[Bucket]:
    """Questions by confidence in the best entry, against how often that entry was right."""
    items = [o for o in outcomes if o.confidence is not None]
    buckets = []
    for b in range(BUCKETS):
        low, high = b / BUCKETS, (b + 1) / BUCKETS
        inside = [o for o in items if low <= o.confidence < high or (b == BUCKETS - 1 and o.confidence == 1)]  # type: ignore[operator]
        if inside:
            confidence = sum(o.confidence for o in inside) / len(inside)  # type: ignore[misc]
            accuracy = sum(1 for o in inside if o.ranked[:1] and o.ranked[0] in o.expected) / len(inside)
            buckets.append(Bucket(low, high, len(inside), confidence, accuracy))
    return buckets


def expected_calibration_error(outcomes: Iterable[Outcome]) -> float | None:
    items = list(outcomes)
    buckets = calibration(items)
    total = sum(b.questions for b in buckets)
    if not total:
        return None
    return sum(b.questions * abs(b.confidence - b.accuracy) for b in buckets) / total


def either_right(engine: Sequence[Outcome], other: Sequence[Outcome]) -> float | None:
    """Share of answerable questions the engine answers right or `other` ranks right first.

    A ceiling, not a system: no combination of the two could answer more of them, so when this
    stays below a target, adding `other` to the engine cannot reach it.
    """
    pairs = [(mine, theirs) for mine, theirs in zip(engine, other, strict=True) if mine.answerable]
    right = sum(
        1
        for mine, theirs in pairs
        if mine.answered in mine.expected or theirs.ranked[:1] and theirs.ranked[0] in theirs.expected
    )
    return _ratio(right, len(pairs))


def separation_auc(answerable: Sequence[float], unanswerable: Sequence[float]) -> float | None:
    """ROC AUC of a score as a test for "this question has an answer": the chance that a random
    answerable question scores above a random unanswerable one (ties count half). 0.5 is a coin."""
    pairs = len(answerable) * len(unanswerable)
    if not pairs:
        return None
    above = sum((a > u) + 0.5 * (a == u) for a in answerable for u in unanswerable)
    return above / pairs


def best_abstention(scored: Sequence[tuple[float, bool]]) -> tuple[float, float, float] | None:
    """The cut-off (silent below it) whose abstention min(precision, recall) is highest, with that
    precision and recall, for (best score, has an answer) pairs; None without unanswerable ones.
    Looking at every cut-off of a split makes this a bound for that split, not a tuned figure."""
    unanswerable = sum(1 for _, answerable in scored if not answerable)
    if not unanswerable:
        return None
    best: tuple[float, float, float] | None = None
    for cutoff in sorted({value for value, _ in scored} | {float("inf")}):
        silent = [answerable for value, answerable in scored if value < cutoff]
        if not silent:
            continue
        right = sum(1 for answerable in silent if not answerable)
        precision, recall = right / len(silent), right / unanswerable
        if best is None or min(precision, recall) > min(best[1], best[2]):
            best = (cutoff, precision, recall)
    return best


def percentile(values: Sequence[float], share: float) -> float:
    """Nearest-rank percentile (share 0-1) of `values`; what p50/p99 in `make bench` mean."""
    if not values:
        raise ValueError("no values")
    ordered = sorted(values)
    rank = max(1, -(-len(ordered) * share // 1))
    return ordered[int(rank) - 1]


def percent(value: float | None) -> str:
    """A ratio as the tables show it: '93.5' or '–' when undefined."""
    return "–" if value is None else f"{100 * value:.1f}"
