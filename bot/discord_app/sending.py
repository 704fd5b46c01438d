"""What the bot sends: one place that sets allowed mentions to none and escapes member text.

discord.py's Client already carries AllowedMentions.none(); every send passes it again, so a
message can never ping anyone even if the client default changes.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import discord

from bot.render.embeds import CONTENT_LIMIT, cut

NO_MENTIONS = discord.AllowedMentions.none()
#: Echoed member text is cut to this length so our own words around it still fit.
ECHO_LIMIT = 200


def echo(text: str, limit: int = ECHO_LIMIT) -> str:
    """Member text safe to show again: no markdown tricks, no pings (@everyone, <@id>)."""
    escaped = discord.utils.escape_mentions(discord.utils.escape_markdown(" ".join(text.split())))
    return cut(escaped, limit)


@dataclass
class Reply:
    """A message to send: content and/or an embed, perhaps with buttons."""

    content: str | None = None
    embed: discord.Embed | None = None
    view: discord.ui.View | None = None
    ephemeral: bool = False

    def kwargs(self) -> dict[str, Any]:
        sent: dict[str, Any] = {"allowed_mentions": NO_MENTIONS}
        if self.content is not None:
            sent["content"] = cut(self.content, CONTENT_LIMIT)
        if self.embed is not None:
            sent["embed"] = self.embed
        if self.view is not None:
            sent["view"] = self.view
        return sent


async def respond(interaction: discord.Interaction, reply: Reply) -> None:
    """Answer an interaction (or follow up if it was deferred) and remember the message on the view."""
    kwargs = reply.kwargs()
    if interaction.response.is_done():
        message = await interaction.followup.send(ephemeral=reply.ephemeral, wait=True, **kwargs)
    else:
        callback = await interaction.response.send_message(ephemeral=reply.ephemeral, **kwargs)
        message = callback.resource if isinstance(callback.resource, discord.InteractionMessage) else None
    if reply.view is not None and hasattr(reply.view, "message"):
        reply.view.message = message
