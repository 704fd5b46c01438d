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
#: Chat mention syntax (user, nickname, role, channel, custom emoji, @everyone/@here): it addresses
#: people, it never says what a question is about, and its digits would otherwise count as words.
_MENTION = re.compile(r"<(?:@[!&]?|#)\d+>|<a?:\w+:\d+>|@(?:everyone|here)\b", re.I)

#: Words that frame a question rather than say what it is about (German and English, folded).
STOP_WORDS = frozenset(
    """
    a about ab aber alle alles als also am an and any are as at auch auf aus be bei bin bis
    bitte bzw can could da dabei dafuer damit dann das dass dem den denn der des did die dies
    diese dieser do does doch du ein eine einem einen einer eines er erklaer erklaere erklaeren
    es etwas explain fuer for from ganz gab gibt genau gerade hab habe haben hat hatte hatten
    have hey how i ich ihr im in is ist it its ja jetzt kann kannst kurz mal me mich mir mit my
    nach noch nun nur ob oder of on or please sag sage sagen sich sie sind so tell that the then
    there this to uber ueber um und uns vom von vor war waren warum was weiss weisst welche
    welcher welches wer weshalb wie wieso wir wird wo woher wurde wurden what when where which
    who whom whose why will with would you zu zum zur
    """.split()
)


#: Words members wrap a question in ("sorry, kurze Frage, ich check nicht ganz ..."): no topic.
FILLER_WORDS = frozenset(
    """
    actually anyone anything btw check checke damals days dumme dumm einer erzaehl erzaehlen
    ganz halb hier hmm irgendwer irgendwie jemand keep know like mitbekommen much many nicht
    nochmal ok okay pls plz reading really saying so some someone sorry still these thing
    versteh viel viele wieviel wieviele verstehe wirklich ueberhaupt eigentlich einfach drin
    kurze ganze ganzen leute nix typ guy kerl dude now grad grade halt eh echt eigtl tl dr tldr
    fand findet statt stattgefunden stattfinden
    """.split()
)
#: Words a member wraps a question in ("kurze Frage", "dumme Frage", "quick question"); unlike
#: stop words they stay in the knowledge's texts ("offene Fragen"), only questions drop them.
ASIDES = frozenset(["frage", "question"])

#: Pronouns and possessives: they point back to a name, they are not what a question is about.
PRONOUNS = frozenset(
    """
    he she we they them his her their him s sein seine seinen seinem seiner ihre ihren ihrem
    ihrer ihn mein meine meinen meinem meiner dein deine deinen
    """.split()
)
STOP_WORDS = STOP_WORDS | FILLER_WORDS | PRONOUNS

#: Greetings, thanks and small talk: a question of nothing but these (and stop words) asks nothing.
SMALL_TALK = frozenset(
    """
    abend antwort bist bot bye cheers ciao cool dank danke dankeschoen dir euch evening everyone
    folks geht gehts good gruezi guys gute guten haha hallo hello hey hi huhu leute lol mensch
    merci moin morgen morning nacht nice night servus super tag thank thanks thx toll tschuess
    vielen yo jo zusammen
    """.split()
)


def is_small_talk(text: str) -> bool:
    """True for "hallo", "danke dir!", "wie geht's?", "gute Nacht": no question about anything."""
    words = fold(text).split()
    return any(w in SMALL_TALK for w in words) and all(w in SMALL_TALK or w in STOP_WORDS for w in words)


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


#: Abbreviations members write for words the knowledge spells out ("10 Mrd", "5 Mio").
ABBREVIATIONS = {"mrd": "milliarden", "mrds": "milliarden", "mio": "millionen", "mios": "millionen"}


def tokens(text: str) -> list[str]:
    """Folded words without stop words: what the question is about."""
    return content_of(fold(text).split())


def content_of(words: list[str]) -> list[str]:
    """`tokens` of text already folded and split (the index folds each text once)."""
    return [ABBREVIATIONS.get(word, word) for word in words if word not in STOP_WORDS]


def all_tokens(text: str) -> list[str]:
    """Folded words including stop words, for texts that are names or titles."""
    return fold(text).split()
