"""The README's reliability figures are the hardening tests' own counts, never typed by hand."""

from __future__ import annotations

import re

from tests.conftest import PROJECT_ROOT
from tests.hardening import hostile, test_concurrency, test_discord_trouble, test_permissions
from tests.hardening import test_broken_knowledge as broken
from tests.hardening import test_hostile_questions as questions
from tests.hardening import test_wrong_types as wrong_types

#: Faults made by single tests of test_broken_knowledge: deleted before / after being read, written
#: while being read, and the node limit.
SINGLE_FAULT_TESTS = 4


def fault_cases() -> int:
    return (
        len(broken.FAULTS) + len(broken.MADE_AT_TEST_TIME) + len(wrong_types.WRONG_TYPES) + SINGLE_FAULT_TESTS
    )


def reliability_section() -> str:
    readme = (PROJECT_ROOT / "README.md").read_text(encoding="utf-8")
    found = re.search(r"^## Zuverlässigkeit\n(.*?)(?=^## )", readme, re.S | re.M)
    assert found, "README.md lost its section 'Zuverlässigkeit'"
    return found.group(1)


def test_the_single_fault_tests_are_still_there() -> None:
    names = [name for name in dir(broken) if name.startswith("test_a_file_")] + [
        "test_parsing_stops_at_the_node_limit"
    ]
    assert len(names) == SINGLE_FAULT_TESTS and all(hasattr(broken, name) for name in names)


def test_readme_figures_match_the_tests() -> None:
    section = reliability_section()
    reloads = test_concurrency.RELOADS
    valid = sum(step != "kaputt" for step in reloads)
    commands = 4  # wissen neu-laden, status, lücken, feedback: counted from the tree in test_permissions
    expected = [
        f"**{fault_cases()}** Fehlerfälle",
        f"**{fault_cases()}** abgelehnt",
        f"**{test_concurrency.N_QUESTIONS}** Fragen während **{len(reloads)}** Neuladevorgängen",
        f"(**{valid}** gültig, **{len(reloads) - valid}** kaputt)",
        f"**{test_concurrency.N_QUESTIONS}** Antworten geprüft",
        f"**{len(hostile.HOSTILE_QUESTIONS)}** feste Eingaben",
        f"bis zu **{2 * questions.PROPERTY.max_examples}** zufällige",
        f"**{commands}** Befehle × **{len(test_permissions.NOT_MODERATORS)}** Arten",
        f"**{len(test_discord_trouble.SCENARIOS)}** Fehlerbilder",
        f"jedem der **{len(wrong_types.WRONG_TYPES)}** Felder",
    ]
    missing = [phrase for phrase in expected if phrase not in section]
    assert not missing, f"README 'Zuverlässigkeit' does not say: {missing}"


async def test_the_number_of_moderator_commands_matches(harness) -> None:  # noqa: ANN001
    await harness.start()
    assert len(test_permissions.moderator_commands(harness)) == 4
