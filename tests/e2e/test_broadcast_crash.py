"""kill -9 in the middle of a broadcast: on restart the sender resumes where it stopped.

The bot runs as a real `cchc-bot run` subprocess against the stand-in (enforcing
Telegram's limits) in this process. The stand-in's log must show every recipient got
the broadcast, and no more than the sender's concurrency got it twice.
"""

from __future__ import annotations

import asyncio
import signal
import time
from pathlib import Path

from bot.config import Settings
from bot.domain.broadcasts import Content
from bot.services.broadcasts import Audience
from bot.services.container import open_services
from bot.standin import BotApiStandin, RateLimits
from storage import broadcasts as store
from tests.conftest import OFFICE_ID, example_roster
from tests.e2e.test_crash import bot_process, process_env
from tests.reports import bind, submit

RECIPIENTS = 60
CONCURRENCY = 4
STORY = "Điển hình tiên tiến: giải quyết 100 % hồ sơ đúng hạn"


async def test_sigkill_mid_broadcast_resumes_without_loss(
    standin: BotApiStandin, e2e_settings: Settings, tmp_path: Path
) -> None:
    settings = e2e_settings
    services = await open_services(settings)
    try:
        await services.roster.import_file(example_roster(), actor="t")
        ids = []
        for n, unit in enumerate((await services.roster.list_units())[:RECIPIENTS]):
            invite = await services.registration.create_invite(unit.code, "head", created_by="t")
            user_id = 8000 + n
            await services.registration.redeem(
                user_id, invite.code, full_name=f"Thủ trưởng {n}", username=None
            )
            standin.user(user_id, f"Thủ trưởng {n}").started = True
            ids.append(user_id)
        resolved = await services.broadcasts.resolve(Audience(kind="all"))
        broadcast_id = await services.broadcasts.queue(
            created_by=OFFICE_ID,
            content=Content(kind="text", body=STORY),
            recipients=resolved.recipients,
            audience_label="tất cả đơn vị",
        )
    finally:
        await services.close()
    assert len(ids) == RECIPIENTS
    standin.limits = RateLimits()
    env = process_env(settings, CCHC_BROADCAST_CONCURRENCY=str(CONCURRENCY))

    def delivered() -> int:
        return sum(1 for chat in ids for m in standin.sent.get(chat, []) if m.text == STORY)

    # 1. Killed after about a third of the recipients.
    with bot_process(env, tmp_path):
        deadline = time.monotonic() + 30
        while delivered() < RECIPIENTS // 3:
            assert time.monotonic() < deadline, "the sender did not start"
            await asyncio.sleep(0.01)
    killed_at = delivered()
    assert killed_at < RECIPIENTS

    # 2. Restarted: it finishes the rest.
    with bot_process(env, tmp_path) as proc:
        deadline = time.monotonic() + 30
        while delivered() < RECIPIENTS:
            assert time.monotonic() < deadline, f"stalled at {delivered()}/{RECIPIENTS}"
            await asyncio.sleep(0.05)
        await asyncio.sleep(0.5)  # let the last outcomes be recorded
        proc.send_signal(signal.SIGTERM)
        await asyncio.wait_for(asyncio.to_thread(proc.wait), timeout=15)

    copies = {chat: sum(1 for m in standin.sent.get(chat, []) if m.text == STORY) for chat in ids}
    assert all(n >= 1 for n in copies.values()), "nobody is skipped"
    twice = [chat for chat, n in copies.items() if n > 1]
    assert len(twice) <= CONCURRENCY, twice
    assert max(copies.values()) <= 2
    assert standin.limits.early_retries == []

    services = await open_services(settings)
    try:
        counts = await store.counts(services.db.reader, broadcast_id)
        broadcast = await services.broadcasts.get(broadcast_id)
    finally:
        await services.close()
    assert counts.sent == RECIPIENTS
    assert broadcast is not None
    assert broadcast.status == "done"


async def test_submission_notices_written_before_a_crash_reach_the_office(
    standin: BotApiStandin, e2e_settings: Settings, tmp_path: Path
) -> None:
    """Reports submitted while no sender runs (as if the bot died right after the
    commits): the notices are in the outbox with them, and the next start delivers them,
    gathered, to the office."""
    settings = e2e_settings
    services = await open_services(settings)
    try:
        await services.roster.import_file(example_roster(), actor="t")
        codes = [u.code for u in await services.roster.list_units()][:5]
        for n, code in enumerate(codes):
            await submit(services, await bind(services, 8100 + n, code))
    finally:
        await services.close()
    office = standin.user(OFFICE_ID, "Văn phòng")
    office.started = True
    with bot_process(process_env(settings), tmp_path) as proc:
        shown = ""
        deadline = time.monotonic() + 30
        while not all(f"({code})" in shown for code in codes):
            assert time.monotonic() < deadline, f"the office was not told: {shown!r}"
            await asyncio.sleep(0.05)
            shown = "\n".join(m.text for m in office.messages)
        proc.send_signal(signal.SIGTERM)
        await asyncio.wait_for(asyncio.to_thread(proc.wait), timeout=15)
    assert len(office.messages) <= 2  # the first, then the others together
