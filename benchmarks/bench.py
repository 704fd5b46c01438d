"""`make bench`: load time, memory and per-question latency at 1k, 10k and 100k entries.

    python -m benchmarks.bench [--sizes 1000 10000 100000] [--questions 1000]

Each size runs in its own process (`--one`), so peak memory (ru_maxrss) belongs to that size
alone and nothing is cached between sizes. In that process: load + validate + index through the
real loader and engine, then the same questions, after a warm-up, through the engine and through
baseline (a), one at a time on one core. The questions are perturbed question variants of
random entries (lowercase, missing umlauts, a typo, a dropped word, just the key words) and a
fifth that the knowledge cannot answer; both systems' accuracy on them is reported too.
"""

from __future__ import annotations

import argparse
import gc
import json
import random
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

from benchmarks.baselines import WRatioBaseline
from benchmarks.metrics import percentile
from benchmarks.synth import SEED, write_set
from bot.core.knowledge.model import Knowledge

SIZES = (1000, 10_000, 100_000)
BUILD = Path("build/bench")
WARM_UP = 50
#: Questions the knowledge cannot answer, mixed into the timed set.
UNKNOWN = [
    "wie wird das wetter morgen",
    "how do i fix a segfault in my c code",
    "was kostet eine aktie heute",
    "hallo zusammen",
    "danke dir",
    "wie alt ist der hausmeister",
    "best pizza recipe",
    "wer gewinnt die bundesliga",
]


def _typo(word: str, rng: random.Random) -> str:
    if len(word) < 5:
        return word
    i = rng.randrange(1, len(word) - 1)
    kind = rng.randrange(3)
    if kind == 0:
        return word[:i] + word[i + 1 :]
    if kind == 1:
        return word[:i] + word[i + 1] + word[i] + word[i + 2 :]
    return word[:i] + rng.choice("aeinrst") + word[i + 1 :]


def perturb(text: str, rng: random.Random) -> str:
    """A member's version of a question variant: sloppy case, no umlauts, a typo, a word missing."""
    words = text.rstrip("?").split()
    if rng.random() < 0.15 and len(words) > 3:
        words = sorted(words[1:], key=len, reverse=True)[:2]
    if rng.random() < 0.3 and len(words) > 3:
        del words[rng.randrange(1, len(words))]
    if rng.random() < 0.5 and words:
        longest = max(range(len(words)), key=lambda i: len(words[i]))
        words[longest] = _typo(words[longest], rng)
    out = " ".join(words)
    if rng.random() < 0.7:
        out = out.lower()
    if rng.random() < 0.4:
        out = out.translate(str.maketrans("äöüÄÖÜß", "aouAOUs"))
    return out + ("?" if rng.random() < 0.5 else "")


def make_questions(knowledge: Knowledge, count: int, seed: int = SEED) -> list[tuple[str, str | None]]:
    """(question, expected id or None) pairs, the same for every run at a given size."""
    rng = random.Random(seed)
    entries = [*knowledge.faq.values(), *knowledge.events.values(), *knowledge.people.values()]
    questions: list[tuple[str, str | None]] = []
    for _ in range(count):
        if rng.random() < 0.2:
            questions.append((rng.choice(UNKNOWN), None))
            continue
        entry = rng.choice(entries)
        variants = getattr(entry, "questions", ()) or (entry.name, *entry.aliases)
        questions.append((perturb(rng.choice(variants), rng), entry.id))
    return questions


def _latencies(answer, questions: list[tuple[str, str | None]]) -> tuple[list[float], list[float], float]:  # noqa: ANN001
    """CPU and wall milliseconds per question, and the share answered right (right entry, or none).

    CPU time of this thread is the figure reported: on a shared machine, wall time also counts
    the moments another process had the core, which says nothing about the engine.
    """
    for question, _ in questions[:WARM_UP]:
        answer(question)
    gc.collect()
    cpu, wall, right = [], [], 0
    for question, expected in questions[WARM_UP:]:
        start_wall, start_cpu = time.perf_counter_ns(), time.thread_time_ns()
        got = answer(question)
        cpu.append((time.thread_time_ns() - start_cpu) / 1e6)
        wall.append((time.perf_counter_ns() - start_wall) / 1e6)
        right += got == expected
    return cpu, wall, right / (len(questions) - WARM_UP)


def run_one(size: int, folder: Path, count: int) -> dict:
    """Measure one size in this process; returns the figures as a dict."""
    from bot.core.knowledge.loader import load_knowledge
    from bot.core.matching.engine import AnswerEngine

    start = time.perf_counter()
    knowledge = load_knowledge(folder)
    loaded = time.perf_counter()
    engine = AnswerEngine(knowledge)
    indexed = time.perf_counter()
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    questions = make_questions(knowledge, count + WARM_UP)

    def engine_answer(question: str) -> str | None:
        result = engine.ask(question)
        return result.answer.id if result.answer is not None else None

    engine_ms, engine_wall, engine_right = _latencies(engine_answer, questions)
    build = time.perf_counter()
    baseline = WRatioBaseline(knowledge)
    baseline_build = time.perf_counter() - build
    baseline_ms, baseline_wall, baseline_right = _latencies(baseline.answer, questions)
    return {
        "size": size,
        "load_s": loaded - start,
        "index_s": indexed - loaded,
        "peak_mb": peak_mb,
        "engine": _summary(engine_ms, engine_wall, engine_right),
        "baseline": {**_summary(baseline_ms, baseline_wall, baseline_right), "build_s": baseline_build},
    }


def _summary(times: list[float], wall: list[float], right: float) -> dict:
    return {
        "p50_ms": percentile(times, 0.5),
        "p99_ms": percentile(times, 0.99),
        "wall_p50_ms": percentile(wall, 0.5),
        "wall_p99_ms": percentile(wall, 0.99),
        "mean_ms": statistics.fmean(times),
        "accuracy": right,
        "n": len(times),
    }


def ensure_set(size: int) -> Path:
    """The synthetic set for `size`, written once per generator seed."""
    folder = BUILD / f"k{size}"
    stamp = folder / f".seed-{SEED}"
    if not stamp.exists():
        write_set(size, folder)
        stamp.touch()
    return folder


def cli_start_to_answer(runs: int = 7) -> float:
    """Median wall time of `python -m bot ask` on the shipped knowledge, process start to output."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "bot", "ask", "wer ist murati"], check=True, capture_output=True
        )
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def render(rows: list[dict], cli_s: float) -> str:
    lines = [
        "| entries | load+validate+index | peak RSS | engine p50 / p99 | WRatio p50 / p99 "
        "| speed-up p50 / p99"
        " | accuracy engine / WRatio |",
        "|---|---|---|---|---|---|---|",
    ]
    for row in rows:
        e, b = row["engine"], row["baseline"]
        lines.append(
            f"| {row['size']:,} | {row['load_s'] + row['index_s']:.2f} s (index {row['index_s']:.2f} s) "
            f"| {row['peak_mb']:.0f} MB | {e['p50_ms']:.3f} / {e['p99_ms']:.3f} ms "
            f"| {b['p50_ms']:.2f} / {b['p99_ms']:.2f} ms "
            f"| {b['p50_ms'] / e['p50_ms']:.0f}× / {b['p99_ms'] / e['p99_ms']:.0f}× "
            f"| {100 * e['accuracy']:.1f} % / {100 * b['accuracy']:.1f} % |"
        )
    lines.append("")
    lines.append(
        f"`python -m bot ask` on the shipped knowledge, process start to answer: {cli_s:.2f} s (median)"
    )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=list(SIZES))
    parser.add_argument("--questions", type=int, default=1000)
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.one is not None:
        print(json.dumps(run_one(args.one, ensure_set(args.one), args.questions)))
        return 0
    rows = []
    for size in args.sizes:
        ensure_set(size)
        command = [
            sys.executable,
            "-m",
            "benchmarks.bench",
            "--one",
            str(size),
            "--questions",
            str(args.questions),
        ]
        done = subprocess.run(command, check=True, capture_output=True, text=True)
        rows.append(json.loads(done.stdout))
        print(f"{size}: done", file=sys.stderr, flush=True)
    BUILD.mkdir(parents=True, exist_ok=True)
    (BUILD / "results.json").write_text(json.dumps(rows, indent=2))
    print(render(rows, cli_start_to_answer()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
