"""kill -9 at any step of a report loses no answered field.

The bot runs as a real `cchc-bot run` subprocess against the HTTP stand-in in this
process, and is killed with SIGKILL while idle, while handling a typed answer, and
while handling a button press.
"""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path

from bot.config import Settings
from bot.services.container import open_services
from bot.standin import BotApiStandin
from storage import reports
from tests.conftest import example_roster
from tests.form_steps import Walk, following
from tests.rules import rules_for_now

UNIT = "THPT-QH"


async def prepare(settings: Settings) -> str:
    """Roster, an invite, and a current period open well beyond today."""
    services = await open_services(settings)
    try:
        await services.roster.import_file(example_roster(), actor="t")
        period = await services.periods.current()
        await services.periods.set_due(period.code, datetime.now(UTC) + timedelta(days=30))
        invite = await services.registration.create_invite(UNIT, "head", created_by="test")
    finally:
        await services.close()
    return invite.code


@contextmanager
def bot_process(env: dict[str, str], cwd: Path) -> Iterator[subprocess.Popen[bytes]]:
    proc = subprocess.Popen(
        [sys.executable, "-m", "bot.cli", "run"],
        env=env,
        cwd=cwd,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        yield proc
    finally:
        if proc.poll() is None:
            proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=10)
        assert proc.stderr is not None
        log = proc.stderr.read().decode("utf-8", "replace")
        proc.stderr.close()
        assert "Traceback" not in log, log


def process_env(settings: Settings, **more: str) -> dict[str, str]:
    """The environment of a `cchc-bot run` process with these settings (and ``more``)."""
    return {
        **os.environ,
        "CCHC_BOT_TOKEN": settings.token(),
        "CCHC_API_BASE_URL": settings.api_base_url,
        "CCHC_DB_PATH": str(settings.db_path),
        "CCHC_OFFICE_IDS": ",".join(map(str, sorted(settings.office_ids))),
        **more,
    }


async def test_kill_9_loses_no_answered_field(
    standin: BotApiStandin, e2e_settings: Settings, tmp_path: Path
) -> None:
    settings = e2e_settings
    code = await prepare(settings)
    extra, form = rules_for_now(tmp_path / "rules")
    env = process_env(settings) | extra
    # The bot runs on the real clock: this year's form, as a unit not inspected sees it.
    form = form.for_unit(inspected=False)
    head = standin.user(6001, "Phạm Thị Hiệu Trưởng")
    # Any question between those typed below: a valid answer.
    walk = Walk(head, form=form, timeout=30)
    typed: dict[str, object] = {"tasks_planned": 12, "tasks_completed": 10, "inspections": 2}

    # 1. Killed while idle, after three answers.
    with bot_process(env, tmp_path):
        await head.send(f"/start {code}")
        await head.expect("đã được xác nhận", timeout=30)
        await walk.start()
        for key, value in typed.items():
            await walk.send(str(value), at=key)
        asked = walk.key

    # 2. Restarted: /report continues at the next question; killed while handling an answer.
    with bot_process(env, tmp_path):
        await walk.resume()
        assert walk.key == asked
        await walk.send("85,5", at="par_self_score")
        await walk.to("sipas_rate")
        await head.send("1.250")  # a percent: refused, nothing stored
        await head.expect("không được vượt quá 100")
        await head.send("92")  # the bot is killed right after this arrives
        typed["par_self_score"] = "85.5"

    # 3. Restarted: sipas_rate either was stored before the kill or is asked again.
    with bot_process(env, tmp_path):
        await walk.resume()
        if walk.key == "sipas_rate":
            await walk.send("92")
        else:
            assert walk.key == following("sipas_rate", form)
        typed["sipas_rate"] = "92"
        await walk.send("1.250", at="propaganda_events")
        typed["propaganda_events"] = 1250
        asked = walk.key
        await head.click("💾 Lưu nháp")  # killed while the button press is handled

    # 4. Restarted once more: everything answered is there, in order.
    with bot_process(env, tmp_path) as proc:
        await walk.resume()
        assert walk.key == asked
        # A clean stop: the stand-in lives in this event loop, so wait without blocking it.
        proc.send_signal(signal.SIGTERM)
        await asyncio.wait_for(asyncio.to_thread(proc.wait), timeout=15)

    services = await open_services(settings)
    try:
        period = await services.periods.current()
        draft = await reports.get_draft(services.db.reader, UNIT, period.code)
    finally:
        await services.close()
    assert draft is not None
    assert {key: draft.answers.get(key) for key in typed} == typed
    # Nothing else: the questions before the one asked, each once.
    assert set(draft.answers) == {f.key for f in form.fields[: form.index[asked]]}
