"""Paged lists: a page source formats pages, the buttons only navigate (as in RoboDanny).

The state of a paged message (which list, which filters, which page, whose request) lives in the
buttons' `custom_id`; a click rebuilds the page source from it against the running knowledge. So
◀ ▶ answer after a restart, and after a reload they page through the new knowledge.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, replace
from datetime import date
from typing import Protocol

import discord

from bot.core.answers.clock import sort_key
from bot.core.answers.timeline import select_events
from bot.core.knowledge.model import Event, Knowledge
from bot.discord_app.errors import report_error
from bot.discord_app.sending import NO_MENTIONS, Reply, respond
from bot.discord_app.views import owner_only, resolve_ref, short_ref
from bot.render.overview import event_line, page_embed, source_lines

#: Lines per page: short enough to read on a phone.
LINES_PER_PAGE = 10
#: Longest person or label id written as itself into a custom_id; longer ones become a hash.
REF_LIMIT = 16
TIMELINE, ALL_SOURCES = "t", "q"


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


@dataclass(frozen=True, slots=True)
class PageState:
    """Everything a paged message needs to be rebuilt: the list, its filters, the page, the owner."""

    kind: str
    owner_id: int
    page: int = 0
    since: date | None = None
    until: date | None = None
    person: str | None = None
    label: str | None = None

    def custom_id(self, step: str) -> str:
        """The id of the ◀ (`p`) or ▶ (`n`) button; at most 85 characters."""
        fields = [
            f"{self.since:%Y%m%d}" if self.since else "",
            f"{self.until:%Y%m%d}" if self.until else "",
            short_ref(self.person, REF_LIMIT) if self.person else "",
            short_ref(self.label, REF_LIMIT) if self.label else "",
        ]
        return ":".join(["pg:1", self.kind, step, str(self.owner_id), str(self.page), *fields])

    @classmethod
    def parse(cls, match: re.Match[str], knowledge: Knowledge) -> PageState:
        """The state a button names, with person and label resolved against `knowledge`."""
        since, until, person, label = match["filters"].split(":")
        return cls(
            kind=match["kind"],
            owner_id=int(match["owner"]),
            page=int(match["page"]),
            since=_day(since),
            until=_day(until),
            person=resolve_ref(person, knowledge.people) if person else None,
            label=resolve_ref(label, knowledge.labels) if label else None,
        )


def _day(text: str) -> date | None:
    return date(int(text[:4]), int(text[4:6]), int(text[6:])) if text else None


def page_source(state: PageState, knowledge: Knowledge) -> LinePageSource:
    """The list a state names, built from the knowledge that is running now."""
    if state.kind == ALL_SOURCES:
        return all_sources(knowledge)
    events = select_events(
        knowledge, since=state.since, until=state.until, person=state.person, label=state.label
    )
    filters = [
        f"ab {state.since:%d.%m.%Y}" if state.since else "",
        f"bis {state.until:%d.%m.%Y}" if state.until else "",
        knowledge.people[state.person].name if state.person in knowledge.people else "",
        knowledge.labels[state.label].name if state.label in knowledge.labels else "",
    ]
    return timeline_source(events, knowledge, ", ".join(f for f in filters if f))


def page_view(state: PageState, page_count: int) -> discord.ui.View | None:
    """◀ page ▶, persistent; None when everything fits on one page."""
    if page_count <= 1:
        return None
    view = discord.ui.View(timeout=None)
    view.add_item(PageButton(state, "p", disabled=state.page <= 0))
    view.add_item(
        discord.ui.Button(
            label=f"{state.page + 1}/{page_count}",
            style=discord.ButtonStyle.secondary,
            disabled=True,
            custom_id="pg:1:at",
        )
    )
    view.add_item(PageButton(state, "n", disabled=state.page >= page_count - 1))
    return view


async def send_pages(interaction: discord.Interaction, state: PageState, knowledge: Knowledge) -> None:
    """Answer with the first page; buttons only when there is more than one page."""
    source = page_source(state, knowledge)
    view = page_view(state, source.page_count)
    await respond(interaction, Reply(embed=source.format_page(state.page), view=view))


class PageButton(
    discord.ui.DynamicItem[discord.ui.Button],
    template=r"pg:1:(?P<kind>[tq]):(?P<step>[pn]):(?P<owner>\d+):(?P<page>\d+):(?P<filters>[^:]*:[^:]*:[^:]*:[^:]*)",
):
    """◀ or ▶ of a paged list; only the member who asked may turn the pages."""

    def __init__(self, state: PageState, step: str, *, disabled: bool = False) -> None:
        super().__init__(
            discord.ui.Button(
                label="◀" if step == "p" else "▶",
                style=discord.ButtonStyle.secondary,
                disabled=disabled,
                custom_id=state.custom_id(step),
            )
        )
        self.state = state
        self.step = step

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction, item: discord.ui.Button, match: re.Match[str], /
    ) -> PageButton:
        knowledge = interaction.client.store.engine.knowledge  # type: ignore[attr-defined]
        return cls(PageState.parse(match, knowledge), match["step"])

    async def interaction_check(self, interaction: discord.Interaction, /) -> bool:
        return await owner_only(interaction, self.state.owner_id)

    async def callback(self, interaction: discord.Interaction) -> None:
        try:
            knowledge = interaction.client.store.engine.knowledge  # type: ignore[attr-defined]
            source = page_source(self.state, knowledge)
            wanted = self.state.page + (1 if self.step == "n" else -1)
            state = replace(self.state, page=max(0, min(wanted, source.page_count - 1)))
            await interaction.response.edit_message(
                embed=source.format_page(state.page),
                view=page_view(state, source.page_count),
                allowed_mentions=NO_MENTIONS,
            )
        except Exception as error:  # noqa: BLE001 - discord.py would only log it; the member gets a reply
            await report_error(interaction, error, "page button")
