"""Starting the bot (`python -m bot run`) and registering its commands (`python -m bot sync`).

Start-up problems end in one clear line on stderr and a non-zero exit code; the token is never
printed or logged.
"""

from __future__ import annotations

import asyncio
import logging
import sys
from pathlib import Path
from typing import TextIO

import aiohttp
import discord

from bot.config import Settings
from bot.core.store import KnowledgeStore
from bot.discord_app.client import FaqBot
from bot.storage.db import StorageError
from bot.storage.factory import open_insight_store

BAD_TOKEN = "Discord hat DISCORD_TOKEN abgelehnt – im Developer Portal unter Bot → Reset Token neu erzeugen."
NO_INTENT = (
    "Der Message Content Intent fehlt – Developer Portal → Bot → Privileged Gateway Intents → "
    "Message Content Intent einschalten."
)
NO_TOKEN = "DISCORD_TOKEN ist nicht gesetzt (siehe .env.example)."


def configure_logging(level: str) -> None:
    logging.basicConfig(level=level, format="%(asctime)s %(levelname)s %(name)s: %(message)s")


def run_bot(settings: Settings, folder: Path) -> int:
    """Connect and answer until stopped. Knowledge errors propagate to the CLI, which lists them."""
    configure_logging(settings.log_level)
    if not settings.discord_token:
        print(NO_TOKEN, file=sys.stderr)
        return 2
    store = KnowledgeStore(folder)
    if settings.shard_ids is not None and not settings.database_url:
        logging.getLogger(__name__).warning(
            "SHARD_IDS without DATABASE_URL: this process keeps its own SQLite file, and reloads "
            "here do not reach the other processes (docs/operations.md)"
        )
    try:
        insight_store = open_insight_store(settings)
    except StorageError as error:
        print(f"{'DATABASE_URL' if settings.database_url else 'STORAGE_PATH'}: {error}", file=sys.stderr)
        return 2
    bot = FaqBot(settings, store, insight_store=insight_store, report_health=True)
    try:
        bot.run(settings.discord_token, log_handler=None)
    except discord.LoginFailure:
        print(BAD_TOKEN, file=sys.stderr)
        return 2
    except discord.PrivilegedIntentsRequired:
        print(NO_INTENT, file=sys.stderr)
        return 2
    except (aiohttp.ClientError, OSError) as error:
        print(unreachable(error), file=sys.stderr)
        return 1
    return 0


def unreachable(error: BaseException) -> str:
    """One line for a network failure (aiohttp names only the host, never the token)."""
    return f"Discord ist nicht erreichbar: {type(error).__name__}: {str(error)[:200]}"


def sync_commands(settings: Settings, folder: Path, *, everywhere: bool, out: TextIO) -> int:
    """Register the commands in GUILD_IDS (or globally with `everywhere`, or when none is set) and exit."""
    configure_logging(settings.log_level)
    if not settings.discord_token:
        print(NO_TOKEN, file=sys.stderr)
        return 2
    token = settings.discord_token

    async def sync() -> int:
        bot = FaqBot(settings, KnowledgeStore(folder), sync_on_start=False)
        async with bot:
            await bot.login(token)
            if everywhere or not settings.guild_ids:
                synced = await bot.tree.sync()
                out.write(
                    f"{len(synced)} Befehle global registriert "
                    "(Discord zeigt sie nach bis zu einer Stunde).\n"
                )
            else:
                refused = await bot.sync_guilds()
                done = [g for g in settings.guild_ids if g not in {r.guild_id for r in refused}]
                if done:
                    out.write(f"Befehle in {len(done)} Server(n) registriert: {', '.join(map(str, done))}.\n")
                for refusal in refused:
                    print(f"Server {refusal.guild_id} abgelehnt: {refusal.reason}", file=sys.stderr)
                return 1 if refused else 0
            return 0

    try:
        return asyncio.run(sync())
    except discord.LoginFailure:
        print(BAD_TOKEN, file=sys.stderr)
        return 2
    except (aiohttp.ClientError, OSError) as error:
        print(unreachable(error), file=sys.stderr)
        return 1
    except discord.HTTPException as error:
        print(f"Registrieren fehlgeschlagen: HTTP {error.status} {error.text[:200]}", file=sys.stderr)
        return 1
