"""The lexical side of retrieval: which entries share the question's words, and how much.

Every known word of the question (a typo, a stem or another name of a person counts, see
`vocabulary`) is weighted by how rare it is in the knowledge (IDF). An entry is scored by how much
of the question's weight it covers, in what it is about (title, question variants, keywords,
names, roles) and, at `BODY_CREDIT`, in its answer texts, and by how much of its best-matching
text the question covers. Only entries sharing a word with the question are scored, which keeps
latency flat as the knowledge grows. This module gives numbers; `features` turns them into the
ranker's inputs, and nothing here decides.
"""

from __future__ import annotations

import heapq
import math
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from bot.core.knowledge.model import Event, FaqEntry, Person
from bot.core.matching.analyse import Question, Term
from bot.core.matching.language import Lexicon
from bot.core.matching.text import umlaut_blind, words
from bot.core.matching.vocabulary import Vocabulary

Entry = FaqEntry | Event | Person

#: How far the question's coverage and the matched text's coverage count in the score.
QUESTION_WEIGHT = 0.7
TEXT_WEIGHT = 0.3
#: What a word found only in an entry's answer text counts for, against one in what it is about.
BODY_CREDIT = 0.6
#: Entries scored in full after the cheap first pass.
SHORTLIST = 40
#: A word in more entries than this does not bring in candidates of its own (see `_coverage`).
COMMON_POSTINGS = 256
#: A word (not a name) in at least this share of entries is the knowledge's background ("openai").
BACKGROUND_SHARE = 0.25


@dataclass(frozen=True, slots=True)
class LexicalHit:
    """How one entry shares the question's words; every share is 0-1."""

    entry_id: str
    score: float
    #: Share of the question's weight the entry covers anywhere (answer texts at BODY_CREDIT).
    coverage: float
    #: Share of the question's weight covered by what the entry is about (no answer texts).
    head: float
    #: Share of the entry's best-matching text that the question covers.
    text: float


@dataclass(frozen=True, slots=True)
class _Weighed:
    meanings: list[dict[int, float]]
    weights: list[float]
    total: float


class LexicalIndex:
    """Word index over a set of entries; built once per load, read-only afterwards."""

    def __init__(self, entries: Iterable[Entry], lexicon: Lexicon):
        self.lexicon = lexicon
        self.vocabulary = Vocabulary(lexicon)
        self._stop = lexicon.stop
        #: The word ids of each searchable text and (once the vocabulary is complete) their IDF sum.
        self._texts: list[tuple[int, ...]] = []
        self._entry_tokens: dict[str, set[int]] = defaultdict(set)
        #: Words only the entry's answer texts have (a tuple each: sets would cost large sets much).
        self._body_tokens: dict[str, tuple[int, ...]] = {}
        self._entry_texts: dict[str, list[int]] = defaultdict(list)
        self.kinds: dict[str, str] = {}
        #: A person's name and alias words: "Toner" names her, her keyword "Podcast" does not.
        self._name_tokens: dict[str, set[int]] = {}
        self._role_tokens: dict[str, list[set[int]]] = {}
        self._role_holders: dict[int, set[str]] = defaultdict(set)
        self.proper_names: set[int] = set()
        #: Question variants folded with their frame words ("wieso abriss", not just "abriss"),
        #: blind to how umlauts are typed (`umlaut_blind`).
        self._variants: dict[str, set[str]] = defaultdict(set)
        for entry in entries:
            self._add_entry(entry)
        self._postings: dict[int, list[str]] = defaultdict(list)
        for entry_id, token_ids in self._entry_tokens.items():
            for token_id in token_ids:
                self._postings[token_id].append(entry_id)
        #: Words of what entries are about: an everyday word counts only when one of these uses it.
        self.head_words = set(self._postings)
        self._body_postings: dict[int, list[str]] = defaultdict(list)
        for entry_id, body in self._body_tokens.items():
            body = self._body_tokens[entry_id] = tuple(set(body) - self._entry_tokens[entry_id])
            for token_id in body:
                self._body_postings[token_id].append(entry_id)
        entry_count = max(1, len(self.kinds))
        self._idf = [
            math.log(1 + entry_count / max(1, self._frequency(t))) for t in range(len(self.vocabulary))
        ]
        self._unknown_idf = math.log(1 + entry_count)
        self._text_weights = [sum(self._idf[t] for t in text) for text in self._texts]
        self.vocabulary.freeze(self._name_tokens, self.head_words)
        names = {t for tokens in self._name_tokens.values() for t in tokens}
        self.background = {
            token_id
            for token_id, entries in self._postings.items()
            if len(entries) >= BACKGROUND_SHARE * entry_count and token_id not in names
        }

    # ----------------------------------------------------------------- building

    def _frequency(self, token_id: int) -> int:
        """In how many entries the word occurs at all."""
        return len(self._postings.get(token_id, ())) + len(self._body_postings.get(token_id, ()))

    def _content(self, folded: list[str]) -> list[str]:
        abbreviations = self.lexicon.abbreviations
        return [abbreviations.get(w, w) for w in folded if w not in self._stop]

    def _add_entry(self, entry: Entry) -> None:
        vocab = self.vocabulary
        if isinstance(entry, FaqEntry):
            kind, texts = "faq", [entry.title, *entry.questions, *entry.keywords]
        elif isinstance(entry, Event):
            kind, texts = "event", [entry.title, *entry.questions, *entry.keywords, *entry.tags]
            self._entry_tokens[entry.id].add(vocab.add(str(entry.when.year)))  # "tender offer 2024"
        else:
            kind, texts = "person", self._add_person(entry)
        self.kinds[entry.id] = kind
        # A question spelled like an entry's question variant or its title is asked for that entry.
        own = (entry.title, *entry.questions) if isinstance(entry, FaqEntry | Event) else ()
        for variant in own:
            self._variants[umlaut_blind(" ".join(words(variant)))].add(entry.id)
        for text in texts:
            folded = words(text)
            content = self._content(folded) or folded
            if not content:
                continue
            token_ids = tuple(vocab.add(word) for word in content)
            self._entry_tokens[entry.id].update(token_ids)
            self._entry_texts[entry.id].append(len(self._texts))
            self._texts.append(token_ids)
        everyday = self.lexicon.everyday
        self._body_tokens[entry.id] = tuple(
            {vocab.add(w) for s in entry.snippets for w in self._content(words(s.text)) if w not in everyday}
        )

    def _add_person(self, person: Person) -> list[str]:
        vocab = self.vocabulary
        name_parts = [part for part in person.name.split() if len(words(part)) == 1 and len(part) >= 3]
        roles = [role.title for role in person.roles]
        self._role_tokens[person.id] = [{vocab.add(w) for w in self._content(words(r))} for r in roles]
        # An alias like "Softbank-Chef" names him by his role: "chef" is no name of his.
        role_words = {w for r in roles for w in self._content(words(r))} - set(words(person.name))
        self._name_tokens[person.id] = {
            vocab.add(w) for n in (person.name, *person.aliases) for w in words(n) if w not in role_words
        }
        for role in self._role_tokens[person.id]:
            for token_id in role:
                self._role_holders[token_id].add(person.id)
        single = [a for a in person.aliases if len(words(a)) == 1]
        self.proper_names.update(vocab.add(w) for n in (person.name, *single) for w in words(n))
        return [person.name, *name_parts, *person.aliases, *person.keywords, *roles]

    # ----------------------------------------------------------------- searching

    def exact_variant(self, question: Question) -> str | None:
        """The one entry with a question variant or title spelled exactly like this question, once
        folded ("Brucke", "Bruecke" and "Brücke" spelled alike)."""
        owners = self._variants.get(umlaut_blind(question.folded), set())
        return next(iter(owners)) if len(owners) == 1 else None

    def _weigh(self, question: Question) -> _Weighed | None:
        # A word the knowledge has no word for cannot bring the question closer to any entry: it
        # counts in the ranker's `unknown_share` alone, so it can never raise the confidence.
        terms = tuple(t for t in question.topic if t.known or t.tag in ("time", "number"))
        if not terms:
            return None
        meanings = [t.meanings for t in terms]
        # An unknown word weighs like the rarest known one, except one that only says when
        # ("Madry im Juli"), unless nothing else says what about ("was passierte im Juli").
        about_something = any(
            t.tag not in ("time", "number") and (not t.known or t.meanings.keys() - self.background)
            for t in terms
        )
        weights = [
            max(
                (self._idf[i] for i in t.meanings),
                default=0.0 if about_something and t.tag in ("time", "number") else self._unknown_idf,
            )
            for t in terms
        ]
        total = sum(weights)
        if not total:
            return None
        return _Weighed([self.vocabulary.with_names(m) for m in meanings], weights, total)

    def search(self, question: Question, *, limit: int = 20) -> list[LexicalHit]:
        """Entries best-first; empty when no word of the question is known at all."""
        weighed = self._weigh(question)
        if weighed is None:
            return []
        coverage, head = self._coverage(weighed)
        shortlist = heapq.nlargest(SHORTLIST, coverage.items(), key=lambda item: (item[1], item[0]))
        best: dict[int, float] = {}
        for found in weighed.meanings:
            for token_id, similarity in found.items():
                best[token_id] = max(best.get(token_id, 0.0), similarity)
        hits = []
        for entry_id, covered in shortlist:
            share = covered / weighed.total
            text = self._text_coverage(entry_id, best)
            score = QUESTION_WEIGHT * share + TEXT_WEIGHT * text
            hits.append(
                LexicalHit(entry_id, round(score, 4), share, head.get(entry_id, 0.0) / weighed.total, text)
            )
        hits.sort(key=lambda hit: (-hit.score, hit.entry_id))
        return hits[:limit]

    def _coverage(self, weighed: _Weighed) -> tuple[dict[str, float], dict[str, float]]:
        """IDF-weighted coverage of the question per candidate (anywhere, and in head texts only).

        Candidates come from the question's rarer words; a word found in more than
        `COMMON_POSTINGS` entries only adds to candidates it did not create, so a question full
        of common words does not touch most of a large set.
        """
        similar, weights = weighed.meanings, weighed.weights
        sizes = [sum(self._frequency(t) for t in found) for found in similar]
        generating = [i for i, size in enumerate(sizes) if size <= COMMON_POSTINGS]
        if not generating and any(sizes):
            generating = [min((i for i, size in enumerate(sizes) if size), key=sizes.__getitem__)]
        coverage: dict[str, float] = defaultdict(float)
        head: dict[str, float] = defaultdict(float)
        for i in generating:
            in_head: dict[str, float] = {}
            anywhere: dict[str, float] = {}
            for token_id, similarity in similar[i].items():
                for entry_id in self._postings.get(token_id, ()):
                    if similarity > in_head.get(entry_id, 0.0):
                        in_head[entry_id] = similarity
                credit = similarity * BODY_CREDIT
                for entry_id in self._body_postings.get(token_id, ()):
                    if credit > anywhere.get(entry_id, 0.0):
                        anywhere[entry_id] = credit
            for entry_id, similarity in in_head.items():
                head[entry_id] += weights[i] * similarity
            for entry_id in in_head.keys() | anywhere.keys():
                coverage[entry_id] += weights[i] * max(
                    in_head.get(entry_id, 0.0), anywhere.get(entry_id, 0.0)
                )
        common = [i for i in range(len(similar)) if i not in generating and similar[i]]
        if not common:
            return coverage, head
        reachable = sum(weights[i] for i in common)
        floor = heapq.nlargest(SHORTLIST, coverage.values())[-1] if len(coverage) > SHORTLIST else 0.0
        kept = {e: c for e, c in coverage.items() if c + reachable >= floor}
        for i in common:
            found, weight = similar[i], weights[i]
            keys = found.keys()
            for entry_id in kept:
                if shared := keys & self._entry_tokens[entry_id]:
                    gain = weight * max(found[t] for t in shared)
                    kept[entry_id] += gain
                    head[entry_id] += gain
                elif shared := keys & set(self._body_tokens[entry_id]):
                    kept[entry_id] += weight * BODY_CREDIT * max(found[t] for t in shared)
        return kept, head

    def _text_coverage(self, entry_id: str, best: dict[int, float]) -> float:
        """How much of the entry's best-matching text the question covers."""
        result, idf = 0.0, self._idf
        for index in self._entry_texts[entry_id]:
            if weight := self._text_weights[index]:
                covered = sum(idf[t] * best[t] for t in self._texts[index] if t in best)
                result = max(result, covered / weight)
        return result

    # ----------------------------------------------------------------- how a question fits an entry

    def uses(self, entry_id: str, token_ids: Iterable[int]) -> bool:
        """Whether any text of the entry, answer texts included, has one of these words."""
        wanted = set(token_ids)
        return not wanted.isdisjoint(self._entry_tokens[entry_id]) or not wanted.isdisjoint(
            self._body_tokens.get(entry_id, ())
        )

    def names_all(self, question: Question, entry_id: str) -> bool:
        """Whether the entry's texts name every person the question names."""
        return all(self.uses(entry_id, person) for person in question.names)

    def is_named(self, question: Question, entry_id: str) -> bool:
        """Whether the entry is a person the question names."""
        own = self._name_tokens.get(entry_id)
        return bool(own) and any(person & own for person in question.names)

    def topic_shared(self, question: Question, entry_id: str) -> tuple[int, int]:
        """(topic words beyond names and times, those of them the entry has): "wo hat Nadella
        studiert" shares only his name with every entry about him."""
        topics = covered = 0
        for term in question.topic:
            if term.tag in ("name", "time", "number") or not term.known:
                continue
            if not term.meanings.keys() - self.background and not self.uses(entry_id, term.meanings):
                continue
            topics += 1
            covered += self.uses(entry_id, term.meanings) or (
                term.word in self.lexicon.role_question and bool(self._role_tokens.get(entry_id))
            )
        return topics, covered

    def missing_attributes(self, question: Question, entry_id: str) -> int:
        """How many attributes asked for ("wie alt") the entry's own texts never name."""
        own, ids = self._entry_tokens[entry_id], self.vocabulary.ids
        return sum(1 for word in question.attributes if ids.get(word) not in own)

    def role_holder(self, question: Question) -> str | None:
        """The one person with a role holding every known word of a question without names
        ("wer ist CEO von Microsoft" is Nadella; "wer ist CEO" fits several roles, so no one)."""
        rest = [
            set(t.meanings)
            for t in question.topic
            if t.tag == "content" and t.known and t.meanings.keys() - self.background
        ]
        if not rest or question.names:
            return None
        holders = set.union(*(self._role_holders.get(t, set()) for t in rest[0]))
        fitting = [
            person
            for person in sorted(holders)
            if any(all(found & role for found in rest) for role in self._role_tokens.get(person, ()))
        ]
        return fitting[0] if len(fitting) == 1 else None

    def unknown_share(self, question: Question) -> float:
        """Share of the question's topic words the knowledge has no word for."""
        topic = [t for t in question.topic if t.tag in ("content", "name")]
        return sum(1 for t in topic if not t.known) / len(topic) if topic else 0.0

    def kind_of(self, entry_id: str) -> str:
        return self.kinds[entry_id]

    def is_unknown(self, term: Term) -> bool:
        return term.tag == "content" and not term.known
