"""The documentation's complete example is itself a valid knowledge set that answers."""

from __future__ import annotations

from pathlib import Path

from bot.core.knowledge.loader import load_knowledge
from bot.core.matching.engine import AnswerEngine


def test_the_documented_example_loads_and_answers(example_dir: Path) -> None:
    knowledge = load_knowledge(example_dir)
    assert knowledge.counts() == {"faq": 1, "events": 3, "people": 1, "sources": 2, "labels": 3}
    result = AnswerEngine(knowledge).ask("Wer ist Greta?")
    assert result.answer is not None and result.answer.id == "greta-holm"
