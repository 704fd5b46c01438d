"""Folding text so that the way a member types does not matter; the one place that folds.

Members write "Muerati", "murati?", "MÜRATI" or "Sutskewer" and mean the same person. Every text
is compared in folded form: NFKC, case folding (which also turns ß into ss), umlauts spelled out
(ä -> ae, so "Maerz" and "März" meet), other accents dropped, punctuation, invisible characters
and chat mention syntax removed. The question's analysis (`analyse`), the knowledge's index, the
Discord layer and the moderators' tools all fold with these functions and no other.
"""

from __future__ import annotations

import re
import unicodedata

#: Characters beyond this are not read: a question is never that long, a paste might be.
MAX_QUESTION_CHARS = 500

_UMLAUTS = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue"})
_WORD = re.compile(r"[0-9a-z]+")
#: Chat mention syntax (user, nickname, role, channel, custom emoji, @everyone/@here): it addresses
#: people, it never says what a question is about, and its digits would otherwise count as words.
_MENTION = re.compile(r"<(?:@[!&]?|#)\d+>|<a?:\w+:\d+>|@(?:everyone|here)\b", re.I)


def strip_mentions(text: str) -> str:
    """The text without mention syntax ("<@123> wer ist greg" -> " wer ist greg")."""
    if "@" not in text and "<" not in text:
        return text
    return _MENTION.sub(" ", text)


def fold(text: str) -> str:
    """Fold case, width, umlauts and accents; keep only letters, digits and single spaces."""
    text = unicodedata.normalize("NFKC", strip_mentions(text[:MAX_QUESTION_CHARS])).casefold()
    text = text.translate(_UMLAUTS)
    if not text.isascii():  # most text is ASCII once umlauts are spelled out: skip the slow part
        decomposed = unicodedata.normalize("NFKD", text)
        text = "".join(char for char in decomposed if not unicodedata.combining(char))
    return " ".join(_WORD.findall(text))


def fold_words(plain: list[str]) -> list[str]:
    """Fold many single lowercase words at once (a dictionary of them): the common ones in one
    pass over the joined text, the rest one by one through `fold`."""
    joined = "\n".join(plain).casefold().translate(_UMLAUTS).split("\n")
    return [w if w.isascii() and w.isalpha() else fold(w) for w in joined]


def words(text: str) -> list[str]:
    """The folded words of a text, in order."""
    return fold(text).split()


def umlaut_blind(folded: str) -> str:
    """A folded text with spelled-out umlauts cut to their vowel ("bruecke" -> "brucke").

    Members who cannot type umlauts write "Brucke" as often as "Bruecke"; `fold` makes the second
    meet "Brücke", this the first. Only for comparing whole texts (a question spelled like a
    question variant): as a word it would merge words that differ ("zahlt", "zählt").
    """
    return folded.replace("ae", "a").replace("oe", "o").replace("ue", "u")
