"""What changed for members after a reload, in their words: "Neu bestätigt", "Widerlegt", "Neu" ...

Members do not care that a typo was fixed; they care that a rumour became fact, that a claim was
refuted or overtaken, and what is new. So this compares the two sets and reports only those, in
that order of importance. Labels are defined by the knowledge: a refuting label says so itself
(`refutes: true`); the label that counts as a rumour is found by name ("Gerücht", "rumor"); other
unconfirmed labels are named as they are.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from bot.core.knowledge.model import Event, FaqEntry, Knowledge, Label, Person, entry_title
from bot.core.matching.text import fold

NoteKind = Literal["confirmed", "refuted", "overtaken", "rumour", "new"]
#: Announcement order: what members most need to hear first.
KIND_ORDER: tuple[NoteKind, ...] = ("confirmed", "refuted", "overtaken", "rumour", "new")
RUMOUR_LABELS = frozenset({"geruecht", "geruechte", "rumor", "rumour"})

Entry = FaqEntry | Event | Person


@dataclass(frozen=True, slots=True)
class ChangeNote:
    kind: NoteKind
    entry_id: str
    title: str
    #: For "overtaken": the title of what overtook it; for other unconfirmed labels: the label name.
    detail: str = ""


def _entries(knowledge: Knowledge) -> dict[str, Entry]:
    return {**knowledge.faq, **knowledge.events, **knowledge.people}


def is_rumour(label: Label) -> bool:
    return not label.confirmed and (fold(label.id) in RUMOUR_LABELS or fold(label.name) in RUMOUR_LABELS)


def _weakest(entry: Entry, knowledge: Knowledge) -> Label | None:
    labels = [knowledge.labels[s.label] for s in entry.snippets if s.label in knowledge.labels]
    return min(labels, key=lambda label: label.strength, default=None)


def _overtaken_by(entry: Entry) -> set[str]:
    """Event ids that overtook the entry or any of its snippets."""
    targets = {snippet.superseded_by for snippet in entry.snippets if snippet.superseded_by}
    if isinstance(entry, Event) and entry.superseded_by:
        targets.add(entry.superseded_by)
    return targets


def _confirmed_labels(entry: Entry, knowledge: Knowledge) -> int:
    return sum(
        1 for s in entry.snippets if s.label in knowledge.labels and knowledge.labels[s.label].confirmed
    )


def _refuted_snippets(entry: Entry, knowledge: Knowledge) -> int:
    return sum(1 for s in entry.snippets if s.label in knowledge.labels and knowledge.labels[s.label].refutes)


def _new_entry_note(entry: Entry, new: Knowledge) -> ChangeNote:
    title = entry_title(entry)
    weakest = _weakest(entry, new)
    if weakest is None or weakest.confirmed:
        return ChangeNote("new", entry.id, title)
    if weakest.refutes:
        return ChangeNote("refuted", entry.id, title)
    if is_rumour(weakest):
        return ChangeNote("rumour", entry.id, title)
    return ChangeNote("new", entry.id, title, weakest.name)


def _changed_entry_notes(before: Entry, after: Entry, old: Knowledge, new: Knowledge) -> list[ChangeNote]:
    title = entry_title(after)
    notes = []
    if _confirmed_labels(after, new) > _confirmed_labels(before, old):
        notes.append(ChangeNote("confirmed", after.id, title))
    if _refuted_snippets(after, new) > _refuted_snippets(before, old):
        notes.append(ChangeNote("refuted", after.id, title))
    fresh = sorted(_overtaken_by(after) - _overtaken_by(before))
    if fresh:
        by = new.events[fresh[0]].title if fresh[0] in new.events else fresh[0]
        notes.append(ChangeNote("overtaken", after.id, title, by))
    rumours_before = sum(
        1 for s in before.snippets if s.label in old.labels and is_rumour(old.labels[s.label])
    )
    rumours_after = sum(1 for s in after.snippets if s.label in new.labels and is_rumour(new.labels[s.label]))
    if not notes and rumours_after > rumours_before:
        notes.append(ChangeNote("rumour", after.id, title))
    return notes


def describe_changes(old: Knowledge, new: Knowledge) -> list[ChangeNote]:
    """Notes for members, most important kind first, then in the new set's file order."""
    before, after = _entries(old), _entries(new)
    notes: list[ChangeNote] = []
    for entry_id, entry in after.items():
        if entry_id not in before:
            notes.append(_new_entry_note(entry, new))
        elif before[entry_id] != entry:
            notes.extend(_changed_entry_notes(before[entry_id], entry, old, new))
    return sorted(notes, key=lambda note: KIND_ORDER.index(note.kind))
