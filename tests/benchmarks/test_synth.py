"""The benchmark's synthetic knowledge is valid under the real loader and the same on every run."""

from __future__ import annotations

from pathlib import Path

from benchmarks.bench import make_questions
from benchmarks.synth import write_set
from bot.core.knowledge.loader import load_knowledge


def test_a_small_synthetic_set_passes_the_validator_and_splits_into_files(tmp_path: Path):
    mix = write_set(1700, tmp_path)
    knowledge = load_knowledge(tmp_path)
    assert (len(knowledge.faq), len(knowledge.events), len(knowledge.people)) == (
        mix.faq,
        mix.events,
        mix.people,
    )
    assert len(list(tmp_path.glob("faq-*.yaml"))) == 2


def test_the_same_seed_writes_the_same_set_and_questions(tmp_path: Path):
    write_set(120, tmp_path / "one")
    write_set(120, tmp_path / "two")
    for path in sorted((tmp_path / "one").glob("*.yaml")):
        assert path.read_text(encoding="utf-8") == (tmp_path / "two" / path.name).read_text(encoding="utf-8")
    one, two = load_knowledge(tmp_path / "one"), load_knowledge(tmp_path / "two")
    assert make_questions(one, 50) == make_questions(two, 50)
    assert any(expected is None for _, expected in make_questions(one, 50))
