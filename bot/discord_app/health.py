"""The running bot's side of the health file (bot/health.py): what it writes, and when.

Written when a shard connects, resumes or drops, when the bot is ready, after every reload and
every HEARTBEAT_SECONDS, always in a worker thread. A write that fails is logged and retried at
the next beat: the health file must never take the bot down.
"""

from __future__ import annotations

import asyncio
import logging
import os
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from bot.health import HEARTBEAT_SECONDS, Health, write_health

if TYPE_CHECKING:
    from bot.discord_app.client import FaqBot

log = logging.getLogger(__name__)


def snapshot(bot: FaqBot, *, closing: bool = False) -> Health:
    """This process as it is now."""
    settings = bot.settings
    count = settings.shard_count or bot.shard_count
    mine = settings.shard_ids if settings.shard_ids is not None else tuple(range(count or 0))
    live = tuple(sorted(shard for shard, info in bot.shards.items() if not info.is_closed()))
    connected = not closing and bot.is_ready() and not bot.is_closed() and bool(mine)
    connected = connected and set(mine) <= set(live)
    store = bot.store
    refused = store.last_reload is not None and not store.last_reload.ok
    error = store.last_reload.errors[0] if refused and store.last_reload.errors else None
    knowledge = store.engine.knowledge
    return Health(
        pid=os.getpid(),
        written_at=datetime.now(UTC),
        connected=connected,
        shard_count=count,
        shards=tuple(mine),
        shards_connected=live,
        guilds=len(bot.guilds),
        stand=knowledge.story.stand.isoformat(),
        entries=sum(knowledge.counts().values()),
        knowledge_error=(str(error) if error is not None else "abgelehnt") if refused else None,
    )


class HealthReporter:
    def __init__(self, bot: FaqBot) -> None:
        self.bot = bot
        self._task: asyncio.Task[None] | None = None

    async def write(self, *, closing: bool = False) -> None:
        health = snapshot(self.bot, closing=closing)
        try:
            await asyncio.to_thread(write_health, self.bot.settings.status_file, health)
        except OSError as error:
            log.warning("Cannot write the health file %s: %s", self.bot.settings.status_file, error)

    def start(self) -> None:
        self._task = asyncio.get_running_loop().create_task(self._beat(), name="health-beat")

    async def _beat(self) -> None:
        while True:
            await self.write()
            await asyncio.sleep(HEARTBEAT_SECONDS)

    async def close(self) -> None:
        if self._task is not None:
            self._task.cancel()
            await asyncio.gather(self._task, return_exceptions=True)
        await self.write(closing=True)
