"""A member's question, read once into one frozen `Question` that every later stage uses.

One pass cuts the text, strips mention syntax, folds it, and tags each word: a person's **name**,
a **time** (month, weekday, "what happened"), a **number**, a **frame** word that only wraps the
question ("wer ist", "sorry kurze frage"), or a **content** word, which says what it is about.
It notes what the question asks for (who, when, why, an amount, yes or no), the day it names, the
attributes it asks about ("wie alt") and what each content word may mean among the knowledge's
words (typos, stems, a person's other names). No later stage folds or re-reads the text.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from itertools import pairwise
from typing import Literal

from bot.core.matching.dates import find_day, names_period_with_events
from bot.core.matching.language import Lexicon
from bot.core.matching.text import MAX_QUESTION_CHARS, strip_mentions, words
from bot.core.matching.vocabulary import Vocabulary

TermTag = Literal["name", "time", "number", "frame", "content"]
#: A long word that misspells exactly one name by this little still names the person.
TYPO_NAME_LENGTH = 6
TYPO_NAME_SIMILARITY = 0.9


@dataclass(frozen=True, slots=True)
class Term:
    """One word of the question with its tag and what it may mean in the knowledge."""

    word: str
    tag: TermTag
    #: Vocabulary ids this word may mean, with a similarity 0-1 (typos, stems); empty = unknown.
    meanings: dict[int, float] = field(default_factory=dict, hash=False, compare=False)
    #: For a name: every name word of the person it names ("sam" -> altman's words).
    person: frozenset[int] = frozenset()

    @property
    def known(self) -> bool:
        return bool(self.meanings)


@dataclass(frozen=True, slots=True)
class Question:
    """Everything the stages need to know about one question; built only by `Analyser`."""

    #: As asked: mention syntax stripped, cut to `MAX_QUESTION_CHARS`.
    text: str
    cut: bool
    folded: str
    terms: tuple[Term, ...]
    asks: frozenset[str]
    small_talk: bool
    #: The day it names (resolved against the days with events) and the words naming it.
    day: date | None = None
    day_words: frozenset[str] = frozenset()
    #: It names a month or year that has events ("im November 2023").
    names_period: bool = False
    attributes: tuple[str, ...] = ()

    @property
    def topic(self) -> tuple[Term, ...]:
        """The words that say what it is about: content words, names, times and numbers."""
        return tuple(t for t in self.terms if t.tag != "frame")

    @property
    def unknown(self) -> tuple[Term, ...]:
        """Content words the knowledge has no word for, not even with a typo."""
        return tuple(t for t in self.terms if t.tag == "content" and not t.known)

    @property
    def names(self) -> tuple[frozenset[int], ...]:
        """Per person named, all of their name words."""
        return tuple(dict.fromkeys(t.person for t in self.terms if t.tag == "name"))

    @property
    def dense_text(self) -> str:
        """The folded question without unknown words, for the sentence-embedding model.

        A word the knowledge has never seen cannot bring the question closer to any entry, so the
        model is not shown it: an added unknown word then never raises the confidence.
        """
        unknown = {t.word for t in self.unknown}
        kept = [w for w in self.folded.split() if w not in unknown]
        return " ".join(kept) or self.folded


class Analyser:
    """Reads questions for one knowledge set: its vocabulary, its names, its event days."""

    def __init__(
        self,
        lexicon: Lexicon,
        vocabulary: Vocabulary,
        *,
        proper_names: set[int],
        head_words: set[int],
        event_days: list[date],
    ):
        self.lexicon = lexicon
        self._vocab = vocabulary
        self._proper_names = proper_names
        self._head_words = head_words
        self._event_days = event_days
        self._stop = lexicon.stop | lexicon.asides

    def analyse(self, question: str) -> Question:
        """Read a question; never raises on any text."""
        cut = len(question) > MAX_QUESTION_CHARS
        text = strip_mentions(question[:MAX_QUESTION_CHARS])
        folded_words = words(text)
        lexicon = self.lexicon
        small_talk = any(w in lexicon.small_talk for w in folded_words) and all(
            w in lexicon.small_talk or w in self._stop for w in folded_words
        )
        day = find_day(text, folded_words, self._event_days, lexicon)
        content = set(self._content_words(folded_words))
        terms = tuple(self._term(w) if w in content else Term(w, "frame") for w in self._joined(folded_words))
        return Question(
            text=text,
            cut=cut,
            folded=" ".join(folded_words),
            terms=terms,
            asks=self._asks(folded_words),
            small_talk=small_talk,
            day=day[0] if day else None,
            day_words=day[1] if day else frozenset(),
            names_period=names_period_with_events(folded_words, self._event_days, lexicon),
            attributes=self._attributes(folded_words),
        )

    def _joined(self, folded: list[str]) -> list[str]:
        """Words with abbreviations spelled out and split compounds joined ("gast ausweis")."""
        expanded = [self.lexicon.abbreviations.get(w, w) for w in folded]
        if not expanded:
            return []
        joined: list[str] = []
        skip = False
        for first, second in zip(expanded, [*expanded[1:], ""], strict=True):
            if skip:
                skip = False
                continue
            if second and first not in self._stop and not first.isdigit() and first + second in self._vocab:
                joined.append(first + second)
                skip = True
            else:
                joined.append(first)
        return joined

    def _content_words(self, folded: list[str]) -> list[str]:
        """Words that say what the question is about: not frame words, not everyday words the
        knowledge's titles never use, not single letters it does not know."""
        ids, everyday = self._vocab.ids, self.lexicon.everyday
        return [
            w
            for w in dict.fromkeys(self._joined(folded))
            if w not in self._stop
            and (w not in everyday or ids.get(w) in self._head_words)
            and (len(w) >= 2 or w in ids)
        ]

    def _term(self, word: str) -> Term:
        meanings = self._vocab.similar(word)
        if word.isdigit() and not (len(word) == 4 and word[:2] in ("19", "20")):
            return Term(word, "number", meanings)
        if self.lexicon.says_when(word):
            return Term(word, "time", meanings)
        token_id = self._vocab.ids.get(word)
        if token_id is None and len(word) >= TYPO_NAME_LENGTH:
            close = [t for t, s in meanings.items() if s >= TYPO_NAME_SIMILARITY]
            token_id = close[0] if len(close) == 1 else None
        if token_id in self._vocab.name_group and token_id in self._proper_names:
            person = frozenset(self._vocab.with_names({token_id: 1.0}))
            return Term(word, "name", meanings, person)
        return Term(word, "content", meanings)

    def _asks(self, folded: list[str]) -> frozenset[str]:
        asks = {
            kind
            for kind, phrases in self.lexicon.asks.items()
            if any(_contains(folded, phrase) for phrase in phrases)
        }
        opener = next(
            (w for w in folded if w not in self.lexicon.small_talk and w not in self.lexicon.filler), ""
        )
        if opener in self.lexicon.yes_no_openers and not asks:
            asks.add("yesno")
        return frozenset(asks)

    def _attributes(self, folded: list[str]) -> tuple[str, ...]:
        found = [w for w in folded if self.lexicon.is_attribute(w)]
        phrases = self.lexicon.attribute_phrases
        found += [attr for pair in pairwise(folded) if (attr := phrases.get(pair))]
        return tuple(dict.fromkeys(found))


def _contains(words: list[str], phrase: tuple[str, ...]) -> bool:
    size = len(phrase)
    return any(tuple(words[i : i + size]) == phrase for i in range(len(words) - size + 1))


#: Longer than this is a post, not a question.
MAX_CHAT_QUESTION = 300


def reads_as_question(text: str, lexicon: Lexicon) -> bool:
    """Whether a chat message reads as a question: short, not a command, and ending in "?" or
    opening with a question word ("wer", "is", ...), with a few words after it.

    In answer channels the bot must stay quiet on chatter; only such a message may get an answer.
    """
    text = " ".join(strip_mentions(text).split())
    if not text or len(text) > MAX_CHAT_QUESTION or text[0] in "!/.$`>":
        return False
    folded = words(text)
    if text.endswith("?"):
        return any(not w.isdigit() for w in folded)
    return len(text.split()) >= 3 and bool(folded) and folded[0] in lexicon.question_openers
