"""Reading YAML files safely, keeping the line of every mapping, key and list item.

`yaml.safe_load` forgets where things were, but a moderator needs "faq.yaml:42: unbekanntes Label".
This module uses PyYAML's SafeLoader (no Python tags, ever) and only changes how mappings and
sequences are built, so every value can be traced back to its line. Before anything is built, the
node graph is measured with aliases expanded: an alias bomb ("billion laughs") is refused in
milliseconds instead of being walked (`yaml_limits`). Unquoted values YAML silently changes are
noted on the mapping or list that holds them (`yaml_traps`), for the field readers to refuse.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from bot.core.knowledge.yaml_hints import explain
from bot.core.knowledge.yaml_limits import check_shape, too_deep, too_many
from bot.core.knowledge.yaml_traps import TAB_INDENT, Trap, find_trap

#: Files larger than this are refused unread; the whole shipped knowledge is far smaller.
MAX_FILE_BYTES = 8 * 1024 * 1024
#: Upper bound on nodes after alias expansion; legal anchors and merge keys stay far below it.
MAX_EXPANDED_NODES = 2_000_000
#: Nesting and node count at which parsing stops at once. The pure-Python parser slows down with
#: depth (5,000 nested brackets took 25 s) and with every node, so these bound the time a reload
#: can spend on one file; a knowledge file nests about six levels and the shipped set has a few
#: thousand nodes.
MAX_DEPTH = 50
MAX_NODES = 200_000


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong in a knowledge set, located for the person who has to fix it."""

    file: str
    #: 0 for a problem of the folder or file as a whole, which has no line to point at.
    line: int
    message: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line > 0 else self.file
        return f"{where}: {self.message}"


class LineDict(dict):
    """A mapping that remembers its own line, the line of each key and what YAML did to its values."""

    line: int = 0
    key_lines: dict[Any, int]
    #: Unquoted values YAML changed silently (see yaml_traps); None while there are none.
    traps: dict[Any, Trap] | None = None

    def line_of(self, key: Any) -> int:
        return self.key_lines.get(key, self.line)

    def trap_of(self, key: Any) -> Trap | None:
        return self.traps.get(key) if self.traps else None


class LineList(list):
    """A sequence that remembers its own line, the line of each item and what YAML did to them."""

    line: int = 0
    item_lines: list[int]
    traps: dict[int, Trap] | None = None

    def line_of(self, index: int) -> int:
        return self.item_lines[index] if index < len(self.item_lines) else self.line

    def trap_of(self, index: int) -> Trap | None:
        return self.traps.get(index) if self.traps else None


class _TooLarge(yaml.MarkedYAMLError):
    """Parsing stopped early: the file nests deeper or holds more than any knowledge file needs."""


class _BadValue(yaml.MarkedYAMLError):
    """A scalar YAML accepted but Python cannot hold, e.g. 2031-02-30 or a 5,000-digit number."""


_STR_TAG = "tag:yaml.org,2002:str"
_TIMESTAMP_TAG = "tag:yaml.org,2002:timestamp"
_VALUE_KINDS = {"tag:yaml.org,2002:timestamp": "gültiges Datum", "tag:yaml.org,2002:int": "gültige Zahl"}


def _too_deep() -> str:
    return too_deep(MAX_DEPTH)


def _too_many() -> str:
    return too_many(MAX_NODES)


#: libyaml's parser when PyYAML was built with it (the wheels are): about 3x faster on the
#: knowledge, and it refuses nesting deeper than 1,000 levels by itself. Constructors stay Python.
_SafeBase: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _LineLoader(_SafeBase):  # type: ignore[misc, valid-type]
    """SafeLoader whose mappings and sequences carry line numbers, with bounded depth and size.

    `compose_node` bounds the pure-Python parser while it reads; libyaml's parser composes in C
    and never calls it, so `_check_shape` bounds the finished node tree the same way.
    """

    duplicate_keys: list[tuple[int, Any]]
    #: The file's lines, for `find_trap`.
    lines: list[str]
    _depth: int = 0
    _nodes: int = 0

    def compose_node(self, parent: yaml.Node | None, index: Any) -> yaml.Node:
        # Checked while the text streams in, so a hostile file stops after a few kilobytes.
        self._nodes += 1
        if self._depth >= MAX_DEPTH or self._nodes > MAX_NODES:
            mark = self.peek_event().start_mark
            if self._depth >= MAX_DEPTH:
                raise _TooLarge(problem=_too_deep(), problem_mark=mark)
            raise _TooLarge(problem=_too_many(), problem_mark=mark)
        self._depth += 1
        try:
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1

    def construct_object(self, node: yaml.Node, deep: bool = False) -> Any:
        try:
            return super().construct_object(node, deep)
        except (ValueError, OverflowError) as error:
            # Otherwise a plain ValueError would escape the loader and skip the file:line report.
            shown = str(node.value)[:40] + ("…" if len(str(node.value)) > 40 else "")
            what = _VALUE_KINDS.get(node.tag, "gültiger Wert")
            raise _BadValue(
                problem=f"„{shown}“ ist kein {what}; ist es als Text gemeint, setze es in Anführungszeichen",
                problem_mark=node.start_mark,
            ) from error


def _note_duplicate_keys(loader: _LineLoader, node: yaml.MappingNode) -> None:
    """Keys written twice in the same mapping (merge keys may legally be overridden)."""
    plain = [
        key_node
        for key_node, _value in node.value
        if isinstance(key_node, yaml.ScalarNode) and key_node.tag != "tag:yaml.org,2002:merge"
    ]
    if len({key_node.value for key_node in plain}) == len(plain):
        return  # the common case, checked in one set construction
    first: dict[str, int] = {}
    for key_node in plain:
        line = key_node.start_mark.line + 1
        if key_node.value in first:
            message = (
                f"„{key_node.value}“ steht zweimal in diesem Eintrag (zuerst in Zeile "
                f"{first[key_node.value]}); YAML behielte still nur den letzten Wert. Lösch einen der beiden"
            )
            loader.duplicate_keys.append((line, message))
        first.setdefault(key_node.value, line)


def _construct_mapping(loader: _LineLoader, node: yaml.MappingNode) -> LineDict:
    _note_duplicate_keys(loader, node)
    loader.flatten_mapping(node)
    mapping = LineDict()
    mapping.line = node.start_mark.line + 1
    mapping.key_lines = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        try:
            hash(key)
        except TypeError:
            loader.duplicate_keys.append((key_node.start_mark.line + 1, "ein Feldname muss Text sein"))
            continue
        value = loader.construct_object(value_node, deep=True)
        mapping[key] = value
        mapping.key_lines[key] = key_node.start_mark.line + 1
        if mapping.traps and key in mapping.traps:  # a duplicate key: only its last value counts
            mapping.traps = {k: t for k, t in mapping.traps.items() if k != key}
        if value_node.__class__ is yaml.ScalarNode and not value_node.style and _may_trap(loader, value_node):
            trap = find_trap(value_node, value, loader.lines)
            if trap is not None:
                mapping.traps = {**(mapping.traps or {}), key: trap}
    return mapping


def _may_trap(loader: _LineLoader, node: yaml.ScalarNode) -> bool:
    """Cheap pre-check for `find_trap`, which most of a file's hundred thousand scalars skip."""
    tag = node.tag
    if tag == _STR_TAG:
        end = node.end_mark.line
        return end != node.start_mark.line or "#" in loader.lines[end]
    return tag != _TIMESTAMP_TAG  # a date in a text field is reported by the field reader


def _construct_sequence(loader: _LineLoader, node: yaml.SequenceNode) -> LineList:
    children = node.value
    sequence = LineList([loader.construct_object(child, deep=True) for child in children])
    sequence.line = node.start_mark.line + 1
    sequence.item_lines = [child.start_mark.line + 1 for child in children]
    traps = {
        index: trap
        for index, child in enumerate(children)
        if child.__class__ is yaml.ScalarNode
        and not child.style
        and _may_trap(loader, child)
        and (trap := find_trap(child, sequence[index], loader.lines)) is not None
    }
    if traps:
        sequence.traps = traps
    return sequence


def _construct_number(loader: _LineLoader, node: yaml.ScalarNode) -> Any:
    """Numbers as YAML 1.1 reads them, except base 60: a moderator's `12:19` is a time of day
    to keep as written, not the number 739."""
    if ":" in node.value:
        return node.value
    if node.tag == "tag:yaml.org,2002:int":
        return loader.construct_yaml_int(node)
    return loader.construct_yaml_float(node)


_LineLoader.add_constructor("tag:yaml.org,2002:map", _construct_mapping)
_LineLoader.add_constructor("tag:yaml.org,2002:seq", _construct_sequence)
_LineLoader.add_constructor("tag:yaml.org,2002:int", _construct_number)
_LineLoader.add_constructor("tag:yaml.org,2002:float", _construct_number)


def read_yaml(path: Path, display_name: str) -> tuple[Any, list[Problem]]:
    """Parse one file; return its data (None on failure) and the problems found."""
    text, problem = _read_text(path, display_name)
    if problem is not None:
        return None, [problem]
    lines = text.split("\n")
    if "\t" in text and TAB_INDENT.search(text):
        # Refused before parsing: the parser's own complaint about a tab is obscure, and a tab
        # after a list dash or inside a text's continuation would pass without any.
        return None, [
            Problem(display_name, number, _TAB_MESSAGE)
            for number, line in enumerate(lines, 1)
            if TAB_INDENT.match(line)
        ]
    return _parse(text, lines, display_name)


_TAB_MESSAGE = (
    "Tabulator in der Einrückung: YAML erlaubt zum Einrücken nur Leerzeichen. Ersetze den "
    "Tabulator durch Leerzeichen (viele Editoren: „Tabs in Leerzeichen umwandeln“)"
)
EMPTY_FILE = "Datei ist leer (nichts außer Kommentaren); Inhalt ergänzen oder die Datei löschen"


def _read_text(path: Path, display_name: str) -> tuple[str, Problem | None]:
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            limit_mb = MAX_FILE_BYTES // (1024 * 1024)
            return "", Problem(display_name, 1, f"Datei ist größer als {limit_mb} MB – die richtige Datei?")
        raw = path.read_bytes()
    except OSError as error:
        return "", Problem(display_name, 1, f"Datei kann nicht gelesen werden: {error.strerror or error}")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        message = "Datei ist nicht in UTF-8 gespeichert (ab dieser Zeile); im Editor als UTF-8 speichern"
        return "", Problem(display_name, line, message)
    if not text.strip() or all(
        not line.strip() or line.lstrip().startswith("#") for line in text.splitlines()
    ):
        return "", Problem(display_name, 1, EMPTY_FILE)
    return text, None


def _parse(text: str, lines: list[str], display_name: str) -> tuple[Any, list[Problem]]:
    loader = _LineLoader(text)
    loader.duplicate_keys = []
    loader.lines = lines
    try:
        node = loader.get_single_node()
        if node is None:
            return None, [Problem(display_name, 1, EMPTY_FILE)]
        shape_problem = check_shape(
            node, max_depth=MAX_DEPTH, max_nodes=MAX_NODES, max_expanded=MAX_EXPANDED_NODES
        )
        if shape_problem is not None:
            return None, [Problem(display_name, *shape_problem)]
        data = loader.construct_document(node)
    except (_TooLarge, _BadValue) as error:
        line = error.problem_mark.line + 1 if error.problem_mark else 1
        return None, [Problem(display_name, line, str(error.problem))]
    except yaml.MarkedYAMLError as error:
        return None, [Problem(display_name, *explain(error, lines))]
    except yaml.YAMLError as error:
        return None, [Problem(display_name, 1, f"YAML-Fehler: {error}")]
    except RecursionError:
        return None, [Problem(display_name, 1, _too_deep())]
    finally:
        loader.dispose()
    if data is None:
        # A document that is only `~` or `null`: without a problem here the loader would skip the
        # file silently, and with it every cross-file check of the set.
        return None, [Problem(display_name, node.start_mark.line + 1, NOT_SECTIONS)]
    problems = [Problem(display_name, line, message) for line, message in loader.duplicate_keys]
    return data, problems


#: A file must be a mapping of the sections; shared with the loader's check of the top level.
NOT_SECTIONS = (
    "eine Wissensdatei besteht aus Abschnitten (story:, labels:, sources:, people:, events:, faq:) "
    "am Zeilenanfang"
)
