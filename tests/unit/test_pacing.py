"""The shared budget: priorities, the global rate, each chat's limits, 429s."""

from __future__ import annotations

import asyncio
import time

import pytest

from bot.services.pacing import BROADCAST, NOTICE, REPLY, Pacer, PacerSettings


async def _turns(pacer: Pacer, requests: list[tuple[str, int | None, int]]) -> list[str]:
    """Ask for all turns at once; the order they are granted in."""
    order: list[str] = []

    async def one(name: str, chat: int | None, priority: int) -> None:
        await pacer.acquire(chat, priority)
        order.append(name)
        pacer.release(chat)

    await asyncio.gather(*(one(*r) for r in requests))
    return order


async def test_replies_go_before_notices_before_broadcasts() -> None:
    pacer = Pacer(PacerSettings(rate=50, chat_interval=0))
    for _ in range(2):  # a turn at once and a one-turn catch-up; then everyone queues
        await pacer.acquire(None, BROADCAST)
    order = await _turns(
        pacer,
        [("b1", 1, BROADCAST), ("n1", 2, NOTICE), ("r1", 3, REPLY), ("b2", 4, BROADCAST),
         ("r2", 5, REPLY), ("n2", 6, NOTICE)],
    )  # fmt: skip
    assert order == ["r1", "r2", "n1", "n2", "b1", "b2"]


async def test_the_global_rate_is_a_steady_clock() -> None:
    pacer = Pacer(PacerSettings(rate=20, chat_interval=0))
    started = time.monotonic()
    await _turns(pacer, [(f"m{i}", i, BROADCAST) for i in range(11)])
    # Eleven turns at 20/s: the first (and a one-turn catch-up) at once, then 50 ms apart.
    assert time.monotonic() - started == pytest.approx(0.45, abs=0.08)


async def test_a_chat_outside_a_conversation_waits_its_interval() -> None:
    pacer = Pacer(PacerSettings(rate=100, chat_interval=0.3, conversation_window=5))
    stamps: list[float] = []
    for _ in range(3):
        await pacer.acquire(7, NOTICE)
        stamps.append(time.monotonic())
        pacer.release(7)
    assert stamps[1] - stamps[0] >= 0.29
    assert stamps[2] - stamps[1] >= 0.29
    # The same chat once its person has written: the replies go at the global rate.
    pacer.note_incoming(7)
    assert pacer.priority_for(7) == REPLY
    started = time.monotonic()
    for _ in range(3):
        await pacer.acquire(7, REPLY)
        pacer.release(7)
    assert time.monotonic() - started < 0.1


async def test_other_chats_are_not_held_up_by_a_waiting_one() -> None:
    pacer = Pacer(PacerSettings(rate=100, chat_interval=1.0))
    await pacer.acquire(1, NOTICE)
    pacer.release(1)
    # Chat 1 must wait a second; chat 2's notice, asked for later, goes first.
    order = await _turns(pacer, [("again-1", 1, NOTICE), ("first-2", 2, NOTICE)])
    assert order == ["first-2", "again-1"]


async def test_nothing_goes_to_a_chat_before_its_retry_after() -> None:
    pacer = Pacer(PacerSettings(rate=100, chat_interval=0, conversation_window=10))
    pacer.note_incoming(5)
    pacer.on_retry_after(5, 0.4)
    started = time.monotonic()
    order = await _turns(pacer, [("to-5", 5, REPLY), ("to-6", 6, BROADCAST)])
    assert order == ["to-6", "to-5"]  # the broadcast is not held by the reply's chat
    assert time.monotonic() - started >= 0.39


async def test_429s_in_several_chats_pause_and_slow_the_whole_bot() -> None:
    pacer = Pacer(PacerSettings(rate=40, chat_interval=0, flood_threshold=3, recovery=0))
    for chat in (1, 2, 3):
        pacer.on_retry_after(chat, 0.3)
    assert pacer.stats().rate == pytest.approx(20)
    started = time.monotonic()
    await pacer.acquire(4, REPLY)  # a chat that heard nothing waits as well
    assert time.monotonic() - started >= 0.29


async def test_a_cancelled_wait_leaves_the_others_their_turns() -> None:
    pacer = Pacer(PacerSettings(rate=10, chat_interval=0))
    await pacer.acquire(None, NOTICE)
    waiting = asyncio.create_task(pacer.acquire(1, BROADCAST))
    await asyncio.sleep(0)
    waiting.cancel()
    await asyncio.wait_for(pacer.acquire(2, BROADCAST), timeout=1)
    assert pacer.stats().waiting == {REPLY: 0, NOTICE: 0, BROADCAST: 0}
