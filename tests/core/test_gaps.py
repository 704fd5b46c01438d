"""Grouping unanswered questions with the real rapidfuzz scorer, and their normalisation."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from bot.core.matching.likeness import question_similarity
from bot.core.moderation.gaps import MAX_STORED_CHARS, AskedQuestion, group_questions, normalise_question

T0 = datetime(2030, 3, 1, tzinfo=UTC)


def _asked(text: str, count: int = 1, hours: int = 0) -> AskedQuestion:
    return AskedQuestion(text, count, T0, T0 + timedelta(hours=hours))


def test_the_issue_example_is_one_group_with_both_variants() -> None:
    questions = [_asked(normalise_question("Wer ist Mira Murati?"), 2), _asked("wer ist mira", 3)]
    [gap] = group_questions(questions)
    assert gap.count == 5
    assert gap.text == "wer ist mira"
    assert [v.text for v in gap.variants] == ["wer ist mira", "wer ist mira murati"]


def test_different_topics_stay_apart_and_most_asked_lead() -> None:
    gaps = group_questions(
        [
            _asked("wer ist mira", 1),
            _asked("wer ist emmett shear", 2),
            _asked("wer ist emmet sheer", 2),
            _asked("was verdient sam altman", 3),
        ]
    )
    assert [(g.text, g.count) for g in gaps] == [
        ("wer ist emmet sheer", 4),
        ("was verdient sam altman", 3),
        ("wer ist mira", 1),
    ]


def test_grouping_compares_with_the_leader_so_chains_do_not_merge() -> None:
    def chain(a: str, b: str) -> float:
        # a~b and b~c, but not a~c.
        return 100.0 if {a, b} in ({"a", "b"}, {"b", "c"}) or a == b else 0.0

    gaps = group_questions([_asked("a", 3), _asked("b", 2), _asked("c", 1)], similarity=chain)
    assert [[v.text for v in g.variants] for g in gaps] == [["a", "b"], ["c"]]


def test_ties_are_broken_by_last_seen_then_text() -> None:
    gaps = group_questions([_asked("wer ist zora", 1, hours=1), _asked("wann war der abriss", 1, hours=5)])
    assert [g.text for g in gaps] == ["wann war der abriss", "wer ist zora"]


def test_similarity_ignores_case_punctuation_and_frame_words() -> None:
    assert question_similarity("Wer ist Mira?", "wer ist mira") == 100
    assert question_similarity("wer ist mira", "wer ist sam") < 50
    assert question_similarity("wer ist das", "wer ist das") == 100
    assert question_similarity("", "wer ist mira") == 0


def test_normalise_keeps_umlauts_and_words_and_drops_ids() -> None:
    assert normalise_question("  Wer hat die Übernahme  gestoppt?!") == "wer hat die übernahme gestoppt"
    assert normalise_question("Was ist GPT-4.5?") == "was ist gpt-4.5"
    assert normalise_question("<@123456789012345678> <:kek:123456789012345678> hallo") == "hallo"
    assert normalise_question("@jemand wer ist das") == "wer ist das"
    assert normalise_question("🙂 ???") == ""
    assert len(normalise_question("wort " * 200)) <= MAX_STORED_CHARS
