"""Unanswered questions -> groups a moderator can act on ("what should I write next?").

Questions are stored normalised (see `normalise_question`), then grouped here by similarity so that
"wer ist mira" and "Wer ist Mira Murati?" are one gap with both variants shown. The similarity
itself comes from `likeness.question_similarity` (rapidfuzz over the folded words); this
module only decides how to group, so the grouping is tested with the real scorer.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime

from bot.core.matching.likeness import question_similarity

#: Stored questions are cut here: a gap is recognisable from its start; a paste is not a question.
MAX_STORED_CHARS = 200
#: Two questions at or above this similarity (0-100) count as the same gap.
GROUP_CUTOFF = 85.0

# Discord mentions carry member, role and channel ids; Discord ids are 17-20 digit snowflakes.
_MENTION = re.compile(r"<(?:@[!&]?|#)\d+>|<a?:\w+:\d+>|\b\d{15,}\b")
_NOT_WORD = re.compile(r"[^\w@.+-]+")


def normalise_question(text: str) -> str:
    """Lower-cased, single-spaced text without mentions, ids or punctuation; "" if nothing is left.

    Readable on purpose (umlauts kept, unlike search folding): the variants go into FAQ skeletons.
    Mentions and long digit runs are removed so that no member id is ever stored with a question.
    """
    text = unicodedata.normalize("NFKC", text[: MAX_STORED_CHARS * 3])
    text = _MENTION.sub(" ", text).lower()
    words = [word.strip(".+-") for word in _NOT_WORD.sub(" ", text).split()]
    return " ".join(word for word in words if word and not word.startswith("@"))[:MAX_STORED_CHARS].strip()


@dataclass(frozen=True, slots=True)
class AskedQuestion:
    """One stored unanswered question, summed over channels."""

    text: str
    count: int
    first_seen: datetime
    last_seen: datetime


@dataclass(frozen=True, slots=True)
class Gap:
    """Similar unanswered questions; `variants` most asked first."""

    variants: tuple[AskedQuestion, ...]

    @property
    def count(self) -> int:
        return sum(variant.count for variant in self.variants)

    @property
    def text(self) -> str:
        """The most asked wording stands for the group."""
        return self.variants[0].text

    @property
    def last_seen(self) -> datetime:
        return max(variant.last_seen for variant in self.variants)


def group_questions(
    questions: Iterable[AskedQuestion],
    *,
    similarity: Callable[[str, str], float] = question_similarity,
    cutoff: float = GROUP_CUTOFF,
) -> list[Gap]:
    """Gaps, most asked first.

    Greedy and anchored: going from the most asked question down, each joins the first group
    whose leading (most asked) wording is similar enough, else starts a group. Comparing with the
    leader rather than any member keeps chains ("a"~"b"~"c") from merging unrelated questions.
    """
    ordered = sorted(questions, key=lambda q: (-q.count, q.text))
    groups: list[list[AskedQuestion]] = []
    for question in ordered:
        for group in groups:
            if similarity(group[0].text, question.text) >= cutoff:
                group.append(question)
                break
        else:
            groups.append([question])
    gaps = [Gap(tuple(group)) for group in groups]
    gaps.sort(key=lambda gap: (-gap.count, -gap.last_seen.timestamp(), gap.text))
    return gaps
