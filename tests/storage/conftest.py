"""One storage test suite, two backends: every test here that takes `make_store` runs on SQLite
and on PostgreSQL (the latter skips without TEST_DATABASE_URL, and CI always sets it)."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from bot.storage.insights import InsightRecords, InsightStore

BACKENDS = ("sqlite", "postgresql")


@pytest.fixture(params=BACKENDS)
def backend(request: pytest.FixtureRequest) -> str:
    return request.param


@pytest.fixture
def make_store(
    backend: str, request: pytest.FixtureRequest, tmp_path: Path
) -> Iterator[Callable[..., InsightRecords]]:
    """`make_store(retention_days=30)` -> a store; a second call opens the same database again."""
    opened: list[InsightRecords] = []
    url = request.getfixturevalue("postgres_url") if backend == "postgresql" else None

    def make(*, retention_days: int = 30) -> InsightRecords:
        if url is not None:
            from bot.storage.postgres import PostgresInsightStore

            store: InsightRecords = PostgresInsightStore(url, retention_days=retention_days)
        else:
            store = InsightStore(tmp_path / "bot.sqlite3", retention_days=retention_days)
        opened.append(store)
        return store

    yield make
    for store in opened:
        store.close()


def stored_values(store: InsightRecords) -> str:
    """Every value in every table of the store's database, to check what is (not) stored."""
    if isinstance(store, InsightStore):
        connection = sqlite3.connect(store.path)
        tables = [row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        values = [str(v) for t in tables for row in connection.execute(f"SELECT * FROM {t}") for v in row]
        connection.close()
        return " ".join(values)
    import psycopg

    with psycopg.connect(store.url) as connection:
        tables = [
            row[0]
            for row in connection.execute(
                "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'"
            )
        ]
        return " ".join(
            str(v) for t in tables for row in connection.execute(f'SELECT * FROM "{t}"') for v in row
        )
