"""Standings at provincial scale: 2,000 units × 8 quarters of reports.

Prints: computing one block's ranking (goal ≤ 50 ms); /standing end to end through the
HTTP stand-in, cold (chart rendered, goal ≤ 150 ms) and warm (cached, goal p50 ≤ 20 ms);
peak memory (goal ≤ 150 MB). Not part of the test run:

    python -m benchmarks.standings [--units 2000] [--quarters 8]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import resource
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

from bot.app import build_application, services_of, start_application, stop_application
from bot.clock import to_iso
from bot.config import Settings
from bot.domain.models import Unit
from bot.services.periods import period_code
from bot.services.standings import Scope, StandingsService
from bot.standin import BotApiStandin, SimulatedUser
from storage import audit, people, reports, units
from storage.database import Database
from tests.clock import FakeClock

BLOCKS = ("phong_so", "phong_gd", "truc_thuoc", "trung_tam")
NOW = datetime(2026, 12, 20, 3, 0, tzinfo=UTC)  # after Q4/2026's deadline
CAPTION = "Chỉ số CCHC quý IV/2026 —"  # the chart's caption, sent after the text


def quarters_back(count: int) -> list[tuple[int, int]]:
    year, quarter = 2026, 4
    out = []
    for _ in range(count):
        out.append((year, quarter))
        year, quarter = (year, quarter - 1) if quarter > 1 else (year - 1, 4)
    return list(reversed(out))


def answers(rng: random.Random) -> dict[str, object]:
    received = rng.randint(0, 3000)
    online = rng.randint(0, received)
    on_time = rng.randint(0, received)
    late = rng.randint(0, received - on_time)
    planned = rng.randint(1, 30)
    feedback = rng.randint(0, 20)
    staff = rng.randint(10, 200)
    return {
        "tasks_planned": planned,
        "tasks_completed": rng.randint(0, planned),
        "inspections": rng.randint(0, 4),
        "par_self_score": f"{rng.uniform(50, 100):.1f}",
        "sipas_rate": f"{rng.uniform(60, 100):.1f}",
        "propaganda_events": rng.randint(0, 40),
        "articles": rng.randint(0, 30),
        "initiatives": rng.randint(0, 5),
        "initiative_titles": "Sáng kiến",
        "dossiers_received": received,
        "dossiers_online": online,
        "dossiers_postal": None,
        "dossiers_on_time": on_time,
        "dossiers_late": late,
        "feedback_received": feedback,
        "feedback_on_time": rng.randint(0, feedback),
        "staff_total": staff,
        "staff_streamlined": rng.randint(0, 3),
        "staff_trained": rng.randint(0, staff),
        "autonomy_level": rng.choice(["full", "regular", "partial", "state"]),
        "budget_disbursed": rng.choice([None, f"{rng.uniform(0, 100):.1f}"]),
        "services_full_online": rng.randint(0, 10),
        "services_partial_online": rng.randint(0, 10),
        "e_documents_rate": f"{rng.uniform(50, 100):.1f}",
        "iso_applied": rng.random() < 0.7,
        "highlights": "Kết quả nổi bật",
        "shortcomings": "Hạn chế",
        "next_quarter": "Phương hướng",
        "requests": None,
        "signed_report": {"file_id": "F", "file_name": "bc.pdf", "file_size": 1000},
        # About half the units claim self-assessed points, backed one way or the other.
        "model_claim": rng.choice([None, f"{rng.uniform(0, 4):.2f}"]),
        "model_evidence": rng.choice([None, {"file_id": "E", "file_name": "qd.pdf"}]),
        "model_explanation": rng.choice([None, "Giải trình"]),
    }


async def seed(services_db: Database, unit_count: int, quarter_count: int) -> list[Unit]:
    rng = random.Random(20261122)
    now = to_iso(NOW)
    roster = [
        Unit(
            code=f"U{i:04d}", name=f"Trường THPT số {i} Nguyễn Thị Minh Khai", block=BLOCKS[i % 4]
        )
        for i in range(unit_count)
    ]
    async with services_db.write() as conn:
        for unit in roster:
            await units.upsert_unit(conn, unit, now)
        for year, quarter in quarters_back(quarter_count):
            code = period_code(year, quarter)
            await conn.execute(
                "INSERT OR IGNORE INTO periods (code, year, quarter, data_from, data_to, due_at) "
                "VALUES (?, ?, ?, ?, ?, ?)",
                (code, year, quarter, f"{year}-01-01", f"{year}-12-31", now),
            )
            for unit in roster:
                if rng.random() < 0.05:
                    continue  # some units do not report
                await reports.insert_report(
                    conn,
                    unit_code=unit.code,
                    period_code=code,
                    version=1,
                    reference=f"CCHC-{code}-{unit.code}-01",
                    form_version="2025.1",
                    answers=answers(rng),
                    submitted_by=1,
                    submitted_at=now,
                )
        await audit.record(conn, at=now, actor="bench", action="roster.import")
        await people.touch_person(conn, 42, "Hiệu trưởng", None, now)
        await conn.execute(
            "INSERT INTO memberships (telegram_id, unit_code, role, bound_at) VALUES (?, ?, ?, ?)",
            (42, "U0002", "head", now),
        )
        for year, quarter in quarters_back(quarter_count):
            await conn.execute(
                "INSERT INTO publications (scope, published_by, published_at) VALUES (?, ?, ?)",
                (period_code(year, quarter), "bench", now),
            )
    return roster


async def time_blocks(standings: StandingsService, scope: Scope) -> list[float]:
    timings = []
    for block in BLOCKS:
        standings._cache.clear()  # noqa: SLF001 - measure the computation, not the cache
        t0 = time.perf_counter()
        await standings.block_ranking(scope, block)
        timings.append(time.perf_counter() - t0)
    return timings


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.1f} ms"


async def main(unit_count: int, quarter_count: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        standin = BotApiStandin()
        await standin.start()
        settings = Settings(
            bot_token=standin.token,  # type: ignore[arg-type]
            api_base_url=standin.base_url,
            db_path=Path(tmp) / "bench.db",
            _env_file=None,  # type: ignore[call-arg]
        )
        app = build_application(settings, clock=FakeClock(NOW))
        await start_application(app, poll_timeout=1)
        services = services_of(app)
        await asyncio.sleep(1)  # the start-up chart warm-up
        print(f"Bot started (charts warmed up): peak memory {peak_mb():.0f} MB")
        started = time.perf_counter()
        await seed(services.db, unit_count, quarter_count)
        seconds = time.perf_counter() - started
        print(f"Seeded {unit_count} units × {quarter_count} quarters in {seconds:.1f} s")
        print(f"  (peak memory so far: {peak_mb():.0f} MB)")

        scope = Scope("2026-Q4", 2026, (4,), "quarter")
        size = statistics.mean(
            sum(1 for i in range(unit_count) if BLOCKS[i % 4] == b) for b in BLOCKS
        )
        standings = services.standings
        first = await time_blocks(standings, scope)
        print(
            f"One block's ranking ({size:.0f} units), first ever — every score computed "
            f"and stored: mean {ms(statistics.mean(first))}, max {ms(max(first))}"
        )
        cold = await time_blocks(standings, scope)
        t0 = time.perf_counter()
        await standings.prescore()
        print(f"  (peak memory so far: {peak_mb():.0f} MB)")
        print(
            f"Scoring every other stored report (done in the background at start-up): "
            f"{time.perf_counter() - t0:.1f} s"
        )
        print(f"  (peak memory so far: {peak_mb():.0f} MB)")
        print(
            f"One block's ranking, cold (in-memory caches empty, as after a restart): "
            f"mean {ms(statistics.mean(cold))}, max {ms(max(cold))} (goal ≤ 50 ms)"
        )

        head = standin.user(42, "Hiệu trưởng")
        # Empty every in-memory cache (rankings, images, uploaded file ids): a restart.
        services.standings._cache.clear()  # noqa: SLF001
        services.charts.__init__()  # type: ignore[misc]
        await asyncio.sleep(1)  # let the start-up chart warm-up finish, as it would
        text_at, cold_standing = await ask_standing(head)
        warm = await warm_standings(head, 30)
        print(
            f"/standing end to end, cold (chart rendered): {ms(cold_standing)}, "
            f"of which the text {ms(text_at)} (goal ≤ 150 ms)"
        )
        print(
            f"/standing end to end, warm: p50 {ms(statistics.median(warm))}, "
            f"p95 {ms(sorted(warm)[int(0.95 * len(warm))])} (goal p50 ≤ 20 ms)"
        )
        await stop_application(app)
        print(f"Peak memory of this process (bot, stand-in, harness): {peak_mb():.0f} MB")
        await as_own_process(standin, settings, head)
        await standin.stop()


async def ask_standing(head: SimulatedUser, *, timeout: float = 5) -> tuple[float, float]:  # noqa: ASYNC109
    """Seconds until /standing's text arrives, and until its chart does."""
    t0 = time.perf_counter()
    await head.send("/standing 2026-Q4")
    await head.expect("Xếp hạng trong khối", timeout=timeout)
    text_at = time.perf_counter() - t0
    await head.expect(CAPTION, timeout=timeout)
    return text_at, time.perf_counter() - t0


async def warm_standings(head: SimulatedUser, times: int) -> list[float]:
    warm = []
    for _ in range(times):
        # Space the requests so the bot's 30 messages/s budget is not what is measured.
        await asyncio.sleep(0.2)
        warm.append((await ask_standing(head))[1])
    return warm


async def as_own_process(standin: BotApiStandin, settings: Settings, head: SimulatedUser) -> None:
    """The bot restarted as `cchc-bot run` on the same database: a real restart's cold
    /standing, and the peak memory of the bot's process alone (VmHWM)."""
    env = {
        **os.environ,
        "CCHC_BOT_TOKEN": standin.token,
        "CCHC_API_BASE_URL": standin.base_url,
        "CCHC_DB_PATH": str(settings.db_path),
    }
    proc = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "bot.cli",
        "run",
        env=env,
        stdout=asyncio.subprocess.DEVNULL,
        stderr=asyncio.subprocess.DEVNULL,
    )
    try:
        await asyncio.sleep(4)  # start-up, chart warm-up and prescoring (all stored)
        _, cold = await ask_standing(head, timeout=30)
        warm = await warm_standings(head, 20)
        status = await asyncio.to_thread(
            Path(f"/proc/{proc.pid}/status").read_text, encoding="ascii"
        )
        hwm = next(line for line in status.splitlines() if line.startswith("VmHWM:"))
        peak = int(hwm.split()[1]) / 1024
    finally:
        proc.terminate()
        await asyncio.wait_for(proc.wait(), timeout=30)
    print("As its own process (`cchc-bot run`), restarted on the same database:")
    print(f"  /standing cold after the restart (chart rendered): {ms(cold)} (goal ≤ 150 ms)")
    print(f"  /standing warm: p50 {ms(statistics.median(warm))} (goal p50 ≤ 20 ms)")
    print(f"  Peak memory of the bot's process (VmHWM): {peak:.0f} MB (goal ≤ 150 MB)")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--units", type=int, default=2000)
    parser.add_argument("--quarters", type=int, default=8)
    args = parser.parse_args()
    asyncio.run(main(args.units, args.quarters))
