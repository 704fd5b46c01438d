"""Answers in channels: confident only, silent otherwise, never flooding, never pinging."""

from __future__ import annotations

import discord

from tests.discord_app.harness import (
    ANSWER_CHANNEL,
    APP_ID,
    OTHER_CHANNEL,
    OTHER_MEMBER,
    THREAD_ID,
    Harness,
    bot_user,
)

MENTION = f"<@{APP_ID}>"


def posts(harness: Harness) -> list:
    return [c for c in harness.calls if c.method == "POST" and c.path.startswith("/channels/")]


async def test_question_in_answer_channel_gets_the_answer(harness: Harness) -> None:
    await harness.start()
    await harness.post("Wer ist eigentlich Greta Holm?")
    [call] = posts(harness)
    assert call.path == f"/channels/{ANSWER_CHANNEL}/messages"
    assert call.payload["embeds"][0]["title"] == "Greta Holm"
    assert call.payload["allowed_mentions"] == {"parse": [], "replied_user": False}
    assert call.payload["message_reference"]["fail_if_not_exists"] is False
    assert call.payload["components"][0]["components"][0]["custom_id"] == "fb:1:y:greta-holm"


async def test_chatter_and_unsure_questions_get_silence(harness: Harness) -> None:
    await harness.start()
    await harness.post("Danke euch allen, bis morgen")
    await harness.post("Wie wird das Wetter in Paris?")
    await harness.post("Streik?", user=OTHER_MEMBER)  # ambiguous: silence unless mentioned
    await harness.post("Wer ist Greta Holm?", channel=OTHER_CHANNEL)  # not an answer channel
    assert posts(harness) == []


async def test_threads_of_answer_channels_are_answered(harness: Harness) -> None:
    await harness.start()
    await harness.post("Wer ist Greta Holm?", channel=THREAD_ID)
    assert [c.path for c in posts(harness)] == [f"/channels/{THREAD_ID}/messages"]


async def test_mention_gets_suggestions_or_a_hint(harness: Harness) -> None:
    await harness.start()
    await harness.post(f"{MENTION} Streik?", channel=OTHER_CHANNEL, mentions=[bot_user()])
    await harness.post(
        f"{MENTION} was kostet Kaffee", channel=OTHER_CHANNEL, user=OTHER_MEMBER, mentions=[bot_user()]
    )
    ambiguous, no_match = (c.payload for c in posts(harness))
    assert ambiguous["content"].startswith("Meintest du …?")
    assert ambiguous["components"][0]["components"][-1]["label"] == "Nichts davon"
    assert no_match["content"].startswith("Zu „was kostet Kaffee“ weiß ich nichts Gesichertes.")


async def test_everyone_in_a_message_pings_nobody(harness: Harness) -> None:
    await harness.start()
    text = f"{MENTION} @everyone **was** kostet <@{OTHER_MEMBER}> Kaffee?"
    await harness.post(text, channel=OTHER_CHANNEL, mentions=[bot_user()], mention_everyone=True)
    [call] = posts(harness)
    assert call.payload["allowed_mentions"] == {"parse": [], "replied_user": False}
    content = call.payload["content"]
    # The echo of the question leaves the mention out (the core strips mention syntax) and
    # allowed_mentions would stop a ping anyway.
    assert "@everyone" not in content and "kostet" in content
    assert f"<@{OTHER_MEMBER}>" not in content and "\\*\\*was\\*\\*" in content


async def test_everyone_alone_is_not_a_mention_of_the_bot(harness: Harness) -> None:
    await harness.start()
    await harness.post("@everyone Streik?", channel=OTHER_CHANNEL, mention_everyone=True)
    assert posts(harness) == []


async def test_repeat_is_linked_and_cooldowns_hold(harness: Harness) -> None:
    await harness.start()
    await harness.post("Wer ist Greta Holm?")
    await harness.post("Wer ist Greta Holm?")  # same member within the cooldown: silence
    await harness.post("Wer ist Greta Holm?", user=OTHER_MEMBER)
    first, repeat = (c.payload for c in posts(harness))
    assert first["embeds"][0]["title"] == "Greta Holm"
    assert repeat["content"].startswith("Das habe ich hier gerade beantwortet: https://discord.com/channels/")
    assert not repeat.get("embeds")


async def test_channel_burst_limit(harness: Harness) -> None:
    await harness.start()
    for user in range(10):
        await harness.post(f"Wer ist Greta Holm? ({user})", user=1000 + user)
    assert len(posts(harness)) == harness.bot.throttle.channel_burst


async def test_missing_permissions_are_logged_once_not_retried(harness: Harness, caplog) -> None:  # noqa: ANN001
    await harness.start()
    harness.forbidden_channels.add(ANSWER_CHANNEL)
    await harness.post("Wer ist Greta Holm?")
    await harness.post("Was geschah am 2. Mai 2031?", user=OTHER_MEMBER)
    assert len(posts(harness)) == 1, "the second question is not even tried"
    warnings = [r for r in caplog.records if "Missing permissions" in r.getMessage()]
    assert len(warnings) == 1
    assert isinstance(harness.bot.forbidden, object) and harness.bot.forbidden.blocked(ANSWER_CHANNEL)
    assert discord.AllowedMentions.none().to_dict() == harness.bot.allowed_mentions.to_dict()
