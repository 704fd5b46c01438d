"""From probabilities to answer / suggest / silent, on hand-made rankings.

The band values are the lead's to tune; these tests read them from `Bands()` and check the rule
around them, plus the rule itself on a set of bands written out here.
"""

from __future__ import annotations

import pytest

from bot.core.matching.decide import Bands, Ranked, rank, suggestions

DEFAULT = Bands()
#: Bands written out, to check the edges with numbers one can read.
BANDS = Bands(answer_at=0.8, suggest_at=0.6, suggestion_floor=0.1, max_suggestions=3)


def ranked(*probabilities: float) -> Ranked:
    return Ranked(tuple(f"e{i}" for i in range(len(probabilities))), probabilities)


def test_the_default_bands_are_ordered() -> None:
    assert 0 < DEFAULT.suggestion_floor < DEFAULT.suggest_at and 0 < DEFAULT.answer_at <= 1
    assert DEFAULT.max_suggestions == 3


@pytest.mark.parametrize(
    ("probabilities", "band"),
    [
        ((0.95,), "answer"),
        ((0.8,), "answer"),  # at answer_at: an answer
        ((0.8, 0.19), "answer"),
        ((0.79, 0.01), "suggest"),  # below answer_at, but the best three reach suggest_at
        ((0.4, 0.2), "suggest"),  # exactly suggest_at together
        ((0.3, 0.2, 0.1, 0.4), "suggest"),  # the best three, as ranked, are what count
        ((0.3, 0.2, 0.09), "silent"),
        ((0.59,), "silent"),
        ((0.2, 0.2, 0.19, 0.19), "silent"),  # a fourth never counts
        ((), "silent"),
    ],
)
def test_band_edges(probabilities: tuple[float, ...], band: str) -> None:
    assert BANDS.band(ranked(*probabilities)) == band


def test_the_default_bands_follow_the_same_rule() -> None:
    answer_at, suggest_at = DEFAULT.answer_at, DEFAULT.suggest_at
    assert DEFAULT.band(ranked(answer_at)) == "answer"
    below = answer_at - 1e-6
    assert DEFAULT.band(ranked(below, max(0.0, suggest_at - below))) == "suggest"
    third = suggest_at / 3
    assert DEFAULT.band(ranked(third, third, third)) == "suggest"
    assert DEFAULT.band(ranked(third, third, third - 1e-3)) == "silent"
    assert DEFAULT.band(ranked()) == "silent"


def test_top_is_a_chance_and_never_more_than_one() -> None:
    assert ranked(0.7, 0.6, 0.5).top(3) == 1.0
    assert ranked(0.3, 0.2).top(3) == pytest.approx(0.5)
    assert ranked().best == 0.0 and ranked().top(3) == 0.0


def test_rank_puts_the_best_first_and_breaks_ties_by_id() -> None:
    result = rank(("b", "c", "a", "d"), [0.2, 0.9, 0.2, 0.5])
    assert result.entry_ids == ("c", "d", "a", "b")
    assert result.probabilities == (0.9, 0.5, 0.2, 0.2)


def test_suggestions_are_the_best_and_the_next_above_the_floor() -> None:
    # The best is always offered, the others only from the floor up, at most three.
    assert suggestions(ranked(0.05, 0.01), BANDS) == ("e0",)
    assert suggestions(ranked(0.5, 0.1, 0.09), BANDS) == ("e0", "e1")
    assert suggestions(ranked(0.3, 0.3, 0.3, 0.3), BANDS) == ("e0", "e1", "e2")
    assert suggestions(ranked(), BANDS) == ()
