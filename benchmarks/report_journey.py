"""How many messages a full report takes, and how fast the bot answers.

Runs the production application against the HTTP stand-in (no Telegram), with a fresh
database, and prints figures. Not part of the test run:

    python -m benchmarks.report_journey [--units 20]
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import tempfile
import time
from pathlib import Path

from bot.app import build_application, services_of, start_application, stop_application
from bot.config import Settings
from bot.standin import BotApiStandin, SimulatedUser
from tests.clock import FakeClock
from tests.conftest import example_roster
from tests.e2e.conftest import fill_report
from tests.rules import YEAR

OFFICE_ID = 900001


async def fill(user: SimulatedUser, latencies: list[float]) -> None:
    await fill_report(user, step_times=latencies)
    started = time.perf_counter()
    await user.click("✅ Gửi báo cáo")
    await user.expect("Văn phòng Sở đã nhận")
    latencies.append(time.perf_counter() - started)


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))] * 1000


async def main(units: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        standin = BotApiStandin()
        await standin.start()
        settings = Settings(
            bot_token=standin.token,  # type: ignore[arg-type]
            api_base_url=standin.base_url,
            db_path=Path(tmp) / "bench.db",
            office_ids=frozenset({OFFICE_ID}),
            _env_file=None,  # type: ignore[call-arg]
        )
        app = build_application(settings, clock=FakeClock())
        await start_application(app, poll_timeout=1)
        services = services_of(app)
        questions = len(services.rules.form(YEAR).fields)
        await services.roster.import_file(example_roster(), actor="bench")
        office = standin.user(OFFICE_ID, "Văn phòng")
        await office.send("/start")
        await office.expect("Văn phòng Sở")
        codes = [u.code for u in await services.roster.list_units()][:units]
        users = []
        for i, code in enumerate(codes):
            invite = await services.registration.create_invite(code, "head", created_by="bench")
            user = standin.user(10_000 + i, f"Người {i}")
            await user.send(f"/start {invite.code}")
            await user.expect("đã được xác nhận")
            users.append(user)

        # One unit alone: messages and latency per step.
        first: list[float] = []
        before_requests = len(standin.requests)
        in_chat_before = len(users[0].messages)
        await fill(users[0], first)
        in_chat = len(users[0].messages) - in_chat_before
        calls = standin.requests[before_requests:]
        api_calls = len(calls)
        by_method: dict[str, int] = {}
        for call in calls:
            by_method[call.method] = by_method.get(call.method, 0) + 1

        # The rest at once: throughput with many units typing together.
        concurrent: list[float] = []
        started = time.perf_counter()
        await asyncio.gather(*(fill(u, concurrent) for u in users[1:]))
        elapsed = time.perf_counter() - started

        await stop_application(app)
        await standin.stop()

    print(f"Full report, one unit ({questions} questions + submit):")
    print(f"  user actions: {questions + 2} (/report, {questions} answers or skips, submit)")
    print(f"  bot messages in the unit's chat: {in_chat}")
    print(f"  Bot API calls: {api_calls} {dict(sorted(by_method.items()))}")
    print(
        f"  step latency: p50 {pct(first, 0.5):.1f} ms, p95 {pct(first, 0.95):.1f} ms, "
        f"max {max(first) * 1000:.1f} ms"
    )
    if concurrent:
        steps = len(concurrent)
        print(f"{len(users) - 1} units filling at the same time:")
        print(f"  {steps} steps in {elapsed:.2f} s = {steps / elapsed:.0f} steps/s")
        print(
            f"  step latency: p50 {pct(concurrent, 0.5):.1f} ms, "
            f"p95 {pct(concurrent, 0.95):.1f} ms, mean {statistics.mean(concurrent) * 1000:.1f} ms"
        )


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--units", type=int, default=20)
    asyncio.run(main(parser.parse_args().units))
