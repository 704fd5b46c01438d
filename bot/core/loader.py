"""YAML folder -> Knowledge, all or nothing.

Every file is read, every problem is collected with its file and line, and only a set without any
problem becomes a `Knowledge`. A caller that already holds a set keeps it when this raises, which is
what lets moderators save a broken file without taking the running bot down.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from bot.core.checks import check_references
from bot.core.fields import FieldReader, mappings_in
from bot.core.model import Event, FaqEntry, Knowledge, Label, Person, Role, Snippet, Source, Story
from bot.core.yaml_source import LineDict, Problem, read_yaml

SECTIONS = ("story", "labels", "sources", "people", "events", "faq")
YAML_SUFFIXES = (".yaml", ".yml")


class KnowledgeError(Exception):
    """The knowledge set was refused; `errors` says where and why, in file order."""

    def __init__(self, errors: list[Problem]):
        self.errors = sorted(errors, key=lambda error: (error.file, error.line))
        summary = "\n".join(str(error) for error in self.errors[:50])
        more = f"\n… and {len(errors) - 50} more" if len(errors) > 50 else ""
        super().__init__(f"{len(errors)} error(s) in the knowledge:\n{summary}{more}")


@dataclass
class _Collected:
    """Entries gathered from all files before cross-checking; `origins` holds id -> file:line."""

    stories: list[tuple[Story, str]] = field(default_factory=list)
    labels: dict[str, Label] = field(default_factory=dict)
    sources: dict[str, Source] = field(default_factory=dict)
    people: dict[str, Person] = field(default_factory=dict)
    events: dict[str, Event] = field(default_factory=dict)
    faq: dict[str, FaqEntry] = field(default_factory=dict)
    origins: dict[str, str] = field(default_factory=dict)
    label_origins: dict[str, str] = field(default_factory=dict)
    #: The mapping each id was read from, so cross-checks can point at the offending key.
    sites: dict[str, tuple[str, LineDict]] = field(default_factory=dict)
    #: Where each snippet was written, for cross-check messages.
    snippet_sites: list[tuple[Snippet, str, int]] = field(default_factory=list)


def find_knowledge_files(root: Path) -> tuple[list[Path], list[Problem]]:
    """All YAML files under `root`, sorted; symlinks leading outside the folder are refused."""
    problems: list[Problem] = []
    if not root.is_dir():
        return [], [Problem(str(root), 0, "knowledge folder does not exist")]
    resolved_root = root.resolve()
    files: list[Path] = []
    for path in sorted(root.rglob("*")):
        relative = path.relative_to(root)
        if any(part.startswith((".", "_")) for part in relative.parts):
            continue
        if path.suffix.lower() not in YAML_SUFFIXES:
            continue
        try:
            target = path.resolve()
        except (OSError, RuntimeError):  # RuntimeError: a symlink loop (Python 3.11)
            problems.append(Problem(str(path), 1, "symlink cannot be followed (a loop?)"))
            continue
        if not target.is_relative_to(resolved_root):
            problems.append(Problem(str(path), 1, "symlink points outside the knowledge folder"))
            continue
        if path.is_file() or path.is_symlink():
            files.append(path)
    if not files and not problems:
        problems.append(Problem(str(root), 0, "no knowledge files (*.yaml) in this folder"))
    return files, problems


def load_knowledge(root: Path) -> Knowledge:
    """Load and validate the folder; raise KnowledgeError listing every problem.

    The cyclic garbage collector is paused meanwhile: loading allocates hundreds of thousands of
    small objects and no cycles, and each full collection it triggered walked the whole heap
    (halving load time at 10k entries, and sparing the event loop those pauses during a reload).
    """
    with collector_paused():
        return _load(root)


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause the cyclic GC while building many small acyclic objects (loading, indexing)."""
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if collecting:
            gc.enable()


def _load(root: Path) -> Knowledge:
    files, problems = find_knowledge_files(root)
    collected = _Collected()
    all_files_parsed = not problems
    stamps = {path: _stamp(path) for path in files}
    for path in files:
        name = str(path)
        data, file_problems = read_yaml(path, name)
        problems.extend(file_problems)
        if data is None:
            all_files_parsed = False
            continue
        if not isinstance(data, LineDict):
            problems.append(Problem(name, 1, "a knowledge file must be a mapping of sections"))
            continue
        _collect_file(name, data, collected, problems)
    # A file saved, replaced or deleted while the set was read may have been read half-written
    # or may not match the files read before it: refuse, and the next reload reads a settled set.
    problems.extend(
        Problem(str(path), 1, "file changed while the knowledge was being read; reload again")
        for path, stamp in stamps.items()
        if stamp is not None and _stamp(path) != stamp
    )
    if not collected.stories and files and all_files_parsed:
        problems.append(Problem(str(root), 0, "no 'story' section in any file"))
    for _story, origin in collected.stories[1:]:
        problems.append(Problem(*_split(origin), "'story' is defined more than once"))
    if not collected.labels and files and all_files_parsed:
        problems.append(Problem(str(root), 0, "no labels defined"))
    if all_files_parsed and collected.stories:
        # Also with field errors: a moderator should see every mistake in one go. Skipped when a
        # file did not parse, since every reference into it would be reported as dangling.
        problems.extend(check_references(collected))
    if problems:
        raise KnowledgeError(problems)
    return Knowledge(
        story=collected.stories[0][0],
        labels=collected.labels,
        sources=collected.sources,
        people=collected.people,
        events=collected.events,
        faq=collected.faq,
        origins=collected.origins,
    )


def _stamp(path: Path) -> tuple[int, int, int] | None:
    """Inode, size and modification time: what changes when a file is written or replaced."""
    try:
        status = path.stat()
    except OSError:
        return None  # already gone: reading it reports the problem
    return status.st_ino, status.st_size, status.st_mtime_ns


def _split(origin: str) -> tuple[str, int]:
    file, _, line = origin.rpartition(":")
    return file, int(line)


def _collect_file(name: str, data: LineDict, out: _Collected, problems: list[Problem]) -> None:
    for key in data:
        if key not in SECTIONS:
            problems.append(
                Problem(name, data.line_of(key), f"unknown section '{key}' ({', '.join(SECTIONS)})")
            )
    if "story" in data:
        story_map = data["story"]
        if isinstance(story_map, LineDict):
            story = _read_story(FieldReader(name, story_map, "story", problems))
            out.stories.append((story, f"{name}:{story_map.line}"))
        else:
            problems.append(Problem(name, data.line_of("story"), "'story' must be a mapping"))
    readers = {
        "labels": _read_label,
        "sources": _read_source,
        "people": _read_person,
        "events": _read_event,
        "faq": _read_faq,
    }
    for section, read in readers.items():
        if section not in data:
            continue
        items = mappings_in(data[section], name, f"'{section}'", problems, key_line=data.line_of(section))
        for item in items:
            read(FieldReader(name, item, section, problems), out)


def _register(reader: FieldReader, entry_id: str | None, out: _Collected) -> bool:
    """Record where an id was defined; a second definition anywhere is a problem."""
    if entry_id is None:
        return False
    reader.what = f"{reader.what} '{entry_id}'"
    here = f"{reader.file}:{reader.mapping.line}"
    if entry_id in out.origins:
        reader.problem("id", f"duplicate id '{entry_id}' (first defined at {out.origins[entry_id]})")
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
        timezone=reader.text("timezone", required=False) or "Europe/Berlin",
        description=reader.text("description", required=False) or "",
        featured=reader.texts("featured"),
    )


def _read_label(reader: FieldReader, out: _Collected) -> None:
    reader.reject_unknown({"id", "name", "emoji", "colour", "meaning", "confirmed", "strength"})
    label_id = reader.text("id")
    label = Label(
        id=label_id or "",
        name=reader.text("name", required=False) or label_id or "",
        emoji=reader.text("emoji") or "",
        colour=reader.colour("colour"),
        meaning=reader.text("meaning") or "",
        confirmed=reader.flag("confirmed"),
        strength=reader.integer("strength"),
    )
    if label_id is None:
        return
    if label_id in out.labels:
        first = out.label_origins[label_id]
        reader.problem("id", f"duplicate label '{label_id}' (first defined at {first})")
        return
    out.labels[label_id] = label
    out.label_origins[label_id] = f"{reader.file}:{reader.mapping.line}"


def _read_source(reader: FieldReader, out: _Collected) -> None:
    reader.reject_unknown({"id", "kind", "author", "title", "published", "url", "quote", "primary"})
    source_id = reader.ident()
    source = Source(
        id=source_id or "",
        kind=reader.text("kind") or "",
        author=reader.text("author") or "",
        title=reader.text("title") or "",
        published=reader.when("published") or date.min,
        primary=reader.flag("primary"),
        url=reader.text("url", required=False),
        quote=reader.text("quote", required=False),
    )
    if source.url is not None and not source.url.startswith(("https://", "http://")):
        reader.problem("url", f"url must start with http:// or https://, not '{source.url}'")
    if _register(reader, source_id, out):
        out.sources[source.id] = source


def _read_snippets(reader: FieldReader, out: _Collected) -> tuple[Snippet, ...]:
    snippets: list[Snippet] = []
    for item in reader.mappings("snippets", required=True):
        sub = FieldReader(reader.file, item, f"{reader.what} snippet", reader.problems)
        sub.reject_unknown({"text", "label", "sources", "as_of", "superseded_by"})
        snippet = Snippet(
            text=sub.text("text") or "",
            label=sub.text("label") or "",
            sources=sub.texts("sources", required=True),
            as_of=sub.when("as_of", required=False),
            superseded_by=sub.text("superseded_by", required=False),
        )
        snippets.append(snippet)
        out.snippet_sites.append((snippet, reader.file, item.line))
    if reader.mapping.get("snippets") is not None and not snippets:
        reader.problem("snippets", "'snippets' must not be empty")
    return tuple(snippets)


def _read_roles(reader: FieldReader) -> tuple[Role, ...]:
    roles: list[Role] = []
    for item in reader.mappings("roles"):
        sub = FieldReader(reader.file, item, f"{reader.what} role", reader.problems)
        sub.reject_unknown({"title", "from", "until"})
        roles.append(
            Role(
                title=sub.text("title") or "",
                since=sub.when("from", required=False),
                until=sub.when("until", required=False),
            )
        )
    return tuple(roles)


def _read_person(reader: FieldReader, out: _Collected) -> None:
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


def _read_event(reader: FieldReader, out: _Collected) -> None:
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
        people=reader.texts("people"),
        tags=reader.texts("tags"),
        keywords=reader.texts("keywords"),
        questions=reader.texts("questions"),
        superseded_by=reader.text("superseded_by", required=False),
    )
    if registered:
        out.events[event.id] = event


def _read_faq(reader: FieldReader, out: _Collected) -> None:
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
