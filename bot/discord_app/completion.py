"""Autocomplete choices: fuzzy, best-first, at most 25, each 1–100 characters.

The choice lists are built once per knowledge set (the engine object identifies the set) and
ranked by `bot.core.matching.likeness.rank_completions`, so typing "altmn" still finds "Altman".
"""

from __future__ import annotations

from discord import app_commands

from bot.core.matching.engine import AnswerEngine
from bot.core.matching.likeness import rank_completions
from bot.core.matching.text import fold
from bot.render.embeds import AUTOCOMPLETE_CHOICE_LIMIT, CHOICE_NAME_LIMIT, cut


def _texts(pairs: list[tuple[str, str]]) -> dict[str, str]:
    """display text -> folded text, first display per folded text wins, empty ones dropped."""
    seen: set[str] = set()
    choices: dict[str, str] = {}
    for display, _value in pairs:
        display = cut(display, CHOICE_NAME_LIMIT)
        folded = fold(display)
        if folded and folded not in seen:
            seen.add(folded)
            choices[display] = folded
    return choices


class Completions:
    """Choice lists for the current knowledge set, rebuilt when the engine is swapped."""

    def __init__(self) -> None:
        self._engine: AnswerEngine | None = None
        self._questions: dict[str, str] = {}
        self._people: dict[str, str] = {}
        self._person_ids: dict[str, str] = {}

    def _refresh(self, engine: AnswerEngine) -> None:
        if engine is self._engine:
            return
        knowledge = engine.knowledge
        featured = [knowledge.faq[i] for i in knowledge.story.featured if i in knowledge.faq]
        pairs: list[tuple[str, str]] = [(f.title, f.title) for f in featured]
        for faq in knowledge.faq.values():
            pairs += [(faq.title, faq.title), *((q, q) for q in faq.questions)]
        for person in knowledge.people.values():
            pairs.append((person.name, person.name))
        for event in knowledge.events.values():
            pairs += [(event.title, event.title), *((q, q) for q in event.questions)]
        self._questions = _texts(pairs)
        person_pairs: list[tuple[str, str]] = []
        self._person_ids = {}
        for person in knowledge.people.values():
            for text in (person.name, *person.aliases):
                shown = person.name if text == person.name else f"{text} ({person.name})"
                person_pairs.append((shown, person.id))
                self._person_ids[cut(shown, CHOICE_NAME_LIMIT)] = person.id
        self._people = _texts(person_pairs)
        self._engine = engine

    def questions(self, engine: AnswerEngine, current: str) -> list[app_commands.Choice[str]]:
        """Question variants, titles and people best-first; the value is the question itself."""
        self._refresh(engine)
        ranked = rank_completions(current, self._questions, limit=AUTOCOMPLETE_CHOICE_LIMIT)
        return [app_commands.Choice(name=text, value=text) for text in ranked]

    def people(self, engine: AnswerEngine, current: str) -> list[app_commands.Choice[str]]:
        """People by name or alias best-first, each person once; the value is the person id."""
        self._refresh(engine)
        ranked = rank_completions(current, self._people, limit=AUTOCOMPLETE_CHOICE_LIMIT * 2)
        choices: dict[str, app_commands.Choice[str]] = {}
        for text in ranked:
            person_id = self._person_ids[text]
            name = engine.knowledge.people[person_id].name
            choices.setdefault(
                person_id, app_commands.Choice(name=cut(name, CHOICE_NAME_LIMIT), value=person_id)
            )
        return list(choices.values())[:AUTOCOMPLETE_CHOICE_LIMIT]


def label_choices(engine: AnswerEngine, current: str) -> list[app_commands.Choice[str]]:
    """Labels, most certain first, fuzzy by name."""
    labels = sorted(engine.knowledge.labels.values(), key=lambda label: -label.strength)
    shown = {cut(f"{label.emoji} {label.name}", CHOICE_NAME_LIMIT): label for label in labels}
    ranked = rank_completions(
        current, {text: fold(label.name) for text, label in shown.items()}, limit=AUTOCOMPLETE_CHOICE_LIMIT
    )
    return [app_commands.Choice(name=text, value=shown[text].id) for text in ranked]
