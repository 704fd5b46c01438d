"""Hostile questions through Discord: within limits, nobody pinged, member text echoed escaped.

Each question is sent three ways a member can send it: a message mentioning the bot, a message in
an answer channel, and /frage (cut to the option's 500 characters, as Discord enforces). The
harness validates every payload against the spec and limits and checks allowed mentions.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from typing import Any

import pytest

from bot.core.matching.text import MAX_QUESTION_CHARS
from tests.discord_app.harness import APP_ID, OTHER_MEMBER, Harness, bot_user
from tests.hardening.hostile import HOSTILE_QUESTIONS

#: Mention syntax that would ping (or look like a ping) if sent unescaped.
RAW_MENTION = re.compile(r"@(everyone|here)\b|<@[!&]?\d+>")
#: Markup from the questions that must never come back unescaped (a backslash before it is fine).
RAW_MARKUP = re.compile(r"(?<!\\)(\*\*Wer\*\* ist|```python|\|\|Spoiler|\[Link\])")


def strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from strings(item)


@pytest.mark.parametrize("name", sorted(HOSTILE_QUESTIONS))
async def test_hostile_question_through_discord(harness: Harness, caplog, name: str) -> None:  # noqa: ANN001
    question = HOSTILE_QUESTIONS[name]
    caplog.set_level(logging.WARNING)
    await harness.start()
    await harness.post(f"<@{APP_ID}> {question}", mentions=[bot_user()])
    await harness.post(question, user=OTHER_MEMBER)
    option = question[:MAX_QUESTION_CHARS] or "?"
    await harness.command("frage", [{"name": "frage", "type": 3, "value": option}])
    await harness.autocomplete("frage", "frage", question[:MAX_QUESTION_CHARS])

    assert harness.sent_messages(), "the bot answered at least /frage"
    for message in harness.sent_messages():
        for text in strings({k: v for k, v in message.items() if k != "allowed_mentions"}):
            assert not RAW_MENTION.search(text), f"unescaped mention sent: {text[:200]!r}"
            assert not RAW_MARKUP.search(text), f"markup echoed: {text[:200]!r}"
    problems = [r for r in caplog.records if r.levelno >= logging.WARNING]
    assert not problems, [r.getMessage() for r in problems]
