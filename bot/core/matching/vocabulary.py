"""Which words of the knowledge a member's word may mean: typos, stems, verb particles, name groups.

The lexical index scores entries by the words they share with a question; this module decides what
counts as the same word. Members misspell ("Sutskewer"), inflect ("entlassen" / "Entlassung"),
split or join separable verbs ("geworfen" / "rausgeworfen") and name a person by any one of their
names ("sam" for Altman). rapidfuzz's edit-distance ratio finds the typos; it is imported here and
in `likeness` (completions and grouping), nowhere else.

Attribute words ("alter", "gehalt", "lieblingsessen") ask for a kind of fact; they match only
exactly, so "alter" is not taken for "after" nor "gehalt" for "gehalten".
"""

from __future__ import annotations

from collections import defaultdict

from rapidfuzz import fuzz, process

from bot.core.matching.language import Lexicon, dictionary_words

#: Below this many letters a word must match exactly, in the question and in the knowledge: "ki"
#: vs "ai" is no typo, and neither is "tall" for "all".
MIN_FUZZY_LENGTH = 4
#: Words whose lookup `Vocabulary.similar` keeps (oldest dropped first).
SIMILAR_CACHE = 4096
#: rapidfuzz ratio needed to count a word as a typo of another.
TYPO_CUTOFF = 80
#: Similarity credited to two words sharing a six-letter stem ("entlassen", "entlassung").
STEM_SIMILARITY = 0.85
STEM_LENGTH = 6


class Vocabulary:
    """The knowledge's words with ids, and what a member's word may mean among them.

    Filled with `add` while the index reads the entries, then `freeze`; read-only afterwards.
    """

    def __init__(self, lexicon: Lexicon) -> None:
        self._lexicon = lexicon
        self.ids: dict[str, int] = {}
        self.words: list[str] = []
        #: Every name word of a person -> all of that person's name words ("sam" -> "altman").
        self.name_group: dict[int, frozenset[int]] = {}
        self._by_particle: dict[str, list[int]] = defaultdict(list)
        self._by_length: dict[int, list[str]] = defaultdict(list)
        self._by_stem: dict[str, list[int]] = defaultdict(list)
        self._primary: set[int] = set()
        self._names: set[int] = set()
        self._similar_cache: dict[str, dict[int, float]] = {}

    def __len__(self) -> int:
        return len(self.ids)

    def __contains__(self, word: str) -> bool:
        return word in self.ids

    def add(self, word: str) -> int:
        """The word's id, new if the word is new."""
        return self.ids.setdefault(word, len(self.ids))

    def freeze(self, name_tokens: dict[str, set[int]], primary: set[int] | None = None) -> None:
        """Build the lookups once every word is known; `name_tokens` maps a person to name ids.

        `primary` are the words of what entries are about (titles, variants, keywords, names), as
        against words only their answer texts use: a member's "verliess" that only an answer text
        spells exactly is still looked up as a typo of the title's "verlaesst".
        """
        self.words = list(self.ids)
        self._primary = set(self.ids.values()) if primary is None else primary
        for word, token_id in self.ids.items():
            self._by_length[len(word)].append(word)
            if len(word) >= STEM_LENGTH:
                self._by_stem[word[:STEM_LENGTH]].append(token_id)
            for particle in self._lexicon.particles:
                if word.startswith(particle) and len(word) - len(particle) >= STEM_LENGTH - 1:
                    self._by_particle[word[len(particle) :]].append(token_id)
        self._build_name_groups(name_tokens)
        self._names = set().union(*name_tokens.values()) if name_tokens else set()

    def _build_name_groups(self, name_tokens: dict[str, set[int]]) -> None:
        """Name words that belong to exactly one person stand for all of that person's names."""
        owners: dict[int, list[str]] = defaultdict(list)
        for person_id, tokens in name_tokens.items():
            for token_id in tokens:
                owners[token_id].append(person_id)
        for tokens in name_tokens.values():
            group = frozenset(t for t in tokens if len(owners[t]) == 1 and len(self.words[t]) >= 3)
            for token_id in group:
                self.name_group[token_id] = group

    def similar(self, word: str) -> dict[int, float]:
        """Vocabulary words that may be meant by `word`, with a similarity of 0-1 (do not modify).

        One question asks this for the same word in several checks (names, topics, unknown
        words), and members ask about the same names all day: the frozen vocabulary keeps the
        answers for the most recent words.
        """
        found = self._similar_cache.get(word)
        if found is None:
            found = self._lookup(word)
            if len(self._similar_cache) >= SIMILAR_CACHE:
                self._similar_cache.pop(next(iter(self._similar_cache), None), None)
            self._similar_cache[word] = found
        return found

    def _lookup(self, word: str) -> dict[int, float]:
        found: dict[int, float] = {}
        exact = self.ids.get(word)
        if exact is not None:
            found[exact] = 1.0
        if self._lexicon.is_attribute(word):
            return found
        if exact not in self._primary:
            exact = None  # known only from answer texts: look for what the entries are about, too
        if len(word) >= STEM_LENGTH:
            for token_id in self._by_stem.get(word[:STEM_LENGTH], ()):
                found.setdefault(token_id, STEM_SIMILARITY)
        if exact is None:
            for token_id in self._compounds(word):
                found.setdefault(token_id, STEM_SIMILARITY)
        if exact is None and len(word) >= MIN_FUZZY_LENGTH:
            length = len(word)
            lengths = range(max(MIN_FUZZY_LENGTH, length - 2), length + 3)
            nearby = [w for n in lengths for w in self._by_length.get(n, ())]
            typos = process.extract(word, nearby, scorer=fuzz.ratio, score_cutoff=TYPO_CUTOFF, limit=8)
            # A real word is no typo of another word, only perhaps of a name ("sheer" for Shear).
            # The dictionary is asked only when there is a typo to judge: it takes a while to load.
            if (
                typos
                and any(self.ids[o] not in self._names for o, _, _ in typos)
                and word in dictionary_words()
            ):
                typos = [t for t in typos if self.ids[t[0]] in self._names]
            for other, score, _ in typos:
                token_id = self.ids[other]
                found[token_id] = max(found.get(token_id, 0.0), score / 100)
        return found

    def _compounds(self, word: str) -> list[int]:
        """Vocabulary words that are `word` with or without a verb particle in front."""
        found = list(self._by_particle.get(word, ()))
        for particle in self._lexicon.particles:
            if word.startswith(particle) and len(word) - len(particle) >= STEM_LENGTH - 1:
                token_id = self.ids.get(word[len(particle) :])
                if token_id is not None:
                    found.append(token_id)
        return found

    def with_names(self, found: dict[int, float]) -> dict[int, float]:
        """`found` plus the other names of any person it names: "sam" also matches "Altman"."""
        groups = [(self.name_group[t], s) for t, s in found.items() if t in self.name_group]
        if not groups:
            return found
        expanded = dict(found)
        for group, similarity in groups:
            for token_id in group:
                if similarity > expanded.get(token_id, 0.0):
                    expanded[token_id] = similarity
        return expanded
