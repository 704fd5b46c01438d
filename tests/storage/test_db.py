"""The database file: created on first start, WAL, migrated in place, newer files refused."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from bot.storage.db import MIGRATIONS, StorageError, migrate, open_database, schema_version


def test_first_start_creates_the_file_and_its_folder(tmp_path: Path) -> None:
    path = tmp_path / "data" / "sub" / "bot.sqlite3"
    connection = open_database(path)
    assert path.is_file()
    assert schema_version(connection) == len(MIGRATIONS)
    assert connection.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert {"unanswered", "feedback", "reloads"} <= tables
    connection.close()


def test_reopening_keeps_data_and_does_not_migrate_again(tmp_path: Path) -> None:
    path = tmp_path / "bot.sqlite3"
    first = open_database(path)
    first.execute("INSERT INTO feedback (answer_id, helpful, last_at) VALUES ('faq-x', 2, 'now')")
    first.close()
    again = open_database(path)
    assert again.execute("SELECT helpful FROM feedback").fetchall() == [(2,)]
    assert migrate(again) == len(MIGRATIONS)
    again.close()


def test_a_file_from_a_newer_bot_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "bot.sqlite3"
    raw = sqlite3.connect(path)
    raw.execute(f"PRAGMA user_version = {len(MIGRATIONS) + 1}")
    raw.close()
    with pytest.raises(StorageError, match="newer"):
        open_database(path)


def test_a_file_that_is_no_database_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "bot.sqlite3"
    path.write_bytes(b"this is not sqlite, just text that happens to be long enough" * 20)
    with pytest.raises(StorageError):
        open_database(path)
