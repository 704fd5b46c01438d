"""Open gaps against the current knowledge, and skeleton ids and text."""

from __future__ import annotations

from datetime import UTC, datetime

import yaml

from bot.core.matching.engine import AnswerEngine
from bot.core.moderation.gap_export import faq_skeletons, open_gaps, skeleton_id
from bot.core.moderation.gaps import AskedQuestion, Gap

T0 = datetime(2030, 3, 1, tzinfo=UTC)


def _gap(*texts: str) -> Gap:
    return Gap(tuple(AskedQuestion(text, 1, T0, T0) for text in texts))


def test_ids_are_folded_content_words_and_never_taken() -> None:
    taken = {"faq-zora"}
    assert skeleton_id("wer ist zora", taken) == "faq-zora-2"
    assert skeleton_id("wer ist zora", taken) == "faq-zora-3"
    assert skeleton_id("Was kostet die Brücke über den Fluss heute noch?", taken) == (
        "faq-kostet-bruecke-fluss-heute"
    )
    assert skeleton_id("wer ist das", set()) == "faq-wer-ist-das"


def test_answered_variants_drop_out_and_empty_gaps_vanish(invented_engine: AnswerEngine) -> None:
    gaps = [_gap("bleibt die brücke stehen", "wer ist zora"), _gap("wer ist toni")]
    assert [[v.text for v in g.variants] for g in open_gaps(gaps, invented_engine)] == [["wer ist zora"]]


def test_skeleton_quotes_what_members_typed_safely(invented_engine: AnswerEngine) -> None:
    text = faq_skeletons([_gap('was heißt "abriss: ja"? #frage')], invented_engine.knowledge)
    [entry] = yaml.safe_load(text)["faq"]
    assert entry == {
        "id": "faq-heisst-abriss-frage",
        "title": 'Was heißt "abriss: ja"? #frage?',
        "questions": ['was heißt "abriss: ja"? #frage'],
        "snippets": None,
    }
