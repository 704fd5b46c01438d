"""Reload the knowledge by itself when a moderator saves a file (`run --watch`, WATCH_KNOWLEDGE).

Uses watchfiles (inotify/FSEvents, polling as fallback) and waits for the folder to be quiet
before reloading, so saving five files or a `git pull` gives one reload, not five with a
half-written set in between. The reload is the store's ordinary all-or-nothing reload: a broken
file leaves the running knowledge as it was, and the callback tells the moderators why.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from pathlib import Path

from watchfiles import Change, awatch

from bot.core.knowledge.loader import YAML_SUFFIXES
from bot.core.store import KnowledgeStore, ReloadOutcome

log = logging.getLogger(__name__)

#: Reload once nothing changed for this long ...
QUIET_MS = 1000
#: ... but at the latest this long after the first change of a burst.
MAX_WAIT_MS = 10_000


def is_knowledge_file(root: Path, path: str) -> bool:
    """The same files the loader reads: *.yaml/*.yml, not under a name starting with . or _."""
    candidate = Path(path)
    if candidate.suffix.lower() not in YAML_SUFFIXES:
        return False
    try:
        parts = candidate.relative_to(root).parts
    except ValueError:
        parts = candidate.parts[-1:]
    return not any(part.startswith((".", "_")) for part in parts)


async def watch_knowledge(
    store: KnowledgeStore,
    on_reload: Callable[[ReloadOutcome], Awaitable[None]],
    *,
    stop_event: asyncio.Event | None = None,
    quiet_ms: int = QUIET_MS,
    max_wait_ms: int = MAX_WAIT_MS,
) -> None:
    """Run until `stop_event` is set (or the task is cancelled); one reload per burst of changes."""
    root = store.folder.resolve()

    def relevant(_change: Change, path: str) -> bool:
        return is_knowledge_file(root, path)

    log.info("Beobachte %s: Wissen wird nach dem Speichern neu geladen", root)
    async for changes in awatch(
        root, watch_filter=relevant, step=quiet_ms, debounce=max_wait_ms, stop_event=stop_event
    ):
        names = sorted({Path(path).name for _change, path in changes})
        log.info("Wissen geändert (%s); lade neu", ", ".join(names))
        outcome = await asyncio.to_thread(store.reload)
        try:
            await on_reload(outcome)
        except Exception:  # a failed notification must not stop the watching
            log.exception("Das Ergebnis des automatischen Neuladens konnte nicht gemeldet werden")
