"""End to end through a Discord that is not ours: SimCord, a third-party in-memory Discord from PyPI.

The real FaqBot runs unmodified against SimCord's model of Discord's REST API and gateway (its
own permission checks, interaction rules and limits, not our harness's assumptions): start-up
with a guild sync (and a second guild id that refuses it), questions in an answer channel and
chatter that stays silent, a mention, /frage with autocomplete and feedback, paging by the asker
and by someone else, /wissen refused for a member and working for a moderator, and a restart
after which every old button still answers. Each test runs its scenario in a fresh event loop.
"""

from __future__ import annotations

import asyncio
import logging
import shutil
from pathlib import Path

import discord
import pytest
import simcord

from bot.__main__ import main
from bot.config import Settings
from bot.core.store import KnowledgeStore
from bot.discord_app.client import FaqBot
from bot.health import HEALTHY, NOT_CONNECTED
from tests.discord_app.conftest import FIXTURE_KNOWLEDGE

#: A guild id in GUILD_IDS the bot is not in: Discord (and SimCord) refuse the sync there.
NOT_A_MEMBER = 1_300_000_000_000_000_001


def make_bot(settings: Settings) -> FaqBot:
    return FaqBot(settings, KnowledgeStore(settings.knowledge_dir), report_health=True)


def buttons(message: discord.Message) -> list[dict]:
    """The buttons of a message as Discord's payload shape."""
    return [child.to_dict() for row in message.components for child in row.children]


async def scenario(folder: Path, status_file: Path, caplog: pytest.LogCaptureFixture) -> None:
    bot = make_bot(Settings(knowledge_dir=folder))
    env = simcord.Env(bot, shard_count=1)
    guild = env.create_guild("Hafen")
    questions = guild.create_text_channel("fragen")
    chatter = guild.create_text_channel("plaudern")
    mods = guild.create_role("Moderation")
    asker = guild.add_member(env.create_user("anna"))
    other = guild.add_member(env.create_user("bert"))
    moderator = guild.add_member(env.create_user("mara"), roles=[mods])
    settings = Settings(
        knowledge_dir=folder,
        answer_channel_ids=frozenset({questions.id}),
        moderator_role_ids=frozenset({mods.id}),
        guild_ids=(NOT_A_MEMBER, guild.id),
        status_file=status_file,
    )
    bot.settings = settings
    # Discord refuses a guild sync where the bot is not a member: 403, code 50001.
    env.inject_error(
        "PUT",
        f"/applications/*/guilds/{NOT_A_MEMBER}/commands",
        status=403,
        code=50001,
        message="Missing Access",
    )
    await env.start()
    try:
        await play(env, bot, settings, guild, (questions, chatter), (asker, other, moderator), caplog)
        await env.bot.health.close()  # what bot.close() does on an orderly stop
        assert main(["status", "--file", str(status_file)]) == NOT_CONNECTED, "stopped: not connected"
    finally:
        await env.shutdown()


async def play(env, bot, settings, guild, channels, members, caplog) -> None:  # noqa: ANN001
    questions, chatter = channels
    asker, other, moderator = members
    # Start-up: the guild got its commands, the refusing id is one log line.
    assert "frage" in asker.available_commands(questions)
    refusals = [r.getMessage() for r in caplog.records if "not registered in guild" in r.getMessage()]
    assert len(refusals) == 1 and str(NOT_A_MEMBER) in refusals[0]

    # A question in the answer channel is answered; chatter there and elsewhere stays silent.
    await asker.send(questions, "Wer folgt auf Holm?")
    answer = questions.last_message
    assert answer.author.id == bot.user.id and answer.embeds[0].title == "Wer folgt auf Greta Holm?"
    assert [b["label"] for b in buttons(answer)] == ["hilfreich", "nicht hilfreich"]
    before = len(questions.history())
    await other.send(questions, "Hallo zusammen, schönes Wetter heute")
    await other.send(chatter, "Wer kommt heute zum Grillen?")
    assert len(questions.history()) == before + 1, "only the member's chatter, no reply"
    assert chatter.last_message.author.id == other.id

    # A mention anywhere gets "Meintest du …?" with buttons.
    await other.send(chatter, f"{bot.user.mention} Streik?")
    suggestions = chatter.last_message
    assert suggestions.author.id == bot.user.id and suggestions.content.startswith("Meintest du")
    assert [b["label"] for b in buttons(suggestions)] == [
        "Streik am Nordkai",
        "Streik am Südkai",
        "Nichts davon",
    ]

    # /frage with autocomplete, then the feedback buttons.
    choices = await asker.autocomplete(questions, "frage", "frage", "grta holm")
    assert choices[0]["name"] == "Greta Holm"
    asked = await asker.slash(questions, "frage", frage=choices[0]["value"])
    assert asked.response.embeds[0].title == "Greta Holm"
    thanked = await other.click(asked.response.message, label="nicht hilfreich")
    assert thanked.ephemeral and thanked.response.content == "Danke für deine Rückmeldung!"
    assert bot.feedback.tally() == (0, 1)

    # Paging: the asker turns pages, another member is refused.
    timeline = await asker.slash(questions, "timeline")
    assert timeline.response.embeds[0].footer.text.startswith("Seite 1/2")
    refused = await other.click(timeline.response.message, label="▶")
    assert refused.ephemeral and "jemand anderem" in refused.response.content
    await asker.click(timeline.response.message, label="▶")
    assert timeline.response.embeds[0].footer.text.startswith("Seite 2/2")

    # /wissen: Discord hides it from members without Manage Server ...
    assert "wissen" not in asker.available_commands(questions)
    # ... and when an admin opens it to everyone, the bot itself still refuses non-moderators.
    [wissen] = [
        c for c in await bot.tree.fetch_commands(guild=discord.Object(guild.id)) if c.name == "wissen"
    ]
    guild.set_command_permissions(wissen, {guild.default_role: True})
    refused = await asker.slash(questions, "wissen status")
    assert refused.ephemeral and "Moderatorinnen und Moderatoren" in refused.response.content
    status = await moderator.slash(questions, "wissen status")
    assert status.ephemeral and status.response.embeds[0].title == "Wissen: Status"
    reloaded = await moderator.slash(questions, "wissen neu-laden")
    assert reloaded.ephemeral and reloaded.response.embeds[0].title == "Wissen neu geladen"

    # The health file says connected, with the knowledge loaded.
    await bot.note_health()
    assert main(["status", "--file", str(settings.status_file)]) == HEALTHY

    # A restart: a new process, nothing in memory. Every old button still answers.
    await env.restart_bot(make_bot(settings))
    new_bot = env.bot
    assert new_bot is not bot
    thanked = await asker.click(answer, label="hilfreich")
    assert thanked.response.content == "Danke für deine Rückmeldung!"
    refused = await asker.click(suggestions, label="Streik am Nordkai")  # bert's question, not anna's
    assert refused.ephemeral and "jemand anderem" in refused.response.content
    await other.click(suggestions, label="Streik am Nordkai")
    assert chatter.last_message.embeds[0].title == "Streik am Nordkai"
    assert [b["label"] for b in buttons(chatter.last_message)] == ["hilfreich", "nicht hilfreich"]
    await asker.click(timeline.response.message, label="◀")
    assert timeline.response.embeds[0].footer.text.startswith("Seite 1/2")
    refused = await other.click(timeline.response.message, label="▶")
    assert "jemand anderem" in refused.response.content
    again = await asker.click(asked.response.message, label="nicht hilfreich")
    assert again.response.content == "Danke für deine Rückmeldung!"
    # What went through the bot's error path: only the refusal of the member, nothing unexpected.
    assert [type(error).__name__ for error in env.errors] == ["NotModerator"]
    with pytest.raises(ExceptionGroup):
        env.raise_errors()  # acknowledged: SimCord would otherwise fail the run at teardown


def test_the_bot_in_simcord_end_to_end(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    folder = tmp_path / "knowledge"
    shutil.copytree(FIXTURE_KNOWLEDGE, folder)
    caplog.set_level(logging.INFO)
    asyncio.run(scenario(folder, tmp_path / "status.json", caplog))
