"""Every field of the format with a value of the wrong type: refused at that field's line.

Each case edits one line of one file of the valid base set (first occurrence of `old`), reloads a
running store and expects the error at the line where `marker` stands in the edited file.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.core.store import KnowledgeStore
from tests.hardening.knowledge_sets import copy_base
from tests.hardening.test_broken_knowledge import assert_refused_unchanged

# (case, file, old text, new text, marker of the expected line in the new text, message part)
WRONG_TYPES = [
    (
        "story.title",
        "story.yaml",
        'title: "Der Hafenstreit von Nordhaven"',
        "title: [Hafenstreit]",
        "title: [",
        "must be text",
    ),
    (
        "story.stand",
        "story.yaml",
        "stand: 2031-05-04T18:00:00+02:00",
        "stand: gestern",
        "stand:",
        "is not a date",
    ),
    (
        "story.timezone",
        "story.yaml",
        "timezone: Europe/Berlin",
        "timezone: [Europe/Berlin]",
        "timezone",
        "must be text",
    ),
    (
        "story.description",
        "story.yaml",
        "  timezone:",
        "  description: {kurz: ja}\n  timezone:",
        "description",
        "must be text",
    ),
    (
        "story.featured",
        "story.yaml",
        "featured: [faq-worum-geht-es]",
        "featured: faq-worum-geht-es",
        "featured",
        "must be a list",
    ),
    ("label.id", "labels.yaml", "- id: Gerücht", "- id: [Gerücht]", "- id: [", "must be text"),
    (
        "label.name",
        "labels.yaml",
        '    emoji: "✅"',
        '    name: [bestätigt]\n    emoji: "✅"',
        "name:",
        "must be text",
    ),
    ("label.emoji", "labels.yaml", 'emoji: "✅"', "emoji: {a: b}", "emoji", "must be text"),
    ("label.colour", "labels.yaml", 'colour: "#2E7D32"', "colour: true", "colour", "must be text"),
    (
        "label.meaning",
        "labels.yaml",
        'meaning: "Durch',
        'meaning: ["Durch"]\n    x-: "',
        "meaning",
        "must be text",
    ),
    (
        "label.confirmed",
        "labels.yaml",
        "confirmed: true",
        "confirmed: ja",
        "confirmed",
        "must be true or false",
    ),
    ("label.strength", "labels.yaml", "strength: 4", "strength: viel", "strength", "must be a whole number"),
    ("source.id", "sources.yaml", "- id: kurier", "- id: [kurier]", "- id: [", "must be text"),
    ("source.kind", "sources.yaml", "kind: Artikel", "kind: [Artikel]", "kind: [", "must be text"),
    (
        "source.author",
        "sources.yaml",
        "author: Stadt Nordhaven",
        "author: {name: Stadt}",
        "author",
        "must be text",
    ),
    (
        "source.title",
        "sources.yaml",
        'title: "Was hinter',
        'title: false\n    x-: "',
        "title: false",
        "must be text",
    ),
    (
        "source.published",
        "sources.yaml",
        "published: 2031-05-03",
        "published: [2031]",
        "published: [",
        "must be a date",
    ),
    ("source.primary", "sources.yaml", "primary: true", 'primary: "ja"', "primary", "must be true or false"),
    (
        "source.url",
        "sources.yaml",
        "url: https://",
        "url: [https://example.org]\n    x-: https://",
        "url:",
        "must be text",
    ),
    (
        "source.quote",
        "sources.yaml",
        'quote: "Ich',
        'quote: {text: "Ich"}\n    x-: "',
        "quote",
        "must be text",
    ),
    (
        "snippet.text",
        "faq.yaml",
        '- text: "Fassung A:',
        '- text: [Fassung]\n        x-: "',
        "text: [",
        "must be text",
    ),
    ("snippet.label", "faq.yaml", "label: bestätigt", "label: [bestätigt]", "label: [", "must be text"),
    (
        "snippet.sources",
        "faq.yaml",
        "sources: [stadt-pm, kurier]",
        "sources: stadt-pm",
        "sources: stadt",
        "must be a list",
    ),
    (
        "snippet.sources-item",
        "faq.yaml",
        "sources: [stadt-pm, kurier]",
        "sources:\n          - stadt-pm\n          - {id: kurier}",
        "{id: kurier}",
        "items of 'sources' must be text",
    ),
    ("snippet.as_of", "events.yaml", "as_of: 2031-05-03", "as_of: [2031]", "as_of", "must be a date"),
    (
        "snippet.superseded_by",
        "events.yaml",
        "        superseded_by: ev-bleibt",
        "        superseded_by: [ev-bleibt]",
        "        superseded_by",
        "must be text",
    ),
    (
        "snippet.shape",
        "faq.yaml",
        '- text: "Fassung A:',
        '- "Ein Satz statt eines Snippets"\n      - x-: "',
        '- "Ein Satz',
        "each item must be a mapping",
    ),
    ("person.id", "people.yaml", "- id: greta-holm", "- id: {name: greta}", "- id:", "must be text"),
    ("person.name", "people.yaml", "name: Greta Holm", "name: [Greta, Holm]", "name:", "must be text"),
    (
        "person.aliases",
        "people.yaml",
        "aliases: [Greta, Hafenmeisterin]",
        "aliases: Greta",
        "aliases",
        "must be a list",
    ),
    (
        "person.keywords",
        "people.yaml",
        "keywords: [holm]",
        "keywords: {holm: ja}",
        "keywords",
        "must be a list",
    ),
    (
        "person.roles",
        "people.yaml",
        "    roles:\n",
        "    roles: Hafenmeisterin\n    x-:\n",
        "roles:",
        "must be a list",
    ),
    (
        "role.title",
        "people.yaml",
        "- title: Hafenmeisterin",
        "- title: [Hafenmeisterin]\n        x-: Hafenmeisterin",
        "- title:",
        "must be text",
    ),
    ("role.from", "people.yaml", "from: 2024-01-01", "from: damals", "from:", "is not a date"),
    (
        "role.until",
        "people.yaml",
        "until: 2031-05-02T10:00:00+02:00",
        "until: true",
        "until",
        "must be a date",
    ),
    (
        "person.snippets",
        "people.yaml",
        "    snippets:\n",
        "    snippets: Greta leitete den Hafen\n    x-:\n",
        "snippets:",
        "must be a list",
    ),
    ("event.id", "events.yaml", "- id: ev-bleibt", "- id: [ev-bleibt]", "- id: [", "must be text"),
    ("event.when", "events.yaml", "when: 2031-05-03", "when: {tag: 3}", "when: {", "must be a date"),
    (
        "event.title",
        "events.yaml",
        'title: "Die Hafenmeisterin',
        'title: [Rücktritt]\n    x-: "',
        "title: [",
        "must be text",
    ),
    (
        "event.snippets",
        "events.yaml",
        "    snippets:\n",
        "    snippets: {text: Satz}\n    x-:\n",
        "snippets:",
        "must be a list",
    ),
    (
        "event.people",
        "events.yaml",
        "people: [greta-holm]",
        "people: greta-holm",
        "people:",
        "must be a list",
    ),
    ("event.tags", "events.yaml", "tags: [rücktritt]", "tags: rücktritt", "tags", "must be a list"),
    (
        "event.keywords",
        "events.yaml",
        "keywords: [abdankung]",
        "keywords: abdankung",
        "keywords",
        "must be a list",
    ),
    (
        "event.questions",
        "events.yaml",
        'questions: ["Wann ist Holm zurückgetreten?"]',
        'questions: "Wann?"',
        "questions",
        "must be a list",
    ),
    (
        "event.superseded_by",
        "events.yaml",
        "    superseded_by: ev-bleibt",
        "    superseded_by: [ev-bleibt]",
        "superseded_by: [",
        "must be text",
    ),
    ("faq.id", "faq.yaml", "- id: faq-worum-geht-es", "- id: [faq-worum-geht-es]", "- id:", "must be text"),
    ("faq.title", "faq.yaml", 'title: "Worum', 'title: [Worum]\n    x-: "', "title: [", "must be text"),
    (
        "faq.questions",
        "faq.yaml",
        "    questions:\n",
        "    questions: Worum geht es?\n    x-:\n",
        "questions:",
        "must be a list",
    ),
    (
        "faq.keywords",
        "faq.yaml",
        "keywords: [hafenstreit]",
        "keywords: hafenstreit",
        "keywords",
        "must be a list",
    ),
    (
        "faq.snippets",
        "faq.yaml",
        "    snippets:\n",
        "    snippets: Die Hafenmeisterin trat zurück.\n    x-:\n",
        "snippets:",
        "must be a list",
    ),
    (
        "section.labels",
        "labels.yaml",
        "labels:\n",
        "labels: {bestätigt: ja}\nx-:\n",
        "labels:",
        "must be a list",
    ),
    ("section.story", "story.yaml", "story:\n", "story: [Hafenstreit]\nx-:\n", "story:", "must be a mapping"),
]


def line_of(text: str, marker: str) -> int:
    return text[: text.index(marker)].count("\n") + 1


@pytest.mark.parametrize(
    ("file", "old", "new", "marker", "part"),
    [case[1:] for case in WRONG_TYPES],
    ids=[case[0] for case in WRONG_TYPES],
)
def test_a_field_with_the_wrong_type_is_refused_at_its_line(
    tmp_path: Path, file: str, old: str, new: str, marker: str, part: str
) -> None:
    store = KnowledgeStore(copy_base(tmp_path / "knowledge"))
    path = store.folder / file
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} is not in {file}"
    broken = text.replace(old, new, 1)
    path.write_text(broken, encoding="utf-8")
    assert_refused_unchanged(store, [(file, line_of(broken, marker), part)])
