"""Which process does what when the bot runs as several processes, each with some of the shards.

Discord sends a guild's gateway events to shard `(guild_id >> 22) % shard_count`; the process
running that shard holds the guild. Work that must happen once for the whole bot follows the same
rule: an announcement is posted by the process that holds the announcement channel's guild, and
the file watcher runs in the process that holds shard 0 (the others hear of its reloads through
PostgreSQL). One process running every shard (no SHARD_IDS) holds everything.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

import discord

if TYPE_CHECKING:
    from bot.config import Settings
    from bot.discord_app.client import FaqBot

log = logging.getLogger(__name__)


def shard_of(guild_id: int, shard_count: int) -> int:
    """The shard Discord routes a guild to."""
    return (guild_id >> 22) % shard_count


def runs_every_shard(settings: Settings) -> bool:
    return settings.shard_ids is None


def holds_guild(settings: Settings, guild_id: int) -> bool:
    """Does this process run the shard of `guild_id`?"""
    if settings.shard_ids is None or settings.shard_count is None:
        return True
    return shard_of(guild_id, settings.shard_count) in settings.shard_ids


def leads(settings: Settings) -> bool:
    """The one process that does what must be done once (watching the folder): the one with shard 0."""
    return settings.shard_ids is None or 0 in settings.shard_ids


class ChannelOwners:
    """Whether this process holds a channel's guild; the guild is looked up once per channel."""

    def __init__(self, bot: FaqBot) -> None:
        self.bot = bot
        self._guild_of: dict[int, int] = {}

    async def holds(self, channel_id: int) -> bool:
        settings = self.bot.settings
        if runs_every_shard(settings):
            return True
        guild_id = await self._guild(channel_id)
        return guild_id is not None and holds_guild(settings, guild_id)

    async def _guild(self, channel_id: int) -> int | None:
        if channel_id in self._guild_of:
            return self._guild_of[channel_id]
        channel = self.bot.get_channel(channel_id)
        if channel is None:  # its guild is on another process's shard: ask Discord (REST needs no shard)
            try:
                channel = await self.bot.fetch_channel(channel_id)
            except discord.HTTPException as error:
                log.warning("Cannot look up channel %s: HTTP %s", channel_id, error.status)
                return None
        guild = getattr(channel, "guild", None)
        if guild is None:
            log.warning("Channel %s is not in a server; nothing is posted there", channel_id)
            return None
        self._guild_of[channel_id] = guild.id
        return guild.id
