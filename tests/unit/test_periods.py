"""Reporting periods follow Decree 09/2019: data windows and default deadlines."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.services.container import Services
from bot.services.periods import default_period, parse_period_code, quarter_of, shift_quarter

HCM = ZoneInfo("Asia/Ho_Chi_Minh")


@pytest.mark.parametrize(
    ("year", "quarter", "data_from", "data_to", "due"),
    [
        (
            2025,
            1,
            date(2024, 12, 15),
            date(2025, 3, 14),
            datetime(2025, 3, 15, 23, 59, 59, tzinfo=HCM),
        ),
        (
            2025,
            2,
            date(2025, 3, 15),
            date(2025, 6, 14),
            datetime(2025, 6, 15, 23, 59, 59, tzinfo=HCM),
        ),
        (
            2025,
            3,
            date(2025, 6, 15),
            date(2025, 9, 14),
            datetime(2025, 9, 15, 23, 59, 59, tzinfo=HCM),
        ),
        (
            2025,
            4,
            date(2025, 9, 15),
            date(2025, 12, 14),
            datetime(2025, 12, 15, 23, 59, 59, tzinfo=HCM),
        ),
    ],
)
def test_default_windows(
    year: int, quarter: int, data_from: date, data_to: date, due: datetime
) -> None:
    period = default_period(year, quarter, tz=HCM, due_day=15)
    assert period.code == f"{year}-Q{quarter}"
    assert (period.data_from, period.data_to) == (data_from, data_to)
    assert period.due_at == due


@pytest.mark.parametrize(
    ("text", "parsed"),
    [
        ("2025-Q1", (2025, 1)),
        ("2025q4", (2025, 4)),
        (" 2026 - q2 ", (2026, 2)),
        ("2025-Q5", None),
        ("Q1-2025", None),
        ("", None),
    ],
)
def test_period_codes(text: str, parsed: tuple[int, int] | None) -> None:
    assert parse_period_code(text) == parsed


def test_quarter_of() -> None:
    assert quarter_of(date(2026, 11, 22)) == (2026, 4)
    assert quarter_of(date(2026, 1, 1)) == (2026, 1)


@given(st.integers(min_value=2000, max_value=2100), st.integers(1, 4), st.integers(-40, 40))
def test_shifting_quarters_is_counting_quarters(year: int, quarter: int, by: int) -> None:
    shifted = shift_quarter(year, quarter, by)
    assert 1 <= shifted[1] <= 4
    assert (shifted[0] * 4 + shifted[1]) - (year * 4 + quarter) == by
    assert shift_quarter(*shifted, -by) == (year, quarter)


def test_shifting_across_a_year_end() -> None:
    assert shift_quarter(2025, 1, -1) == (2024, 4)
    assert shift_quarter(2024, 4, 1) == (2025, 1)
    assert shift_quarter(2025, 3, -7) == (2023, 4)


async def test_a_quarter_just_set_up_is_offered_while_another_read_holds_the_reader(
    services: Services,
) -> None:
    """Concurrent requests share the reader connection: a read one of them began before
    the current quarter was set up holds the reader's snapshot, and the quarter is not
    in it yet. The unit must still be offered the quarter (not told it is closed)."""
    async with services.db.reader.execute("SELECT code FROM units") as other:
        await other.fetchone()  # another request, mid-read
        offered = await services.periods.open_for_submission("THPT-QH")
        recent = await services.periods.list_recent(2)
    current = await services.periods.current()
    assert [p.code for p in offered] == [current.code]
    assert current.code in [p.code for p in recent]
