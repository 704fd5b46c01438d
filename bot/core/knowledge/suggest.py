"""Suggestions ("meintest du …?"): the known names nearest to one a moderator or operator mistyped.

Used wherever a name must be one of a known set: ids a snippet cites, labels, fields, sections, time
zones, and the CLI's `--person`/`--label` filters. rapidfuzz's plain edit-distance ratio suits
typos in ids ("artikel-aipeanut"); its weighted ratio would also match any id that merely
contains the text.
"""

from __future__ import annotations

from collections.abc import Iterable

from rapidfuzz import fuzz, process, utils

#: Below this likeness (0-100) a known name is no help: better no hint than a wrong one.
MIN_LIKENESS = 60
#: Names offered at most.
SHOWN = 3


def nearest(text: str, known: Iterable[str], *, limit: int = SHOWN) -> list[str]:
    """The known names most like `text`, best first, case and punctuation ignored.

    >>> nearest("artikel-aipeanut", ["artikel-aipeanuts", "pm-openai", "artikel-bloomberg"])
    ['artikel-aipeanuts']
    """
    choices = list(dict.fromkeys(known))
    found = process.extract(
        text,
        choices,
        scorer=fuzz.ratio,
        processor=utils.default_process,
        limit=limit,
        score_cutoff=MIN_LIKENESS,
    )
    return [choice for choice, _score, _index in found]


def did_you_mean(text: str, known: Iterable[str]) -> str:
    """' – meintest du „a“ oder „b“?' for a message, or '' when nothing known is near."""
    names = nearest(text, known)
    if not names:
        return ""
    quoted = [f"„{name}“" for name in names]
    listed = quoted[0] if len(quoted) == 1 else ", ".join(quoted[:-1]) + " oder " + quoted[-1]
    return f" – meintest du {listed}?"
