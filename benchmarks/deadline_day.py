"""Deadline day: many unit heads filling the report at once, the office hearing of each
submission, and a broadcast to 500 units started mid-way — all on one Telegram budget.

The bot runs as its own process (`cchc-bot run`) against the Bot API stand-in with
Telegram's limits on (30 messages a second overall; one a second to a chat whose person
has not written within 10 s; 429 with retry_after beyond). Each head answers every
question one second after it arrives (think time); each submission notifies two office
members. Not part of the test run:

    python -m benchmarks.deadline_day [--heads 50 150] [--broadcast on off]

It prints, per run: reports completed, steps per second, step latency (answer sent →
next question received) p50/p95/p99/max, 429s (and their share of requests), requests
sent before their retry_after, lost replies, lost office notices, the broadcast's
throughput ÷ the rate the replies and notices left it, the share of the budget used
while work was queued, and the bot's CPU milliseconds per step.
"""

from __future__ import annotations

import argparse
import asyncio
import csv
import os
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from bot.config import Settings
from bot.forms.schema import FormSpec
from bot.services.container import open_services
from bot.standin import BotApiStandin, RateLimits, RecordedRequest, SimulatedUser
from bot.standin.limits import LIMITED_METHODS
from tests.form_steps import Walk
from tests.rules import rules_for_now

OFFICE_IDS = (900001, 900002)
RATE = 28.0  # the bot's setting (CCHC_TELEGRAM_RATE's default)
UNITS = 500
BLOCKS = ("truc_thuoc", "phong_gd", "trung_tam", "phong_so")
THINK = 1.0
STEP_TIMEOUT = 120.0
STORY = "📢 Mô hình hay: một cửa điện tử tại THPT Quốc Học"


@dataclass
class Run:
    heads: int
    broadcast: bool
    latencies: list[float] = field(default_factory=list)
    completed: int = 0
    lost_replies: int = 0
    started: float = 0.0
    finished: float = 0.0
    broadcast_at: float | None = None
    lost: list[str] = field(default_factory=list)  # what a head waited for in vain


def write_roster(path: Path) -> list[str]:
    codes = [f"DV{n:03d}" for n in range(1, UNITS + 1)]
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["code", "name", "block", "district"])
        for n, code in enumerate(codes):
            writer.writerow([code, f"Trường THPT số {n + 1}", BLOCKS[n % len(BLOCKS)], "Quy Nhơn"])
    return codes


async def seed(settings: Settings, roster: Path, codes: list[str]) -> None:
    """Roster and one bound head per unit (ids 10000 + n), through the services."""
    services = await open_services(settings)
    try:
        await services.roster.import_file(roster, actor="bench")
        for n, code in enumerate(codes):
            invite = await services.registration.create_invite(code, "head", created_by="bench")
            await services.registration.redeem(
                10000 + n, invite.code, full_name=f"Thủ trưởng {n + 1}", username=None
            )
    finally:
        await services.close()


def cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text(encoding="ascii").rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


async def fill(head: SimulatedUser, run: Run, form: FormSpec) -> None:
    """The whole report, in the form's order, with a second's thought before each answer,
    then submit."""
    walk = Walk(head, form=form, timeout=STEP_TIMEOUT)
    try:
        await walk.start()
        while not walk.at_summary:
            await asyncio.sleep(THINK)
            sent = time.perf_counter()
            await walk.give()
            run.latencies.append(time.perf_counter() - sent)
        await asyncio.sleep(THINK)
        sent = time.perf_counter()
        await head.click("✅ Gửi báo cáo")
        await head.expect("Văn phòng Sở đã nhận", timeout=STEP_TIMEOUT)
        run.latencies.append(time.perf_counter() - sent)
        run.completed += 1
    except AssertionError as exc:
        run.lost_replies += 1
        run.lost.append(str(exc)[:600])


async def start_broadcast(office: SimulatedUser) -> None:
    await office.send("/broadcast")
    await office.expect("Soạn bản tin", timeout=STEP_TIMEOUT)
    await office.send(STORY)
    await office.expect("đơn vị nhận", timeout=STEP_TIMEOUT)
    await office.click("Tất cả đơn vị")
    await office.expect("chọn người nhận", timeout=STEP_TIMEOUT)
    await office.click("Chỉ thủ trưởng đơn vị")
    await office.expect("Bản tin sẽ gửi tới", timeout=STEP_TIMEOUT)
    await office.click("✅ Gửi ngay")


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


async def one_run(heads: int, broadcast: bool) -> None:
    run = Run(heads, broadcast)
    with tempfile.TemporaryDirectory() as tmp:
        standin = BotApiStandin()
        await standin.start()
        limits = standin.limits = RateLimits(conversation_window=10.0)
        db = Path(tmp) / "bench.db"
        settings = Settings(
            bot_token=standin.token,  # type: ignore[arg-type]
            api_base_url=standin.base_url,
            db_path=db,
            office_ids=frozenset(OFFICE_IDS),
            _env_file=None,  # type: ignore[call-arg]
        )
        roster = Path(tmp) / "roster.csv"
        codes = write_roster(roster)
        await seed(settings, roster, codes)
        users = [standin.user(10000 + n, f"Thủ trưởng {n + 1}") for n in range(UNITS)]
        for user in users:
            user.started = True  # they opened the bot once, long ago
        # The bot runs on the real clock: this year's form, as uninspected units see it.
        rules_env, form = rules_for_now(Path(tmp) / "rules")
        form = form.for_unit(inspected=False)
        env = {
            **os.environ,
            **rules_env,
            "CCHC_BOT_TOKEN": standin.token,
            "CCHC_API_BASE_URL": standin.base_url,
            "CCHC_DB_PATH": str(db),
            "CCHC_OFFICE_IDS": ",".join(map(str, OFFICE_IDS)),
            "CCHC_DIGEST_TIME": "off",
            "CCHC_BACKUP_KEEP": "0",
        }
        log_path = Path(tmp) / "bot.log"
        with log_path.open("wb") as log_file:
            proc = await asyncio.create_subprocess_exec(
                sys.executable, "-m", "bot.cli", "run", env=env, stdout=log_file, stderr=log_file
            )
            try:
                offices = [standin.user(i, f"Văn phòng {i}") for i in OFFICE_IDS]
                for office in offices:
                    await office.send("/start")
                    await office.expect("Văn phòng Sở", timeout=60)
                cpu_before = cpu_seconds(proc.pid)
                run.started = time.monotonic()
                reporters = [asyncio.create_task(fill(u, run, form)) for u in users[:heads]]
                if broadcast:
                    await asyncio.sleep(20)  # mid-way through the reporting
                    run.broadcast_at = time.monotonic()
                    await start_broadcast(offices[0])
                await asyncio.gather(*reporters)
                run.finished = time.monotonic()
                cpu = cpu_seconds(proc.pid) - cpu_before
                lost_notices = await wait_notices(offices, codes[:heads], run)
                if broadcast:
                    await wait_broadcast(users, seconds=120)
            finally:
                proc.terminate()
                await asyncio.wait_for(proc.wait(), timeout=30)
        report(run, standin, limits, cpu, lost_notices)
        if run.lost_replies or lost_notices:
            # What the bot itself said went wrong (its log is gone with the folder).
            trouble = [
                line
                for line in log_path.read_text(encoding="utf-8", errors="replace").splitlines()
                if " ERROR " in line or " WARNING " in line or "Error" in line
            ]
            print("bot log (warnings and errors):", *trouble[-40:], sep="\n  ")
            print("lost:", *run.lost, sep="\n  ")
        await standin.stop()


async def wait_notices(
    offices: list[SimulatedUser], codes: list[str], run: Run, *, seconds: float = 90.0
) -> int:
    """Units missing from an office member's notices once the gathering window passed."""
    wanted = set(codes[: run.completed]) if run.completed == len(codes) else set(codes)
    deadline = time.monotonic() + seconds
    while True:
        missing = 0
        for office in offices:
            shown = "\n".join(m.text for m in office.messages)
            missing += sum(1 for code in wanted if f"({code})" not in shown)
        if missing == 0 or time.monotonic() > deadline:
            return missing
        await asyncio.sleep(1.0)


async def wait_broadcast(users: list[SimulatedUser], *, seconds: float) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if all(any(m.text == STORY for m in u.messages) for u in users):
            return
        await asyncio.sleep(1.0)


def report(
    run: Run, standin: BotApiStandin, limits: RateLimits, cpu: float, lost_notices: int
) -> None:
    steps = len(run.latencies)
    span = run.finished - run.started
    limited = [r for r in standin.requests if r.method.lower() in LIMITED_METHODS]
    print(f"\n== {run.heads} heads, broadcast {'on' if run.broadcast else 'off'} ==")
    print(f"reports completed: {run.completed}/{run.heads}")
    print(f"steps: {steps} in {span:.1f} s = {steps / span:.1f} steps/s")
    if steps:
        print(
            "step latency p50 / p95 / p99 / max: "
            + " / ".join(
                f"{v * 1000:.0f} ms"
                for v in (
                    statistics.median(run.latencies),
                    pct(run.latencies, 0.95),
                    pct(run.latencies, 0.99),
                    max(run.latencies),
                )
            )
        )
    share = len(limits.rejections) / max(1, limits.requests) * 100
    print(f"429s: {len(limits.rejections)} ({share:.2f} % of {limits.requests} messages)")
    print(f"requests before retry_after: {len(limits.early_retries)}")
    print(f"lost replies: {run.lost_replies}; lost office notices: {lost_notices}")
    if run.broadcast:
        broadcast_use(limited)
    busy = [r for r in limited if run.started <= r.time <= run.finished]
    if busy:
        used = len(busy) / span
        print(f"budget used while reporting: {used:.1f} msg/s = {used / RATE:.2f} of {RATE:g}")
    print(f"bot CPU: {cpu * 1000 / max(1, steps):.1f} ms per step ({cpu:.1f} s in all)")


def broadcast_use(limited: list[RecordedRequest]) -> None:
    """While the broadcast ran: its messages per second ÷ what the rest left of the rate."""
    sends = [r for r in limited if r.params.get("text") == STORY]
    if len(sends) < 2:
        print("broadcast: not sent")
        return
    first, last = sends[0].time, sends[-1].time
    span = max(last - first, 1e-3)
    ids = {id(r) for r in sends}
    others = [r for r in limited if first <= r.time <= last and id(r) not in ids]
    throughput = len(sends) / span
    left = max(RATE - len(others) / span, 1e-3)
    print(
        f"broadcast: {len(sends)} messages in {span:.1f} s = {throughput:.1f}/s; the rest "
        f"used {len(others) / span:.1f}/s, leaving {left:.1f}/s: "
        f"throughput ÷ left over = {throughput / left:.2f}; all traffic "
        f"{(len(sends) + len(others)) / span:.1f}/s = "
        f"{(len(sends) + len(others)) / span / RATE:.2f} of {RATE:g}"
    )


async def main(heads: list[int], broadcasts: list[bool]) -> None:
    for count in heads:
        for broadcast in broadcasts:
            await one_run(count, broadcast)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--heads", type=int, nargs="+", default=[50, 150])
    parser.add_argument("--broadcast", choices=("on", "off"), nargs="+", default=["on", "off"])
    args = parser.parse_args()
    asyncio.run(main(args.heads, [b == "on" for b in args.broadcast]))
