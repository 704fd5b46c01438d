"""Match -> Answer: the snippets with their labels, sources, as-of dates and what overtook them.

An answer is built only from the knowledge set it was matched in and holds resolved objects (the
Label, the Sources), so renderers never look anything up and can never mix two sets.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Literal

from bot.core.answers.clock import format_day, format_when, local_date, sort_key
from bot.core.knowledge.model import (
    EntryKind,
    Event,
    FaqEntry,
    Knowledge,
    Label,
    Person,
    Snippet,
    Source,
    When,
    entry_kind,
    entry_title,
)

Status = Literal["answered", "ambiguous", "no_match"]


@dataclass(frozen=True, slots=True)
class EntryRef:
    """A pointer to another entry, e.g. the event that overtook a claim."""

    id: str
    title: str
    when: When | None = None

    def describe(self, timezone: str) -> str:
        """'Title (21.11.2023)': how every renderer names what overtook a claim."""
        return f"{self.title} ({format_when(self.when, timezone)})" if self.when else self.title


@dataclass(frozen=True, slots=True)
class AnswerSnippet:
    text: str
    label: Label
    sources: tuple[Source, ...]
    as_of: When
    superseded_by: EntryRef | None = None


@dataclass(frozen=True, slots=True)
class Answer:
    id: str
    kind: EntryKind
    title: str
    snippets: tuple[AnswerSnippet, ...]
    #: The Stand of the knowledge set this answer came from.
    as_of: When
    timezone: str
    superseded_by: EntryRef | None = None
    #: For a single event: when it happened (a day's answer has none; its title names the day).
    #: For people: their roles over time, as lines.
    when: When | None = None
    roles: tuple[str, ...] = ()

    @property
    def weakest_label(self) -> Label:
        """The least certain label in the answer: it decides the colour, so a rumor never looks confirmed."""
        return min((snippet.label for snippet in self.snippets), key=lambda label: label.strength)

    @property
    def sources(self) -> tuple[Source, ...]:
        """Every source of the answer once, in order of first citation."""
        seen: dict[str, Source] = {}
        for snippet in self.snippets:
            for source in snippet.sources:
                seen.setdefault(source.id, source)
        return tuple(seen.values())


@dataclass(frozen=True, slots=True)
class Suggestion:
    id: str
    title: str
    score: float


@dataclass(frozen=True, slots=True)
class Result:
    """What the engine says to a question; `answer` is set exactly when status is answered."""

    query: str
    status: Status
    score: float
    answer: Answer | None = None
    suggestions: tuple[Suggestion, ...] = ()


def event_ref(knowledge: Knowledge, event_id: str | None) -> EntryRef | None:
    if event_id is None or event_id not in knowledge.events:
        return None
    event = knowledge.events[event_id]
    return EntryRef(event.id, event.title, event.when)


def resolve_snippet(
    knowledge: Knowledge, snippet: Snippet, overtaken_by: str | None = None, prefix: str = ""
) -> AnswerSnippet:
    return AnswerSnippet(
        text=prefix + snippet.text,
        label=knowledge.labels[snippet.label],
        sources=tuple(knowledge.sources[source_id] for source_id in snippet.sources),
        as_of=snippet.as_of or knowledge.story.stand,
        superseded_by=event_ref(knowledge, snippet.superseded_by or overtaken_by),
    )


def describe_roles(person: Person, timezone: str) -> tuple[str, ...]:
    lines = []
    for role in person.roles:
        since = f"ab {format_when(role.since, timezone)}" if role.since else ""
        until = f"bis {format_when(role.until, timezone)}" if role.until else ""
        span = " ".join(part for part in (since, until) if part) or "ohne Zeitangabe"
        lines.append(f"{role.title} ({span})")
    return tuple(lines)


def compose_answer(knowledge: Knowledge, entry: FaqEntry | Event | Person) -> Answer:
    """The full answer for one entry."""
    timezone = knowledge.story.timezone
    overtaken_by = entry.superseded_by if isinstance(entry, Event) else None
    return Answer(
        id=entry.id,
        kind=entry_kind(entry),
        title=entry_title(entry),
        snippets=tuple(resolve_snippet(knowledge, s, overtaken_by) for s in entry.snippets),
        as_of=knowledge.story.stand,
        timezone=timezone,
        superseded_by=event_ref(knowledge, overtaken_by),
        when=entry.when if isinstance(entry, Event) else None,
        roles=describe_roles(entry, timezone) if isinstance(entry, Person) else (),
    )


def events_on(knowledge: Knowledge, day: date) -> list[Event]:
    timezone = knowledge.story.timezone
    found = [e for e in knowledge.events.values() if local_date(e.when, timezone) == day]
    return sorted(found, key=lambda event: (sort_key(event.when), event.id))


def compose_day(knowledge: Knowledge, day: date) -> Answer | None:
    """One snippet per event of that day (its first), each led by its time and headline."""
    events = events_on(knowledge, day)
    if not events:
        return None
    timezone = knowledge.story.timezone
    snippets = []
    for event in events:
        time = format_when(event.when, timezone).partition(", ")[2]
        prefix = f"{time + ' – ' if time else ''}{event.title}: "
        snippets.append(resolve_snippet(knowledge, event.snippets[0], event.superseded_by, prefix))
    return Answer(
        id=f"tag-{day.isoformat()}",
        kind="event",
        title=f"Was am {format_day(day)} geschah",
        snippets=tuple(snippets),
        as_of=knowledge.story.stand,
        timezone=timezone,
    )
