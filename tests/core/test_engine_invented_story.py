"""The engine answers about a story it was never written for: nothing in the code is tied to OpenAI.

How answers are put together (days, overtaken claims, labels, people). Which entry answers which
plain question is the golden set's to check (tests/core/matching/golden/invented_story.yaml).
"""

from __future__ import annotations

from bot.core.matching.engine import AnswerEngine


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


def test_a_word_two_entries_share_gets_one_of_them_or_both_offered(invented_engine: AnswerEngine) -> None:
    result = invented_engine.ask("abriss")
    both = {"faq-abstimmung-ergebnis", "faq-warum-abriss"}
    if result.status == "answered":
        assert result.answer is not None and result.answer.id in both
    else:
        assert result.status == "ambiguous" and 2 <= len(result.suggestions) <= 3
        assert both <= {s.id for s in result.suggestions}


def test_ask_person_answers_only_with_people(invented_engine: AnswerEngine) -> None:
    assert invented_engine.ask_person("rosa-pichler").answer.id == "rosa-pichler"  # type: ignore[union-attr]
    typo = invented_engine.ask_person("brandel")
    assert typo.status == "answered" and typo.answer is not None and typo.answer.id == "anton-brandl"
    # A word that belongs to an FAQ entry and an event, but to nobody: no person is made up.
    nobody = invented_engine.ask_person("abriss")
    assert nobody.status == "no_match" and nobody.answer is None and nobody.suggestions == ()
