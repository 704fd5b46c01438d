"""Reading each section of a knowledge file (story, labels, sources, people, events, faq, examples).

One reader per section turns a YAML mapping into a model value and records every problem with its
line; ids are registered across all files so a duplicate anywhere is caught. Cross-file meaning
(references, cycles) is checked afterwards by `checks`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from bot.core.knowledge.fields import FieldReader, mappings_in
from bot.core.knowledge.model import Event, Example, FaqEntry, Label, Person, Role, Snippet, Source, Story
from bot.core.knowledge.suggest import did_you_mean
from bot.core.knowledge.yaml_source import LineDict, Problem

SECTIONS = ("story", "labels", "sources", "people", "events", "faq", "examples")


@dataclass
class Collected:
    """Entries gathered from all files before cross-checking; `origins` holds id -> file:line."""

    stories: list[tuple[Story, str]] = field(default_factory=list)
    labels: dict[str, Label] = field(default_factory=dict)
    sources: dict[str, Source] = field(default_factory=dict)
    people: dict[str, Person] = field(default_factory=dict)
    events: dict[str, Event] = field(default_factory=dict)
    faq: dict[str, FaqEntry] = field(default_factory=dict)
    #: Each example with the file and line it was written at.
    examples: list[tuple[Example, str, int]] = field(default_factory=list)
    origins: dict[str, str] = field(default_factory=dict)
    label_origins: dict[str, str] = field(default_factory=dict)
    #: The mapping each id was read from, so cross-checks can point at the offending key.
    sites: dict[str, tuple[str, LineDict]] = field(default_factory=dict)
    #: Where each snippet was written, for cross-check messages.
    snippet_sites: list[tuple[Snippet, str, int]] = field(default_factory=list)


def collect_file(name: str, data: LineDict, out: Collected, problems: list[Problem]) -> None:
    for key in data:
        if key not in SECTIONS:
            hint = did_you_mean(str(key), SECTIONS)
            message = f"unbekannter Abschnitt „{key}“{hint} (erlaubt: {', '.join(SECTIONS)})"
            problems.append(Problem(name, data.line_of(key), message))
    if "story" in data:
        story_map = data["story"]
        if isinstance(story_map, LineDict):
            story = _read_story(FieldReader(name, story_map, "story", problems))
            out.stories.append((story, f"{name}:{story_map.line}"))
        else:
            message = "„story“ muss aus Feldern bestehen (title:, stand:, …), nicht aus einem einzelnen Wert"
            problems.append(Problem(name, data.line_of("story"), message))
    readers = {
        "labels": _read_label,
        "sources": _read_source,
        "people": _read_person,
        "events": _read_event,
        "faq": _read_faq,
        "examples": _read_example,
    }
    for section, read in readers.items():
        if section not in data:
            continue
        items = mappings_in(data[section], name, f"„{section}“", problems, key_line=data.line_of(section))
        for item in items:
            read(FieldReader(name, item, section, problems), out)


def _register(reader: FieldReader, entry_id: str | None, out: Collected) -> bool:
    """Record where an id was defined; a second definition anywhere is a problem."""
    if entry_id is None:
        return False
    reader.what = f"{reader.what} „{entry_id}“"
    here = f"{reader.file}:{reader.mapping.line}"
    if entry_id in out.origins:
        first = out.origins[entry_id]
        reader.problem("id", f"die Id „{entry_id}“ gibt es schon (in {first}); jede Id nur einmal im Wissen")
        return False
    out.origins[entry_id] = here
    out.sites[entry_id] = (reader.file, reader.mapping)
    return True


def _read_story(reader: FieldReader) -> Story:
    reader.reject_unknown({"title", "stand", "timezone", "description", "featured"})
    stand = reader.when("stand")
    return Story(
        title=reader.text("title") or "",
        stand=stand if stand is not None else date.min,
        timezone=reader.text("timezone", required=False, prose=False) or "Europe/Berlin",
        description=reader.text("description", required=False) or "",
        featured=reader.texts("featured", prose=False),
    )


def _read_label(reader: FieldReader, out: Collected) -> None:
    reader.reject_unknown({"id", "name", "emoji", "colour", "meaning", "confirmed", "strength", "refutes"})
    label_id = reader.text("id", prose=False)
    label = Label(
        id=label_id or "",
        name=reader.text("name", required=False) or label_id or "",
        emoji=reader.text("emoji", prose=False) or "",
        colour=reader.colour("colour"),
        meaning=reader.text("meaning") or "",
        confirmed=reader.flag("confirmed"),
        strength=reader.integer("strength"),
        refutes=reader.flag("refutes", required=False),
    )
    if label.refutes and label.confirmed:
        reader.problem(
            "refutes", "ein Label kann nicht zugleich bestätigen und widerlegen; „confirmed: false“ setzen"
        )
    if label_id is None:
        return
    if label_id in out.labels:
        first = out.label_origins[label_id]
        reader.problem("id", f"das Label „{label_id}“ gibt es schon (in {first})")
        return
    out.labels[label_id] = label
    out.label_origins[label_id] = f"{reader.file}:{reader.mapping.line}"


def _read_source(reader: FieldReader, out: Collected) -> None:
    reader.reject_unknown({"id", "kind", "author", "title", "published", "url", "quote", "primary"})
    source_id = reader.ident()
    source = Source(
        id=source_id or "",
        kind=reader.text("kind") or "",
        author=reader.text("author") or "",
        title=reader.text("title") or "",
        published=reader.when("published") or date.min,
        primary=reader.flag("primary"),
        url=reader.text("url", required=False, prose=False),
        quote=reader.text("quote", required=False),
    )
    if source.url is not None and not source.url.startswith(("https://", "http://")):
        reader.problem("url", f"„url“ muss mit https:// oder http:// beginnen, nicht „{source.url}“")
    if _register(reader, source_id, out):
        out.sources[source.id] = source


def _read_snippets(reader: FieldReader, out: Collected) -> tuple[Snippet, ...]:
    snippets: list[Snippet] = []
    for item in reader.mappings("snippets", required=True):
        sub = FieldReader(reader.file, item, f"{reader.what}, Snippet", reader.problems)
        sub.reject_unknown({"text", "label", "sources", "as_of", "superseded_by"})
        snippet = Snippet(
            text=sub.text("text") or "",
            label=sub.text("label", prose=False) or "",
            sources=sub.texts("sources", required=True, prose=False),
            as_of=sub.when("as_of", required=False),
            superseded_by=sub.text("superseded_by", required=False, prose=False),
        )
        snippets.append(snippet)
        out.snippet_sites.append((snippet, reader.file, item.line))
    if reader.mapping.get("snippets") is not None and not snippets:
        reader.problem("snippets", "„snippets“ darf nicht leer sein")
    return tuple(snippets)


def _read_roles(reader: FieldReader) -> tuple[Role, ...]:
    roles: list[Role] = []
    for item in reader.mappings("roles"):
        sub = FieldReader(reader.file, item, f"{reader.what}, Rolle", reader.problems)
        sub.reject_unknown({"title", "from", "until"})
        roles.append(
            Role(
                title=sub.text("title") or "",
                since=sub.when("from", required=False),
                until=sub.when("until", required=False),
            )
        )
    return tuple(roles)


def _read_person(reader: FieldReader, out: Collected) -> None:
    reader.reject_unknown({"id", "name", "aliases", "keywords", "roles", "snippets"})
    person_id = reader.ident()
    name = reader.text("name") or ""
    registered = _register(reader, person_id, out)
    person = Person(
        id=person_id or "",
        name=name,
        aliases=reader.texts("aliases"),
        roles=_read_roles(reader),
        snippets=_read_snippets(reader, out),
        keywords=reader.texts("keywords"),
    )
    if registered:
        out.people[person.id] = person


def _read_event(reader: FieldReader, out: Collected) -> None:
    reader.reject_unknown(
        {"id", "when", "title", "snippets", "people", "tags", "keywords", "questions", "superseded_by"}
    )
    event_id = reader.ident()
    registered = _register(reader, event_id, out)
    event = Event(
        id=event_id or "",
        when=reader.when("when") or date.min,
        title=reader.text("title") or "",
        snippets=_read_snippets(reader, out),
        people=reader.texts("people", prose=False),
        tags=reader.texts("tags"),
        keywords=reader.texts("keywords"),
        questions=reader.texts("questions"),
        superseded_by=reader.text("superseded_by", required=False, prose=False),
    )
    if registered:
        out.events[event.id] = event


def _read_faq(reader: FieldReader, out: Collected) -> None:
    reader.reject_unknown({"id", "title", "questions", "keywords", "snippets"})
    faq_id = reader.ident()
    registered = _register(reader, faq_id, out)
    entry = FaqEntry(
        id=faq_id or "",
        title=reader.text("title") or "",
        questions=reader.texts("questions", required=True),
        snippets=_read_snippets(reader, out),
        keywords=reader.texts("keywords"),
    )
    if registered:
        out.faq[entry.id] = entry


def _read_example(reader: FieldReader, out: Collected) -> None:
    reader.reject_unknown({"q", "answers"})
    question = reader.text("q")
    if question is not None:
        example = Example(question=question, answers=reader.texts("answers"))
        out.examples.append((example, reader.file, reader.mapping.line))
