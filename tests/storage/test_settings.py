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


def test_a_misspelt_setting_is_named_with_what_was_meant(tmp_path: Path, caplog, monkeypatch) -> None:  # noqa: ANN001
    env_file = tmp_path / ".env"
    env_file.write_text(f"DISCORD_TOKN=abc\nKNOWLEDGE_DIR={INVENTED_STORY}\nFOO=1\n", encoding="utf-8")
    monkeypatch.setenv("SHARD_ID", "1")
    monkeypatch.setenv("TEST_DATABASE_URL", "postgresql://x")  # another program's, contains ours whole
    with caplog.at_level("WARNING", logger="bot.config"):
        settings = read_settings(env_file=env_file)
    assert settings.discord_token is None
    warnings = [r.getMessage() for r in caplog.records]
    assert "Unbekannte Einstellung DISCORD_TOKN – meintest du DISCORD_TOKEN? (wird ignoriert)" in warnings
    assert "Unbekannte Einstellung SHARD_ID – meintest du SHARD_IDS? (wird ignoriert)" in warnings
    assert len(warnings) == 2, "FOO, PATH and TEST_DATABASE_URL are not ours and look nothing like ours"


def test_env_example_names_only_settings_the_code_reads() -> None:
    from bot.config import KNOWN_SETTINGS, PROJECT_ROOT

    example = (PROJECT_ROOT / ".env.example").read_text(encoding="utf-8")
    names = [line.split("=")[0] for line in example.splitlines() if line and not line.startswith("#")]
    assert sorted(names) == sorted(KNOWN_SETTINGS), "every setting documented, nothing invented"
    assert "synced globally" not in example and "never registers globally" in example


def test_shards_and_database() -> None:
    settings = read_settings(
        _env(SHARD_COUNT="4", SHARD_IDS="3,2", DATABASE_URL="postgresql://u:geheim@db/x")
    )
    assert (settings.shard_count, settings.shard_ids) == (4, (2, 3))
    assert settings.status_file.name == "status-shards-2-3.json"
    assert "geheim" not in repr(settings) and "geheim" not in str(settings)
    assert read_settings(_env(SHARD_COUNT="2")).shard_ids is None, "a count alone: all shards here"
    with pytest.raises(SettingsError) as raised:
        read_settings(_env(SHARD_IDS="1", DATABASE_URL="mysql://x"))
    assert "SHARD_IDS: needs SHARD_COUNT" in str(raised.value) and "DATABASE_URL" in str(raised.value)
    with pytest.raises(SettingsError, match="from 0 to 1"):
        read_settings(_env(SHARD_COUNT="2", SHARD_IDS="0,2"))


def test_embedding_texts_are_read_into_the_engine_options() -> None:
    assert read_settings(_env()).engine_options().dense_texts == "all"
    settings = read_settings(_env(EMBEDDING_TEXTS=" Titles "))
    assert settings.embedding_texts == "titles" and settings.engine_options().dense_texts == "titles"


def test_an_unknown_embedding_texts_value_is_named_with_the_known_ones() -> None:
    expected = "EMBEDDING_TEXTS: „snippets“ ist keiner von all, questions, titles"
    with pytest.raises(SettingsError, match=expected):
        read_settings(_env(EMBEDDING_TEXTS="snippets"))
