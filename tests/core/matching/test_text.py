"""Folding: however a member types a word, it is compared in one form."""

from __future__ import annotations

import pytest

from bot.core.matching.text import MAX_QUESTION_CHARS, fold, strip_mentions, umlaut_blind, words


@pytest.mark.parametrize(
    ("typed", "folded"),
    [
        ("Über Größe", "ueber groesse"),  # umlauts spelled out
        ("Straße", "strasse"),  # ß is ss, in any case
        ("STRASSE", "strasse"),
        ("GROẞ", "gross"),
        ("MÜRATI", "muerati"),
        ("Muerati", "muerati"),
        ("Mądry", "madry"),  # other accents dropped
        ("café", "cafe"),
        ("Ｈｏｌｍ", "holm"),  # full-width letters (NFKC)
        ("wer ist holm?!...", "wer ist holm"),  # trailing punctuation
        ("„Brücke“, sagt er.", "bruecke sagt er"),
        ("  viele   Leerzeichen\t", "viele leerzeichen"),
    ],
)
def test_fold(typed: str, folded: str) -> None:
    assert fold(typed) == folded


@pytest.mark.parametrize(
    "mention", ["<@123>", "<@!123456789012345678>", "<@&42>", "<#987>", "@everyone", "@here", "<:kek:77>"]
)
def test_mention_syntax_is_no_word(mention: str) -> None:
    assert fold(f"{mention} wer ist holm") == "wer ist holm"
    assert words(f"wer ist {mention} holm?") == ["wer", "ist", "holm"]


def test_strip_mentions_keeps_the_rest_of_the_text_as_typed() -> None:
    assert strip_mentions("<@123> Wer ist Holm?").strip() == "Wer ist Holm?"
    assert strip_mentions("Holm <#987>, oder?").split() == ["Holm", ",", "oder?"]
    # A handle that merely starts like a mention is a word.
    assert fold("@sama @hereford") == "sama hereford"


def test_only_the_first_characters_are_read() -> None:
    assert fold("holm " * MAX_QUESTION_CHARS).split() == ["holm"] * (MAX_QUESTION_CHARS // 5)


@pytest.mark.parametrize(
    "typed", ["Ist die Brücke gesperrt?", "ist die bruecke gesperrt", "IST DIE BRUCKE GESPERRT"]
)
def test_umlaut_blind_spelling_meets_every_way_of_typing_an_umlaut(typed: str) -> None:
    assert umlaut_blind(fold(typed)) == "ist die brucke gesperrt"


def test_umlaut_blind_leaves_words_without_umlauts_alone() -> None:
    assert umlaut_blind("wer ist greta holm") == "wer ist greta holm"
