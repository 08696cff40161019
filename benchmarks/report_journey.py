"""How many actions a full report takes by each path, and how fast the bot answers.

Runs the production application against the HTTP stand-in (no Telegram), with a fresh
database, and prints figures. Not part of the test run:

    python -m benchmarks.report_journey [--units 20]

The paths (issue 11), on this year's form as a unit not inspected sees it: the chat from
scratch; the chat in the next quarter, started with what carries over from the last;
the Excel round trip; all answers pasted in one message. An action is a message the
person sends (a text, a file) or a button pressed, counted by the stand-in.
"""

from __future__ import annotations

import argparse
import asyncio
import re
import statistics
import tempfile
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from bot.app import build_application, services_of, start_application, stop_application
from bot.config import Settings
from bot.standin import BotApiStandin, SimulatedUser
from handlers import texts
from tests.clock import FakeClock
from tests.conftest import example_roster
from tests.e2e.conftest import fill_report
from tests.form_steps import PDF, Walk, values
from tests.reports import VALID_ANSWERS
from tests.rules import BOOK, YEAR
from tests.workbooks import XLSX, valid_cells
from tests.workbooks import fill as fill_workbook

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


PATH_YEAR = max(BOOK.years)
Q1 = datetime(PATH_YEAR, 2, 20, 2, tzinfo=UTC)
Q2 = datetime(PATH_YEAR, 5, 20, 2, tzinfo=UTC)


@dataclass
class Path_:
    name: str
    messages: int
    presses: int

    @property
    def actions(self) -> int:
        return self.messages + self.presses


def counted(user: SimulatedUser, name: str, before: tuple[int, int]) -> Path_:
    return Path_(name, user.sent_messages - before[0], user.presses - before[1])


async def submitted(user: SimulatedUser) -> None:
    await user.click(texts.BTN_SUBMIT)
    await user.expect("Văn phòng Sở đã nhận")


async def chat_path(user: SimulatedUser, walk: Walk, name: str) -> Path_:
    before = (user.sent_messages, user.presses)
    await walk.start()
    await walk.finish()
    await submitted(user)
    return counted(user, name, before)


async def paths(tmp: Path) -> list[Path_]:
    """One unit per path, on the stand-in, with the real application."""
    standin = BotApiStandin()
    await standin.start()
    settings = Settings(
        bot_token=standin.token,  # type: ignore[arg-type]
        api_base_url=standin.base_url,
        db_path=tmp / "paths.db",
        office_ids=frozenset({OFFICE_ID}),
        _env_file=None,  # type: ignore[call-arg]
    )
    clock = FakeClock(Q1)
    app = build_application(settings, clock=clock)
    await start_application(app, poll_timeout=1)
    services = services_of(app)
    await services.roster.import_file(example_roster(), actor="bench")
    form = BOOK.form(PATH_YEAR).for_unit(inspected=False)
    # The signed report, the last question: asked once the answers are in.
    signed = re.compile(r"Câu (\d+)/\1\n")
    found: list[Path_] = []
    try:
        users = {}
        for n, code in enumerate(("THPT-QH", "THPT-LQD", "THPT-CVA")):
            invite = await services.registration.create_invite(code, "head", created_by="b")
            user = standin.user(20_000 + n, f"Thủ trưởng {n + 1}")
            await user.send(f"/start {invite.code}")
            await user.expect("đã được xác nhận")
            users[code] = user

        # 1. The chat, from scratch (quý I).
        first = users["THPT-QH"]
        found.append(await chat_path(first, Walk(first, form=form), "chat, from scratch"))

        # 2. The chat next quarter: what carries over is filled in from quý I.
        clock.now = Q2
        walk = Walk(first, form=form)
        carried = {f.key for f in form.fields if f.carried_from}
        walk.answered |= carried & {f.key for f in walk.visible}
        walk.held |= {k: v for k, v in values(form).items() if k in walk.answered}
        found.append(await chat_path(first, walk, "chat, last quarter prefilled"))

        # 3. The Excel round trip (quý II): /report, 📥, the filled file, the signed PDF, ✅.
        excel = users["THPT-LQD"]
        before = (excel.sent_messages, excel.presses)
        await excel.send("/report")
        await excel.expect("Câu 1/")
        await excel.click(texts.BTN_EXCEL)
        sent = await excel.expect_document()
        assert sent.document is not None
        got = await app.bot.get_file(str(sent.document["file_id"]))
        content = bytes(await got.download_as_bytearray())
        filled = {k: v for k, v in valid_cells(form).items() if k in form.index}
        await excel.send_document("bao-cao.xlsx", XLSX, fill_workbook(content, filled))
        await excel.expect("Tóm tắt báo cáo")
        await excel.expect(signed)  # then the bot asks for the signed report
        await excel.send_document("bao-cao-da-ky.pdf", "application/pdf", PDF)
        await excel.expect("Tóm tắt báo cáo")
        await submitted(excel)
        found.append(counted(excel, "Excel round trip", before))

        # 4. Every answer pasted in one message as "n. value" lines.
        paste = users["THPT-CVA"]
        before = (paste.sent_messages, paste.presses)
        # No /report first: pasted lines outside any conversation open the report.
        # Numbered as the bot numbers the questions of the draft (empty: every question).
        shown = {f.key: n for n, f in enumerate(form.visible({}), start=1)}
        lines = [
            f"{shown[key]}. {value.removeprefix('button:')}"
            for key, value in VALID_ANSWERS.items()
            if key in shown and value not in {"skip", "file"} and form.field(key).type != "file"
        ]
        await paste.send("\n".join(lines))
        await paste.expect("Tóm tắt báo cáo")
        await paste.expect(signed)
        await paste.send_document("bao-cao-da-ky.pdf", "application/pdf", PDF)
        await paste.expect("Tóm tắt báo cáo")
        await submitted(paste)
        found.append(counted(paste, "all answers pasted in one message", before))
    finally:
        await stop_application(app)
        await standin.stop()
    return found


def print_paths(found: list[Path_]) -> None:
    scratch = found[0].actions
    print(f"A full report by each path (form {PATH_YEAR}, a unit not inspected):")
    print(f"  {'path':<36} {'messages':>8} {'presses':>8} {'actions':>8} {'of scratch':>10}")
    for path in found:
        share = f"{path.actions / scratch:.0%}"
        print(
            f"  {path.name:<36} {path.messages:>8} {path.presses:>8} {path.actions:>8} {share:>10}"
        )


async def main(units: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        print_paths(await paths(Path(tmp)))
        print()

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
