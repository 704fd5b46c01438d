"""Finding the day a question asks about: "am 17.11.", "17. November", "am Sonntag", "on sunday".

A story happens on a handful of days, so a weekday or a date without a year is resolved against
the days the knowledge has events on: "Sonntag" is the Sunday with the most events. Month and
weekday names come from the language files; nothing here knows which story it serves.
"""

from __future__ import annotations

import re
from collections import Counter
from datetime import date

from bot.core.matching.language import Lexicon

_NUMERIC = re.compile(r"(?<!\d)(\d{1,2})\.\s?(\d{1,2})\.?(?:\s?(\d{4}|\d{2})(?!\d))?")
_ORDINAL = re.compile(r"\d+(?:st|nd|rd|th)?")  # "5", "5th"
_ISO = re.compile(r"(?<!\d)(\d{4})-(\d{2})-(\d{2})(?!\d)")
_ORDINAL_SUFFIXES = frozenset({"st", "nd", "rd", "th"})


def _numeric_date(text: str) -> tuple[int, int, int | None] | None:
    found = _ISO.search(text)
    if found:
        return int(found[3]), int(found[2]), int(found[1])
    found = _NUMERIC.search(text)
    if found:
        year = found[3]
        full_year = None if year is None else int(year) + (2000 if len(year) == 2 else 0)
        return int(found[1]), int(found[2]), full_year
    return None


def _day_number(word: str) -> int | None:
    """ "17" or "17th" as a day of a month, else None."""
    if not _ORDINAL.fullmatch(word):
        return None
    number = int(word.rstrip("stndrh"))
    return number if 1 <= number <= 31 else None


def _named_date(words: list[str], lexicon: Lexicon) -> tuple[int, int, int | None] | None:
    """ "17 november 2023", "17th of march", "march 5th"; words are folded ("17." is "17")."""
    words = [w for w in words if w not in _ORDINAL_SUFFIXES and w != "of"]
    for i, word in enumerate(words):
        month = lexicon.months.get(word)
        if month is None:
            continue
        after = words[i + 1] if i + 1 < len(words) else ""
        year_word = words[i + 2] if i + 2 < len(words) else after
        day = _day_number(words[i - 1]) if i > 0 else None
        if day is None and (day := _day_number(after)) is not None:
            year_word = words[i + 2] if i + 2 < len(words) else ""
        if day is None:
            continue
        year = int(year_word) if len(year_word) == 4 and year_word.isdigit() else None
        return day, month, year
    return None


def find_day(
    text: str, words: list[str], event_days: list[date], lexicon: Lexicon
) -> tuple[date, frozenset[str]] | None:
    """The day the question names, resolved against the event days, and the words naming it.

    `text` is the question as typed (for "17.11."), `words` its folded words.
    """
    parts = _numeric_date(text) or _named_date(words, lexicon)
    if parts is not None:
        day, month, year = parts
        if year is None:
            years = Counter(d.year for d in event_days if (d.month, d.day) == (month, day))
            if not years:
                return None
            year = years.most_common(1)[0][0]
        try:
            resolved = date(year, month, day)
        except ValueError:
            return None
        naming = {w for w in words if _ORDINAL.fullmatch(w) or w in lexicon.months or w in _ORDINAL_SUFFIXES}
        return resolved, frozenset(naming)
    for word in words:
        weekday = lexicon.weekdays.get(word if word in lexicon.weekdays else word.removesuffix("s"))
        if weekday is None:
            continue
        counts = Counter(d for d in event_days if d.weekday() == weekday)
        if not counts:
            return None
        best = max(counts.items(), key=lambda item: (item[1], -item[0].toordinal()))[0]
        return best, frozenset({word})
    return None


def names_period_with_events(words: list[str], event_days: list[date], lexicon: Lexicon) -> bool:
    """Whether the question names a month or a year that has events ("im November 2023", "2019")."""
    years = {int(w) for w in words if len(w) == 4 and w.isdigit()}
    months = {lexicon.months[w] for w in words if w in lexicon.months}
    return any(
        (not years or day.year in years) and (not months or day.month in months)
        for day in event_days
        if years or months
    )
