"""Paged lists: a page source formats pages, the paginator view only navigates (as in RoboDanny).

Keeping the two apart means the page text is tested without buttons and the buttons without
knowing what they page through.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Protocol

import discord

from bot.core.answers.clock import sort_key
from bot.core.knowledge.model import Event, Knowledge
from bot.discord_app.sending import NO_MENTIONS, Reply, respond
from bot.discord_app.views import OwnedView
from bot.render.overview import event_line, page_embed, source_lines

#: Lines per page: short enough to read on a phone.
LINES_PER_PAGE = 10


class PageSource(Protocol):
    @property
    def page_count(self) -> int: ...

    def format_page(self, index: int) -> discord.Embed: ...


@dataclass(frozen=True)
class LinePageSource:
    """A titled list of ready lines, cut into pages."""

    title: str
    lines: tuple[str, ...]
    knowledge: Knowledge
    per_page: int = LINES_PER_PAGE

    @property
    def page_count(self) -> int:
        return max(1, math.ceil(len(self.lines) / self.per_page))

    def format_page(self, index: int) -> discord.Embed:
        start = index * self.per_page
        chunk = list(self.lines[start : start + self.per_page])
        return page_embed(self.title, chunk, index, self.page_count, self.knowledge)


def timeline_source(events: list[Event], knowledge: Knowledge, filters: str = "") -> LinePageSource:
    title = f"Chronik ({len(events)} Ereignisse){' – ' + filters if filters else ''}"
    return LinePageSource(title, tuple(event_line(e, knowledge) for e in events), knowledge)


def all_sources(knowledge: Knowledge) -> LinePageSource:
    """Every source, newest first."""
    ordered = sorted(knowledge.sources.values(), key=lambda s: (sort_key(s.published), s.id), reverse=True)
    lines = source_lines(ordered, knowledge.story.timezone)
    return LinePageSource(f"Alle Quellen ({len(lines)})", tuple(lines), knowledge)


class Paginator(OwnedView):
    """◀ page ▶ for one member; the buttons disappear after the timeout."""

    def __init__(self, source: PageSource, owner_id: int, *, timeout: float) -> None:
        super().__init__(owner_id, timeout=timeout)
        self.source = source
        self.page = 0
        self._sync_buttons()

    def _sync_buttons(self) -> None:
        self.previous.disabled = self.page <= 0
        self.following.disabled = self.page >= self.source.page_count - 1
        self.position.label = f"{self.page + 1}/{self.source.page_count}"

    async def start(self, interaction: discord.Interaction, *, ephemeral: bool = False) -> None:
        """Send the first page; buttons only when there is more than one page."""
        view = self if self.source.page_count > 1 else None
        if view is None:
            self.stop()
        await respond(interaction, Reply(embed=self.source.format_page(0), view=view, ephemeral=ephemeral))

    async def _show(self, interaction: discord.Interaction, page: int) -> None:
        self.page = max(0, min(page, self.source.page_count - 1))
        self._sync_buttons()
        await interaction.response.edit_message(
            embed=self.source.format_page(self.page), view=self, allowed_mentions=NO_MENTIONS
        )

    @discord.ui.button(label="◀", style=discord.ButtonStyle.secondary, custom_id="page:prev")
    async def previous(self, interaction: discord.Interaction, button: discord.ui.Button) -> None:
        await self._show(interaction, self.page - 1)

    @discord.ui.button(label="1/1", style=discord.ButtonStyle.secondary, disabled=True, custom_id="page:at")
    async def position(self, interaction: discord.Interaction, button: discord.ui.Button) -> None:
        await interaction.response.defer()

    @discord.ui.button(label="▶", style=discord.ButtonStyle.secondary, custom_id="page:next")
    async def following(self, interaction: discord.Interaction, button: discord.ui.Button) -> None:
        await self._show(interaction, self.page + 1)
