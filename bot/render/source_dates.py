"""A source's date, shown once: not again when its title already names the day.

Titles such as "Toner nennt Gründe für die Entlassung (28.5.2024)" carry their date; appending the
published date gave "(28.5.2024) (28.05.2024)". A title naming another day (an article about an
earlier statement) keeps the published date: those are two facts.
"""

from __future__ import annotations

import re
from datetime import date

from bot.core.answers.clock import format_when, local_date
from bot.core.knowledge.model import Source

_GERMAN_DAY = re.compile(r"\b(\d{1,2})\.(\d{1,2})\.(\d{4})\b")
_ISO_DAY = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")


def days_named(text: str) -> set[date]:
    """The calendar days a text names as 28.5.2024, 28.05.2024 or 2024-05-28."""
    days = set()
    for found in _GERMAN_DAY.finditer(text):
        days.add((int(found[3]), int(found[2]), int(found[1])))
    for found in _ISO_DAY.finditer(text):
        days.add((int(found[1]), int(found[2]), int(found[3])))
    valid = set()
    for year, month, day in days:
        try:
            valid.add(date(year, month, day))
        except ValueError:
            continue
    return valid


def published_text(source: Source, timezone: str) -> str | None:
    """'28.05.2024' (or with the time), or None when the title already names that day."""
    if local_date(source.published, timezone) in days_named(source.title):
        return None
    return format_when(source.published, timezone)
