"""Whole-text likeness for the two places that compare a member's text as a whole.

Autocomplete ranks entry titles against a half-typed question, and the gap report groups
unanswered questions that say the same thing. Both want one rapidfuzz ratio over the folded text,
not the engine's word index (`search`); with `words`, this is the only module importing rapidfuzz.
"""

from __future__ import annotations

from rapidfuzz import fuzz, process

from bot.core.matching.language import content_words
from bot.core.matching.text import fold


def rank_completions(text: str, choices: dict[str, str], *, limit: int) -> list[str]:
    """Choice keys best-first for what a member has typed so far (fuzzy, not substring).

    `choices` maps a display text to its folded form; `rapidfuzz.fuzz.WRatio` copes with a prefix
    typed with typos as well as with a whole question.
    """
    folded = fold(text)
    if not folded:
        return list(choices)[:limit]
    results = process.extract(
        folded, choices, scorer=fuzz.WRatio, processor=None, limit=limit, score_cutoff=50
    )
    return [key for _folded, _score, key in results]


def question_similarity(first: str, second: str) -> float:
    """How alike two members' questions are, 0-100, for grouping unanswered ones (`core.gaps`).

    Compares the folded content words as sets (`token_set_ratio`), so word order and one question
    adding a word to the other ("mira" / "mira murati") matter little. Questions made only of
    frame words ("wer ist das") fall back to all their words.
    """
    words_a = content_words(first)
    words_b = content_words(second)
    if not words_a or not words_b:
        return 100.0 if words_a == words_b else 0.0
    return fuzz.token_set_ratio(" ".join(words_a), " ".join(words_b), processor=None)
