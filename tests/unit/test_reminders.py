"""The desk's schedule with a movable clock: reminder offsets, quiet hours, catching up
after downtime, restarts without repeats, units that submitted skipped, the late list,
"remind now" and the daily digest."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime, time
from zoneinfo import ZoneInfo

import pytest

from bot.config import Settings
from bot.services.container import Services, open_services
from bot.services.reminders import Digest, LateList, Notice, Reminder
from tests.clock import FakeClock
from tests.conftest import OFFICE_ID, example_roster
from tests.reports import bind, submit

HCM = ZoneInfo("Asia/Ho_Chi_Minh")
# Quý I/2025 is due at 23:59:59 on 15/03/2025; reminders at 08:00 on 08, 12, 14 and 15/03.
HEAD_QH, HEAD_PGD, HEAD_TT, REPORTER_QH = 5001, 5002, 5003, 5004


def local(day: int, month: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2025, month, day, hour, minute, tzinfo=HCM).astimezone(UTC)


def reminders(found: list[Notice]) -> dict[int, Reminder]:
    out = {n.key.telegram_id: n for n in found if isinstance(n, Reminder)}
    assert len(out) == sum(1 for n in found if isinstance(n, Reminder))
    return out


async def finish_all(services: Services, found: list[Notice]) -> None:
    for notice in found:
        await services.desk.finish(notice.key, ok=True)


@pytest.fixture
async def desk(services: Services) -> Services:
    """Three units with bound members; TT-GDTX has submitted."""
    await bind(services, HEAD_QH, "THPT-QH")
    await bind(services, REPORTER_QH, "THPT-QH")
    await bind(services, HEAD_PGD, "PGD-QN")
    await submit(services, await bind(services, HEAD_TT, "TT-GDTX"))
    return services


async def reopen(settings: Settings, clock: FakeClock) -> AsyncIterator[Services]:
    services = await open_services(settings, clock=clock)
    try:
        yield services
    finally:
        await services.close()


async def test_reminders_go_at_each_offset_to_units_that_have_not_submitted(
    desk: Services, clock: FakeClock
) -> None:
    clock.now = local(8, 3, 7, 59)
    assert reminders(await desk.desk.due()) == {}

    clock.now = local(8, 3, 8, 0)
    found = await desk.desk.due()
    sent = reminders(found)
    assert set(sent) == {HEAD_QH, REPORTER_QH, HEAD_PGD}  # TT-GDTX submitted: skipped
    assert {r.key.slot for r in sent.values()} == {"d7"}
    assert sent[HEAD_QH].days_left == 7
    assert sent[HEAD_QH].status == "none"
    await finish_all(desk, found)
    assert reminders(await desk.desk.due()) == {}  # never twice

    for day, slot, left in ((12, "d3", 3), (14, "d1", 1), (15, "d0", 0)):
        clock.now = local(day, 3, 8, 0)
        found = await desk.desk.due()
        sent = reminders(found)
        assert {r.key.slot for r in sent.values()} == {slot}
        assert {r.days_left for r in sent.values()} == {left}
        await finish_all(desk, found)

    clock.now = local(15, 3, 23, 0)  # quiet hours, and nothing left to send anyway
    assert await desk.desk.due() == []


async def test_a_unit_that_submits_is_not_reminded_again(desk: Services, clock: FakeClock) -> None:
    clock.now = local(8, 3, 9, 0)
    await finish_all(desk, await desk.desk.due())
    who = await desk.registration.identify(HEAD_QH)
    assert who.membership is not None
    await submit(desk, who.membership)

    clock.now = local(12, 3, 8, 0)
    assert set(reminders(await desk.desk.due())) == {HEAD_PGD}


async def test_a_restart_neither_loses_nor_repeats_a_reminder(
    desk: Services, settings: Settings, clock: FakeClock
) -> None:
    clock.now = local(8, 3, 8, 0)
    found = await desk.desk.due()
    # Crash after recording, before the messages were confirmed: still never repeated.
    assert len(reminders(found)) == 3
    await desk.close()
    async for restarted in reopen(settings, clock):
        clock.advance(minutes=5)
        assert reminders(await restarted.desk.due()) == {}
        # The bot is down over the 3-day reminder and back two hours later: it goes then.
        clock.now = local(12, 3, 10, 0)
        late = reminders(await restarted.desk.due())
        assert {r.key.slot for r in late.values()} == {"d3"}
        assert set(late) == {HEAD_QH, REPORTER_QH, HEAD_PGD}
        await finish_all(restarted, list(late.values()))
    async for again in reopen(settings, clock):
        assert reminders(await again.desk.due()) == {}


async def test_after_downtime_only_the_latest_missed_reminder_goes(
    desk: Services, clock: FakeClock
) -> None:
    # Down from before the 7-day reminder until after the 3-day one.
    clock.now = local(12, 3, 9, 30)
    sent = reminders(await desk.desk.due())
    assert {r.key.slot for r in sent.values()} == {"d3"}
    # A reminder more than a day old is superseded, not sent late.
    clock.now = local(14, 3, 7, 0)
    assert reminders(await desk.desk.due()) == {}


async def test_quiet_hours_move_reminders_to_seven_in_the_morning(
    settings: Settings, clock: FakeClock
) -> None:
    late_evening = settings.model_copy(update={"reminder_time": time(22, 30)})
    async for services in reopen(late_evening, clock):
        await services.roster.import_file(example_roster(), actor="test")
        await bind(services, HEAD_QH, "THPT-QH")
        schedule = services.desk
        deadline = datetime(2025, 3, 15, 23, 59, 59, tzinfo=HCM)
        assert schedule.reminder_at(deadline, 3) == datetime(2025, 3, 13, 7, 0, tzinfo=HCM)
        assert schedule.is_quiet(local(12, 3, 22, 30))
        assert not schedule.is_quiet(local(12, 3, 7, 0))

        clock.now = local(12, 3, 22, 30)
        assert await schedule.due() == []
        clock.now = local(13, 3, 6, 59)
        assert await schedule.due() == []
        assert await schedule.next_run() == local(13, 3, 7, 0)
        clock.now = local(13, 3, 7, 0)
        assert {r.key.slot for r in reminders(await schedule.due()).values()} == {"d3"}


async def test_a_reminder_that_would_fall_after_the_deadline_is_dropped(
    services: Services, clock: FakeClock
) -> None:
    await bind(services, HEAD_QH, "THPT-QH")
    # Due at 07:30 on 15/03: the 08:00 reminder of that morning would come too late.
    await services.periods.set_deadline(
        "2025-Q1", datetime(2025, 3, 15, 7, 30, tzinfo=HCM), actor="test"
    )
    deadline = datetime(2025, 3, 15, 7, 30, tzinfo=HCM)
    assert services.desk.reminder_at(deadline, 0) is None
    clock.now = local(14, 3, 8, 0)
    assert {r.key.slot for r in reminders(await services.desk.due()).values()} == {"d1"}
    clock.now = local(15, 3, 7, 0)
    assert reminders(await services.desk.due()) == {}
    assert await services.desk.next_run() == local(15, 3, 7, 15)


async def test_a_moved_deadline_gets_its_own_reminders(desk: Services, clock: FakeClock) -> None:
    clock.now = local(14, 3, 8, 0)
    await finish_all(desk, await desk.desk.due())
    await desk.periods.set_deadline(
        "2025-Q1", datetime(2025, 3, 20, 23, 59, 59, tzinfo=HCM), actor="test"
    )
    clock.now = local(17, 3, 8, 0)
    sent = reminders(await desk.desk.due())
    assert {r.key.slot for r in sent.values()} == {"d3"}
    assert {r.deadline for r in sent.values()} == {datetime(2025, 3, 20, 23, 59, 59, tzinfo=HCM)}


async def test_the_office_gets_the_late_list_once_after_the_deadline(
    desk: Services, settings: Settings, clock: FakeClock
) -> None:
    clock.now = local(15, 3, 23, 59)
    assert [n for n in await desk.desk.due() if isinstance(n, LateList)] == []
    clock.now = local(16, 3, 0, 30)  # quiet hours: the list waits until 07:00
    assert await desk.desk.due() == []
    clock.now = local(16, 3, 7, 0)
    (late_list,) = [n for n in await desk.desk.due() if isinstance(n, LateList)]
    assert late_list.key.telegram_id == OFFICE_ID
    late = {u.unit.code for u in late_list.late}
    assert {"THPT-QH", "PGD-QN"} <= late
    assert "TT-GDTX" not in late
    assert len(late) == late_list.desk.total - 1
    await desk.close()
    async for restarted in reopen(settings, clock):
        clock.advance(hours=3)
        assert [n for n in await restarted.desk.due() if isinstance(n, LateList)] == []


async def test_remind_now_in_quiet_hours_waits_until_morning_and_goes_once(
    desk: Services, clock: FakeClock
) -> None:
    period = await desk.periods.resolve("2025-Q1")
    assert period is not None
    clock.now = local(10, 3, 22, 0)
    result = await desk.desk.remind_now(period)
    assert {u.unit.code for u in result.units} == {"THPT-QH", "PGD-QN"}
    assert result.people == 3
    assert result.at == local(11, 3, 7, 0)
    assert "TT-GDTX" not in {u.unit.code for u in result.units + result.skipped}
    assert await desk.desk.due() == []

    clock.now = local(11, 3, 7, 0)
    found = reminders(await desk.desk.due())
    assert set(found) == {HEAD_QH, REPORTER_QH, HEAD_PGD}
    assert all(r.manual for r in found.values())
    assert found[HEAD_QH].days_left == 4
    await finish_all(desk, list(found.values()))
    # Pressed again within the hour: those units were just reminded.
    clock.advance(minutes=10)
    again = await desk.desk.remind_now(period)
    assert again.units == []
    assert again.people == 0
    assert reminders(await desk.desk.due()) == {}


async def test_a_returned_report_is_reminded_from_its_return_on(
    desk: Services, clock: FakeClock
) -> None:
    clock.now = local(13, 3, 10, 0)
    (tt_report,) = [
        u.report
        for u in (await desk.review.desk(await desk.periods.current())).units
        if u.unit.code == "TT-GDTX" and u.report is not None
    ]
    decision = await desk.review.return_report(tt_report.id, "Bổ sung số liệu", actor="test")
    # Returned two days before the deadline: the unit gets at least CCHC_REOPEN_DAYS.
    assert decision.deadline == datetime(2025, 3, 16, 23, 59, 59, tzinfo=HCM)
    assert decision.reopened
    clock.now = local(13, 3, 10, 5)
    assert HEAD_TT not in reminders(await desk.desk.due())  # the 3-day one predates it
    clock.now = local(15, 3, 8, 0)
    sent = reminders(await desk.desk.due())
    assert sent[HEAD_TT].status == "returned"
    assert sent[HEAD_TT].key.slot == "d1"  # one day before its own deadline


async def test_the_digest_goes_once_a_day_in_the_reporting_window(
    desk: Services, settings: Settings, clock: FakeClock
) -> None:
    def digests(found: list[Notice]) -> list[Digest]:
        return [n for n in found if isinstance(n, Digest)]

    clock.now = local(28, 2, 8, 0)  # 15 days before the deadline: not yet
    assert digests(await desk.desk.due()) == []
    clock.now = local(1, 3, 7, 59)
    assert digests(await desk.desk.due()) == []
    clock.now = local(1, 3, 8, 0)
    (first,) = digests(await desk.desk.due())
    assert first.key.telegram_id == OFFICE_ID
    assert first.desk.reported == 1
    assert first.late == []
    assert digests(await desk.desk.due()) == []
    await desk.close()

    async for restarted in reopen(settings, clock):
        clock.advance(hours=2)
        assert digests(await restarted.desk.due()) == []  # once per day across restarts
        who = await restarted.registration.identify(HEAD_PGD)
        assert who.membership is not None
        await submit(restarted, who.membership)
        clock.now = local(2, 3, 8, 0)
        (second,) = digests(await restarted.desk.due())
        assert [u.unit.code for u in second.new] == ["PGD-QN"]  # new since yesterday's
        assert second.desk.reported == 2
        by_block = {b.block.code: (b.reported, len(b.units)) for b in second.desk.blocks}
        assert by_block["phong_gd"][0] == 1
        assert by_block["trung_tam"][0] == 1

        clock.now = local(16, 3, 8, 0)  # after the deadline, nobody reopened: window over
        assert digests(await restarted.desk.due()) == []


async def test_next_run_is_the_next_reminder_or_a_quarter_of_an_hour(
    desk: Services, clock: FakeClock
) -> None:
    clock.now = local(8, 3, 7, 55)
    assert await desk.desk.next_run() == local(8, 3, 8, 0)
    clock.now = local(5, 3, 12, 0)
    assert await desk.desk.next_run() == local(5, 3, 12, 15)
