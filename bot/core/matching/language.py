"""The word lists of the languages members write in, read from `lang/*.yaml`.

Which words frame a question, which ask who or when, which name a month: that is knowledge about
German and English, not about any story, and it is data. Every file in `lang/` is read once and
merged; each word is folded on load, so the files may spell words the way people write them.
Everyday words in general come from the maintained `stop-words` package.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml
from stop_words import get_stop_words

from bot.core.matching.text import fold, fold_words, words

LANG_DIR = Path(__file__).with_name("lang")
#: Languages of the `stop-words` package whose everyday words members use.
EVERYDAY_LANGUAGES = ("german", "english")
#: pyspellchecker's word lists: which words are real words of the members' languages.
DICTIONARY_LANGUAGES = ("de", "en")
#: What a question can ask for, by its question words.
ASK_KINDS = ("who", "when", "why", "amount")


@dataclass(frozen=True, slots=True)
class Lexicon:
    """All word lists, folded and merged over the languages."""

    frame: frozenset[str]
    filler: frozenset[str]
    pronouns: frozenset[str]
    asides: frozenset[str]
    small_talk: frozenset[str]
    addressing: frozenset[str]
    asks: Mapping[str, tuple[tuple[str, ...], ...]]
    yes_no_openers: frozenset[str]
    question_openers: frozenset[str]
    copulas: frozenset[str]
    #: Frames like "wer ist {name}" in which members ask for a person (training questions).
    person_questions: tuple[str, ...]
    #: Frames like "wie alt ist {name}" asking a person's personal fact (training questions).
    attribute_questions: tuple[str, ...]
    pointers: frozenset[str]
    attribute_words: frozenset[str]
    attribute_prefixes: tuple[str, ...]
    attribute_phrases: Mapping[tuple[str, ...], str]
    role_question: frozenset[str]
    months: Mapping[str, int]
    weekdays: Mapping[str, int]
    time: frozenset[str]
    happened: frozenset[str]
    day_question: frozenset[str]
    abbreviations: Mapping[str, str]
    particles: tuple[str, ...]
    #: Everyday words of the `stop-words` package, but small talk and addressing.
    everyday: frozenset[str]

    @property
    def stop(self) -> frozenset[str]:
        """Words that never say what a question is about: frame, filler and pronouns."""
        return self.frame | self.filler | self.pronouns

    def says_when(self, word: str) -> bool:
        """A number, month, weekday or "what happened": when a question asks about, not what."""
        return (
            word.isdigit()
            or word in self.months
            or word in self.weekdays
            or word in self.time
            or (word in self.happened)
        )

    def is_attribute(self, word: str) -> bool:
        """Whether a folded word asks for an attribute ("gehalt", "lieblingsfarbe")."""
        return word in self.attribute_words or word.startswith(self.attribute_prefixes)


def content_words(text: str) -> list[str]:
    """The folded words of a text without frame words ("Wer ist Mira?" -> ["mira"]), falling back
    to all its words when nothing else is left: for grouping, linting and naming texts."""
    lexicon = load_lexicon()
    folded = words(text)
    return [lexicon.abbreviations.get(w, w) for w in folded if w not in lexicon.stop] or folded


def _word_set(value: object) -> frozenset[str]:
    if value is None:
        return frozenset()
    items = value.split() if isinstance(value, str) else [str(v) for v in value]  # type: ignore[union-attr]
    return frozenset(w for item in items for w in words(item))


def _phrases(value: object) -> tuple[tuple[str, ...], ...]:
    return tuple(tuple(words(str(phrase))) for phrase in (value or ()))  # type: ignore[union-attr]


@cache
def load_lexicon(folder: Path = LANG_DIR) -> Lexicon:
    """Read and merge every language file of `folder` (cached: the lists never change at run time)."""
    merged: dict[str, list[object]] = {}
    for path in sorted(folder.glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        for key, value in data.items():
            merged.setdefault(key, []).append(value)

    def words_of(key: str) -> frozenset[str]:
        return frozenset().union(*(_word_set(v) for v in merged.get(key, [])))

    def mapping(key: str) -> dict[str, object]:
        out: dict[str, object] = {}
        for value in merged.get(key, []):
            out.update({fold(str(k)): v for k, v in (value or {}).items()})  # type: ignore[union-attr]
        return out

    asks: dict[str, list[tuple[str, ...]]] = {kind: [] for kind in ASK_KINDS}
    for value in merged.get("asks", []):
        for kind, phrases in (value or {}).items():  # type: ignore[union-attr]
            asks[kind].extend(_phrases(phrases))
    attributes = merged.get("attributes", [])
    small_talk, addressing = words_of("small_talk"), words_of("addressing")
    everyday = frozenset(fold(w) for language in EVERYDAY_LANGUAGES for w in get_stop_words(language))
    return Lexicon(
        frame=words_of("frame"),
        filler=words_of("filler"),
        pronouns=words_of("pronouns"),
        asides=words_of("asides"),
        small_talk=small_talk,
        addressing=addressing,
        asks={kind: tuple(phrases) for kind, phrases in asks.items()},
        yes_no_openers=words_of("yes_no_openers"),
        question_openers=words_of("question_openers"),
        copulas=words_of("copulas"),
        person_questions=tuple(str(f) for value in merged.get("person_questions", []) for f in value or ()),
        attribute_questions=tuple(
            str(f) for value in merged.get("attribute_questions", []) for f in value or ()
        ),
        pointers=words_of("pointers"),
        attribute_words=frozenset().union(*(_word_set(a.get("words")) for a in attributes)),  # type: ignore[union-attr]
        attribute_prefixes=tuple(fold(p) for a in attributes for p in a.get("prefixes") or ()),  # type: ignore[union-attr]
        attribute_phrases={
            tuple(words(phrase)): fold(str(attr))
            for a in attributes
            for phrase, attr in (a.get("phrases") or {}).items()  # type: ignore[union-attr]
        },
        role_question=words_of("role_question"),
        months={k: int(v) for k, v in mapping("months").items()},  # type: ignore[call-overload]
        weekdays={k: int(v) for k, v in mapping("weekdays").items()},  # type: ignore[call-overload]
        time=words_of("time"),
        happened=words_of("happened"),
        day_question=words_of("day_question") | words_of("happened"),
        abbreviations={k: fold(str(v)) for k, v in mapping("abbreviations").items()},
        particles=tuple(sorted(words_of("particles"), key=lambda p: (-len(p), p))),
        everyday=everyday - small_talk - addressing,
    )


@cache
def dictionary_words() -> frozenset[str]:
    """Every word of the members' languages that pyspellchecker's lists know, folded.

    A real word is not a typo: "wetter" is the weather, not a slip for "weiter", so the vocabulary
    does not read a dictionary word as a typo of another word of the knowledge (names excepted:
    "sheer" may still mean Shear). Loaded once per process, on the first typo lookup.
    """
    import gzip  # noqa: PLC0415 - only for this one-time load
    import json  # noqa: PLC0415
    from importlib.resources import files  # noqa: PLC0415

    found: set[str] = set()
    for language in DICTIONARY_LANGUAGES:
        raw = (files("spellchecker") / "resources" / f"{language}.json.gz").read_bytes()
        found.update(fold_words(list(json.loads(gzip.decompress(raw)))))
    return frozenset(found)
