"""A tiny hand-made story for the matching stages, small enough to reason about every number.

Two people, two events on two days, two FAQ entries. Tests that need the analysis, the lexical
index or the feature rows build them from this knowledge (no embedding model, no fitted ranker);
tests of the whole engine use the session engines of tests/conftest.py.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest

from bot.core.answers.clock import local_date
from bot.core.knowledge.loader import load_knowledge
from bot.core.knowledge.model import Knowledge
from bot.core.matching.analyse import Analyser, Question
from bot.core.matching.corpus import Corpus
from bot.core.matching.features import Candidates, candidates
from bot.core.matching.language import Lexicon, load_lexicon
from bot.core.matching.lexical import LexicalIndex

HARBOUR_STORY = """\
story:
  title: "Der Hafenstreit von Nordhaven"
  stand: 2031-05-04T18:00:00+02:00
  timezone: Europe/Berlin
  description: "Erfunden, nur für die Tests der Suche."
  featured: [faq-worum-geht-es]

labels:
  - id: bestätigt
    emoji: "✅"
    colour: "#2E7D32"
    meaning: "Offiziell bestätigt."
    confirmed: true
    strength: 4
  - id: Gerücht
    emoji: "🗣️"
    colour: "#F9A825"
    meaning: "Berichtet, aber nicht bestätigt."
    confirmed: false
    strength: 2

sources:
  - id: stadt-pm
    kind: Pressemitteilung
    author: Stadt Nordhaven
    title: "Hafenmeisterin tritt zurück"
    published: 2031-05-02T10:00:00+02:00
    url: https://example.org/nordhaven/ruecktritt
    primary: true

people:
  - id: greta-holm
    name: Greta Holm
    aliases: [Hafenmeisterin]
    roles:
      - title: Hafenmeisterin von Nordhaven
        from: 2024-01-01
    snippets:
      - text: "Greta Holm leitete den Hafen sieben Jahre lang."
        label: bestätigt
        sources: [stadt-pm]
  - id: ole-jensen
    name: Ole Jensen
    aliases: [Reeder Jensen]
    roles:
      - title: Reeder in Nordhaven
        from: 2020-01-01
    snippets:
      - text: "Jensen besitzt die größte Reederei der Stadt."
        label: bestätigt
        sources: [stadt-pm]

events:
  - id: ev-ruecktritt
    when: 2031-05-02T10:00:00+02:00
    title: "Die Hafenmeisterin tritt zurück"
    people: [greta-holm]
    snippets:
      - text: "Greta Holm legte ihr Amt mit sofortiger Wirkung nieder."
        label: bestätigt
        sources: [stadt-pm]
  - id: ev-angebot
    when: 2031-05-03T12:00:00+02:00
    title: "Jensen bietet an, den Hafen zu übernehmen"
    people: [ole-jensen]
    snippets:
      - text: "Ole Jensen bot an, den Hafenbetrieb von Greta Holm zu übernehmen."
        label: Gerücht
        sources: [stadt-pm]

faq:
  - id: faq-worum-geht-es
    title: "Worum geht es im Hafenstreit?"
    questions: ["Was ist im Hafen los?"]
    keywords: [hafenstreit]
    snippets:
      - text: "Die Hafenmeisterin trat zurück, ein Reeder will übernehmen."
        label: bestätigt
        sources: [stadt-pm]
  - id: faq-leuchtturm
    title: "Wie alt ist der Leuchtturm?"
    questions: ["Wann wurde der Leuchtturm gebaut?"]
    keywords: [leuchtturm]
    snippets:
      - text: "Der Leuchtturm wurde 1903 gebaut."
        label: bestätigt
        sources: [stadt-pm]
"""


@dataclass(frozen=True)
class Harbour:
    """The tiny story with the stages built over it, as the engine builds them."""

    knowledge: Knowledge
    lexicon: Lexicon
    corpus: Corpus
    lexical: LexicalIndex
    analyser: Analyser
    entry_days: dict[str, date]

    def analyse(self, text: str) -> Question:
        return self.analyser.analyse(text)

    def candidates(self, text: str) -> Candidates:
        """The lexical side's candidates with their feature rows (no dense side)."""
        return candidates(self.analyse(text), self.lexical, None, None, entry_days=self.entry_days)

    def features(self, text: str) -> dict[str, dict[str, float]]:
        """Per candidate entry, its named features."""
        found = self.candidates(text)
        return {entry_id: found.explain(i) for i, entry_id in enumerate(found.entry_ids)}


def write_harbour_story(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "story.yaml").write_text(HARBOUR_STORY, encoding="utf-8")
    return folder


@pytest.fixture(scope="session")
def harbour_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_harbour_story(tmp_path_factory.mktemp("harbour"))


@pytest.fixture(scope="session")
def harbour(harbour_dir: Path) -> Harbour:
    knowledge = load_knowledge(harbour_dir)
    lexicon = load_lexicon()
    corpus = Corpus.of(knowledge)
    lexical = LexicalIndex(corpus.searchable(), lexicon)
    timezone = knowledge.story.timezone
    entry_days = {e.id: local_date(e.when, timezone) for e in knowledge.events.values()}
    analyser = Analyser(
        lexicon,
        lexical.vocabulary,
        proper_names=lexical.proper_names,
        head_words=lexical.head_words,
        event_days=list(entry_days.values()),
    )
    return Harbour(knowledge, lexicon, corpus, lexical, analyser, entry_days)
