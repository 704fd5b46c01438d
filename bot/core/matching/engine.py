"""Question -> Result: analyse, retrieve from both sides, describe, rank, decide.

The engine is built for one knowledge set and never changes; reloading builds a new engine and
swaps it in whole (see `core.store`), so every answer comes from exactly one set. Building it
embeds the knowledge's texts (cached) and fits its ranker (cached per knowledge), so a new story
gets a fitted scorer from its own files.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from bot.core.answers.answer import Result, Suggestion, compose_answer, compose_day
from bot.core.answers.clock import local_date
from bot.core.knowledge.loader import collector_paused
from bot.core.knowledge.model import Knowledge, entry_title
from bot.core.matching.analyse import Analyser, Question
from bot.core.matching.corpus import Corpus
from bot.core.matching.decide import Band, Bands, Ranked, rank, suggestions
from bot.core.matching.dense import DenseIndex, Encoder, VectorCache, load_encoder
from bot.core.matching.features import NAMES, Candidates, candidates
from bot.core.matching.language import Lexicon, load_lexicon
from bot.core.matching.lexical import LexicalIndex
from bot.core.matching.ranker import Ranker
from bot.core.matching.text import fold
from bot.core.matching.training import FitReport, fingerprint, fit_ranker

log = logging.getLogger(__name__)

Progress = Callable[[str], None]


@dataclass(frozen=True, slots=True)
class EngineOptions:
    """How an engine is built: which embedding model, where its caches live, how many threads."""

    #: "e5" (the default), "use", or "none" for the lexical side alone.
    model: str = "e5"
    #: Vector and scorer caches; None keeps nothing on disk.
    cache_dir: Path | None = None
    threads: int = 1
    seed: int = 0
    #: Which texts the dense side embeds (`corpus.DENSE_TEXTS`): "all", or for a very large set
    #: "questions" or "titles", which embed fewer texts once and keep fewer vectors in memory.
    dense_texts: str = "all"


_encoders: dict[tuple[str, int], Encoder | None] = {}
#: Scorers fitted in this process, by what they were fitted on: reloading an unchanged set is cheap.
_fitted: dict[str, Ranker] = {}


def shared_encoder(model: str, threads: int) -> Encoder | None:
    """One loaded model per process, shared by every engine a reload builds."""
    key = (model, threads)
    if key not in _encoders:
        _encoders[key] = load_encoder(model, threads=threads)
    return _encoders[key]


@dataclass(frozen=True, slots=True)
class Explanation:
    """What `ask --explain` prints: the analysis, each candidate's features and probability."""

    question: Question
    candidates: Candidates
    ranked: Ranked
    band: Band
    result: Result


class AnswerEngine:
    """Answers questions from one knowledge set."""

    def __init__(
        self,
        knowledge: Knowledge,
        *,
        encoder: Encoder | None = None,
        cache_dir: Path | None = None,
        bands: Bands | None = None,
        seed: int = 0,
        progress: Progress | None = None,
        lexicon: Lexicon | None = None,
        refit: bool = False,
        dense_texts: str = "all",
    ):
        self.knowledge = knowledge
        self.bands = bands or Bands()
        self.lexicon = lexicon or load_lexicon()
        self.encoder_name = encoder.name if encoder is not None else None
        self.dense_texts = dense_texts
        timezone = knowledge.story.timezone
        self._entry_days = {e.id: local_date(e.when, timezone) for e in knowledge.events.values()}
        self._event_days = list(self._entry_days.values())
        corpus = Corpus.of(knowledge, dense_texts=dense_texts)
        with collector_paused():
            self.lexical = LexicalIndex(corpus.searchable(), self.lexicon)
        self.analyser = Analyser(
            self.lexicon,
            self.lexical.vocabulary,
            proper_names=self.lexical.proper_names,
            head_words=self.lexical.head_words,
            event_days=self._event_days,
        )
        self.dense = self._dense(corpus, encoder, cache_dir, progress)
        self.fit_report: FitReport | None = None
        self.ranker = self._ranker(corpus, cache_dir, seed, progress, refit=refit)

    @classmethod
    def build(
        cls, knowledge: Knowledge, options: EngineOptions | None = None, progress: Progress | None = None
    ) -> AnswerEngine:
        """An engine as the settings ask for it (see `EngineOptions`)."""
        options = options or EngineOptions()
        return cls(
            knowledge,
            encoder=shared_encoder(options.model, options.threads),
            cache_dir=options.cache_dir,
            seed=options.seed,
            progress=progress,
            dense_texts=options.dense_texts,
        )

    @property
    def mode(self) -> str:
        """How it matches, for `/wissen status`: with the embedding model or by words alone."""
        if not self.encoder_name:
            return "nur Wörter"
        scope = {"questions": ", nur Titel und Fragen", "titles": ", nur Titel"}.get(self.dense_texts, "")
        return f"Wörter und Bedeutung ({self.encoder_name}{scope})"

    def _dense(
        self, corpus: Corpus, encoder: Encoder | None, cache_dir: Path | None, progress: Progress | None
    ) -> DenseIndex | None:
        if encoder is None:
            return None
        cache = VectorCache(None if cache_dir is None else cache_dir / "vectors", encoder)

        def report(done: int, total: int) -> None:
            if progress:
                progress(f"Texte eingebettet: {done}/{total}")

        head = corpus.head_texts()
        return DenseIndex(
            corpus.entry_ids,
            [(position, text) for position, _entry, text in head],
            corpus.snippet_texts(),
            [fold(t) for t in corpus.no_answer],
            cache,
            progress=report,
        )

    def _ranker(
        self, corpus: Corpus, cache_dir: Path | None, seed: int, progress: Progress | None, *, refit: bool
    ) -> Ranker:
        """The scorer fitted on this knowledge: from this process, from the cache, or fitted now."""
        key = fingerprint(corpus, self.encoder_name or "lexical", seed)
        path = None if cache_dir is None else cache_dir / "scorers" / f"{key}.json"
        cached = None if refit else _fitted.get(key) or (Ranker.load(path, NAMES) if path else None)
        if cached is not None:
            _fitted[key] = cached
            return cached
        if progress:
            progress("Bewerter wird aus dem Wissen gelernt …")
        with collector_paused():
            ranker, self.fit_report = fit_ranker(
                corpus,
                self.lexicon,
                self.dense,
                entry_days=self._entry_days,
                event_days=self._event_days,
                seed=seed,
                progress=progress,
            )
        _fitted[key] = ranker
        if path is not None:
            ranker.save(path)
        return ranker

    # ----------------------------------------------------------------- asking

    def analyse(self, question: str) -> Question:
        return self.analyser.analyse(question)

    def ask(self, question: str) -> Result:
        """Answer, suggest or stay silent; never raises on any text."""
        return self.explain(question).result

    def explain(self, text: str) -> Explanation:
        """The whole way of one question, for `ask` and for `ask --explain`."""
        question = self.analyse(text)
        day = self._day_result(text, question)
        if day is not None:
            return Explanation(question, Candidates((), np.zeros((0, 0))), Ranked((), ()), "answer", day)
        exact = self.lexical.exact_variant(question)
        if exact is not None:
            # Spelled like one of an entry's question variants or members' examples: the
            # knowledge itself says which entry answers it.
            ranked = Ranked((exact,), (1.0,))
            empty = Candidates((exact,), np.zeros((1, len(NAMES))))
            return Explanation(question, empty, ranked, "answer", self._answered(text, exact, 1.0))
        if not any(t.known for t in question.topic):
            # "hallo", "lol", "wie wird das wetter": nothing the knowledge has a word for.
            empty = Candidates((), np.zeros((0, 0)))
            return Explanation(
                question, empty, Ranked((), ()), "silent", self._no_match(text, Ranked((), ()))
            )
        vector = self.dense.embed(question.dense_text) if self.dense is not None else None
        found = candidates(question, self.lexical, self.dense, vector, entry_days=self._entry_days)
        ranked = rank(found.entry_ids, self.ranker.probabilities(found.rows).tolist())
        band = self.bands.band(ranked)
        if band == "answer":
            result = self._answered(text, ranked.entry_ids[0], ranked.best)
        elif band == "suggest":
            offered = suggestions(ranked, self.bands)
            result = Result(
                query=text,
                status="ambiguous",
                score=round(100 * ranked.best, 1),
                suggestions=tuple(self._suggestion(e, ranked) for e in offered),
            )
        else:
            result = self._no_match(text, ranked)
        return Explanation(question, found, ranked, band, result)

    def _day_result(self, text: str, question: Question) -> Result | None:
        """A question that only names a day ("was war am 19.11.") gets that day's events."""
        if question.day is None:
            return None
        lexicon = self.lexicon
        rest = [
            t
            for t in question.topic
            if t.tag in ("content", "name")
            and t.word not in question.day_words
            and t.word not in lexicon.day_question
            and t.word not in lexicon.everyday
        ]
        if rest:
            return None  # "Altman am 17.11.": asked about more than the day
        answer = compose_day(self.knowledge, question.day)
        if answer is None:
            return self._no_match(text, Ranked((), ()))
        return Result(query=text, status="answered", score=100.0, answer=answer)

    def ask_person(self, name: str) -> Result:
        """Answer with a person only (`/person`): an id or a clearly meant name answers, several
        near names are suggestions, and nothing else is ever offered."""
        if name in self.knowledge.people:
            return self._answered(name, name, 1.0)
        explained = self.explain(name)
        people = [
            (e, p)
            for e, p in zip(explained.ranked.entry_ids, explained.ranked.probabilities, strict=True)
            if e in self.knowledge.people
        ]
        if not people:
            return Result(query=name, status="no_match", score=0.0)
        ranked = Ranked(tuple(e for e, _ in people), tuple(p for _, p in people))
        if self.bands.band(ranked) == "answer":
            return self._answered(name, ranked.entry_ids[0], ranked.best)
        offered = [e for e, p in people if p >= self.bands.suggestion_floor][: self.bands.max_suggestions]
        return Result(
            query=name,
            status="ambiguous" if offered else "no_match",
            score=round(100 * ranked.best, 1),
            suggestions=tuple(self._suggestion(e, ranked) for e in offered),
        )

    def _answered(self, question: str, entry_id: str, probability: float) -> Result:
        entry = self.knowledge.entry(entry_id)
        assert entry is not None, entry_id
        answer = compose_answer(self.knowledge, entry)
        return Result(query=question, status="answered", score=round(100 * probability, 1), answer=answer)

    def _no_match(self, question: str, ranked: Ranked) -> Result:
        """Nothing confident: offer nearby topics (or the featured ones), never an answer."""
        nearby = [self._suggestion(e, ranked) for e in ranked.entry_ids[:3]]
        if not nearby:
            featured = [fid for fid in self.knowledge.story.featured if fid in self.knowledge.faq]
            nearby = [Suggestion(fid, self.knowledge.faq[fid].title, 0.0) for fid in featured[:3]]
        return Result(
            query=question, status="no_match", score=round(100 * ranked.best, 1), suggestions=tuple(nearby)
        )

    def _suggestion(self, entry_id: str, ranked: Ranked) -> Suggestion:
        entry = self.knowledge.entry(entry_id)
        assert entry is not None, entry_id
        probability = dict(zip(ranked.entry_ids, ranked.probabilities, strict=True)).get(entry_id, 0.0)
        return Suggestion(entry_id, entry_title(entry), round(100 * probability, 1))
