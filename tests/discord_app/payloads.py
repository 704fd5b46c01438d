"""Payload dicts as Discord sends them (users, members, messages, the test guild).

discord.py builds its objects from exactly these shapes, so tests get real Member, Message and
Guild objects without a gateway.
"""

from __future__ import annotations

from typing import Any

import discord

APP_ID = 900000000000000001
GUILD_ID = 900000000000000010
ANSWER_CHANNEL = 900000000000000020
OTHER_CHANNEL = 900000000000000021
THREAD_ID = 900000000000000022
MOD_ROLE = 900000000000000030
ASKER = 900000000000000040
OTHER_MEMBER = 900000000000000041
ROLE_MODERATOR = 900000000000000042
ADMIN = 900000000000000043
TIMESTAMP = "2031-05-04T18:00:00+00:00"


def user_payload(user_id: int, *, bot: bool = False) -> dict[str, Any]:
    return {
        "id": str(user_id),
        "username": f"mitglied{user_id % 100}" if not bot else "nachrichtenlage",
        "discriminator": "0",
        "global_name": None,
        "avatar": None,
        "bot": bot,
    }


def bot_user() -> dict[str, Any]:
    return user_payload(APP_ID, bot=True)


def member_payload(user_id: int, roles: tuple[int, ...], permissions: discord.Permissions) -> dict[str, Any]:
    return {
        "user": user_payload(user_id),
        "roles": [str(r) for r in roles],
        "joined_at": TIMESTAMP,
        "deaf": False,
        "mute": False,
        "flags": 0,
        "nick": None,
        "permissions": str(permissions.value),
    }


def message_payload(
    message_id: int,
    channel_id: int,
    author: dict[str, Any],
    content: str,
    *,
    embeds: list[dict[str, Any]] | None = None,
    components: list[dict[str, Any]] | None = None,
    mentions: list[dict[str, Any]] | None = None,
    mention_everyone: bool = False,
    flags: int = 0,
) -> dict[str, Any]:
    return {
        "id": str(message_id),
        "channel_id": str(channel_id),
        "guild_id": str(GUILD_ID),
        "author": author,
        "content": content,
        "timestamp": TIMESTAMP,
        "edited_timestamp": None,
        "tts": False,
        "mention_everyone": mention_everyone,
        "mentions": mentions or [],
        "mention_roles": [],
        "attachments": [],
        "embeds": embeds or [],
        "components": components or [],
        "pinned": False,
        "type": 0,
        "flags": flags,
    }


def guild_payload() -> dict[str, Any]:
    everyone = discord.Permissions(read_messages=True, send_messages=True).value
    role = {"hoist": False, "managed": False, "mentionable": False, "flags": 0, "color": 0}
    channel = {"type": 0, "guild_id": str(GUILD_ID), "permission_overwrites": [], "position": 0}
    return {
        "id": str(GUILD_ID),
        "name": "Testserver",
        "owner_id": str(ADMIN),
        "roles": [
            {**role, "id": str(GUILD_ID), "name": "@everyone", "permissions": str(everyone), "position": 0},
            {**role, "id": str(MOD_ROLE), "name": "Moderation", "permissions": str(everyone), "position": 1},
        ],
        "channels": [
            {**channel, "id": str(ANSWER_CHANNEL), "name": "fragen"},
            {**channel, "id": str(OTHER_CHANNEL), "name": "plaudern", "position": 1},
        ],
        "threads": [
            {
                "id": str(THREAD_ID),
                "guild_id": str(GUILD_ID),
                "parent_id": str(ANSWER_CHANNEL),
                "owner_id": str(ASKER),
                "name": "Faden",
                "type": 11,
                "thread_metadata": {
                    "archived": False,
                    "auto_archive_duration": 1440,
                    "locked": False,
                    "archive_timestamp": TIMESTAMP,
                },
                "message_count": 0,
                "member_count": 1,
                "rate_limit_per_user": 0,
            }
        ],
        "member_count": 4,
        "members": [],
        "emojis": [],
        "stickers": [],
        "features": [],
    }
