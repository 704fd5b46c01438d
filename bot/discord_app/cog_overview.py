"""/timeline, /stand and /labels: views of the whole knowledge rather than one answer."""

from __future__ import annotations

import re
from datetime import date
from typing import TYPE_CHECKING

import discord
from discord import app_commands
from discord.ext import commands

from bot.core.answers.timeline import find_by_name, label_names
from bot.discord_app.completion import label_choices
from bot.discord_app.paging import TIMELINE, PageState, send_pages
from bot.discord_app.sending import Reply, echo, respond
from bot.render.overview import labels_embed, stand_embed

if TYPE_CHECKING:
    from bot.core.knowledge.model import Knowledge
    from bot.discord_app.client import FaqBot

_GERMAN_DATE = re.compile(r"^\s*(\d{1,2})\.(\d{1,2})\.(\d{4})\s*$")


class OptionError(ValueError):
    """An option the member typed could not be understood; the message says so in German."""


def parse_day(text: str) -> date:
    """'02.05.2031', '2.5.2031' or '2031-05-02'."""
    found = _GERMAN_DATE.match(text)
    try:
        if found:
            return date(int(found[3]), int(found[2]), int(found[1]))
        return date.fromisoformat(text.strip())
    except ValueError:
        raise OptionError(f"„{echo(text, 40)}“ ist kein Datum – bitte TT.MM.JJJJ oder JJJJ-MM-TT.") from None


def resolve_person(bot: FaqBot, text: str) -> str:
    knowledge = bot.store.engine.knowledge
    if text in knowledge.people:
        return text
    result = bot.store.engine.ask_person(text)
    if result.answer is not None:
        return result.answer.id
    if len(result.suggestions) == 1:
        return result.suggestions[0].id
    raise OptionError(f"Eine Person „{echo(text, 60)}“ kenne ich nicht.")


def resolve_label(knowledge: Knowledge, text: str) -> str:
    """A label by id, name or emoji, folded as everywhere else (`find_by_name`)."""
    if text in knowledge.labels:
        return text
    found = find_by_name(label_names(knowledge), text)
    if found is not None:
        return found
    names = ", ".join(label.name for label in knowledge.labels.values())
    raise OptionError(f"Ein Label „{echo(text, 40)}“ gibt es nicht. Es gibt: {names}.")


class OverviewCommands(commands.Cog):
    """The timeline, the short version and the label legend."""

    def __init__(self, bot: FaqBot) -> None:
        self.bot = bot

    @app_commands.command(name="timeline", description="Die Ereignisse in zeitlicher Reihenfolge")
    @app_commands.describe(
        von="Ab diesem Tag (TT.MM.JJJJ oder JJJJ-MM-TT)",
        bis="Bis zu diesem Tag (TT.MM.JJJJ oder JJJJ-MM-TT)",
        person="Nur Ereignisse mit dieser Person",
        label="Nur Ereignisse mit diesem Label",
    )
    async def timeline(
        self,
        interaction: discord.Interaction,
        von: app_commands.Range[str, 1, 20] | None = None,
        bis: app_commands.Range[str, 1, 20] | None = None,
        person: app_commands.Range[str, 1, 100] | None = None,
        label: app_commands.Range[str, 1, 100] | None = None,
    ) -> None:
        knowledge = self.bot.store.engine.knowledge
        try:
            since = parse_day(von) if von else None
            until = parse_day(bis) if bis else None
            person_id = resolve_person(self.bot, person) if person else None
            label_id = resolve_label(knowledge, label) if label else None
        except OptionError as error:
            await respond(interaction, Reply(content=str(error), ephemeral=True))
            return
        state = PageState(TIMELINE, interaction.user.id, 0, since, until, person_id, label_id)
        await send_pages(interaction, state, knowledge)

    @timeline.autocomplete("person")
    async def timeline_person(
        self, interaction: discord.Interaction, current: str
    ) -> list[app_commands.Choice[str]]:
        return self.bot.completions.people(self.bot.store.engine, current)

    @timeline.autocomplete("label")
    async def timeline_label(
        self, interaction: discord.Interaction, current: str
    ) -> list[app_commands.Choice[str]]:
        return label_choices(self.bot.store.engine, current)

    @app_commands.command(
        name="stand", description="Die Kurzfassung: was bestätigt ist, was Gerücht, was offen"
    )
    async def stand(self, interaction: discord.Interaction) -> None:
        await respond(interaction, Reply(embed=stand_embed(self.bot.store.engine.knowledge)))

    @app_commands.command(name="labels", description="Was die Labels bedeuten")
    async def labels(self, interaction: discord.Interaction) -> None:
        await respond(interaction, Reply(embed=labels_embed(self.bot.store.engine.knowledge)))
