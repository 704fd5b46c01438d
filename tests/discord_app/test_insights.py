"""The moderators' loop through real discord.py objects and a real SQLite file in a temporary folder.

Unanswered questions are counted (answered ones are not), `/wissen lücken` and `/wissen feedback`
show what to write and fix next, a reload posts the change announcement and records the history,
and an automatic reload that fails goes to the moderator log. Every payload is checked against
Discord's spec by the harness.
"""

from __future__ import annotations

import asyncio
import dataclasses
import sqlite3
import threading
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from bot.core.store import ReloadOutcome
from bot.discord_app.announce import WATCHER, Insights
from bot.storage.insights import InsightStore
from tests.discord_app.harness import ANSWER_CHANNEL, MOD_ROLE, ROLE_MODERATOR, Harness

MODERATOR = {"user": ROLE_MODERATOR, "roles": (MOD_ROLE,)}
ANNOUNCE_CHANNEL = 900000000000000050
MOD_LOG_CHANNEL = 900000000000000051


@pytest.fixture
def insight_store(tmp_path: Path) -> InsightStore:
    store = InsightStore(tmp_path / "data" / "bot.sqlite3")
    yield store
    store.close()


@pytest.fixture
def wired(harness: Harness, insight_store: InsightStore) -> Harness:
    """The harnessed bot with a database and both channels configured."""
    bot = harness.bot
    bot.settings = dataclasses.replace(
        bot.settings, announce_channel_id=ANNOUNCE_CHANNEL, moderator_log_channel_id=MOD_LOG_CHANNEL
    )
    bot.feedback = insight_store
    bot.insights = Insights(bot, insight_store)
    return harness


def _ask(question: str) -> list[dict[str, object]]:
    return [{"name": "frage", "type": 3, "value": question}]


def _posts_to(harness: Harness, channel: int) -> list[dict[str, object]]:
    return [
        c.payload for c in harness.calls if c.method == "POST" and c.path == f"/channels/{channel}/messages"
    ]


async def test_unanswered_questions_are_counted_with_channel_only(wired: Harness, insight_store) -> None:
    await wired.start()
    for question in ("Wer ist Mira Murati?", "wer ist mira", "Wer ist Greta Holm?"):
        await wired.command("frage", _ask(question))
    await wired.post("Wie wird eigentlich das Wetter morgen?")  # silent in the answer channel, still a gap
    await wired.bot.insights.settle()
    connection = sqlite3.connect(insight_store.path)
    rows = sorted(connection.execute("SELECT text, channel_id, count FROM unanswered"))
    connection.close()
    assert rows == [
        ("wer ist mira", ANSWER_CHANNEL, 1),
        ("wer ist mira murati", ANSWER_CHANNEL, 1),
        ("wie wird eigentlich das wetter morgen", ANSWER_CHANNEL, 1),
    ]


async def test_gaps_are_grouped_for_moderators_only(wired: Harness) -> None:
    await wired.start()
    for question in ("Wer ist Mira Murati?", "wer ist mira", "wer ist mira"):
        await wired.command("frage", _ask(question))
    await wired.bot.insights.settle()
    await wired.command("wissen", sub="lücken")
    refused = wired.last_message()
    assert refused["flags"] == 64 and "Moderatorinnen und Moderatoren" in refused["content"]
    await wired.command("wissen", [{"name": "anzahl", "type": 4, "value": 5}], sub="lücken", **MODERATOR)
    embed = wired.last_message()["embeds"][0]
    assert embed["title"] == "Lücken: meistgefragt ohne Antwort"
    lines = embed["description"].splitlines()
    assert lines[0].startswith("**1.** 3× wer ist mira (zuletzt ")
    assert lines[1] == "└ auch: wer ist mira murati (1×)"
    assert "python -m bot gaps --export" in embed["footer"]["text"]


async def test_feedback_clicks_land_in_sqlite_and_the_worst_come_first(wired: Harness) -> None:
    await wired.start()
    await wired.command("frage", _ask("Wer ist Greta Holm?"))
    answer_id = wired.last_message_id()
    for vote in ("n", "n", "y"):
        await wired.click(answer_id, f"fb:1:{vote}:greta-holm")
    await wired.command("wissen", sub="feedback", **MODERATOR)
    embed = wired.last_message()["embeds"][0]
    assert embed["title"] == "Zuerst verbessern"
    assert embed["description"] == "1. 2× nicht hilfreich, 1× hilfreich – Greta Holm (`greta-holm`)"
    await wired.command("wissen", sub="status", **MODERATOR)
    assert wired.bot.feedback.tally() == (1, 2)


async def test_reload_announces_records_history_and_resets_feedback(
    wired: Harness, knowledge_dir: Path, insight_store: InsightStore
) -> None:
    await wired.start()
    insight_store.record_feedback("ev-streik-nord", False)
    extra = knowledge_dir / "extra.yaml"
    text = extra.read_text(encoding="utf-8").replace(
        '"Am Nordkai wurde gestreikt.", label: Gerücht, sources: [kurier-2031-05-03]',
        '"Am Nordkai wurde gestreikt.", label: bestätigt, sources: [rat-protokoll]',
    )
    extra.write_text(text, encoding="utf-8")
    await wired.command("wissen", sub="neu-laden", **MODERATOR)
    [post] = _posts_to(wired, ANNOUNCE_CHANNEL)
    assert post["content"].splitlines()[1:] == ["✅ Neu bestätigt: Streik am Nordkai"]
    assert post["allowed_mentions"] == {"parse": []}
    assert _posts_to(wired, MOD_LOG_CHANNEL) == [], "manual reloads answer the moderator directly"
    [history] = insight_store.reloads()
    assert (history.moderator, history.ok, history.summary) == (
        "mitglied42",
        True,
        "0 neu, 1 geändert, 0 entfernt",
    )
    assert insight_store.least_helpful() == []

    await wired.command("wissen", sub="neu-laden", **MODERATOR)
    assert len(_posts_to(wired, ANNOUNCE_CHANNEL)) == 1, "nothing new, nothing posted"


async def test_a_failed_automatic_reload_goes_to_the_moderator_log(
    wired: Harness, knowledge_dir: Path, insight_store: InsightStore
) -> None:
    await wired.start()
    before = wired.bot.store.engine
    (knowledge_dir / "kaputt.yaml").write_text("faq:\n  - id: faq-kaputt\n", encoding="utf-8")
    outcome: ReloadOutcome = wired.bot.store.reload()
    await wired.bot.insights.after_reload(outcome, WATCHER, automatic=True)
    [log_post] = _posts_to(wired, MOD_LOG_CHANNEL)
    embed = log_post["embeds"][0]
    assert embed["title"] == "Neu laden abgelehnt – das bisherige Wissen bleibt aktiv"
    assert "kaputt.yaml:2" in embed["description"]
    assert _posts_to(wired, ANNOUNCE_CHANNEL) == []
    assert wired.bot.store.engine is before
    [history] = insight_store.reloads()
    assert history.moderator == WATCHER and not history.ok


async def test_without_a_database_moderators_are_told_so(harness: Harness) -> None:
    await harness.start()
    await harness.command("frage", _ask("wer ist mira"))
    await harness.command("wissen", sub="lücken", **MODERATOR)
    assert "Es wird nichts gespeichert" in harness.last_message()["content"]


async def test_watching_reloads_on_save_and_old_questions_are_purged_at_start(
    harness: Harness, knowledge_dir: Path, insight_store: InsightStore
) -> None:
    bot = harness.bot
    bot.settings = dataclasses.replace(
        bot.settings, watch_knowledge=True, moderator_log_channel_id=MOD_LOG_CHANNEL
    )
    insight_store.record_unanswered("uralte frage", "no_match", 1, at=datetime.now(UTC) - timedelta(days=99))
    bot.insights = Insights(bot, insight_store)
    bot.insights.watch_quiet_ms = 100
    await harness.start()
    await asyncio.sleep(0.5)  # the watcher is up
    assert insight_store.unanswered() == [], "retention ran at start"
    (knowledge_dir / "kaputt.yaml").write_text("faq:\n  - id: faq-kaputt\n", encoding="utf-8")
    for _ in range(200):  # up to 20 s, only when no file event arrives
        if _posts_to(harness, MOD_LOG_CHANNEL):
            break
        await asyncio.sleep(0.1)
    [log_post] = _posts_to(harness, MOD_LOG_CHANNEL)
    assert "kaputt.yaml:2" in log_post["embeds"][0]["description"]
    await bot.insights.close()


class WatchedStore(InsightStore):
    """A real SQLite store that notes, for each read or vote, its thread and what Discord got so far."""

    def __init__(self, path: Path, harness: Harness) -> None:
        super().__init__(path)
        self.harness = harness
        self.seen: list[tuple[str, bool, int]] = []

    def _note(self, what: str) -> None:
        answered = sum(1 for c in self.harness.calls if c.path.endswith("/callback"))
        self.seen.append((what, threading.current_thread() is threading.main_thread(), answered))

    def tally(self) -> tuple[int, int]:
        self._note("tally")
        return super().tally()

    def least_helpful(self, *, limit: int = 10) -> list:
        self._note("least_helpful")
        return super().least_helpful(limit=limit)

    def record_feedback(self, answer_id: str, helpful: bool, channel_id: int | None = None) -> None:
        self._note("record_feedback")
        super().record_feedback(answer_id, helpful, channel_id)


async def test_storage_work_runs_off_the_loop_after_discord_was_answered(
    harness: Harness, tmp_path: Path
) -> None:
    """busy_timeout (5 s) is longer than Discord's 3 s: answer or defer first, then touch the file."""
    store = WatchedStore(tmp_path / "bot.sqlite3", harness)
    bot = harness.bot
    bot.feedback = store
    bot.insights = Insights(bot, store)
    await harness.start()
    await harness.command("frage", _ask("Wer ist Greta Holm?"))
    await harness.click(harness.last_message_id(), "fb:1:n:greta-holm")
    await harness.command("wissen", sub="status", **MODERATOR)
    await harness.command("wissen", sub="feedback", **MODERATOR)
    store.close()
    assert [what for what, _main, _answered in store.seen] == ["record_feedback", "tally", "least_helpful"]
    # Each interaction got its callback (reply or defer) before the database was touched.
    assert [answered for _what, _main, answered in store.seen] == [2, 3, 4]
    assert not any(main for _what, main, _answered in store.seen), "never on the event loop's thread"
    assert harness.last_message()["embeds"][0]["title"] == "Zuerst verbessern"
