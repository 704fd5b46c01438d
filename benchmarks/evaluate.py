"""`make eval`: answer quality on members' own wording, per question set and split.

    python -m benchmarks.evaluate [--model e5|use|none] [--misses] [--calibration]

Three sets, each written before the engine it measures ran on it:
- rounds 1-6 (benchmarks/eval/questions.yaml) and round 7 (round7.yaml) for the first story; their
  `dev` questions are the knowledge's examples (knowledge/examples.yaml, `make examples`), so dev
  figures come from out-of-fold predictions: each dev question is scored by a ranker fitted
  without it, against an index without it. `test` questions never reach the engine's fitting.
- the invented story (invented_story.yaml, all `test`): its scorer comes only from its own files.

Figures (see benchmarks/metrics.py): top-1, helpful, wrong, abstention precision and recall,
recall@3 and the calibration error, next to the BM25 baseline with a cut-off tuned on dev.
`--misses` lists the engine's misses on dev only, never on test.
"""

from __future__ import annotations

import argparse
import dataclasses
import sys
import time
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import yaml

from benchmarks.baselines import BM25Baseline
from benchmarks.metrics import Outcome, Scores, calibration, percent, score
from bot.config import DEFAULT_CACHE_DIR
from bot.core.answers.answer import Answer, compose_answer, compose_day
from bot.core.knowledge.loader import load_knowledge
from bot.core.knowledge.model import Knowledge
from bot.core.matching.decide import Bands, Ranked, rank, suggestions
from bot.core.matching.engine import AnswerEngine, EngineOptions, shared_encoder
from bot.render.text import render_answer

ROOT = Path(__file__).parents[1]
EVAL = Path(__file__).parent / "eval"
SPLITS = ("dev", "test")
#: The issue's targets: on the first story's test splits, and on the invented story.
TARGETS = {"top-1": 0.88, "helpful": 0.96, "wrong": 0.03, "abstention R": 0.85}
INVENTED_TARGETS = {"top-1": 0.85, "wrong": 0.03}


@dataclass(frozen=True, slots=True)
class QuestionSet:
    name: str
    file: str
    knowledge: Path


SETS = (
    QuestionSet("rounds 1-6", "questions.yaml", ROOT / "knowledge"),
    QuestionSet("round 7", "round7.yaml", ROOT / "knowledge"),
    QuestionSet("invented story", "invented_story.yaml", ROOT / "tests" / "fixtures" / "invented_story"),
)


@dataclass(frozen=True, slots=True)
class Question:
    text: str
    expected: frozenset[str]
    split: str


def read_questions(path: Path, knowledge: Knowledge) -> list[Question]:
    """A question set; every expected id must exist (a day id must have events)."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    questions, problems = [], []
    for number, item in enumerate(data["questions"], start=1):
        question = Question(str(item["q"]), frozenset(item.get("expect") or ()), str(item["split"]))
        for entry_id in question.expected:
            if answer_for(knowledge, entry_id) is None:
                problems.append(f"{path.name} question {number} ({question.text!r}): unknown id {entry_id!r}")
        if question.split not in SPLITS:
            problems.append(f"{path.name} question {number}: split must be one of {SPLITS}")
        questions.append(question)
    if problems:
        raise SystemExit("\n".join(problems))
    return questions


def answer_for(knowledge: Knowledge, entry_id: str) -> Answer | None:
    if entry_id.startswith("tag-"):
        try:
            return compose_day(knowledge, date.fromisoformat(entry_id.removeprefix("tag-")))
        except ValueError:
            return None
    entry = knowledge.entry(entry_id)
    return None if entry is None else compose_answer(knowledge, entry)


def _unconfirmed(answer: Answer | None) -> bool:
    return answer is not None and any(not s.label.confirmed for s in answer.snippets)


def _hidden_labels(answer: Answer) -> int:
    """Snippets whose label (emoji and name) is missing from the rendered answer."""
    shown = render_answer(answer)
    return sum(1 for s in answer.snippets if f"{s.label.emoji} {s.label.name}: {s.text}" not in shown)


@dataclass(frozen=True, slots=True)
class Reaction:
    """What the engine makes of one question before the bands decide: its ranking (for a dev
    question, the out-of-fold one), or a day's answer, or nothing known to rank."""

    question: Question
    ranked: Ranked
    day: str | None = None


def react(engine: AnswerEngine, question: Question, *, out_of_fold: bool = False) -> Reaction:
    explained = engine.explain(question.text)
    result = explained.result
    if result.answer is not None and result.answer.id.startswith("tag-"):
        return Reaction(question, Ranked((), ()), day=result.answer.id)
    ranked = explained.ranked
    report = engine.fit_report
    if out_of_fold and report is not None and question.text in report.oof and explained.candidates.entry_ids:
        ids, probabilities = report.oof[question.text]
        ranked = rank(ids, probabilities.tolist())
    return Reaction(question, ranked)


def decide_outcome(engine: AnswerEngine, reaction: Reaction, bands: Bands | None = None) -> Outcome:
    """The outcome under `bands` (default: the engine's)."""
    bands = bands or engine.bands
    question, ranked = reaction.question, reaction.ranked
    if reaction.day is not None:
        ids, confidence, answered, suggested = (reaction.day,), 1.0, reaction.day, ()
    else:
        band = bands.band(ranked)
        ids, confidence = ranked.entry_ids, ranked.best
        answered = ids[0] if band == "answer" and ids else None
        suggested = suggestions(ranked, bands) if band == "suggest" else ()
    shown = answer_for(engine.knowledge, answered) if answered else None
    expected = sorted(question.expected)
    return Outcome(
        expected=question.expected,
        ranked=tuple(ids),
        answered=answered,
        abstained=answered is None and not suggested,
        unconfirmed_shown=_unconfirmed(shown),
        unconfirmed_expected=bool(expected) and _unconfirmed(answer_for(engine.knowledge, expected[0])),
        labels_hidden=_hidden_labels(shown) if shown is not None else 0,
        suggested=tuple(suggested),
        confidence=confidence,
    )


def engine_outcome(engine: AnswerEngine, question: Question, *, out_of_fold: bool = False) -> Outcome:
    """The engine's reaction under its bands; for a dev question (an example), the out-of-fold one."""
    return decide_outcome(engine, react(engine, question, out_of_fold=out_of_fold))


def baseline_outcome(bm25: BM25Baseline, question: Question) -> Outcome:
    decision = bm25.decide(question.text)
    return Outcome(
        expected=question.expected,
        ranked=decision.ranked,
        answered=decision.answered,
        abstained=decision.answered is None,
    )


def build_engine(folder: Path, model: str, cache: Path) -> AnswerEngine:
    """An engine that fits its ranker here (not from the cache), so its out-of-fold figures exist."""
    options = EngineOptions(model=model, cache_dir=cache)
    knowledge = load_knowledge(folder)
    return AnswerEngine(
        knowledge,
        encoder=shared_encoder(options.model, options.threads),
        cache_dir=cache,
        refit=True,
        progress=lambda message: print(message, file=sys.stderr) if "/" not in message else None,
    )


def evaluate(
    model: str, cache: Path, *, dev_only: bool = False
) -> tuple[dict[tuple[str, str, str], Scores], dict, list[str]]:
    """Scores per (set, system, split), the outcomes behind them, and the build times."""
    results: dict[tuple[str, str, str], Scores] = {}
    outcomes: dict[tuple[str, str], list[Outcome]] = {}
    notes = []
    engines: dict[Path, AnswerEngine] = {}
    for question_set in SETS[:2] if dev_only else SETS:
        if question_set.knowledge not in engines:
            started = time.perf_counter()
            engines[question_set.knowledge] = build_engine(question_set.knowledge, model, cache)
            notes.append(
                f"{question_set.knowledge.name}: engine built in {time.perf_counter() - started:.1f} s"
            )
        engine = engines[question_set.knowledge]
        questions = read_questions(EVAL / question_set.file, engine.knowledge)
        bm25 = BM25Baseline(engine.knowledge)
        dev = [q for q in questions if q.split == "dev"]
        if dev:
            bm25.tune((q.text, q.expected) for q in dev)
        for split in ("dev",) if dev_only else SPLITS:
            chosen = [q for q in questions if q.split == split]
            if not chosen:
                continue
            mine = [engine_outcome(engine, q, out_of_fold=split == "dev") for q in chosen]
            outcomes[(question_set.name, split)] = mine
            results[(question_set.name, "engine", split)] = score(mine)
            results[(question_set.name, "BM25", split)] = score(baseline_outcome(bm25, q) for q in chosen)
    return results, outcomes, notes


def table(results: dict[tuple[str, str, str], Scores]) -> str:
    head = (
        "| set | system | split | n (answerable) | top-1 | helpful | wrong | abst. P | abst. R "
        "| recall@3 | ECE |"
    )
    lines = [head, "|" + "---|" * 11]
    for (name, system, split), s in results.items():
        ece = "–" if s.ece is None else f"{s.ece:.3f}"
        lines.append(
            f"| {name} | {system} | {split} | {s.questions} ({s.answerable}) | {percent(s.top1)} | "
            f"{percent(s.helpful)} | {percent(s.wrong)} | {percent(s.abstention_precision)} | "
            f"{percent(s.abstention_recall)} | {percent(s.recall3)} | {ece} |"
        )
    return "\n".join(lines)


def calibration_table(outcomes: list[Outcome]) -> str:
    lines = ["| confidence | questions | mean confidence | best entry right |", "|---|---|---|---|"]
    for b in calibration(outcomes):
        lines.append(f"| {b.low:.1f}–{b.high:.1f} | {b.questions} | {b.confidence:.2f} | {b.accuracy:.2f} |")
    return "\n".join(lines)


def verdict(results: dict[tuple[str, str, str], Scores]) -> list[str]:
    lines = []
    checks = [("rounds 1-6", TARGETS), ("round 7", TARGETS), ("invented story", INVENTED_TARGETS)]
    for name, targets in checks:
        s = results.get((name, "engine", "test"))
        if s is None:
            continue
        values = {
            "top-1": s.top1,
            "helpful": s.helpful,
            "wrong": s.wrong,
            "abstention R": s.abstention_recall,
        }
        for metric, target in targets.items():
            value = values[metric] or 0.0
            ok = value <= target if metric == "wrong" else value >= target
            sign = "<=" if metric == "wrong" else ">="
            lines.append(
                f"{'PASS' if ok else 'FAIL'}  {name} test: {metric} {percent(value)} {sign} {100 * target:g}"
            )
    return lines


def misses(engine: AnswerEngine, questions: list[Question]) -> list[str]:
    """The engine's out-of-fold misses on dev, for tuning."""
    lines = []
    for q in (q for q in questions if q.split == "dev"):
        o = engine_outcome(engine, q, out_of_fold=True)
        ok = o.answered in o.expected if o.expected else o.abstained
        if not ok:
            got = o.answered or ("?" + ",".join(o.suggested) if o.suggested else "silent")
            want = ",".join(sorted(q.expected)) or "silent"
            lines.append(
                f"{o.confidence or 0:.2f}  {q.text!r}  want {want}  got {got}  top {','.join(o.ranked[:3])}"
            )
    return lines


#: How `--tune` chooses the bands on dev: the lowest `answer_at` that keeps wrong answers at or
#: below this share of all questions, then the lowest `suggest_at` that keeps this share of the
#: questions without an answer silent.
TUNE_WRONG, TUNE_ABSTENTION = 0.03, 0.80


def tune_bands(engine: AnswerEngine, questions: list[Question]) -> tuple[Bands, Scores]:
    """The bands for the dev questions, out of fold (see `TUNE_WRONG`, `TUNE_ABSTENTION`)."""
    reactions = [react(engine, q, out_of_fold=True) for q in questions]

    def scored(bands: Bands) -> Scores:
        return score(decide_outcome(engine, r, bands) for r in reactions)

    chosen = engine.bands
    for answer_at in [a / 200 for a in range(80, 200)]:
        candidate = dataclasses.replace(chosen, answer_at=answer_at, suggest_at=1.0)
        if (scored(candidate).wrong or 0) <= TUNE_WRONG:
            chosen = candidate
            break
    for suggest_at in [s / 100 for s in range(5, 100)]:
        candidate = dataclasses.replace(chosen, suggest_at=suggest_at)
        found = scored(candidate)
        if (found.abstention_recall or 0) >= TUNE_ABSTENTION:
            return candidate, found
    return chosen, scored(chosen)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", default="e5", choices=("e5", "use", "none"))
    parser.add_argument("--cache", type=Path, default=DEFAULT_CACHE_DIR)
    parser.add_argument("--misses", action="store_true", help="the engine's dev misses (out of fold)")
    parser.add_argument("--calibration", action="store_true", help="print calibration tables too")
    parser.add_argument("--dev", action="store_true", help="dev splits only (while tuning: no test figures)")
    parser.add_argument("--tune", action="store_true", help="choose the decision bands on dev (out of fold)")
    args = parser.parse_args(argv)
    if args.tune:
        engine = build_engine(ROOT / "knowledge", args.model, args.cache)
        dev = [
            q
            for question_set in SETS[:2]
            for q in read_questions(EVAL / question_set.file, engine.knowledge)
            if q.split == "dev"
        ]
        bands, found = tune_bands(engine, dev)
        print(f"{bands}: top-1 {percent(found.top1)}, helpful {percent(found.helpful)}, ", end="")
        print(f"wrong {percent(found.wrong)}, abstention R {percent(found.abstention_recall)}")
        return 0
    if args.misses:
        engine = build_engine(ROOT / "knowledge", args.model, args.cache)
        for question_set in SETS[:2]:
            questions = read_questions(EVAL / question_set.file, engine.knowledge)
            print(f"# {question_set.name}")
            print("\n".join(misses(engine, questions)) or "no misses on dev")
        return 0
    results, outcomes, notes = evaluate(args.model, args.cache, dev_only=args.dev)
    print(f"model: {args.model}")
    print(table(results))
    print()
    if args.calibration:
        for (name, split), items in outcomes.items():
            print(f"calibration, {name} {split}:")
            print(calibration_table(items))
            print()
    print("\n".join(verdict(results)))
    print("\n".join(notes))
    return 0


if __name__ == "__main__":
    sys.exit(main())
