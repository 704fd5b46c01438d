"""Explanation -> text for `ask --explain`: how the engine read a question and why it decided so.

For moderators asking "why did the bot say that?" and for whoever tunes the engine: the words with
their tags, what the question asks, each candidate with its probability and the features that are
not zero, and the band with the thresholds that chose it. German, like everything moderators read.
"""

from __future__ import annotations

from bot.core.knowledge.model import Knowledge, entry_title
from bot.core.matching.decide import Bands
from bot.core.matching.engine import Explanation

#: Candidates shown; the rest rarely matter and make the output unreadable.
SHOWN_CANDIDATES = 5

_TAGS = {"name": "Name", "time": "Zeit", "number": "Zahl", "frame": "Rahmen", "content": "Inhalt"}
_BANDS = {"answer": "antworten", "suggest": "„Meintest du …?“", "silent": "schweigen"}


def render_explanation(explanation: Explanation, knowledge: Knowledge, bands: Bands) -> str:
    question = explanation.question
    words = " ".join(
        f"{term.word}[{_TAGS[term.tag]}{'' if term.known or term.tag == 'frame' else ', unbekannt'}]"
        for term in question.terms
    )
    lines = [
        f"Frage: {question.text}" + (" (gekürzt)" if question.cut else ""),
        f"Gefaltet: {question.folded}",
        f"Wörter: {words or '–'}",
        f"Fragt nach: {', '.join(sorted(question.asks)) or '–'}",
    ]
    if question.day is not None:
        lines.append(f"Tag: {question.day.isoformat()}")
    ranked = explanation.ranked
    candidates = explanation.candidates
    row_of = {entry_id: i for i, entry_id in enumerate(candidates.entry_ids)}
    lines.append(f"Kandidaten: {len(ranked.entry_ids)}" + ("" if ranked.entry_ids else " (keine)"))
    for place, (entry_id, probability) in enumerate(
        zip(ranked.entry_ids[:SHOWN_CANDIDATES], ranked.probabilities, strict=False), start=1
    ):
        entry = knowledge.entry(entry_id)
        title = entry_title(entry) if entry is not None else "?"
        lines.append(f"{place}. {entry_id} – {title}: p = {probability:.3f}")
        if entry_id in row_of and candidates.rows.shape[1]:
            features = {k: v for k, v in candidates.explain(row_of[entry_id]).items() if v}
            if features:
                lines.append("   " + ", ".join(f"{k}={v:.3g}" for k, v in features.items()))
    lines.append(
        f"Entscheidung: {_BANDS[explanation.band]} (antworten ab p ≥ {bands.answer_at:.2f}, "
        f"„Meintest du“ ab Summe der besten {bands.max_suggestions} ≥ {bands.suggest_at:.2f})"
    )
    return "\n".join(lines)
