"""Everyday words (the stop-words lists) against real knowledge: dropped only where the knowledge
does not use them, never the ones that make a message small talk."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.core.knowledge.loader import load_knowledge
from bot.core.matching.general_words import ADDRESSING, general_words
from bot.core.matching.search import SearchIndex

KNOWLEDGE = Path(__file__).resolve().parents[2] / "knowledge"


@pytest.fixture(scope="module")
def index() -> SearchIndex:
    return SearchIndex(load_knowledge(KNOWLEDGE))


def test_lists_are_folded_and_keep_small_talk_and_address() -> None:
    words = general_words()
    assert {"whats", "einmal", "ihm", "ueber"} <= words  # "über" folded like questions are
    assert not words & ADDRESSING
    assert "danke" not in words and "hallo" not in words


def test_an_everyday_word_the_knowledge_never_uses_is_no_content_word(index: SearchIndex) -> None:
    assert index.content_words("whats the reason they fired sam") == ["reason", "fired", "sam"]
    assert index.unknown_words("whats the reason they fired sam") == []


def test_a_topic_word_the_knowledge_lacks_stays_unknown(index: SearchIndex) -> None:
    assert index.unknown_words("wie viel verdient sam altman pro jahr") == ["verdient"]
