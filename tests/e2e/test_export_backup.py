"""The daily backup job of the running application: scheduled, written, failure reported."""

from __future__ import annotations

import asyncio
from datetime import time
from pathlib import Path
from typing import Any

from telegram.ext import Job

from bot.app import services_of
from bot.config import Settings
from bot.services.backup import inspect_backup
from bot.standin import SimulatedUser
from handlers.context import App
from handlers.desk import BACKUP_JOB


async def daily_job(app: App) -> Job[Any]:
    assert app.job_queue is not None
    for _ in range(100):  # scheduled by a one-off job right after start-up
        jobs = app.job_queue.get_jobs_by_name(BACKUP_JOB)
        if jobs:
            return jobs[0]
        await asyncio.sleep(0.02)
    raise AssertionError("the daily backup was not scheduled")


def backups(folder: Path) -> list[Path]:
    return sorted(folder.glob("cchc-*.db")) if folder.is_dir() else []


async def test_the_daily_backup_is_scheduled_at_the_set_time_and_writes_a_copy(
    app: App, e2e_settings: Settings
) -> None:
    job = await daily_job(app)

    trigger = job.job.trigger
    assert str(trigger.timezone) == "Asia/Ho_Chi_Minh"
    assert e2e_settings.backup_time == time(2, 0)
    assert "hour='2', minute='0'" in str(trigger)

    await job.run(app)

    (copy,) = backups(e2e_settings.backup_path)
    assert copy.name == "cchc-20250220-090000.db"  # the clock's 09:00 local
    assert inspect_backup(copy).counts["units"] == 71


async def test_a_failed_backup_is_reported_to_the_office(
    app: App, office: SimulatedUser, tmp_path: Path
) -> None:
    job = await daily_job(app)
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("", encoding="utf-8")
    services_of(app).backup.directory = blocked

    await job.run(app)

    warning = await office.expect("Sao lưu tự động cơ sở dữ liệu lúc 09:00 ngày 20/02/2025")
    assert "không thành công" in warning.text
    assert "cchc-bot backup THƯ_MỤC" in warning.text
