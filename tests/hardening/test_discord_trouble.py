"""Discord misbehaves: 429 and 5xx on send, Forbidden, a gateway reconnect.

Sends go through discord.py's real HTTP client (its rate-limit and retry loop); only the aiohttp
session under it is replaced by one that answers from a script and otherwise from the harness.
Sleeps are recorded, not slept. What must hold: the bot does not crash, logs each failure once,
never retries on its own on top of discord.py's bounded retries, and keeps answering afterwards.
"""

from __future__ import annotations

import asyncio
import json
import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any

import discord
import discord.http
import pytest

from bot.discord_app.announce import Insights
from bot.storage.insights import InsightStore
from tests.discord_app.harness import ADMIN, ADMIN_PERMISSIONS, ANSWER_CHANNEL, ASKER, OTHER_MEMBER, Harness

REAL_REQUEST = discord.http.HTTPClient.request
REAL_SLEEP = asyncio.sleep
MESSAGES = f"/channels/{ANSWER_CHANNEL}/messages"


class FakeResponse:
    """What discord.py reads from an aiohttp response."""

    def __init__(self, status: int, body: Any, headers: dict[str, str] | None = None) -> None:
        self.status = status
        self.reason = {200: "OK", 403: "Forbidden", 429: "Too Many Requests"}.get(status, "Server Error")
        self.body = body
        self.headers = {"content-type": "application/json", **(headers or {})}

    async def text(self, encoding: str = "utf-8") -> str:
        return json.dumps(self.body)

    async def __aenter__(self) -> FakeResponse:
        return self

    async def __aexit__(self, *exc: object) -> None:
        return None


#: Script: (method, path, attempt number on that path) -> a response, or None for the harness.
Script = Callable[[str, str, int], FakeResponse | None]


class FakeSession:
    def __init__(self, harness: Harness, script: Script) -> None:
        self.harness = harness
        self.script = script
        self.attempts: dict[tuple[str, str], int] = {}

    def request(self, method: str, url: str, **kwargs: Any) -> FakeResponse:
        path = url.removeprefix(discord.http.Route.BASE).split("?")[0]
        count = self.attempts[(method, path)] = self.attempts.get((method, path), 0) + 1
        scripted = self.script(method, path, count)
        if scripted is not None:
            return scripted
        payload = json.loads(kwargs["data"]) if kwargs.get("data") else None
        return FakeResponse(200, self.harness.answer(method, url, payload))


def rate_limited(retry_after: float = 0.25) -> FakeResponse:
    body = {"message": "You are being rate limited.", "retry_after": retry_after, "global": False}
    return FakeResponse(429, body, {"Via": "1.1 google", "X-Ratelimit-Remaining": "0"})


def server_error(status: int) -> FakeResponse:
    return FakeResponse(status, {"message": "Server Error", "code": 0})


FORBIDDEN = FakeResponse(403, {"message": "Missing Permissions", "code": 50013})

SCENARIOS: dict[str, tuple[Script, int, bool]] = {
    # name: (script for the first question's send, sends discord.py tries, delivered in the end)
    "429 once": (lambda m, p, n: rate_limited() if p == MESSAGES and n == 1 else None, 2, True),
    "429 every time": (lambda m, p, n: rate_limited() if p == MESSAGES and n <= 5 else None, 5, False),
    "500 every time": (lambda m, p, n: server_error(500) if p == MESSAGES and n <= 5 else None, 5, False),
    "502 twice": (lambda m, p, n: server_error(502) if p == MESSAGES and n <= 2 else None, 3, True),
    "503": (lambda m, p, n: server_error(503) if p == MESSAGES and n == 1 else None, 1, False),
    "403 Forbidden": (lambda m, p, n: FORBIDDEN if p == MESSAGES else None, 1, False),
}


@pytest.fixture
def slept(monkeypatch: pytest.MonkeyPatch) -> list[float]:
    """Record the sleeps discord.py asks for instead of sleeping them."""
    delays: list[float] = []

    async def record(delay: float, result: Any = None) -> Any:
        if delay > 0:
            delays.append(delay)
        return await REAL_SLEEP(0, result)

    monkeypatch.setattr(asyncio, "sleep", record)
    return delays


def through_discord_http(harness: Harness, monkeypatch: pytest.MonkeyPatch, script: Script) -> FakeSession:
    monkeypatch.setattr(discord.http.HTTPClient, "request", REAL_REQUEST)
    session = FakeSession(harness, script)
    http = harness.bot.http
    http._HTTPClient__session = session  # type: ignore[attr-defined]
    http._global_over = asyncio.Event()
    http._global_over.set()
    return session


def bot_log(caplog: pytest.LogCaptureFixture) -> list[str]:
    return [
        r.getMessage() for r in caplog.records if r.name.startswith("bot.") and r.levelno >= logging.WARNING
    ]


@pytest.mark.parametrize("name", sorted(SCENARIOS))
async def test_send_trouble_is_logged_once_and_never_stormed(
    harness: Harness,
    monkeypatch: pytest.MonkeyPatch,
    caplog,
    slept: list[float],
    name: str,  # noqa: ANN001
) -> None:
    script, tries, delivered = SCENARIOS[name]
    caplog.set_level(logging.INFO)
    await harness.start()
    session = through_discord_http(harness, monkeypatch, script)

    await harness.post("Wer ist Greta Holm?", user=ASKER)
    assert session.attempts[("POST", MESSAGES)] == tries, "discord.py's bounded retries, nothing more"
    assert sum(slept) <= 30, f"backoff stays bounded: {slept}"
    if delivered:
        assert harness.sent_messages() and bot_log(caplog) == []
    else:
        assert len(bot_log(caplog)) == 1, bot_log(caplog)

    # The next question: answered once Discord is well again; a channel that refused us is left
    # alone (no attempt, no second log line) instead of being retried.
    await harness.post("Worum geht es im Hafenstreit?", user=OTHER_MEMBER)
    await REAL_SLEEP(0)
    after = session.attempts[("POST", MESSAGES)]
    if name == "403 Forbidden":
        assert after == tries and len(bot_log(caplog)) == 1
    else:
        assert after == tries + 1 and harness.sent_messages(), "answering again"
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]


async def test_an_interaction_that_cannot_be_answered_is_logged_not_retried(
    harness: Harness,
    monkeypatch: pytest.MonkeyPatch,
    caplog,  # noqa: ANN001
) -> None:
    caplog.set_level(logging.INFO)
    await harness.start()
    answer = harness.answer
    callbacks: list[str] = []

    def failing(method: str, url: str, payload: Any) -> Any:
        if url.endswith("/callback"):
            callbacks.append(url)
            raise discord.DiscordServerError(FakeResponse(500, {}), {"message": "Server Error", "code": 0})
        return answer(method, url, payload)

    monkeypatch.setattr(harness, "answer", failing)
    await harness.command("frage", [{"name": "frage", "type": 3, "value": "Wer ist Greta Holm?"}])
    assert len(callbacks) == 2, "the answer, then one short error note; no loop"
    logged = [r for r in caplog.records if r.name.startswith("bot.") and r.levelno >= logging.WARNING]
    assert len(logged) == 2, [r.getMessage() for r in logged]  # the traceback, and 'could not tell'


async def test_a_reload_whose_reply_fails_is_not_lost(
    harness: Harness,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    caplog,  # noqa: ANN001
) -> None:
    history = InsightStore(tmp_path / "bot.sqlite3")
    harness.bot.insights = Insights(harness.bot, history)
    await harness.start()
    engine = harness.bot.store.engine
    answer = harness.answer

    def followups_fail(method: str, url: str, payload: Any) -> Any:
        if "/webhooks/" in url:
            raise discord.DiscordServerError(FakeResponse(503, {}), {"message": "Unavailable", "code": 0})
        return answer(method, url, payload)

    monkeypatch.setattr(harness, "answer", followups_fail)
    await harness.command("wissen", sub="neu-laden", user=ADMIN, permissions=ADMIN_PERMISSIONS)
    await harness.bot.insights.settle()
    store = harness.bot.store
    assert store.last_reload is not None and store.last_reload.ok, "the reload itself happened"
    assert store.engine is not engine, "and its knowledge answers"
    assert [record.ok for record in history.reloads()] == [True], "and it is in the history"
    history.close()


async def test_a_gateway_reconnect_changes_nothing(harness: Harness, caplog) -> None:  # noqa: ANN001
    caplog.set_level(logging.INFO)
    await harness.start()
    bot = harness.bot
    calls, tasks = len(harness.calls), set(bot.insights._tasks)
    for _ in range(3):  # a dropped connection, resumed; then one that needed a new session
        bot.dispatch("disconnect")
        bot.dispatch("connect")
        bot.dispatch("resumed")
    bot.dispatch("ready")
    for _ in range(5):
        await REAL_SLEEP(0)
    assert len(harness.calls) == calls, "no command sync or message storm on reconnect"
    assert set(bot.insights._tasks) == tasks, "no second watcher or clean-up loop"
    assert not [r for r in caplog.records if r.levelno >= logging.WARNING]
    assert len([r for r in caplog.records if r.name.startswith("bot.")]) <= 1, "at most one line"
    assert bot.store.reload().ok
    await harness.post("Wer ist Greta Holm?")
    assert harness.sent_messages(), "answering after the reconnect"
