"""Selecting timeline events by time span, person and label, in time order.

Shared by the CLI's `timeline` and the Discord `/timeline`, so both list exactly the same events.
The filters may name a person or label as a member would (name, alias, any case, without
umlauts); an unknown one gets the nearest known ids instead of an empty list.
"""

from __future__ import annotations

from datetime import date

from bot.core.answers.clock import local_date, sort_key
from bot.core.knowledge.model import Event, Knowledge
from bot.core.knowledge.suggest import nearest
from bot.core.matching.text import fold


def select_events(
    knowledge: Knowledge,
    *,
    since: date | None = None,
    until: date | None = None,
    person: str | None = None,
    label: str | None = None,
) -> list[Event]:
    """Events within [since, until] (days in the story's zone, inclusive), oldest first."""
    timezone = knowledge.story.timezone
    chosen = []
    for event in knowledge.events.values():
        day = local_date(event.when, timezone)
        if since is not None and day < since:
            continue
        if until is not None and day > until:
            continue
        if person is not None and person not in event.people:
            continue
        if label is not None and all(snippet.label != label for snippet in event.snippets):
            continue
        chosen.append(event)
    return sorted(chosen, key=lambda event: (sort_key(event.when), event.id))


def _fold(text: str) -> str:
    """Folded as every text is (`matching.text.fold`); an emoji, which folding drops, stays itself."""
    return fold(text) or text.strip()


def person_names(knowledge: Knowledge) -> dict[str, str]:
    """Every way a filter may name a person (id, name, alias), folded, -> the person id."""
    names: dict[str, str] = {}
    for person in knowledge.people.values():
        for name in (person.id, person.name, *person.aliases):
            names.setdefault(_fold(name), person.id)
    return names


def label_names(knowledge: Knowledge) -> dict[str, str]:
    """Every way a filter may name a label (id, name, 'emoji name', emoji), folded, -> the label id."""
    names: dict[str, str] = {}
    for label in knowledge.labels.values():
        for name in (label.id, label.name, f"{label.emoji} {label.name}", label.emoji):
            names.setdefault(_fold(name), label.id)
    return names


def find_by_name(names: dict[str, str], text: str) -> str | None:
    """The id `text` names exactly (folded), or None; typos are not guessed: see `nearest_names`."""
    return names.get(_fold(text))


def nearest_names(names: dict[str, str], text: str, *, limit: int = 3) -> list[str]:
    """Ids whose id, name or alias is most like `text`, best first, each id once."""
    found = nearest(_fold(text), names, limit=limit * 3)
    return list(dict.fromkeys(names[name] for name in found))[:limit]
