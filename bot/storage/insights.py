"""What moderators learn from members: unanswered questions, answer feedback, reload history.

Privacy by construction: no method takes a member. Questions are kept as normalised text (mentions
and ids stripped) with counts, first/last seen and the channel id; feedback as counts per answer id;
reloads with the text the caller gives as "moderator" (the Discord layer passes a display name,
never an id). Unanswered questions and reload history older than the retention are deleted by
`purge`. Every method is blocking and thread-safe: call it via `asyncio.to_thread` from the
event loop.

`InsightRecords` holds every query once; `InsightStore` runs them on the SQLite file (the embedded
default), `bot.storage.postgres.PostgresInsightStore` on a PostgreSQL database shared by several
processes. The few dialect differences are named class attributes, not copies of the queries.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from bot.core.moderation.gaps import AskedQuestion, normalise_question
from bot.storage.db import open_database

UNANSWERED_STATUSES = ("no_match", "ambiguous")


@dataclass(frozen=True, slots=True)
class FeedbackCount:
    answer_id: str
    helpful: int
    not_helpful: int
    last_at: datetime


@dataclass(frozen=True, slots=True)
class ReloadRecord:
    at: datetime
    moderator: str
    ok: bool
    summary: str


def _now() -> datetime:
    return datetime.now(UTC)


def _stamp(moment: datetime) -> str:
    """UTC ISO text of one fixed width, so that text comparison in SQL is time comparison."""
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S+00:00")


class InsightRecords:
    """The queries; subclasses run them and spell the few functions SQLite and PostgreSQL name apart."""

    #: Smaller / larger of two values (SQLite's scalar min/max; LEAST/GREATEST in PostgreSQL).
    LEAST = "min"
    GREATEST = "max"
    #: Sum of a column that is 0, not NULL, over no rows.
    TOTAL = "total({})"
    #: 0 means unanswered questions are not stored at all (the strictest privacy setting).
    retention_days: int

    def _write(self, sql: str, parameters: tuple = ()) -> int:
        """Run one statement; the number of rows it changed."""
        raise NotImplementedError

    def _read(self, sql: str, parameters: tuple = ()) -> list[tuple[Any, ...]]:
        raise NotImplementedError

    def close(self) -> None:
        raise NotImplementedError

    # Unanswered questions ------------------------------------------------------------------

    def record_unanswered(
        self, question: str, status: str, channel_id: int | None, *, at: datetime | None = None
    ) -> bool:
        """Count one question that got no answer; False when nothing was stored (see retention)."""
        if status not in UNANSWERED_STATUSES:
            raise ValueError(f"status must be one of {UNANSWERED_STATUSES}, not '{status}'")
        text = normalise_question(question)
        if not text or self.retention_days <= 0:
            return False
        stamp = _stamp(at or _now())
        self._write(
            f"""
            INSERT INTO unanswered (text, channel_id, status, count, first_seen, last_seen)
            VALUES (?, ?, ?, 1, ?, ?)
            ON CONFLICT (text, channel_id) DO UPDATE SET
                count = unanswered.count + 1,
                status = excluded.status,
                first_seen = {self.LEAST}(unanswered.first_seen, excluded.first_seen),
                last_seen = {self.GREATEST}(unanswered.last_seen, excluded.last_seen)
            """,
            (text, channel_id or 0, status, stamp, stamp),
        )
        return True

    def unanswered(self, *, limit: int = 500) -> list[AskedQuestion]:
        """The most asked stored questions, summed over channels."""
        rows = self._read(
            """
            SELECT text, sum(count), min(first_seen), max(last_seen) FROM unanswered
            GROUP BY text ORDER BY sum(count) DESC, max(last_seen) DESC LIMIT ?
            """,
            (limit,),
        )
        return [
            AskedQuestion(text, int(count), datetime.fromisoformat(first), datetime.fromisoformat(last))
            for text, count, first, last in rows
        ]

    # Feedback --------------------------------------------------------------------------------

    def record_feedback(self, answer_id: str, helpful: bool, channel_id: int | None = None) -> None:
        """Count one vote; the channel is accepted for the recorder protocol but not stored."""
        column = "helpful" if helpful else "not_helpful"
        self._write(
            f"""
            INSERT INTO feedback (answer_id, {column}, last_at) VALUES (?, 1, ?)
            ON CONFLICT (answer_id) DO UPDATE SET
                {column} = feedback.{column} + 1, last_at = excluded.last_at
            """,
            (answer_id, _stamp(_now())),
        )

    def least_helpful(self, *, limit: int = 10) -> list[FeedbackCount]:
        """Answers with the most "nicht hilfreich" votes, to fix first."""
        rows = self._read(
            """
            SELECT answer_id, helpful, not_helpful, last_at FROM feedback WHERE not_helpful > 0
            ORDER BY not_helpful DESC, helpful ASC, last_at DESC LIMIT ?
            """,
            (limit,),
        )
        return [FeedbackCount(a, h, n, datetime.fromisoformat(t)) for a, h, n, t in rows]

    def tally(self) -> tuple[int, int]:
        """(helpful, not helpful) over all answers, for `/wissen status`."""
        helpful, not_helpful = self.TOTAL.format("helpful"), self.TOTAL.format("not_helpful")
        [(yes, no)] = self._read(f"SELECT {helpful}, {not_helpful} FROM feedback")
        return int(yes), int(no)

    def reset_feedback(self, answer_ids: list[str] | tuple[str, ...]) -> int:
        """Forget the votes of answers a moderator just changed: they were about the old text."""
        if not answer_ids:
            return 0
        marks = ",".join("?" * len(answer_ids))
        return self._write(f"DELETE FROM feedback WHERE answer_id IN ({marks})", tuple(answer_ids))

    # Reload history ----------------------------------------------------------------------------

    def record_reload(self, moderator: str, ok: bool, summary: str, *, at: datetime | None = None) -> None:
        self._write(
            "INSERT INTO reloads (at, moderator, ok, summary) VALUES (?, ?, ?, ?)",
            (_stamp(at or _now()), moderator[:100], int(ok), summary[:2000]),
        )

    def reloads(self, *, limit: int = 10) -> list[ReloadRecord]:
        rows = self._read(
            "SELECT at, moderator, ok, summary FROM reloads ORDER BY at DESC, id DESC LIMIT ?", (limit,)
        )
        return [ReloadRecord(datetime.fromisoformat(t), m, bool(ok), s) for t, m, ok, s in rows]

    # Retention -----------------------------------------------------------------------------------

    def purge(self, *, now: datetime | None = None) -> int:
        """Delete questions last asked, and reloads done, more than `retention_days` ago."""
        cutoff = _stamp((now or _now()) - timedelta(days=self.retention_days))
        deleted = self._write("DELETE FROM unanswered WHERE last_seen < ?", (cutoff,))
        return deleted + self._write("DELETE FROM reloads WHERE at < ?", (cutoff,))


class InsightStore(InsightRecords):
    """One SQLite file; one connection shared by threads behind a lock (writes are tiny)."""

    def __init__(self, path: Path, *, retention_days: int = 30):
        self.path = path
        self.retention_days = retention_days
        self._connection = open_database(path)
        self._lock = threading.Lock()

    def close(self) -> None:
        with self._lock:
            self._connection.close()

    def _write(self, sql: str, parameters: tuple = ()) -> int:
        with self._lock:
            return self._connection.execute(sql, parameters).rowcount

    def _read(self, sql: str, parameters: tuple = ()) -> list[tuple[Any, ...]]:
        with self._lock:
            return self._connection.execute(sql, parameters).fetchall()
