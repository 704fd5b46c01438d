"""Selecting timeline events by time span, person and label, in time order.

Shared by the CLI's `timeline` and the Discord `/timeline`, so both list exactly the same events.
"""

from __future__ import annotations

from datetime import date

from bot.core.answers.clock import local_date, sort_key
from bot.core.knowledge.model import Event, Knowledge


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
