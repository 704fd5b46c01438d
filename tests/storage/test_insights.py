"""The insight store on a real database, SQLite and PostgreSQL alike (tests/storage/conftest.py):
counts, grouping input, feedback, history, retention."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta

import pytest

from bot.storage.insights import InsightRecords
from tests.storage.conftest import stored_values

T0 = datetime(2030, 3, 1, 12, 0, tzinfo=UTC)


@pytest.fixture
def store(make_store) -> InsightRecords:  # noqa: ANN001 - the factory of conftest.py
    return make_store()


def test_the_same_question_is_counted_not_repeated(store: InsightRecords) -> None:
    store.record_unanswered("Wer ist Mira?", "no_match", 11, at=T0)
    store.record_unanswered("wer ist   mira", "ambiguous", 11, at=T0 + timedelta(hours=2))
    store.record_unanswered("WER IST MIRA!!", "no_match", 22, at=T0 - timedelta(hours=1))
    [asked] = store.unanswered()
    assert asked.text == "wer ist mira"
    assert asked.count == 3
    assert asked.first_seen == T0 - timedelta(hours=1)
    assert asked.last_seen == T0 + timedelta(hours=2)


def test_most_asked_come_first(store: InsightRecords) -> None:
    for _ in range(3):
        store.record_unanswered("was verdient altman", "no_match", 1, at=T0)
    store.record_unanswered("wer ist mira", "no_match", 1, at=T0)
    assert [q.text for q in store.unanswered()] == ["was verdient altman", "wer ist mira"]
    assert [q.text for q in store.unanswered(limit=1)] == ["was verdient altman"]


def test_no_member_id_or_mention_is_stored(store: InsightRecords) -> None:
    store.record_unanswered("<@123456789012345678> wer ist <@!223456789012345678> @Tobi?", "no_match", 42)
    store.record_unanswered("<#323456789012345678> frag 423456789012345678", "no_match", None)
    stored = stored_values(store)
    for forbidden in ("123456789012345678", "223456789012345678", "423456789012345678", "tobi"):
        assert forbidden not in stored.lower()
    assert {q.text for q in store.unanswered()} == {"wer ist", "frag"}


def test_only_unanswered_statuses_and_text_that_is_left(store: InsightRecords) -> None:
    with pytest.raises(ValueError):
        store.record_unanswered("wer ist mira", "answered", 1)
    assert store.record_unanswered("?!  <@123456789012345678>", "no_match", 1) is False
    assert store.unanswered() == []


def test_feedback_counts_per_answer_and_worst_first(store: InsightRecords) -> None:
    for helpful in (False, False, True):
        store.record_feedback("faq-a", helpful, 5)
    store.record_feedback("faq-b", False, 5)
    store.record_feedback("faq-c", True, 5)
    worst = store.least_helpful()
    assert [(f.answer_id, f.helpful, f.not_helpful) for f in worst] == [("faq-a", 1, 2), ("faq-b", 0, 1)]
    assert store.reset_feedback(["faq-a"]) == 1
    assert [f.answer_id for f in store.least_helpful()] == ["faq-b"]
    assert store.reset_feedback([]) == 0


def test_reload_history_newest_first(store: InsightRecords) -> None:
    store.record_reload("Mod Anna", True, "2 neu", at=T0)
    store.record_reload("Datei-Überwachung", False, "faq.yaml:3: unknown label", at=T0 + timedelta(minutes=1))
    history = store.reloads()
    assert [(r.moderator, r.ok, r.summary) for r in history] == [
        ("Datei-Überwachung", False, "faq.yaml:3: unknown label"),
        ("Mod Anna", True, "2 neu"),
    ]
    assert history[1].at == T0


def test_retention_deletes_old_questions_and_history_only(store: InsightRecords) -> None:
    store.record_unanswered("alte frage", "no_match", 1, at=T0 - timedelta(days=40))
    store.record_unanswered("neue frage", "no_match", 1, at=T0 - timedelta(days=2))
    store.record_reload("Mod", True, "alt", at=T0 - timedelta(days=31))
    store.record_feedback("faq-a", False)
    assert store.purge(now=T0) == 2
    assert [q.text for q in store.unanswered()] == ["neue frage"]
    assert store.reloads() == []
    assert [f.answer_id for f in store.least_helpful()] == ["faq-a"]


def test_a_question_asked_again_survives_retention(store: InsightRecords) -> None:
    store.record_unanswered("frage", "no_match", 1, at=T0 - timedelta(days=40))
    store.record_unanswered("frage", "no_match", 1, at=T0 - timedelta(days=1))
    store.purge(now=T0)
    assert [q.count for q in store.unanswered()] == [2]


def test_writes_from_worker_threads_all_land(store: InsightRecords) -> None:
    async def many() -> None:
        await asyncio.gather(
            *(asyncio.to_thread(store.record_unanswered, "wer ist mira", "no_match", 1) for _ in range(50)),
            *(asyncio.to_thread(store.record_feedback, "faq-a", False, 1) for _ in range(50)),
        )

    asyncio.run(many())
    assert store.unanswered()[0].count == 50
    assert store.least_helpful()[0].not_helpful == 50


def test_a_second_store_on_the_same_database_sees_the_data(make_store) -> None:  # noqa: ANN001
    first = make_store()
    first.record_unanswered("wer ist mira", "no_match", 1)
    second = make_store()
    assert [q.text for q in second.unanswered()] == ["wer ist mira"]
    assert second.tally() == (0, 0)


def test_retention_zero_stores_no_questions(make_store) -> None:  # noqa: ANN001
    strict = make_store(retention_days=0)
    assert strict.record_unanswered("wer ist mira", "no_match", 1) is False
    assert strict.unanswered() == []
    strict.record_feedback("faq-a", False)
    assert len(strict.least_helpful()) == 1
    assert strict.tally() == (0, 1)


def test_discord_ids_fit(store: InsightRecords) -> None:
    """Channel ids are 64-bit snowflakes."""
    store.record_unanswered("wer ist mira", "no_match", 1_234_567_890_123_456_789)
    assert store.unanswered()[0].count == 1
