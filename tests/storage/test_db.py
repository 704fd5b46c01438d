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


# PostgreSQL: the same migrations, its own version table ----------------------------------------


def test_postgres_gets_the_same_schema_and_migrates_once(postgres_url: str, tmp_path: Path) -> None:
    import psycopg

    from bot.storage import postgres

    first = postgres.PostgresInsightStore(postgres_url)
    first.close()
    again = postgres.PostgresInsightStore(postgres_url)  # a second start: nothing left to do
    again.close()
    with psycopg.connect(postgres_url) as connection:
        assert connection.execute("SELECT version FROM schema_version").fetchall() == [(len(MIGRATIONS),)]
        columns = connection.execute(
            "SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = 'public'"
            " AND table_name <> 'schema_version'"
        ).fetchall()
    lite = open_database(tmp_path / "bot.sqlite3")
    lite_columns = {
        (table, row[1])
        for (table,) in lite.execute("SELECT name FROM sqlite_master WHERE type='table'")
        if table != "sqlite_sequence"
        for row in lite.execute(f"PRAGMA table_info({table})")
    }
    lite.close()
    assert set(columns) == lite_columns, "both backends hold the same tables and columns"


def test_postgres_written_by_a_newer_bot_is_refused(postgres_url: str) -> None:
    import psycopg

    from bot.storage import postgres

    with psycopg.connect(postgres_url, autocommit=True) as connection:
        connection.execute("CREATE TABLE schema_version (version INTEGER NOT NULL)")
        connection.execute("INSERT INTO schema_version VALUES (%s)", (len(MIGRATIONS) + 1,))
    with pytest.raises(StorageError, match="newer"):
        postgres.PostgresInsightStore(postgres_url)


def test_postgres_unreachable_is_one_line_without_the_password() -> None:
    from bot.storage import postgres

    with pytest.raises(StorageError) as raised:
        postgres.PostgresInsightStore("postgresql://bot:geheim@127.0.0.1:1/nirgends")
    message = str(raised.value)
    assert "127.0.0.1:1/nirgends" in message and "geheim" not in message and "\n" not in message
