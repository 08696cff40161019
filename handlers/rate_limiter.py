"""The application's bot asks the shared :class:`~bot.services.pacing.Pacer` before every
message, so replies, notices and the outbox's broadcasts spend one budget together.

PTB calls :meth:`PacedRateLimiter.process_request` for every request of the
application's bot. A message to the person who just wrote goes as a reply (first in
line, no per-chat wait); a message to anyone else as a notice (after replies, at most one
a second to that chat). A 429 is never the end of a message: the chat (and, if Telegram
says so to several chats at once, the whole bot) waits out ``retry_after``, then the same
request goes again, so no reply is ever dropped. 5xx answers, timeouts and network
errors are retried with backoff. A reply kept waiting longer than ``typing_after``
seconds shows "typing…" to its person meanwhile.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import random
import time
from collections.abc import Callable, Coroutine
from typing import Any

from telegram import Update
from telegram.constants import ChatAction
from telegram.error import BadRequest, Forbidden, NetworkError, RetryAfter, TelegramError
from telegram.ext import BaseRateLimiter

from bot.services.pacing import REPLY, Pacer, Priority
from handlers.broadcast_delivery import FloodWait, retry_after_seconds

log = logging.getLogger(__name__)

JSONDict = dict[str, Any]
Request = Callable[..., Coroutine[Any, Any, bool | JSONDict | list[JSONDict]]]

# Methods that post a new message: these are what Telegram's limits count. Edits, button
# answers and chat actions go at once (a 429 on them is still honoured).
POSTING = frozenset(
    {
        "sendmessage",
        "sendphoto",
        "senddocument",
        "sendmediagroup",
        "sendvideo",
        "sendaudio",
        "sendanimation",
        "sendvoice",
        "sendsticker",
        "sendlocation",
        "sendcontact",
        "sendpoll",
        "copymessage",
        "copymessages",
        "forwardmessage",
        "forwardmessages",
    }
)


TYPING_SHOWN = 4.5


def chat_of(data: JSONDict) -> int | None:
    chat = data.get("chat_id")
    if isinstance(chat, int) and not isinstance(chat, bool):
        return chat
    if isinstance(chat, str):
        with contextlib.suppress(ValueError):
            return int(chat)
    return None


class PacedRateLimiter(BaseRateLimiter[None]):
    """Every request of the application's bot, through the shared pacer, whose priority
    follows from who last wrote (a reply to them, a notice to anyone else)."""

    __slots__ = ("_attempts", "_backoff_max", "_pacer", "_typing_after")

    def __init__(
        self,
        pacer: Pacer,
        *,
        typing_after: float = 2.0,
        max_attempts: int = 5,
        backoff_max: float = 30.0,
    ) -> None:
        self._pacer = pacer
        self._typing_after = typing_after
        self._attempts = max_attempts
        self._backoff_max = backoff_max

    async def initialize(self) -> None:
        """Nothing to set up: the pacer belongs to the services."""

    async def shutdown(self) -> None:
        """Nothing to tear down."""

    async def process_request(
        self,
        callback: Request,
        args: Any,
        kwargs: dict[str, Any],
        endpoint: str,
        data: dict[str, Any],
        rate_limit_args: None,
    ) -> bool | JSONDict | list[JSONDict]:
        chat = chat_of(data)
        posting = endpoint.lower() in POSTING and chat is not None
        priority = self._pacer.priority_for(chat) if chat is not None else REPLY
        failures = 0
        while True:
            if posting:
                await self._turn(callback, kwargs, chat, priority)
            try:
                return await callback(*args, **kwargs)
            except (FloodWait, RetryAfter) as exc:
                seconds = exc.seconds if isinstance(exc, FloodWait) else retry_after_seconds(exc)
                log.info("429 on %s to %s: waiting %.1f s, then again", endpoint, chat, seconds)
                self._pacer.on_retry_after(chat, seconds)
                if not posting:  # not paced: wait here for what Telegram asked
                    await asyncio.sleep(seconds)
            except (BadRequest, Forbidden):
                raise  # the request itself is refused: another try cannot help
            except NetworkError:  # 5xx, timeouts, connection trouble
                failures += 1
                if failures >= self._attempts:
                    raise
                ceiling = min(self._backoff_max, 0.5 * 2 ** (failures - 1))
                await asyncio.sleep(random.uniform(ceiling / 2, ceiling))  # noqa: S311
            finally:
                if posting:
                    self._pacer.release(chat)

    async def _turn(
        self, callback: Request, kwargs: dict[str, Any], chat: int | None, priority: Priority
    ) -> None:
        """Wait for the pacer; a person kept waiting sees "typing…" meanwhile."""
        turn = asyncio.ensure_future(self._pacer.acquire(chat, priority))
        try:
            wait = self._typing_after
            while not (await asyncio.wait({turn}, timeout=wait))[0]:
                if priority != REPLY or chat is None:
                    continue
                with contextlib.suppress(TelegramError):
                    await callback(
                        "sendChatAction", {"chat_id": chat, "action": ChatAction.TYPING}, **kwargs
                    )
                wait = TYPING_SHOWN  # Telegram shows the action about five seconds
            await turn
        finally:
            if not turn.done():
                turn.cancel()


# A press carries no time of its own: it counts as made this long before it arrived, so
# the bot never believes a conversation lasts longer than Telegram does.
PRESS_MARGIN = 1.0


def note_arrival(pacer: Pacer, update: object) -> None:
    """The person who wrote is in a conversation with the bot: the pacer sends them
    replies without the per-chat wait, as Telegram does. Counted from the message's own
    time (whole seconds, rounded down), so the window never outlasts Telegram's."""
    if not isinstance(update, Update) or update.effective_chat is None:
        return
    if update.message is not None:
        age = time.time() - update.message.date.timestamp()
        pacer.note_incoming(update.effective_chat.id, ago=max(0.0, age))
    elif update.callback_query is not None:
        pacer.note_incoming(update.effective_chat.id, ago=PRESS_MARGIN)
