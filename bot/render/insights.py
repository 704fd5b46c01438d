"""Gaps and feedback counts -> lines for moderators, shared by the CLI and `/wissen lücken|feedback`."""

from __future__ import annotations

from collections.abc import Sequence

from bot.core.knowledge.model import Knowledge, entry_title
from bot.core.moderation.gaps import Gap
from bot.storage.insights import FeedbackCount

#: Variants shown under a gap before the rest is only counted.
VARIANTS_SHOWN = 3


def gap_lines(gaps: Sequence[Gap], *, markdown: bool = False) -> list[str]:
    """One block per gap: count and leading wording, then the other wordings members used."""
    lines = []
    for number, gap in enumerate(gaps, 1):
        day = gap.last_seen.date().isoformat()
        if markdown:  # Discord strips leading spaces and renumbers "1." lists: mark lines instead
            lines.append(f"**{number}.** {gap.count}× {gap.text} (zuletzt {day})")
            indent, bullet = "└ ", "auch: "
        else:
            lines.append(f"{number:>2}. {gap.count}× {gap.text}  (zuletzt {day})")
            indent, bullet = "      ", "auch: "
        others = gap.variants[1:]
        for variant in others[:VARIANTS_SHOWN]:
            lines.append(f"{indent}{bullet}{variant.text} ({variant.count}×)")
        if len(others) > VARIANTS_SHOWN:
            lines.append(f"{indent}… und {len(others) - VARIANTS_SHOWN} weitere Formulierung(en)")
    return lines


def feedback_lines(counts: Sequence[FeedbackCount], knowledge: Knowledge) -> list[str]:
    """Worst first, with the entry's title; ids no longer in the knowledge are said to be gone."""
    lines = []
    for number, count in enumerate(counts, 1):
        entry = knowledge.entry(count.answer_id)
        if entry is not None:
            name = f"{entry_title(entry)} (`{count.answer_id}`)"
        elif count.answer_id.startswith("tag-"):
            name = f"Tagesüberblick `{count.answer_id}`"
        else:
            name = f"`{count.answer_id}` (nicht mehr im Wissen)"
        lines.append(
            f"{number:>2}. {count.not_helpful}× nicht hilfreich, {count.helpful}× hilfreich – {name}"
        )
    return lines
