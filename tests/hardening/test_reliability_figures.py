"""docs/reliability.md's figures are the hardening tests' own counts, never typed by hand."""

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


RELIABILITY = PROJECT_ROOT / "docs" / "reliability.md"
BOLD_FIGURE = re.compile(r"\*\*([0-9][0-9,]*)\*\*")


def reliability_figures() -> str:
    """The page up to its 'Limits' section: the table and the list of fault cases."""
    page = RELIABILITY.read_text(encoding="utf-8")
    found = re.search(r"\A# Reliability\n(.*?)(?=^## Limits$)", page, re.S | re.M)
    assert found, "docs/reliability.md lost its title 'Reliability' or its section 'Limits'"
    return found.group(1)


def test_the_single_fault_tests_are_still_there() -> None:
    names = [name for name in dir(broken) if name.startswith("test_a_file_")] + [
        "test_parsing_stops_at_the_node_limit"
    ]
    assert len(names) == SINGLE_FAULT_TESTS and all(hasattr(broken, name) for name in names)


def expected_phrases() -> list[str]:
    reloads = test_concurrency.RELOADS
    valid = sum(step != "kaputt" for step in reloads)
    commands = 4  # wissen neu-laden, status, lücken, feedback: counted from the tree in test_permissions
    return [
        f"**{fault_cases()}** fault cases",
        f"**{fault_cases()}** refused",
        f"**{test_concurrency.N_QUESTIONS}** questions during **{len(reloads)}** reloads",
        f"(**{valid}** valid, **{len(reloads) - valid}** broken)",
        f"**{test_concurrency.N_QUESTIONS}** answers checked",
        f"**{len(hostile.HOSTILE_QUESTIONS)}** fixed inputs",
        f"up to **{2 * questions.PROPERTY.max_examples}** random",
        f"**{commands}** commands × **{len(test_permissions.NOT_MODERATORS)}** kinds",
        f"**{len(test_discord_trouble.SCENARIOS)}** failure patterns",
        f"each of the **{len(wrong_types.WRONG_TYPES)}** fields",
    ]


def test_reliability_figures_match_the_tests() -> None:
    section = reliability_figures()
    missing = [phrase for phrase in expected_phrases() if phrase not in section]
    assert not missing, f"docs/reliability.md does not say: {missing}"


def test_every_bold_figure_is_one_the_tests_count() -> None:
    """A figure typed in by hand (or left over from an older count) fails here."""
    counted = {figure for phrase in expected_phrases() for figure in BOLD_FIGURE.findall(phrase)}
    shown = set(BOLD_FIGURE.findall(reliability_figures()))
    assert shown <= counted, f"docs/reliability.md shows figures no test counts: {sorted(shown - counted)}"


def test_the_readme_points_to_the_figures() -> None:
    readme = (PROJECT_ROOT / "README.md").read_text(encoding="utf-8")
    assert "(docs/reliability.md)" in readme


async def test_the_number_of_moderator_commands_matches(harness) -> None:  # noqa: ANN001
    await harness.start()
    assert len(test_permissions.moderator_commands(harness)) == 4
