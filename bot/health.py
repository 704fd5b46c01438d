"""The health file: what the running bot says about itself, and the verdict `python -m bot status` draws.

The bot rewrites the file (atomically: a temporary file renamed over it) when a shard connects or
drops and every `HEARTBEAT_SECONDS`; `status` reads it from another process, so a Docker
HEALTHCHECK or a monitoring script needs neither the token nor a port. A file that was not
rewritten for `STALE_AFTER` seconds means the bot is gone (crashed, killed, or hung), whatever
the file says. Never imports discord: `status` starts fast.
"""

from __future__ import annotations

import json
import os
import tempfile
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path

HEARTBEAT_SECONDS = 30.0
#: Three missed heartbeats: the process is not running (or not running its loop).
STALE_AFTER = 3 * HEARTBEAT_SECONDS

#: Exit codes of `python -m bot status`.
HEALTHY, NOT_CONNECTED, KNOWLEDGE_FAILED = 0, 1, 3


class HealthError(Exception):
    """There is no readable health file."""


@dataclass(frozen=True, slots=True)
class Health:
    """One process's state. Holds no member data, no token, no database URL."""

    pid: int
    written_at: datetime
    connected: bool
    shard_count: int | None
    #: The shards this process runs, and those of them with a live gateway connection.
    shards: tuple[int, ...]
    shards_connected: tuple[int, ...]
    guilds: int
    stand: str
    entries: int
    #: The first error of the last reload when it was refused (the bot runs the older set), else None.
    knowledge_error: str | None = None


def write_health(path: Path, health: Health) -> None:
    """Replace the file in one step, so a reader never sees half of it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    data = asdict(health) | {"written_at": health.written_at.isoformat()}
    with tempfile.NamedTemporaryFile("w", encoding="utf-8", dir=path.parent, delete=False) as handle:
        json.dump(data, handle, ensure_ascii=False, indent=1)
        temporary = Path(handle.name)
    os.replace(temporary, path)


def read_health(path: Path) -> Health:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return Health(
            **data
            | {
                "written_at": datetime.fromisoformat(data["written_at"]),
                "shards": tuple(data["shards"]),
                "shards_connected": tuple(data["shards_connected"]),
            }
        )
    except FileNotFoundError:
        raise HealthError(
            f"{path} gibt es nicht – der Bot läuft nicht (oder schreibt woanders hin)"
        ) from None
    except (OSError, ValueError, KeyError, TypeError) as error:
        raise HealthError(f"{path} ist nicht lesbar: {error}") from error


def verdict(health: Health, *, now: datetime | None = None) -> tuple[int, list[str]]:
    """Exit code and the lines to print: not connected (1) before a refused reload (3)."""
    age = ((now or datetime.now(UTC)) - health.written_at).total_seconds()
    shards = ",".join(map(str, health.shards)) or "-"
    total = health.shard_count if health.shard_count is not None else "?"
    lines = [
        f"Prozess {health.pid}, Meldung vor {max(0, round(age))} s; Shards {shards} von {total}, "
        f"verbunden: {','.join(map(str, health.shards_connected)) or 'keiner'}; {health.guilds} Server",
        f"Wissen: Stand {health.stand}, {health.entries} Einträge",
    ]
    if age > STALE_AFTER:
        return NOT_CONNECTED, [*lines, f"NICHT OK: seit {round(age)} s keine Meldung – der Bot läuft nicht"]
    if not health.connected:
        return NOT_CONNECTED, [*lines, "NICHT OK: nicht mit Discord verbunden"]
    if health.knowledge_error is not None:
        return KNOWLEDGE_FAILED, [
            *lines,
            f"NICHT OK: letztes Neuladen abgelehnt, es läuft das ältere Wissen ({health.knowledge_error})",
        ]
    return HEALTHY, [*lines, "OK"]
