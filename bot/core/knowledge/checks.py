"""Cross-file checks that need the whole set: references, cycles, confirmed-needs-primary.

These run only once every file has parsed cleanly, so each message here is about meaning, not
syntax, and still points at the file and line a moderator has to open.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from bot.core.knowledge.suggest import did_you_mean
from bot.core.knowledge.yaml_source import Problem

if TYPE_CHECKING:
    from bot.core.knowledge.sections import Collected


def check_references(collected: Collected) -> list[Problem]:
    """Every problem of meaning across files, in a stable order."""
    problems: list[Problem] = []
    problems += _check_snippets(collected)
    problems += _check_events(collected)
    problems += _check_story(collected)
    problems += _check_examples(collected)
    return problems


def _check_snippets(collected: Collected) -> list[Problem]:
    problems: list[Problem] = []
    for snippet, file, line in collected.snippet_sites:
        label = collected.labels.get(snippet.label)
        if snippet.label and label is None:
            known = ", ".join(sorted(collected.labels))
            hint = did_you_mean(snippet.label, collected.labels)
            message = f"unbekanntes Label „{snippet.label}“{hint} (bekannt: {known})"
            problems.append(Problem(file, line, message))
        for source_id in snippet.sources:
            if source_id not in collected.sources:
                hint = did_you_mean(source_id, collected.sources)
                problems.append(Problem(file, line, f"unbekannte Quelle „{source_id}“{hint}"))
        if label is not None and label.confirmed:
            cited = [collected.sources.get(source_id) for source_id in snippet.sources]
            if not any(source is not None and source.primary for source in cited):
                message = (
                    f"Snippet mit dem Label „{label.id}“ (gilt als bestätigt) nennt keine Primärquelle; "
                    "nenne eine Quelle mit primary: true oder wähle ein schwächeres Label"
                )
                problems.append(Problem(file, line, message))
        target = snippet.superseded_by
        if target is not None and target not in collected.events:
            hint = did_you_mean(target, collected.events)
            problems.append(Problem(file, line, f"superseded_by: unbekanntes Ereignis „{target}“{hint}"))
    return problems


def _check_events(collected: Collected) -> list[Problem]:
    problems: list[Problem] = []
    for event in collected.events.values():
        file, mapping = collected.sites[event.id]
        for person_id in event.people:
            if person_id not in collected.people:
                hint = did_you_mean(person_id, collected.people)
                message = f"events „{event.id}“: unbekannte Person „{person_id}“{hint}"
                problems.append(Problem(file, mapping.line_of("people"), message))
        target = event.superseded_by
        if target is not None and target not in collected.events:
            hint = did_you_mean(target, collected.events)
            message = f"events „{event.id}“: superseded_by nennt ein unbekanntes Ereignis „{target}“{hint}"
            problems.append(Problem(file, mapping.line_of("superseded_by"), message))
    for cycle in _superseded_cycles(collected):
        file, mapping = collected.sites[cycle[0]]
        path = " -> ".join([*cycle, cycle[0]])
        message = f"superseded_by im Kreis: {path}; kein Ereignis kann (über Umwege) sich selbst überholen"
        problems.append(Problem(file, mapping.line_of("superseded_by"), message))
    return problems


def _superseded_cycles(collected: Collected) -> list[list[str]]:
    """Each cycle in the superseded_by chains once, starting from its first id in file order."""
    cycles: list[list[str]] = []
    settled: set[str] = set()
    for start in collected.events:
        path: list[str] = []
        current: str | None = start
        while current is not None and current in collected.events and current not in settled:
            if current in path:
                cycles.append(path[path.index(current) :])
                break
            path.append(current)
            current = collected.events[current].superseded_by
        settled.update(path)
    return cycles


def _check_story(collected: Collected) -> list[Problem]:
    problems: list[Problem] = []
    if not collected.stories:
        return problems
    story, origin = collected.stories[0]
    file, _, line = origin.rpartition(":")
    for faq_id in story.featured:
        if faq_id not in collected.faq:
            hint = did_you_mean(faq_id, collected.faq)
            message = f"story: „{faq_id}“ unter featured ist kein FAQ-Eintrag{hint}"
            problems.append(Problem(file, int(line), message))
    try:
        from zoneinfo import ZoneInfo

        ZoneInfo(story.timezone)
    except Exception:  # noqa: BLE001 - any failure means the zone is unusable
        from zoneinfo import available_timezones

        hint = did_you_mean(story.timezone, sorted(available_timezones()))
        message = f"story: unbekannte Zeitzone „{story.timezone}“{hint} (z. B. Europe/Berlin)"
        problems.append(Problem(file, int(line), message))
    return problems


def _check_examples(collected: Collected) -> list[Problem]:
    """An example's answers must be entries, or a day with events ("tag-2023-11-17")."""
    known = collected.faq.keys() | collected.events.keys() | collected.people.keys()
    days = {str(event.when)[:10] for event in collected.events.values()}
    problems = []
    for example, file, line in collected.examples:
        for answer in example.answers:
            if answer not in known and answer.removeprefix("tag-") not in days:
                problems.append(
                    Problem(
                        file,
                        line,
                        f"Beispiel {example.question!r}: unbekannte Antwort '{answer}' (eine FAQ-, "
                        "Ereignis- oder Personen-Id oder tag-JJJJ-MM-TT eines Tages mit Ereignissen)",
                    )
                )
    return problems
