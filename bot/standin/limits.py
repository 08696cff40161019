"""Telegram's flood limits and scripted failures, for the stand-in (both opt-in).

Telegram documents its limits loosely: "avoid sending more than one message per second"
to a chat, and about 30 messages per second overall for broadcasts; beyond them it
answers ``429 Too Many Requests`` with ``parameters.retry_after`` (whole seconds).
:class:`RateLimits` enforces both with token buckets, so a short burst is tolerated
(``global_burst``, ``chat_burst``) as on Telegram, and records every request that came
back to a chat before the ``retry_after`` it was given: a well-behaved sender leaves
:attr:`RateLimits.early_retries` empty.

Only methods that post a new message count (``sendMessage``, ``sendPhoto``, ...); edits
and callback answers do not, so the office's progress message and acknowledgement
presses never trip the per-chat limit.

:class:`ScriptedFaults` is a ready-made fault injector: per chat, a queue of outcomes
(5xx, a timeout, 403, 429) served before the request is handled normally.
"""

from __future__ import annotations

import asyncio
import math
import time
from collections import deque
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

__all__ = ["LIMITED_METHODS", "LimitEvent", "RateLimits", "ScriptedFaults"]

JSONDict = dict[str, Any]

LIMITED_METHODS = frozenset(
    {
        "sendmessage",
        "sendphoto",
        "senddocument",
        "sendmediagroup",
        "copymessage",
        "copymessages",
        "forwardmessage",
        "sendvideo",
        "sendaudio",
        "sendanimation",
    }
)


@dataclass(frozen=True, slots=True)
class LimitEvent:
    """A 429 the limits answered, or a request that ignored an earlier one."""

    chat_id: int
    at: float  # time.monotonic()
    scope: str  # "chat" or "global"
    retry_after: int
    deadline: float  # when the chat may send again


@dataclass
class _Bucket:
    rate: float
    capacity: float
    tokens: float
    stamp: float

    def refill(self, now: float) -> None:
        self.tokens = min(self.capacity, self.tokens + (now - self.stamp) * self.rate)
        self.stamp = now

    def wait_for_one(self) -> float:
        return max(0.0, (1.0 - self.tokens) / self.rate)


@dataclass
class RateLimits:
    """Token buckets: ``global_per_second`` overall, one message per ``chat_interval`` per chat.

    ``tolerance`` (seconds) absorbs the jitter between a client's clock and the arrival
    time here, so a sender that spaces its requests exactly is not refused by chance.
    """

    global_per_second: float = 30.0
    global_burst: float = 30.0
    chat_interval: float = 1.0
    chat_burst: float = 1.0
    tolerance: float = 0.02
    # Chats held only to the overall limit (e.g. an interactive conversation in a test).
    exempt_chats: frozenset[int] = frozenset()
    # A chat whose person wrote to the bot within this many seconds is held only to the
    # overall limit too: Telegram lets a bot answer someone who just wrote without the
    # one-message-a-second wait (0: every chat is held to it).
    conversation_window: float = 0.0
    rejections: list[LimitEvent] = field(default_factory=list)
    early_retries: list[LimitEvent] = field(default_factory=list)
    _global: _Bucket | None = None
    _chats: dict[int, _Bucket] = field(default_factory=dict)
    _deadlines: dict[int, float] = field(default_factory=dict)
    _spoke: dict[int, float] = field(default_factory=dict)
    requests: int = 0  # requests of limited methods seen, refused or not

    def note_activity(self, chat_id: int, now: float | None = None) -> None:
        """The person in ``chat_id`` wrote to the bot."""
        self._spoke[chat_id] = time.monotonic() if now is None else now

    def in_conversation(self, chat_id: int, now: float) -> bool:
        spoke = self._spoke.get(chat_id)
        return spoke is not None and now - spoke <= self.conversation_window

    def check(self, method: str, chat_id: Any, now: float | None = None) -> int | None:
        """None if the request may proceed, else the ``retry_after`` to answer with."""
        if method.lower() not in LIMITED_METHODS or not isinstance(chat_id, int):
            return None
        now = time.monotonic() if now is None else now
        self.requests += 1
        deadline = self._deadlines.get(chat_id)
        if deadline is not None and now < deadline - self.tolerance:
            retry = max(1, math.ceil(deadline - now))
            self.early_retries.append(LimitEvent(chat_id, now, "chat", retry, deadline))
            return retry
        if self._global is None:
            self._global = _Bucket(
                self.global_per_second, self.global_burst, self.global_burst, now
            )
        gbucket = self._global
        gbucket.refill(now)
        cbucket = self._chats.get(chat_id)
        if cbucket is None:
            cbucket = self._chats[chat_id] = _Bucket(
                1.0 / self.chat_interval, self.chat_burst, self.chat_burst, now
            )
        cbucket.refill(now)
        slack_chat = self.tolerance / self.chat_interval
        slack_global = self.tolerance * self.global_per_second
        if chat_id in self.exempt_chats or self.in_conversation(chat_id, now):
            cbucket.tokens = cbucket.capacity
        if cbucket.tokens < 1.0 - slack_chat:
            return self._refuse(chat_id, now, "chat", cbucket.wait_for_one())
        if gbucket.tokens < 1.0 - min(slack_global, 0.5):
            return self._refuse(chat_id, now, "global", gbucket.wait_for_one())
        cbucket.tokens -= 1.0
        gbucket.tokens -= 1.0
        return None

    def note_retry_after(self, chat_id: int, retry_after: int, now: float) -> None:
        """A 429 answered by other means (a fault injector): hold the chat to it as well."""
        deadline = now + retry_after
        if deadline > self._deadlines.get(chat_id, 0.0):
            self._deadlines[chat_id] = deadline

    def _refuse(self, chat_id: int, now: float, scope: str, wait: float) -> int:
        retry = max(1, math.ceil(wait))  # Telegram speaks in whole seconds
        deadline = now + retry
        self._deadlines[chat_id] = deadline
        self.rejections.append(LimitEvent(chat_id, now, scope, retry, deadline))
        return retry


Outcome = str
"""``"500"``, ``"502"``, ``"503"``, ``"403"``, ``"429:<seconds>"``, ``"timeout:<seconds>"``
(the answer is held back that long, then the request is handled normally if the client
is still waiting: a client that gave up may have delivered the message anyway)."""


class ScriptedFaults:
    """A fault injector serving queued outcomes per chat, then behaving normally."""

    def __init__(self) -> None:
        self._queues: dict[int, deque[Outcome]] = {}
        self.served: list[tuple[int, Outcome]] = []

    def add(self, chat_id: int, outcomes: Iterable[Outcome]) -> None:
        self._queues.setdefault(chat_id, deque()).extend(outcomes)

    def pending(self) -> int:
        return sum(len(q) for q in self._queues.values())

    async def __call__(self, method: str, params: JSONDict) -> JSONDict | None:
        if method.lower() not in LIMITED_METHODS:
            return None
        chat_id = params.get("chat_id")
        queue = self._queues.get(chat_id) if isinstance(chat_id, int) else None
        if not queue:
            return None
        outcome = queue.popleft()
        assert isinstance(chat_id, int)
        self.served.append((chat_id, outcome))
        kind, _, arg = outcome.partition(":")
        if kind == "timeout":
            await asyncio.sleep(float(arg or "1"))
            return None
        if kind == "429":
            seconds = int(arg or "1")
            return {
                "ok": False,
                "error_code": 429,
                "description": f"Too Many Requests: retry after {seconds}",
                "parameters": {"retry_after": seconds},
            }
        if kind == "403":
            return {
                "ok": False,
                "error_code": 403,
                "description": "Forbidden: bot was blocked by the user",
            }
        code = int(kind)
        return {"ok": False, "error_code": code, "description": "Internal Server Error"}
