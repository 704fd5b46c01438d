"""`make eval-semantic`'s figures on hand-made cases, with a word-hashing stand-in for the model.

The stand-in is no mock of what is tested: it is a real (if crude) encoder, so ranking, tuning,
the ceiling and the separation figures run exactly as they do with MiniLM.
"""

from __future__ import annotations

import zlib
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pytest

from benchmarks.evaluate import Question
from benchmarks.metrics import Outcome, best_abstention, either_right, separation_auc
from benchmarks.semantic import EmbeddingBaseline, embedding_texts, report
from bot.core.knowledge.loader import load_knowledge
from bot.core.matching.engine import AnswerEngine
from bot.core.matching.normalize import tokens

ROOT = Path(__file__).resolve().parents[2]
INVENTED = ROOT / "tests" / "fixtures" / "invented_story"


def bag_of_words(texts: Sequence[str]) -> np.ndarray:
    """Each folded word adds 1 to one of 256 slots: texts sharing words point the same way."""
    vectors = np.zeros((len(texts), 256))
    for row, text in enumerate(texts):
        for word in tokens(text):
            vectors[row, zlib.crc32(word.encode()) % 256] += 1.0
    return vectors


def outcome(expected: set[str], ranked: tuple[str, ...], answered: str | None) -> Outcome:
    return Outcome(frozenset(expected), ranked, answered, abstained=answered is None)


def test_either_right_counts_a_question_once_when_either_system_has_it() -> None:
    engine = [
        outcome({"a"}, ("a",), "a"),  # engine right
        outcome({"b"}, ("x",), None),  # engine silent, other ranks it first
        outcome({"c"}, ("x",), "x"),  # both wrong
        outcome(set(), (), None),  # unanswerable: not counted
    ]
    other = [
        outcome({"a"}, ("a",), "a"),
        outcome({"b"}, ("b", "x"), None),
        outcome({"c"}, ("x", "c"), "x"),
        outcome(set(), ("a",), "a"),
    ]
    assert either_right(engine, other) == pytest.approx(2 / 3)


def test_separation_auc_of_a_perfect_a_reversed_and_a_useless_score() -> None:
    assert separation_auc([0.9, 0.8], [0.1, 0.2]) == 1.0
    assert separation_auc([0.1, 0.2], [0.9, 0.8]) == 0.0
    assert separation_auc([0.5, 0.5], [0.5]) == 0.5
    assert separation_auc([0.9], []) is None


def test_best_abstention_finds_the_cut_off_that_balances_precision_and_recall() -> None:
    # Silent below 0.4 is exactly the two unanswerable questions; any other cut-off errs.
    scored = [(0.9, True), (0.8, True), (0.4, True), (0.3, False), (0.2, False)]
    cutoff, precision, recall = best_abstention(scored) or (0, 0, 0)
    assert (cutoff, precision, recall) == (0.4, 1.0, 1.0)
    assert best_abstention([(0.4, True), (0.3, False), (0.2, True)]) == (0.4, 0.5, 1.0)
    assert best_abstention([(0.9, True)]) is None


def test_the_embedding_baseline_ranks_by_shared_meaning_and_tunes_its_silence() -> None:
    knowledge = load_knowledge(INVENTED)
    model = EmbeddingBaseline(knowledge, bag_of_words)
    assert model.scored("wer darf abstimmen")[0][0] == "faq-wer-stimmt-ab"
    assert model.scored("ist die bruecke einsturzgefaehrdet")[0][0] == "faq-warum-abriss"
    assert model.rank_now("wer darf abstimmen") == model.scored("wer darf abstimmen")
    cutoff = model.tune(
        [("wer darf abstimmen", frozenset({"faq-wer-stimmt-ab"})), ("lasagne rezept kochen", frozenset())]
    )
    assert 0 < cutoff <= model.scored("wer darf abstimmen")[0][1]
    assert model.decide("wer darf abstimmen").answered == "faq-wer-stimmt-ab"
    assert model.decide("lasagne rezept kochen").answered is None


def test_every_entry_can_be_found_by_its_texts() -> None:
    knowledge = load_knowledge(INVENTED)
    owners = {entry_id for _, entry_id in embedding_texts(knowledge)}
    assert owners == {*knowledge.faq, *knowledge.events, *knowledge.people}


def test_report_gives_the_ceiling_and_the_separation_per_split() -> None:
    knowledge = load_knowledge(ROOT / "knowledge")
    questions = [
        Question("wer ist mira murati", frozenset({"mira-murati"}), "dev"),
        Question("rezept fuer lasagne", frozenset(), "dev"),
    ]
    lines = report(knowledge, questions, EmbeddingBaseline(knowledge, bag_of_words), AnswerEngine(knowledge))
    assert "| dev | engine | 100.0 | 100.0 | 100.0 | 100.0 |" in lines
    assert not any(line.startswith("| test") for line in lines)
    (note,) = [line for line in lines if line.startswith("- dev:")]
    assert "at most 100.0 % top-1 (reaches" in note
    assert "AUC 1.000" in note  # Murati's question shares words with her entry, lasagne with nothing
