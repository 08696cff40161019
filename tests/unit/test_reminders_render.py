"""What the office actually reads: the daily digest and the automatic late list, rendered
as the desk job sends them (the schedule's tests stop at the notices)."""

from __future__ import annotations

from types import SimpleNamespace
from typing import cast

from bot.services.container import Services
from bot.services.reminders import Digest, LateList
from handlers.context import BotContext
from handlers.reminders import render
from tests.clock import FakeClock
from tests.reports import bind, submit
from tests.unit.test_reminders import HEAD_PGD, HEAD_QH, HEAD_TT, local


def as_context(services: Services) -> BotContext:
    return cast(BotContext, SimpleNamespace(services=services))


async def test_the_digest_shows_counts_by_block_and_what_came_in(
    services: Services, clock: FakeClock
) -> None:
    await bind(services, HEAD_QH, "THPT-QH")
    clock.now = local(13, 3, 15, 0)
    await submit(services, await bind(services, HEAD_TT, "TT-GDTX"))
    clock.now = local(14, 3, 8, 0)
    (digest,) = [n for n in await services.desk.due() if isinstance(n, Digest)]
    text, markup = render(as_context(services), digest)
    assert markup is None
    assert "Tình hình báo cáo CCHC quý I/2025, ngày 14/03/2025" in text
    assert "Hạn nộp: 23:59 ngày 15/03/2025 (còn 1 ngày)" in text
    assert f"Đã gửi: <b>1/{digest.desk.total}</b> đơn vị" in text
    assert "• TT-GDTX — " in text  # submitted within the last 24 hours: listed as new
    assert "(lần 1, 15:00 ngày 13/03/2025)" in text
    assert "Quá hạn chưa nộp" not in text
    assert "<code>/late 2025-Q1</code>" in text


async def test_the_late_list_names_the_late_units_by_block_with_the_buttons(
    services: Services, clock: FakeClock
) -> None:
    await bind(services, HEAD_PGD, "PGD-QN")
    await submit(services, await bind(services, HEAD_TT, "TT-GDTX"))
    clock.now = local(16, 3, 7, 0)
    (late_list,) = [n for n in await services.desk.due() if isinstance(n, LateList)]
    text, markup = render(as_context(services), late_list)
    assert text.startswith("⏰ Kỳ báo cáo quý I/2025 đã hết hạn nộp lúc 23:59 ngày 15/03/2025.")
    total = late_list.desk.total
    assert f"Đã gửi: 1/{total} · Quá hạn: <b>{total - 1}</b>" in text
    assert "• PGD-QN — " in text
    assert "• TT-GDTX — " not in text
    assert markup is not None
    data = [b.callback_data for row in markup.inline_keyboard for b in row]
    assert data == ["rm:n:2025-Q1", "rm:r:2025-Q1"]
