"""Fuzzy matching of a question against the knowledge: which entries answer it, best first.

Scoring is token based rather than whole-string: every folded word of the question is looked up in
the knowledge's vocabulary (exactly, by a shared six-letter stem for inflections, or by rapidfuzz's
edit-distance ratio for typos), weighted by how rare the word is (IDF). An entry scores by how
much of the question it covers and how much of its best-matching text the question covers. Two
things follow that a whole-string ratio cannot give:

- a question with a word the knowledge has never seen ("Gehalt", "Wetter") loses that word's
  weight, so on-topic-but-unknown and off-topic questions fall below the threshold instead of
  landing on the nearest entry;
- only entries sharing a word with the question are scored, which keeps latency flat as the
  knowledge grows (see the README's benchmark section).

What counts as the same word (typos, stems, verb particles, a person's other names) is decided in
`words`; how well a question fits a found entry beyond its score, in `fit`. Answer texts
(snippets) are searched too, at `BODY_CREDIT`: a member may ask with a word only the answer uses.
"""

from __future__ import annotations

import heapq
import math
from collections import defaultdict
from dataclasses import dataclass

from bot.core.knowledge.model import Event, FaqEntry, Knowledge, Person
from bot.core.matching.dates import says_when
from bot.core.matching.fit import LastQuestion, QuestionFit, WordKind
from bot.core.matching.general_words import general_words
from bot.core.matching.normalize import all_tokens, content_of, fold, tokens
from bot.core.matching.words import Vocabulary

#: How far the question's coverage and the matched text's coverage count in the score.
QUESTION_WEIGHT = 0.7
TEXT_WEIGHT = 0.3
#: What a word found only in an entry's answer text (its snippets) counts for, against one in its
#: title, question variants, keywords or names: the answer says more than the entry is about.
BODY_CREDIT = 0.6
#: Entries scored in full after the cheap first pass.
SHORTLIST = 25
#: A word in more entries than this does not bring in candidates of its own (see `_coverage`).
COMMON_POSTINGS = 256
#: A word (not a name) in at least this share of entries is the knowledge's background ("openai",
#: "board"): "Larry Summers OpenAI" is still just a person's name (see `named_words`).
BACKGROUND_SHARE = 0.25


@dataclass(frozen=True, slots=True)
class Match:
    """An entry and how well the question fits it, 0-100."""

    entry_id: str
    score: float


#: (coverage per candidate, best similarity per vocabulary word, the question's weight, the scores
#: computed so far): one question's search, shared by its searches (see `SearchIndex._weighed`).
_Weighed = tuple[dict[str, float], dict[int, float], float, dict[str, float]]


class SearchIndex(QuestionFit):
    """Word index over one knowledge set; built once per load, read-only afterwards.

    How well a question fits one found entry (names, topics, attributes) is `QuestionFit`'s part.
    """

    def __init__(self, knowledge: Knowledge):
        self._vocab = Vocabulary()
        self._last_words: LastQuestion[tuple[str, ...]] = LastQuestion()
        self._last_kinds: LastQuestion[list[WordKind]] = LastQuestion()
        self._last_weighed: LastQuestion[_Weighed | None] = LastQuestion()
        #: The word ids of each searchable text (a question variant, a title, a name, a keyword),
        #: and (once the vocabulary is complete) the sum of their IDF.
        self._texts: list[tuple[int, ...]] = []
        self._text_weights: list[float] = []
        self._entry_tokens: dict[str, set[int]] = defaultdict(set)
        #: Words only the entry's snippets have: "Y Combinator" is in Altman's answer, not his name.
        #: (A tuple each: a set per entry would cost a large knowledge set some 50 MB more.)
        self._body_tokens: dict[str, tuple[int, ...]] = {}
        self._entry_texts: dict[str, list[int]] = defaultdict(list)
        self._kinds: dict[str, str] = {}
        #: A person's name and alias words, apart from keywords: "Toner" names her, "Podcast" does not.
        self._name_tokens: dict[str, set[int]] = {}
        #: Words of each of a person's roles ("CTO von Microsoft"), and who has a role with a word:
        #: see `role_covers`.
        self._role_tokens: dict[str, list[set[int]]] = {}
        self._role_holders: dict[int, set[str]] = defaultdict(set)
        self._proper_names: set[int] = set()
        self._exact: dict[str, set[str]] = defaultdict(set)
        #: (folded text, entry) for titles, variants and names: keywords are no shortcut, since
        #: "rausgeworfen" may be the event's keyword while "warum ... rausgeworfen" is the FAQ's.
        self._exact_named: set[tuple[str, str]] = set()
        #: Question variants folded with their frame words: "wieso abriss", not just "abriss".
        self._variants: dict[str, set[str]] = defaultdict(set)
        for entry in (*knowledge.faq.values(), *knowledge.events.values(), *knowledge.people.values()):
            self._add_entry(entry)
        self._postings: dict[int, list[str]] = defaultdict(list)
        for entry_id, token_ids in self._entry_tokens.items():
            for token_id in token_ids:
                self._postings[token_id].append(entry_id)
        #: Words of titles, variants, keywords and names: an everyday word ("man", "heute") is
        #: part of a question only when one of these uses it (see `content_words`).
        self._head_words = set(self._postings)
        self._body_postings: dict[int, list[str]] = defaultdict(list)
        for entry_id, body in self._body_tokens.items():
            body = self._body_tokens[entry_id] = tuple(set(body) - self._entry_tokens[entry_id])
            for token_id in body:
                self._body_postings[token_id].append(entry_id)
        entry_count = max(1, len(self._entry_tokens))
        self._idf = [
            math.log(1 + entry_count / max(1, self._frequency(token_id)))
            for token_id in range(len(self._vocab))
        ]
        self._unknown_idf = math.log(1 + entry_count)
        idf = self._idf
        self._text_weights = [sum(idf[t] for t in token_ids) for token_ids in self._texts]
        self._vocab.freeze(self._name_tokens, self._head_words)
        names = {t for tokens in self._name_tokens.values() for t in tokens}
        self._background = {
            token_id
            for token_id, entries in self._postings.items()
            if len(entries) >= BACKGROUND_SHARE * entry_count and token_id not in names
        }

    def _frequency(self, token_id: int) -> int:
        """In how many entries the word occurs at all."""
        return len(self._postings.get(token_id, ())) + len(self._body_postings.get(token_id, ()))

    def _add_entry(self, entry: FaqEntry | Event | Person) -> None:
        named: list[str] = []
        if isinstance(entry, FaqEntry):
            kind, texts = "faq", [entry.title, *entry.questions, *entry.keywords]
            named = [entry.title, *entry.questions]
        elif isinstance(entry, Event):
            kind, texts = "event", [entry.title, *entry.questions, *entry.keywords, *entry.tags]
            named = [entry.title, *entry.questions]
            # "tender offer 2024": the year of an event is a word of it, though not a text.
            year = self._vocab.add(str(entry.when.year))
            self._entry_tokens[entry.id].add(year)
        else:
            name_parts = [part for part in entry.name.split() if len(fold(part)) >= 3]
            roles = [role.title for role in entry.roles]
            kind, texts = "person", [entry.name, *name_parts, *entry.aliases, *entry.keywords, *roles]
            named = [entry.name, *name_parts, *entry.aliases]
            self._role_tokens[entry.id] = [{self._vocab.add(w) for w in tokens(r)} for r in roles]
            # An alias like "Softbank-Chef" names him by his role: "chef" is no name of his, or
            # "Son" would find every entry with a "Chef" in it.
            role_words = {w for r in roles for w in tokens(r)} - set(all_tokens(entry.name))
            self._name_tokens[entry.id] = {
                self._vocab.add(w)
                for n in (entry.name, *entry.aliases)
                for w in all_tokens(n)
                if w not in role_words
            }
            for role in self._role_tokens[entry.id]:
                for token_id in role:
                    self._role_holders[token_id].add(entry.id)
            # Words of the full name and one-word aliases; not "chef" from an alias "Softbank-Chef".
            single = [a for a in entry.aliases if len(all_tokens(a)) == 1]
            self._proper_names.update(
                self._vocab.add(w) for n in (entry.name, *single) for w in all_tokens(n)
            )
        self._kinds[entry.id] = kind
        folded = {text: fold(text).split() for text in {*texts, *named}}  # each text folded once
        for variant in getattr(entry, "questions", ()):
            self._variants[" ".join(folded[variant])].add(entry.id)
        for text in texts:
            words = content_of(folded[text]) or folded[text]
            if not words:
                continue
            token_ids = tuple(self._vocab.add(word) for word in words)
            self._entry_tokens[entry.id].update(token_ids)
            self._entry_texts[entry.id].append(len(self._texts))
            self._texts.append(token_ids)
            self._exact[" ".join(words)].add(entry.id)
        general = general_words()
        self._body_tokens[entry.id] = tuple(
            {
                self._vocab.add(word)
                for snippet in entry.snippets
                for word in tokens(snippet.text)
                if word not in general
            }
        )
        for text in named:
            words = content_of(folded[text]) or folded[text]
            if words:
                self._exact_named.add((" ".join(words), entry.id))

    def kind_of(self, entry_id: str) -> str:
        return self._kinds[entry_id]

    def exact(self, question: str) -> str | None:
        """The one entry whose variant, title or name is exactly this question, once folded.

        A question spelled like a variant, frame words included ("wieso abriss"), belongs to that
        entry even when its content words alone ("abriss") are another entry's keyword as well.
        """
        variant_owners = self._variants.get(" ".join(all_tokens(question)), set())
        if len(variant_owners) == 1:
            return next(iter(variant_owners))
        key = " ".join(tokens(question) or all_tokens(question))
        owners = self._exact.get(key, set())
        owner = next(iter(owners)) if len(owners) == 1 else None
        return owner if (key, owner) in self._exact_named else None

    def search(self, question: str, *, limit: int = 5, kinds: set[str] | None = None) -> list[Match]:
        """Entries best-first; empty when no word of the question is known at all."""
        weighed = self._weighed(question)
        if weighed is None:
            return []
        coverage, best_similarity, total_weight, scores = weighed
        if kinds is not None:
            coverage = {e: c for e, c in coverage.items() if self._kinds[e] in kinds}
        shortlist = heapq.nlargest(SHORTLIST, coverage.items(), key=lambda item: (item[1], item[0]))
        matches: list[Match] = []
        top: list[float] = []  # the best `limit` scores so far, smallest first
        for entry_id, covered in shortlist:
            question_coverage = covered / total_weight
            if len(top) >= limit:
                # The shortlist is in falling coverage; once even a perfect text match could not
                # reach the current top `limit`, nothing further down can either.
                ceiling = 100 * (QUESTION_WEIGHT * question_coverage + TEXT_WEIGHT)
                if ceiling < top[0]:
                    break
            score = scores.get(entry_id)
            if score is None:
                score = scores[entry_id] = round(self._score(entry_id, question_coverage, best_similarity), 2)
            matches.append(Match(entry_id, score))
            if len(top) < limit:
                heapq.heappush(top, score)
            elif score > top[0]:
                heapq.heapreplace(top, score)
        matches.sort(key=lambda match: (-match.score, match.entry_id))
        return matches[:limit]

    def _weighed(self, question: str) -> _Weighed | None:
        """The question's words weighed and every candidate's coverage, for the last question:
        the engine searches a question once for all entries and once for people only."""
        return self._last_weighed.get(question, self._weigh)

    def _weigh(self, question: str) -> _Weighed | None:
        words = self.content_words(question)
        if not words:
            return None
        similar = [self._vocab.similar(word) for word in words]
        # An unknown word weighs like the rarest known one, except one that only says when
        # ("Madry im Juli"), unless nothing else says what about ("was passierte im Juli").
        about_something = any(
            not says_when(word) and (not found or found.keys() - self._background)
            for word, found in zip(words, similar, strict=True)
        )
        weights = [
            max(
                (self._idf[t] for t in found),
                default=0.0 if about_something and says_when(word) else self._unknown_idf,
            )
            for word, found in zip(words, similar, strict=True)
        ]
        similar = [self._vocab.with_names(found) for found in similar]
        total_weight = sum(weights)
        if not total_weight:
            return None  # "Juli?": nothing but when, about nothing the knowledge knows
        best_similarity: dict[int, float] = {}
        for found in similar:
            for token_id, similarity in found.items():
                best_similarity[token_id] = max(best_similarity.get(token_id, 0.0), similarity)
        return self._coverage(similar, weights), best_similarity, total_weight, {}

    def _coverage(self, similar: list[dict[int, float]], weights: list[float]) -> dict[str, float]:
        """IDF-weighted share of the question each candidate entry covers (not yet divided).

        Candidates come from the question's rarer words; a word found in more than
        `COMMON_POSTINGS` entries only adds to candidates it did not create. This keeps a question
        full of common words ("welche Rolle spielte ...") from touching most of a large set.
        """
        sizes = [sum(self._frequency(t) for t in found) for found in similar]
        generating = [i for i, size in enumerate(sizes) if size <= COMMON_POSTINGS]
        if not generating and any(sizes):
            generating = [min((i for i, size in enumerate(sizes) if size), key=sizes.__getitem__)]
        coverage: dict[str, float] = defaultdict(float)
        for i in generating:
            best_per_entry: dict[str, float] = {}
            for token_id, similarity in similar[i].items():
                for entry_id in self._postings.get(token_id, ()):
                    if similarity > best_per_entry.get(entry_id, 0.0):
                        best_per_entry[entry_id] = similarity
                in_body = similarity * BODY_CREDIT
                for entry_id in self._body_postings.get(token_id, ()):
                    if in_body > best_per_entry.get(entry_id, 0.0):
                        best_per_entry[entry_id] = in_body
            for entry_id, similarity in best_per_entry.items():
                coverage[entry_id] += weights[i] * similarity
        common = [i for i in range(len(similar)) if i not in generating and similar[i]]
        if not common:
            return coverage
        # A candidate that cannot reach the SHORTLIST-th best even with every common word is dropped.
        reachable = sum(weights[i] for i in common)
        floor = heapq.nlargest(SHORTLIST, coverage.values())[-1] if len(coverage) > SHORTLIST else 0.0
        kept = {e: c for e, c in coverage.items() if c + reachable >= floor}
        for i in common:
            found, weight = similar[i], weights[i]
            keys = found.keys()
            for entry_id in kept:
                shared = keys & self._entry_tokens[entry_id]
                if shared:
                    kept[entry_id] += weight * max(found[t] for t in shared)
                elif shared := keys & self._body_tokens[entry_id]:
                    kept[entry_id] += weight * BODY_CREDIT * max(found[t] for t in shared)
        return kept

    def _score(self, entry_id: str, question_coverage: float, best: dict[int, float]) -> float:
        text_coverage = 0.0
        idf = self._idf
        texts, weights = self._texts, self._text_weights
        for text_index in self._entry_texts[entry_id]:
            if weight := weights[text_index]:
                covered = sum(idf[t] * best[t] for t in texts[text_index] if t in best)
                text_coverage = max(text_coverage, covered / weight)
        return 100 * (QUESTION_WEIGHT * question_coverage + TEXT_WEIGHT * text_coverage)
