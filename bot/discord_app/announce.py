"""The moderators' loop around the running bot: record, announce, watch, forget, tell the others.

One object per bot (`bot.insights`) so the cogs need a single call each: `note_result` after a
question (unanswered ones are counted), `after_reload` after any reload (history, feedback reset,
announcement, moderator log). Without a database (tests, RETENTION_DAYS aside) it still announces
and watches; it just records nothing. Every write goes through `asyncio.to_thread`.

With PostgreSQL, a successful reload here is sent to every other process of the bot (NOTIFY);
each of them reloads the same folder when told (LISTEN). History and feedback reset are written
once, by the process where the reload happened; the announcement is posted by the process that
holds the announcement channel's guild (bot/discord_app/sharding.py), whichever reloaded first.
"""

from __future__ import annotations

import asyncio
import json
import logging
import uuid
from collections.abc import Coroutine
from typing import TYPE_CHECKING, Any

import discord

from bot.core.answers.answer import Result
from bot.core.moderation.announce import describe_changes
from bot.core.store import ReloadOutcome
from bot.discord_app.sending import NO_MENTIONS
from bot.discord_app.sharding import ChannelOwners, leads
from bot.render.announcement import announcement_text
from bot.render.moderation import reload_embed
from bot.storage.insights import UNANSWERED_STATUSES, InsightRecords
from bot.watch import QUIET_MS, watch_knowledge

if TYPE_CHECKING:
    from bot.discord_app.client import FaqBot

log = logging.getLogger(__name__)

#: Who the reload history names for reloads the file watcher did.
WATCHER = "Datei-Überwachung"
#: Who the log names for reloads another process asked for.
ANOTHER_PROCESS = "ein anderer Prozess"
#: Old questions and history are deleted at start and then this often.
PURGE_EVERY = 24 * 3600.0


def reload_summary(outcome: ReloadOutcome) -> str:
    """One line for the reload history."""
    if not outcome.ok:
        first = f": {outcome.errors[0]}" if outcome.errors else ""
        return f"{len(outcome.errors)} Fehler{first}"
    diff = outcome.diff
    if diff is None:
        return "neu geladen"
    return f"{len(diff.added)} neu, {len(diff.changed)} geändert, {len(diff.removed)} entfernt"


class Insights:
    def __init__(self, bot: FaqBot, store: InsightRecords | None) -> None:
        self.bot = bot
        self.store = store
        #: The set members last heard about; announcements describe what changed since.
        self._announced = bot.store.engine.knowledge
        self._tasks: set[asyncio.Task[Any]] = set()
        self._stop_watch = asyncio.Event()
        #: How long the folder must be quiet before an automatic reload (tests shorten it).
        self.watch_quiet_ms = QUIET_MS
        self.owners = ChannelOwners(bot)
        #: Names this process in reload notifications, so it ignores its own.
        self.origin = uuid.uuid4().hex
        #: Set once this process listens for the others' reloads (PostgreSQL only).
        self.listening = asyncio.Event()

    @property
    def shared(self) -> bool:
        """Is there a database through which the processes of this bot hear of each other's reloads?"""
        return hasattr(self.store, "notify_reload")

    def _background(self, work: Coroutine[Any, Any, Any], name: str) -> asyncio.Task[Any]:
        """Run without making the member wait; keep a reference so the task is not collected."""
        task = asyncio.get_running_loop().create_task(work, name=f"insights-{name}")
        self._tasks.add(task)
        task.add_done_callback(self._finished)
        return task

    def _finished(self, task: asyncio.Task[Any]) -> None:
        self._tasks.discard(task)
        if not task.cancelled() and task.exception() is not None:
            log.error("Background task %s failed", task.get_name(), exc_info=task.exception())

    async def settle(self) -> None:
        """Wait for pending writes (tests, shutdown)."""
        pending = [task for task in self._tasks if not task.get_name().startswith("insights-loop")]
        await asyncio.gather(*pending, return_exceptions=True)

    # Questions ----------------------------------------------------------------------------------

    def note_result(self, result: Result, channel_id: int | None) -> None:
        """Count a question that got no answer; answered ones are not stored at all."""
        if self.store is None or result.status not in UNANSWERED_STATUSES:
            return
        work = asyncio.to_thread(self.store.record_unanswered, result.query, result.status, channel_id)
        self._background(work, "question")

    # Reloads ------------------------------------------------------------------------------------

    async def after_reload(self, outcome: ReloadOutcome, by: str, *, automatic: bool = False) -> None:
        """History, feedback reset and announcement after a reload; never raises."""
        try:
            await self._after_reload(outcome, by, automatic)
            await self.bot.note_health()
        except Exception:
            log.exception("After-reload work failed")

    async def _after_reload(self, outcome: ReloadOutcome, by: str, automatic: bool) -> None:
        if self.store is not None:
            await asyncio.to_thread(self.store.record_reload, by, outcome.ok, reload_summary(outcome))
            if outcome.ok and outcome.diff is not None and outcome.diff.changed:
                await asyncio.to_thread(self.store.reset_feedback, outcome.diff.changed)
            if outcome.ok and self.shared:
                notice = json.dumps({"origin": self.origin})
                await asyncio.to_thread(self.store.notify_reload, notice)  # type: ignore[union-attr]
        knowledge = self.bot.store.engine.knowledge
        if automatic:
            await self.post(
                self.bot.settings.moderator_log_channel_id, embed=reload_embed(outcome, knowledge)
            )
        if outcome.ok:
            await self.announce()

    async def announce(self) -> None:
        """Tell members what changed since they last heard, if this process holds their channel."""
        channel_id = self.bot.settings.announce_channel_id
        if channel_id is None or not await self.owners.holds(channel_id):
            return
        knowledge = self.bot.store.engine.knowledge
        before, self._announced = self._announced, knowledge
        text = announcement_text(describe_changes(before, knowledge), knowledge)
        if text is not None:
            await self.post(channel_id, content=text)

    async def on_notice(self, payload: str) -> None:
        """Another process reloaded: load the same folder here too and announce if it is ours to."""
        try:
            origin = json.loads(payload).get("origin")
        except (ValueError, AttributeError):
            log.warning("Ignoring a reload notification that is not ours")
            return
        if origin == self.origin:
            return
        outcome = await asyncio.to_thread(self.bot.store.reload)
        if not outcome.ok:
            log.error(
                "Reload asked for by %s refused here: %d error(s), first: %s",
                ANOTHER_PROCESS,
                len(outcome.errors),
                outcome.errors[0] if outcome.errors else "?",
            )
            await self.bot.note_health()
            return
        log.info("Knowledge reloaded for %s: %s", ANOTHER_PROCESS, reload_summary(outcome))
        await self.bot.note_health()
        await self.announce()

    async def post(self, channel_id: int | None, **message: Any) -> bool:
        """Send to a configured channel without fetching it first; False when unset or refused."""
        if channel_id is None:
            return False
        channel = self.bot.get_partial_messageable(channel_id)
        try:
            await channel.send(allowed_mentions=NO_MENTIONS, **message)
        except discord.HTTPException as error:
            log.warning("Could not post to channel %s: HTTP %s", channel_id, error.status)
            return False
        return True

    # Loops ----------------------------------------------------------------------------------------

    def start(self) -> None:
        """Start watching (if configured), the daily clean-up and listening (if there is a database)."""
        settings = self.bot.settings
        if settings.watch_knowledge and self.shared and not leads(settings):
            log.info("WATCH_KNOWLEDGE: the process with shard 0 watches; its reloads reach this one")
        elif settings.watch_knowledge:
            self._background(self._watch(), "loop-watch")
        if self.store is not None:
            self._background(self._purge_daily(), "loop-purge")
        if self.shared:
            self._background(self._listen(), "loop-listen")

    async def _listen(self) -> None:
        from bot.storage.postgres import listen_reloads  # psycopg only with PostgreSQL

        await listen_reloads(self.store.url, self.on_notice, listening=self.listening)  # type: ignore[union-attr]

    async def _watch(self) -> None:
        async def reloaded(outcome: ReloadOutcome) -> None:
            await self.after_reload(outcome, WATCHER, automatic=True)

        await watch_knowledge(
            self.bot.store, reloaded, stop_event=self._stop_watch, quiet_ms=self.watch_quiet_ms
        )

    async def _purge_daily(self) -> None:
        assert self.store is not None
        while True:
            deleted = await asyncio.to_thread(self.store.purge)
            log.info("Retention: deleted %d old row(s)", deleted)
            await asyncio.sleep(PURGE_EVERY)

    async def close(self) -> None:
        self._stop_watch.set()
        for task in list(self._tasks):
            if task.get_name().startswith(("insights-loop-purge", "insights-loop-listen")):
                task.cancel()
        await asyncio.gather(*self._tasks, return_exceptions=True)
        if self.store is not None:
            await asyncio.to_thread(self.store.close)
