"""Change notes between two real knowledge sets, and the post members read."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from bot.core.knowledge.loader import load_knowledge
from bot.core.moderation.announce import ChangeNote, describe_changes
from bot.render.announcement import MAX_LINES, MESSAGE_LIMIT, announcement_text

NEW_ENTRIES = """
  - id: faq-kran
    title: "Wer baut den neuen Kran?"
    questions: ["Wer baut den neuen Kran?"]
    snippets:
      - text: "Die Stadt hat den Auftrag vergeben."
        label: bestätigt
        sources: [stadt-pm-2031-05-02]
  - id: faq-reeder
    title: "Kauft ein Reeder den Hafen?"
    questions: ["Kauft ein Reeder den Hafen?"]
    snippets:
      - text: "Das berichtet nur der Kurier."
        label: Gerücht
        sources: [kurier-2031-05-03]
"""


def _edited(example_dir: Path) -> Path:
    text = (example_dir / "knowledge.yaml").read_text(encoding="utf-8")
    # A rumour becomes fact, an event is overtaken, a typo is fixed, and two entries are added.
    text = text.replace(
        "        label: Gerücht\n        sources: [kurier-2031-05-03]",
        "        label: bestätigt\n        sources: [stadt-pm-2031-05-02]",
    )
    text = text.replace(
        '    title: "Die Hafenmeisterin tritt zurück"\n',
        '    title: "Die Hafenmeisterin tritt zurück"\n    superseded_by: ev-ruecktritt-zurueckgenommen\n',
    )
    text = text.replace("sieben Jahre lang", "sieben Jahre")
    folder = example_dir.parent / "edited"
    folder.mkdir()
    (folder / "knowledge.yaml").write_text(text + NEW_ENTRIES, encoding="utf-8")
    return folder


def test_members_hear_what_matters_most_first(example_dir: Path) -> None:
    old = load_knowledge(example_dir)
    new = load_knowledge(_edited(example_dir))
    assert describe_changes(old, new) == [
        ChangeNote("confirmed", "ev-geruecht-nachfolge", "Gerücht: Ein Reeder soll übernehmen"),
        ChangeNote(
            "overtaken", "ev-ruecktritt", "Die Hafenmeisterin tritt zurück", "Holm nimmt den Rücktritt zurück"
        ),
        ChangeNote("rumour", "faq-reeder", "Kauft ein Reeder den Hafen?"),
        ChangeNote("new", "faq-kran", "Wer baut den neuen Kran?"),
    ]
    assert describe_changes(new, new) == []


def test_the_post_reads_like_news(example_dir: Path) -> None:
    old = load_knowledge(example_dir)
    new = load_knowledge(_edited(example_dir))
    assert announcement_text(describe_changes(old, new), new) == (
        "**Das Wissen wurde aktualisiert** (Stand 04.05.2031, 18:00 Uhr)\n"
        "✅ Neu bestätigt: Gerücht: Ein Reeder soll übernehmen\n"
        "⏭️ Überholt: Die Hafenmeisterin tritt zurück → Holm nimmt den Rücktritt zurück\n"
        "🗣️ Neues Gerücht: Kauft ein Reeder den Hafen?\n"
        "🆕 Neu: Wer baut den neuen Kran?"
    )
    assert announcement_text([], new) is None


def test_other_unconfirmed_labels_are_named(example_dir: Path) -> None:
    old = load_knowledge(example_dir)
    rumour = old.labels["Gerücht"]
    vague = replace(rumour, id="vermutung", name="Vermutung")
    new = replace(old, labels={**old.labels, "vermutung": vague}, faq={})
    faq = replace(
        old.faq["faq-worum-geht-es"],
        id="faq-x",
        snippets=(replace(old.faq["faq-worum-geht-es"].snippets[0], label="vermutung"),),
    )
    new = replace(new, faq={"faq-x": faq})
    assert describe_changes(replace(old, faq={}), new) == [
        ChangeNote("new", "faq-x", "Worum geht es im Hafenstreit?", "Vermutung")
    ]


def test_long_posts_stay_within_the_limit(example_dir: Path) -> None:
    knowledge = load_knowledge(example_dir)
    notes = [ChangeNote("new", f"faq-{n}", "Ein sehr langer Titel " * 12) for n in range(40)]
    text = announcement_text(notes, knowledge)
    assert text is not None and len(text) <= MESSAGE_LIMIT
    assert text.count("🆕 Neu:") < MAX_LINES + 1


def test_a_refuted_claim_is_announced_as_refuted(example_dir: Path) -> None:
    old = load_knowledge(example_dir)
    text = (example_dir / "knowledge.yaml").read_text(encoding="utf-8")
    refuted = text.replace(
        "        label: Gerücht\n        sources: [kurier-2031-05-03]",
        "        label: widerlegt\n        sources: [kurier-2031-05-03]",
    )
    assert refuted != text
    folder = example_dir.parent / "refuted"
    folder.mkdir()
    (folder / "knowledge.yaml").write_text(refuted, encoding="utf-8")
    new = load_knowledge(folder)
    notes = describe_changes(old, new)
    assert [note.kind for note in notes] == ["refuted"]
    post = announcement_text(notes, new)
    assert post is not None and post.splitlines()[1] == f"❌ Widerlegt: {notes[0].title}"
    assert describe_changes(new, new) == []
