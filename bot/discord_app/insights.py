"""/wissen lücken and /wissen feedback: what to write next and what to fix first.

The two commands join the moderators' `/wissen` group (owned by `cog_moderation`) instead of a
group of their own, so moderators find everything under one name. They repeat the moderator check
themselves, since a command added to a group does not inherit its cog's `interaction_check`.
"""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING

import discord
from discord import app_commands

from bot.discord_app.cog_moderation import is_moderator
from bot.discord_app.errors import NotModerator
from bot.discord_app.sending import Reply, respond
from bot.gaps_cli import collect_gaps
from bot.render.embeds import DESCRIPTION_LIMIT, NEUTRAL_COLOUR, cut_lines
from bot.render.insights import feedback_lines, gap_lines

if TYPE_CHECKING:
    from bot.discord_app.client import FaqBot

GROUP = "wissen"
NO_STORAGE = "Es wird nichts gespeichert (keine Datenbank oder RETENTION_DAYS=0) – dazu gibt es nichts."
NO_GAPS = "Keine offenen Lücken: jede gespeicherte Frage wird inzwischen beantwortet."
NO_FEEDBACK = "Noch kein „nicht hilfreich“ – oder alle betroffenen Einträge wurden seither geändert."


def _embed(title: str, lines: list[str], footer: str) -> discord.Embed:
    embed = discord.Embed(title=title, description=cut_lines(lines, DESCRIPTION_LIMIT), colour=NEUTRAL_COLOUR)
    embed.set_footer(text=footer)
    return embed


def insight_commands(bot: FaqBot) -> list[app_commands.Command]:
    """The two commands, bound to `bot` by closure."""

    def check(interaction: discord.Interaction) -> None:
        if not is_moderator(interaction, bot.settings.moderator_role_ids):
            raise NotModerator("not a moderator")

    @app_commands.command(name="lücken", description="Die meistgefragten Fragen ohne Antwort, gruppiert")
    @app_commands.describe(anzahl="Wie viele Lücken (1–25, Standard 10)")
    async def gaps(interaction: discord.Interaction, anzahl: app_commands.Range[int, 1, 25] = 10) -> None:
        check(interaction)
        store = bot.insights.store
        if store is None or store.retention_days <= 0:
            await respond(interaction, Reply(content=NO_STORAGE, ephemeral=True))
            return
        await interaction.response.defer(ephemeral=True, thinking=True)
        found = await asyncio.to_thread(collect_gaps, store, bot.store.engine, anzahl)
        if not found:
            await respond(interaction, Reply(content=NO_GAPS, ephemeral=True))
            return
        footer = f"Fragen der letzten {store.retention_days} Tage · FAQ-Skelette: python -m bot gaps --export"
        embed = _embed("Lücken: meistgefragt ohne Antwort", gap_lines(found, markdown=True), footer)
        await respond(interaction, Reply(embed=embed, ephemeral=True))

    @app_commands.command(name="feedback", description="Die Antworten mit den meisten „nicht hilfreich“")
    @app_commands.describe(anzahl="Wie viele Antworten (1–25, Standard 10)")
    async def feedback(interaction: discord.Interaction, anzahl: app_commands.Range[int, 1, 25] = 10) -> None:
        check(interaction)
        store = bot.insights.store
        if store is None:
            await respond(interaction, Reply(content=NO_STORAGE, ephemeral=True))
            return
        await interaction.response.defer(ephemeral=True, thinking=True)
        counts = await asyncio.to_thread(store.least_helpful, limit=anzahl)
        if not counts:
            await respond(interaction, Reply(content=NO_FEEDBACK, ephemeral=True))
            return
        lines = feedback_lines(counts, bot.store.engine.knowledge)
        footer = "Zählung beginnt neu, sobald ein Eintrag geändert und neu geladen wird."
        await respond(interaction, Reply(embed=_embed("Zuerst verbessern", lines, footer), ephemeral=True))

    return [gaps, feedback]


def add_insight_commands(bot: FaqBot) -> None:
    """Attach the commands to the `/wissen` group; call after the moderation cog is added."""
    group = bot.tree.get_command(GROUP)
    if not isinstance(group, app_commands.Group):
        raise RuntimeError("the /wissen group must be registered before the insight commands")
    for command in insight_commands(bot):
        group.add_command(command)
