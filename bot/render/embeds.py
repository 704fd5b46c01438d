"""Answer -> Discord embed, always within Discord's limits.

Discord refuses a whole message when one part is too long, so every text is cut here, with a
visible "…", before it reaches discord.py. The limits are named once, below, and the tests check
every payload against them and against Discord's OpenAPI spec.
"""

from __future__ import annotations

import discord

from bot.core.answers.answer import Answer, AnswerSnippet, EntryRef
from bot.core.answers.clock import format_when
from bot.core.knowledge.model import Source, When
from bot.render.source_dates import published_text

TITLE_LIMIT = 256
DESCRIPTION_LIMIT = 4096
FIELD_NAME_LIMIT = 256
FIELD_VALUE_LIMIT = 1024
FIELD_COUNT_LIMIT = 25
FOOTER_LIMIT = 2048
EMBED_TOTAL_LIMIT = 6000
CONTENT_LIMIT = 2000
BUTTONS_PER_ROW = 5
BUTTON_LABEL_LIMIT = 80
CUSTOM_ID_LIMIT = 100
AUTOCOMPLETE_CHOICE_LIMIT = 25
CHOICE_NAME_LIMIT = 100
#: Source fields after which the rest is only counted: an answer is not a bibliography.
SOURCE_FIELD_LIMIT = 3
ELLIPSIS = "…"
#: Neutral grey for lists that have no label of their own.
NEUTRAL_COLOUR = 0x5865F2


def cut(text: str, limit: int) -> str:
    """`text` if it fits, else its start with a visible "…" (never an empty string)."""
    text = text.strip()
    if len(text) <= limit:
        return text or ELLIPSIS
    return text[: limit - 1].rstrip() + ELLIPSIS


def cut_lines(lines: list[str], limit: int, more: str = "… und {n} weitere") -> str:
    """Whole lines joined while they fit; the rest counted in a last line."""
    kept: list[str] = []
    used = 0
    for index, line in enumerate(lines):
        line = cut(line, limit)
        rest = len(lines) - index - 1
        tail = len(more.format(n=len(lines) - index)) + 1 if rest else 0
        if used + len(line) + 1 + tail > limit:
            note = more.format(n=len(lines) - index)
            return cut("\n".join([*kept, note]), limit)
        kept.append(line)
        used += len(line) + 1
    return "\n".join(kept) or ELLIPSIS


def overtaken_line(ref: EntryRef, timezone: str) -> str:
    return f"⚠️ **überholt** durch: {ref.describe(timezone)}"


def source_reference(number: int, source: Source, timezone: str) -> str:
    """'[1] Titel – Autor, 02.05.2031', the title linked when there is a URL, the date left out
    when the title already names that day."""
    title = source.title.replace("[", "(").replace("]", ")")
    shown = f"[{title}]({source.url})" if source.url else title
    published = published_text(source, timezone)
    return f"[{number}] {shown} – {source.author}" + (f", {published}" if published else "")


def snippet_text(snippet: AnswerSnippet, numbers: dict[str, int], answer: Answer) -> str:
    refs = "".join(f"[{numbers[source.id]}]" for source in snippet.sources)
    lines = [f"{snippet.label.emoji} **{snippet.label.name}:** {snippet.text} {refs}".rstrip()]
    if snippet.as_of != answer.as_of:
        lines.append(f"↳ Stand dieser Aussage: {format_when(snippet.as_of, answer.timezone)}")
    if snippet.superseded_by is not None and snippet.superseded_by != answer.superseded_by:
        lines.append("↳ " + overtaken_line(snippet.superseded_by, answer.timezone))
    return "\n".join(lines)


def answer_description(answer: Answer, numbers: dict[str, int]) -> str:
    parts: list[str] = []
    if answer.superseded_by is not None:
        parts.append(overtaken_line(answer.superseded_by, answer.timezone))
    if answer.when is not None:
        parts.append(f"🕒 {format_when(answer.when, answer.timezone)}")
    if answer.roles:
        parts.append("**Rollen:** " + "; ".join(answer.roles))
    parts.extend(snippet_text(snippet, numbers, answer) for snippet in answer.snippets)
    return cut("\n\n".join(parts), DESCRIPTION_LIMIT)


def add_sources(embed: discord.Embed, sources: tuple[Source, ...], timezone: str) -> None:
    """Numbered references in as many fields as they need (each within the field limit)."""
    lines = [source_reference(n, s, timezone) for n, s in enumerate(sources, start=1)]
    fields: list[list[str]] = [[]]
    for line in lines:
        line = cut(line, FIELD_VALUE_LIMIT)
        if sum(len(x) + 1 for x in fields[-1]) + len(line) > FIELD_VALUE_LIMIT:
            fields.append([])
        fields[-1].append(line)
    shown = fields[:SOURCE_FIELD_LIMIT]
    for index, chunk in enumerate(shown):
        value = "\n".join(chunk)
        if index == len(shown) - 1 and len(fields) > len(shown):
            left = sum(len(chunk) for chunk in fields[len(shown) :])
            value = cut_lines([*chunk, f"… und {left} weitere (/quellen)"], FIELD_VALUE_LIMIT)
        embed.add_field(name="Quellen" if index == 0 else "Quellen (Forts.)", value=value, inline=False)


def stand_footer(as_of: When, timezone: str) -> str:
    return cut(f"Stand: {format_when(as_of, timezone)}", FOOTER_LIMIT)


def fit_total(embed: discord.Embed) -> discord.Embed:
    """Shorten the description until the whole embed is within the 6,000-character total."""
    excess = len(embed) - EMBED_TOTAL_LIMIT
    if excess > 0 and embed.description:
        embed.description = cut(embed.description, max(1, len(embed.description) - excess))
    while len(embed) > EMBED_TOTAL_LIMIT and embed.fields:
        embed.remove_field(len(embed.fields) - 1)
    return embed


def answer_embed(answer: Answer) -> discord.Embed:
    """The answer: labeled snippets, numbered sources, the Stand, coloured by its weakest label."""
    numbers = {source.id: n for n, source in enumerate(answer.sources, start=1)}
    embed = discord.Embed(
        title=cut(answer.title, TITLE_LIMIT),
        description=answer_description(answer, numbers),
        colour=answer.weakest_label.colour,
    )
    add_sources(embed, answer.sources, answer.timezone)
    embed.set_footer(text=stand_footer(answer.as_of, answer.timezone))
    return fit_total(embed)


def sources_embed(title: str, sources: tuple[Source, ...], as_of: When, timezone: str) -> discord.Embed:
    """Just the references of one answer, for `/quellen <thema>`."""
    lines = [source_reference(n, s, timezone) for n, s in enumerate(sources, start=1)]
    for number, source in enumerate(sources, start=1):
        if source.quote:
            lines[number - 1] += f"\n> „{source.quote}“"
    embed = discord.Embed(
        title=cut(f"Quellen: {title}", TITLE_LIMIT),
        description=cut_lines(lines, DESCRIPTION_LIMIT),
        colour=NEUTRAL_COLOUR,
    )
    embed.set_footer(text=stand_footer(as_of, timezone))
    return fit_total(embed)
