"""Answers in channels: configured answer channels (and their threads) and wherever the bot is mentioned.

In an answer channel the bot speaks only when it is sure (status answered) and stays silent
otherwise; when mentioned it also offers suggestions. Cooldowns per member and channel keep it
from flooding, and an answer given here a few minutes ago is linked instead of repeated.
"""

from __future__ import annotations

import asyncio
import logging
from typing import TYPE_CHECKING

import discord

from bot.core.matching.analyse import reads_as_question
from bot.core.matching.language import load_lexicon
from bot.core.matching.text import strip_mentions
from bot.discord_app.answering import result_reply
from bot.discord_app.sending import NO_MENTIONS, Reply

if TYPE_CHECKING:
    from bot.discord_app.client import FaqBot

log = logging.getLogger(__name__)


def in_answer_channel(channel: object, channel_ids: frozenset[int]) -> bool:
    """The channel itself is configured, or it is a thread in a configured channel."""
    if getattr(channel, "id", None) in channel_ids:
        return True
    return isinstance(channel, discord.Thread) and channel.parent_id in channel_ids


def mentions_bot(bot: FaqBot, message: discord.Message) -> bool:
    """An explicit mention of the bot; @everyone and @here do not count."""
    user = bot.user
    return user is not None and any(m.id == user.id for m in message.mentions)


async def handle_message(bot: FaqBot, message: discord.Message) -> None:
    """Reply when the message is a question for us and no cooldown holds; otherwise do nothing."""
    if message.author.bot or message.guild is None:
        return
    mentioned = mentions_bot(bot, message)
    if not mentioned and not in_answer_channel(message.channel, bot.settings.answer_channel_ids):
        return
    text = " ".join(strip_mentions(message.content).split())
    if not text or not (mentioned or reads_as_question(text, load_lexicon())):
        return
    channel_id = message.channel.id
    if bot.forbidden.blocked(channel_id) or not bot.throttle.allows(channel_id, message.author.id):
        return
    # In a worker thread: the embedding model takes tens of milliseconds, the loop must not wait.
    result = await asyncio.to_thread(bot.store.engine.ask, text)
    bot.insights.note_result(result, channel_id)  # counted even when the bot stays silent
    if result.answer is None and not mentioned:
        return  # not sure enough: silence in answer channels
    if result.answer is not None:
        earlier = bot.throttle.earlier_reply(channel_id, result.answer.id)
        if earlier:
            reply = Reply(content=f"Das habe ich hier gerade beantwortet: {earlier}")
            await send_reply(bot, message, reply)
            bot.throttle.record(channel_id, message.author.id)
            return
    reply = result_reply(bot, result, message.author.id)
    sent = await send_reply(bot, message, reply)
    if sent is not None:
        answer_id = result.answer.id if result.answer is not None else None
        bot.throttle.record(channel_id, message.author.id, answer_id, sent.jump_url)


async def send_reply(bot: FaqBot, message: discord.Message, reply: Reply) -> discord.Message | None:
    """Reply without pinging anyone; a channel that refuses us is noted once and then skipped."""
    kwargs = reply.kwargs()
    kwargs["allowed_mentions"] = NO_MENTIONS
    try:
        # The question may be deleted meanwhile: answer without the reference rather than fail.
        reference = message.to_reference(fail_if_not_exists=False)
        sent = await message.channel.send(reference=reference, mention_author=False, **kwargs)
    except discord.Forbidden as error:
        bot.forbidden.note(message.channel.id, error)
        return None
    except discord.HTTPException as error:
        log.warning("Could not answer in channel %s: %s", message.channel.id, error)
        return None
    if reply.view is not None and hasattr(reply.view, "message"):
        reply.view.message = sent
    return sent
