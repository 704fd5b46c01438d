"""Settings from the environment and an optional .env file, read in main(), never at import.

Every problem is reported at once in one message (German, like every error line of the CLI), so a
misconfigured start-up is fixed in one go. The token is kept out of repr() and str(), so logging
the settings can never leak it. Whether KNOWLEDGE_DIR exists is the loader's to say: a missing
folder is a knowledge error (exit 1) for `run` exactly as for `ask`.
"""

from __future__ import annotations

import difflib
import logging
import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from bot.core.matching.corpus import DENSE_TEXTS
from bot.core.matching.engine import EngineOptions

PROJECT_ROOT = Path(__file__).resolve().parents[1]
DEFAULT_KNOWLEDGE_DIR = PROJECT_ROOT / "knowledge"
DEFAULT_STORAGE_PATH = PROJECT_ROOT / "data" / "nachrichtenlage.sqlite3"
DEFAULT_CACHE_DIR = PROJECT_ROOT / "data" / "cache"
DEFAULT_RETENTION_DAYS = 30
DEFAULT_STATUS_DIR = PROJECT_ROOT / "data"
EMBEDDING_MODELS = ("e5", "use", "none")
LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL")
#: Every setting the bot reads; anything else that looks like one is probably a typo.
KNOWN_SETTINGS = (
    "DISCORD_TOKEN",
    "KNOWLEDGE_DIR",
    "ANSWER_CHANNEL_IDS",
    "MODERATOR_ROLE_IDS",
    "GUILD_IDS",
    "LOG_LEVEL",
    "STORAGE_PATH",
    "DATABASE_URL",
    "RETENTION_DAYS",
    "WATCH_KNOWLEDGE",
    "ANNOUNCE_CHANNEL_ID",
    "MODERATOR_LOG_CHANNEL_ID",
    "SHARD_COUNT",
    "SHARD_IDS",
    "STATUS_FILE",
    "EMBEDDING_MODEL",
    "EMBEDDING_THREADS",
    "EMBEDDING_TEXTS",
    "CACHE_DIR",
)
#: How alike a name must be to one of ours to count as its misspelling (difflib's ratio).
TYPO_LIKENESS = 0.8

log = logging.getLogger(__name__)


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
    #: SQLite file for unanswered questions, feedback counts and reload history (README "Privacy").
    storage_path: Path = DEFAULT_STORAGE_PATH
    #: Days unanswered questions and reload history are kept; 0 stores no questions at all.
    retention_days: int = DEFAULT_RETENTION_DAYS
    #: Reload by itself when a knowledge file changes (`run --watch` sets it too).
    watch_knowledge: bool = False
    #: Where "Neu bestätigt: …" posts go after a successful reload; None: no announcements.
    announce_channel_id: int | None = None
    #: Where automatic reload errors go (the running knowledge stays); None: only the log.
    moderator_log_channel_id: int | None = None
    #: PostgreSQL instead of the SQLite file, shared by every process of the bot; may hold a password.
    database_url: str | None = field(default=None, repr=False)
    #: Gateway shards in total, and the ones this process runs; None: discord.py decides / all of them.
    shard_count: int | None = None
    shard_ids: tuple[int, ...] | None = None
    #: The health file `python -m bot status` reads; written by the running bot.
    status_file: Path = DEFAULT_STATUS_DIR / "status.json"
    #: The sentence-embedding model ("e5", "use", or "none": words alone) and its threads.
    embedding_model: str = "e5"
    embedding_threads: int = 1
    #: Which texts are embedded: "all", or for a very large knowledge set "questions" or "titles".
    embedding_texts: str = "all"
    #: Where passage vectors and fitted scorers are cached.
    cache_dir: Path = DEFAULT_CACHE_DIR

    def engine_options(self) -> EngineOptions:
        return EngineOptions(
            model=self.embedding_model,
            cache_dir=self.cache_dir,
            threads=self.embedding_threads,
            dense_texts=self.embedding_texts,
        )

    def __str__(self) -> str:
        token = "set" if self.discord_token else "not set"
        return (
            f"Settings(knowledge_dir={self.knowledge_dir}, discord_token={token}, "
            f"answer_channels={len(self.answer_channel_ids)}, guilds={list(self.guild_ids)}, "
            f"log_level={self.log_level}, storage={'postgresql' if self.database_url else 'sqlite'}, "
            f"shards={self.shard_ids if self.shard_ids is not None else 'all'}/{self.shard_count or 'auto'})"
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


def _count(name: str, raw: str, problems: list[str]) -> int | None:
    value = raw.strip()
    if not value:
        return None
    if not value.isdigit() or int(value) < 1:
        problems.append(f"{name}: '{raw}' is not a whole number of 1 or more")
        return None
    return int(value)


def _shards(env: Mapping[str, str], problems: list[str]) -> tuple[int | None, tuple[int, ...] | None]:
    """SHARD_COUNT alone: that many shards, all here. With SHARD_IDS: only those, each below the count."""
    count = _count("SHARD_COUNT", env.get("SHARD_COUNT", ""), problems)
    ids = _ids("SHARD_IDS", env.get("SHARD_IDS", ""), problems)
    if not ids:
        return count, None
    if count is None:
        problems.append("SHARD_IDS: needs SHARD_COUNT (the total number of shards over all processes)")
        return None, None
    if any(shard >= count for shard in ids) or len(set(ids)) != len(ids):
        problems.append(f"SHARD_IDS: each shard once, each from 0 to {count - 1} (SHARD_COUNT={count})")
    return count, tuple(sorted(set(ids)))


def _database_url(raw: str, problems: list[str]) -> str | None:
    value = raw.strip()
    if not value:
        return None
    if not value.startswith(("postgresql://", "postgres://")):
        problems.append("DATABASE_URL: must start with postgresql:// (the password is never shown)")
    return value


def setting_typos(names: Iterable[str]) -> list[str]:
    """Warnings for names that look like a misspelt setting of ours ("meintest du …?").

    Only near-misses count: the environment holds PATH, HOME and other programs' settings (a
    compose file's POSTGRES_PASSWORD), and a name that contains one of ours whole
    (TEST_DATABASE_URL) is another program's too.
    """
    warnings = []
    for name in sorted(set(names) - set(KNOWN_SETTINGS)):
        if any(known in name for known in KNOWN_SETTINGS):
            continue
        close = difflib.get_close_matches(name.upper(), KNOWN_SETTINGS, n=1, cutoff=TYPO_LIKENESS)
        if close:
            warnings.append(f"Unbekannte Einstellung {name} – meintest du {close[0]}? (wird ignoriert)")
    return warnings


def _environment(env: Mapping[str, str] | None, env_file: Path | None) -> Mapping[str, str]:
    if env is not None:
        return env
    from dotenv import dotenv_values

    file_values = dotenv_values(env_file or Path.cwd() / ".env")
    return {**{k: v for k, v in file_values.items() if v is not None}, **os.environ}


def _engine_options(env: Mapping[str, str], problems: list[str]) -> EngineOptions:
    model = env.get("EMBEDDING_MODEL", "").strip().lower() or "e5"
    if model not in EMBEDDING_MODELS:
        problems.append(f"EMBEDDING_MODEL: '{model}' is not one of {', '.join(EMBEDDING_MODELS)}")
    threads = env.get("EMBEDDING_THREADS", "").strip() or "1"
    if not threads.isdigit() or int(threads) < 1:
        problems.append(f"EMBEDDING_THREADS: '{threads}' is not a whole number of at least 1")
        threads = "1"
    texts = env.get("EMBEDDING_TEXTS", "").strip().lower() or "all"
    if texts not in DENSE_TEXTS:
        problems.append(f"EMBEDDING_TEXTS: „{texts}“ ist keiner von {', '.join(DENSE_TEXTS)}")
        texts = "all"
    cache_dir = Path(env.get("CACHE_DIR", "").strip() or DEFAULT_CACHE_DIR).expanduser()
    return EngineOptions(model=model, cache_dir=cache_dir, threads=int(threads), dense_texts=texts)


def read_engine_options(
    env: Mapping[str, str] | None = None, *, env_file: Path | None = None
) -> EngineOptions:
    """Only the engine's settings, for the commands that answer without Discord (`ask`, `chat`)."""
    problems: list[str] = []
    options = _engine_options(_environment(env, env_file), problems)
    if problems:
        raise SettingsError("Settings problem: " + "; ".join(problems))
    return options


def read_settings(env: Mapping[str, str] | None = None, *, env_file: Path | None = None) -> Settings:
    """Settings from `env` (default: os.environ plus .env in the working directory).

    Names that look like a misspelt setting are logged as warnings, so `DISCORD_TOKN=…` does not
    silently start the console instead of the bot.
    """
    env = _environment(env, env_file)
    for typo in setting_typos(env):
        log.warning("%s", typo)
    problems: list[str] = []
    knowledge_raw = env.get("KNOWLEDGE_DIR", "").strip()
    knowledge_dir = Path(knowledge_raw).expanduser() if knowledge_raw else DEFAULT_KNOWLEDGE_DIR
    level = env.get("LOG_LEVEL", "INFO").strip().upper() or "INFO"
    if level not in LOG_LEVELS:
        problems.append(f"LOG_LEVEL: „{level}“ ist keiner von {', '.join(LOG_LEVELS)}")
    token = env.get("DISCORD_TOKEN", "").strip() or None
    shard_count, shard_ids = _shards(env, problems)
    status_default = DEFAULT_STATUS_DIR / (
        f"status-shards-{'-'.join(map(str, shard_ids))}.json" if shard_ids else "status.json"
    )
    options = _engine_options(env, problems)
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
        database_url=_database_url(env.get("DATABASE_URL", ""), problems),
        shard_count=shard_count,
        shard_ids=shard_ids,
        status_file=Path(env.get("STATUS_FILE", "").strip() or status_default).expanduser(),
        embedding_model=options.model,
        embedding_threads=options.threads,
        embedding_texts=options.dense_texts,
        cache_dir=options.cache_dir or DEFAULT_CACHE_DIR,
    )
    if problems:
        raise SettingsError("Fehler in den Einstellungen (.env oder Umgebung): " + "; ".join(problems))
    return settings
