"""The deployment files say what the code does. (The image itself cannot be built on the machines
the tests run on: they have no container engine; docs/operations.md says so.)"""

from __future__ import annotations

import configparser
import re

import yaml

from bot.__main__ import _parser
from bot.config import KNOWN_SETTINGS
from tests.conftest import PROJECT_ROOT


def test_dockerfile_runs_as_a_user_on_python_311_slim_with_a_health_check() -> None:
    text = (PROJECT_ROOT / "Dockerfile").read_text(encoding="utf-8")
    lines = [line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#")]
    assert lines[0] == "FROM python:3.11-slim"
    users = [line.split()[1] for line in lines if line.startswith("USER ")]
    assert users and users[-1] not in ("root", "0")
    assert 'CMD ["python", "-m", "bot", "status"]' in text
    assert lines[-2:] == ['ENTRYPOINT ["python", "-m", "bot"]', 'CMD ["run"]'], (
        "run: the console without a token"
    )
    for name in re.findall(r"\b([A-Z_]+)=", text.split("USER", 1)[1]):
        assert name in KNOWN_SETTINGS, f"the image sets {name}, which the bot does not read"
    ignored = (PROJECT_ROOT / ".dockerignore").read_text(encoding="utf-8").split()
    assert ".env" in ignored and ".git" in ignored, "no secret and no history in the image"


def test_compose_has_the_bot_and_postgresql() -> None:
    compose = yaml.safe_load((PROJECT_ROOT / "compose.yaml").read_text(encoding="utf-8"))
    services = compose["services"]
    assert set(services) == {"bot", "db"}
    assert services["db"]["image"].startswith("postgres:")
    bot = services["bot"]
    assert bot["build"] == "." and bot["depends_on"]["db"]["condition"] == "service_healthy"
    assert bot["environment"]["DATABASE_URL"].startswith("postgresql://")
    assert set(bot["environment"]) <= set(KNOWN_SETTINGS)
    assert set(compose["volumes"]) == {"db-data", "bot-data"}


def test_systemd_units_start_run() -> None:
    for name in ("nachrichtenlage.service", "nachrichtenlage@.service"):
        unit = configparser.ConfigParser(strict=False, interpolation=None)
        unit.optionxform = str  # keys are case-sensitive in systemd
        unit.read(PROJECT_ROOT / "deploy" / "systemd" / name, encoding="utf-8")
        service = unit["Service"]
        assert service["ExecStart"].endswith("-m bot run")
        assert service["User"] != "root" and service["RestartPreventExitStatus"] == "2"
    assert "SHARD_IDS=%i" in (PROJECT_ROOT / "deploy/systemd/nachrichtenlage@.service").read_text()


def test_the_commands_the_files_use_exist() -> None:
    commands = _parser()._subparsers._group_actions[0].choices  # type: ignore[union-attr]
    assert {"run", "status", "sync", "chat"} <= set(commands)
