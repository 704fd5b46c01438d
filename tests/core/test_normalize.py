"""Folding makes umlauts, case, width, accents and punctuation irrelevant to matching."""

from __future__ import annotations

import pytest

from bot.core.matching.normalize import MAX_QUESTION_CHARS, fold, tokens


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("März", "Maerz"),
        ("MÜRATI", "muerati"),
        ("Straße", "strasse"),
        ("STRASSE", "straße"),
        ("Größe", "groesse"),
        ("Café", "cafe"),
        ("ｗｅｒ", "wer"),  # full-width letters (NFKC)
        ("sam\u200baltman", "sam altman"),  # invisible characters never glue words
        ("Sam-Altman!!!", "sam altman"),
        ("@sama", "sama"),
    ],
)
def test_folding_treats_spellings_alike(typed: str, meant: str) -> None:
    assert fold(typed) == fold(meant)


def test_stop_words_are_dropped_in_both_languages() -> None:
    assert tokens("Wer ist eigentlich Mira Murati?") == ["mira", "murati"]
    assert tokens("Who is Mira Murati?") == ["mira", "murati"]
    assert tokens("Warum wurde er gefeuert?") == ["gefeuert"]


def test_greetings_and_pure_question_words_leave_almost_nothing() -> None:
    assert tokens("wer was wie warum") == []
    assert tokens("?!…") == []


def test_length_is_capped_before_any_work() -> None:
    assert len(fold("a" * 100_000)) == MAX_QUESTION_CHARS
