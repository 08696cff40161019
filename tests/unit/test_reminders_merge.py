"""A reminder missed while the bot was down merges with the next one.

Issue 11: "a reminder missed while the bot was down merges with the next one instead of
two an hour apart". Quý I/2025 is due at 23:59:59 on 15/03/2025; reminders go at 08:00
on 08, 12, 14 and 15/03; nothing is sent between 21:00 and 07:00.
"""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from bot.services.container import Services
from bot.services.reminders import MERGE_WITHIN, Reminder
from tests.clock import FakeClock
from tests.reports import bind

HCM = ZoneInfo("Asia/Ho_Chi_Minh")
HEAD_QH = 5101


def local(day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2025, 3, day, hour, minute, tzinfo=HCM).astimezone(UTC)


async def slots_due(services: Services) -> list[str]:
    found = [n for n in await services.desk.due() if isinstance(n, Reminder)]
    for notice in found:
        await services.desk.finish(notice.key, ok=True)
    return [n.key.slot for n in found]


async def test_down_over_a_reminder_and_back_just_before_the_next_sends_one(
    services: Services, clock: FakeClock
) -> None:
    await bind(services, HEAD_QH, "THPT-QH")
    # Down from before the 1-day reminder (08:00 on 14/03) until the quiet hours end
    # on 15/03 at 07:00, an hour before the deadline day's reminder.
    clock.now = local(15, 7, 0)
    assert local(15, 8, 0) - clock.now <= MERGE_WITHIN
    assert await slots_due(services) == []
    assert await services.desk.next_run() <= local(15, 8, 0)
    clock.now = local(15, 8, 0)
    assert await slots_due(services) == ["d0"]
    clock.advance(hours=2)
    assert await slots_due(services) == []


async def test_a_missed_reminder_far_from_the_next_still_goes_late(
    services: Services, clock: FakeClock
) -> None:
    await bind(services, HEAD_QH, "THPT-QH")
    # Back at 14:00 on 12/03: the 3-day reminder of 08:00 goes now; the next is on 14/03.
    clock.now = local(12, 14, 0)
    assert await slots_due(services) == ["d3"]
    clock.now = local(14, 8, 0)
    assert await slots_due(services) == ["d1"]


async def test_a_reminder_on_time_is_never_held_back(services: Services, clock: FakeClock) -> None:
    await bind(services, HEAD_QH, "THPT-QH")
    for day, slot in ((8, "d7"), (12, "d3"), (14, "d1"), (15, "d0")):
        clock.now = local(day, 8, 0)
        assert await slots_due(services) == [slot]
