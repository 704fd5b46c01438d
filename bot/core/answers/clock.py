"""Showing knowledge times in the story's time zone, in German.

The knowledge stores times as they were stated (UTC posts, Pacific press releases); members read
them in German time. A plain date stays a date: it has no hour to convert.
"""

from __future__ import annotations

from datetime import date, datetime
from functools import lru_cache
from zoneinfo import ZoneInfo

from bot.core.knowledge.model import When

WEEKDAYS_DE = ("Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag", "Sonntag")
MONTHS_DE = (
    "Januar",
    "Februar",
    "März",
    "April",
    "Mai",
    "Juni",
    "Juli",
    "August",
    "September",
    "Oktober",
    "November",
    "Dezember",
)


@lru_cache(maxsize=32)
def zone(name: str) -> ZoneInfo:
    return ZoneInfo(name)


def local_date(when: When, timezone: str) -> date:
    """The calendar day on which `when` falls in the story's zone."""
    if isinstance(when, datetime):
        return when.astimezone(zone(timezone)).date()
    return when


def sort_key(when: When) -> datetime:
    """Dates sort as the start of their day (UTC), so they come before that day's times."""
    if isinstance(when, datetime):
        return when.astimezone(zone("UTC"))
    return datetime(when.year, when.month, when.day, tzinfo=zone("UTC"))


def format_when(when: When, timezone: str) -> str:
    """'17.11.2023, 22:46 Uhr' for a time, '17.11.2023' for a date."""
    if isinstance(when, datetime):
        local = when.astimezone(zone(timezone))
        return f"{local:%d.%m.%Y}, {local:%H:%M} Uhr"
    return f"{when:%d.%m.%Y}"


def format_day(day: date) -> str:
    """'Freitag, 17. November 2023'."""
    return f"{WEEKDAYS_DE[day.weekday()]}, {day.day}. {MONTHS_DE[day.month - 1]} {day.year}"


def iso(when: When) -> str:
    return when.isoformat()
