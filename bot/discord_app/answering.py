"""Result -> Reply: an answer with feedback buttons, "Meintest du …?" with buttons, or a no-match hint.

Shared by /frage, /person and answers in channels, so a question looks the same wherever it is asked.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import discord

from bot.core.answers.answer import Result
from bot.discord_app.sending import Reply, echo
from bot.discord_app.views import feedback_view, suggestion_view
from bot.render.embeds import answer_embed
from bot.render.overview import ambiguous_text, no_match_text

if TYPE_CHECKING:
    from bot.discord_app.client import FaqBot


def result_reply(bot: FaqBot, result: Result, owner_id: int) -> Reply:
    """The reply to one question; no-match replies are only for the asker (ephemeral where possible)."""
    if result.answer is not None:
        return Reply(embed=answer_embed(result.answer), view=feedback_view(result.answer.id))
    question = echo(result.query)
    if result.status == "ambiguous" and result.suggestions:
        return Reply(content=ambiguous_text(question), view=suggestion_view(result.suggestions, owner_id))
    knowledge = bot.store.engine.knowledge
    return Reply(content=no_match_text(result, question, knowledge), ephemeral=True)


def stored_channel_id(interaction: discord.Interaction) -> int | None:
    """The channel to count a question under: a server channel, never a DM.

    A DM channel id names one member, so questions asked in DMs are stored without a channel.
    """
    return interaction.channel_id if interaction.guild_id is not None else None
