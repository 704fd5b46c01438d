"""Settings from the environment and an optional .env file, read in main(), never at import.

Every problem is reported at once in one message, so a misconfigured start-up is fixed in one go.
The token is kept out of repr() and str(), so logging the settings can never leak it.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[1]
DEFAULT_KNOWLEDGE_DIR = PROJECT_ROOT / "knowledge"
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
            problems.append(f"{name}: '{part}' is not a Discord id (digits only, comma-separated)")
            continue
        values.append(int(part))
    return tuple(values)


def read_settings(env: Mapping[str, str] | None = None, *, env_file: Path | None = None) -> Settings:
    """Settings from `env` (default: os.environ plus .env in the working directory)."""
    if env is None:
        from dotenv import dotenv_values

        file_values = dotenv_values(env_file or Path.cwd() / ".env")
        env = {**{k: v for k, v in file_values.items() if v is not None}, **os.environ}
    problems: list[str] = []
    knowledge_raw = env.get("KNOWLEDGE_DIR", "").strip()
    knowledge_dir = Path(knowledge_raw).expanduser() if knowledge_raw else DEFAULT_KNOWLEDGE_DIR
    if not knowledge_dir.is_dir():
        problems.append(f"KNOWLEDGE_DIR: folder '{knowledge_dir}' does not exist")
    level = env.get("LOG_LEVEL", "INFO").strip().upper() or "INFO"
    if level not in LOG_LEVELS:
        problems.append(f"LOG_LEVEL: '{level}' is not one of {', '.join(LOG_LEVELS)}")
    token = env.get("DISCORD_TOKEN", "").strip() or None
    settings = Settings(
        knowledge_dir=knowledge_dir,
        discord_token=token,
        answer_channel_ids=frozenset(_ids("ANSWER_CHANNEL_IDS", env.get("ANSWER_CHANNEL_IDS", ""), problems)),
        moderator_role_ids=frozenset(_ids("MODERATOR_ROLE_IDS", env.get("MODERATOR_ROLE_IDS", ""), problems)),
        guild_ids=_ids("GUILD_IDS", env.get("GUILD_IDS", ""), problems),
        log_level=level,
    )
    if problems:
        raise SettingsError("Settings problem: " + "; ".join(problems))
    return settings
