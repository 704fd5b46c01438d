"""Reload outcomes and knowledge status -> embeds for moderators (/wissen).

A failed reload lists its errors as `file:line: message` so the fix is one edit away; a good one
lists what changed, including label moves such as "Gerücht → bestätigt".
"""

from __future__ import annotations

import discord

from bot.core.answers.clock import format_when
from bot.core.knowledge.model import Knowledge
from bot.core.store import ReloadOutcome
from bot.render.embeds import (
    DESCRIPTION_LIMIT,
    FIELD_VALUE_LIMIT,
    NEUTRAL_COLOUR,
    cut,
    cut_lines,
    fit_total,
)

OK_COLOUR = 0x2E7D32
ERROR_COLOUR = 0xC62828
#: Entry ids listed per kind of change before the rest is only counted.
CHANGES_LISTED = 10


def _titled(ids: tuple[str, ...], titles: dict[str, str]) -> str:
    lines = [f"• {titles.get(entry_id, entry_id)} (`{entry_id}`)" for entry_id in ids[:CHANGES_LISTED]]
    if len(ids) > CHANGES_LISTED:
        lines.append(f"… und {len(ids) - CHANGES_LISTED} weitere")
    return cut_lines(lines, FIELD_VALUE_LIMIT)


def error_lines(outcome: ReloadOutcome) -> str:
    return cut_lines([str(problem) for problem in outcome.errors], DESCRIPTION_LIMIT - 200)


def reload_embed(outcome: ReloadOutcome, knowledge: Knowledge) -> discord.Embed:
    """What a reload did; `knowledge` is the running set afterwards (unchanged after a failure)."""
    timezone = knowledge.story.timezone
    stand = format_when(knowledge.story.stand, timezone)
    if not outcome.ok:
        embed = discord.Embed(
            title="Neu laden abgelehnt – das bisherige Wissen bleibt aktiv",
            description=cut(
                f"{len(outcome.errors)} Fehler:\n```\n{error_lines(outcome)}\n```", DESCRIPTION_LIMIT
            ),
            colour=ERROR_COLOUR,
        )
        embed.set_footer(text=f"Weiter aktiv: Stand {stand}")
        return fit_total(embed)
    diff = outcome.diff
    embed = discord.Embed(title="Wissen neu geladen", colour=OK_COLOUR)
    if diff is None or (diff.is_empty and diff.stand_before == diff.stand_after):
        embed.description = "Keine Änderungen."
    else:
        counts = f"{len(diff.added)} neu, {len(diff.removed)} entfernt, {len(diff.changed)} geändert."
        embed.description = counts
        for name, ids in (("Neu", diff.added), ("Entfernt", diff.removed), ("Geändert", diff.changed)):
            if ids:
                embed.add_field(name=name, value=_titled(ids, diff.titles), inline=False)
        if diff.label_changes:
            moves = [
                f"• {c.title}: {_label_name(knowledge, c.before)} → {_label_name(knowledge, c.after)}"
                for c in diff.label_changes
            ]
            embed.add_field(name="Label-Änderungen", value=cut_lines(moves, FIELD_VALUE_LIMIT), inline=False)
    embed.add_field(name="Neuer Stand", value=stand, inline=False)
    return fit_total(embed)


def _label_name(knowledge: Knowledge, label_id: str) -> str:
    label = knowledge.labels.get(label_id)
    return f"{label.emoji} {label.name}" if label else label_id


def status_embed(
    knowledge: Knowledge,
    last: ReloadOutcome | None,
    last_by: str | None,
    last_failure: ReloadOutcome | None,
    feedback: tuple[int, int],
    mode: str = "",
) -> discord.Embed:
    """Counts, Stand, how the engine matches, the last reload (when, by whom, result) and the errors
    of the last failed one. The mode matters: without its model the bot matches by words alone and
    misses members' own wording, and moderators should know."""
    timezone = knowledge.story.timezone
    counts = knowledge.counts()
    names = {
        "faq": "FAQ",
        "events": "Ereignisse",
        "people": "Personen",
        "sources": "Quellen",
        "labels": "Labels",
    }
    embed = discord.Embed(title="Wissen: Status", colour=NEUTRAL_COLOUR)
    embed.description = " · ".join(f"{names[k]}: **{n}**" for k, n in counts.items())
    embed.add_field(name="Stand", value=format_when(knowledge.story.stand, timezone), inline=True)
    if last is None:
        reload_text = "Seit dem Start nicht neu geladen."
    else:
        who = f" von {cut(last_by, 80)}" if last_by else ""
        result = "erfolgreich" if last.ok else f"abgelehnt ({len(last.errors)} Fehler)"
        reload_text = f"{format_when(last.at, timezone)}{who}: {result}"
    embed.add_field(name="Letztes Neuladen", value=cut(reload_text, FIELD_VALUE_LIMIT), inline=True)
    helpful, unhelpful = feedback
    embed.add_field(name="Rückmeldungen", value=f"👍 {helpful} · 👎 {unhelpful}", inline=True)
    if mode:
        embed.add_field(name="Suche", value=cut(mode, FIELD_VALUE_LIMIT), inline=True)
    if last_failure is not None:
        errors = cut(
            f"```\n{cut_lines([str(p) for p in last_failure.errors], FIELD_VALUE_LIMIT - 10)}\n```",
            FIELD_VALUE_LIMIT,
        )
        embed.add_field(
            name=f"Fehler beim letzten abgelehnten Neuladen ({format_when(last_failure.at, timezone)})",
            value=errors,
            inline=False,
        )
    return fit_total(embed)
