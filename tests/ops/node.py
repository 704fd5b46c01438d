"""One process of a two-process bot, for tests/ops/test_two_processes.py.

A real FaqBot (an AutoShardedBot running one shard of two) with the real Insights and a real
PostgresInsightStore; only Discord is replaced, by the harness that captures HTTP. It reads
commands from stdin ("reload", "quit") and reports on stdout, one JSON object a line:
{"event": "ready"} once it LISTENs, {"event": "reloaded"} after /wissen neu-laden,
{"event": "followed", "summary": …} after a reload another process asked for, and
{"event": "posted", "channel": …, "content": …} for every message it sends to a channel.
"""

from __future__ import annotations

import argparse
import asyncio
import dataclasses
import json
import sys
from pathlib import Path
from typing import Any

import pytest

from bot.discord_app.announce import Insights, reload_summary
from bot.storage.postgres import PostgresInsightStore
from tests.discord_app.harness import MOD_ROLE, ROLE_MODERATOR, Harness, build_bot


def say(**event: Any) -> None:
    print(json.dumps(event, ensure_ascii=False), flush=True)


class ReportingHarness(Harness):
    def store_message(self, payload: dict[str, Any], channel_id: int, flags: int = 0) -> dict[str, Any]:
        if self.calls and self.calls[-1].path == f"/channels/{channel_id}/messages":
            say(event="posted", channel=channel_id, content=payload.get("content"))
        return super().store_message(payload, channel_id, flags)


async def serve(args: argparse.Namespace) -> None:
    bot = build_bot(args.knowledge)
    bot.settings = dataclasses.replace(
        bot.settings,
        shard_count=args.shard_count,
        shard_ids=(args.shard,),
        announce_channel_id=args.announce,
        database_url=args.database,
    )
    store = PostgresInsightStore(args.database)
    bot.feedback = store
    bot.insights = Insights(bot, store)
    harness = ReportingHarness(bot)
    harness.install(pytest.MonkeyPatch())
    followed = bot.insights.on_notice

    async def on_notice(payload: str) -> None:
        before = bot.store.last_reload
        await followed(payload)
        if bot.store.last_reload is not before and bot.store.last_reload is not None:
            say(event="followed", summary=reload_summary(bot.store.last_reload))

    bot.insights.on_notice = on_notice  # type: ignore[method-assign]
    await harness.start()
    await bot.insights.listening.wait()
    say(event="ready")
    loop = asyncio.get_running_loop()
    while True:
        line = (await loop.run_in_executor(None, sys.stdin.readline)).strip()
        if line == "reload":
            await harness.command("wissen", sub="neu-laden", user=ROLE_MODERATOR, roles=(MOD_ROLE,))
            say(event="reloaded", summary=reload_summary(bot.store.last_reload))
        elif line in ("quit", ""):
            await bot.insights.close()
            return


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--knowledge", type=Path, required=True)
    parser.add_argument("--database", required=True)
    parser.add_argument("--shard", type=int, required=True)
    parser.add_argument("--shard-count", type=int, default=2)
    parser.add_argument("--announce", type=int, required=True)
    asyncio.run(serve(parser.parse_args()))


if __name__ == "__main__":
    main()
