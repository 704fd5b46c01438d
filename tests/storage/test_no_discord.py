"""Storage, watching and the gaps CLI stay Discord-free, like the core: the CLI and tests import them fast."""

from __future__ import annotations

import ast

from tests.conftest import PROJECT_ROOT

DISCORD_FREE = [
    *sorted((PROJECT_ROOT / "bot" / "storage").glob("*.py")),
    PROJECT_ROOT / "bot" / "watch.py",
    PROJECT_ROOT / "bot" / "gaps_cli.py",
    PROJECT_ROOT / "bot" / "render" / "insights.py",
    PROJECT_ROOT / "bot" / "render" / "announcement.py",
]


def _imports(path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def test_no_discord_import() -> None:
    offenders = [
        path.name
        for path in DISCORD_FREE
        if any(n == "discord" or n.startswith("discord.") for n in _imports(path))
    ]
    assert offenders == []
