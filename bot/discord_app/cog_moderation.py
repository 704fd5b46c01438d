"""/wissen neu-laden and /wissen status, for moderators only.

Discord hides the group from members without Manage Server by default, but a server admin can
change that, so every call is checked again here against Manage Server and MODERATOR_ROLE_IDS.
"""

from __future__ import annotations

import asyncio
import logging
from typing import TYPE_CHECKING

import discord
from discord import app_commands
from discord.ext import commands

from bot.discord_app.errors import NotModerator
from bot.discord_app.sending import Reply, respond
from bot.render.moderation import reload_embed, status_embed

if TYPE_CHECKING:
    from bot.discord_app.client import FaqBot

log = logging.getLogger(__name__)


def is_moderator(interaction: discord.Interaction, role_ids: frozenset[int]) -> bool:
    """Manage Server (or Administrator) in this guild, or one of the configured roles."""
    member = interaction.user
    if not isinstance(member, discord.Member):
        return False
    permissions = interaction.permissions
    if permissions.manage_guild or permissions.administrator:
        return True
    return any(role.id in role_ids for role in member.roles)


@app_commands.default_permissions(manage_guild=True)
@app_commands.guild_only()
class ModerationCommands(
    commands.GroupCog, group_name="wissen", group_description="Wissen verwalten (Moderation)"
):
    """Reloading and inspecting the knowledge."""

    def __init__(self, bot: FaqBot) -> None:
        self.bot = bot
        super().__init__()

    async def interaction_check(self, interaction: discord.Interaction) -> bool:
        if not is_moderator(interaction, self.bot.settings.moderator_role_ids):
            raise NotModerator("not a moderator")
        return True

    @app_commands.command(
        name="neu-laden", description="Lädt den Wissensordner neu; bei Fehlern bleibt das alte Wissen aktiv"
    )
    async def reload(self, interaction: discord.Interaction) -> None:
        await interaction.response.defer(ephemeral=True, thinking=True)
        outcome = await asyncio.to_thread(self.bot.store.reload)
        # The name is shown in /wissen status and kept in memory only, never logged or written.
        self.bot.last_reload_by = interaction.user.display_name
        log.info("Knowledge reload: %s", "ok" if outcome.ok else f"refused, {len(outcome.errors)} error(s)")
        embed = reload_embed(outcome, self.bot.store.engine.knowledge)
        try:
            await respond(interaction, Reply(embed=embed, ephemeral=True))
        finally:
            # History (display name, no id), feedback reset and the members' announcement: also
            # when Discord fails to deliver the reply, since the reload itself has happened.
            await self.bot.insights.after_reload(outcome, interaction.user.display_name)

    @app_commands.command(name="status", description="Zählt das Wissen und zeigt das letzte Neuladen")
    async def status(self, interaction: discord.Interaction) -> None:
        # Defer first: the tally may wait on the database longer than Discord's 3 s.
        await interaction.response.defer(ephemeral=True, thinking=True)
        store = self.bot.store
        sink = self.bot.feedback
        tally = await asyncio.to_thread(sink.tally) if hasattr(sink, "tally") else (0, 0)
        embed = status_embed(
            store.engine.knowledge,
            store.last_reload,
            self.bot.last_reload_by,
            store.last_failure,
            tally,
            mode=store.engine.mode,
        )
        await respond(interaction, Reply(embed=embed, ephemeral=True))
