"""Bounding a parsed YAML tree before anything is built from it: depth, size, alias expansion.

A hostile or broken file must cost milliseconds: 5,000 nested brackets, a million entries or an
alias bomb ("billion laughs") are refused here, on the node tree libyaml composed, before the
constructors walk it. The limits themselves live in `yaml_source`, which passes them in.
"""

from __future__ import annotations

import yaml


def too_deep(max_depth: int) -> str:
    return f"zu tief verschachtelt (mehr als {max_depth} Ebenen)"


def too_many(max_nodes: int) -> str:
    return f"mehr als {max_nodes:,} Einträge in einer Datei".replace(",", ".")


def check_shape(
    root: yaml.Node, *, max_depth: int, max_nodes: int, max_expanded: int
) -> tuple[int, str] | None:
    """(line, problem) when the tree nests deeper than `max_depth`, holds more than `max_nodes`,
    or its aliases expand to more than `max_expanded` (measured only when there are aliases)."""
    count = 0
    has_alias = False
    stack: list[tuple[yaml.Node, int]] = [(root, 1)]
    seen: set[int] = set()
    while stack:
        node, depth = stack.pop()
        if id(node) in seen:
            has_alias = True  # a node reached twice is an alias: measured by _expanded_size
            continue
        seen.add(id(node))
        count += 1
        line = node.start_mark.line + 1
        if depth > max_depth:
            return line, too_deep(max_depth)
        if count > max_nodes:
            return line, too_many(max_nodes)
        if isinstance(node, yaml.MappingNode):
            children = [child for pair in node.value for child in pair]
        elif isinstance(node, yaml.SequenceNode):
            children = node.value
        else:
            continue
        # Reversed onto the stack, so nodes are counted in document order and the line is exact.
        stack.extend((child, depth + 1) for child in reversed(children))
    if has_alias and _expanded_size(root, max_expanded) > max_expanded:
        return root.start_mark.line + 1, (
            "Anker und Verweise (&/*) ergeben ausgeschrieben zu viele Einträge; schreib die Werte aus"
        )
    return None


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
