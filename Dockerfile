# The bot in a container: `docker compose up` (compose.yaml, with PostgreSQL), or alone:
#   docker build -t nachrichtenlage .
#   docker run --env-file .env -v nachrichtenlage-data:/data nachrichtenlage
#   docker run -it nachrichtenlage          # no DISCORD_TOKEN: the local console
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

# A user of its own: the bot never runs as root.
RUN useradd --create-home --uid 10001 --shell /usr/sbin/nologin bot \
    && mkdir /data && chown bot:bot /data

WORKDIR /app
# Dependencies first, so a knowledge-only change rebuilds in seconds.
COPY pyproject.toml README.md LICENSE ./
COPY bot ./bot
RUN pip install .
COPY knowledge ./knowledge

USER bot
# /data: the SQLite file (when DATABASE_URL is not set) and the health file.
ENV KNOWLEDGE_DIR=/app/knowledge \
    STORAGE_PATH=/data/nachrichtenlage.sqlite3 \
    STATUS_FILE=/data/status.json
VOLUME ["/data"]

# Healthy = connected to Discord with the knowledge loaded (python -m bot status, exit 0).
HEALTHCHECK --interval=30s --timeout=10s --start-period=90s --retries=3 \
    CMD ["python", "-m", "bot", "status"]

ENTRYPOINT ["python", "-m", "bot"]
CMD ["run"]
