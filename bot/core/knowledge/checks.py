"""Cross-file checks that need the whole set: references, cycles, confirmed-needs-primary.

These run only once every file has parsed cleanly, so each message here is about meaning, not
syntax, and still points at the file and line a moderator has to open.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

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
            problems.append(Problem(file, line, f"unknown label '{snippet.label}' (known: {known})"))
        for source_id in snippet.sources:
            if source_id not in collected.sources:
                problems.append(Problem(file, line, f"unknown source '{source_id}'"))
        if label is not None and label.confirmed:
            cited = [collected.sources.get(source_id) for source_id in snippet.sources]
            if not any(source is not None and source.primary for source in cited):
                problems.append(
                    Problem(
                        file,
                        line,
                        f"snippet labeled '{label.id}' (confirmed) cites no primary source",
                    )
                )
        if snippet.superseded_by is not None and snippet.superseded_by not in collected.events:
            problems.append(Problem(file, line, f"superseded_by: unknown event '{snippet.superseded_by}'"))
    return problems


def _check_events(collected: Collected) -> list[Problem]:
    problems: list[Problem] = []
    for event in collected.events.values():
        file, mapping = collected.sites[event.id]
        for person_id in event.people:
            if person_id not in collected.people:
                problems.append(
                    Problem(
                        file, mapping.line_of("people"), f"event '{event.id}': unknown person '{person_id}'"
                    )
                )
        target = event.superseded_by
        if target is not None and target not in collected.events:
            problems.append(
                Problem(
                    file,
                    mapping.line_of("superseded_by"),
                    f"event '{event.id}': superseded_by unknown event '{target}'",
                )
            )
    for cycle in _superseded_cycles(collected):
        file, mapping = collected.sites[cycle[0]]
        path = " -> ".join([*cycle, cycle[0]])
        problems.append(Problem(file, mapping.line_of("superseded_by"), f"superseded_by cycle: {path}"))
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
            problems.append(Problem(file, int(line), f"story: featured id '{faq_id}' is no FAQ entry"))
    try:
        from zoneinfo import ZoneInfo

        ZoneInfo(story.timezone)
    except Exception:  # noqa: BLE001 - any failure means the zone is unusable
        problems.append(Problem(file, int(line), f"story: unknown time zone '{story.timezone}'"))
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
