"""Change notes -> one short post for members ("Neu bestätigt: …"), within Discord's message limit."""

from __future__ import annotations

from collections.abc import Sequence

from bot.core.answers.clock import format_when
from bot.core.knowledge.model import Knowledge
from bot.core.moderation.announce import ChangeNote

#: Discord's limit for a message's content.
MESSAGE_LIMIT = 2000
#: More lines than this read as a changelog, not news.
MAX_LINES = 12

PREFIXES = {
    "confirmed": "✅ Neu bestätigt",
    "refuted": "❌ Widerlegt",
    "overtaken": "⏭️ Überholt",
    "rumour": "🗣️ Neues Gerücht",
    "new": "🆕 Neu",
}


def note_line(note: ChangeNote) -> str:
    prefix = PREFIXES[note.kind]
    if note.kind == "overtaken" and note.detail:
        return f"{prefix}: {note.title} → {note.detail}"
    if note.detail:
        return f"{prefix} ({note.detail}): {note.title}"
    return f"{prefix}: {note.title}"


def announcement_text(notes: Sequence[ChangeNote], knowledge: Knowledge) -> str | None:
    """The post, or None when nothing changed that members need to hear."""
    if not notes:
        return None
    stand = format_when(knowledge.story.stand, knowledge.story.timezone)
    head = f"**Das Wissen wurde aktualisiert** (Stand {stand})"
    lines = [note_line(note) for note in notes[:MAX_LINES]]
    if len(notes) > MAX_LINES:
        lines.append(f"… und {len(notes) - MAX_LINES} weitere Änderung(en). Frag mit `/frage`.")
    text = "\n".join([head, *lines])
    while len(text) > MESSAGE_LIMIT and len(lines) > 1:
        lines.pop(-2 if len(notes) > MAX_LINES else -1)
        text = "\n".join([head, *lines, "…"])
    return text[:MESSAGE_LIMIT]
