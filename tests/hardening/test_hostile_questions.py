"""Hostile questions against the core: no exception, and only a capped prefix is ever matched.

Time is bounded by what is matched, not measured here (speed belongs in `make bench`): a question
longer than MAX_QUESTION_CHARS must get exactly the result its first MAX_QUESTION_CHARS characters
get, whatever follows, so nothing after the cap can cost time.
"""

from __future__ import annotations

import dataclasses
import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.core.answers.answer import Result
from bot.core.knowledge.loader import load_knowledge
from bot.core.matching.engine import AnswerEngine
from bot.core.matching.text import MAX_QUESTION_CHARS
from bot.render.json_result import result_to_json
from bot.render.text import render_result
from tests.hardening.hostile import ANY_CHARACTER, HOSTILE_QUESTIONS, any_text
from tests.hardening.knowledge_sets import BASE

ENGINE = AnswerEngine(load_knowledge(BASE))
#: Appended after the cap: words that would change the answer if they were matched.
TAIL = " Greta Holm Hafenstreit Rücktritt am 2. Mai 2031 " * 20
PROPERTY = settings(derandomize=True, deadline=None, max_examples=300)


def without_query(result: Result) -> Result:
    return dataclasses.replace(result, query="")


def check_result(question: str) -> Result:
    """Ask, render as text and as JSON: none may raise, and the JSON must be sendable as UTF-8."""
    result = ENGINE.ask(question)
    assert result.status in ("answered", "ambiguous", "no_match")
    assert (result.answer is not None) == (result.status == "answered")
    assert render_result(result, ENGINE.knowledge)
    encoded = result_to_json(result, ENGINE.knowledge.story).encode("utf-8")
    assert json.loads(encoded)["status"] == result.status
    return result


@pytest.mark.parametrize("name", sorted(HOSTILE_QUESTIONS))
def test_hostile_question_is_answered_without_exception(name: str) -> None:
    check_result(HOSTILE_QUESTIONS[name])


@pytest.mark.parametrize(
    "name", sorted(n for n, q in HOSTILE_QUESTIONS.items() if len(q) > MAX_QUESTION_CHARS)
)
def test_only_the_capped_prefix_of_a_long_question_is_matched(name: str) -> None:
    question = HOSTILE_QUESTIONS[name]
    capped = question[:MAX_QUESTION_CHARS]
    assert without_query(ENGINE.ask(question)) == without_query(ENGINE.ask(capped + TAIL))


@PROPERTY
@given(any_text)
def test_any_text_is_answered_without_exception(question: str) -> None:
    check_result(question)


@PROPERTY
@given(
    st.text(alphabet=ANY_CHARACTER, min_size=MAX_QUESTION_CHARS, max_size=MAX_QUESTION_CHARS + 20), any_text
)
def test_nothing_after_the_cap_changes_the_result(prefix: str, tail: str) -> None:
    assert without_query(ENGINE.ask(prefix + tail)) == without_query(ENGINE.ask(prefix))


def test_zero_width_characters_inside_a_word_are_ignored() -> None:
    hidden = ENGINE.ask(HOSTILE_QUESTIONS["zero-width characters"])
    assert without_query(hidden) == without_query(ENGINE.ask("Wer ist Greta?"))
    offered = {hidden.answer.id} if hidden.answer else {s.id for s in hidden.suggestions}
    assert "greta-holm" in offered
