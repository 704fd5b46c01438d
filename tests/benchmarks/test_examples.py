"""knowledge/examples.yaml is exactly what the dev questions give, and no test question is in it."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from benchmarks import examples
from bot.core.matching.text import fold
from tests.conftest import KNOWLEDGE, PROJECT_ROOT

EVAL = PROJECT_ROOT / "benchmarks" / "eval"


def eval_questions(name: str) -> list[dict]:
    return yaml.safe_load((EVAL / name).read_text(encoding="utf-8"))["questions"]


def test_examples_are_up_to_date() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "benchmarks.examples", "--check"],
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr


def test_the_check_fails_on_a_stale_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    stale = tmp_path / "examples.yaml"
    stale.write_text(examples.render().replace("murati?", "murati??", 1), encoding="utf-8")
    monkeypatch.setattr(examples, "TARGET", stale)
    assert examples.main(["--check"]) == 1
    stale.write_text(examples.render(), encoding="utf-8")
    assert examples.main(["--check"]) == 0


def test_no_test_question_is_an_example() -> None:
    """A test question among the examples would be learned, and its test figure a lie."""
    test_questions = {
        fold(str(item["q"])): name
        for name in sorted(p.name for p in EVAL.glob("*.yaml"))
        for item in eval_questions(name)
        # The invented story's set is test questions only, whatever an item says.
        if item.get("split") == "test" or name == "invented_story.yaml"
    }
    written = yaml.safe_load((KNOWLEDGE / "examples.yaml").read_text(encoding="utf-8"))["examples"]
    leaked = [(q["q"], test_questions[fold(q["q"])]) for q in written if fold(q["q"]) in test_questions]
    assert not leaked
    assert len(written) > 100 and len(test_questions) > 300  # both sides were read


def test_every_round_marks_each_question_dev_or_test() -> None:
    for name in examples.ROUNDS:
        assert {item["split"] for item in eval_questions(name)} == {"dev", "test"}, name


def test_round_7_tests_every_second_question() -> None:
    """As its header says: positions 2, 4, 6, ... are test, so its split was fixed before any run."""
    splits = [item["split"] for item in eval_questions("round7.yaml")]
    assert splits == ["dev" if position % 2 else "test" for position in range(1, len(splits) + 1)]
