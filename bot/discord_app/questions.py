"""Does a chat message read as a question? Pure text rules, so they are tested without Discord.

In answer channels the bot must stay quiet on chatter; only a message that reads as a question
(a question mark, or a German/English question word in front) may get an answer.
"""

from __future__ import annotations

import re

QUESTION_WORDS = frozenset(
    [
        "wer",
        "wen",
        "wem",
        "wessen",
        "was",
        "wann",
        "wo",
        "woher",
        "wohin",
        "warum",
        "wieso",
        "weshalb",
        "weswegen",
        "wie",
        "welche",
        "welcher",
        "welches",
        "welchen",
        "gibt",
        "gab",
        "stimmt",
        "ist",
        "sind",
        "war",
        "waren",
        "hat",
        "haben",
        "hatte",
        "wurde",
        "wurden",
        "kann",
        "koennte",
        "who",
        "whom",
        "whose",
        "what",
        "when",
        "where",
        "why",
        "how",
        "which",
        "is",
        "are",
        "was",
        "were",
        "did",
        "does",
        "do",
        "has",
        "have",
        "can",
        "could",
        "will",
        "would",
    ]
)
#: Longer than this is a post, not a question.
MAX_QUESTION_LENGTH = 300
_MENTION = re.compile(r"<(@[!&]?|#)\d+>")
_FIRST_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)


def strip_mentions(text: str) -> str:
    """Text without user, role and channel mentions (`<@123>`), trimmed."""
    return " ".join(_MENTION.sub(" ", text).split())


def reads_as_question(text: str) -> bool:
    """A short message that ends in '?' or starts with a question word, and is not a command."""
    text = strip_mentions(text)
    if not text or len(text) > MAX_QUESTION_LENGTH or text[0] in "!/.$`>":
        return False
    words = text.split()
    if len(words) < 2 and not text.endswith("?"):
        return False
    if text.rstrip().endswith("?"):
        return len(_FIRST_WORD.findall(text)) >= 1
    first = _FIRST_WORD.search(text)
    word = first.group(0).lower().replace("ö", "oe") if first else ""
    return word in QUESTION_WORDS and len(words) >= 3
