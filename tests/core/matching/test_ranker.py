"""The fitted scorer: numpy trees that predict what scikit-learn's did, saved and loaded whole,
fitted the same way twice from the same seed."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
from sklearn.ensemble import HistGradientBoostingClassifier

from bot.core.matching.features import NAMES
from bot.core.matching.ranker import SCORER_VERSION, Calibration, Ranker
from bot.core.matching.training import export_trees, fit_ranker
from tests.core.matching.conftest import Harbour

FEATURES = ("a", "b", "c", "d")


def _data(seed: int = 7, rows: int = 400) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(rows, len(FEATURES)))
    X[:, 3] = rng.integers(0, 3, size=rows)  # a few repeated values, as flags and ranks have
    y = (X[:, 0] - 0.5 * X[:, 1] + 0.3 * X[:, 3] + rng.normal(scale=0.5, size=rows)) > 0
    return X, y


@pytest.fixture(scope="module")
def fitted() -> tuple[HistGradientBoostingClassifier, Ranker]:
    X, y = _data()
    model = HistGradientBoostingClassifier(
        max_iter=30, max_leaf_nodes=8, monotonic_cst=[1, -1, 0, 0], random_state=0
    ).fit(X, y)
    ranker = Ranker(FEATURES, export_trees(model), Calibration(1.3, -0.2), {"questions": 1.0})
    return model, ranker


def _probe_rows(ranker: Ranker) -> np.ndarray:
    """Fresh rows, and rows sitting exactly on the trees' thresholds (where "<=" must go left)."""
    fresh, _ = _data(seed=99, rows=200)
    trees = ranker.trees
    inner = np.flatnonzero(~trees.leaf)
    on_edges = np.repeat(fresh[:1], len(inner), axis=0)
    on_edges[np.arange(len(inner)), trees.feature[inner]] = trees.threshold[inner]
    return np.vstack([fresh, on_edges])


def test_numpy_trees_give_what_scikit_learn_gives(
    fitted: tuple[HistGradientBoostingClassifier, Ranker],
) -> None:
    model, ranker = fitted
    rows = _probe_rows(ranker)
    np.testing.assert_allclose(ranker.trees.raw(rows), model.decision_function(rows), rtol=0, atol=1e-9)


def test_probabilities_are_the_calibrated_log_odds(
    fitted: tuple[HistGradientBoostingClassifier, Ranker],
) -> None:
    model, ranker = fitted
    rows = _probe_rows(ranker)
    expected = 1 / (1 + np.exp(-(1.3 * model.decision_function(rows) - 0.2)))
    np.testing.assert_allclose(ranker.probabilities(rows), expected, rtol=0, atol=1e-12)
    assert ranker.probabilities(np.zeros((0, len(FEATURES)))).shape == (0,)


def test_save_and_load_give_identical_predictions(fitted: tuple[object, Ranker], tmp_path: Path) -> None:
    _model, ranker = fitted
    path = tmp_path / "scorers" / "one.json"
    ranker.save(path)
    loaded = Ranker.load(path, FEATURES)
    assert loaded is not None
    rows = _probe_rows(ranker)
    np.testing.assert_array_equal(loaded.probabilities(rows), ranker.probabilities(rows))
    assert loaded.calibration == ranker.calibration and loaded.summary == ranker.summary
    assert not list(path.parent.glob("*.tmp"))


def test_a_scorer_of_another_kind_or_a_broken_file_is_not_loaded(
    fitted: tuple[object, Ranker], tmp_path: Path
) -> None:
    _model, ranker = fitted
    path = tmp_path / "one.json"
    assert Ranker.load(path, FEATURES) is None  # missing
    ranker.save(path)
    assert Ranker.load(path, ("a", "b", "c")) is None  # fitted on other features
    data = json.loads(path.read_text(encoding="utf-8"))
    data["version"] = SCORER_VERSION - 1
    path.write_text(json.dumps(data), encoding="utf-8")
    assert Ranker.load(path, FEATURES) is None  # an older kind
    path.write_text('{"version": ', encoding="utf-8")
    assert Ranker.load(path, FEATURES) is None  # half written


def test_a_fit_from_the_same_knowledge_and_seed_is_the_same_scorer(harbour: Harbour) -> None:
    def fit(seed: int) -> Ranker:
        ranker, _report = fit_ranker(
            harbour.corpus,
            harbour.lexicon,
            None,
            entry_days=harbour.entry_days,
            event_days=list(harbour.entry_days.values()),
            seed=seed,
        )
        return ranker

    first, second = fit(0), fit(0)
    rows = np.vstack(
        [harbour.candidates(q).rows for q in ("wer ist greta holm", "wie alt ist der leuchtturm", "hafen")]
    )
    assert len(first.trees.roots) > 1 and np.ptp(first.probabilities(rows)) > 0.1  # trees, not a constant
    np.testing.assert_array_equal(first.probabilities(rows), second.probabilities(rows))
    np.testing.assert_array_equal(first.trees.threshold, second.trees.threshold)
    assert first.calibration == second.calibration
    assert first.features == NAMES
