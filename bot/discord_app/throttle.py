"""Cooldowns and repeat suppression for answers in channels, in memory only.

The bot must never flood a channel: each member and each channel has a cooldown, and an answer
given in a channel a few minutes ago is linked rather than posted again. Keys are ids held in
memory for minutes; nothing is written anywhere, and old keys are dropped as they expire.
"""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field

#: One answer per member per this many seconds.
MEMBER_COOLDOWN = 30.0
#: At most CHANNEL_BURST answers per channel within CHANNEL_WINDOW seconds.
CHANNEL_BURST = 4
CHANNEL_WINDOW = 60.0
#: The same answer is linked, not repeated, in a channel within this many seconds.
REPEAT_WINDOW = 300.0


@dataclass
class ReplyThrottle:
    """Decides whether the bot may reply in a channel now; `clock` is injectable for tests."""

    clock: Callable[[], float] = time.monotonic
    member_cooldown: float = MEMBER_COOLDOWN
    channel_burst: int = CHANNEL_BURST
    channel_window: float = CHANNEL_WINDOW
    repeat_window: float = REPEAT_WINDOW
    _members: dict[int, float] = field(default_factory=dict)
    _channels: dict[int, deque[float]] = field(default_factory=dict)
    _answers: dict[tuple[int, str], tuple[float, str]] = field(default_factory=dict)

    def allows(self, channel_id: int, member_id: int) -> bool:
        """True when neither the member nor the channel is cooling down (does not record)."""
        now = self.clock()
        self._expire(now)
        if now - self._members.get(member_id, -1e18) < self.member_cooldown:
            return False
        recent = self._channels.get(channel_id, ())
        return len(recent) < self.channel_burst

    def record(self, channel_id: int, member_id: int, answer_id: str | None = None, link: str = "") -> None:
        """Count one reply; remember where an answer was given so a repeat can link to it."""
        now = self.clock()
        self._members[member_id] = now
        self._channels.setdefault(channel_id, deque()).append(now)
        if answer_id is not None:
            self._answers[(channel_id, answer_id)] = (now, link)

    def earlier_reply(self, channel_id: int, answer_id: str) -> str | None:
        """The link to the same answer in this channel within the repeat window, if any."""
        found = self._answers.get((channel_id, answer_id))
        if found is None or self.clock() - found[0] >= self.repeat_window:
            return None
        return found[1]

    def _expire(self, now: float) -> None:
        self._members = {k: t for k, t in self._members.items() if now - t < self.member_cooldown}
        for channel_id in list(self._channels):
            stamps = self._channels[channel_id]
            while stamps and now - stamps[0] >= self.channel_window:
                stamps.popleft()
            if not stamps:
                del self._channels[channel_id]
        self._answers = {k: v for k, v in self._answers.items() if now - v[0] < self.repeat_window}
