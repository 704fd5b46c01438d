"""The bot: a commands.Bot that takes its settings and the knowledge store in __init__.

Nothing is global: tests build as many bots as they like, each with its own knowledge. Commands
are synced to GUILD_IDS in setup_hook when set (instant, for development); a global sync is only
done on purpose with `python -m bot sync`.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

import discord
from discord import app_commands
from discord.ext import commands

from bot.config import Settings
from bot.core.moderation.feedback import FeedbackSink, InMemoryFeedback
from bot.core.store import KnowledgeStore
from bot.discord_app.announce import Insights
from bot.discord_app.cog_answers import AnswerCommands
from bot.discord_app.cog_moderation import ModerationCommands
from bot.discord_app.cog_overview import OverviewCommands
from bot.discord_app.completion import Completions
from bot.discord_app.errors import ForbiddenChannels, report_error
from bot.discord_app.health import HealthReporter
from bot.discord_app.insights import add_insight_commands
from bot.discord_app.listener import handle_message
from bot.discord_app.paging import PageButton
from bot.discord_app.throttle import ReplyThrottle
from bot.discord_app.translations import EnglishTranslator
from bot.discord_app.views import FeedbackButton, NothingButton, SuggestionButton
from bot.storage.insights import InsightRecords

log = logging.getLogger(__name__)

#: What Discord's refusal codes mean for a guild sync, in the words an operator can act on.
SYNC_HINTS = {
    50001: "the bot is not in this server, or was invited without the applications.commands scope",
    50013: "the bot lacks permissions in this server",
    50035: "Discord refused the command payload",
}


@dataclass(frozen=True, slots=True)
class SyncRefusal:
    """One server of GUILD_IDS that refused the command sync."""

    guild_id: int
    status: int
    code: int
    text: str

    @property
    def reason(self) -> str:
        hint = SYNC_HINTS.get(self.code)
        detail = f" ({hint})" if hint else ""
        return f"HTTP {self.status}, code {self.code}: {self.text[:120]}{detail}"


class FaqTree(app_commands.CommandTree):
    """The command tree whose on_error is the one error path for every command."""

    async def on_error(self, interaction: discord.Interaction, error: app_commands.AppCommandError) -> None:
        name = interaction.command.qualified_name if interaction.command else "?"
        await report_error(interaction, error, f"/{name}")


def bot_intents() -> discord.Intents:
    intents = discord.Intents.default()
    intents.message_content = True  # privileged: enable it in the developer portal (README)
    intents.members = False
    intents.presences = False
    return intents


class FaqBot(commands.AutoShardedBot):
    """The bot; sharded with discord.py's AutoShardedClient.

    Without SHARD_COUNT, discord.py asks Discord for the recommended number of shards and runs
    them all in this process; with SHARD_COUNT and SHARD_IDS this process runs only those.
    """

    def __init__(
        self,
        settings: Settings,
        store: KnowledgeStore,
        *,
        feedback: FeedbackSink | None = None,
        insight_store: InsightRecords | None = None,
        sync_on_start: bool = True,
        report_health: bool = False,
    ) -> None:
        super().__init__(
            command_prefix=commands.when_mentioned,
            intents=bot_intents(),
            help_command=None,
            allowed_mentions=discord.AllowedMentions.none(),
            tree_cls=FaqTree,
            shard_count=settings.shard_count,
            shard_ids=list(settings.shard_ids) if settings.shard_ids is not None else None,
        )
        self.settings = settings
        self.store = store
        self.feedback: FeedbackSink = feedback or insight_store or InMemoryFeedback()
        #: Unanswered questions, reload history, announcements, watching (bot/discord_app/announce.py).
        self.insights = Insights(self, insight_store)
        self.sync_on_start = sync_on_start
        self.completions = Completions()
        self.throttle = ReplyThrottle()
        self.forbidden = ForbiddenChannels()
        #: Display name of whoever reloaded last: shown in /wissen status, held in memory only.
        self.last_reload_by: str | None = None
        #: The health file for `python -m bot status` (STATUS_FILE); `run` turns it on.
        self.health = HealthReporter(self) if report_health else None

    async def setup_hook(self) -> None:
        await self.tree.set_translator(EnglishTranslator())
        await self.add_cog(AnswerCommands(self))
        await self.add_cog(OverviewCommands(self))
        await self.add_cog(ModerationCommands(self))
        add_insight_commands(self)
        # Every button is persistent: its state is in its custom_id (works after a restart).
        self.add_dynamic_items(FeedbackButton, SuggestionButton, NothingButton, PageButton)
        if self.sync_on_start:
            await self.sync_guilds()
        self.insights.start()
        if self.health is not None:
            self.health.start()

    async def close(self) -> None:
        await self.insights.close()
        if self.health is not None:
            await self.health.close()
        await super().close()

    async def note_health(self) -> None:
        """Rewrite the health file now (a shard came or went, the knowledge changed)."""
        if self.health is not None:
            await self.health.write()

    async def on_shard_connect(self, shard_id: int) -> None:
        await self.note_health()

    async def on_shard_ready(self, shard_id: int) -> None:
        await self.note_health()

    async def on_shard_resumed(self, shard_id: int) -> None:
        await self.note_health()

    async def on_shard_disconnect(self, shard_id: int) -> None:
        log.warning("Shard %s lost its gateway connection; discord.py reconnects", shard_id)
        await self.note_health()

    async def sync_guilds(self) -> list[SyncRefusal]:
        """Register the commands in each of GUILD_IDS (shown at once); returns the servers that refused.

        One server that refuses (the bot is not in it, or was invited without the
        `applications.commands` scope) is logged in one line and skipped: the others still get
        their commands and the bot starts.
        """
        refused: list[SyncRefusal] = []
        for guild_id in self.settings.guild_ids:
            guild = discord.Object(id=guild_id)
            self.tree.copy_global_to(guild=guild)
            try:
                synced = await self.tree.sync(guild=guild)
            except discord.HTTPException as error:
                refusal = SyncRefusal(guild_id, error.status, error.code, error.text)
                log.warning("Commands not registered in guild %s: %s", guild_id, refusal.reason)
                refused.append(refusal)
                continue
            log.info("Synced %d commands to guild %s", len(synced), guild_id)
        return refused

    async def on_message(self, message: discord.Message) -> None:
        """Questions in channels; there are no prefix commands to process."""
        await handle_message(self, message)

    async def on_ready(self) -> None:
        await self.note_health()
        log.info(
            "Connected as %s (%s); knowledge Stand %s",
            self.user,
            self.user and self.user.id,
            self.store.engine.knowledge.story.stand.isoformat(),
        )
