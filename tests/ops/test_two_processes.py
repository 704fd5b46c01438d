"""Two real processes of the bot against one real PostgreSQL: a reload in either reaches the other,
the history is written once, and the announcement is posted once, by the process that holds the
announcement channel's guild (`(guild_id >> 22) % shard_count == shard_id`).

Each process is tests/ops/node.py: a real FaqBot running one of two shards with the real storage
and LISTEN/NOTIFY; only Discord's HTTP is captured. The test waits for the lines the processes
print; the 60-second limit only keeps a broken run from hanging.
"""

from __future__ import annotations

import json
import queue
import shutil
import subprocess
import sys
import threading
from pathlib import Path
from typing import Any

import psycopg
import pytest

from bot.discord_app.sharding import shard_of
from tests.conftest import PROJECT_ROOT
from tests.discord_app.conftest import FIXTURE_KNOWLEDGE
from tests.discord_app.harness import GUILD_ID, OTHER_CHANNEL

LIMIT = 60.0


class Node:
    """One bot process and the lines it prints."""

    def __init__(self, shard: int, knowledge: Path, database: str) -> None:
        command = [sys.executable, "-m", "tests.ops.node", "--knowledge", str(knowledge)]
        command += ["--database", database, "--shard", str(shard), "--announce", str(OTHER_CHANNEL)]
        self.shard = shard
        self.process = subprocess.Popen(
            command, cwd=PROJECT_ROOT, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
        )
        self.lines: queue.Queue[dict[str, Any]] = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            if line.startswith("{"):
                self.lines.put(json.loads(line))
        self.lines.put({"event": "exited"})

    def send(self, command: str) -> None:
        assert self.process.stdin is not None
        self.process.stdin.write(command + "\n")
        self.process.stdin.flush()

    def until(self, event: str) -> tuple[dict[str, Any], list[dict[str, Any]]]:
        """The next line of this kind, and the lines printed before it."""
        before = []
        while True:
            try:
                line = self.lines.get(timeout=LIMIT)
            except queue.Empty:
                pytest.fail(f"process with shard {self.shard} printed no '{event}' in {LIMIT:.0f} s")
            if line["event"] == "exited":
                pytest.fail(f"process with shard {self.shard} ended before '{event}'")
            if line["event"] == event:
                return line, before
            before.append(line)

    def stop(self) -> int:
        if self.process.poll() is None:
            self.send("quit")
        try:
            return self.process.wait(timeout=LIMIT)
        except subprocess.TimeoutExpired:
            self.process.kill()
            return self.process.wait()


def _change(knowledge: Path, kai: str) -> None:
    extra = knowledge / "extra.yaml"
    text = extra.read_text(encoding="utf-8").replace(
        f'"Am {kai}kai wurde gestreikt.", label: Gerücht, sources: [kurier-2031-05-03]',
        f'"Am {kai}kai wurde gestreikt.", label: bestätigt, sources: [rat-protokoll]',
    )
    extra.write_text(text, encoding="utf-8")


def test_a_reload_reaches_the_other_process_and_is_announced_once(postgres_url: str, tmp_path: Path) -> None:
    knowledge = tmp_path / "knowledge"  # one folder for both, as on one host or a shared volume
    shutil.copytree(FIXTURE_KNOWLEDGE, knowledge)
    holder_shard = shard_of(GUILD_ID, 2)  # the announcement channel's guild is on this shard
    holder = Node(holder_shard, knowledge, postgres_url)
    other = Node(1 - holder_shard, knowledge, postgres_url)
    try:
        holder.until("ready")
        other.until("ready")

        _change(knowledge, "Nord")
        other.send("reload")  # a moderator reloads in the process that does NOT hold the channel
        reloaded, printed = other.until("reloaded")
        assert reloaded["summary"] == "0 neu, 1 geändert, 0 entfernt"
        assert printed == [], "the other process posts nothing"
        followed, printed = holder.until("followed")  # it reloaded because it was told to
        assert followed["summary"] == "0 neu, 1 geändert, 0 entfernt"
        [post] = printed
        assert post["channel"] == OTHER_CHANNEL and "Neu bestätigt: Streik am Nordkai" in post["content"]

        _change(knowledge, "Süd")
        holder.send("reload")  # and the other way round
        reloaded, printed = holder.until("reloaded")
        assert reloaded["summary"] == "0 neu, 1 geändert, 0 entfernt"
        [post] = printed
        assert "Neu bestätigt: Streik am Südkai" in post["content"]
        followed, printed = other.until("followed")
        assert followed["summary"] == "0 neu, 1 geändert, 0 entfernt" and printed == []
    finally:
        codes = [node.stop() for node in (holder, other)]
    assert codes == [0, 0]
    with psycopg.connect(postgres_url) as connection:
        history = connection.execute("SELECT moderator, ok FROM reloads ORDER BY id").fetchall()
    assert history == [("mitglied42", 1), ("mitglied42", 1)], "each reload recorded once, not per process"
