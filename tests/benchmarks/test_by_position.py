"""`make eval --new-from N`: a later round's questions scored apart from the older ones."""

from __future__ import annotations

from pathlib import Path

from benchmarks.evaluate import Question, by_position
from bot.core.knowledge.loader import load_knowledge

KNOWLEDGE = Path(__file__).resolve().parents[2] / "knowledge"


def test_questions_split_at_their_file_position() -> None:
    knowledge = load_knowledge(KNOWLEDGE)
    questions = [
        Question("wer ist mira murati", frozenset({"mira-murati"}), "dev"),
        Question("rezept fuer lasagne", frozenset(), "dev"),
        Question("wer ist satya nadella", frozenset({"satya-nadella"}), "test"),
        Question("wie wird das wetter morgen", frozenset({"mira-murati"}), "dev"),  # a wrong 'expect'
    ]
    parts = by_position(knowledge, questions, 3)
    old, new = parts["engine, questions 1-2"], parts["engine, questions 3-4"]
    assert set(old) == {"dev"} and set(new) == {"dev", "test"}
    assert (old["dev"].questions, old["dev"].top1, old["dev"].abstention_recall) == (2, 1.0, 1.0)
    assert (new["test"].top1, new["dev"].top1) == (1.0, 0.0)
