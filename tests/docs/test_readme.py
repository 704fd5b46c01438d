"""The README's tables and commands are the bot's real settings, slash commands and make targets."""

from __future__ import annotations

import re
import shlex

import pytest

from bot.__main__ import parse_args
from bot.config import KNOWN_SETTINGS
from bot.discord_app.translations import COMMAND_NAMES
from tests.conftest import PROJECT_ROOT
from tests.docs.test_handbook import real_slash_commands

README = (PROJECT_ROOT / "README.md").read_text(encoding="utf-8")


def section(title: str) -> str:
    found = re.search(rf"^## {re.escape(title)}\n(.*?)(?=^## |\Z)", README, re.S | re.M)
    assert found, f"README.md lost its section '{title}'"
    return found.group(1)


def table_rows(text: str) -> list[str]:
    """The first cell of every body row of the section's table."""
    rows = [line for line in text.splitlines() if line.startswith("|")]
    return [row.split("|")[1].strip() for row in rows[2:]]


def test_the_settings_table_is_every_setting_the_bot_reads() -> None:
    shown = [name for cell in table_rows(section("Settings")) for name in re.findall(r"`([A-Z_]+)`", cell)]
    assert sorted(shown) == sorted(KNOWN_SETTINGS)


def test_the_commands_table_is_every_slash_command_with_its_english_name() -> None:
    real = real_slash_commands()
    groups = {name.split()[0] for name in real if " " in name}
    expected = {}
    for german in real - groups:
        english = " ".join(COMMAND_NAMES[part] for part in german.split())
        expected[german] = None if english == german else english
    shown = {}
    for cell in table_rows(section("Commands")):
        names = re.findall(r"`/([\w-]+(?: [\w-]+)?)", cell)
        assert names, f"no command in the row '{cell}'"
        shown[names[0]] = names[1] if len(names) > 1 else None
    assert shown == expected


def test_every_make_target_named_exists() -> None:
    makefile = (PROJECT_ROOT / "Makefile").read_text(encoding="utf-8")
    targets = set(re.findall(r"^([a-z][\w-]*):", makefile, re.M))
    named = set(re.findall(r"\bmake ([a-z][\w-]*)", README))
    assert {"run", "test"} <= named
    assert named <= targets, f"the README names make targets the Makefile lacks: {named - targets}"


@pytest.mark.parametrize("command", sorted(set(re.findall(r"python -m bot ([^`\n]+)`", README))))
def test_every_cli_command_shown_is_one_the_cli_takes(command: str) -> None:
    args = parse_args(shlex.split(command))  # the parser exits on anything unknown
    assert args.command
