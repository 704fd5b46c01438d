"""Questions that relate known things the knowledge never relates, and bare names with background
words, against the REAL knowledge (see `engine._split_question` and `search.named_people`).

A confident wrong answer hurts members more than silence: "Wer sitzt im Board von Google?" shares
"Board" with one entry and "Google" with another, and neither answers it.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.core.knowledge.loader import load_knowledge
from bot.core.matching.engine import AnswerEngine

KNOWLEDGE = Path(__file__).resolve().parents[2] / "knowledge"


@pytest.fixture(scope="module")
def engine() -> AnswerEngine:
    return AnswerEngine(load_knowledge(KNOWLEDGE))


@pytest.mark.parametrize(
    "question",
    ["wer sitzt im board von google", "wer sitzt im board von apple", "xai finanzierung"],
)
def test_two_things_no_entry_joins_stay_silent(engine: AnswerEngine, question: str) -> None:
    assert engine.ask(question).status == "no_match"


@pytest.mark.parametrize(
    ("question", "person"),
    [
        ("larry summers openai", "larry-summers"),
        ("szymon sidor openai", "szymon-sidor"),
        ("sue desmond hellmann openai", "sue-desmond-hellmann"),
    ],
)
def test_a_name_with_background_words_is_the_person(engine: AnswerEngine, question: str, person: str) -> None:
    result = engine.ask(question)
    assert result.answer is not None and result.answer.id == person


def test_an_entry_that_never_names_the_asked_person_is_no_answer(engine: AnswerEngine) -> None:
    result = engine.ask("wer hat ilya unter druck gesetzt")
    shown = [result.answer.id] if result.answer else [s.id for s in result.suggestions]
    assert "faq-verhandlungen-rueckkehr" not in shown[:1]
    assert all(engine.index.mentions(i, engine.index.named_people("ilya")) for i in shown)


def test_an_alias_of_two_words_is_no_name_word(engine: AnswerEngine) -> None:
    # Masayoshi Son's alias "Softbank-Chef" must not make "chef" a name.
    assert engine.index.named_people("wer war der chef") == []
