"""Gaps -> what a moderator writes next: the still-open gaps and FAQ skeletons in the knowledge format.

A skeleton has everything the members said (the question variants) and nothing the moderator has
to say: `snippets:` is left empty with a commented template. That is deliberate: an unfilled
skeleton is refused by the validator ("„snippets“ hat keinen Wert"), so a half-done file can never
go live; once the snippets are filled in, it is a valid FAQ entry like any other.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import replace

from bot.core.knowledge.model import Knowledge
from bot.core.matching.engine import AnswerEngine
from bot.core.matching.language import content_words
from bot.core.moderation.gaps import Gap

#: Words of the leading question used for a skeleton's id.
ID_WORDS = 5


def open_gaps(gaps: Iterable[Gap], engine: AnswerEngine) -> list[Gap]:
    """Gaps without the variants the current knowledge already answers (it may have grown since)."""
    still_open = []
    for gap in gaps:
        variants = tuple(v for v in gap.variants if engine.ask(v.text).status != "answered")
        if variants:
            still_open.append(replace(gap, variants=variants))
    still_open.sort(key=lambda gap: (-gap.count, -gap.last_seen.timestamp(), gap.text))
    return still_open


def _quoted(text: str) -> str:
    """A YAML double-quoted scalar (JSON strings are valid YAML)."""
    return json.dumps(text, ensure_ascii=False)


def skeleton_id(text: str, taken: set[str]) -> str:
    """`faq-` and the first content words, ASCII-folded; numbered when the id is taken."""
    words = content_words(text)[:ID_WORDS]
    base = "faq-" + ("-".join(words) or "frage")
    candidate, number = base, 2
    while candidate in taken:
        candidate, number = f"{base}-{number}", number + 1
    taken.add(candidate)
    return candidate


def _title(text: str) -> str:
    return text[:1].upper() + text[1:] + ("" if text.endswith("?") else "?")


def faq_skeletons(gaps: Iterable[Gap], knowledge: Knowledge) -> str:
    """YAML text with one FAQ skeleton per gap; ids avoid every id already in `knowledge`."""
    taken = set(knowledge.origins)
    labels = sorted(knowledge.labels.values(), key=lambda label: -label.strength)
    label_names = ", ".join(label.id for label in labels)
    example_label = labels[-1].id if labels else "unklar"
    lines = [
        "# FAQ-Skelette aus unbeantworteten Fragen (python -m bot gaps --export).",
        "# Die Fragen stammen von Mitgliedern; Titel und Snippets schreibt ihr.",
        "# So lange 'snippets' leer ist, lehnt der Validator die Datei ab. Tipp: als _luecken.yaml",
        "# in den Wissensordner legen (Dateien mit _ werden übersprungen), ausfüllen, umbenennen.",
        f"# Labels: {label_names}. Bestätigte Labels brauchen eine Primärquelle.",
        "faq:",
    ]
    for gap in gaps:
        asked = f"{gap.count}× gefragt, zuletzt {gap.last_seen.date().isoformat()}"
        lines += [
            f"  - id: {skeleton_id(gap.text, taken)}",
            f"    title: {_quoted(_title(gap.text))}",
            f"    # {asked}",
            "    questions:",
            *(f"      - {_quoted(variant.text)}" for variant in gap.variants),
            "    snippets:",
            '      # - text: "Ein bis drei Sätze in eigenen Worten."',
            f"      #   label: {example_label}",
            "      #   sources: [quellen-id]",
        ]
    return "\n".join(lines) + "\n"
