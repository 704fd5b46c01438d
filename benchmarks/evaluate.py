"""`make eval`: answer quality of the engine and two baselines on the same questions, per split.

    python -m benchmarks.evaluate [--knowledge knowledge] [--questions FILE] [--misses]

The question set (benchmarks/eval/questions.yaml) is written the way members ask; each question
names the ids that answer it (none = the knowledge has no answer, silence expected) and a fixed
split. Tuning looks at `dev` only: `--misses` lists the engine's misses on dev, never on test, and
the BM25 cut-off is tuned on dev.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import yaml

from benchmarks.baselines import BM25Baseline, Decision, WRatioBaseline
from benchmarks.metrics import Outcome, Scores, percent, score
from bot.core.answers.answer import Answer, compose_answer, compose_day
from bot.core.knowledge.loader import load_knowledge
from bot.core.knowledge.model import Knowledge
from bot.core.matching.engine import AnswerEngine
from bot.render.text import render_answer

QUESTIONS = Path(__file__).parent / "eval" / "questions.yaml"
SPLITS = ("dev", "test")
TARGET_TOP1, TARGET_ABSTENTION, TARGET_LEAD = 0.92, 0.95, 0.15


@dataclass(frozen=True, slots=True)
class Question:
    text: str
    expected: frozenset[str]
    split: str


def read_questions(path: Path, knowledge: Knowledge) -> list[Question]:
    """The question set; every expected id must exist (a day id must have events)."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    questions, problems = [], []
    for number, item in enumerate(data["questions"], start=1):
        question = Question(str(item["q"]), frozenset(item.get("expect") or ()), str(item["split"]))
        for entry_id in question.expected:
            if _answer_for(knowledge, entry_id) is None:
                problems.append(f"question {number} ({question.text!r}): unknown id {entry_id!r}")
        if question.split not in SPLITS:
            problems.append(f"question {number}: split must be one of {SPLITS}")
        questions.append(question)
    if problems:
        raise SystemExit("\n".join(problems))
    return questions


def _answer_for(knowledge: Knowledge, entry_id: str) -> Answer | None:
    if entry_id.startswith("tag-"):
        try:
            return compose_day(knowledge, date.fromisoformat(entry_id.removeprefix("tag-")))
        except ValueError:
            return None
    entry = knowledge.entry(entry_id)
    return None if entry is None else compose_answer(knowledge, entry)


def _has_unconfirmed(answer: Answer | None) -> bool:
    return answer is not None and any(not s.label.confirmed for s in answer.snippets)


def _hidden_labels(answer: Answer) -> int:
    """Snippets whose label (emoji and name) is missing from the rendered answer."""
    shown = render_answer(answer)
    return sum(1 for s in answer.snippets if f"{s.label.emoji} {s.label.name}: {s.text}" not in shown)


def _outcome(
    knowledge: Knowledge, question: Question, decision: Decision, shown: Answer | None, abstained: bool
) -> Outcome:
    expected = sorted(question.expected)
    return Outcome(
        expected=question.expected,
        ranked=decision.ranked,
        answered=decision.answered,
        abstained=abstained,
        unconfirmed_shown=_has_unconfirmed(shown),
        unconfirmed_expected=bool(expected) and _has_unconfirmed(_answer_for(knowledge, expected[0])),
        labels_hidden=_hidden_labels(shown) if shown is not None else 0,
    )


def engine_outcome(engine: AnswerEngine, question: Question) -> Outcome:
    """The engine's result; silence is `no_match`, suggestions are neither answer nor silence."""
    result = engine.ask(question.text)
    answered = result.answer.id if result.answer is not None else None
    searched = [m.entry_id for m in engine.index.search(question.text, limit=5)]
    suggested = [s.id for s in result.suggestions if s.score > 0]
    ranked = tuple(dict.fromkeys([*([answered] if answered else []), *suggested, *searched]))
    decision = Decision(ranked, answered)
    return _outcome(engine.knowledge, question, decision, result.answer, result.status == "no_match")


def baseline_outcome(knowledge: Knowledge, decide, question: Question) -> Outcome:  # noqa: ANN001
    """A baseline's decision; it has no suggestion state, so below its cut-off it is silent."""
    decision = decide(question.text)
    shown = _answer_for(knowledge, decision.answered) if decision.answered else None
    return _outcome(knowledge, question, decision, shown, decision.answered is None)


def evaluate(knowledge: Knowledge, questions: list[Question]) -> dict[str, dict[str, Scores]]:
    """Scores per system and split, all computed in this one run."""
    engine = AnswerEngine(knowledge)
    wratio = WRatioBaseline(knowledge)
    bm25 = BM25Baseline(knowledge)
    bm25.tune((q.text, q.expected) for q in questions if q.split == "dev")
    splits = [split for split in SPLITS if any(q.split == split for q in questions)]
    systems = {
        "engine": lambda q: engine_outcome(engine, q),
        f"{wratio.name} (cut-off {wratio.cutoff:g})": lambda q: baseline_outcome(knowledge, wratio.decide, q),
        f"{bm25.name} (cut-off {bm25.cutoff:.2f}, tuned)": lambda q: baseline_outcome(
            knowledge, bm25.decide, q
        ),
    }
    return {
        name: {split: score(run(q) for q in questions if q.split == split) for split in splits}
        for name, run in systems.items()
    }


def table(results: dict[str, dict[str, Scores]]) -> str:
    """A Markdown table: one row per system and split."""
    head = (
        "| system | split | n (answerable) | top-1 | recall@3 | MRR | abst. P | abst. R "
        "| unconfirmed shown / expected | labels hidden |"
    )
    lines = [head, "|" + "---|" * 10]
    for name, splits in results.items():
        for split, s in splits.items():
            lines.append(
                f"| {name} | {split} | {s.questions} ({s.answerable}) | "
                f"{percent(s.top1)} | {percent(s.recall3)} | "
                f"{s.mrr:.3f} | {percent(s.abstention_precision)} | {percent(s.abstention_recall)} | "
                f"{percent(s.unconfirmed_shown)} / {percent(s.unconfirmed_expected)} | {s.labels_hidden} |"
            )
    return "\n".join(lines)


def verdict(results: dict[str, dict[str, Scores]]) -> list[str]:
    """The issue's targets on the test split, each PASS or FAIL."""
    engine, *baselines = (splits["test"] for splits in results.values())
    best_baseline = max(b.top1 or 0.0 for b in baselines)
    checks = [
        (f"top-1 {percent(engine.top1)} >= {TARGET_TOP1:.0%}", (engine.top1 or 0) >= TARGET_TOP1),
        (
            f"abstention P {percent(engine.abstention_precision)} "
            f"/ R {percent(engine.abstention_recall)} >= 95%",
            min(engine.abstention_precision or 0, engine.abstention_recall or 0) >= TARGET_ABSTENTION,
        ),
        (
            f"lead over best baseline {100 * ((engine.top1 or 0) - best_baseline):+.1f} points >= 15",
            (engine.top1 or 0) - best_baseline >= TARGET_LEAD,
        ),
    ]
    return [f"{'PASS' if ok else 'FAIL'}  test split: {text}" for text, ok in checks]


def by_position(
    knowledge: Knowledge, questions: list[Question], first_new: int, splits: tuple[str, ...] = SPLITS
) -> dict[str, dict[str, Scores]]:
    """The engine's scores per split for questions before and from position `first_new` (1-based):
    a round's new questions against the older ones, which tuning has seen longer."""
    engine = AnswerEngine(knowledge)
    parts = {
        f"engine, questions 1-{first_new - 1}": questions[: first_new - 1],
        f"engine, questions {first_new}-{len(questions)}": questions[first_new - 1 :],
    }
    return {
        name: {
            split: score(engine_outcome(engine, q) for q in part if q.split == split)
            for split in splits
            if any(q.split == split for q in part)
        }
        for name, part in parts.items()
    }


def misses(knowledge: Knowledge, questions: list[Question]) -> list[str]:
    """The engine's wrong or missing reactions on the dev split, for tuning."""
    engine = AnswerEngine(knowledge)
    lines = []
    for question in (q for q in questions if q.split == "dev"):
        result = engine.ask(question.text)
        got = result.answer.id if result.answer else ",".join(s.id for s in result.suggestions[:3])
        ok = (result.answer is not None and result.answer.id in question.expected) or (
            not question.expected and result.status == "no_match"
        )
        if not ok:
            want = ",".join(sorted(question.expected)) or "no_match"
            lines.append(f"{result.status:9} {result.score:5.1f}  {question.text!r}  want {want}  got {got}")
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--knowledge", type=Path, default=Path("knowledge"))
    parser.add_argument("--questions", type=Path, default=QUESTIONS)
    parser.add_argument("--misses", action="store_true", help="list the engine's misses on the dev split")
    parser.add_argument("--dev-only", action="store_true", help="score the dev split only (while tuning)")
    parser.add_argument(
        "--new-from", type=int, metavar="N", help="also score the engine on questions before / from number N"
    )
    args = parser.parse_args(argv)
    knowledge = load_knowledge(args.knowledge)
    questions = read_questions(args.questions, knowledge)
    if args.misses:
        print("\n".join(misses(knowledge, questions)) or "no misses on dev")
        return 0
    in_file = questions
    if args.dev_only:
        questions = [q for q in questions if q.split == "dev"]
    results = evaluate(knowledge, questions)
    print(table(results))
    print()
    if args.new_from:
        splits = ("dev",) if args.dev_only else SPLITS
        print(table(by_position(knowledge, in_file, args.new_from, splits)))
        print()
    if not args.dev_only:
        print("\n".join(verdict(results)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
