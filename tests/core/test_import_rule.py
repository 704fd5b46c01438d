"""The answer engine (and what the CLI and storage use) never imports discord: fast start, plain tests.

Renderers for Discord live in bot/render and may; the CLI path must still not load discord.
"""

from __future__ import annotations

import ast
import subprocess
import sys

from tests.conftest import PROJECT_ROOT

CORE_FILES = sorted((PROJECT_ROOT / "bot" / "core").glob("*.py"))
#: Outside the core but used by the CLI and storage tests, so equally Discord-free.
OTHER_DISCORD_FREE = [
    *sorted((PROJECT_ROOT / "bot" / "storage").glob("*.py")),
    PROJECT_ROOT / "bot" / "watch.py",
    PROJECT_ROOT / "bot" / "gaps_cli.py",
    PROJECT_ROOT / "bot" / "render" / "text.py",
    PROJECT_ROOT / "bot" / "render" / "json_result.py",
    PROJECT_ROOT / "bot" / "render" / "insights.py",
    PROJECT_ROOT / "bot" / "render" / "announcement.py",
]


def _imported_modules(path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def test_core_and_cli_modules_do_not_import_discord() -> None:
    assert CORE_FILES and all(path.is_file() for path in OTHER_DISCORD_FREE)
    offenders = [
        path.name
        for path in (*CORE_FILES, *OTHER_DISCORD_FREE)
        if any(name == "discord" or name.startswith("discord.") for name in _imported_modules(path))
    ]
    assert offenders == []


def test_asking_from_the_cli_does_not_load_discord() -> None:
    code = (
        "import sys; from bot.__main__ import main; from bot.core.matching.engine import AnswerEngine; "
        "print('discord' in sys.modules)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False"
