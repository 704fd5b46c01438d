"""`python -m bot status`: the health file's verdict as an exit code, for Docker and systemd."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from bot.__main__ import main
from bot.health import (
    HEALTHY,
    KNOWLEDGE_FAILED,
    NOT_CONNECTED,
    STALE_AFTER,
    Health,
    read_health,
    verdict,
    write_health,
)

NOW = datetime(2031, 5, 4, 18, 0, tzinfo=UTC)


def health(**changes: object) -> Health:
    values: dict[str, object] = {
        "pid": 4242,
        "written_at": NOW,
        "connected": True,
        "shard_count": 2,
        "shards": (0, 1),
        "shards_connected": (0, 1),
        "guilds": 3,
        "stand": "2031-05-04T18:00:00+02:00",
        "entries": 21,
    }
    return Health(**(values | changes))  # type: ignore[arg-type]


def test_the_file_round_trips(tmp_path: Path) -> None:
    path = tmp_path / "data" / "status.json"
    write_health(path, health(knowledge_error="faq.yaml:3: unknown label"))
    assert read_health(path) == health(knowledge_error="faq.yaml:3: unknown label")
    assert [p.name for p in path.parent.iterdir()] == ["status.json"], "no temporary file left behind"


def test_verdicts() -> None:
    assert verdict(health(), now=NOW)[0] == HEALTHY
    assert verdict(health(), now=NOW)[1][-1] == "OK"
    code, lines = verdict(health(connected=False, shards_connected=(0,)), now=NOW)
    assert (
        code == NOT_CONNECTED and "nicht mit Discord verbunden" in lines[-1] and "verbunden: 0;" in lines[0]
    )
    stale = NOW + timedelta(seconds=STALE_AFTER + 1)
    assert verdict(health(), now=stale)[0] == NOT_CONNECTED, "a file nobody rewrites: the bot is gone"
    code, lines = verdict(health(knowledge_error="faq.yaml:3: x"), now=NOW)
    assert code == KNOWLEDGE_FAILED and "faq.yaml:3: x" in lines[-1]


def test_status_exit_codes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "status.json"
    assert main(["status", "--file", str(path)]) == NOT_CONNECTED
    assert "gibt es nicht" in capsys.readouterr().err
    write_health(path, health(written_at=datetime.now(UTC)))
    assert main(["status", "--file", str(path)]) == HEALTHY
    assert capsys.readouterr().out.splitlines()[-1] == "OK"
    write_health(path, health(written_at=datetime.now(UTC), knowledge_error="kaputt"))
    assert main(["status", "--file", str(path), "--json"]) == KNOWLEDGE_FAILED
    assert '"exit_code": 3' in capsys.readouterr().out
    path.write_text("{halb", encoding="utf-8")
    assert main(["status", "--file", str(path)]) == NOT_CONNECTED
