"""Deadline day: one budget for replies, notices and broadcasts, with Telegram's limits on
in the stand-in (30 messages a second overall; one a second to a chat whose person has
not just written; 429 with retry_after beyond)."""

from __future__ import annotations

import asyncio
import time

import pytest

from bot.config import Settings
from bot.domain.broadcasts import Content
from bot.services import reporting as rs
from bot.services.broadcasts import Audience
from bot.services.container import Services
from bot.standin import BotApiStandin, RateLimits, ScriptedFaults, SimulatedUser
from handlers.buttons import decode
from handlers.callbacks import ReviewOpen
from tests.e2e.conftest import bound_user, delivered
from tests.e2e.test_broadcast import recipients
from tests.form_steps import Walk
from tests.reports import bind, fill

GATHER_WINDOW = 2.0  # seconds: the office's notices of a burst come together


@pytest.fixture
def e2e_settings(e2e_settings: Settings) -> Settings:
    """The shared settings, with the office's notices gathered as in production (over a
    shorter window), typing… soon, and quick retries."""
    return e2e_settings.model_copy(
        update={"notice_window": GATHER_WINDOW, "typing_after": 0.3, "broadcast_backoff_max": 0.2}
    )


@pytest.fixture
def limits(standin: BotApiStandin) -> RateLimits:
    """Asked for before anyone writes, so the limits see every conversation begin."""
    standin.limits = RateLimits(conversation_window=10.0)
    return standin.limits


async def test_a_429_on_a_reply_is_honoured_and_the_reply_arrives(
    standin: BotApiStandin, app_services: Services, limits: RateLimits
) -> None:
    head = await bound_user(standin, app_services, 7401, "THPT-QH")
    walk = Walk(head)
    await walk.start()
    faults = ScriptedFaults()
    standin.fault_injector = faults
    faults.add(head.id, ["429:1"])
    answered = time.monotonic()
    await walk.give()  # the first question's answer; the next question comes after the 429
    assert faults.served == [(head.id, "429:1")]
    assert time.monotonic() - answered >= 1.0  # sent again only after retry_after
    # Kept waiting: the head saw "typing…" meanwhile.
    actions = [r for r in standin.calls("sendChatAction") if r.params.get("chat_id") == head.id]
    assert [a.params.get("action") for a in actions] == ["typing"]
    assert limits.early_retries == []
    assert [(e.method, e.error_code) for e in standin.errors] == [("sendMessage", 429)]
    standin.errors.clear()  # the injected one


async def test_a_burst_of_submissions_reaches_the_office_in_at_most_three_messages(
    standin: BotApiStandin, limits: RateLimits, app_services: Services, office: SimulatedUser
) -> None:
    services = app_services
    codes = [u.code for u in await services.roster.list_units()][:40]
    members = [await bind(services, 7500 + n, code) for n, code in enumerate(codes)]
    for member in members:  # every report filled in, then all submitted in a burst
        await fill(services, member)
    await office.idle(quiet=0)
    reports = {}
    submitted: list[float] = []
    for code, member in zip(codes, members, strict=True):
        unit = await services.office.unit(code)
        assert unit is not None
        done = await services.reporting.submit(member, unit)
        assert isinstance(done, rs.Submitted)
        reports[code] = done.report
        submitted.append(time.monotonic())
    assert submitted[-1] - submitted[0] < GATHER_WINDOW
    first = await office.expect(codes[0], timeout=2)
    told = next(
        r
        for r in standin.calls("sendMessage")
        if r.params.get("chat_id") == office.id and codes[0] in str(r.params.get("text"))
    )
    assert told.time - submitted[0] < 1.0  # the first goes at once
    await asyncio.sleep(max(0.0, submitted[0] + GATHER_WINDOW + 1.5 - time.monotonic()))
    # Quiet for longer than the pacing of one chat (about a message a second).
    messages = [first, *await office.idle(quiet=1.5)]
    assert len(messages) <= 3  # the first, then the rest gathered (20 a message at most)
    shown = "\n".join(m.text for m in messages)
    assert all(code in shown for code in codes), ([c for c in codes if c not in shown], shown)
    opened = {
        decoded.report_id
        for m in messages
        for b in m.buttons
        if isinstance(decoded := decode(b.get("callback_data")), ReviewOpen)
    }
    assert opened == {r.id for r in reports.values()}  # a 🔎 for every unit
    assert limits.early_retries == []
    assert limits.rejections == []


async def test_a_broadcast_beside_active_reporters_never_sends_before_retry_after(
    standin: BotApiStandin, limits: RateLimits, app_services: Services, office: SimulatedUser
) -> None:
    services = app_services
    reporters = [
        await bound_user(standin, services, 7600 + n, code)
        for n, code in enumerate([u.code for u in await services.roster.list_units()][:20])
    ]
    listeners = await recipients(standin, services, 60, first_id=7700)
    resolved = await services.broadcasts.resolve(Audience(kind="all", heads_only=False))
    broadcast_id = await services.broadcasts.queue(
        created_by=office.id,
        content=Content(kind="text", body="Mô hình hay"),
        recipients=resolved.recipients,
        audience_label="test",
    )

    async def report(head: SimulatedUser) -> None:
        walk = Walk(head, timeout=15)
        await walk.start()
        for _ in range(6):  # the first six questions, whatever they are
            await walk.give()

    await asyncio.gather(*(report(head) for head in reporters))
    await delivered(services, broadcast_id)
    counts = await services.broadcasts.counts(broadcast_id)
    assert counts.sent == counts.total == len(resolved.recipients)
    assert all(any(m.text == "Mô hình hay" for m in u.messages) for u in listeners)
    assert limits.early_retries == []
