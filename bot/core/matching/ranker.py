"""The learned scorer: gradient-boosted trees over `features.FEATURES`, and their calibration.

`training` fits the trees with scikit-learn; here they are plain arrays, walked with numpy, so
answering a question never imports scikit-learn (which alone takes longer to import than the
whole answer takes). The raw score goes through a calibration fitted on out-of-fold predictions,
so that "0.9" means: of the candidates given 0.9, about nine in ten were right. The decision
bands (`decide`) are set on that scale and hold for any story.
"""

from __future__ import annotations

import dataclasses
import json
from dataclasses import dataclass
from pathlib import Path

import numpy as np

#: Bumped whenever features or the fitting change, so cached scorers of an older kind are refit.
SCORER_VERSION = 8


@dataclass(frozen=True)
class Trees:
    """All trees' nodes in flat arrays; `roots` holds each tree's first node."""

    feature: np.ndarray
    threshold: np.ndarray
    left: np.ndarray
    right: np.ndarray
    leaf: np.ndarray
    value: np.ndarray
    roots: np.ndarray
    depth: int
    baseline: float

    def raw(self, rows: np.ndarray) -> np.ndarray:
        """The trees' summed output (log-odds) per row."""
        if not len(rows):
            return np.zeros(0)
        node = np.broadcast_to(self.roots, (len(rows), len(self.roots))).copy()
        at = np.arange(len(rows))[:, None]
        for _ in range(self.depth):
            inner = ~self.leaf[node]
            if not inner.any():
                break
            goes_left = rows[at, self.feature[node]] <= self.threshold[node]
            step = np.where(goes_left, self.left[node], self.right[node])
            node = np.where(inner, step, node)
        return self.baseline + self.value[node].sum(axis=1)


@dataclass(frozen=True)
class Calibration:
    """A logistic map (Platt scaling) of a candidate's log-odds to the observed chance that it is
    right. It rises with the log-odds, so whatever lowers a candidate's score lowers its
    probability: an added unknown word can never raise the confidence."""

    own: float = 1.0
    bias: float = 0.0

    def __call__(self, logits: np.ndarray) -> np.ndarray:
        return 1.0 / (1.0 + np.exp(-(self.own * logits + self.bias)))


@dataclass(frozen=True)
class Ranker:
    """A fitted scorer for one knowledge set (see `training.fit_ranker`)."""

    features: tuple[str, ...]
    trees: Trees
    calibration: Calibration
    #: What it was fitted on, for `/wissen status` and `--explain`.
    summary: dict[str, float]

    def probabilities(self, rows: np.ndarray) -> np.ndarray:
        """Calibrated probability that each candidate row of one question is a right answer."""
        return self.calibration(self.trees.raw(rows))

    def save(self, path: Path) -> None:
        trees = self.trees
        data = {
            "version": SCORER_VERSION,
            "features": list(self.features),
            "summary": self.summary,
            "trees": {
                "feature": trees.feature.tolist(),
                "threshold": trees.threshold.tolist(),
                "left": trees.left.tolist(),
                "right": trees.right.tolist(),
                "leaf": trees.leaf.astype(int).tolist(),
                "value": trees.value.tolist(),
                "roots": trees.roots.tolist(),
                "depth": trees.depth,
                "baseline": trees.baseline,
            },
            "calibration": dataclasses.asdict(self.calibration),
        }
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_suffix(".tmp")
        temporary.write_text(json.dumps(data), encoding="utf-8")
        temporary.replace(path)

    @classmethod
    def load(cls, path: Path, features: tuple[str, ...]) -> Ranker | None:
        """The saved scorer, or None when missing, unreadable or of another kind."""
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        if data.get("version") != SCORER_VERSION or tuple(data.get("features", ())) != features:
            return None
        t = data["trees"]
        trees = Trees(
            feature=np.asarray(t["feature"], dtype=np.int64),
            threshold=np.asarray(t["threshold"], dtype=np.float64),
            left=np.asarray(t["left"], dtype=np.int64),
            right=np.asarray(t["right"], dtype=np.int64),
            leaf=np.asarray(t["leaf"], dtype=bool),
            value=np.asarray(t["value"], dtype=np.float64),
            roots=np.asarray(t["roots"], dtype=np.int64),
            depth=int(t["depth"]),
            baseline=float(t["baseline"]),
        )
        c = data["calibration"]
        calibration = Calibration(float(c["own"]), float(c["bias"]))
        return cls(features, trees, calibration, dict(data.get("summary", {})))
