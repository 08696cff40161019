"""Serve different people at once while keeping each person's updates in order.

With PTB's default, one update is handled at a time, so a wait in the rate limiter
for one chat holds up every other unit. Fully concurrent handling would let two quick
answers from the same person race for the same question. This processor runs updates
concurrently but takes a per-person lock, so each person's updates are handled one
after another in the order Telegram sent them (asyncio locks are first-come,
first-served, and PTB starts the tasks in update order).
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from typing import Any

from telegram import Update
from telegram.ext import BaseUpdateProcessor


def _key(update: object) -> int | None:
    if isinstance(update, Update):
        if update.effective_user is not None:
            return update.effective_user.id
        if update.effective_chat is not None:
            return update.effective_chat.id
    return None


class PerPersonUpdateProcessor(BaseUpdateProcessor):
    """``on_arrival`` hears of each update as soon as it is fetched, before it waits for
    the person's earlier updates (the pacer learns who is in a conversation from it)."""

    def __init__(
        self,
        max_concurrent_updates: int = 256,
        *,
        on_arrival: Callable[[object], None] | None = None,
    ) -> None:
        super().__init__(max_concurrent_updates)
        self._locks: dict[int, asyncio.Lock] = {}
        self._holders: dict[int, int] = {}
        self._on_arrival = on_arrival

    async def do_process_update(self, update: object, coroutine: Awaitable[Any]) -> None:
        if self._on_arrival is not None:
            self._on_arrival(update)
        key = _key(update)
        if key is None:
            await coroutine
            return
        lock = self._locks.setdefault(key, asyncio.Lock())
        self._holders[key] = self._holders.get(key, 0) + 1
        try:
            async with lock:
                await coroutine
        finally:
            self._holders[key] -= 1
            if self._holders[key] == 0:  # nobody waiting: forget the lock
                del self._holders[key]
                del self._locks[key]

    async def initialize(self) -> None:
        """Nothing to set up."""

    async def shutdown(self) -> None:
        """Nothing to tear down."""
