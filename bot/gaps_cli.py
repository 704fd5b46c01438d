"""`python -m bot gaps`: the most asked unanswered questions, listed or exported as FAQ skeletons.

Reads the same database the running bot writes (the SQLite file, where WAL lets both work at
once, or PostgreSQL when DATABASE_URL is set) and the current knowledge, so questions the
knowledge has learned to answer since are no longer listed.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TextIO

from bot.cli_parser import Exit
from bot.config import read_engine_options
from bot.core.knowledge.loader import load_knowledge
from bot.core.matching.engine import AnswerEngine
from bot.core.moderation.gap_export import faq_skeletons, open_gaps
from bot.core.moderation.gaps import Gap, group_questions
from bot.render.insights import gap_lines
from bot.storage.db import StorageError
from bot.storage.insights import InsightRecords, InsightStore

DEFAULT_LIMIT = 20
#: Stored questions read for grouping; the long tail of one-off questions is not worth more.
READ_LIMIT = 1000
#: Why the list may be empty although people asked: the console's questions are never stored.
ONLY_DISCORD = (
    "Gespeichert werden nur Fragen aus Discord, auf die der Bot keine Antwort hatte (höchstens "
    "RETENTION_DAYS Tage lang); Fragen in der Konsole (chat, ask) werden nie gespeichert."
)


def add_gaps_parser(commands: argparse._SubParsersAction) -> None:
    gaps = commands.add_parser("gaps", help="most asked unanswered questions; --export writes FAQ skeletons")
    gaps.add_argument(
        "--limit", type=int, default=DEFAULT_LIMIT, help=f"how many gaps (default {DEFAULT_LIMIT})"
    )
    gaps.add_argument("--export", type=Path, metavar="FILE.yaml", help="write FAQ skeletons to this file")
    gaps.add_argument(
        "--storage", type=Path, metavar="FILE", help="SQLite file (default: DATABASE_URL, else STORAGE_PATH)"
    )


def collect_gaps(store: InsightRecords, engine: AnswerEngine, limit: int) -> list[Gap]:
    """Grouped, still unanswered, most asked first: the shared core of the CLI and `/wissen lücken`."""
    return open_gaps(group_questions(store.unanswered(limit=READ_LIMIT)), engine)[:limit]


def cmd_gaps(args: argparse.Namespace, knowledge_dir: Path, out: TextIO) -> int:
    nothing = Exit.NOTHING if args.export else Exit.OK
    store = _open_store(args.storage)
    if store is None:
        return nothing
    engine = AnswerEngine.build(load_knowledge(knowledge_dir), read_engine_options())
    try:
        anything_stored = bool(store.unanswered(limit=1))
        gaps = collect_gaps(store, engine, max(1, args.limit))
    finally:
        store.close()
    if not anything_stored:
        print(f"Noch keine Fragen gespeichert. {ONLY_DISCORD}", file=sys.stderr)
        return nothing
    if not gaps:
        out.write("Keine offenen Lücken: jede gespeicherte Frage wird inzwischen beantwortet.\n")
        return nothing
    if args.export is None:
        out.write("\n".join(["Offene Lücken, meistgefragt zuerst:", *gap_lines(gaps)]) + "\n")
        return Exit.OK
    args.export.write_text(faq_skeletons(gaps, engine.knowledge), encoding="utf-8")
    out.write(
        f"{len(gaps)} FAQ-Skelett(e) nach {args.export} geschrieben; Snippets ausfüllen, dann validieren.\n"
    )
    return Exit.OK


def _open_store(storage: Path | None) -> InsightRecords | None:
    """--storage, else DATABASE_URL, else STORAGE_PATH; None (and a note) when there is nothing yet."""
    if storage is None:
        from bot.config import read_settings

        settings = read_settings()
        if settings.database_url:
            from bot.storage.factory import open_insight_store

            try:
                return open_insight_store(settings)
            except StorageError as error:
                print(f"DATABASE_URL: {error}", file=sys.stderr)
                return None
        storage = settings.storage_path
    if not storage.is_file():
        print(f"Noch keine Fragen gespeichert: {storage} gibt es noch nicht. {ONLY_DISCORD}", file=sys.stderr)
        return None
    return InsightStore(storage)
