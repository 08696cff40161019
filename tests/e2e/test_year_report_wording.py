"""The fourth quarter's report is also the year report (Decree 09/2019/NĐ-CP, as the
domain notes say: "The Q4 report is also the year report"), so it asks for next year's
direction, not next quarter's."""

from __future__ import annotations

from datetime import UTC, datetime

from bot.app import services_of
from bot.standin import BotApiStandin
from handlers.context import App
from tests.clock import FakeClock
from tests.e2e.conftest import bound_user
from tests.reports import fill
from tests.rules import YEAR

FIELD = "next_quarter"


async def test_the_fourth_quarter_asks_for_next_years_direction(
    standin: BotApiStandin, app: App, clock: FakeClock
) -> None:
    services = services_of(app)
    spec = services.rules.form(YEAR).field(FIELD)
    assert spec.label_q4 is not None
    assert spec.label_q4 != spec.label
    head = await bound_user(standin, services, 7401, "THPT-QH")
    membership = (await services.registration.identify(7401)).membership
    assert membership is not None

    for (year, month), label, other in (
        ((2025, 11), spec.label_q4, spec.label),
        ((2026, 2), spec.label, spec.label_q4),
    ):
        clock.now = datetime(year, month, 20, 2, tzinfo=UTC)
        await fill(services, membership, stop_at=FIELD)  # the answers before it, as typed
        await head.send("/report")
        shown = await head.expect(label)
        assert other not in shown.text
