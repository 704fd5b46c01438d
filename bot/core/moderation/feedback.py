"""Where "hilfreich" / "nicht hilfreich" clicks go.

The Discord layer only knows the `FeedbackSink` protocol, so storage can change (in memory now,
SQLite later) without touching it. The protocol deliberately has no member id or name: feedback
says which answer helped, never who said so.
"""

from __future__ import annotations

import threading
from collections import Counter
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Protocol, runtime_checkable


@runtime_checkable
class FeedbackSink(Protocol):
    """Receives one vote per click.

    `answer_id` is `Answer.id` (an entry id such as `faq-worum-geht-es`, or `tag-YYYY-MM-DD` for a
    day answer); `channel_id` is where the answer was shown (None in direct messages). The Discord
    layer calls this from a worker thread (`asyncio.to_thread`), so an implementation may block
    briefly (e.g. write to SQLite) but must be thread-safe. It must not raise for unknown ids: the
    knowledge may have changed since the answer was shown.
    """

    def record_feedback(self, answer_id: str, helpful: bool, channel_id: int | None) -> None: ...


@dataclass(frozen=True, slots=True)
class FeedbackVote:
    answer_id: str
    helpful: bool
    channel_id: int | None
    at: datetime


class InMemoryFeedback:
    """The default sink: keeps votes until the process ends (enough to see them in `/wissen status`)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.votes: list[FeedbackVote] = []

    def record_feedback(self, answer_id: str, helpful: bool, channel_id: int | None) -> None:
        vote = FeedbackVote(answer_id, helpful, channel_id, datetime.now(UTC))
        with self._lock:
            self.votes.append(vote)

    def tally(self) -> tuple[int, int]:
        """(helpful, not helpful) over all votes."""
        with self._lock:
            counts = Counter(vote.helpful for vote in self.votes)
        return counts[True], counts[False]
