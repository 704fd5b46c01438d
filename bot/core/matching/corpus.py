"""The knowledge as retrieval sees it: what each entry answers, in every wording it knows.

An entry is asked for by its title, its question variants, its keywords, a person's names and
roles, and by members' own questions the knowledge records as examples of it (`examples:` with an
answer). Examples without an answer are questions the bot must not answer. Both sides of retrieval
read the knowledge through this one view, and training asks it for the same view with some texts
or entries left out.

Which texts the dense side embeds is part of the view (`DENSE_TEXTS`): everything by default; a
very large knowledge set may embed only its questions or only its titles, since embedding costs
time once per text (about 20 ms each on one core) and memory for as long as the bot runs.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from dataclasses import dataclass

from bot.core.knowledge.model import Event, FaqEntry, Knowledge, Person
from bot.core.matching.text import fold

Entry = FaqEntry | Event | Person

#: What the dense side embeds, most to least: "all" what each entry is about (title, question
#: variants, keywords, names, aliases, roles, members' examples) and its answer texts;
#: "questions" only titles, names, question variants, aliases and members' examples;
#: "titles" only titles, names and members' examples.
DENSE_TEXTS = ("all", "questions", "titles")


@dataclass(frozen=True)
class Corpus:
    """Entries in a fixed order, their asked-for texts and the questions without an answer."""

    entries: tuple[Entry, ...]
    #: Members' example questions per entry (not the knowledge's own variants).
    examples: dict[str, tuple[str, ...]]
    no_answer: tuple[str, ...]
    #: One of `DENSE_TEXTS`: which texts `head_texts` and `snippet_texts` give the dense side.
    dense_texts: str = "all"

    @classmethod
    def of(cls, knowledge: Knowledge, *, dense_texts: str = "all") -> Corpus:
        if dense_texts not in DENSE_TEXTS:
            raise ValueError(f"dense_texts must be one of {DENSE_TEXTS}, not {dense_texts!r}")
        entries = (*knowledge.faq.values(), *knowledge.events.values(), *knowledge.people.values())
        examples: dict[str, list[str]] = {}
        no_answer: list[str] = []
        for example in knowledge.examples:
            answers = [a for a in example.answers if knowledge.entry(a) is not None]
            if not example.answers:
                no_answer.append(example.question)
            # A day's answer ("tag-2023-11-19") is no entry: the engine finds days by their date.
            for answer in answers:
                examples.setdefault(answer, []).append(example.question)
        return cls(tuple(entries), {k: tuple(v) for k, v in examples.items()}, tuple(no_answer), dense_texts)

    @property
    def entry_ids(self) -> list[str]:
        return [entry.id for entry in self.entries]

    def searchable(
        self, *, without: frozenset[tuple[str, str]] = frozenset(), gone: frozenset[str] = frozenset()
    ) -> list[Entry]:
        """The entries for the lexical index, examples joined to their variants; `without` leaves
        out (entry id, text) pairs and `gone` whole entries."""
        out = []
        for entry in self.entries:
            if entry.id in gone:
                continue
            extra = tuple(t for t in self.examples.get(entry.id, ()) if (entry.id, t) not in without)
            if isinstance(entry, Person):
                aliases = tuple(a for a in entry.aliases if (entry.id, a) not in without)
                out.append(dataclasses.replace(entry, aliases=aliases, keywords=(*entry.keywords, *extra)))
            else:
                variants = tuple(q for q in entry.questions if (entry.id, q) not in without)
                title = "" if (entry.id, entry.title) in without else entry.title
                out.append(dataclasses.replace(entry, title=title, questions=(*variants, *extra)))
        return out

    def head_texts(self) -> list[tuple[int, str, str]]:
        """(entry position, entry id, folded text) of what each entry is about, for the dense side."""
        rows = []
        for position, entry in enumerate(self.entries):
            for text in _head_of(entry, self.examples.get(entry.id, ()), self.dense_texts):
                rows.append((position, entry.id, text))
        return rows

    def snippet_texts(self) -> list[tuple[int, str]]:
        """(entry position, folded answer text) for the dense side; none unless it embeds "all"."""
        if self.dense_texts != "all":
            return []
        return [(p, fold(s.text)) for p, entry in enumerate(self.entries) for s in entry.snippets]


def _head_of(entry: Entry, examples: Iterable[str], dense_texts: str) -> list[str]:
    person = isinstance(entry, Person)
    texts = [entry.name if person else entry.title]
    if dense_texts != "titles":
        texts += entry.aliases if person else entry.questions
    if dense_texts == "all":
        texts += [role.title for role in entry.roles] if person else []
        if entry.keywords:
            texts.append(", ".join(entry.keywords))
    texts.extend(examples)
    folded = [fold(t) for t in texts]
    return list(dict.fromkeys(t for t in folded if t))
