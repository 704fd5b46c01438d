"""One error path: the member gets a short German ephemeral note, the log gets the traceback."""

from __future__ import annotations

import logging

import pytest

from bot.discord_app import paging
from bot.discord_app.errors import GENERIC_ERROR
from tests.discord_app.harness import ADMIN, ADMIN_PERMISSIONS, ASKER, Harness


def broken(*args: object, **kwargs: object) -> None:
    raise RuntimeError("kaputt")


def tracebacks(caplog: pytest.LogCaptureFixture) -> list[logging.LogRecord]:
    return [r for r in caplog.records if r.exc_info and "kaputt" in str(r.exc_info[1])]


async def test_command_error_before_responding(harness: Harness, monkeypatch, caplog) -> None:  # noqa: ANN001
    await harness.start()
    monkeypatch.setattr(harness.bot.store.engine, "ask", broken)
    await harness.command("frage", [{"name": "frage", "type": 3, "value": "Wer ist Greta Holm?"}])
    call = harness.calls[-1]
    assert call.path.endswith("/callback")
    assert call.payload["data"]["content"] == GENERIC_ERROR and call.payload["data"]["flags"] == 64
    assert len(tracebacks(caplog)) == 1


async def test_command_error_after_deferring_uses_a_followup(harness: Harness, monkeypatch, caplog) -> None:  # noqa: ANN001
    await harness.start()
    monkeypatch.setattr(harness.bot.store, "reload", broken)
    await harness.command("wissen", sub="neu-laden", user=ADMIN, permissions=ADMIN_PERMISSIONS)
    call = harness.calls[-1]
    assert call.method == "POST" and call.path.startswith("/webhooks/"), "a follow-up, not a second response"
    assert call.payload["content"] == GENERIC_ERROR and call.payload["flags"] == 64
    assert len(tracebacks(caplog)) == 1


async def test_button_error_goes_through_the_same_path(harness: Harness, monkeypatch, caplog) -> None:  # noqa: ANN001
    await harness.start()
    await harness.command("timeline")
    message_id = harness.last_message_id()
    monkeypatch.setattr(paging, "page_source", broken)
    await harness.click(message_id, f"pg:1:t:n:{ASKER}:0::::")
    call = harness.calls[-1]
    assert call.payload["data"]["content"] == GENERIC_ERROR and call.payload["data"]["flags"] == 64
    assert len(tracebacks(caplog)) == 1
