"""Buttons: "Meintest du …?" suggestions, feedback, and the base view every owned view shares.

An owned view accepts clicks only from the member who asked, removes its buttons on timeout, and
sends its errors through the one error handler.
"""

from __future__ import annotations

import asyncio
import logging
import re
from typing import TYPE_CHECKING

import discord

from bot.core.answers.answer import Suggestion, compose_answer
from bot.discord_app.errors import report_error
from bot.discord_app.sending import NO_MENTIONS
from bot.render.embeds import BUTTON_LABEL_LIMIT, CUSTOM_ID_LIMIT, answer_embed, cut
from bot.render.overview import ASK_HINT

if TYPE_CHECKING:
    from bot.discord_app.client import FaqBot

log = logging.getLogger(__name__)

NOT_YOURS = "Diese Knöpfe gehören zu einer Frage von jemand anderem – frag gern selbst mit `/frage`."
FEEDBACK_PREFIX = "fb:1:"


class OwnedView(discord.ui.View):
    """A view for one member's request; `message` is set by whoever sends it."""

    def __init__(self, owner_id: int, *, timeout: float) -> None:
        super().__init__(timeout=timeout)
        self.owner_id = owner_id
        self.message: discord.Message | discord.InteractionMessage | None = None

    async def interaction_check(self, interaction: discord.Interaction) -> bool:
        if interaction.user.id == self.owner_id:
            return True
        await interaction.response.send_message(NOT_YOURS, ephemeral=True, allowed_mentions=NO_MENTIONS)
        return False

    async def on_timeout(self) -> None:
        """Remove the buttons so nobody clicks a dead view."""
        if self.message is None:
            return
        try:
            await self.message.edit(view=None, allowed_mentions=NO_MENTIONS)
        except discord.HTTPException as error:
            log.debug("Could not remove buttons after timeout: %s", error)

    async def on_error(
        self, interaction: discord.Interaction, error: Exception, item: discord.ui.Item
    ) -> None:
        await report_error(interaction, error, f"view {type(self).__name__}")


class SuggestionView(OwnedView):
    """One button per suggested topic (clicking answers it) and "Nichts davon"."""

    def __init__(self, bot: FaqBot, suggestions: tuple[Suggestion, ...], owner_id: int) -> None:
        super().__init__(owner_id, timeout=bot.view_timeout)
        self.bot = bot
        for index, suggestion in enumerate(suggestions[:4]):
            button: discord.ui.Button = discord.ui.Button(
                label=cut(suggestion.title, BUTTON_LABEL_LIMIT),
                style=discord.ButtonStyle.primary,
                custom_id=f"sug:{index}:{suggestion.id}"[:CUSTOM_ID_LIMIT],
            )
            button.callback = self._answer_callback(suggestion.id)
            self.add_item(button)
        none_button: discord.ui.Button = discord.ui.Button(
            label="Nichts davon", style=discord.ButtonStyle.secondary, custom_id="sug:none"
        )
        none_button.callback = self._nothing
        self.add_item(none_button)

    def _answer_callback(self, entry_id: str):  # noqa: ANN202 - a button callback
        async def callback(interaction: discord.Interaction) -> None:
            knowledge = self.bot.store.engine.knowledge
            entry = knowledge.entry(entry_id)
            self.stop()
            if entry is None:
                await interaction.response.edit_message(
                    content="Dieses Thema gibt es nach einer Aktualisierung nicht mehr. " + ASK_HINT,
                    embed=None,
                    view=None,
                    allowed_mentions=NO_MENTIONS,
                )
                return
            answer = compose_answer(knowledge, entry)
            await interaction.response.edit_message(
                content=None,
                embed=answer_embed(answer),
                view=feedback_view(answer.id),
                allowed_mentions=NO_MENTIONS,
            )

        return callback

    async def _nothing(self, interaction: discord.Interaction) -> None:
        self.stop()
        await interaction.response.edit_message(
            content="Schade. " + ASK_HINT, embed=None, view=None, allowed_mentions=NO_MENTIONS
        )


class FeedbackButton(
    discord.ui.DynamicItem[discord.ui.Button], template=r"fb:1:(?P<vote>[yn]):(?P<answer>.+)"
):
    """'hilfreich' / 'nicht hilfreich'; persistent (works after restarts), stores no member."""

    def __init__(self, answer_id: str, helpful: bool) -> None:
        vote = "y" if helpful else "n"
        super().__init__(
            discord.ui.Button(
                label="hilfreich" if helpful else "nicht hilfreich",
                emoji="👍" if helpful else "👎",
                style=discord.ButtonStyle.secondary,
                custom_id=f"{FEEDBACK_PREFIX}{vote}:{answer_id}"[:CUSTOM_ID_LIMIT],
            )
        )
        self.answer_id = answer_id
        self.helpful = helpful

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction, item: discord.ui.Button, match: re.Match[str], /
    ) -> FeedbackButton:
        return cls(match["answer"], match["vote"] == "y")

    async def callback(self, interaction: discord.Interaction) -> None:
        """Thank first (Discord waits 3 s at most), then count the vote in a worker thread."""
        try:
            await interaction.response.send_message(
                "Danke für deine Rückmeldung!", ephemeral=True, allowed_mentions=NO_MENTIONS
            )
            sink = interaction.client.feedback  # type: ignore[attr-defined]
            channel_id = interaction.channel_id if interaction.guild_id is not None else None
            await asyncio.to_thread(sink.record_feedback, self.answer_id, self.helpful, channel_id)
        except Exception as error:  # noqa: BLE001 - discord.py would only log it; the member gets a reply
            await report_error(interaction, error, "feedback button")


def feedback_view(answer_id: str) -> discord.ui.View:
    """The two feedback buttons under an answer; no timeout, the buttons are persistent."""
    view = discord.ui.View(timeout=None)
    view.add_item(FeedbackButton(answer_id, True))
    view.add_item(FeedbackButton(answer_id, False))
    return view
