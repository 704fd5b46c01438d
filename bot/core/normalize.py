"""Folding German and English text so that the way a member types does not matter.

Members write "Muerati", "murati?", "MÜRATI" or "Sutskewer" and mean the same person. Matching
happens on folded tokens: NFKC, case folding (which also turns ß into ss), umlauts spelled out
(ä -> ae, so "Maerz" and "März" meet), other accents dropped, punctuation and invisible
characters removed, and the words that only frame a question ("wer ist", "what about") dropped.
Typos are left to the fuzzy matcher in `search`.
"""

from __future__ import annotations

import re
import unicodedata

#: Characters beyond this are not matched: a question is never that long, a paste might be.
MAX_QUESTION_CHARS = 500

_UMLAUTS = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue"})
_WORD = re.compile(r"[0-9a-z]+")

#: Words that frame a question rather than say what it is about (German and English, folded).
STOP_WORDS = frozenset(
    [
        "a",
        "about",
        "ab",
        "aber",
        "alle",
        "alles",
        "als",
        "also",
        "am",
        "an",
        "and",
        "any",
        "are",
        "as",
        "at",
        "auch",
        "auf",
        "aus",
        "be",
        "bei",
        "bin",
        "bis",
        "bitte",
        "bzw",
        "can",
        "could",
        "da",
        "dabei",
        "dafuer",
        "damit",
        "dann",
        "das",
        "dass",
        "dem",
        "den",
        "denn",
        "der",
        "des",
        "did",
        "die",
        "dies",
        "diese",
        "dieser",
        "do",
        "does",
        "doch",
        "du",
        "ein",
        "eine",
        "einem",
        "einen",
        "einer",
        "eines",
        "er",
        "erklaer",
        "erklaere",
        "erklaeren",
        "es",
        "etwas",
        "explain",
        "fuer",
        "for",
        "from",
        "ganz",
        "gab",
        "gibt",
        "genau",
        "gerade",
        "hab",
        "habe",
        "haben",
        "hat",
        "hatte",
        "hatten",
        "have",
        "hey",
        "how",
        "i",
        "ich",
        "ihr",
        "im",
        "in",
        "is",
        "ist",
        "it",
        "its",
        "ja",
        "jetzt",
        "kann",
        "kannst",
        "kurz",
        "mal",
        "me",
        "mich",
        "mir",
        "mit",
        "my",
        "nach",
        "noch",
        "nun",
        "nur",
        "ob",
        "oder",
        "of",
        "on",
        "or",
        "please",
        "sag",
        "sage",
        "sagen",
        "sich",
        "sie",
        "sind",
        "so",
        "tell",
        "that",
        "the",
        "then",
        "there",
        "this",
        "to",
        "uber",
        "ueber",
        "um",
        "und",
        "uns",
        "vom",
        "von",
        "vor",
        "war",
        "waren",
        "warum",
        "was",
        "weiss",
        "weisst",
        "welche",
        "welcher",
        "welches",
        "wer",
        "weshalb",
        "wie",
        "wieso",
        "wir",
        "wird",
        "wo",
        "woher",
        "wurde",
        "wurden",
        "what",
        "when",
        "where",
        "which",
        "who",
        "whom",
        "whose",
        "why",
        "will",
        "with",
        "would",
        "you",
        "zu",
        "zum",
        "zur",
    ]
)


def fold(text: str) -> str:
    """Fold case, width, umlauts and accents; keep only letters, digits and single spaces."""
    text = unicodedata.normalize("NFKC", text[:MAX_QUESTION_CHARS]).casefold()
    text = text.translate(_UMLAUTS)
    if not text.isascii():  # most text is ASCII once umlauts are spelled out: skip the slow part
        decomposed = unicodedata.normalize("NFKD", text)
        text = "".join(char for char in decomposed if not unicodedata.combining(char))
    return " ".join(_WORD.findall(text))


def tokens(text: str) -> list[str]:
    """Folded words without stop words: what the question is about."""
    return [word for word in fold(text).split() if word not in STOP_WORDS]


def all_tokens(text: str) -> list[str]:
    """Folded words including stop words, for texts that are names or titles."""
    return fold(text).split()
