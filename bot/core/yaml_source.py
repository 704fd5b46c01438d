"""Reading YAML files safely, keeping the line of every mapping, key and list item.

`yaml.safe_load` forgets where things were, but a moderator needs "faq.yaml:42: unknown label".
This module uses PyYAML's SafeLoader (no Python tags, ever) and only changes how mappings and
sequences are built, so every value can be traced back to its line. Before anything is built, the
node graph is measured with aliases expanded: an alias bomb ("billion laughs") is refused in
milliseconds instead of being walked.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

#: Files larger than this are refused unread; the whole shipped knowledge is far smaller.
MAX_FILE_BYTES = 8 * 1024 * 1024
#: Upper bound on nodes after alias expansion; legal anchors and merge keys stay far below it.
MAX_EXPANDED_NODES = 2_000_000


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong in a knowledge set, located for the person who has to fix it."""

    file: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.message}"


class LineDict(dict):
    """A mapping that remembers its own line and the line of each key."""

    line: int = 0
    key_lines: dict[Any, int]

    def line_of(self, key: Any) -> int:
        return self.key_lines.get(key, self.line)


class LineList(list):
    """A sequence that remembers its own line and the line of each item."""

    line: int = 0
    item_lines: list[int]

    def line_of(self, index: int) -> int:
        return self.item_lines[index] if index < len(self.item_lines) else self.line


class _LineLoader(yaml.SafeLoader):
    """SafeLoader whose mappings and sequences carry line numbers."""

    duplicate_keys: list[tuple[int, Any]]


def _note_duplicate_keys(loader: _LineLoader, node: yaml.MappingNode) -> None:
    """Keys written twice in the same mapping (merge keys may legally be overridden)."""
    seen: set[str] = set()
    for key_node, _value in node.value:
        if not isinstance(key_node, yaml.ScalarNode) or key_node.tag == "tag:yaml.org,2002:merge":
            continue
        if key_node.value in seen:
            loader.duplicate_keys.append(
                (key_node.start_mark.line + 1, f"duplicate key '{key_node.value}'")
            )
        seen.add(key_node.value)


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
            loader.duplicate_keys.append((key_node.start_mark.line + 1, "a key must be plain text"))
            continue
        mapping[key] = loader.construct_object(value_node, deep=True)
        mapping.key_lines[key] = key_node.start_mark.line + 1
    return mapping


def _construct_sequence(loader: _LineLoader, node: yaml.SequenceNode) -> LineList:
    sequence = LineList(loader.construct_object(child, deep=True) for child in node.value)
    sequence.line = node.start_mark.line + 1
    sequence.item_lines = [child.start_mark.line + 1 for child in node.value]
    return sequence


_LineLoader.add_constructor("tag:yaml.org,2002:map", _construct_mapping)
_LineLoader.add_constructor("tag:yaml.org,2002:seq", _construct_sequence)


def _expanded_size(root: yaml.Node, limit: int) -> int:
    """Count nodes as if every alias were copied out; stop counting once past `limit`."""
    sizes: dict[int, int] = {}

    def size(node: yaml.Node, depth: int) -> int:
        if id(node) in sizes:
            return sizes[id(node)]
        if depth > 200:
            return limit + 1
        sizes[id(node)] = limit + 1  # a node that contains itself counts as too big
        total = 1
        if isinstance(node, yaml.MappingNode):
            children = [child for pair in node.value for child in pair]
        elif isinstance(node, yaml.SequenceNode):
            children = list(node.value)
        else:
            children = []
        for child in children:
            total += size(child, depth + 1)
            if total > limit:
                break
        sizes[id(node)] = total
        return total

    return size(root, 0)


def read_yaml(path: Path, display_name: str) -> tuple[Any, list[Problem]]:
    """Parse one file; return its data (None on failure) and the problems found."""
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            limit_mb = MAX_FILE_BYTES // (1024 * 1024)
            return None, [Problem(display_name, 1, f"file is larger than {limit_mb} MB")]
        raw = path.read_bytes()
    except OSError as error:
        return None, [Problem(display_name, 1, f"cannot read file: {error.strerror or error}")]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        return None, [Problem(display_name, line, "file is not valid UTF-8")]
    if not text.strip() or all(
        not line.strip() or line.lstrip().startswith("#") for line in text.splitlines()
    ):
        return None, [Problem(display_name, 1, "file is empty")]
    loader = _LineLoader(text)
    loader.duplicate_keys = []
    try:
        node = loader.get_single_node()
        if node is None:
            return None, [Problem(display_name, 1, "file is empty")]
        if _expanded_size(node, MAX_EXPANDED_NODES) > MAX_EXPANDED_NODES:
            return None, [
                Problem(
                    display_name,
                    node.start_mark.line + 1,
                    "anchors and aliases expand to too many entries (alias bomb?)",
                )
            ]
        data = loader.construct_document(node)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark else 1
        what = error.problem or error.context or "invalid YAML"
        if error.context and error.context_mark and error.problem_mark:
            what += f" ({error.context} started at line {error.context_mark.line + 1})"
        return None, [Problem(display_name, line, f"YAML syntax: {what}")]
    except yaml.YAMLError as error:
        return None, [Problem(display_name, 1, f"YAML error: {error}")]
    except RecursionError:
        return None, [Problem(display_name, 1, "YAML nests too deeply")]
    finally:
        loader.dispose()
    problems = [Problem(display_name, line, message) for line, message in loader.duplicate_keys]
    return data, problems
