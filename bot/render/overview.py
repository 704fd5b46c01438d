"""Knowledge -> Discord embeds and texts for everything that is not a single answer.

/stand, /labels, timeline and source pages, the German replies for ambiguous and unmatched
questions, and the moderators' reload and status reports. Nothing here knows the story: every
grouping is derived from the labels the knowledge defines.
"""

from __future__ import annotations

from collections import defaultdict

import discord

from bot.core.answers.answer import Result
from bot.core.answers.clock import format_when, sort_key
from bot.core.knowledge.model import Event, FaqEntry, Knowledge, Label, Source
from bot.render.embeds import (
    CONTENT_LIMIT,
    DESCRIPTION_LIMIT,
    FIELD_COUNT_LIMIT,
    FIELD_NAME_LIMIT,
    FIELD_VALUE_LIMIT,
    NEUTRAL_COLOUR,
    TITLE_LIMIT,
    cut,
    cut_lines,
    fit_total,
    source_reference,
    stand_footer,
)

#: Entries listed per label in /stand: the short version, not the timeline.
STAND_ENTRIES_PER_LABEL = 5
ASK_HINT = "Frag zum Beispiel nach einer Person, einem Tag oder einem Ereignis – am besten mit `/frage`."


def weakest(labels: list[Label]) -> Label:
    return min(labels, key=lambda label: label.strength)


def event_line(event: Event, knowledge: Knowledge) -> str:
    """'`02.05.2031, 10:00 Uhr` ✅ Die Hafenmeisterin tritt zurück', marked when overtaken."""
    labels = sorted({knowledge.labels[s.label] for s in event.snippets}, key=lambda label: label.strength)
    marks = "".join(label.emoji for label in labels)
    overtaken = " *(überholt)*" if event.superseded_by else ""
    return f"`{format_when(event.when, knowledge.story.timezone)}` {marks} {event.title}{overtaken}"


def page_embed(title: str, lines: list[str], page: int, pages: int, knowledge: Knowledge) -> discord.Embed:
    """One page of a list; the footer says where in the list and as of when."""
    embed = discord.Embed(
        title=cut(title, TITLE_LIMIT),
        description=cut_lines(lines, DESCRIPTION_LIMIT) if lines else "Keine Einträge für diese Auswahl.",
        colour=NEUTRAL_COLOUR,
    )
    stand = stand_footer(knowledge.story.stand, knowledge.story.timezone)
    embed.set_footer(text=f"Seite {page + 1}/{max(1, pages)} · {stand}")
    return fit_total(embed)


def source_lines(sources: list[Source], timezone: str) -> list[str]:
    return [source_reference(n, s, timezone) for n, s in enumerate(sources, start=1)]


def labels_embed(knowledge: Knowledge) -> discord.Embed:
    ordered = sorted(knowledge.labels.values(), key=lambda label: -label.strength)
    embed = discord.Embed(title="Was die Labels bedeuten", colour=NEUTRAL_COLOUR)
    for label in ordered[:FIELD_COUNT_LIMIT]:
        kind = "gilt als bestätigt" if label.confirmed else "nicht bestätigt"
        embed.add_field(
            name=cut(f"{label.emoji} {label.name}", FIELD_NAME_LIMIT),
            value=cut(f"{label.meaning}\n*({kind}; Stufe {label.strength})*", FIELD_VALUE_LIMIT),
            inline=False,
        )
    embed.description = "Jede Aussage trägt ein Label. Eine Antwort hat die Farbe ihres schwächsten Labels."
    embed.set_footer(text=stand_footer(knowledge.story.stand, knowledge.story.timezone))
    return fit_total(embed)


def _entries_by_label(knowledge: Knowledge) -> dict[str, list[Event | FaqEntry]]:
    """Each event and FAQ entry under its weakest label, latest first."""
    grouped: dict[str, list[Event | FaqEntry]] = defaultdict(list)
    for entry in (*knowledge.events.values(), *knowledge.faq.values()):
        label = weakest([knowledge.labels[s.label] for s in entry.snippets])
        grouped[label.id].append(entry)

    def latest(entry: Event | FaqEntry) -> tuple[int, float]:
        if isinstance(entry, Event):
            return (0, -sort_key(entry.when).timestamp())
        dates = [sort_key(s.as_of or knowledge.story.stand).timestamp() for s in entry.snippets]
        return (1, -max(dates))

    return {label_id: sorted(entries, key=latest) for label_id, entries in grouped.items()}


def stand_embed(knowledge: Knowledge) -> discord.Embed:
    """The short version: per label (most certain first) the latest entries, as of the Stand."""
    story, timezone = knowledge.story, knowledge.story.timezone
    grouped = _entries_by_label(knowledge)
    confirmed = sum(len(v) for k, v in grouped.items() if knowledge.labels[k].confirmed)
    unconfirmed = sum(len(v) for k, v in grouped.items() if not knowledge.labels[k].confirmed)
    intro = [story.description] if story.description else []
    intro.append(f"**{confirmed}** Einträge bestätigt, **{unconfirmed}** nicht bestätigt oder offen.")
    embed = discord.Embed(
        title=cut(f"Stand: {story.title}", TITLE_LIMIT),
        description=cut("\n\n".join(intro), DESCRIPTION_LIMIT),
        colour=weakest(list(knowledge.labels.values())).colour if grouped else NEUTRAL_COLOUR,
    )
    for label in sorted(knowledge.labels.values(), key=lambda label: -label.strength):
        entries = grouped.get(label.id, [])
        if not entries or len(embed.fields) >= FIELD_COUNT_LIMIT:
            continue
        lines = [
            event_line(entry, knowledge) if isinstance(entry, Event) else f"❓ {entry.title}"
            for entry in entries[:STAND_ENTRIES_PER_LABEL]
        ]
        if len(entries) > STAND_ENTRIES_PER_LABEL:
            lines.append(f"… und {len(entries) - STAND_ENTRIES_PER_LABEL} weitere (/timeline label)")
        embed.add_field(
            name=cut(f"{label.emoji} {label.name} ({len(entries)})", FIELD_NAME_LIMIT),
            value=cut_lines(lines, FIELD_VALUE_LIMIT),
            inline=False,
        )
    embed.set_footer(text=stand_footer(story.stand, timezone))
    return fit_total(embed)


def ambiguous_text(question: str) -> str:
    """`question` must already be escaped by the caller."""
    return cut(f"Meintest du …? *(zu „{question}“)*\nWähl unten ein Thema.", CONTENT_LIMIT)


def no_match_text(result: Result, question: str, knowledge: Knowledge) -> str:
    """Nearby topics and a hint, never an answer. `question` must already be escaped."""
    lines = [f"Zu „{question}“ weiß ich nichts Gesichertes."]
    if result.suggestions:
        lines.append("Themen in der Nähe: " + " · ".join(f"**{s.title}**" for s in result.suggestions[:3]))
    lines.append(ASK_HINT)
    lines.append(f"*Stand: {format_when(knowledge.story.stand, knowledge.story.timezone)}*")
    return cut("\n".join(lines), CONTENT_LIMIT)
