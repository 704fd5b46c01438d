"""Settings from the environment and an optional .env file, read in main(), never at import.

Every problem is reported at once in one message (German, like every error line of the CLI), so a
misconfigured start-up is fixed in one go. The token is kept out of repr() and str(), so logging
the settings can never leak it. Whether KNOWLEDGE_DIR exists is the loader's to say: a missing
folder is a knowledge error (exit 1) for `run` exactly as for `ask`.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[1]
DEFAULT_KNOWLEDGE_DIR = PROJECT_ROOT / "knowledge"
DEFAULT_STORAGE_PATH = PROJECT_ROOT / "data" / "nachrichtenlage.sqlite3"
DEFAULT_RETENTION_DAYS = 30
LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL")


class SettingsError(Exception):
    """One or more settings are missing or malformed; the message lists all of them."""


@dataclass(frozen=True)
class Settings:
    knowledge_dir: Path = DEFAULT_KNOWLEDGE_DIR
    discord_token: str | None = field(default=None, repr=False)
    answer_channel_ids: frozenset[int] = frozenset()
    moderator_role_ids: frozenset[int] = frozenset()
    guild_ids: tuple[int, ...] = ()
    log_level: str = "INFO"
    #: SQLite file for unanswered questions, feedback counts and reload history (README "Datenschutz").
    storage_path: Path = DEFAULT_STORAGE_PATH
    #: Days unanswered questions and reload history are kept; 0 stores no questions at all.
    retention_days: int = DEFAULT_RETENTION_DAYS
    #: Reload by itself when a knowledge file changes (`run --watch` sets it too).
    watch_knowledge: bool = False
    #: Where "Neu bestätigt: …" posts go after a successful reload; None: no announcements.
    announce_channel_id: int | None = None
    #: Where automatic reload errors go (the running knowledge stays); None: only the log.
    moderator_log_channel_id: int | None = None

    def __str__(self) -> str:
        token = "set" if self.discord_token else "not set"
        return (
            f"Settings(knowledge_dir={self.knowledge_dir}, discord_token={token}, "
            f"answer_channels={len(self.answer_channel_ids)}, guilds={list(self.guild_ids)}, "
            f"log_level={self.log_level})"
        )


def _ids(name: str, raw: str, problems: list[str]) -> tuple[int, ...]:
    values = []
    for part in raw.replace(";", ",").split(","):
        part = part.strip()
        if not part:
            continue
        if not part.isdigit():
            problems.append(f"{name}: „{part}“ ist keine Discord-Id (nur Ziffern, mit Komma getrennt)")
            continue
        values.append(int(part))
    return tuple(values)


def _one_id(name: str, raw: str, problems: list[str]) -> int | None:
    found = _ids(name, raw, problems)
    if len(found) > 1:
        problems.append(f"{name}: eine Kanal-Id, nicht {len(found)}")
    return found[0] if found else None


def _flag(name: str, raw: str, problems: list[str]) -> bool:
    value = raw.strip().lower()
    if value in ("", "0", "false", "no", "off", "nein"):
        return False
    if value in ("1", "true", "yes", "on", "ja"):
        return True
    problems.append(f"{name}: „{raw}“ ist weder true noch false")
    return False


def _days(name: str, raw: str, problems: list[str]) -> int:
    value = raw.strip() or str(DEFAULT_RETENTION_DAYS)
    if not value.isdigit():
        problems.append(f"{name}: „{raw}“ ist keine ganze Zahl von Tagen (0 oder mehr)")
        return DEFAULT_RETENTION_DAYS
    return int(value)


def read_settings(env: Mapping[str, str] | None = None, *, env_file: Path | None = None) -> Settings:
    """Settings from `env` (default: os.environ plus .env in the working directory)."""
    if env is None:
        from dotenv import dotenv_values

        file_values = dotenv_values(env_file or Path.cwd() / ".env")
        env = {**{k: v for k, v in file_values.items() if v is not None}, **os.environ}
    problems: list[str] = []
    knowledge_raw = env.get("KNOWLEDGE_DIR", "").strip()
    knowledge_dir = Path(knowledge_raw).expanduser() if knowledge_raw else DEFAULT_KNOWLEDGE_DIR
    level = env.get("LOG_LEVEL", "INFO").strip().upper() or "INFO"
    if level not in LOG_LEVELS:
        problems.append(f"LOG_LEVEL: „{level}“ ist keiner von {', '.join(LOG_LEVELS)}")
    token = env.get("DISCORD_TOKEN", "").strip() or None
    settings = Settings(
        knowledge_dir=knowledge_dir,
        discord_token=token,
        answer_channel_ids=frozenset(_ids("ANSWER_CHANNEL_IDS", env.get("ANSWER_CHANNEL_IDS", ""), problems)),
        moderator_role_ids=frozenset(_ids("MODERATOR_ROLE_IDS", env.get("MODERATOR_ROLE_IDS", ""), problems)),
        guild_ids=_ids("GUILD_IDS", env.get("GUILD_IDS", ""), problems),
        log_level=level,
        storage_path=Path(env.get("STORAGE_PATH", "").strip() or DEFAULT_STORAGE_PATH).expanduser(),
        retention_days=_days("RETENTION_DAYS", env.get("RETENTION_DAYS", ""), problems),
        watch_knowledge=_flag("WATCH_KNOWLEDGE", env.get("WATCH_KNOWLEDGE", ""), problems),
        announce_channel_id=_one_id("ANNOUNCE_CHANNEL_ID", env.get("ANNOUNCE_CHANNEL_ID", ""), problems),
        moderator_log_channel_id=_one_id(
            "MODERATOR_LOG_CHANNEL_ID", env.get("MODERATOR_LOG_CHANNEL_ID", ""), problems
        ),
    )
    if problems:
        raise SettingsError("Fehler in den Einstellungen (.env oder Umgebung): " + "; ".join(problems))
    return settings
