"""Moderator commands refuse non-moderators at run time, whatever Discord let through.

A server admin can change a command's default permissions (Server Settings → Integrations), and
then Discord delivers /wissen … from any member. The bot must check again: every command under a
group with default permissions is run by members with many rights except Manage Server, and
must be refused with nothing done; a moderator role and Manage Server must still get through.
"""

from __future__ import annotations

import discord
import pytest
from discord import app_commands

from bot.discord_app.errors import NOT_MODERATOR
from tests.discord_app.harness import (
    ADMIN,
    ADMIN_PERMISSIONS,
    ASKER,
    MEMBER_PERMISSIONS,
    MOD_ROLE,
    ROLE_MODERATOR,
    Harness,
)

#: Everything a server might hand to trusted members, short of Manage Server and Administrator.
MANY_RIGHTS = discord.Permissions(
    MEMBER_PERMISSIONS.value
    | discord.Permissions(
        manage_messages=True,
        manage_channels=True,
        manage_roles=True,
        kick_members=True,
        ban_members=True,
        moderate_members=True,
        mention_everyone=True,
        manage_threads=True,
        view_audit_log=True,
    ).value
)
NOT_MODERATORS = {
    "member": {"user": ASKER, "permissions": MEMBER_PERMISSIONS},
    "member with many rights": {"user": ASKER, "permissions": MANY_RIGHTS},
    "member with another role": {"user": ASKER, "roles": (MOD_ROLE + 999,), "permissions": MANY_RIGHTS},
}
MODERATORS = {
    "moderator role": {"user": ROLE_MODERATOR, "roles": (MOD_ROLE,), "permissions": MEMBER_PERMISSIONS},
    "Manage Server": {"user": ADMIN, "permissions": ADMIN_PERMISSIONS},
}


def moderator_commands(harness: Harness) -> list[app_commands.Command]:
    """Every leaf command Discord hides by default, i.e. under default permissions."""
    found = []
    for command in harness.bot.tree.walk_commands():
        root = command.root_parent or command
        if isinstance(command, app_commands.Command) and root.default_permissions is not None:
            found.append(command)
    return found


async def run(harness: Harness, command: app_commands.Command, how: dict) -> None:
    parent = command.parent
    if parent is None:
        await harness.command(command.name, **how)
    else:
        await harness.command(parent.name, sub=command.name, **how)


@pytest.mark.parametrize("who", sorted(NOT_MODERATORS))
async def test_every_moderator_command_refuses_non_moderators(harness: Harness, who: str) -> None:
    await harness.start()
    commands = moderator_commands(harness)
    assert {c.qualified_name for c in commands} >= {"wissen neu-laden", "wissen status"}
    engine = harness.bot.store.engine
    for command in commands:
        sent_before = len(harness.calls)
        await run(harness, command, NOT_MODERATORS[who])
        calls = harness.calls[sent_before:]
        assert len(calls) == 1, f"/{command.qualified_name}: {[(c.method, c.path) for c in calls]}"
        reply = calls[0].payload
        assert reply["type"] == 4, f"/{command.qualified_name} did something before refusing: {reply}"
        assert reply["data"]["content"] == NOT_MODERATOR and reply["data"]["flags"] == 64
    assert harness.bot.store.engine is engine and harness.bot.store.last_reload is None
    assert harness.bot.last_reload_by is None


@pytest.mark.parametrize("who", sorted(MODERATORS))
async def test_moderators_still_get_through(harness: Harness, who: str) -> None:
    await harness.start()
    for command in moderator_commands(harness):
        sent_before = len(harness.calls)
        await run(harness, command, MODERATORS[who])
        replies = [c.message for c in harness.calls[sent_before:] if c.message is not None]
        assert replies, f"/{command.qualified_name} sent nothing"
        assert all(m.get("content") != NOT_MODERATOR for m in replies), command.qualified_name
    assert harness.bot.store.last_reload is not None and harness.bot.store.last_reload.ok
