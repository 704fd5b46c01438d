"""The one place that picks the backend: PostgreSQL when DATABASE_URL is set, else the SQLite file."""

from __future__ import annotations

from bot.config import Settings
from bot.storage.insights import InsightRecords, InsightStore


def open_insight_store(settings: Settings) -> InsightRecords:
    """Open (and migrate) the configured database; raises StorageError with a one-line reason."""
    if settings.database_url:
        from bot.storage.postgres import PostgresInsightStore  # psycopg only when it is used

        return PostgresInsightStore(settings.database_url, retention_days=settings.retention_days)
    return InsightStore(settings.storage_path, retention_days=settings.retention_days)
