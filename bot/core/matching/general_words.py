"""Everyday German and English words that say nothing about any story ("whats", "einmal", "ihm").

A word the knowledge has never seen usually means the question is about something it does not
know ("Gehalt", "Tattoo"), and the engine stays silent. Everyday words are the exception: a member
who writes "whats the actual reason they kicked sam out" has not asked about anything unknown, the
knowledge simply never says "whats". Which words are everyday is not ours to list by hand: the
`stop-words` package keeps maintained lists per language. Only words the knowledge does not
know are dropped by this (`search.SearchIndex.content_words`); a story that uses one keeps it.
"""

from __future__ import annotations

from functools import cache

from stop_words import get_stop_words

from bot.core.matching.normalize import SMALL_TALK, fold

LANGUAGES = ("german", "english")
#: Everyday, yet telling: "bist du ChatGPT", "bei euch auch down?", "was geht" talk to the bot or
#: the channel, not about the story, so they must not vanish from a question.
ADDRESSING = frozenset(["du", "dich", "dir", "bist", "euch", "ihr", "euer", "eure", "you", "your", "dm"])


@cache
def general_words() -> frozenset[str]:
    """The folded stop words of every language members write in, but small talk and address."""
    words = {fold(word) for language in LANGUAGES for word in get_stop_words(language)}
    return frozenset(words - SMALL_TALK - ADDRESSING)
