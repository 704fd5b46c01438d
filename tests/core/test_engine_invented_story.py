"""The engine answers about a story it was never written for: nothing in the code is tied to OpenAI."""

from __future__ import annotations

import pytest

from bot.core.matching.engine import AnswerEngine

ANSWERED = [
    ("Wird die Brücke abgerissen?", "faq-abstimmung-ergebnis"),
    ("wird die bruecke abgerisen", "faq-abstimmung-ergebnis"),
    ("bleibt die bruecke stehn?", "faq-abstimmung-ergebnis"),
    ("is the bridge going to be demolished", "faq-abstimmung-ergebnis"),
    ("wer darf abstimmen", "faq-wer-stimmt-ab"),
    ("who can vote?", "faq-wer-stimmt-ab"),
    ("ist die brücke einsturzgefährdet", "faq-warum-abriss"),
    ("Wer ist Anton Brandl?", "anton-brandl"),
    ("wer ist der buergermeister", "anton-brandl"),
    ("brandel?", "anton-brandl"),
    ("wer ist rosa pichla", "rosa-pichler"),
    ("baufirma bagger", "ev-baufirma-geruecht"),
    # A role only one person holds names them, in any story.
    ("wer ist buergermeister von kleinhausen", "anton-brandl"),
    ("wer ist die wirtin vom gasthof zur linde", "rosa-pichler"),
]
UNANSWERABLE = [
    "",
    "   ",
    "hallo",
    "danke!",
    "wie wird das wetter morgen",
    "how do I fix my python import error",
    "soll ich aktien kaufen",
    "wie alt ist der buergermeister",
    "was war im august 2030",
]


@pytest.mark.parametrize(("question", "entry_id"), ANSWERED)
def test_member_questions_land_on_their_entry(
    invented_engine: AnswerEngine, question: str, entry_id: str
) -> None:
    result = invented_engine.ask(question)
    assert result.status == "answered", (question, result.score, result.suggestions)
    assert result.answer is not None and result.answer.id == entry_id


@pytest.mark.parametrize("question", UNANSWERABLE)
def test_off_topic_greetings_and_empty_get_no_match(invented_engine: AnswerEngine, question: str) -> None:
    result = invented_engine.ask(question)
    assert result.status == "no_match"
    assert result.answer is None
    assert len(result.suggestions) <= 3


def test_a_day_question_lists_that_days_events_in_time_order(invented_engine: AnswerEngine) -> None:
    for question in ("Was passierte am 8.3.?", "was war am 8. märz", "what happened on march 8"):
        result = invented_engine.ask(question)
        assert result.answer is not None, question
        assert result.answer.id == "tag-2030-03-08"
        assert "Die Brücke bleibt" in result.answer.snippets[0].text


def test_a_weekday_resolves_to_the_story_day(invented_engine: AnswerEngine) -> None:
    result = invented_engine.ask("was war am samstag")
    assert result.answer is not None and result.answer.id == "tag-2030-03-09"


def test_an_overtaken_claim_says_what_overtook_it(invented_engine: AnswerEngine) -> None:
    answer = invented_engine.ask("steht eine baufirma bereit?").answer
    assert answer is not None and answer.id == "ev-baufirma-geruecht"
    assert answer.superseded_by is not None and answer.superseded_by.id == "ev-ergebnis"
    assert all(s.superseded_by is not None for s in answer.snippets)


def test_weakest_label_decides_so_a_rumor_never_looks_confirmed(invented_engine: AnswerEngine) -> None:
    answer = invented_engine.ask("wer ist rosa pichler").answer
    assert answer is not None
    assert {s.label.id for s in answer.snippets} == {"hörensagen", "amtlich"}
    assert answer.weakest_label.id == "hörensagen"


def test_every_snippet_carries_label_sources_and_as_of(invented_engine: AnswerEngine) -> None:
    answer = invented_engine.ask("wer ist rosa pichler").answer
    assert answer is not None
    for snippet in answer.snippets:
        assert snippet.label.emoji and snippet.sources and snippet.as_of
    assert answer.as_of == invented_engine.knowledge.story.stand
    assert answer.roles == ("Wirtin des Gasthofs zur Linde (ab 01.01.2019)",)


def test_a_word_two_entries_own_equally_is_ambiguous(invented_engine: AnswerEngine) -> None:
    result = invented_engine.ask("abriss")
    assert result.status == "ambiguous" and result.answer is None
    assert 2 <= len(result.suggestions) <= 3
    assert {"faq-abstimmung-ergebnis", "faq-warum-abriss"} <= {s.id for s in result.suggestions}


def test_ask_person_answers_only_with_people(invented_engine: AnswerEngine) -> None:
    assert invented_engine.ask_person("rosa-pichler").answer.id == "rosa-pichler"  # type: ignore[union-attr]
    typo = invented_engine.ask_person("brandel")
    assert typo.status == "answered" and typo.answer is not None and typo.answer.id == "anton-brandl"
    # A word that belongs to an FAQ entry and an event, but to nobody: no person is made up.
    nobody = invented_engine.ask_person("abriss")
    assert nobody.status == "no_match" and nobody.answer is None and nobody.suggestions == ()
