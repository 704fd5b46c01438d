"""`python -m bot timeline`: events in time order, filtered by days, person and label.

The filters take what a person would type: German or ISO dates, a person's id, name or alias, a
label's id or name, in any case and without umlauts. A name that fits nothing is an error with
the nearest known ones ("meintest du sam-altman?"), not an empty list that looks like an answer.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from datetime import date
from typing import TextIO

from bot.cli_parser import DayOption, UsageError, day_option
from bot.core.answers.clock import local_date
from bot.core.answers.timeline import find_by_name, label_names, nearest_names, person_names, select_events
from bot.core.knowledge.model import Knowledge
from bot.render.text import render_timeline


def add_timeline_parser(commands: argparse._SubParsersAction) -> None:
    timeline = commands.add_parser("timeline", help="events in time order")
    timeline.add_argument(
        "--from", dest="since", type=day_option, metavar="DAY", help="from this day (17.11.2023, 2023-11-17)"
    )
    timeline.add_argument("--to", dest="until", type=day_option, metavar="DAY", help="up to this day")
    timeline.add_argument("--person", metavar="NAME", help="only events with this person (id, name or alias)")
    timeline.add_argument("--label", metavar="NAME", help="only events with a snippet of this label")


def cmd_timeline(args: argparse.Namespace, knowledge: Knowledge, out: TextIO) -> int:
    stand = local_date(knowledge.story.stand, knowledge.story.timezone)
    since = _day("--from", args.since, stand)
    until = _day("--to", args.until, stand)
    if since and until and until < since:
        raise UsageError(f"--to ({until:%d.%m.%Y}) liegt vor --from ({since:%d.%m.%Y})")
    person = _resolve(knowledge, "--person", args.person, person_names(knowledge), _person_shown)
    label = _resolve(knowledge, "--label", args.label, label_names(knowledge), _label_shown)
    events = select_events(knowledge, since=since, until=until, person=person, label=label)
    out.write(render_timeline(events, knowledge) + "\n")
    return 0


def _day(option: str, typed: DayOption | None, stand: date) -> date | None:
    if typed is None:
        return None
    try:
        return typed.resolve(stand)
    except UsageError as error:
        raise UsageError(f"{option}: {error}") from None


def _person_shown(knowledge: Knowledge, person_id: str) -> str:
    return f"{person_id} ({knowledge.people[person_id].name})"


def _label_shown(knowledge: Knowledge, label_id: str) -> str:
    label = knowledge.labels[label_id]
    return f"{label.id} ({label.emoji})" if label.name == label.id else f"{label.id} ({label.name})"


def _resolve(
    knowledge: Knowledge,
    option: str,
    text: str | None,
    names: dict[str, str],
    shown: Callable[[Knowledge, str], str],
) -> str | None:
    """The id `text` names, or a UsageError listing the nearest ids."""
    if text is None:
        return None
    found = find_by_name(names, text)
    if found is not None:
        return found
    nearest = nearest_names(names, text)
    what = "eine Person" if option == "--person" else "ein Label"
    message = f"{option}: {what} „{text}“ gibt es nicht"
    if nearest:
        listed = " oder ".join(shown(knowledge, entry_id) for entry_id in nearest)
        message += f" – meintest du {listed}?"
    else:
        every = sorted(set(names.values()))
        message += f" (es gibt: {', '.join(every[:12])}{', …' if len(every) > 12 else ''})"
    raise UsageError(message)
