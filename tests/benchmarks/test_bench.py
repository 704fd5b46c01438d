"""`make bench`'s own pieces: the edit its reload figure makes, and how its tables judge targets."""

from __future__ import annotations

import shutil
from pathlib import Path

from benchmarks.bench import add_variant, dense_texts_for
from benchmarks.bench_table import ratio, verdict
from bot.core.knowledge.loader import load_knowledge
from bot.core.moderation.diff import diff_knowledge
from tests.conftest import KNOWLEDGE


def test_the_edited_reload_changes_exactly_one_entry_by_one_question(tmp_path: Path) -> None:
    shutil.copytree(KNOWLEDGE, tmp_path / "knowledge")
    before = load_knowledge(tmp_path / "knowledge")
    edited = add_variant(tmp_path / "knowledge")
    after = load_knowledge(tmp_path / "knowledge")
    assert diff_knowledge(before, after).changed == (edited,)
    assert after.faq[edited].questions[1:] == before.faq[edited].questions
    assert len(after.faq[edited].questions) == len(before.faq[edited].questions) + 1


def test_a_target_is_met_only_when_the_cpu_time_meets_it_and_wall_time_is_named() -> None:
    assert verdict(0.3, 0.4, 0.5) == "met"
    assert verdict(0.3, 0.9, 0.5) == "met by CPU time, not by wall time"
    assert verdict(0.6, 0.6, 0.5) == "missed"
    assert verdict(0.6, 0.6, None) == "–"


def test_ratios_are_against_the_baseline() -> None:
    assert ratio(3.0, 2.0) == "1.50×"
    assert ratio(25.0, 2.0) == "12.5×"
    assert ratio(2583.0, 2.0) == "1292×"
    assert ratio(1.0, 0.0) == "–"


def test_only_the_largest_set_embeds_titles_alone() -> None:
    assert [dense_texts_for(size) for size in (1000, 10_000, 100_000)] == ["all", "all", "titles"]
