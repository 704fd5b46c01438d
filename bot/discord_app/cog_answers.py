"""/frage, /person and /quellen: read the interaction, ask the core, render, respond."""

from __future__ import annotations

from typing import TYPE_CHECKING

import discord
from discord import app_commands
from discord.ext import commands

from bot.core.answer import Result, Suggestion, compose_answer
from bot.core.normalize import MAX_QUESTION_CHARS
from bot.discord_app.answering import result_reply
from bot.discord_app.paging import Paginator, all_sources
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
        result = self.bot.store.engine.ask(frage)
        self.bot.insights.note_result(result, interaction.channel_id)
        await respond(interaction, result_reply(self.bot, result, interaction.user.id))

    @frage.autocomplete("frage")
    async def frage_complete(
        self, interaction: discord.Interaction, current: str
    ) -> list[app_commands.Choice[str]]:
        return self.bot.completions.questions(self.bot.store.engine, current)

    @app_commands.command(name="person", description="Wer ist wer: eine Person mit ihren Rollen")
    @app_commands.describe(name="Name der Person")
    async def person(self, interaction: discord.Interaction, name: app_commands.Range[str, 1, 100]) -> None:
        engine = self.bot.store.engine
        person = engine.knowledge.people.get(name)
        if person is not None:
            answer = compose_answer(engine.knowledge, person)
            result = Result(query=name, status="answered", score=100.0, answer=answer)
        else:
            result = self._person_result(name)
            self.bot.insights.note_result(result, interaction.channel_id)
        await respond(interaction, result_reply(self.bot, result, interaction.user.id))

    def _person_result(self, name: str) -> Result:
        """Free text: the best person if it is clearly meant, else people to choose from."""
        engine = self.bot.store.engine
        policy = engine.policy
        matches = engine.index.search(name, limit=3, kinds={"person"})
        suggestions = tuple(
            Suggestion(m.entry_id, engine.knowledge.people[m.entry_id].name, m.score)
            for m in matches
            if m.score >= policy.suggest_at
        )
        best = matches[0] if matches else None
        runner_up = matches[1].score if len(matches) > 1 else 0.0
        if best is not None and best.score >= policy.answer_at and best.score - runner_up >= policy.margin:
            answer = compose_answer(engine.knowledge, engine.knowledge.people[best.entry_id])
            return Result(query=name, status="answered", score=best.score, answer=answer)
        status = "ambiguous" if suggestions else "no_match"
        return Result(query=name, status=status, score=best.score if best else 0.0, suggestions=suggestions)

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
            paginator = Paginator(all_sources(knowledge), interaction.user.id, timeout=self.bot.view_timeout)
            await paginator.start(interaction)
            return
        result = engine.ask(thema)
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
