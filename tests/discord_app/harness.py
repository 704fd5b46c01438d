"""Real discord.py objects without a network: a bot, a guild, members, and HTTP captured instead of sent.

Interactions and messages are built from payload dicts and fed through the bot's own
ConnectionState (parse_interaction_create / parse_message_create), so the real command tree,
views, dynamic items and listener run. Both HTTP paths of discord.py are replaced: the REST client
(`HTTPClient.request`) and the webhook adapter that carries interaction responses. Every captured
body is kept with its method and URL path for validation against Discord's spec.
"""

from __future__ import annotations

import asyncio
import itertools
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import discord
import discord.http
import discord.webhook.async_
import pytest

from bot.config import Settings
from bot.core.matching.engine import EngineOptions
from bot.core.store import KnowledgeStore
from bot.discord_app.client import FaqBot
from tests.discord_app.payloads import (  # noqa: F401 - re-exported for the tests
    ADMIN,
    ANSWER_CHANNEL,
    APP_ID,
    ASKER,
    GUILD_ID,
    MOD_ROLE,
    OTHER_CHANNEL,
    OTHER_MEMBER,
    ROLE_MODERATOR,
    THREAD_ID,
    TIMESTAMP,
    bot_user,
    guild_payload,
    member_payload,
    message_payload,
    user_payload,
)

API_BASE = discord.http.Route.BASE
MEMBER_PERMISSIONS = discord.Permissions(
    read_messages=True, send_messages=True, use_application_commands=True
)
ADMIN_PERMISSIONS = discord.Permissions(manage_guild=True, read_messages=True, send_messages=True)
#: Task names of discord.py's event, command and view dispatch: what `settle` waits for.
DISPATCH_TASKS = ("CommandTree-invoker", "discord-ui-", "discord.py: ")


@dataclass
class Call:
    """One captured HTTP request."""

    method: str
    path: str
    payload: Any

    @property
    def message(self) -> dict[str, Any] | None:
        """The message body of the call, if it carries one (interaction callbacks wrap it in data)."""
        if self.path.endswith("/callback"):
            return self.payload.get("data") if self.payload.get("type") in (4, 7) else None
        if self.method in ("POST", "PATCH") and (
            "/messages" in self.path or self.path.startswith("/webhooks/")
        ):
            return self.payload
        return None


class FakeResponse:
    status = 403
    reason = "Forbidden"


class RefusedResponse:
    """The response object discord.HTTPException reads status and reason from."""

    def __init__(self, status: int) -> None:
        self.status = status
        self.reason = "Forbidden" if status == 403 else "Bad Request"


@dataclass
class Harness:
    """The bot under test and everything it sent."""

    bot: FaqBot
    calls: list[Call] = field(default_factory=list)
    messages: dict[int, dict[str, Any]] = field(default_factory=dict)
    forbidden_channels: set[int] = field(default_factory=set)
    #: Guilds that refuse the command sync: guild id -> (HTTP status, Discord error code).
    refused_guilds: dict[int, tuple[int, int]] = field(default_factory=dict)
    #: Channels of guilds this bot's shards do not hold, as GET /channels/{id} answers them: id -> guild.
    remote_channels: dict[int, int] = field(default_factory=dict)
    ids: itertools.count = field(default_factory=lambda: itertools.count(910000000000000000))
    #: Where the interaction being handled came from, and which message its button was on.
    current_channel: int = ANSWER_CHANNEL
    current_message: int | None = None
    #: Messages created by interaction responses, newest last (for PATCH @original).
    original_ids: list[int] = field(default_factory=list)

    # --- HTTP capture -------------------------------------------------------------------------
    def install(self, monkeypatch: pytest.MonkeyPatch) -> None:
        harness = self

        async def http_request(client: Any, route: discord.http.Route, **kwargs: Any) -> Any:
            payload = kwargs.get("json")
            if payload is None and kwargs.get("form"):
                payload = next((f["value"] for f in kwargs["form"] if f["name"] == "payload_json"), None)
            return harness.answer(route.method, route.url, payload)

        async def webhook_request(
            adapter: Any, route: discord.http.Route, session: Any, **kwargs: Any
        ) -> Any:
            return harness.answer(route.method, route.url, kwargs.get("payload"))

        monkeypatch.setattr(discord.http.HTTPClient, "request", http_request)
        monkeypatch.setattr(discord.webhook.async_.AsyncWebhookAdapter, "request", webhook_request)

    def answer(self, method: str, url: str, payload: Any) -> Any:
        path = url.removeprefix(API_BASE).split("?")[0]
        if isinstance(payload, str):
            payload = json.loads(payload)
        self.calls.append(Call(method, path, payload))
        parts = path.strip("/").split("/")
        if parts[0] == "channels" and int(parts[1]) in self.forbidden_channels:
            raise discord.Forbidden(FakeResponse(), {"code": 50013, "message": "Missing Permissions"})
        if path.endswith("/commands") and method == "PUT":
            if parts[2] == "guilds" and int(parts[3]) in self.refused_guilds:
                status, code = self.refused_guilds[int(parts[3])]
                text = "Missing Access" if code == 50001 else "Invalid Form Body"
                raise discord.HTTPException(RefusedResponse(status), {"code": code, "message": text})
            return [
                {**c, "id": str(next(self.ids)), "application_id": str(APP_ID), "version": "1", "type": 1}
                for c in payload
            ]
        if path.endswith("/callback"):
            return self._callback(payload)
        if parts[0] == "channels" and method == "GET" and len(parts) == 2:
            guild = self.remote_channels[int(parts[1])]
            return {
                "id": parts[1],
                "type": 0,
                "guild_id": str(guild),
                "name": "ankuendigungen",
                "position": 0,
            }
        if parts[0] == "channels" and method == "POST":
            return self.store_message(payload, int(parts[1]))
        if parts[0] == "channels" and method == "PATCH":
            return self.edit_message(int(parts[3]), payload)
        if parts[0] == "webhooks" and method == "POST":
            return self.store_message(payload, ANSWER_CHANNEL)
        if parts[0] == "webhooks" and method == "PATCH":
            return self.edit_message(self._original_id(), payload)
        return None

    def _callback(self, payload: dict[str, Any]) -> dict[str, Any]:
        kind = payload["type"]
        data = payload.get("data") or {}
        interaction = {"id": str(next(self.ids)), "type": 2, "response_message_loading": kind == 5}
        interaction["response_message_ephemeral"] = bool((data.get("flags") or 0) & 64)
        if kind in (4, 5):
            message = self.store_message(data, self.current_channel, flags=data.get("flags") or 0)
            interaction["response_message_id"] = message["id"]
            self.original_ids.append(int(message["id"]))
            return {"interaction": interaction, "resource": {"type": kind, "message": message}}
        if kind == 7 and self.current_message is not None:
            message = self.edit_message(self.current_message, data)
            return {"interaction": interaction, "resource": {"type": kind, "message": message}}
        return {"interaction": interaction}

    def _original_id(self) -> int:
        return self.original_ids[-1]

    def store_message(self, payload: dict[str, Any], channel_id: int, flags: int = 0) -> dict[str, Any]:
        message = message_payload(
            next(self.ids),
            channel_id,
            bot_user(),
            payload.get("content") or "",
            embeds=payload.get("embeds") or [],
            components=payload.get("components") or [],
            flags=flags,
        )
        self.messages[int(message["id"])] = message
        return message

    def edit_message(self, message_id: int, payload: dict[str, Any]) -> dict[str, Any]:
        message = self.messages[message_id]
        for key in ("content", "embeds", "components"):
            if key in payload:
                message[key] = payload[key] if payload[key] is not None else ([] if key != "content" else "")
        return message

    # --- driving the bot ----------------------------------------------------------------------
    async def start(self) -> None:
        await self.bot._async_setup_hook()
        await self.bot.setup_hook()

    async def command(self, name: str, options: list[dict[str, Any]] | None = None, **how: Any) -> None:
        """Run a slash command as a member would (`sub` for a group's subcommand)."""
        data: dict[str, Any] = {"id": str(next(self.ids)), "name": name, "type": 1, "options": options or []}
        if how.get("sub"):
            data["options"] = [{"name": how.pop("sub"), "type": 1, "options": options or []}]
        await self.interact(2, data, **how)

    async def autocomplete(self, name: str, option: str, typed: str, **how: Any) -> list[dict[str, Any]]:
        opts = [{"name": option, "type": 3, "value": typed, "focused": True}]
        data = {"id": str(next(self.ids)), "name": name, "type": 1, "options": opts}
        await self.interact(4, data, **how)
        callback = self.calls[-1]
        assert callback.path.endswith("/callback") and callback.payload["type"] == 8, callback
        return callback.payload["data"]["choices"]

    async def click(self, message_id: int, custom_id: str, **how: Any) -> None:
        self.current_message = message_id
        data = {"custom_id": custom_id, "component_type": 2}
        await self.interact(3, data, message=self.messages[message_id], **how)

    async def interact(
        self,
        kind: int,
        data: dict[str, Any],
        *,
        user: int = ASKER,
        channel: int = ANSWER_CHANNEL,
        roles: tuple[int, ...] = (),
        permissions: discord.Permissions = MEMBER_PERMISSIONS,
        message: dict[str, Any] | None = None,
        dm: bool = False,
    ) -> None:
        """Deliver one interaction; `dm` makes it come from a direct message (no guild, no member)."""
        self.current_channel = channel
        payload: dict[str, Any] = {
            "id": str(next(self.ids)),
            "application_id": str(APP_ID),
            "type": kind,
            "data": data,
            "guild_id": str(GUILD_ID),
            "channel_id": str(channel),
            "channel": {"id": str(channel), "type": 0, "guild_id": str(GUILD_ID), "name": "fragen"},
            "member": member_payload(user, roles, permissions),
            "token": f"interaction-token-{next(self.ids)}",
            "version": 1,
            "locale": "de",
            "guild_locale": "de",
            "app_permissions": str(discord.Permissions.text().value),
            "entitlements": [],
            "authorizing_integration_owners": {"0": str(GUILD_ID)},
            "context": 0,
            "attachment_size_limit": 8 * 1024 * 1024,
        }
        if message is not None:
            payload["message"] = message
        if dm:
            del payload["guild_id"], payload["member"], payload["guild_locale"]
            payload["user"] = user_payload(user)
            payload["channel"] = {"id": str(channel), "type": 1, "recipients": [user_payload(user)]}
            payload["authorizing_integration_owners"] = {"1": str(user)}
            payload["context"] = 1
        self.bot._connection.parse_interaction_create(payload)
        await settle()

    async def post(
        self, content: str, *, channel: int = ANSWER_CHANNEL, user: int = ASKER, **extra: Any
    ) -> None:
        """A member posts a message in a channel."""
        author = user_payload(user)
        message = message_payload(next(self.ids), channel, author, content, **extra)
        message["member"] = {"roles": [], "joined_at": TIMESTAMP, "deaf": False, "mute": False, "flags": 0}
        self.bot._connection.parse_message_create(message)
        await settle()

    # --- reading what was sent ------------------------------------------------------------------
    def sent_messages(self) -> list[dict[str, Any]]:
        return [call.message for call in self.calls if call.message is not None]

    def last_message(self) -> dict[str, Any]:
        sent = self.sent_messages()
        assert sent, f"nothing was sent; calls: {[(c.method, c.path) for c in self.calls]}"
        return sent[-1]

    def last_message_id(self) -> int:
        return max(self.messages)


async def settle() -> None:
    """Wait until every task discord.py started for the last event has finished."""
    for _ in range(100):
        current = asyncio.current_task()
        pending = [
            task
            for task in asyncio.all_tasks()
            if task is not current and not task.done() and task.get_name().startswith(DISPATCH_TASKS)
        ]
        if not pending:
            await asyncio.sleep(0)
            return
        await asyncio.wait(pending, timeout=10)


def build_bot(
    knowledge: Path, *, guild_ids: tuple[int, ...] = (), options: EngineOptions | None = None
) -> FaqBot:
    """A bot on `knowledge`; `options` (e.g. a cache folder) as the engine should be built."""
    settings = Settings(
        knowledge_dir=knowledge,
        discord_token=None,
        answer_channel_ids=frozenset({ANSWER_CHANNEL}),
        moderator_role_ids=frozenset({MOD_ROLE}),
        guild_ids=guild_ids,
    )
    bot = FaqBot(settings, KnowledgeStore(knowledge, options))
    state = bot._connection
    state.application_id = APP_ID
    state.user = discord.ClientUser(state=state, data=bot_user())  # type: ignore[arg-type]
    state._add_guild(discord.Guild(data=guild_payload(), state=state))  # type: ignore[arg-type]
    return bot
