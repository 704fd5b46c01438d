"""Result -> text for a terminal: each snippet with its label and numbered sources, then the Stand."""

from __future__ import annotations

from bot.core.answers.answer import Answer, AnswerSnippet, Result
from bot.core.answers.clock import format_when
from bot.core.knowledge.model import Event, Knowledge, Label, Source
from bot.render.source_dates import published_text


def source_line(number: int, source: Source, timezone: str) -> str:
    """'[1] Author: Title (02.05.2031) <url>'; the date only when the title does not name it."""
    url = f" <{source.url}>" if source.url else ""
    published = published_text(source, timezone)
    day = f" ({published})" if published else ""
    return f"[{number}] {source.author}: {source.title}{day}{url}"


def snippet_lines(snippet: AnswerSnippet, numbers: dict[str, int], answer: Answer) -> list[str]:
    refs = "".join(f"[{numbers[source.id]}]" for source in snippet.sources)
    lines = [f"{snippet.label.emoji} {snippet.label.name}: {snippet.text} {refs}"]
    if snippet.as_of != answer.as_of:
        lines.append(f"   (Stand dieser Aussage: {format_when(snippet.as_of, answer.timezone)})")
    if snippet.superseded_by is not None and snippet.superseded_by != answer.superseded_by:
        lines.append(f"   ⚠ überholt durch: {snippet.superseded_by.describe(answer.timezone)}")
    return lines


def render_answer(answer: Answer) -> str:
    numbers = {source.id: n for n, source in enumerate(answer.sources, start=1)}
    lines = [answer.title, "=" * min(len(answer.title), 72)]
    if answer.superseded_by is not None:
        lines.append(f"⚠ Überholt durch: {answer.superseded_by.describe(answer.timezone)}")
    if answer.when is not None:
        lines.append(f"Zeit: {format_when(answer.when, answer.timezone)}")
    if answer.roles:
        lines.append("Rollen: " + "; ".join(answer.roles))
    for snippet in answer.snippets:
        lines.extend(snippet_lines(snippet, numbers, answer))
    lines.append("")
    lines.append("Quellen:")
    lines.extend(
        source_line(n, s, answer.timezone) for s, n in zip(answer.sources, numbers.values(), strict=True)
    )
    lines.append("")
    lines.append(f"Stand: {format_when(answer.as_of, answer.timezone)}")
    return "\n".join(lines)


def render_result(result: Result, knowledge: Knowledge) -> str:
    if result.answer is not None:
        return render_answer(result.answer)
    if result.status == "ambiguous":
        options = "\n".join(f"  - {s.title}" for s in result.suggestions)
        return f"Meintest du …?\n{options}\nFrag bitte genauer nach."
    hint = (
        "Dazu weiß ich nichts Gesichertes. "
        "Frag zum Beispiel nach einer Person, einem Tag oder einem Ereignis."
    )
    if result.suggestions:
        hint += "\nThemen in der Nähe:\n" + "\n".join(f"  - {s.title}" for s in result.suggestions)
    return hint + f"\n\nStand: {format_when(knowledge.story.stand, knowledge.story.timezone)}"


def label_legend(labels: dict[str, Label]) -> str:
    ordered = sorted(labels.values(), key=lambda label: -label.strength)
    return "\n".join(f"{label.emoji} {label.name}: {label.meaning}" for label in ordered)


def render_timeline(events: list[Event], knowledge: Knowledge) -> str:
    """One line per event, then a legend of the label emojis used and the Stand."""
    timezone = knowledge.story.timezone
    lines = []
    used: set[Label] = set()
    for event in events:
        labels = sorted({knowledge.labels[s.label] for s in event.snippets}, key=lambda label: label.strength)
        used.update(labels)
        marks = "".join(label.emoji for label in labels)
        overtaken = " (überholt)" if event.superseded_by else ""
        lines.append(f"{format_when(event.when, timezone)}  {marks} {event.title}{overtaken}")
    if not lines:
        lines.append("Keine Ereignisse für diese Auswahl.")
    lines.append("")
    if used:
        legend = sorted(used, key=lambda label: -label.strength)
        lines.append("Legende: " + " · ".join(f"{label.emoji} {label.name}" for label in legend))
    lines.append(f"Stand: {format_when(knowledge.story.stand, timezone)}")
    return "\n".join(lines)
