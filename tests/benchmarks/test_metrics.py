"""The eval's metric code on a tiny hand-made set whose figures are worked out by hand."""

from __future__ import annotations

import pytest

from benchmarks.metrics import Outcome, percent, percentile, reciprocal_rank, score


def outcome(expected: set[str], ranked: list[str], answered: str | None, abstained: bool, **extra) -> Outcome:
    return Outcome(frozenset(expected), tuple(ranked), answered, abstained, **extra)


#: Four answerable questions, two without an answer:
#: 1 right answer; 2 wrong answer, right one second; 3 suggestions with the right one third;
#: 4 wrongly silent; 5 rightly silent; 6 answered although nothing answers it.
HAND_MADE = [
    outcome({"a"}, ["a", "b"], "a", False, unconfirmed_shown=True, unconfirmed_expected=True),
    outcome({"b"}, ["c", "b"], "c", False, unconfirmed_shown=False, unconfirmed_expected=True),
    outcome({"d", "e"}, ["x", "y", "e"], None, False),
    outcome({"f"}, [], None, True),
    outcome(set(), [], None, True),
    outcome(set(), ["a"], "a", False, unconfirmed_shown=True, labels_hidden=1),
]


def test_top1_counts_only_answers_with_an_expected_id():
    assert score(HAND_MADE).top1 == pytest.approx(1 / 4)


def test_recall_at_3_counts_suggestions_and_later_ranks():
    assert score(HAND_MADE).recall3 == pytest.approx(3 / 4)


def test_mrr_averages_reciprocal_ranks_over_answerable_questions():
    assert score(HAND_MADE).mrr == pytest.approx((1 + 1 / 2 + 1 / 3 + 0) / 4)


def test_abstention_precision_and_recall():
    scores = score(HAND_MADE)
    assert scores.abstention_precision == pytest.approx(1 / 2)
    assert scores.abstention_recall == pytest.approx(1 / 2)


def test_unconfirmed_share_is_over_answered_questions_and_compared_with_the_knowledge():
    scores = score(HAND_MADE)
    assert scores.answered == 3
    assert scores.unconfirmed_shown == pytest.approx(2 / 3)
    assert scores.unconfirmed_expected == pytest.approx(2 / 3)
    assert scores.labels_hidden == 1


def test_suggestions_are_neither_answer_nor_silence():
    only_suggestions = score([outcome(set(), ["a"], None, False)])
    assert only_suggestions.abstention_recall == 0.0
    assert only_suggestions.abstention_precision is None
    assert only_suggestions.answered == 0


def test_undefined_ratios_are_none_and_print_as_a_dash():
    empty = score([])
    assert empty.top1 is None and empty.mrr is None
    assert percent(None) == "–"
    assert percent(0.9349) == "93.5"


def test_reciprocal_rank_of_first_expected_id():
    assert reciprocal_rank(frozenset({"b", "c"}), ["a", "c", "b"]) == pytest.approx(1 / 2)
    assert reciprocal_rank(frozenset({"z"}), ["a"]) == 0.0


def test_percentile_is_nearest_rank():
    values = [float(n) for n in range(1, 101)]
    assert percentile(values, 0.5) == 50.0
    assert percentile(values, 0.99) == 99.0
    assert percentile([3.0, 1.0, 2.0], 1.0) == 3.0
    with pytest.raises(ValueError):
        percentile([], 0.5)
