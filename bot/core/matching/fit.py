"""How well a question fits one entry the search found, beyond the score.

A score says how many of the question's words an entry shares; these checks say what kind of
words they are. Does the entry share only a person's name ("Wo hat Nadella studiert?")? Does it
name the attribute asked for ("Wie alt ist Murati?")? Is a word of the question unknown to the
whole knowledge, or does it belong to another entry? The engine decides with them between an
answer, suggestions and silence (`engine.AnswerEngine._decide`).

`QuestionFit` is the part of `search.SearchIndex` that asks these questions of the index's words;
it holds no data of its own.
"""

from __future__ import annotations

from collections.abc import Callable
from collections.abc import Set as AbstractSet
from typing import Generic, TypeVar

from bot.core.matching.dates import TIME_WORDS, says_when
from bot.core.matching.general_words import general_words
from bot.core.matching.normalize import ASIDES, tokens
from bot.core.matching.words import Vocabulary, asked_attributes

#: Words that ask what someone does: a person's entry answers them with the roles it lists
#: ("Brad Lightcap, welchen Posten hat der?"), though it never says "Posten".
ROLE_QUESTION_WORDS = frozenset(
    """
    beruf beruflich job jobs posten position funktion rolle arbeitet arbeit macht titel amt
    role roles living work works title
    """.split()
)
#: A word this long that misspells exactly one name by this little still names the person.
TYPO_NAME_LENGTH = 6
TYPO_NAME_SIMILARITY = 0.9


T = TypeVar("T")
#: Per content word that does not just say when: (word, what it may mean, all of it background,
#: the names it may be).
WordKind = tuple[str, AbstractSet[int], bool, AbstractSet[int]]


class LastQuestion(Generic[T]):
    """A value worked out from a question, kept for the last question asked.

    One question goes through many checks (every found entry, two searches); they all start
    from the same words. Only the last one is kept, in one attribute read and written whole,
    so threads asking at once never see another question's value.
    """

    __slots__ = ("_last",)

    def __init__(self) -> None:
        self._last: tuple[str | None, T | None] = (None, None)

    def get(self, question: str, compute: Callable[[str], T]) -> T:
        last = self._last
        if last[0] != question:
            last = (question, compute(question))
            self._last = last
        return last[1]  # type: ignore[return-value]


class QuestionFit:
    """Checks of a question against the entries of a `SearchIndex` (mixed into it)."""

    _vocab: Vocabulary
    _idf: list[float]
    _background: set[int]
    _head_words: set[int]
    _entry_tokens: dict[str, set[int]]
    _body_tokens: dict[str, tuple[int, ...]]
    _name_tokens: dict[str, set[int]]
    _proper_names: set[int]
    _role_tokens: dict[str, list[set[int]]]
    _role_holders: dict[int, set[str]]
    _last_words: LastQuestion[tuple[str, ...]]
    _last_kinds: LastQuestion[list[WordKind]]

    def content_words(self, question: str) -> list[str]:
        """The question's content words; "gast ausweis" becomes the known "gastausweis".

        Every check of one question starts here, so the last question's words are kept.
        """
        return list(self._last_words.get(question, self._content_words))

    def _content_words(self, question: str) -> tuple[str, ...]:
        words = [w for w in tokens(question) if w not in ASIDES]
        if not words:
            return ()
        joined: list[str] = []
        skip = False
        for first, second in zip(words, [*words[1:], ""], strict=True):
            if skip:
                skip = False
                continue
            if second and first + second in self._vocab:
                joined.append(first + second)
                skip = True
            else:
                joined.append(first)
        general, ids = general_words(), self._vocab.ids
        return tuple(
            w
            for w in dict.fromkeys(joined)
            if (w not in general or ids.get(w) in self._head_words) and (len(w) >= 2 or w in ids)
        )

    def _uses(self, entry_id: str, token_ids: AbstractSet[int]) -> bool:
        """Whether any text of the entry, answer text included, has one of these words.

        Asked of the two collections in turn rather than of their union: a union per entry
        would double the memory of a large knowledge set.
        """
        return not token_ids.isdisjoint(self._entry_tokens[entry_id]) or not token_ids.isdisjoint(
            self._body_tokens.get(entry_id, ())
        )

    def named_words(self, question: str, entry_id: str) -> tuple[int, int]:
        """(content words naming this person or asking what they do, known content words that
        are not background)."""
        names = self._name_tokens.get(entry_id, set())
        words = self.content_words(question)
        found = [self._vocab.similar(word) for word in words]
        named = sum(1 for f in found if f.keys() & names)
        if named and self._role_tokens.get(entry_id):
            # "welchen Job hat Greg heute": asking what a named person does is asking about them
            named += sum(1 for word in words if word in ROLE_QUESTION_WORDS)
        return named, sum(1 for f in found if f and (f.keys() & names or f.keys() - self._background))

    def role_covers(self, question: str, entry_id: str) -> bool:
        """Whether one role of this person holds every word of the question but their name.

        "Kevin Scott Microsoft" names him by name and role. Altman's "CEO von OpenAI" and his
        Microsoft role, each holding one word, do not cover "CEO von Microsoft".
        """
        rest = self._role_words(question, self._name_tokens.get(entry_id, set()))
        return bool(rest) and any(
            all(found & role for found in rest) for role in self._role_tokens.get(entry_id, ())
        )

    def role_holder(self, question: str) -> str | None:
        """The one person with a role holding every word of a question without names.

        "Wer ist CEO von Microsoft?" is Nadella; "wer ist CEO?" fits several roles and so no one.
        """
        rest = self._role_words(question, set())
        if not rest:
            return None
        holders = set.union(*(self._role_holders.get(t, set()) for t in rest[0]))
        fitting = [person for person in sorted(holders) if self.role_covers(question, person)]
        return fitting[0] if len(fitting) == 1 else None

    def _role_words(self, question: str, names: set[int]) -> list[set[int]]:
        """For each known, not-background word of the question that is not one of `names`, what
        it may mean."""
        rest = []
        for word in self.content_words(question):
            found = self._vocab.similar(word).keys()
            if found and not found & names and found - self._background:
                rest.append(set(found))
        return rest

    def named_people(self, question: str) -> list[set[int]]:
        """For each word of the question that is a person's name, all their names; a long word
        counts when it misspells exactly one name ("sutskeverr").

        "Wer hat Ilya unter Druck gesetzt?" is about Ilya: an entry that shares "Druck" but
        never names him answers another question, however well its other words fit.
        """
        ids, groups = self._vocab.ids, []
        for word in self.content_words(question):
            token_id = ids.get(word)
            if token_id is None and len(word) >= TYPO_NAME_LENGTH:
                # "sutskeverr": a long word that is a typo of exactly one name
                close = [t for t, s in self._vocab.similar(word).items() if s >= TYPO_NAME_SIMILARITY]
                token_id = close[0] if len(close) == 1 else None
            if token_id in self._vocab.name_group and token_id in self._proper_names:
                groups.append(set(self._vocab.with_names({token_id: 1.0})))
        return groups

    def mentions(self, entry_id: str, names: list[set[int]]) -> bool:
        """Whether the entry's texts name every one of these people."""
        return all(self._uses(entry_id, group) for group in names)

    def only_names(self, question: str, entry_id: str) -> bool:
        """Whether the entry shares nothing with the question but the name of a person in it.

        "wo hat satya nadella studiert" finds Nadella's entry and every entry mentioning him, yet
        none says where he studied: the question asks about something else than they answer.
        """
        named, topics, covered = self._names_and_topics(question, entry_id)
        return named > 0 and topics > 0 and covered == 0

    def covers_topic(self, question: str, entry_id: str) -> bool:
        """Whether the entry has a word for something the question asks beyond names and dates.

        "Hat Sama den Job bei Microsoft je angetreten?" is about Altman's Microsoft role, which
        his entry holds, though it never says "Job".
        """
        return self._names_and_topics(question, entry_id)[2] > 0

    def _names_and_topics(self, question: str, entry_id: str) -> tuple[int, int, int]:
        """(question words naming a person the entry names, other topic words, those covered)."""
        named = topics = covered = 0
        for word, found, background, names in self._word_kinds(question):
            if background and not self._uses(entry_id, found):
                continue
            if names and self._uses(entry_id, names):
                named += 1
                continue
            topics += 1
            covered += self._uses(entry_id, found) or (
                word in ROLE_QUESTION_WORDS and bool(self._role_tokens.get(entry_id))
            )
        return named, topics, covered

    def _word_kinds(self, question: str) -> list[WordKind]:
        """The question's `WordKind`s: the same for every entry it is checked against."""
        return self._last_kinds.get(question, self._find_word_kinds)

    def _find_word_kinds(self, question: str) -> list[WordKind]:
        kinds = []
        for word in self.content_words(question):
            if says_when(word):
                continue
            found = self._vocab.similar(word)
            names = {t: s for t, s in found.items() if t in self._vocab.name_group}
            expanded = self._vocab.with_names(names).keys() if names else frozenset()
            background = bool(found) and not found.keys() - self._background
            kinds.append((word, found.keys(), background, expanded))
        return kinds

    def topic_words(self, question: str) -> dict[str, set[int]]:
        """The question's words that are not background, each with the vocabulary words it may mean."""
        topics = {}
        for word in self.content_words(question):
            found = self._vocab.with_names(self._vocab.similar(word)).keys()
            if found - self._background:
                topics[word] = set(found)
        return topics

    def covered_words(
        self, topics: dict[str, set[int]], entry_id: str, *, in_answer: bool = True
    ) -> set[str]:
        """Those of the question's `topic_words` this entry has a word for; with `in_answer`
        False only in what the entry is about, not in its answer text."""
        if in_answer:
            return {word for word, found in topics.items() if self._uses(entry_id, found)}
        entry_tokens = self._entry_tokens[entry_id]
        return {word for word, found in topics.items() if found & entry_tokens}

    def is_head_word(self, word: str) -> bool:
        """Whether this exact word is in what some entry is about (title, variants, keywords)."""
        return self._vocab.ids.get(word) in self._head_words

    def weight(self, topics: dict[str, set[int]], words: set[str]) -> float:
        """How much these of the question's topic words weigh: the rarer, the more (IDF)."""
        return sum(max(self._idf[t] for t in topics[w]) for w in words if topics[w])

    def missing_attributes(self, question: str, entry_id: str) -> list[str]:
        """Attribute words the question asks for that the entry's texts never name.

        "Wie alt ist Mira Murati?" finds her entry, yet it says nothing about her age: the entry is
        about her, not an answer to the question (see `words.ATTRIBUTE_WORDS`).
        """
        entry_tokens = self._entry_tokens[entry_id]  # not answer texts: "große Überraschung"
        ids = self._vocab.ids
        return [w for w in asked_attributes(question) if ids.get(w) not in entry_tokens]

    def only_when(self, question: str) -> bool:
        """Whether the question names a time or number and, besides, only "what happened" and
        words every other entry has ("OpenAI")."""
        words, ids = self.content_words(question), self._vocab.ids
        timed = any(w.isdigit() or w in TIME_WORDS for w in words)
        return timed and all(says_when(w) or ids.get(w) in self._background for w in words)

    def unknown_words(self, question: str) -> list[str]:
        """Content words the knowledge has no word for, not even with a typo ("verdient", "wetter").

        Numbers and time words are left out: "2024", "10" or "Juli" say when or how much, not what
        about.
        """
        return [w for w in self.content_words(question) if not says_when(w) and not self._vocab.similar(w)]
