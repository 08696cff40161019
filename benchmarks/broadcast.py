"""A broadcast to thousands of recipients through the stand-in enforcing Telegram's limits.

Runs our outbox sender, then PTB's ``AIORateLimiter`` used plainly (as ``bot/app.py``
configures it: ``max_retries=3``, every send gathered at once) on the same stand-in, and
prints for each: achieved messages/s ÷ the bot's budget (``CCHC_TELEGRAM_RATE``, 28: the
sender shares it with replies and notices; PTB's limiter is measured against the same),
429s received, requests that came back to a
chat before its ``retry_after`` (goal 0), duplicates and lost recipients. 1 % of the
recipients get one injected ``429 retry_after=1`` (a flood wait Telegram could send).

    python -m benchmarks.broadcast [--recipients 5000] [--only sender|ptb]
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import tempfile
import time
import warnings
from pathlib import Path

from telegram.ext import AIORateLimiter, Application
from telegram.warnings import PTBDeprecationWarning

from bot.clock import utc_now
from bot.config import Settings
from bot.domain.broadcasts import Content, DeliveryCounts, Recipient
from bot.services.container import open_services
from bot.standin import BotApiStandin, RateLimits, ScriptedFaults
from handlers.broadcast_delivery import TelegramTransport

STORY = "📢 Điển hình tiên tiến: Trường THPT Quốc Học giải quyết 100 % hồ sơ đúng hạn."
GOAL = Settings.model_fields["telegram_rate"].default  # the shared budget, 28 a second


def figures(
    name: str, standin: BotApiStandin, limits: RateLimits, chats: list[int], elapsed: float
) -> None:
    sends = [r for r in standin.calls("sendMessage") if r.params.get("chat_id") in set(chats)]
    ok = [r for r in sends if r.ok]
    copies = {c: 0 for c in chats}
    for chat in chats:
        copies[chat] = sum(1 for m in standin.sent.get(chat, []) if m.text == STORY)
    if ok:
        span = max(r.time for r in ok) - min(r.time for r in ok)
        rate = (len(ok) - 1) / span if span > 0 else float("nan")
    else:
        rate = 0.0
    print(f"\n== {name}")
    print(f"recipients                         {len(chats)}")
    print(f"wall time                          {elapsed:.1f} s")
    print(
        f"achieved messages/s                {rate:.2f}  "
        f"(÷ {GOAL:g} = {rate / GOAL:.3f}, goal ≥ 0.97)"
    )
    print(f"requests sent                      {len(sends)}")
    print(f"429s received                      {sum(1 for r in sends if r.error_code == 429)}")
    print(f"  of them from the limits          {len(limits.rejections)}")
    print(f"requests before retry_after        {len(limits.early_retries)}  (goal 0)")
    print(f"duplicates (recipients with >1)    {sum(1 for n in copies.values() if n > 1)}")
    print(f"lost (recipients with 0)           {sum(1 for n in copies.values() if n == 0)}")


async def prepare(n: int, first_id: int) -> tuple[BotApiStandin, RateLimits, list[int]]:
    standin = BotApiStandin()
    await standin.start()
    chats = [first_id + i for i in range(n)]
    for chat in chats:
        standin.user(chat, "Thủ trưởng").started = True
    limits = RateLimits()
    standin.limits = limits
    faults = ScriptedFaults()
    for chat in chats[:: max(1, n // (n // 100 or 1))][: max(1, n // 100)]:
        faults.add(chat, ["429:1"])
    standin.fault_injector = faults
    return standin, limits, chats


async def run_sender(n: int) -> None:
    standin, limits, chats = await prepare(n, 10_000_000)
    with tempfile.TemporaryDirectory() as tmp:
        settings = Settings(
            bot_token=standin.token,  # type: ignore[arg-type]
            api_base_url=standin.base_url,
            db_path=Path(tmp) / "bench.db",
            _env_file=None,  # type: ignore[call-arg]
        )
        services = await open_services(settings, clock=utc_now)
        try:
            started = time.monotonic()
            broadcast_id = await services.broadcasts.queue(
                created_by=1,
                content=Content(kind="text", body=STORY),
                recipients=[Recipient(chat_id=c) for c in chats],
                audience_label="benchmark",
            )
            finished = asyncio.Event()

            async def on_progress(bid: int, counts: DeliveryCounts) -> None:
                if bid == broadcast_id and counts.done:
                    finished.set()

            services.outbox.listeners.append(on_progress)
            await services.outbox.start(TelegramTransport(settings))
            await finished.wait()
            elapsed = time.monotonic() - started
        finally:
            await services.close()
    figures("our outbox sender", standin, limits, chats, elapsed)
    await standin.stop()


async def run_ptb(n: int) -> None:
    standin, limits, chats = await prepare(n, 20_000_000)
    app = (
        Application.builder()
        .token(standin.token)
        .base_url(standin.base_url)
        .rate_limiter(AIORateLimiter(max_retries=3))
        .build()
    )
    await app.initialize()
    started = time.monotonic()
    results = await asyncio.gather(
        *(app.bot.send_message(chat, STORY) for chat in chats), return_exceptions=True
    )
    elapsed = time.monotonic() - started
    await app.shutdown()
    failures = [r for r in results if isinstance(r, BaseException)]
    figures("PTB AIORateLimiter (baseline)", standin, limits, chats, elapsed)
    print(f"sends that raised                  {len(failures)}")
    await standin.stop()


async def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--recipients", type=int, default=5000)
    parser.add_argument("--only", choices=("sender", "ptb"))
    args = parser.parse_args()
    logging.basicConfig(level=logging.ERROR)
    # PTB 22 warns when it builds RetryAfter with an int; the baseline meets many.
    warnings.simplefilter("ignore", PTBDeprecationWarning)
    if args.only in (None, "sender"):
        await run_sender(args.recipients)
    if args.only in (None, "ptb"):
        await run_ptb(args.recipients)


if __name__ == "__main__":
    asyncio.run(main())
