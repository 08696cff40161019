"""Dates, reporting periods and sizes written the way Vietnamese offices write them.

Kept in one place so every message and export agrees: reports are filed per
quarter ("quý I/2025"), dates are day first, and decimals use a comma.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal
from typing import Final
from zoneinfo import ZoneInfo

from bot.numbers import format_number
from bot.texts import dates as texts

__all__ = ["format_date", "format_datetime", "format_size", "period_label", "quarter_roman"]

_ROMAN_QUARTERS: Final = ("I", "II", "III", "IV")
# Binary units because that is what Windows Explorer and Telegram show the
# user for the same file; anything else would look like a different size.
_SIZE_UNITS: Final = ("KB", "MB", "GB", "TB")
_UNIT: Final = 1024


def quarter_roman(q: int) -> str:
    """Official documents number quarters in Roman numerals."""
    if isinstance(q, bool) or not 1 <= q <= 4:
        raise ValueError(f"quarter must be 1-4, got {q!r}")
    return _ROMAN_QUARTERS[q - 1]


def period_label(year: int, quarter: int) -> str:
    """The reporting period as it appears in report titles, lower case to sit mid-sentence."""
    if isinstance(year, bool) or not 1 <= year <= 9999:
        raise ValueError(f"year out of range: {year!r}")
    return texts.PERIOD.format(quarter=quarter_roman(quarter), year=year)


def format_date(d: date | datetime) -> str:
    """Day first, zero-padded; a datetime is shown by its own calendar date, unconverted.

    Built by hand rather than with strftime, whose "%Y" does not pad years
    below 1000 on every platform.
    """
    return f"{d.day:02d}/{d.month:02d}/{d.year:04d}"


def format_datetime(dt: datetime, tz: ZoneInfo) -> str:
    """Clock time in the office's zone; naive input is refused rather than guessed at.

    A naive datetime has no defined instant, and ``astimezone`` would quietly
    read it as the server's local time, which is usually UTC, not Vietnam.
    """
    if dt.tzinfo is None or dt.utcoffset() is None:
        raise ValueError("datetime must be timezone-aware")
    local = dt.astimezone(tz)
    return texts.DATETIME.format(
        time=f"{local.hour:02d}:{local.minute:02d}", date=format_date(local)
    )


def format_size(n_bytes: int) -> str:
    """Human file size for upload limits and attachment lists.

    Under 100 of a unit one decimal is shown ("1,5 MB"); above that the
    decimal is noise ("820 KB").
    """
    if isinstance(n_bytes, bool) or n_bytes < 0:
        raise ValueError(f"size must be a non-negative int, got {n_bytes!r}")
    if n_bytes < _UNIT:
        return f"{format_number(n_bytes)} byte"
    value = Decimal(n_bytes)
    for unit in _SIZE_UNITS:
        value /= _UNIT
        decimals = 0 if value >= 100 else 1
        # Compare after rounding: 1023.9 KB would otherwise read "1.024 KB"
        # where the user expects "1 MB".
        if unit == _SIZE_UNITS[-1] or (value < _UNIT and _rounded(value, decimals) < _UNIT):
            return f"{format_number(value, max_decimals=decimals)} {unit}"
    raise AssertionError("unreachable")  # pragma: no cover


def _rounded(value: Decimal, decimals: int) -> Decimal:
    # Same rounding as format_number, so the unit chosen matches what is shown;
    # only called on values below 1024, so the default precision is ample.
    return value.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)


def format_points(value: Decimal | int) -> str:
    """Scores with exactly two decimals, Vietnamese style: "85,50", "1.234,00"."""
    return format_number(value, max_decimals=2, min_decimals=2)
