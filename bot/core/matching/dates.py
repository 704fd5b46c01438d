"""Finding the day a question asks about: "am 17.11.", "17. November", "am Sonntag", "on sunday".

A story happens on a handful of days, so a weekday or a date without a year is resolved against
the days the knowledge has events on: "Sonntag" is the Sunday with the most events. Nothing here
knows which story it serves.
"""

from __future__ import annotations

import re
from collections import Counter
from datetime import date

from bot.core.matching.normalize import fold

_MONTHS = {
    "jan": 1,
    "januar": 1,
    "january": 1,
    "feb": 2,
    "februar": 2,
    "february": 2,
    "maerz": 3,
    "marz": 3,
    "mar": 3,
    "march": 3,
    "apr": 4,
    "april": 4,
    "mai": 5,
    "may": 5,
    "jun": 6,
    "juni": 6,
    "june": 6,
    "jul": 7,
    "juli": 7,
    "july": 7,
    "aug": 8,
    "august": 8,
    "sep": 9,
    "sept": 9,
    "september": 9,
    "okt": 10,
    "oct": 10,
    "oktober": 10,
    "october": 10,
    "nov": 11,
    "november": 11,
    "dez": 12,
    "dec": 12,
    "dezember": 12,
    "december": 12,
}
_WEEKDAYS = {
    "montag": 0,
    "monday": 0,
    "dienstag": 1,
    "tuesday": 1,
    "mittwoch": 2,
    "wednesday": 2,
    "donnerstag": 3,
    "thursday": 3,
    "freitag": 4,
    "friday": 4,
    "samstag": 5,
    "sonnabend": 5,
    "saturday": 5,
    "sonntag": 6,
    "sunday": 6,
}
#: Words that say when, not what about: a month the knowledge never names ("juli") does not make a
#: question about Madry in July one the knowledge cannot answer (see `search.unknown_words`).
TIME_WORDS = frozenset(
    [
        *_MONTHS,
        *_WEEKDAYS,
        *("jahr", "jahres", "year", "monat", "monats", "month", "tag", "tage", "tagen", "day"),
        *("days", "datum", "date", "uhrzeit", "zeitpunkt"),
    ]
)
#: Words that say "something happened" and nothing about what.
HAPPENED_WORDS = frozenset(["passiert", "passierte", "geschah", "geschehen", "happened", "happen"])


def says_when(word: str) -> bool:
    """A number, month, weekday or "what happened": when a question asks about, not what."""
    return word.isdigit() or word in TIME_WORDS or word in HAPPENED_WORDS


#: Words that only say "what happened then"; a question of nothing but these and a day is a day question.
DAY_QUESTION_WORDS = HAPPENED_WORDS | frozenset(
    [
        *("los", "going", "events", "ereignisse", "timeline", "chronik", "tag", "day", "datum"),
        *("date", "morgens", "abends", "nachts", "abend", "morgen"),
    ]
)

_NUMERIC = re.compile(r"(?<!\d)(\d{1,2})\.\s?(\d{1,2})\.?(?:\s?(\d{4}|\d{2})(?!\d))?")
_ORDINAL = re.compile(r"\d+(?:st|nd|rd|th)?")  # "5", "5th"
_ISO = re.compile(r"(?<!\d)(\d{4})-(\d{2})-(\d{2})(?!\d)")
_MONTH_NAMES = "|".join(sorted(_MONTHS, key=len, reverse=True))
_DAY_MONTH = re.compile(rf"\b(\d{{1,2}})\s*(?:st|nd|rd|th)?\s+({_MONTH_NAMES})\b(?:\s+(\d{{4}}))?")
_MONTH_DAY = re.compile(rf"\b({_MONTH_NAMES})\s+(\d{{1,2}})(?:st|nd|rd|th)?\b(?:\s+(\d{{4}}))?")


def _numeric_date(question: str) -> tuple[int, int, int | None] | None:
    found = _ISO.search(question)
    if found:
        return int(found[3]), int(found[2]), int(found[1])
    found = _NUMERIC.search(question)
    if found:
        year = found[3]
        full_year = None if year is None else int(year) + (2000 if len(year) == 2 else 0)
        return int(found[1]), int(found[2]), full_year
    return None


def _named_date(folded: str) -> tuple[int, int, int | None] | None:
    found = _DAY_MONTH.search(folded)
    if found:
        return int(found[1]), _MONTHS[found[2]], int(found[3]) if found[3] else None
    found = _MONTH_DAY.search(folded)
    if found:
        return int(found[2]), _MONTHS[found[1]], int(found[3]) if found[3] else None
    return None


def find_day(question: str, event_days: list[date]) -> tuple[date, set[str]] | None:
    """The day the question names, resolved against the event days, and the words naming it."""
    folded = fold(question.replace(".", ". "))
    parts = _numeric_date(question) or _named_date(folded)
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
        words = {
            w
            for w in folded.split()
            if _ORDINAL.fullmatch(w) or w in _MONTHS or w in {"st", "nd", "rd", "th"}
        }
        return resolved, words
    for word in folded.split():
        weekday = _WEEKDAYS.get(word.removesuffix("s") if word not in _WEEKDAYS else word)
        if weekday is None:
            continue
        counts = Counter(d for d in event_days if d.weekday() == weekday)
        if not counts:
            return None
        best = max(counts.items(), key=lambda item: (item[1], -item[0].toordinal()))[0]
        return best, {word}
    return None


def names_period_with_events(question: str, event_days: list[date]) -> bool:
    """Whether the question names a month or a year that has events ("im November 2023", "2019").

    "Was passierte im November 2023?" is the story itself; "was war im August 2024?" is a time
    the knowledge has nothing for.
    """
    words = fold(question).split()
    years = {int(w) for w in words if len(w) == 4 and w.isdigit()}
    months = {_MONTHS[w] for w in words if w in _MONTHS}
    return any(
        (not years or day.year in years) and (not months or day.month in months)
        for day in event_days
        if years or months
    )
