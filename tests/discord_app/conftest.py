"""Fixtures for the Discord layer: a harnessed bot on a small fixture knowledge set, and the spec.

`async def` tests run in a fresh event loop each (no plugin needed). Every payload a test made
the bot send is validated against Discord's OpenAPI spec and the extra limits when the test ends.
"""

from __future__ import annotations

import asyncio
import inspect
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.discord_app.harness import Harness, build_bot
from tests.discord_app.spec import DiscordSpec, command_problems, load_spec, message_problems, spec_path

FIXTURE_KNOWLEDGE = Path(__file__).parent / "fixtures" / "knowledge"


@pytest.hookimpl(tryfirst=True)
def pytest_pyfunc_call(pyfuncitem: pytest.Function) -> bool | None:
    if not inspect.iscoroutinefunction(pyfuncitem.obj):
        return None
    arguments = {name: pyfuncitem.funcargs[name] for name in pyfuncitem._fixtureinfo.argnames}
    asyncio.run(pyfuncitem.obj(**arguments))
    return True


@pytest.fixture(scope="session")
def discord_spec() -> DiscordSpec:
    return load_spec(str(spec_path()))


@pytest.fixture
def knowledge_dir(tmp_path: Path) -> Path:
    """A private copy of the fixture knowledge, so a test may break or change it."""
    folder = tmp_path / "knowledge"
    shutil.copytree(FIXTURE_KNOWLEDGE, folder)
    return folder


def check_calls(harness: Harness, spec: DiscordSpec) -> list[str]:
    """Every captured request against the spec, every message against the limits."""
    problems: list[str] = []
    for call in harness.calls:
        if call.payload is None:
            continue
        problems += spec.errors(call.method, call.path, call.payload)
        if call.method == "PUT" and call.path.endswith("/commands"):
            for command in call.payload:
                problems += command_problems(command)
        if call.message is not None:
            problems += [f"{call.method} {call.path}: {p}" for p in message_problems(call.message)]
    return problems


@pytest.fixture
def make_harness(
    knowledge_dir: Path, discord_spec: DiscordSpec, monkeypatch: pytest.MonkeyPatch
) -> Iterator[object]:
    """`make_harness(**bot_options)` -> Harness; all its payloads are validated at the end."""
    made: list[Harness] = []

    def make(**options: object) -> Harness:
        harness = Harness(build_bot(knowledge_dir, **options))  # type: ignore[arg-type]
        harness.install(monkeypatch)
        made.append(harness)
        return harness

    yield make
    for harness in made:
        problems = check_calls(harness, discord_spec)
        assert not problems, "payloads break Discord's spec or limits:\n" + "\n".join(problems)


@pytest.fixture
def harness(make_harness) -> Harness:  # noqa: ANN001 - the factory above
    return make_harness()
