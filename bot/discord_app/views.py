"""Buttons: "Meintest du …?" suggestions and feedback, all persistent.

Every button keeps its state in its `custom_id` and is a discord.py `DynamicItem`, so it answers
after a restart (or a crash) exactly as before: no view lives in memory, nothing to lose. Buttons
that belong to one member's question carry that member's id in the `custom_id` (it is only in
Discord's message, never stored by the bot) and refuse clicks by anyone else.
"""

from __future__ import annotations

import asyncio
import hashlib
import logging
import re
from collections.abc import Iterable

import discord

from bot.core.answers.answer import Suggestion, compose_answer
from bot.discord_app.errors import report_error
from bot.discord_app.sending import NO_MENTIONS
from bot.render.embeds import BUTTON_LABEL_LIMIT, CUSTOM_ID_LIMIT, answer_embed, cut
from bot.render.overview import ASK_HINT

log = logging.getLogger(__name__)

NOT_YOURS = "Diese Knöpfe gehören zu einer Frage von jemand anderem – frag gern selbst mit `/frage`."
GONE = "Dieses Thema gibt es nach einer Aktualisierung nicht mehr. " + ASK_HINT
FEEDBACK_PREFIX = "fb:1:"
SUGGESTION_PREFIX = "sug:1:"
NOTHING_PREFIX = "sugx:1:"
#: Suggestion buttons under one question (Discord allows five per row; one is "Nichts davon").
MAX_SUGGESTIONS = 4
_PLAIN_REF = re.compile(r"[\w-]+")


def short_ref(value: str, limit: int) -> str:
    """An id as it goes into a custom_id: itself when short and plain, else '~' and a stable hash."""
    if len(value) <= limit and _PLAIN_REF.fullmatch(value):
        return value
    return "~" + hashlib.sha1(value.encode("utf-8")).hexdigest()[:10]


def resolve_ref(ref: str, candidates: Iterable[str]) -> str | None:
    """The candidate a `short_ref` names, or None when the knowledge no longer has it."""
    if not ref.startswith("~"):
        return ref if ref in set(candidates) else None
    return next((c for c in candidates if short_ref(c, 0) == ref), None)


async def owner_only(interaction: discord.Interaction, owner_id: int) -> bool:
    """True for the member who asked; anyone else is told so, only they can see it."""
    if interaction.user.id == owner_id:
        return True
    await interaction.response.send_message(NOT_YOURS, ephemeral=True, allowed_mentions=NO_MENTIONS)
    return False


class SuggestionButton(
    discord.ui.DynamicItem[discord.ui.Button], template=r"sug:1:(?P<owner>\d+):(?P<entry>.+)"
):
    """One suggested topic; clicking it answers it in place, for the member who asked."""

    def __init__(self, owner_id: int, entry_id: str, title: str) -> None:
        super().__init__(
            discord.ui.Button(
                label=cut(title, BUTTON_LABEL_LIMIT),
                style=discord.ButtonStyle.primary,
                custom_id=f"{SUGGESTION_PREFIX}{owner_id}:{short_ref(entry_id, 60)}",
            )
        )
        self.owner_id = owner_id
        self.entry_ref = short_ref(entry_id, 60)

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction, item: discord.ui.Button, match: re.Match[str], /
    ) -> SuggestionButton:
        button = cls(int(match["owner"]), "", item.label or "")
        button.entry_ref = match["entry"]
        return button

    async def interaction_check(self, interaction: discord.Interaction, /) -> bool:
        return await owner_only(interaction, self.owner_id)

    async def callback(self, interaction: discord.Interaction) -> None:
        try:
            knowledge = interaction.client.store.engine.knowledge  # type: ignore[attr-defined]
            entry_id = resolve_ref(self.entry_ref, [*knowledge.faq, *knowledge.events, *knowledge.people])
            entry = knowledge.entry(entry_id) if entry_id else None
            if entry is None:
                await interaction.response.edit_message(
                    content=GONE, embed=None, view=None, allowed_mentions=NO_MENTIONS
                )
                return
            answer = compose_answer(knowledge, entry)
            await interaction.response.edit_message(
                content=None,
                embed=answer_embed(answer),
                view=feedback_view(answer.id),
                allowed_mentions=NO_MENTIONS,
            )
        except Exception as error:  # noqa: BLE001 - discord.py would only log it; the member gets a reply
            await report_error(interaction, error, "suggestion button")


class NothingButton(discord.ui.DynamicItem[discord.ui.Button], template=r"sugx:1:(?P<owner>\d+)"):
    """ "Nichts davon": removes the suggestions and points to /frage."""

    def __init__(self, owner_id: int) -> None:
        super().__init__(
            discord.ui.Button(
                label="Nichts davon",
                style=discord.ButtonStyle.secondary,
                custom_id=f"{NOTHING_PREFIX}{owner_id}",
            )
        )
        self.owner_id = owner_id

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction, item: discord.ui.Button, match: re.Match[str], /
    ) -> NothingButton:
        return cls(int(match["owner"]))

    async def interaction_check(self, interaction: discord.Interaction, /) -> bool:
        return await owner_only(interaction, self.owner_id)

    async def callback(self, interaction: discord.Interaction) -> None:
        try:
            await interaction.response.edit_message(
                content="Schade. " + ASK_HINT, embed=None, view=None, allowed_mentions=NO_MENTIONS
            )
        except Exception as error:  # noqa: BLE001
            await report_error(interaction, error, "suggestion button")


def suggestion_view(suggestions: tuple[Suggestion, ...], owner_id: int) -> discord.ui.View:
    """One button per suggested topic and "Nichts davon"; persistent, no timeout."""
    view = discord.ui.View(timeout=None)
    for suggestion in suggestions[:MAX_SUGGESTIONS]:
        view.add_item(SuggestionButton(owner_id, suggestion.id, suggestion.title))
    view.add_item(NothingButton(owner_id))
    return view


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
