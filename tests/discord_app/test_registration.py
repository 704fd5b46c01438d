"""Command registration: the bulk PUT payload is valid, German, and has English localisations."""

from __future__ import annotations

import logging

import pytest

from tests.discord_app.harness import APP_ID, GUILD_ID, Harness
from tests.discord_app.spec import DiscordSpec, command_problems


async def test_setup_hook_syncs_to_configured_guild_only(make_harness) -> None:  # noqa: ANN001
    harness: Harness = make_harness(guild_ids=(GUILD_ID,))
    await harness.start()
    puts = [c for c in harness.calls if c.method == "PUT"]
    assert [c.path for c in puts] == [f"/applications/{APP_ID}/guilds/{GUILD_ID}/commands"]
    names = {c["name"] for c in puts[0].payload}
    assert names == {"frage", "timeline", "person", "quellen", "stand", "labels", "wissen"}


@pytest.mark.parametrize(("status", "code"), [(403, 50001), (400, 50035)])
async def test_a_guild_that_refuses_the_sync_is_logged_and_skipped(
    make_harness, caplog, status: int, code: int
) -> None:  # noqa: ANN001
    refusing, other = 900000000000000011, GUILD_ID
    harness: Harness = make_harness(guild_ids=(refusing, other))
    harness.refused_guilds[refusing] = (status, code)
    caplog.set_level(logging.INFO, logger="bot.discord_app.client")
    await harness.start()  # must not raise: one bad id does not take the bot down
    puts = [c.path for c in harness.calls if c.method == "PUT"]
    assert puts == [f"/applications/{APP_ID}/guilds/{g}/commands" for g in (refusing, other)]
    warnings = [r for r in caplog.records if r.levelno == logging.WARNING]
    assert len(warnings) == 1 and warnings[0].exc_info is None, "one line, no traceback"
    line = warnings[0].getMessage()
    assert str(refusing) in line and f"HTTP {status}, code {code}" in line
    assert any(f"to guild {other}" in r.getMessage() for r in caplog.records), "the others are synced"


async def test_no_sync_without_guild_ids(harness: Harness) -> None:
    await harness.start()
    assert not [c for c in harness.calls if c.method == "PUT"], "never a global sync on start"


async def test_global_payload_is_valid_and_localised(harness: Harness, discord_spec: DiscordSpec) -> None:
    await harness.start()
    tree = harness.bot.tree
    payload = [await c.get_translated_payload(tree, tree.translator) for c in tree._get_all_commands()]
    plain = [c.to_dict(tree) for c in tree._get_all_commands()]
    assert discord_spec.errors("PUT", f"/applications/{APP_ID}/commands", payload) == []
    assert discord_spec.errors("PUT", f"/applications/{APP_ID}/commands", plain) == []
    assert [p for command in payload for p in command_problems(command)] == []
    frage = next(c for c in payload if c["name"] == "frage")
    assert frage["name_localizations"] == {"en-US": "ask", "en-GB": "ask"}
    assert frage["options"][0]["name_localizations"]["en-GB"] == "question"
    assert frage["options"][0]["autocomplete"] is True
    synced = await tree.sync()
    assert len(synced) == len(payload)
    wissen = next(c for c in payload if c["name"] == "wissen")
    assert int(wissen["default_member_permissions"]) == 0x20  # Manage Server
    assert {"neu-laden", "status"} <= {o["name"] for o in wissen["options"]}
