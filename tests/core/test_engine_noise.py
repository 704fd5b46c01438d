"""Chat noise around a question (mentions, greetings) and the exact-variant shortcut."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.core.knowledge.loader import load_knowledge
from bot.core.matching.engine import AnswerEngine
from bot.core.matching.normalize import fold, strip_mentions
from bot.core.matching.question_kind import asks_who

KNOWLEDGE = Path(__file__).resolve().parents[2] / "knowledge"

MENTIONS = ["<@123>", "<@!123456789012345678>", "<@&42>", "<#987>", "@everyone", "@here", "<:kek:77>"]


@pytest.mark.parametrize("mention", MENTIONS)
def test_mention_syntax_is_no_word_of_the_question(mention: str) -> None:
    assert fold(f"{mention} wer ist greg") == "wer ist greg"
    assert strip_mentions(f"a {mention}, b").split() == ["a", ",", "b"]


def test_a_handle_that_merely_starts_with_at_is_kept() -> None:
    assert fold("@sama") == "sama"
    assert fold("@hereford") == "hereford"


@pytest.mark.parametrize(
    "question",
    ["wer ist greg", "hey leute, wer ist greg?", "who the hell is greg", "who's greg", "sorry, wer war greg"],
)
def test_who_questions_are_recognised_behind_noise(question: str) -> None:
    assert asks_who(question)


@pytest.mark.parametrize("question", ["wer hat openai gegruendet", "greg", "was macht greg heute"])
def test_other_questions_are_not_who_questions(question: str) -> None:
    assert not asks_who(question)


@pytest.fixture(scope="module")
def engine() -> AnswerEngine:
    return AnswerEngine(load_knowledge(KNOWLEDGE))


@pytest.mark.parametrize(
    "question",
    ["@everyone wer ist greg", "<@123> wer ist greg", "<@!123> @here who is greg?", "hey <@&5> wer ist greg"],
)
def test_a_who_question_with_mentions_answers_with_the_person(engine: AnswerEngine, question: str) -> None:
    result = engine.ask(question)
    assert result.answer is not None and result.answer.id == "greg-brockman", (result.status, result.score)


def test_a_question_spelled_like_a_variant_wins_over_a_keyword_of_another_entry(
    invented_engine: AnswerEngine,
) -> None:
    # "wieso abriss" is a variant of faq-warum-abriss; "abriss" alone is also a keyword of another.
    for question in ("wieso abriss", "Wieso Abriss?"):
        result = invented_engine.ask(question)
        assert result.answer is not None and result.answer.id == "faq-warum-abriss", question
    assert invented_engine.ask("abriss").status == "ambiguous"
