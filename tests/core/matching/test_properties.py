"""Properties of the whole engine, on questions drawn from each story's own titles, question
variants and people's names: how a member types a question never changes its answer, and a word
the knowledge has never seen never makes the engine surer.

The session engines are reused and the example counts kept small, so this costs seconds.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from bot.core.answers.answer import Result
from bot.core.matching.engine import AnswerEngine
from bot.core.matching.features import MONOTONE, NAMES

#: The same draws on every run (derandomize), so CI is reproducible; a failure names its example.
SETTINGS = settings(max_examples=25, deadline=None, derandomize=True)
STORIES = ["real_engine", "invented_engine"]

_SPELLED_OUT = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue", "ß": "ss"})
_BARE = str.maketrans({"ä": "a", "ö": "o", "ü": "u", "Ä": "A", "Ö": "O", "Ü": "U"})

#: Ways members type the same question.
SPELLINGS: dict[str, Callable[[str], str]] = {
    "lower case": str.lower,
    "upper case": str.upper,
    "umlauts spelled out (ä -> ae)": lambda t: t.translate(_SPELLED_OUT),
    "umlauts bare (ä -> a)": lambda t: t.translate(_BARE),
    "a mention in front": lambda t: f"<@123> {t}",
    "a mention behind": lambda t: f"{t} <@!987654321098765432>",
    "trailing ?": lambda t: f"{t.rstrip('?!.')}?",
    "trailing !": lambda t: f"{t.rstrip('?!.')}!",
    "trailing .": lambda t: f"{t.rstrip('?!.')}.",
}


def own_questions(engine: AnswerEngine) -> list[str]:
    """The story's titles, question variants and people's names."""
    knowledge = engine.knowledge
    texts = [
        t for e in (*knowledge.faq.values(), *knowledge.events.values()) for t in (e.title, *e.questions)
    ]
    texts += [person.name for person in knowledge.people.values()]
    return sorted(set(texts))


def outcome(result: Result) -> tuple[str, str | None]:
    return result.status, result.answer.id if result.answer else None


@pytest.mark.parametrize("spelling", sorted(SPELLINGS))
@pytest.mark.parametrize("story", STORIES)
def test_how_a_question_is_typed_never_changes_its_answer(
    story: str, spelling: str, request: pytest.FixtureRequest
) -> None:
    engine: AnswerEngine = request.getfixturevalue(story)
    spell = SPELLINGS[spelling]
    # The texts this spelling changes: "ä -> a" is tried on texts with umlauts.
    texts = [t for t in own_questions(engine) if spell(t) != t]

    @SETTINGS
    @given(text=st.sampled_from(texts))
    def check(text: str) -> None:
        typed = spell(text)
        assert outcome(engine.ask(typed)) == outcome(engine.ask(text)), typed

    check()


#: Made-up words: no vowels, so no word of either story is one typo away.
made_up_words = st.text(alphabet="bcdfghjklmnpqrstvwxz", min_size=6, max_size=10)


@pytest.mark.parametrize("story", STORIES)
def test_an_unknown_word_never_raises_the_confidence(story: str, request: pytest.FixtureRequest) -> None:
    engine: AnswerEngine = request.getfixturevalue(story)

    @SETTINGS
    @given(text=st.sampled_from(own_questions(engine)), word=made_up_words)
    def check(text: str, word: str) -> None:
        assume(not any(t.known for t in engine.analyse(word).terms))
        before, after = engine.ask(text), engine.ask(f"{text} {word}")
        assert after.score <= before.score, (text, word, outcome(before), outcome(after))

    check()


def test_the_fitted_scorer_moves_with_each_features_direction(real_engine: AnswerEngine) -> None:
    """The root of the promise above: growing a feature with direction -1 (an unknown word's
    share, a missing attribute) never raises a candidate's probability; +1 never lowers it."""
    rows = np.vstack(
        [
            real_engine.explain(q).candidates.rows
            for q in ("warum wurde altman entlassen", "wer ist mira murati", "was macht sutskever heute")
        ]
    )
    directed = [i for i, direction in enumerate(MONOTONE) if direction]
    probabilities = real_engine.ranker.probabilities

    @SETTINGS
    @given(
        row=st.integers(0, len(rows) - 1),
        feature=st.sampled_from(directed),
        step=st.floats(0.01, 30.0, allow_nan=False),
    )
    def check(row: int, feature: int, step: float) -> None:
        moved = rows[row].copy()
        moved[feature] += step
        before, after = probabilities(rows[row : row + 1])[0], probabilities(moved[None, :])[0]
        assert (after - before) * MONOTONE[feature] >= 0, (NAMES[feature], before, after)

    check()
