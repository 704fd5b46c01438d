"""The payload checks themselves: they must catch what Discord would refuse."""

from __future__ import annotations

import pytest

from tests.discord_app import spec as spec_module
from tests.discord_app.spec import DiscordSpec, command_problems, message_problems, spec_path

CHANNEL = "/channels/1/messages"
NONE = {"parse": []}


def button(n: int) -> dict:
    return {"type": 2, "style": 2, "label": f"b{n}", "custom_id": f"c{n}"}


def test_spec_catches_what_discord_refuses(discord_spec: DiscordSpec) -> None:
    assert discord_spec.errors("POST", CHANNEL, {"content": "hallo", "allowed_mentions": NONE}) == []
    assert discord_spec.errors("POST", CHANNEL, {"embeds": [{"description": "x" * 4097}]})
    assert discord_spec.errors("POST", CHANNEL, {"embeds": [{"title": "x" * 257}]})
    six = {"components": [{"type": 1, "components": [button(n) for n in range(6)]}]}
    assert discord_spec.errors("POST", CHANNEL, six)
    long_label = {"components": [{"type": 1, "components": [{**button(1), "label": "x" * 81}]}]}
    assert discord_spec.errors("POST", CHANNEL, long_label)
    callback = "/interactions/1/token/callback"
    choices = [{"name": f"c{n}", "value": f"c{n}"} for n in range(26)]
    assert discord_spec.errors("POST", callback, {"type": 8, "data": {"choices": choices}})
    assert discord_spec.errors("POST", callback, {"type": 8, "data": {"choices": choices[:25]}}) == []


def test_known_gaps_are_bridged(discord_spec: DiscordSpec) -> None:
    reply = {"content": "x", "message_reference": {"message_id": 123}, "allowed_mentions": NONE}
    assert discord_spec.errors("POST", CHANNEL, reply) == [], "integer snowflakes are accepted"
    with pytest.warns(UserWarning, match="flags"):
        discord_spec.errors("POST", CHANNEL, {"embeds": [{"title": "t", "flags": 0}]})


def test_limits_beyond_the_spec() -> None:
    assert message_problems({"content": "x" * 2001, "allowed_mentions": NONE})
    fields = [{"name": "n", "value": "v" * 1000} for _ in range(6)]
    assert message_problems({"embeds": [{"fields": fields}], "allowed_mentions": NONE})
    assert message_problems({"content": "@everyone"}), "a message without allowed_mentions is refused"
    assert message_problems({"content": "ok", "allowed_mentions": NONE}) == []


def test_command_names_and_localisations() -> None:
    good = {
        "name": "frage",
        "description": "Fragt",
        "name_localizations": {"en-US": "ask", "en-GB": "ask"},
        "description_localizations": {"en-US": "Asks", "en-GB": "Asks"},
    }
    assert command_problems(good) == []
    assert command_problems({**good, "name": "Frage"})
    assert command_problems({**good, "name": "neu laden"})
    assert command_problems({**good, "description": ""})
    assert command_problems({**good, "name_localizations": {"en-US": "ask"}})
    assert command_problems({**good, "options": [dict(good)] * 26})


def test_spec_path_fails_when_configured_but_missing(monkeypatch: pytest.MonkeyPatch, tmp_path) -> None:  # noqa: ANN001
    monkeypatch.setenv(spec_module.SPEC_ENV, str(tmp_path / "missing.json"))
    with pytest.raises(pytest.fail.Exception, match="does not exist"):
        spec_path()
    monkeypatch.delenv(spec_module.SPEC_ENV)
    monkeypatch.setattr(spec_module, "DEFAULT_SPEC", tmp_path / "absent.json")
    with pytest.raises(pytest.skip.Exception, match="not found"):
        spec_path()
