"""Tests for bot.formatting: quarters, dates, times and file sizes."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.formatting import (
    format_date,
    format_datetime,
    format_points,
    format_size,
    period_label,
    quarter_roman,
)
from bot.numbers import format_number, parse_number

VN = ZoneInfo("Asia/Ho_Chi_Minh")


@pytest.mark.parametrize(("q", "expected"), [(1, "I"), (2, "II"), (3, "III"), (4, "IV")])
def test_quarter_roman(q: int, expected: str) -> None:
    assert quarter_roman(q) == expected


@pytest.mark.parametrize("q", [0, 5, -1, 100, True])
def test_quarter_roman_rejects_other_values(q: int) -> None:
    with pytest.raises(ValueError, match="quarter"):
        quarter_roman(q)


@pytest.mark.parametrize(
    ("year", "quarter", "expected"),
    [(2025, 1, "quý I/2025"), (2025, 4, "quý IV/2025"), (2030, 3, "quý III/2030")],
)
def test_period_label(year: int, quarter: int, expected: str) -> None:
    assert period_label(year, quarter) == expected


@pytest.mark.parametrize(("year", "quarter"), [(2025, 0), (2025, 5), (0, 1), (10000, 1)])
def test_period_label_rejects_bad_input(year: int, quarter: int) -> None:
    with pytest.raises(ValueError, match="quarter|year"):
        period_label(year, quarter)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (date(2025, 3, 15), "15/03/2025"),
        (date(2025, 12, 1), "01/12/2025"),
        (date(999, 1, 2), "02/01/0999"),
        (datetime(2025, 3, 15, 23, 59), "15/03/2025"),  # noqa: DTZ001 - naive on purpose
        # an aware datetime shows its own date, not converted to any zone
        (datetime(2025, 3, 15, 23, 59, tzinfo=UTC), "15/03/2025"),
    ],
)
def test_format_date(value: date, expected: str) -> None:
    assert format_date(value) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (datetime(2025, 3, 15, 9, 14, tzinfo=VN), "09:14 ngày 15/03/2025"),
        (datetime(2025, 3, 15, 2, 14, 59, tzinfo=UTC), "09:14 ngày 15/03/2025"),
        # converting crosses midnight, so the date changes too
        (datetime(2025, 3, 15, 18, 30, tzinfo=UTC), "01:30 ngày 16/03/2025"),
        (datetime(2025, 1, 1, 0, 0, tzinfo=timezone(timedelta(hours=9))), "22:00 ngày 31/12/2024"),
    ],
)
def test_format_datetime(value: datetime, expected: str) -> None:
    assert format_datetime(value, VN) == expected


def test_format_datetime_uses_the_given_zone() -> None:
    moment = datetime(2025, 3, 15, 2, 14, tzinfo=UTC)
    assert format_datetime(moment, ZoneInfo("UTC")) == "02:14 ngày 15/03/2025"


def test_format_datetime_rejects_naive() -> None:
    with pytest.raises(ValueError, match="aware"):
        format_datetime(datetime(2025, 3, 15, 9, 14), VN)  # noqa: DTZ001


@pytest.mark.parametrize(
    ("n_bytes", "expected"),
    [
        (0, "0 byte"),
        (12, "12 byte"),
        (1023, "1.023 byte"),
        (1024, "1 KB"),
        (1536, "1,5 KB"),
        (10 * 1024 + 100, "10,1 KB"),
        (820 * 1024, "820 KB"),
        (820 * 1024 + 400, "820 KB"),
        (1024 * 1024 - 1, "1 MB"),  # 1023,999 KB must not read "1.024 KB"
        (int(1.5 * 1024**2), "1,5 MB"),
        (20 * 1024**2, "20 MB"),
        (int(2.25 * 1024**3), "2,3 GB"),  # rounds half up
        (5 * 1024**4, "5 TB"),
        (5000 * 1024**4, "5.000 TB"),
    ],
)
def test_format_size(n_bytes: int, expected: str) -> None:
    assert format_size(n_bytes) == expected


@pytest.mark.parametrize("n_bytes", [-1, True])
def test_format_size_rejects_bad_input(n_bytes: int) -> None:
    with pytest.raises(ValueError, match="size"):
        format_size(n_bytes)


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        ("85.5", "85,50"),
        ("1234", "1.234,00"),
        ("0", "0,00"),
        ("99.995", "100,00"),
        ("-2.5", "-2,50"),
    ],
)
def test_points_have_two_decimals(value: str, shown: str) -> None:
    assert format_points(Decimal(value)) == shown
    # One formatter of numbers: a score is format_number with its two decimals kept.
    assert shown == format_number(Decimal(value), min_decimals=2)
    assert parse_number(shown.removeprefix("-")) == abs(Decimal(value)).quantize(Decimal("0.01"))


@given(st.decimals(min_value=0, max_value=Decimal("999999999999.99"), places=2))
def test_points_read_back_as_the_score(value: Decimal) -> None:
    assert parse_number(format_points(value)) == value
