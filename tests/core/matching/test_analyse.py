"""Reading a question once: its words' tags, what it asks for, the day it names, its folded form.

The analyser reads against the tiny harbour story (conftest): Greta Holm and Ole Jensen are its
people, its events are on Friday 2 May and Saturday 3 May 2031.
"""

from __future__ import annotations

import dataclasses
from datetime import date

import pytest

from bot.core.matching.text import MAX_QUESTION_CHARS
from tests.core.matching.conftest import Harbour


def tags(harbour: Harbour, question: str) -> list[tuple[str, str]]:
    return [(t.word, t.tag) for t in harbour.analyse(question).terms]


def test_a_persons_names_are_name_words_and_question_words_frame_them(harbour: Harbour) -> None:
    assert tags(harbour, "Wer ist Greta Holm?") == [
        ("wer", "frame"),
        ("ist", "frame"),
        ("greta", "name"),
        ("holm", "name"),
    ]
    question = harbour.analyse("Wer ist Greta Holm?")
    # Both words name one person, and each stands for all of her name words.
    assert len(question.names) == 1
    ids = harbour.lexical.vocabulary.ids
    assert question.names[0] >= {ids["greta"], ids["holm"]}


def test_two_people_are_two_names(harbour: Harbour) -> None:
    assert len(harbour.analyse("greta holm und ole jensen").names) == 2


def test_the_words_members_wrap_a_question_in_are_frame(harbour: Harbour) -> None:
    assert tags(harbour, "sorry kurze frage wer ist jensen") == [
        ("sorry", "frame"),
        ("kurze", "frame"),
        ("frage", "frame"),
        ("wer", "frame"),
        ("ist", "frame"),
        ("jensen", "name"),
    ]


def test_months_weekdays_and_years_say_when(harbour: Harbour) -> None:
    assert dict(tags(harbour, "holm im mai 2031")) == {
        "holm": "name",
        "im": "frame",
        "mai": "time",
        "2031": "time",
    }
    assert dict(tags(harbour, "what happened on friday"))["friday"] == "time"


def test_a_number_that_is_no_year_is_a_number(harbour: Harbour) -> None:
    assert dict(tags(harbour, "holm 530 stimmen"))["530"] == "number"


def test_content_words_known_unknown_and_misspelt(harbour: Harbour) -> None:
    question = harbour.analyse("leuchtturm zebrastreifen hafenmeistrin")
    assert [(t.word, t.tag, t.known) for t in question.terms] == [
        ("leuchtturm", "content", True),
        ("zebrastreifen", "content", False),
        ("hafenmeistrin", "content", True),  # a typo of "hafenmeisterin"
    ]
    assert [t.word for t in question.unknown] == ["zebrastreifen"]
    typo = question.terms[2]
    assert harbour.lexical.vocabulary.ids["hafenmeisterin"] in typo.meanings


def test_the_dense_model_is_not_shown_unknown_words(harbour: Harbour) -> None:
    assert harbour.analyse("wer ist holm zebrastreifen").dense_text == "wer ist holm"


@pytest.mark.parametrize(
    ("question", "asks"),
    [
        ("wer ist ole jensen", {"who"}),
        ("who is ole jensen", {"who"}),
        ("wann wurde der leuchtturm gebaut", {"when"}),
        ("when was the lighthouse built", {"when"}),
        ("warum ist holm zurückgetreten?", {"why"}),
        ("why did holm resign", {"why"}),
        ("wie viel kostet der leuchtturm", {"amount"}),
        ("how much does the lighthouse cost", {"amount"}),
        ("ist holm noch hafenmeisterin", {"yesno"}),
        ("is holm still in office", {"yesno"}),
        ("gibt es den leuchtturm noch", {"yesno"}),
        ("holm", set()),
        ("leuchtturm hafen", set()),
    ],
)
def test_what_a_question_asks_for(harbour: Harbour, question: str, asks: set[str]) -> None:
    assert harbour.analyse(question).asks == asks


@pytest.mark.parametrize(
    ("question", "day"),
    [
        ("was war am 2.5.", date(2031, 5, 2)),
        ("was war am 2. mai", date(2031, 5, 2)),
        ("was war am 2031-05-02", date(2031, 5, 2)),
        ("what happened on may 3rd", date(2031, 5, 3)),
        # A weekday is the day of the story that fell on it.
        ("was war am samstag", date(2031, 5, 3)),
        ("what happened on friday", date(2031, 5, 2)),
        # A year that is written down is taken as written.
        ("was war am 2.5.2030", date(2030, 5, 2)),
    ],
)
def test_the_day_a_question_names(harbour: Harbour, question: str, day: date) -> None:
    assert harbour.analyse(question).day == day


@pytest.mark.parametrize(
    "question", ["was war am 7.5.", "was war am sonntag", "was war im mai", "wer ist holm"]
)
def test_no_day_without_a_story_day_to_name(harbour: Harbour, question: str) -> None:
    assert harbour.analyse(question).day is None


def test_the_words_naming_the_day_are_kept(harbour: Harbour) -> None:
    assert harbour.analyse("was war am 2. mai").day_words == {"2", "mai"}


def test_a_month_with_events_is_a_period_with_events(harbour: Harbour) -> None:
    assert harbour.analyse("was war im mai 2031").names_period
    assert not harbour.analyse("was war im juni 2031").names_period


def test_attributes_asked_for(harbour: Harbour) -> None:
    assert harbour.analyse("wie alt ist greta holm").attributes == ("alt",)
    assert harbour.analyse("hat holm kinder").attributes == ("kinder",)
    assert harbour.analyse("wer ist greta holm").attributes == ()


@pytest.mark.parametrize(
    "typed",
    [
        "Wer ist Greta Holm?",
        "WER IST GRETA HOLM",
        "wer ist greta holm?!",
        "wer ist greta holm.",
        "<@123> wer ist greta holm",
        "<@!123456789012345678> @here wer ist greta holm ???",
    ],
)
def test_case_punctuation_and_mentions_make_no_difference(harbour: Harbour, typed: str) -> None:
    plain = harbour.analyse("wer ist greta holm")
    question = harbour.analyse(typed)
    assert question.folded == plain.folded
    assert question.terms == plain.terms
    assert question.asks == plain.asks


@pytest.mark.parametrize(
    "typed", ["Wann trat Holm zurück?", "wann trat holm zurueck", "WANN TRAT HOLM ZURÜCK"]
)
def test_umlauts_typed_or_spelled_out_are_one_word(harbour: Harbour, typed: str) -> None:
    question = harbour.analyse(typed)
    assert question.folded == "wann trat holm zurueck"
    assert [t.known for t in question.terms if t.word == "zurueck"] == [True]


def test_a_mention_is_stripped_from_the_text_and_is_no_number(harbour: Harbour) -> None:
    question = harbour.analyse("<@123> wer ist holm")
    assert "<@" not in question.text and "123" not in question.folded
    assert not [t for t in question.terms if t.tag == "number"]


def test_small_talk_is_nothing_but_small_talk(harbour: Harbour) -> None:
    assert harbour.analyse("hallo danke").small_talk
    assert harbour.analyse("danke dir").small_talk
    assert not harbour.analyse("hallo, wer ist holm").small_talk


def test_a_paste_is_cut_and_says_so(harbour: Harbour) -> None:
    question = harbour.analyse("wer ist holm " * 100)
    assert question.cut and len(question.text) == MAX_QUESTION_CHARS
    assert not harbour.analyse("wer ist holm").cut


@pytest.mark.parametrize("text", ["", "   ", "???", "🙂", "\x00", "<@123>"])
def test_any_text_is_read_without_error(harbour: Harbour, text: str) -> None:
    question = harbour.analyse(text)
    assert question.topic == () and question.day is None


def test_a_question_is_frozen(harbour: Harbour) -> None:
    question = harbour.analyse("wer ist holm")
    with pytest.raises(dataclasses.FrozenInstanceError):
        question.folded = "anders"  # type: ignore[misc]
