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
        "muss Text sein",
    ),
    (
        "story.stand",
        "story.yaml",
        "stand: 2031-05-04T18:00:00+02:00",
        "stand: gestern",
        "stand:",
        "ist kein Datum",
    ),
    (
        "story.timezone",
        "story.yaml",
        "timezone: Europe/Berlin",
        "timezone: [Europe/Berlin]",
        "timezone",
        "muss Text sein",
    ),
    (
        "story.description",
        "story.yaml",
        "  timezone:",
        "  description: {kurz: ja}\n  timezone:",
        "description",
        "muss Text sein",
    ),
    (
        "story.featured",
        "story.yaml",
        "featured: [faq-worum-geht-es]",
        "featured: faq-worum-geht-es",
        "featured",
        "muss eine Liste sein",
    ),
    ("label.id", "labels.yaml", "- id: Gerücht", "- id: [Gerücht]", "- id: [", "muss Text sein"),
    (
        "label.name",
        "labels.yaml",
        '    emoji: "✅"',
        '    name: [bestätigt]\n    emoji: "✅"',
        "name:",
        "muss Text sein",
    ),
    ("label.emoji", "labels.yaml", 'emoji: "✅"', "emoji: {a: b}", "emoji", "muss Text sein"),
    # An unquoted true/false in a text field: YAML's reading is named, with the quotes that fix it.
    ("label.colour", "labels.yaml", 'colour: "#2E7D32"', "colour: true", "colour", "als Wahrheitswert true"),
    (
        "label.meaning",
        "labels.yaml",
        'meaning: "Durch',
        'meaning: ["Durch"]\n    x-: "',
        "meaning",
        "muss Text sein",
    ),
    (
        "label.confirmed",
        "labels.yaml",
        "confirmed: true",
        "confirmed: ja",
        "confirmed",
        "muss true oder false sein",
    ),
    (
        "label.strength",
        "labels.yaml",
        "strength: 4",
        "strength: viel",
        "strength",
        "muss eine ganze Zahl sein",
    ),
    ("source.id", "sources.yaml", "- id: kurier", "- id: [kurier]", "- id: [", "muss Text sein"),
    ("source.kind", "sources.yaml", "kind: Artikel", "kind: [Artikel]", "kind: [", "muss Text sein"),
    (
        "source.author",
        "sources.yaml",
        "author: Stadt Nordhaven",
        "author: {name: Stadt}",
        "author",
        "muss Text sein",
    ),
    (
        "source.title",
        "sources.yaml",
        'title: "Was hinter',
        'title: false\n    x-: "',
        "title: false",
        "als Wahrheitswert false",
    ),
    (
        "source.published",
        "sources.yaml",
        "published: 2031-05-03",
        "published: [2031]",
        "published: [",
        "muss ein Datum oder eine Zeit sein",
    ),
    (
        "source.primary",
        "sources.yaml",
        "primary: true",
        'primary: "ja"',
        "primary",
        "muss true oder false sein",
    ),
    (
        "source.url",
        "sources.yaml",
        "url: https://",
        "url: [https://example.org]\n    x-: https://",
        "url:",
        "muss Text sein",
    ),
    (
        "source.quote",
        "sources.yaml",
        'quote: "Ich',
        'quote: {text: "Ich"}\n    x-: "',
        "quote",
        "muss Text sein",
    ),
    (
        "snippet.text",
        "faq.yaml",
        '- text: "Fassung A:',
        '- text: [Fassung]\n        x-: "',
        "text: [",
        "muss Text sein",
    ),
    ("snippet.label", "faq.yaml", "label: bestätigt", "label: [bestätigt]", "label: [", "muss Text sein"),
    (
        "snippet.sources",
        "faq.yaml",
        "sources: [stadt-pm, kurier]",
        "sources: stadt-pm",
        "sources: stadt",
        "muss eine Liste sein",
    ),
    (
        "snippet.sources-item",
        "faq.yaml",
        "sources: [stadt-pm, kurier]",
        "sources:\n          - stadt-pm\n          - {id: kurier}",
        "{id: kurier}",
        "Einträge von „sources“ müssen Ids sein",
    ),
    (
        "snippet.as_of",
        "events.yaml",
        "as_of: 2031-05-03",
        "as_of: [2031]",
        "as_of",
        "muss ein Datum oder eine Zeit sein",
    ),
    (
        "snippet.superseded_by",
        "events.yaml",
        "        superseded_by: ev-bleibt",
        "        superseded_by: [ev-bleibt]",
        "        superseded_by",
        "muss Text sein",
    ),
    (
        "snippet.shape",
        "faq.yaml",
        '- text: "Fassung A:',
        '- "Ein Satz statt eines Snippets"\n      - x-: "',
        '- "Ein Satz',
        "jeder Eintrag muss aus Feldern",
    ),
    ("person.id", "people.yaml", "- id: greta-holm", "- id: {name: greta}", "- id:", "muss Text sein"),
    ("person.name", "people.yaml", "name: Greta Holm", "name: [Greta, Holm]", "name:", "muss Text sein"),
    (
        "person.aliases",
        "people.yaml",
        "aliases: [Greta, Hafenmeisterin]",
        "aliases: Greta",
        "aliases",
        "muss eine Liste sein",
    ),
    (
        "person.keywords",
        "people.yaml",
        "keywords: [holm]",
        "keywords: {holm: ja}",
        "keywords",
        "muss eine Liste sein",
    ),
    (
        "person.roles",
        "people.yaml",
        "    roles:\n",
        "    roles: Hafenmeisterin\n    x-:\n",
        "roles:",
        "muss eine Liste sein",
    ),
    (
        "role.title",
        "people.yaml",
        "- title: Hafenmeisterin",
        "- title: [Hafenmeisterin]\n        x-: Hafenmeisterin",
        "- title:",
        "muss Text sein",
    ),
    ("role.from", "people.yaml", "from: 2024-01-01", "from: damals", "from:", "ist kein Datum"),
    (
        "role.until",
        "people.yaml",
        "until: 2031-05-02T10:00:00+02:00",
        "until: true",
        "until",
        "muss ein Datum oder eine Zeit sein",
    ),
    (
        "person.snippets",
        "people.yaml",
        "    snippets:\n",
        "    snippets: Greta leitete den Hafen\n    x-:\n",
        "snippets:",
        "muss eine Liste sein",
    ),
    ("event.id", "events.yaml", "- id: ev-bleibt", "- id: [ev-bleibt]", "- id: [", "muss Text sein"),
    (
        "event.when",
        "events.yaml",
        "when: 2031-05-03",
        "when: {tag: 3}",
        "when: {",
        "muss ein Datum oder eine Zeit sein",
    ),
    (
        "event.title",
        "events.yaml",
        'title: "Die Hafenmeisterin',
        'title: [Rücktritt]\n    x-: "',
        "title: [",
        "muss Text sein",
    ),
    (
        "event.snippets",
        "events.yaml",
        "    snippets:\n",
        "    snippets: {text: Satz}\n    x-:\n",
        "snippets:",
        "muss eine Liste sein",
    ),
    (
        "event.people",
        "events.yaml",
        "people: [greta-holm]",
        "people: greta-holm",
        "people:",
        "muss eine Liste sein",
    ),
    ("event.tags", "events.yaml", "tags: [rücktritt]", "tags: rücktritt", "tags", "muss eine Liste sein"),
    (
        "event.keywords",
        "events.yaml",
        "keywords: [abdankung]",
        "keywords: abdankung",
        "keywords",
        "muss eine Liste sein",
    ),
    (
        "event.questions",
        "events.yaml",
        'questions: ["Wann ist Holm zurückgetreten?"]',
        'questions: "Wann?"',
        "questions",
        "muss eine Liste sein",
    ),
    (
        "event.superseded_by",
        "events.yaml",
        "    superseded_by: ev-bleibt",
        "    superseded_by: [ev-bleibt]",
        "superseded_by: [",
        "muss Text sein",
    ),
    ("faq.id", "faq.yaml", "- id: faq-worum-geht-es", "- id: [faq-worum-geht-es]", "- id:", "muss Text sein"),
    ("faq.title", "faq.yaml", 'title: "Worum', 'title: [Worum]\n    x-: "', "title: [", "muss Text sein"),
    (
        "faq.questions",
        "faq.yaml",
        "    questions:\n",
        "    questions: Worum geht es?\n    x-:\n",
        "questions:",
        "muss eine Liste sein",
    ),
    (
        "faq.keywords",
        "faq.yaml",
        "keywords: [hafenstreit]",
        "keywords: hafenstreit",
        "keywords",
        "muss eine Liste sein",
    ),
    (
        "faq.snippets",
        "faq.yaml",
        "    snippets:\n",
        "    snippets: Die Hafenmeisterin trat zurück.\n    x-:\n",
        "snippets:",
        "muss eine Liste sein",
    ),
    (
        "section.labels",
        "labels.yaml",
        "labels:\n",
        "labels: {bestätigt: ja}\nx-:\n",
        "labels:",
        "muss eine Liste sein",
    ),
    (
        "section.story",
        "story.yaml",
        "story:\n",
        "story: [Hafenstreit]\nx-:\n",
        "story:",
        "„story“ muss aus Feldern bestehen",
    ),
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
