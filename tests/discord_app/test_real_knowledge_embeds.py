"""Every answer the shipped knowledge can give fits Discord: spec-valid embeds within all limits.

The other Discord tests use small fixture sets; this one renders each FAQ entry, event, person and
day of the real knowledge, so a long snippet or a source-heavy entry a curator adds is caught here
rather than by Discord refusing the message.
"""

from __future__ import annotations

from datetime import date

import pytest

from bot.config import DEFAULT_KNOWLEDGE_DIR
from bot.core.answers.answer import Answer, compose_answer, compose_day
from bot.core.answers.clock import local_date
from bot.core.knowledge.loader import load_knowledge
from bot.render.embeds import answer_embed
from tests.discord_app.spec import DiscordSpec, message_problems

KNOWLEDGE = load_knowledge(DEFAULT_KNOWLEDGE_DIR)


def _all_answers() -> list[Answer]:
    answers = [
        compose_answer(KNOWLEDGE, entry)
        for entry in (*KNOWLEDGE.faq.values(), *KNOWLEDGE.events.values(), *KNOWLEDGE.people.values())
    ]
    days: set[date] = {local_date(e.when, KNOWLEDGE.story.timezone) for e in KNOWLEDGE.events.values()}
    answers += [answer for day in sorted(days) if (answer := compose_day(KNOWLEDGE, day)) is not None]
    return answers


ANSWERS = _all_answers()


@pytest.mark.parametrize("answer", ANSWERS, ids=[answer.id for answer in ANSWERS])
def test_each_answer_of_the_real_knowledge_is_a_valid_message(
    discord_spec: DiscordSpec, answer: Answer
) -> None:
    payload = {"embeds": [answer_embed(answer).to_dict()], "allowed_mentions": {"parse": []}}
    assert discord_spec.errors("POST", "/channels/1/messages", payload) == []
    assert message_problems(payload) == []
    embed = payload["embeds"][0]
    assert embed["color"] == answer.weakest_label.colour
    assert embed["footer"]["text"].startswith("Stand: ")


def test_every_entry_and_day_was_rendered() -> None:
    counts = KNOWLEDGE.counts()
    assert len(ANSWERS) > counts["faq"] + counts["events"] + counts["people"]
