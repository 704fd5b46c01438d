"""One error path for every command and view.

The member always gets a short German message only they can see, whether or not the interaction
was already answered; the log gets the traceback. A channel where the bot lacks permissions is
logged once and then left alone, so a missing permission never turns into a retry loop.
"""

from __future__ import annotations

import logging
import time

import discord
from discord import app_commands

log = logging.getLogger(__name__)

GENERIC_ERROR = "Da ist etwas schiefgegangen. Bitte versuch es gleich noch einmal."
NOT_MODERATOR = "Das dürfen nur Moderatorinnen und Moderatoren (Server verwalten oder Moderationsrolle)."
NO_PERMISSION = "Mir fehlen in diesem Kanal Rechte, um zu antworten."
#: How long a channel that refused us is left alone before the bot tries again.
FORBIDDEN_PAUSE = 3600.0


class NotModerator(app_commands.CheckFailure):
    """Raised by the run-time moderator check."""


def member_message(error: BaseException) -> str:
    original = getattr(error, "original", error)
    if isinstance(error, NotModerator):
        return NOT_MODERATOR
    if isinstance(error, app_commands.NoPrivateMessage):
        return "Das geht nur auf einem Server."
    if isinstance(error, app_commands.CheckFailure):
        return NOT_MODERATOR
    if isinstance(original, discord.Forbidden):
        return NO_PERMISSION
    return GENERIC_ERROR


async def report_error(interaction: discord.Interaction, error: BaseException, where: str) -> None:
    """Tell the member briefly (ephemeral), log the traceback; never raises."""
    if isinstance(error, app_commands.CheckFailure):
        log.info("%s refused: %s", where, type(error).__name__)
    else:
        log.error("Error in %s", where, exc_info=error)
    message = member_message(error)
    try:
        if interaction.response.is_done():
            await interaction.followup.send(
                message, ephemeral=True, allowed_mentions=discord.AllowedMentions.none()
            )
        else:
            await interaction.response.send_message(
                message, ephemeral=True, allowed_mentions=discord.AllowedMentions.none()
            )
    except discord.HTTPException:
        log.warning("Could not tell the member about the error in %s", where)


class ForbiddenChannels:
    """Channels that refused a send: logged once, skipped for an hour (in memory)."""

    def __init__(self, pause: float = FORBIDDEN_PAUSE, clock=time.monotonic) -> None:  # noqa: ANN001
        self.pause = pause
        self.clock = clock
        self._since: dict[int, float] = {}

    def blocked(self, channel_id: int) -> bool:
        since = self._since.get(channel_id)
        if since is None:
            return False
        if self.clock() - since >= self.pause:
            del self._since[channel_id]
            return False
        return True

    def note(self, channel_id: int, error: discord.Forbidden) -> None:
        if channel_id not in self._since:
            log.warning(
                "Missing permissions in channel %s (%s); pausing answers there", channel_id, error.text
            )
        self._since[channel_id] = self.clock()
