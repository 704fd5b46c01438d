"""What changed between two knowledge sets, as moderators and members want to hear it.

A reload reply says "2 neu, 1 geändert, Gerücht → bestätigt: …"; announcements say "Neu bestätigt".
Comparing the frozen entries is enough: dataclass equality covers every field.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from difflib import SequenceMatcher

from bot.core.knowledge.model import Knowledge, entry_title


@dataclass(frozen=True, slots=True)
class LabelChange:
    entry_id: str
    title: str
    before: str
    after: str


@dataclass(frozen=True, slots=True)
class KnowledgeDiff:
    added: tuple[str, ...] = ()
    removed: tuple[str, ...] = ()
    changed: tuple[str, ...] = ()
    label_changes: tuple[LabelChange, ...] = ()
    titles: dict[str, str] = field(default_factory=dict)
    stand_before: str = ""
    stand_after: str = ""

    @property
    def is_empty(self) -> bool:
        return not (self.added or self.removed or self.changed)


def _entries(knowledge: Knowledge) -> dict[str, object]:
    return {**knowledge.faq, **knowledge.events, **knowledge.people}


#: How alike two snippet texts must be to count as the same claim re-labeled (difflib ratio).
SAME_CLAIM_RATIO = 0.6


def _relabeled(old_entry: object, new_entry: object) -> list[tuple[str, str]]:
    """(old label, new label) for snippets that stayed the same claim but changed label.

    Snippets are paired by text, not position, so inserting or reordering snippets does not show
    up as label changes; a text edited along with its label still pairs when mostly the same.
    """
    old_snippets = list(getattr(old_entry, "snippets", ()))
    changes = []
    for new in getattr(new_entry, "snippets", ()):
        scored = [
            (SequenceMatcher(None, old.text, new.text).ratio(), index)
            for index, old in enumerate(old_snippets)
        ]
        if not scored:
            break
        ratio, index = max(scored)
        if ratio < SAME_CLAIM_RATIO:
            continue
        old = old_snippets.pop(index)
        if old.label != new.label:
            changes.append((old.label, new.label))
    return changes


def diff_knowledge(old: Knowledge, new: Knowledge) -> KnowledgeDiff:
    """Entries added, removed and changed (by id), and label changes within changed entries."""
    before, after = _entries(old), _entries(new)
    added = tuple(sorted(set(after) - set(before)))
    removed = tuple(sorted(set(before) - set(after)))
    changed = tuple(sorted(i for i in set(before) & set(after) if before[i] != after[i]))
    label_changes = []
    for entry_id in changed:
        title = entry_title(after[entry_id])  # type: ignore[arg-type]
        for old_label, new_label in _relabeled(before[entry_id], after[entry_id]):
            label_changes.append(LabelChange(entry_id, title, old_label, new_label))
    titles = {i: entry_title(e) for i, e in {**before, **after}.items()}  # type: ignore[arg-type]
    return KnowledgeDiff(
        added=added,
        removed=removed,
        changed=changed,
        label_changes=tuple(label_changes),
        titles={i: titles[i] for i in (*added, *removed, *changed)},
        stand_before=old.story.stand.isoformat(),
        stand_after=new.story.stand.isoformat(),
    )
