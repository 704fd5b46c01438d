"""Fitting the ranker from the knowledge itself, so a new story needs no hand-written rule.

Every question variant, alias and member example is a question whose answer is known. Each is
asked once, in one of `FOLDS` folds, against an index that leaves it out, as a member's new
wording would be absent. In each fold some entries are left out entirely: their questions then
have no answer, which teaches the ranker when to stay silent, as the knowledge's examples without
an answer do. Copies with the slips members make (a typo, no umlauts, only the key words) are
asked too. The trees are fitted on all folds; a calibration is fitted on each fold's predictions
by trees that never saw it. scikit-learn is imported only here, only when a fit is needed.
"""

from __future__ import annotations

import hashlib
import logging
import random
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from itertools import pairwise

import numpy as np

from bot.core.knowledge.model import Person
from bot.core.matching.analyse import Analyser
from bot.core.matching.corpus import Corpus
from bot.core.matching.dense import DenseIndex
from bot.core.matching.features import MONOTONE, NAMES, Hidden, candidates
from bot.core.matching.language import Lexicon
from bot.core.matching.lexical import LexicalIndex
from bot.core.matching.ranker import SCORER_VERSION, Calibration, Ranker, Trees
from bot.core.matching.text import fold

log = logging.getLogger(__name__)

FOLDS = 5
#: Share of entries left out of one fold's index, so that their questions have no answer.
DROP_SHARE = 0.15
#: Share of variants also asked with a member's slip; a small set asks each with up to
#: `MAX_SLIPS` slips, until it has about `MIN_QUESTIONS` questions.
PERTURB_SHARE = 0.6
MAX_SLIPS = 4
MIN_QUESTIONS = 400
#: Fewer candidate rows than this make a small set (see `_fit_trees`).
SMALL_ROWS = 5000
#: At most this many questions are asked (large synthetic sets are sampled).
MAX_QUESTIONS = 4000
#: The trees: small and regularised, since a story gives only a few hundred questions.
TREE_PARAMS = {
    "max_iter": 150,
    "learning_rate": 0.06,
    "max_leaf_nodes": 12,
    "min_samples_leaf": 20,
    "l2_regularization": 1.0,
}

Progress = Callable[[str], None]


@dataclass(frozen=True, slots=True)
class TrainingQuestion:
    """A question whose right answers are known, and the knowledge text it stands in for."""

    text: str
    answers: frozenset[str]
    origin: str
    #: (entry id, text) pairs left out of the index while this question is asked.
    held: frozenset[tuple[str, str]] = frozenset()


@dataclass
class FitReport:
    """What a fit saw; `oof` holds each example's out-of-fold candidates for honest dev figures."""

    questions: int = 0
    rows: int = 0
    positives: int = 0
    no_answer: int = 0
    #: example text -> (candidate ids, out-of-fold calibrated probabilities)
    oof: dict[str, tuple[tuple[str, ...], np.ndarray]] = field(default_factory=dict)


def training_questions(corpus: Corpus, lexicon: Lexicon, seed: int) -> list[TrainingQuestion]:
    """The questions the knowledge itself gives, with slips, capped at `MAX_QUESTIONS`.

    A small set gives few questions, so each of its variants is asked with more slips: a story
    that starts with five entries still gets a ranker that has seen a few hundred questions.
    """
    rng = random.Random(seed)
    asked = sum(len(e.aliases if isinstance(e, Person) else e.questions) + 1 for e in corpus.entries)
    slips = max(1, min(MAX_SLIPS, -(-MIN_QUESTIONS // max(1, asked)) - 1))
    questions: list[TrainingQuestion] = []

    def ask(text: str, entry_id: str, origin: str, held: frozenset[tuple[str, str]]) -> None:
        questions.append(TrainingQuestion(text, frozenset({entry_id}), origin, held))
        for _ in range(slips if slips > 1 or rng.random() < PERTURB_SHARE else 0):
            slipped = perturb(text, lexicon, rng)
            if fold(slipped) != fold(text):
                questions.append(TrainingQuestion(slipped, frozenset({entry_id}), "slip", held))

    for entry in corpus.entries:
        if isinstance(entry, Person):
            for alias in entry.aliases:
                ask(alias, entry.id, "alias", frozenset({(entry.id, alias)}))
            # "wer ist Mira Murati?": members ask for a person by the name the index holds,
            # bare or in one of the language's frames for it.
            ask(entry.name, entry.id, "name", frozenset())
            if lexicon.person_questions:
                frame = rng.choice(lexicon.person_questions)
                ask(frame.format(name=entry.name), entry.id, "name", frozenset())
            unasked = _unanswered_attribute(entry, lexicon, rng)
            if unasked:
                questions.append(TrainingQuestion(unasked, frozenset(), "attribute"))
        else:
            # The title too: an event without variants is asked for by what happened.
            for variant in (entry.title, *entry.questions):
                ask(variant, entry.id, "variant", frozenset({(entry.id, variant)}))
        for text in corpus.examples.get(entry.id, ()):
            questions.append(
                TrainingQuestion(text, frozenset({entry.id}), "example", frozenset({(entry.id, text)}))
            )
    questions += [TrainingQuestion(text, frozenset(), "example") for text in corpus.no_answer]
    merged = _merge_examples(questions)
    if len(merged) > MAX_QUESTIONS:
        merged = rng.sample(merged, MAX_QUESTIONS)
    return merged


def _unanswered_attribute(person: Person, lexicon: Lexicon, rng: random.Random) -> str | None:
    """One of the language's questions for a personal fact ("wie alt ist {name}") that this
    person's texts never answer: a question with no answer, so that the scorer learns what an
    asked attribute the entry lacks means, in every story, without an example written for it."""
    if not lexicon.attribute_questions:
        return None
    frame = rng.choice(lexicon.attribute_questions)
    folded = fold(frame.replace("{name}", " ")).split()
    asked = [w for w in folded if lexicon.is_attribute(w)]
    asked += [attr for pair in pairwise(folded) if (attr := lexicon.attribute_phrases.get(pair))]
    own = set(fold(" ".join([person.name, *(s.text for s in person.snippets)])).split())
    if not asked or any(word in own for word in asked):
        return None
    return frame.format(name=person.name)


def _merge_examples(questions: list[TrainingQuestion]) -> list[TrainingQuestion]:
    """An example answered by several entries is one question with several right answers."""
    out: dict[tuple[str, str], TrainingQuestion] = {}
    for q in questions:
        key = (q.origin, q.text) if q.origin == "example" else (q.origin, f"{sorted(q.held)}:{q.text}")
        if key in out:
            out[key] = TrainingQuestion(
                q.text, out[key].answers | q.answers, q.origin, out[key].held | q.held
            )
        else:
            out[key] = q
    return list(out.values())


def perturb(text: str, lexicon: Lexicon, rng: random.Random) -> str:
    """One slip members make: a typo in a long word, umlauts written bare, or only key words."""
    slip = rng.choice(("typo", "umlauts", "fragment"))
    if slip == "umlauts":
        return text.translate(
            str.maketrans({"ä": "a", "ö": "o", "ü": "u", "ß": "s", "Ä": "A", "Ö": "O", "Ü": "U"})
        )
    words = text.split()
    if slip == "fragment":
        kept = [w for w in words if fold(w) not in lexicon.stop]
        return " ".join(kept) if kept else text
    long = [i for i, w in enumerate(words) if len(w) >= 5]
    if not long:
        return text
    i = rng.choice(long)
    word, at = words[i], rng.randrange(1, len(words[i]) - 1)
    edit = rng.choice(("swap", "drop", "double"))
    if edit == "swap":
        word = word[:at] + word[at + 1] + word[at] + word[at + 2 :]
    elif edit == "drop":
        word = word[:at] + word[at + 1 :]
    else:
        word = word[:at] + word[at] + word[at:]
    words[i] = word
    return " ".join(words)


def fingerprint(corpus: Corpus, encoder_name: str, seed: int) -> str:
    """A key of everything the fit depends on: a changed text means a new fit."""
    digest = hashlib.sha256(f"{SCORER_VERSION}|{encoder_name}|{seed}|{NAMES}|{TREE_PARAMS}".encode())
    if corpus.dense_texts != "all":
        # Fewer embedded texts give other features: a scorer fitted on all of them does not fit.
        digest.update(f"|dense:{corpus.dense_texts}".encode())
    for entry in corpus.entries:
        digest.update(repr(entry).encode())
    digest.update(repr(sorted(corpus.examples.items())).encode())
    digest.update(repr(corpus.no_answer).encode())
    return digest.hexdigest()[:24]


@dataclass(frozen=True)
class _World:
    """What a fit needs of the full index: the corpus, the dense side and where its rows are."""

    corpus: Corpus
    lexicon: Lexicon
    dense: DenseIndex | None
    head_rows: dict[tuple[str, str], list[int]]
    entry_head_rows: dict[str, list[int]]
    entry_snippet_rows: dict[str, list[int]]
    entry_days: dict[str, object]
    event_days: list


def fit_ranker(
    corpus: Corpus,
    lexicon: Lexicon,
    dense: DenseIndex | None,
    *,
    entry_days: dict[str, object],
    event_days: list,
    seed: int = 0,
    progress: Progress | None = None,
) -> tuple[Ranker, FitReport]:
    """Fit trees and calibration on the knowledge's own questions (see the module's docstring)."""
    world = _world(corpus, lexicon, dense, entry_days, event_days)
    questions = training_questions(corpus, lexicon, seed)
    rng = random.Random(seed + 1)
    folds = [rng.randrange(FOLDS) for _ in questions]
    dropped = {entry.id: rng.randrange(FOLDS) for entry in corpus.entries if rng.random() < DROP_SHARE}
    rows, labels, owners, ids = [], [], [], {}
    for view in _views(world, questions, folds, dropped):
        vectors = _question_vectors(world, questions, view, progress)
        for number, (found, answers) in _view_rows(world, questions, view, vectors):
            rows.append(found.rows)
            labels.append(np.array([e in answers for e in found.entry_ids], dtype=bool))
            owners.append(np.full(len(found.entry_ids), number))
            ids[number] = found.entry_ids
    if dense is not None:
        dense.cache.save()
    if progress:
        progress("Bewerter wird trainiert …")
    X = np.vstack(rows) if rows else np.zeros((0, len(NAMES)))
    y = np.concatenate(labels) if labels else np.zeros(0, dtype=bool)
    group = np.concatenate(owners) if owners else np.zeros(0, dtype=int)
    question_fold = np.array(folds)
    trees, oof = _fit_trees(X, y, question_fold[group] if len(group) else group, seed)
    cal = Calibration(*_calibrate(oof, y))
    report = FitReport(
        questions=len(questions),
        rows=len(y),
        positives=int(y.sum()),
        no_answer=sum(1 for q in questions if not q.answers),
    )
    for number, q in enumerate(questions):
        if q.origin == "example" and number in ids:
            report.oof[q.text] = (ids[number], cal(_logits(oof[group == number])))
    summary = {"questions": report.questions, "rows": report.rows, "no_answer": report.no_answer}
    return Ranker(NAMES, trees, cal, summary), report


def _world(corpus, lexicon, dense, entry_days, event_days) -> _World:  # noqa: ANN001
    head_rows: dict[tuple[str, str], list[int]] = {}
    entry_head_rows: dict[str, list[int]] = {}
    for row, (_position, entry_id, text) in enumerate(corpus.head_texts()):
        head_rows.setdefault((entry_id, text), []).append(row)
        entry_head_rows.setdefault(entry_id, []).append(row)
    entry_snippet_rows: dict[str, list[int]] = {}
    ids = corpus.entry_ids
    for row, (position, _text) in enumerate(corpus.snippet_texts()):
        entry_snippet_rows.setdefault(ids[position], []).append(row)
    return _World(
        corpus, lexicon, dense, head_rows, entry_head_rows, entry_snippet_rows, entry_days, event_days
    )


@dataclass
class _View:
    """One fold's index: its held-out texts left out and, for the knowledge's own questions, its
    dropped entries too. Members' examples are asked with every entry present, so an example's
    figures (the dev split's) are never spoiled by an entry dropped for training's sake."""

    members: list[int]
    held: frozenset[tuple[str, str]]
    gone: frozenset[str]
    lexical: LexicalIndex
    analyser: Analyser


def _views(
    world: _World, questions: list[TrainingQuestion], folds: list[int], dropped: dict[str, int]
) -> Iterator[_View]:
    """The views one after the other: each holds a whole index (300 MB at 100,000 entries), so
    only one is alive at a time."""
    for k in range(FOLDS):
        inside = [n for n, f in enumerate(folds) if f == k]
        held = frozenset(pair for n in inside for pair in questions[n].held)
        gone = frozenset(e for e, d in dropped.items() if d == k)
        for drops, members in (
            (True, [n for n in inside if questions[n].origin != "example"]),
            (False, [n for n in inside if questions[n].origin == "example"]),
        ):
            if not members:
                continue
            left_out = gone if drops else frozenset()
            lexical = LexicalIndex(world.corpus.searchable(without=held, gone=left_out), world.lexicon)
            analyser = Analyser(
                world.lexicon,
                lexical.vocabulary,
                proper_names=lexical.proper_names,
                head_words=lexical.head_words,
                event_days=world.event_days,
            )
            yield _View(members, held, left_out, lexical, analyser)


def _question_vectors(world: _World, questions, view: _View, progress):  # noqa: ANN001, ANN202
    """The vector of each question of a view, from its text as the view's analysis reads it; the
    cache file is written once after all views (`fit_ranker`)."""
    if world.dense is None:
        return {}
    texts = {n: view.analyser.analyse(questions[n].text).dense_text for n in view.members}

    def report(done: int, total: int) -> None:
        if progress:
            progress(f"Trainingsfragen eingebettet: {done}/{total}")

    ordered = sorted(texts)
    matrix = world.dense.cache.vectors([texts[n] for n in ordered], query=True, progress=report, save=False)
    return {n: matrix[i] for i, n in enumerate(ordered)}


def _view_rows(world: _World, questions, view: _View, vectors):  # noqa: ANN001, ANN202
    hidden = _hidden(world, questions, view)
    for number in view.members:
        q = questions[number]
        found = candidates(
            view.analyser.analyse(q.text),
            view.lexical,
            world.dense,
            vectors.get(number),
            entry_days=world.entry_days,
            hidden=hidden,
        )
        yield number, (found, q.answers - view.gone)


def _hidden(world: _World, questions, view: _View) -> Hidden:  # noqa: ANN001
    held, gone = view.held, view.gone
    dense = world.dense
    if dense is None:
        return Hidden(entries=gone)
    head = np.zeros(len(dense.head.owners), dtype=bool)
    for entry_id, text in held:
        for row in world.head_rows.get((entry_id, fold(text)), ()):
            head[row] = True
    snippets = np.zeros(len(dense.snippets.owners), dtype=bool)
    for entry_id in gone:
        head[world.entry_head_rows.get(entry_id, [])] = True
        snippets[world.entry_snippet_rows.get(entry_id, [])] = True
    asked = {fold(questions[n].text) for n in view.members if not questions[n].answers}
    no_answer = np.array([fold(t) in asked for t in world.corpus.no_answer], dtype=bool)
    return Hidden(entries=gone, head=head, snippets=snippets, no_answer=no_answer)


def _fit_trees(X: np.ndarray, y: np.ndarray, row_folds: np.ndarray, seed: int) -> tuple[Trees, np.ndarray]:
    """The final trees on all rows, and out-of-fold probabilities from trees fitted without each fold."""
    from sklearn.ensemble import HistGradientBoostingClassifier  # noqa: PLC0415 - only when fitting

    # A small set gives few rows: a leaf needs fewer of them (its trees could not split at all
    # else), and fewer trees suffice.
    params = {
        **TREE_PARAMS,
        "min_samples_leaf": max(3, min(TREE_PARAMS["min_samples_leaf"], len(y) // 150)),
        "max_iter": TREE_PARAMS["max_iter"] if len(y) >= SMALL_ROWS else TREE_PARAMS["max_iter"] // 3,
    }

    def model() -> HistGradientBoostingClassifier:
        return HistGradientBoostingClassifier(
            **params, monotonic_cst=list(MONOTONE), early_stopping=False, random_state=seed
        )

    oof = np.zeros(len(y))
    if y.any() and (~y).any():
        for k in range(FOLDS):
            inside = row_folds == k
            if inside.any() and y[~inside].any() and (~y[~inside]).any():
                oof[inside] = model().fit(X[~inside], y[~inside]).predict_proba(X[inside])[:, 1]
        final = model().fit(X, y)
        return export_trees(final), oof
    constant = 0.0 if not y.any() else 1.0
    return _constant_trees(constant), np.full(len(y), constant)


def _logits(probabilities: np.ndarray) -> np.ndarray:
    clipped = np.clip(probabilities, 1e-6, 1 - 1e-6)
    return np.log(clipped / (1 - clipped))


def export_trees(model) -> Trees:  # noqa: ANN001
    """scikit-learn's fitted trees as flat arrays (`ranker.Trees`)."""
    features, thresholds, lefts, rights, leaves, values, roots = [], [], [], [], [], [], []
    depth, offset = 0, 0
    for (predictor,) in model._predictors:  # noqa: SLF001 - the trees have no public accessor
        nodes = predictor.nodes
        roots.append(offset)
        features.append(nodes["feature_idx"].astype(np.int64))
        thresholds.append(nodes["num_threshold"].astype(np.float64))
        lefts.append(nodes["left"].astype(np.int64) + offset)
        rights.append(nodes["right"].astype(np.int64) + offset)
        leaves.append(nodes["is_leaf"].astype(bool))
        values.append(np.where(nodes["is_leaf"], nodes["value"], 0.0).astype(np.float64))
        depth = max(depth, int(nodes["depth"].max()))
        offset += len(nodes)
    baseline = float(np.asarray(model._baseline_prediction).ravel()[0])  # noqa: SLF001
    return Trees(
        feature=np.concatenate(features),
        threshold=np.concatenate(thresholds),
        left=np.concatenate(lefts),
        right=np.concatenate(rights),
        leaf=np.concatenate(leaves),
        value=np.concatenate(values),
        roots=np.asarray(roots, dtype=np.int64),
        depth=depth,
        baseline=baseline,
    )


def _constant_trees(probability: float) -> Trees:
    logit = 20.0 if probability >= 1 else -20.0
    one = np.zeros(1)
    return Trees(
        np.zeros(1, dtype=np.int64),
        one,
        np.zeros(1, dtype=np.int64),
        np.zeros(1, dtype=np.int64),
        np.ones(1, dtype=bool),
        one,
        np.zeros(1, dtype=np.int64),
        0,
        logit,
    )


def _calibrate(oof: np.ndarray, y: np.ndarray) -> tuple[float, float]:
    """Platt scaling of out-of-fold log-odds (see `ranker.Calibration`), over every candidate.

    The slope is kept positive: a calibration must never turn a better score into a worse chance.
    """
    from sklearn.linear_model import LogisticRegression  # noqa: PLC0415 - only when fitting

    if not len(oof) or y.all() or not y.any():
        return 1.0, 0.0
    model = LogisticRegression(C=1.0, max_iter=1000).fit(_logits(oof)[:, None], y)
    return max(1e-3, float(model.coef_[0][0])), float(model.intercept_[0])
