"""Several processes: which one announces, which one watches, and what a notification does.

The process rule is Discord's shard formula, `(guild_id >> 22) % shard_count`; the bots here are
real discord.py AutoShardedBots configured as one process of two.
"""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

from bot.config import Settings
from bot.discord_app.announce import Insights
from bot.discord_app.sharding import holds_guild, leads, shard_of
from tests.discord_app.harness import GUILD_ID, MOD_ROLE, OTHER_CHANNEL, ROLE_MODERATOR, Harness

MODERATOR = {"user": ROLE_MODERATOR, "roles": (MOD_ROLE,)}
#: A channel whose guild is not in this process's cache (another process holds its shard).
REMOTE_CHANNEL, REMOTE_GUILD = 900000000000000060, 1 << 22  # guild on shard 1 of 2, 1 of 3


def test_the_shard_formula_and_who_leads() -> None:
    assert shard_of(GUILD_ID, 2) == 1 and shard_of(REMOTE_GUILD, 3) == 1 and shard_of(0, 5) == 0
    two = Settings(shard_count=2, shard_ids=(0,))
    assert not holds_guild(two, GUILD_ID) and holds_guild(Settings(shard_count=2, shard_ids=(1,)), GUILD_ID)
    assert holds_guild(Settings(), GUILD_ID), "one process with every shard holds every guild"
    assert leads(two) and not leads(Settings(shard_count=2, shard_ids=(1,))) and leads(Settings())


def _as_process(harness: Harness, shard: int, announce_channel: int) -> Harness:
    bot = harness.bot
    bot.settings = dataclasses.replace(
        bot.settings, shard_count=2, shard_ids=(shard,), announce_channel_id=announce_channel
    )
    bot.insights = Insights(bot, None)
    return harness


def _confirm_the_strike(knowledge_dir: Path, kai: str = "Nord") -> None:
    extra = knowledge_dir / "extra.yaml"
    text = extra.read_text(encoding="utf-8").replace(
        f'"Am {kai}kai wurde gestreikt.", label: Gerücht, sources: [kurier-2031-05-03]',
        f'"Am {kai}kai wurde gestreikt.", label: bestätigt, sources: [rat-protokoll]',
    )
    extra.write_text(text, encoding="utf-8")


def _posts(harness: Harness, channel: int) -> list[str]:
    return [c.payload["content"] for c in harness.calls if c.path == f"/channels/{channel}/messages"]


async def test_only_the_process_holding_the_channels_guild_announces(
    make_harness, knowledge_dir: Path
) -> None:  # noqa: ANN001
    # One after the other: the harness captures the HTTP of the bot made last.
    other = _as_process(make_harness(), 1 - shard_of(GUILD_ID, 2), OTHER_CHANNEL)
    await other.start()
    _confirm_the_strike(knowledge_dir, "Nord")
    await other.command("wissen", sub="neu-laden", **MODERATOR)
    assert other.last_message()["embeds"][0]["title"] == "Wissen neu geladen", "it did reload"
    assert _posts(other, OTHER_CHANNEL) == [], "not its guild: no post"
    holder = _as_process(make_harness(), shard_of(GUILD_ID, 2), OTHER_CHANNEL)
    await holder.start()
    _confirm_the_strike(knowledge_dir, "Süd")
    await holder.command("wissen", sub="neu-laden", **MODERATOR)
    [post] = _posts(holder, OTHER_CHANNEL)
    assert "Neu bestätigt: Streik am Südkai" in post


async def test_a_channel_outside_the_cache_is_looked_up_once(make_harness) -> None:  # noqa: ANN001
    harness = _as_process(make_harness(), 1, REMOTE_CHANNEL)
    harness.remote_channels[REMOTE_CHANNEL] = REMOTE_GUILD  # shard 1 of 2: this process
    await harness.start()
    owners = harness.bot.insights.owners
    assert await owners.holds(REMOTE_CHANNEL) and await owners.holds(REMOTE_CHANNEL)
    harness.bot.settings = dataclasses.replace(harness.bot.settings, shard_ids=(0,))
    assert not await owners.holds(REMOTE_CHANNEL)
    lookups = [c for c in harness.calls if c.method == "GET" and c.path == f"/channels/{REMOTE_CHANNEL}"]
    assert len(lookups) == 1


async def test_a_notice_from_another_process_reloads_and_announces_here(
    make_harness, knowledge_dir: Path
) -> None:  # noqa: ANN001
    holder = _as_process(make_harness(), shard_of(GUILD_ID, 2), OTHER_CHANNEL)
    await holder.start()
    insights = holder.bot.insights
    _confirm_the_strike(knowledge_dir)
    await insights.on_notice(json.dumps({"origin": insights.origin}))
    assert _posts(holder, OTHER_CHANNEL) == [], "its own notice is ignored"
    await insights.on_notice(json.dumps({"origin": "another-process"}))
    [post] = _posts(holder, OTHER_CHANNEL)
    assert "Neu bestätigt: Streik am Nordkai" in post
    assert holder.bot.store.engine.knowledge.events["ev-streik-nord"] is not None
    await insights.on_notice("kein json")  # ignored with a warning, never raises
