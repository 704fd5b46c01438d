"""`python -m bot validate` names every YAML trap on real files, as a moderator runs it.

The files are the fault corpus (tests/fixtures/broken/<fault>/zusatz.yaml), each copied under its
own name next to the valid base set; every expected `file:line: message` must be on stderr, and
the exit code says the set was refused.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from bot.cli_parser import Exit
from tests.hardening.knowledge_sets import BROKEN, copy_base
from tests.hardening.test_broken_knowledge import PLAIN_SYNTAX, TRAPS, expected_errors
from tests.test_cli import run_bot


def _folder_with(tmp_path: Path, faults: set[str]) -> tuple[Path, list[tuple[str, str]]]:
    """The base set plus each fault's file as `<fault>.yaml`; the expected (where, message part)."""
    folder = copy_base(tmp_path / "knowledge")
    expected = []
    for fault in sorted(faults):
        shutil.copyfile(BROKEN / fault / "zusatz.yaml", folder / f"{fault}.yaml")
        expected += [
            (f"{folder / f'{fault}.yaml'}:{line}: ", part) for _, line, part in expected_errors(fault)
        ]
    return folder, expected


def assert_reported(stderr: str, expected: list[tuple[str, str]]) -> None:
    lines = stderr.splitlines()
    for where, part in expected:
        assert any(line.startswith(where) and part in line for line in lines), f"{where}{part}\n{stderr}"


def test_validate_names_every_trap_with_file_line_and_fix(tmp_path: Path) -> None:
    folder, expected = _folder_with(tmp_path, TRAPS | PLAIN_SYNTAX)
    done = run_bot("validate", str(folder))
    assert done.returncode == Exit.KNOWLEDGE
    assert_reported(done.stderr, expected)
    assert done.stderr.rstrip().endswith(
        f"{len(done.stderr.splitlines()) - 1} Fehler; das Wissen wird abgelehnt."
    )


def test_validate_offers_the_nearest_known_ids(tmp_path: Path) -> None:
    folder, expected = _folder_with(tmp_path, {"typo-source"})
    done = run_bot("validate", str(folder))
    assert done.returncode == Exit.KNOWLEDGE
    assert_reported(done.stderr, expected)
