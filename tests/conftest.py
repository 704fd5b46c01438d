"""Fixtures shared by all tests: the project's paths and real knowledge sets on disk."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from bot.core.knowledge.loader import load_knowledge
from bot.core.matching.engine import AnswerEngine

PROJECT_ROOT = Path(__file__).resolve().parents[1]
INVENTED_STORY = PROJECT_ROOT / "tests" / "fixtures" / "invented_story"
FORMAT_DOC = PROJECT_ROOT / "docs" / "knowledge-format.md"


def format_doc_example() -> str:
    """The complete example of docs/knowledge-format.md, as YAML text."""
    text = FORMAT_DOC.read_text(encoding="utf-8")
    found = re.search(r"## A complete example.*?```yaml\n(.*?)```", text, re.S)
    assert found, "docs/knowledge-format.md lost its complete example"
    return found.group(1)


@pytest.fixture
def example_dir(tmp_path: Path) -> Path:
    """A folder holding the documentation's example as one file."""
    folder = tmp_path / "example"
    folder.mkdir()
    (folder / "knowledge.yaml").write_text(format_doc_example(), encoding="utf-8")
    return folder


@pytest.fixture(scope="session")
def invented_engine() -> AnswerEngine:
    return AnswerEngine(load_knowledge(INVENTED_STORY))
