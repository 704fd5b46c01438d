"""The moderation settings: defaults, parsing, every problem reported at once."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.config import DEFAULT_STORAGE_PATH, SettingsError, read_settings
from tests.conftest import INVENTED_STORY


def _env(**values: str) -> dict[str, str]:
    return {"KNOWLEDGE_DIR": str(INVENTED_STORY), **values}


def test_defaults_store_locally_for_thirty_days_without_posts() -> None:
    settings = read_settings(_env())
    assert settings.storage_path == DEFAULT_STORAGE_PATH
    assert settings.retention_days == 30
    assert settings.watch_knowledge is False
    assert settings.announce_channel_id is None and settings.moderator_log_channel_id is None


def test_values_are_read(tmp_path: Path) -> None:
    settings = read_settings(
        _env(
            STORAGE_PATH=str(tmp_path / "x.sqlite3"),
            RETENTION_DAYS="0",
            WATCH_KNOWLEDGE="true",
            ANNOUNCE_CHANNEL_ID="123456789012345678",
            MODERATOR_LOG_CHANNEL_ID=" 223456789012345678 ",
        )
    )
    assert settings.storage_path == tmp_path / "x.sqlite3"
    assert settings.retention_days == 0
    assert settings.watch_knowledge is True
    assert settings.announce_channel_id == 123456789012345678
    assert settings.moderator_log_channel_id == 223456789012345678


def test_every_problem_is_reported_at_once() -> None:
    with pytest.raises(SettingsError) as raised:
        read_settings(_env(RETENTION_DAYS="-3", WATCH_KNOWLEDGE="vielleicht", ANNOUNCE_CHANNEL_ID="1,2"))
    message = str(raised.value)
    assert "RETENTION_DAYS" in message and "WATCH_KNOWLEDGE" in message and "ANNOUNCE_CHANNEL_ID" in message
