"""What kind of question a member asks: who someone is, when, why, how much.

The engine uses the kind to choose among entries that score alike (an event for "wann", the FAQ
for "warum", the person for "wer ist") and to know when a near entry is no answer (an amount of
something it does not count). Only question words are looked at, in German and English.
"""

from __future__ import annotations

import re

from bot.core.matching.normalize import ASIDES, SMALL_TALK, STOP_WORDS, fold

#: "wann ...": the question wants an event.
ASKS_WHEN = re.compile(r"\b(wann|when|datum|date|uhrzeit|welchem tag|what time)\b", re.I)
#: "warum ...": the question wants an explanation, an FAQ entry.
ASKS_WHY = re.compile(r"\b(warum|wieso|weshalb|weswegen|why|grund|reason)\b", re.I)
#: Any question word: "Kevin Scott Microsoft" asks nothing beyond who he is, "was ist SSI" does.
ASKS_ANYTHING = re.compile(
    r"\b(was|wie|wo|woher|wann|warum|wieso|weshalb|welche[mnrs]?|wer"
    r"|what|how|where|when|why|which|who)\b",
    re.I,
)
#: Questions for an amount: "wie viel", "wie viele", "wie hoch", "how many", "was kostet".
ASKS_AMOUNT = re.compile(r"\b(wie ?viele?|wie hoch|how (many|much)|kostet|kosten|costs?)\b")
_WHO = frozenset(["wer", "who", "whos"])
_COPULA = frozenset(["ist", "war", "sind", "waren", "is", "was", "are", "were", "s"])
_POINTERS = frozenset(["das", "der", "die", "er", "sie", "that", "this", "he", "she", "they", "the"])


def asks_who(query: str) -> bool:
    """Whether the question asks who someone is: "wer ist X", "who the hell is X", "hey, who's X".

    Greetings, filler and frame words before it ("hey leute, sorry, wer war nochmal ...") do not
    hide it; mention syntax is gone already (`fold`).
    """
    words = fold(query).split()
    if len(words) >= 2 and words[-2] in _WHO and words[-1] in _COPULA:
        return True  # "ilja sutskever, wer ist das" / "mira murati who is she" (pronoun dropped)
    if len(words) >= 3 and words[-3] in _WHO and words[-2] in _COPULA and words[-1] in _POINTERS:
        return True
    for position, word in enumerate(words):
        if word in _WHO:
            following = words[position + 1 : position + 4]
            return word == "whos" or any(w in _COPULA for w in following)
        if word not in SMALL_TALK and word not in STOP_WORDS and word not in ASIDES:
            return False
    return False
