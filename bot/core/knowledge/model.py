"""The knowledge as immutable values.

Everything here is frozen so that a loaded knowledge set can be shared between threads and swapped
atomically on reload: an answer is always composed from exactly one set, never from a mix.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Literal

#: A point in time as the knowledge states it: a date-time with zone, or just a date.
When = datetime | date

EntryKind = Literal["faq", "event", "person"]


@dataclass(frozen=True, slots=True)
class Label:
    """An epistemic label such as `bestätigt` or `Gerücht`, defined by the knowledge itself."""

    id: str
    name: str
    emoji: str
    colour: int
    meaning: str
    confirmed: bool
    #: Higher is more certain; an answer takes the colour of its weakest (lowest) label.
    strength: int
    #: The evidence refutes the claim (`widerlegt`); a move to such a label is announced as such.
    refutes: bool = False


@dataclass(frozen=True, slots=True)
class Source:
    """Where a claim comes from. `primary` means the person or organisation concerned said it."""

    id: str
    kind: str
    author: str
    title: str
    published: When
    primary: bool
    url: str | None = None
    quote: str | None = None


@dataclass(frozen=True, slots=True)
class Snippet:
    """One to three sentences in the curators' own words, with label, sources and validity date."""

    text: str
    label: str
    sources: tuple[str, ...]
    as_of: When | None = None
    #: Event id of what later overtook this claim, if anything.
    superseded_by: str | None = None


@dataclass(frozen=True, slots=True)
class Role:
    """A role a person held for a time; `until` None means it still holds as of the Stand."""

    title: str
    since: When | None = None
    until: When | None = None


@dataclass(frozen=True, slots=True)
class Person:
    id: str
    name: str
    aliases: tuple[str, ...]
    roles: tuple[Role, ...]
    snippets: tuple[Snippet, ...]
    keywords: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Event:
    id: str
    when: When
    title: str
    snippets: tuple[Snippet, ...]
    people: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    keywords: tuple[str, ...] = ()
    questions: tuple[str, ...] = ()
    superseded_by: str | None = None


@dataclass(frozen=True, slots=True)
class FaqEntry:
    id: str
    title: str
    questions: tuple[str, ...]
    snippets: tuple[Snippet, ...]
    keywords: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Example:
    """A question as members ask it, with the entries that answer it; none means no answer.

    Examples teach the answer engine how members word their questions: those with an answer count
    as further question variants of their entries, those without teach it when to stay silent.
    """

    question: str
    answers: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Story:
    """What the knowledge set is about and how it is shown."""

    title: str
    stand: When
    timezone: str = "Europe/Berlin"
    description: str = ""
    #: FAQ ids offered as "nearby topics" when nothing matches.
    featured: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Knowledge:
    """A complete, validated knowledge set. Only the loader builds one."""

    story: Story
    labels: dict[str, Label]
    sources: dict[str, Source]
    people: dict[str, Person]
    events: dict[str, Event]
    faq: dict[str, FaqEntry]
    #: Members' questions with their answers (or none), for fitting the answer engine.
    examples: tuple[Example, ...] = ()
    #: Where each entry id was defined ("file:line"), for moderators' messages.
    origins: dict[str, str] = field(default_factory=dict)

    def entry(self, entry_id: str) -> FaqEntry | Event | Person | None:
        """Find an answerable entry by id, whatever its kind."""
        return self.faq.get(entry_id) or self.events.get(entry_id) or self.people.get(entry_id)

    def counts(self) -> dict[str, int]:
        return {
            "faq": len(self.faq),
            "events": len(self.events),
            "people": len(self.people),
            "sources": len(self.sources),
            "labels": len(self.labels),
        }


def entry_kind(entry: FaqEntry | Event | Person) -> EntryKind:
    if isinstance(entry, FaqEntry):
        return "faq"
    if isinstance(entry, Event):
        return "event"
    return "person"


def entry_title(entry: FaqEntry | Event | Person) -> str:
    return entry.name if isinstance(entry, Person) else entry.title
