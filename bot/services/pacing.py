"""One budget for everything the bot sends to Telegram: replies first, then notices, then
broadcasts with what is left.

Telegram allows a bot about 30 messages a second overall and about one a second in a
chat — except, in practice, in a conversation: a person who has just written gets the
bot's answers without that wait. Beyond its limits it answers 429 with a
``retry_after``, and a bot that sends to a chat again before that time earns longer
bans. So every message to Telegram, whoever sends it (the reply to the person in front
of the bot, a notice to the office, a broadcast row), first asks the one :class:`Pacer`
here for a turn:

* **One global rate** (``rate`` per second, a steady clock with a one-request catch-up,
  never a burst), shared by all senders. Turns go by priority — :data:`REPLY`, then
  :data:`NOTICE`, then :data:`BROADCAST` — and first come, first served within one.
* **Per chat.** A chat that has not written to the bot within ``conversation_window``
  seconds gets a message at most every ``chat_interval`` seconds. After a 429 nothing
  goes to that chat before its ``retry_after``, whatever the priority; other chats go on.
* **Globally.** 429s in ``flood_threshold`` different chats within a second mean the
  bot as a whole is too fast: every send pauses for the longest ``retry_after`` seen, and
  the rate is halved, then recovers by ``recovery`` turns a second each second.

The pacer knows nothing of Telegram's types: callers say which chat, how urgent, and
what Telegram answered.
"""

from __future__ import annotations

import asyncio
import itertools
import logging
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field

from bot.config import Settings

log = logging.getLogger(__name__)

Priority = int
REPLY: Priority = 0
"""The answer to the person who just wrote: nobody waits longer than they must."""
NOTICE: Priority = 1
"""A message to someone else (the office, a unit's other members)."""
BROADCAST: Priority = 2
"""A broadcast row: whatever the others leave."""


@dataclass(frozen=True, slots=True)
class PacerSettings:
    rate: float = 28.0
    chat_interval: float = 1.0
    conversation_window: float = 10.0
    flood_threshold: int = 3
    recovery: float = 2.0

    @classmethod
    def from_settings(cls, settings: Settings) -> PacerSettings:
        return cls(
            rate=settings.telegram_rate,
            chat_interval=settings.broadcast_chat_interval,
            conversation_window=settings.conversation_window,
        )


@dataclass(order=True)
class _Waiter:
    priority: Priority
    seq: int
    chat_id: int | None = field(compare=False)
    future: asyncio.Future[None] = field(compare=False)


@dataclass(frozen=True, slots=True)
class PacerStats:
    """The pacer as it stands: turns waiting by priority, and the rate it keeps now."""

    waiting: dict[Priority, int]
    rate: float


class Pacer:
    """Turns to send, by priority, within the global rate and each chat's limits."""

    def __init__(
        self, settings: PacerSettings, *, monotonic: Callable[[], float] = time.monotonic
    ) -> None:
        self.settings = settings
        self._mono = monotonic
        self._rate = settings.rate
        self._rate_since = 0.0
        self._next_start = 0.0
        self._paused_until = 0.0
        self._waiters: list[_Waiter] = []
        self._seq = itertools.count()
        self._spoke: dict[int, float] = {}  # chat -> when the person last wrote
        self._chat_next: dict[int, float] = {}  # chat -> earliest next message (interval)
        self._chat_blocked: dict[int, float] = {}  # chat -> retry_after deadline
        self._recent_429: deque[tuple[float, int]] = deque()
        self._timer: asyncio.TimerHandle | None = None

    # -- what callers tell the pacer

    def note_incoming(self, chat_id: int, *, ago: float = 0.0) -> None:
        """The person in this chat wrote ``ago`` seconds ago: the conversation window
        opens (or stays open) from then."""
        spoke = self._mono() - ago
        self._spoke[chat_id] = max(self._spoke.get(chat_id, spoke), spoke)
        if len(self._spoke) > 50_000:
            horizon = self._mono() - self.settings.conversation_window
            self._spoke = {c: t for c, t in self._spoke.items() if t > horizon}

    def in_conversation(self, chat_id: int) -> bool:
        spoke = self._spoke.get(chat_id)
        return spoke is not None and self._mono() - spoke <= self.settings.conversation_window

    def priority_for(self, chat_id: int) -> Priority:
        """A message to the person who just wrote is a reply; to anyone else, a notice."""
        return REPLY if self.in_conversation(chat_id) else NOTICE

    def on_retry_after(self, chat_id: int | None, seconds: float) -> None:
        """Telegram answered 429: nothing to this chat before ``seconds`` have passed,
        and if several chats hear it at once, the whole bot slows down."""
        now = self._mono()
        if chat_id is not None:
            deadline = now + seconds
            self._chat_blocked[chat_id] = max(self._chat_blocked.get(chat_id, 0.0), deadline)
        self._recent_429.append((now, chat_id if chat_id is not None else -1))
        while self._recent_429 and self._recent_429[0][0] < now - 1.0:
            self._recent_429.popleft()
        chats = {chat for _, chat in self._recent_429}
        if chat_id is None or len(chats) >= self.settings.flood_threshold:
            log.warning("Telegram says the bot is too fast: pausing %.1f s, slowing down", seconds)
            self._paused_until = max(self._paused_until, now + seconds)
            self._rate = max(1.0, self._current_rate(now) / 2)
            self._rate_since = now
        self._pump()

    def ready_at(self, chat_id: int) -> float:
        """When a message to this chat could go, as far as the chat's limits go."""
        return max(self._chat_blocked.get(chat_id, 0.0), self._interval_ready(chat_id))

    def stats(self) -> PacerStats:
        waiting: dict[Priority, int] = {REPLY: 0, NOTICE: 0, BROADCAST: 0}
        for waiter in self._waiters:
            if not waiter.future.done():
                waiting[waiter.priority] += 1
        return PacerStats(waiting, self._current_rate(self._mono()))

    # -- turns

    async def acquire(self, chat_id: int | None, priority: Priority) -> None:
        """Wait for a turn to send one message to ``chat_id`` (None: no chat of its own)."""
        loop = asyncio.get_running_loop()
        waiter = _Waiter(priority, next(self._seq), chat_id, loop.create_future())
        self._waiters.append(waiter)
        self._pump()
        try:
            await waiter.future
        except asyncio.CancelledError:
            if waiter.future.done() and not waiter.future.cancelled():
                # Granted just as it was cancelled: the turn is spent, the others go on.
                self._pump()
            raise

    def release(self, chat_id: int | None) -> None:
        """The message went (or failed): the chat's interval counts from now."""
        now = self._mono()
        if chat_id is not None and not self.in_conversation(chat_id):
            self._chat_next[chat_id] = now + self.settings.chat_interval
        if len(self._chat_next) + len(self._chat_blocked) > 50_000:  # a year of chats
            self._chat_next = {c: t for c, t in self._chat_next.items() if t > now}
            self._chat_blocked = {c: t for c, t in self._chat_blocked.items() if t > now}
        self._pump()

    # -- granting

    def _current_rate(self, now: float) -> float:
        """The global rate, recovering towards the setting after a slow-down."""
        base = self.settings.rate
        if self._rate >= base:
            return base
        return min(base, self._rate + (now - self._rate_since) * self.settings.recovery)

    def _interval_ready(self, chat_id: int) -> float:
        if self.in_conversation(chat_id):
            return 0.0
        return self._chat_next.get(chat_id, 0.0)

    def _pump(self) -> None:
        """Grant every turn that may go now, in priority order; wake up for the next."""
        if self._timer is not None:
            self._timer.cancel()
            self._timer = None
        self._waiters = [w for w in self._waiters if not w.future.done()]
        if not self._waiters:
            return
        now = self._mono()
        while True:
            start_at = max(self._next_start, self._paused_until)
            if start_at > now:
                self._wake_at(start_at, now)
                return
            if not self._grant_one(now):
                return

    def _grant_one(self, now: float) -> bool:
        """Grant the most urgent waiter whose chat is ready; False when nobody may go now
        (a wake-up is set for the first who may)."""
        earliest: float | None = None
        for waiter in sorted(self._waiters):
            if waiter.future.done():
                continue
            ready = 0.0 if waiter.chat_id is None else self.ready_at(waiter.chat_id)
            if ready > now:
                earliest = ready if earliest is None else min(earliest, ready)
                continue
            self._waiters.remove(waiter)
            step = 1.0 / self._current_rate(now)
            self._next_start = max(self._next_start, now - step) + step
            if waiter.chat_id is not None:
                # Until the request is done (release), nothing else to this chat.
                self._chat_next[waiter.chat_id] = max(
                    self._chat_next.get(waiter.chat_id, 0.0), now + self.settings.chat_interval
                )
            waiter.future.set_result(None)
            return True
        if earliest is not None:
            self._wake_at(earliest, now)
        return False

    def _wake_at(self, at: float, now: float) -> None:
        loop = asyncio.get_running_loop()
        self._timer = loop.call_later(max(0.0, at - now), self._pump)
