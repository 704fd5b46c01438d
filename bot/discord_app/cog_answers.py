"""/frage, /person and /quellen: read the interaction, ask the core, render, respond."""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING

import discord
from discord import app_commands
from discord.ext import commands

from bot.core.matching.text import MAX_QUESTION_CHARS
from bot.discord_app.answering import result_reply, stored_channel_id
from bot.discord_app.paging import ALL_SOURCES, PageState, send_pages
from bot.discord_app.sending import Reply, respond
from bot.render.embeds import sources_embed

if TYPE_CHECKING:
    from bot.discord_app.client import FaqBot


class AnswerCommands(commands.Cog):
    """Questions and answers."""

    def __init__(self, bot: FaqBot) -> None:
        self.bot = bot

    @app_commands.command(
        name="frage", description="Beantwortet eine Frage zur Geschichte – mit Labels, Quellen und Stand"
    )
    @app_commands.describe(frage="Deine Frage, z. B. „Wer ist …?“ oder „Was geschah am …?“")
    async def frage(
        self, interaction: discord.Interaction, frage: app_commands.Range[str, 1, MAX_QUESTION_CHARS]
    ) -> None:
        result = await asyncio.to_thread(self.bot.store.engine.ask, frage)
        self.bot.insights.note_result(result, stored_channel_id(interaction))
        await respond(interaction, result_reply(self.bot, result, interaction.user.id))

    @frage.autocomplete("frage")
    async def frage_complete(
        self, interaction: discord.Interaction, current: str
    ) -> list[app_commands.Choice[str]]:
        return self.bot.completions.questions(self.bot.store.engine, current)

    @app_commands.command(name="person", description="Wer ist wer: eine Person mit ihren Rollen")
    @app_commands.describe(name="Name der Person")
    async def person(self, interaction: discord.Interaction, name: app_commands.Range[str, 1, 100]) -> None:
        result = await asyncio.to_thread(self.bot.store.engine.ask_person, name)
        self.bot.insights.note_result(result, stored_channel_id(interaction))
        await respond(interaction, result_reply(self.bot, result, interaction.user.id))

    @person.autocomplete("name")
    async def person_complete(
        self, interaction: discord.Interaction, current: str
    ) -> list[app_commands.Choice[str]]:
        return self.bot.completions.people(self.bot.store.engine, current)

    @app_commands.command(name="quellen", description="Die Quellen hinter einer Antwort oder alle Quellen")
    @app_commands.describe(thema="Thema oder Frage (leer: alle Quellen)")
    async def quellen(
        self,
        interaction: discord.Interaction,
        thema: app_commands.Range[str, 1, MAX_QUESTION_CHARS] | None = None,
    ) -> None:
        engine = self.bot.store.engine
        knowledge = engine.knowledge
        if thema is None:
            await send_pages(interaction, PageState(ALL_SOURCES, interaction.user.id), knowledge)
            return
        result = await asyncio.to_thread(engine.ask, thema)
        if result.answer is None:
            await respond(interaction, result_reply(self.bot, result, interaction.user.id))
            return
        answer = result.answer
        embed = sources_embed(answer.title, answer.sources, answer.as_of, answer.timezone)
        await respond(interaction, Reply(embed=embed))

    @quellen.autocomplete("thema")
    async def quellen_complete(
        self, interaction: discord.Interaction, current: str
    ) -> list[app_commands.Choice[str]]:
        return self.bot.completions.questions(self.bot.store.engine, current)
