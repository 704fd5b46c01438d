"""YAML folder -> Knowledge, all or nothing.

Every file is read, every problem is collected with its file and line, and only a set without any
problem becomes a `Knowledge`. A caller that already holds a set keeps it when this raises, which is
what lets moderators save a broken file without taking the running bot down.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from bot.core.knowledge.checks import check_references
from bot.core.knowledge.model import Knowledge
from bot.core.knowledge.sections import Collected, collect_file
from bot.core.knowledge.yaml_source import NOT_SECTIONS, LineDict, Problem, read_yaml

YAML_SUFFIXES = (".yaml", ".yml")
FOLDER_MISSING = "den Wissensordner gibt es nicht (KNOWLEDGE_DIR oder --knowledge prüfen)"


class KnowledgeError(Exception):
    """The knowledge set was refused; `errors` says where and why, in file order."""

    def __init__(self, errors: list[Problem]):
        self.errors = sorted(errors, key=lambda error: (error.file, error.line))
        summary = "\n".join(str(error) for error in self.errors[:50])
        more = f"\n… und {len(errors) - 50} weitere" if len(errors) > 50 else ""
        super().__init__(f"{len(errors)} Fehler im Wissen:\n{summary}{more}")


def find_knowledge_files(root: Path) -> tuple[list[Path], list[Problem]]:
    """All YAML files under `root`, sorted; symlinks leading outside the folder are refused."""
    problems: list[Problem] = []
    if not root.is_dir():
        return [], [Problem(str(root), 0, FOLDER_MISSING)]
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
            problems.append(Problem(str(path), 1, "symbolischer Link führt nirgendwohin (eine Schleife?)"))
            continue
        if not target.is_relative_to(resolved_root):
            problems.append(Problem(str(path), 1, "symbolischer Link zeigt aus dem Wissensordner hinaus"))
            continue
        if path.is_file() or path.is_symlink():
            files.append(path)
    if not files and not problems:
        problems.append(Problem(str(root), 0, "keine Wissensdateien (*.yaml) in diesem Ordner"))
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
    collected = Collected()
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
            problems.append(Problem(name, 1, NOT_SECTIONS))
            continue
        collect_file(name, data, collected, problems)
    # A file saved, replaced or deleted while the set was read may have been read half-written
    # or may not match the files read before it: refuse, and the next reload reads a settled set.
    problems.extend(
        Problem(str(path), 1, "Datei wurde während des Lesens geändert; bitte noch einmal neu laden")
        for path, stamp in stamps.items()
        if stamp is not None and _stamp(path) != stamp
    )
    if not collected.stories and files and all_files_parsed:
        problems.append(Problem(str(root), 0, "in keiner Datei steht ein Abschnitt „story:“"))
    for _story, origin in collected.stories[1:]:
        first = collected.stories[0][1]
        message = f"„story“ steht mehr als einmal im Wissen (zuerst in {first})"
        problems.append(Problem(*_split(origin), message))
    if not collected.labels and files and all_files_parsed:
        problems.append(Problem(str(root), 0, "keine Labels: das Wissen braucht einen Abschnitt „labels:“"))
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
        examples=tuple(example for example, _file, _line in collected.examples),
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
