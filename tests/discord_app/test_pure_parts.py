"""The parts without Discord objects: question detection, throttling, embed limits, translations."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import discord

from bot.core.answers.answer import Answer, AnswerSnippet
from bot.core.knowledge.model import Label, Source
from bot.core.matching.analyse import reads_as_question
from bot.core.matching.language import load_lexicon
from bot.core.moderation.feedback import FeedbackSink, InMemoryFeedback
from bot.discord_app.throttle import ReplyThrottle
from bot.discord_app.translations import COMMAND_NAMES, DESCRIPTIONS, OPTION_NAMES
from bot.render.embeds import (
    DESCRIPTION_LIMIT,
    EMBED_TOTAL_LIMIT,
    FIELD_VALUE_LIMIT,
    answer_embed,
    cut,
)
from tests.discord_app.spec import DiscordSpec, message_problems


def test_reads_as_question() -> None:
    for text in (
        "Wer ist Greta Holm?",
        "wann trat sie zurück",
        "who is greta",
        "<@1> Holm?",
        "Stimmt das mit dem Streik",
    ):
        assert reads_as_question(text, load_lexicon()), text
    for text in ("Danke euch!", "ok", "/frage wer", "!help me please", "haha lol", "x" * 400 + "?", ""):
        assert not reads_as_question(text, load_lexicon()), text


def test_throttle_member_channel_and_repeat() -> None:
    now = [0.0]
    throttle = ReplyThrottle(clock=lambda: now[0])
    assert throttle.allows(1, 10)
    throttle.record(1, 10, "faq-a", "https://discord.com/channels/1/1/5")
    assert not throttle.allows(1, 10), "member cooldown"
    assert throttle.allows(1, 11)
    assert throttle.earlier_reply(1, "faq-a") == "https://discord.com/channels/1/1/5"
    assert throttle.earlier_reply(2, "faq-a") is None, "per channel"
    for member in range(12, 15):
        throttle.record(1, member)
    assert not throttle.allows(1, 99), "channel burst"
    now[0] = 61.0
    assert throttle.allows(1, 99) and throttle.allows(1, 10)
    now[0] = 301.0
    assert throttle.earlier_reply(1, "faq-a") is None


def huge_answer() -> Answer:
    label = Label("Gerücht", "Gerücht", "🗣️", 0xF9A825, "Berichtet.", False, 2)
    sources = tuple(
        Source(
            f"s{n}",
            "Artikel",
            "Verlag " * 20,
            "Titel " * 60,
            date(2031, 5, 1),
            False,
            f"https://example.org/{n}",
        )
        for n in range(40)
    )
    snippets = tuple(
        AnswerSnippet("Satz. " * 100, label, sources[n : n + 2], date(2031, 5, 4)) for n in range(30)
    )
    return Answer("faq-x", "faq", "T" * 400, snippets, date(2031, 5, 4), "Europe/Berlin")


def test_a_huge_answer_stays_within_every_limit(discord_spec: DiscordSpec) -> None:
    embed = answer_embed(huge_answer())
    assert len(embed) <= EMBED_TOTAL_LIMIT
    assert len(embed.title or "") == 256 and embed.title.endswith("…")
    assert len(embed.description or "") <= DESCRIPTION_LIMIT and embed.description.endswith("…")
    assert all(len(field.value or "") <= FIELD_VALUE_LIMIT for field in embed.fields)
    payload = {"embeds": [embed.to_dict()], "allowed_mentions": {"parse": []}}
    assert discord_spec.errors("POST", "/channels/1/messages", payload) == []
    assert message_problems(payload) == []


def test_cut_marks_what_it_cut() -> None:
    assert cut("kurz", 10) == "kurz"
    assert cut("ein langer Satz", 8) == "ein lan…"
    assert cut("", 5) == "…"


def test_every_german_string_has_english() -> None:
    source = "\n".join(p.read_text(encoding="utf-8") for p in Path("bot/discord_app").glob("*.py"))
    for name in COMMAND_NAMES:
        assert f'"{name}"' in source, f"unused translation {name}"
    for text in DESCRIPTIONS:
        assert text in source, f"unused translation {text!r}"
    assert OPTION_NAMES


def test_in_memory_feedback_is_a_feedback_sink() -> None:
    sink = InMemoryFeedback()
    assert isinstance(sink, FeedbackSink)
    sink.record_feedback("faq-a", True, 1)
    sink.record_feedback("faq-a", False, None)
    assert sink.tally() == (1, 1)
    assert discord.AllowedMentions.none().to_dict() == {"parse": []}
