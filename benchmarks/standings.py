"""Standings at provincial scale: 2,000 units × 8 quarters of reports.

Prints: computing one block's ranking (goal ≤ 50 ms); /standing end to end through the
HTTP stand-in — a unit's first, its picture drawn on demand (no picture kept yet); the
office publishing quarter IV/2026 through /publish, and how long drawing every unit's
picture ahead takes; a unit's first /standing once drawn (goal ≤ 150 ms) and warm (goal
p50 ≤ 20 ms); then the bot restarted as `cchc-bot run` (its own process): each of
several units' first /standing of the published quarter (goal ≤ 150 ms), once with the
pictures kept on disk and once with the folder emptied; peak memory (goal ≤ 150 MB).
This process's own peak (bot, stand-in and harness together) also counts the office's
daily digest, which the desk schedule runs half a minute after start-up. Not part of
the test run:

    python -m benchmarks.standings [--units 2000] [--quarters 8] [--heads 20]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import resource
import shutil
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
from bot.services.container import Services
from bot.services.periods import period_code
from bot.services.standings import Scope, StandingsService, result_name
from bot.standin import BotApiStandin, SimulatedUser
from storage import audit, people, reports, units
from storage.database import Database
from tests.clock import FakeClock

BLOCKS = ("phong_so", "phong_gd", "truc_thuoc", "trung_tam")
NOW = datetime(2026, 12, 20, 3, 0, tzinfo=UTC)  # after Q4/2026's deadline
PUBLISHED = "2026-Q4"  # published by the office through /publish during the run
OFFICE = 900001
HEAD_IDS = 42  # the heads' Telegram ids count up from here


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
    # 2026 counts the backlog: carried + received == early + on time + late + pending.
    carried = rng.randint(0, 50)
    early = rng.randint(0, received - on_time - late)
    pending = carried + received - early - on_time - late
    planned = rng.randint(1, 30)
    feedback = rng.randint(0, 20)
    staff = rng.randint(10, 200)
    surveyed = rng.random() < 0.8
    disbursed = rng.choice([None, f"{rng.uniform(0, 100):.1f}"])
    submitted = rng.randint(0, 40)
    return {
        "tasks_planned": planned,
        "tasks_completed": rng.randint(0, planned),
        "inspections": rng.randint(0, 4),
        "par_self_score": f"{rng.uniform(50, 100):.1f}",
        "survey_done": surveyed,
        "sipas_rate": f"{rng.uniform(60, 100):.1f}" if surveyed else None,
        "propaganda_events": rng.randint(0, 40),
        "articles": rng.randint(0, 30),
        "initiatives": rng.randint(0, 5),
        "initiative_titles": "Sáng kiến",
        "dossiers_received": received,
        "dossiers_online": online,
        "dossiers_postal": None,
        "dossiers_on_time": on_time,
        "dossiers_late": late,
        "dossiers_carried": carried,
        "dossiers_early": early,
        "dossiers_pending": pending,
        "dossiers_pending_overdue": rng.randint(0, pending),
        "feedback_received": feedback,
        "feedback_on_time": rng.randint(0, feedback),
        "procedures_to_dept": submitted,
        "procedures_to_dept_online": rng.randint(0, submitted),
        "staff_total": staff,
        "staff_streamlined": rng.randint(0, 3),
        "staff_trained": rng.randint(0, staff),
        "autonomy_level": rng.choice(["full", "regular", "partial", "state"]),
        "investment_assigned": disbursed is not None,
        "budget_disbursed": disbursed,
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


async def seed(
    services_db: Database, unit_count: int, quarter_count: int, head_count: int
) -> list[Unit]:
    """The roster, every quarter's reports (5 % of units silent), the earlier quarters
    published (by document), and ``head_count`` heads bound to reporting units spread over
    the blocks and their rankings."""
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
        # Heads of units that reported every quarter: each is asked for more than one.
        async with conn.execute(
            "SELECT unit_code FROM reports GROUP BY unit_code "
            "HAVING COUNT(DISTINCT period_code) = ?",
            (quarter_count,),
        ) as cur:
            reporting = sorted(row[0] for row in await cur.fetchall())
        step = max(1, len(reporting) // max(head_count, 1))
        for n, code in enumerate(reporting[::step][:head_count]):
            await people.touch_person(conn, HEAD_IDS + n, f"Hiệu trưởng {code}", None, now)
            await conn.execute(
                "INSERT INTO memberships (telegram_id, unit_code, role, bound_at) "
                "VALUES (?, ?, ?, ?)",
                (HEAD_IDS + n, code, "head", now),
            )
        for year, quarter in quarters_back(quarter_count):
            if period_code(year, quarter) == PUBLISHED:
                continue
            await conn.execute(
                "INSERT INTO publications (scope, published_by, published_at, decision_number, "
                "decision_date) VALUES (?, ?, ?, ?, ?)",
                (period_code(year, quarter), "bench", now, "1/SGDĐT-VP", NOW.date().isoformat()),
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


async def main(unit_count: int, quarter_count: int, head_count: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        standin = BotApiStandin()
        await standin.start()
        settings = Settings(
            bot_token=standin.token,  # type: ignore[arg-type]
            api_base_url=standin.base_url,
            db_path=Path(tmp) / "bench.db",
            office_ids=frozenset({OFFICE}),
            _env_file=None,  # type: ignore[call-arg]
        )
        app = build_application(settings, clock=FakeClock(NOW))
        await start_application(app, poll_timeout=1)
        services = services_of(app)
        await asyncio.sleep(1)  # the start-up chart warm-up
        print(f"Bot started (charts warmed up): peak memory {peak_mb():.0f} MB")
        started = time.perf_counter()
        await seed(services.db, unit_count, quarter_count, head_count)
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

        heads = [standin.user(HEAD_IDS + n, "Hiệu trưởng") for n in range(head_count)]
        # A published quarter no picture was drawn for (published behind the bot's
        # back): each unit's first /standing draws its picture while the unit waits.
        earlier = period_code(*quarters_back(2)[0])
        forget_memory(services)
        on_demand = [await ask_standing(head, earlier) for head in heads]
        report("/standing, a unit's first, picture drawn on demand", on_demand)
        print(f"  (peak memory so far: {peak_mb():.0f} MB)")

        office = standin.user(OFFICE, "Văn phòng")
        t0 = time.perf_counter()
        await publish(office)
        elapsed = time.perf_counter() - t0
        print(f"Publishing {PUBLISHED} through /publish, every step: {ms(elapsed)}")
        t0 = time.perf_counter()
        await services.charts.idle()
        folder = settings.chart_path
        kept = list(folder.glob("*.png"))
        print(
            f"Every unit's picture of {PUBLISHED} drawn ahead in the render process: "
            f"{services.charts.rendered_ahead} in {time.perf_counter() - t0:.0f} s; the folder "
            f"holds {len(kept)} pictures, {sum(f.stat().st_size for f in kept) / 2**20:.0f} MB"
        )
        print(f"  (peak memory so far: {peak_mb():.0f} MB)")
        forget_memory(services)
        drawn = [await ask_standing(head, PUBLISHED) for head in heads]
        report("/standing, a unit's first, picture drawn ahead", drawn, goal=" (goal ≤ 150 ms)")
        warm = await warm_standings(heads[0], 30)
        print(
            f"/standing end to end, warm: p50 {ms(statistics.median(warm))}, "
            f"p95 {ms(sorted(warm)[int(0.95 * len(warm))])} (goal p50 ≤ 20 ms)"
        )
        await stop_application(app)
        print(f"Peak memory of this process (bot, stand-in, harness): {peak_mb():.0f} MB")
        await as_own_process(standin, settings, heads, "pictures kept on disk")
        shutil.rmtree(folder)
        await as_own_process(standin, settings, heads, "the picture folder emptied")
        await standin.stop()


def forget_memory(services: Services) -> None:
    """Empty every in-memory cache (rankings, images, uploaded file ids): a restart."""
    services.standings._cache.clear()  # noqa: SLF001
    services.charts._memory.clear()  # noqa: SLF001
    services.charts._memory_bytes = 0  # noqa: SLF001
    services.charts._file_ids.clear()  # noqa: SLF001


async def publish(office: SimulatedUser) -> None:
    await office.send(f"/publish {PUBLISHED}")
    await office.expect("Bước 1/2", timeout=30)
    await office.send("125/SGDĐT-VP")
    await office.expect("Bước 2/2")
    await office.send(NOW.strftime("%d/%m/%Y"))
    summary = await office.expect("Xác nhận công bố", timeout=30)
    t0 = time.perf_counter()
    await office.click("✅ Công bố", message=summary)
    await office.expect("✅ Đã công bố", timeout=30)
    print(f"  (the confirming press alone: {ms(time.perf_counter() - t0)})")


def report(what: str, timings: list[tuple[float, float]], goal: str = "") -> None:
    total = sorted(t for _, t in timings)
    text = sorted(t for t, _ in timings)
    print(
        f"{what}, {len(total)} units: median {ms(statistics.median(total))}, "
        f"min {ms(total[0])}, max {ms(total[-1])}{goal}; of which the text: median "
        f"{ms(statistics.median(text))}"
    )


async def ask_standing(
    head: SimulatedUser,
    scope: str = PUBLISHED,
    *,
    timeout: float = 30,  # noqa: ASYNC109
) -> tuple[float, float]:
    """Seconds until /standing's text arrives, and until its chart does. Requests are
    spaced so that the bot's 30 messages/s budget (the pacer spaces every message some
    35 ms apart) is not what is measured."""
    await asyncio.sleep(0.2)
    caption = f"{result_name(Scope.quarter(*map(int, scope.split('-Q'))))} —"
    t0 = time.perf_counter()
    await head.send(f"/standing {scope}")
    await head.expect("Xếp hạng trong khối", timeout=timeout)
    text_at = time.perf_counter() - t0
    await head.expect(caption, timeout=timeout)
    return text_at, time.perf_counter() - t0


async def warm_standings(head: SimulatedUser, times: int) -> list[float]:
    warm = []
    for _ in range(times):
        warm.append((await ask_standing(head))[1])
    return warm


async def as_own_process(
    standin: BotApiStandin, settings: Settings, heads: list[SimulatedUser], state: str
) -> None:
    """The bot restarted as `cchc-bot run` on the same database: each unit's first
    /standing of the published quarter, and the peak memory of the bot's process alone
    (VmHWM) and of its render process."""
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
        firsts = [await ask_standing(head) for head in heads]
        warm = await warm_standings(heads[0], 20)
        peak = await asyncio.to_thread(vm_hwm, proc.pid)
        renderers = await asyncio.to_thread(children_hwm, proc.pid)
    finally:
        proc.terminate()
        await asyncio.wait_for(proc.wait(), timeout=30)
    print(f"As its own process (`cchc-bot run`), restarted on the same database, {state}:")
    report("  /standing, a unit's first after the restart", firsts, goal=" (goal ≤ 150 ms)")
    print(f"  /standing warm: p50 {ms(statistics.median(warm))} (goal p50 ≤ 20 ms)")
    print(f"  Peak memory of the bot's process (VmHWM): {peak:.0f} MB (goal ≤ 150 MB)")
    if renderers:
        print(f"  Peak memory of its render process: {max(renderers):.0f} MB")


def vm_hwm(pid: int) -> float:
    status = Path(f"/proc/{pid}/status").read_text(encoding="ascii")
    hwm = next(line for line in status.splitlines() if line.startswith("VmHWM:"))
    return int(hwm.split()[1]) / 1024


def children_hwm(pid: int) -> list[float]:
    """The peak memory of the process's children (the render process)."""
    found = []
    for task in Path(f"/proc/{pid}/task").iterdir():
        children = (task / "children").read_text(encoding="ascii").split()
        for child in children:
            try:
                found.append(vm_hwm(int(child)))
            except (FileNotFoundError, StopIteration):
                continue
    return found


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--units", type=int, default=2000)
    parser.add_argument("--quarters", type=int, default=8)
    parser.add_argument("--heads", type=int, default=20)
    args = parser.parse_args()
    asyncio.run(main(args.units, args.quarters, args.heads))
