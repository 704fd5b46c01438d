"""The loader refuses a broken knowledge set as a whole and says where and why, for every error."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.core.knowledge.loader import KnowledgeError, load_knowledge
from bot.core.store import KnowledgeStore
from tests.conftest import INVENTED_STORY, format_doc_example

EXAMPLE = format_doc_example()


def line_of(text: str, needle: str) -> int:
    """1-based line of the first occurrence of `needle`."""
    index = text.index(needle)
    return text[:index].count("\n") + 1


def write_set(folder: Path, files: dict[str, str]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def refused(folder: Path) -> list[str]:
    with pytest.raises(KnowledgeError) as caught:
        load_knowledge(folder)
    return [str(error) for error in caught.value.errors]


# (case id, text replaced in the example, replacement, line marker in the broken text, message part)
MUTATIONS = [
    (
        "yaml-syntax",
        "featured: [faq-worum-geht-es]",
        "featured: [faq-worum-geht-es",
        "  featured:",
        "eckige Klammer „[“ in dieser Zeile wird nicht geschlossen",
    ),
    (
        "missing-field",
        "    kind: Pressemitteilung\n",
        "",
        "  - id: stadt-pm-2031-05-02",
        "Feld „kind“ fehlt",
    ),
    (
        "wrong-type-bool",
        "    primary: true",
        "    primary: ja",
        "primary: ja",
        "„primary“ muss true oder false sein",
    ),
    (
        "wrong-type-list",
        'aliases: [Greta, Hafenmeisterin, "Holmm"]',
        "aliases: Greta",
        "aliases: Greta",
        "„aliases“ muss eine Liste sein",
    ),
    (
        "wrong-type-text",
        'title: "Hafenmeisterin tritt zurück"',
        "title: [a, b]",
        "title: [a, b]",
        "„title“ muss Text sein",
    ),
    ("wrong-type-int", "strength: 4", "strength: viel", "strength: viel", "muss eine ganze Zahl sein"),
    ("wrong-colour", 'colour: "#2E7D32"', "colour: green", "colour: green", "#RRGGBB"),
    (
        "unknown-label",
        "        label: Gerücht",
        "        label: Geruecht",
        '- text: "Der Kurier',
        "unbekanntes Label „Geruecht“ – meintest du „Gerücht“?",
    ),
    (
        "dangling-source",
        "sources: [kurier-2031-05-03]\n",
        "sources: [kurier-2031-05-04]\n",
        '- text: "Der Kurier',
        "unbekannte Quelle „kurier-2031-05-04“ – meintest du „kurier-2031-05-03“",
    ),
    (
        "dangling-person",
        "    people: [greta-holm]\n    tags",
        "    people: [greta-holmes]\n    tags",
        "people: [greta-holmes]",
        "unbekannte Person „greta-holmes“ – meintest du „greta-holm“?",
    ),
    (
        "dangling-event",
        "superseded_by: ev-ruecktritt-zurueckgenommen",
        "superseded_by: ev-gibts-nicht",
        "superseded_by: ev-gibts-nicht",
        "unbekanntes Ereignis „ev-gibts-nicht“",
    ),
    (
        "confirmed-without-primary",
        "        sources: [stadt-pm-2031-05-02, kurier-2031-05-03]",
        "        sources: [kurier-2031-05-03]",
        '- text: "Die Hafenmeisterin trat',
        "nennt keine Primärquelle",
    ),
    (
        "empty-questions",
        '    questions:\n      - "Worum geht es?"\n      - "Was ist im Hafen los?"\n'
        '      - "what is the harbour dispute about"\n',
        "    questions: []\n",
        "questions: []",
        "„questions“ darf nicht leer sein",
    ),
    (
        "snippet-without-sources",
        "        sources: [stadt-pm-2031-05-02, kurier-2031-05-03]",
        "        sources: []",
        "sources: []",
        "„sources“ darf nicht leer sein",
    ),
    (
        "time-without-zone",
        "when: 2031-05-03\n",
        "when: 2031-05-03T12:00:00\n",
        "when: 2031-05-03T12",
        "keine Zeitzone",
    ),
    (
        "unknown-field",
        "    name: Greta Holm\n",
        "    name: Greta Holm\n    nmae: Greta\n",
        "nmae:",
        "unbekanntes Feld „nmae“ – meintest du „name“?",
    ),
    ("bad-id", "  - id: greta-holm", "  - id: Greta Holm", "id: Greta Holm", "keine gültige Id"),
    ("tab", '    emoji: "✅"', '\temoji: "✅"', "\temoji", "Tabulator in der Einrückung"),
    (
        "bad-url",
        "url: https://example.org/kurier/ruecktritt",
        "url: example.org/kurier",
        "url: example.org",
        "muss mit https:// oder http:// beginnen",
    ),
]


@pytest.mark.parametrize(
    ("old", "new", "marker", "message"),
    [case[1:] for case in MUTATIONS],
    ids=[case[0] for case in MUTATIONS],
)
def test_each_error_kind_is_refused_with_file_line_and_reason(
    tmp_path: Path, old: str, new: str, marker: str, message: str
) -> None:
    assert old in EXAMPLE
    broken = EXAMPLE.replace(old, new, 1)
    folder = write_set(tmp_path / "set", {"knowledge.yaml": broken})
    errors = refused(folder)
    expected = f"knowledge.yaml:{line_of(broken, marker)}: "
    matching = [e for e in errors if message in e]
    assert matching, errors
    assert any(expected in e for e in matching), (expected, errors)


def test_duplicate_id_across_files_names_both_places(tmp_path: Path) -> None:
    extra = (
        "faq:\n  - id: faq-worum-geht-es\n    title: Doppelt\n    questions: [x]\n"
        "    snippets:\n      - {text: t, label: Gerücht, sources: [kurier-2031-05-03]}\n"
    )
    folder = write_set(tmp_path / "set", {"a.yaml": EXAMPLE, "b.yaml": extra})
    errors = refused(folder)
    duplicates = [e for e in errors if "die Id „faq-worum-geht-es“ gibt es schon" in e]
    assert len(duplicates) == 1
    assert duplicates[0].split(": ")[0].endswith("b.yaml:2")
    assert f"a.yaml:{line_of(EXAMPLE, '  - id: faq-worum-geht-es')}" in duplicates[0]


def test_superseded_by_cycle(tmp_path: Path) -> None:
    broken = EXAMPLE.replace(
        "  - id: ev-ruecktritt-zurueckgenommen\n",
        "  - id: ev-ruecktritt-zurueckgenommen\n    superseded_by: ev-geruecht-nachfolge\n",
    )
    errors = refused(write_set(tmp_path / "set", {"knowledge.yaml": broken}))
    assert any(
        "superseded_by im Kreis: ev-geruecht-nachfolge -> ev-ruecktritt-zurueckgenommen" in e for e in errors
    ), errors


def test_all_errors_are_reported_not_only_the_first(tmp_path: Path) -> None:
    broken = EXAMPLE
    for _case, old, new, _marker, _message in MUTATIONS[1:4] + MUTATIONS[7:9]:
        broken = broken.replace(old, new, 1)
    errors = refused(write_set(tmp_path / "set", {"knowledge.yaml": broken}))
    for _case, _old, _new, _marker, message in MUTATIONS[1:4] + MUTATIONS[7:9]:
        assert any(message in e for e in errors), (message, errors)


def test_a_set_without_story_or_files_is_refused(tmp_path: Path) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    assert any("keine Wissensdateien" in e for e in refused(empty))
    no_story = (
        EXAMPLE.split("labels:")[0].replace("story:", "# story:")
        and "labels:" + EXAMPLE.split("labels:", 1)[1]
    )
    assert any(
        "ein Abschnitt „story:“" in e for e in refused(write_set(tmp_path / "s", {"k.yaml": no_story}))
    )


def test_anchors_and_merge_keys_work(tmp_path: Path) -> None:
    text = EXAMPLE.replace(
        "sources:\n  - id: stadt-pm-2031-05-02\n",
        "sources:\n  - &stadt\n    id: stadt-pm-2031-05-02\n",
    ).replace(
        "  - id: kurier-2031-05-03\n",
        '  - <<: *stadt\n    id: stadt-pm-2031-05-04\n    title: "Holm bleibt"\n  - id: kurier-2031-05-03\n',
    )
    knowledge = load_knowledge(write_set(tmp_path / "set", {"knowledge.yaml": text}))
    merged = knowledge.sources["stadt-pm-2031-05-04"]
    assert merged.author == "Stadt Nordhaven" and merged.primary and merged.title == "Holm bleibt"


def test_a_refused_reload_keeps_the_running_knowledge(tmp_path: Path) -> None:
    folder = write_set(tmp_path / "set", {"knowledge.yaml": EXAMPLE})
    store = KnowledgeStore(folder)
    before = store.engine.ask("Wer ist Greta?")
    (folder / "knowledge.yaml").write_text(EXAMPLE.replace("label: Gerücht", "label: Quatsch"))
    outcome = store.reload()
    assert not outcome.ok and any("unbekanntes Label „Quatsch“" in str(e) for e in outcome.errors)
    assert store.engine.ask("Wer ist Greta?") == before
    assert store.last_failure is outcome


def test_a_successful_reload_reports_the_changes(tmp_path: Path) -> None:
    folder = write_set(tmp_path / "set", {"knowledge.yaml": EXAMPLE})
    store = KnowledgeStore(folder)
    changed = EXAMPLE.replace(
        "        label: Gerücht\n        sources: [kurier-2031-05-03]",
        "        label: bestätigt\n        sources: [stadt-pm-2031-05-02]",
    ).replace("faq-worum-geht-es", "faq-worum-geht-es-jetzt")
    (folder / "knowledge.yaml").write_text(changed)
    outcome = store.reload()
    assert outcome.ok and outcome.diff is not None
    assert outcome.diff.added == ("faq-worum-geht-es-jetzt",)
    assert outcome.diff.removed == ("faq-worum-geht-es",)
    assert [(c.entry_id, c.before, c.after) for c in outcome.diff.label_changes] == [
        ("ev-geruecht-nachfolge", "Gerücht", "bestätigt")
    ]


def test_the_invented_story_and_the_docs_example_load() -> None:
    knowledge = load_knowledge(INVENTED_STORY)
    assert set(knowledge.labels) == {"amtlich", "dementiert", "hörensagen", "offen"}
    assert knowledge.counts()["faq"] == 14


def test_inserting_a_snippet_is_no_label_change(tmp_path: Path) -> None:
    folder = write_set(tmp_path / "set", {"knowledge.yaml": EXAMPLE})
    store = KnowledgeStore(folder)
    inserted = EXAMPLE.replace(
        '    snippets:\n      - text: "Der Kurier berichtete',
        '    snippets:\n      - text: "Eine neue, bestätigte Einordnung vorweg."\n'
        "        label: bestätigt\n        sources: [stadt-pm-2031-05-02]\n"
        '      - text: "Der Kurier berichtete',
    )
    (folder / "knowledge.yaml").write_text(inserted)
    outcome = store.reload()
    assert outcome.ok and outcome.diff is not None
    assert outcome.diff.changed == ("ev-geruecht-nachfolge",)
    assert outcome.diff.label_changes == ()


def test_an_empty_snippets_key_is_one_error(tmp_path: Path) -> None:
    broken = EXAMPLE.replace(
        '    snippets:\n      - text: "Greta Holm leitete den Hafen sieben Jahre lang und ist am 2. Mai '
        'zurückgetreten."\n        label: bestätigt\n        sources: [stadt-pm-2031-05-02]\n',
        "    snippets:\n",
    )
    assert broken != EXAMPLE
    errors = refused(write_set(tmp_path / "set", {"knowledge.yaml": broken}))
    person = broken.index("  - id: greta-holm")
    key_line = broken[: broken.index("    snippets:", person)].count("\n") + 1
    assert [e for e in errors if "snippets" in e] == [
        f"{tmp_path / 'set' / 'knowledge.yaml'}:{key_line}: people „greta-holm“: „snippets“ hat keinen Wert"
    ]


def test_a_time_of_day_in_a_list_stays_text(tmp_path: Path) -> None:
    # YAML 1.1 reads an unquoted 12:19 as the base-60 number 739; a keyword must stay "12:19".
    text = EXAMPLE.replace("keywords: [", "keywords: [12:19, 1:30.5, ", 1)
    assert "keywords: [12:19" in text
    knowledge = load_knowledge(write_set(tmp_path / "set", {"knowledge.yaml": text}))
    keywords = [
        kw
        for entry in (*knowledge.faq.values(), *knowledge.events.values(), *knowledge.people.values())
        for kw in entry.keywords
    ]
    assert "12:19" in keywords and "1:30.5" in keywords


def test_a_label_that_refutes_cannot_also_confirm(tmp_path: Path) -> None:
    text = format_doc_example().replace(
        "    confirmed: false\n    strength: -1\n    refutes: true",
        "    confirmed: true\n    strength: -1\n    refutes: true",
    )
    assert "confirmed: true\n    strength: -1" in text
    (tmp_path / "knowledge.yaml").write_text(text, encoding="utf-8")
    with pytest.raises(KnowledgeError) as caught:
        load_knowledge(tmp_path)
    assert any("zugleich bestätigen und widerlegen" in str(e) for e in caught.value.errors)
    assert load_knowledge_refutes(format_doc_example(), tmp_path / "ok")


def load_knowledge_refutes(text: str, folder: Path) -> bool:
    folder.mkdir()
    (folder / "knowledge.yaml").write_text(text, encoding="utf-8")
    return load_knowledge(folder).labels["widerlegt"].refutes
