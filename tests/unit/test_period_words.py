"""The one period parser reads back every way the bot writes a period.

Issue 11: "office period commands accept what the bot itself writes ("quý IV/2026") as
well as `2026-Q4`". So every label the bot prints — the code, "quý IV/2026", the title
with the year-report note of a fourth quarter — parses back to the same quarter, also
typed with a capital, without diacritics, or split into words by Telegram.
"""

from __future__ import annotations

import unicodedata
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.formatting import period_label
from bot.services.periods import (
    default_period,
    label_of,
    parse_period_code,
    period_code,
    take_period,
)
from handlers.reminders import period_title

HCM = ZoneInfo("Asia/Ho_Chi_Minh")

# Periods are written with four-digit years ("quý I/2025"); the campaign's are.
years = st.integers(min_value=1000, max_value=9999)
quarters = st.integers(min_value=1, max_value=4)


def written(year: int, quarter: int) -> list[str]:
    """Every way the bot writes the period, and the ways people retype it."""
    label = period_label(year, quarter)
    title = period_title(default_period(year, quarter, tz=HCM, due_day=15))
    return [
        period_code(year, quarter),
        label,
        label[0].upper() + label[1:],
        label.upper(),
        title,
        title[0].upper() + title[1:],
        f"quý {quarter}/{year}",
        f"quy {quarter}/{year}",
        f"Q{quarter}/{year}",
        unicodedata.normalize("NFD", label),
    ]


@given(years, quarters)
def test_every_period_the_bot_writes_parses_back(year: int, quarter: int) -> None:
    for text in written(year, quarter):
        assert parse_period_code(text) == (year, quarter), text
    assert label_of(period_code(year, quarter)) == period_label(year, quarter)


@given(
    years,
    quarters,
    st.sampled_from(["", "THPT-QH", "THPT-QH 3"]),
    st.sampled_from(["", "đóng", "due 20/06/2025"]),
)
def test_a_period_split_into_words_is_found_among_the_others(
    year: int, quarter: int, before: str, after: str
) -> None:
    for text in written(year, quarter):
        words = [*before.split(), *text.split(), *after.split()]
        found, rest = take_period(words)
        assert found is not None
        assert parse_period_code(found) == (year, quarter)
        assert rest == [*before.split(), *after.split()]


@given(st.text(max_size=40))
def test_any_text_is_read_or_refused_never_an_error(text: str) -> None:
    parsed = parse_period_code(text)
    assert parsed is None or (1 <= parsed[1] <= 4 and 1000 <= parsed[0] <= 9999)
    words = text.split()
    found, rest = take_period(words)
    if found is None:
        assert rest == words
    else:
        assert parse_period_code(found) is not None
        assert len(rest) < len(words)


@pytest.mark.parametrize(
    "text",
    [
        "quý V/2025",
        "quý 5/2025",
        "quý IV/25",
        "quý IV-2025",
        "quý IV/2025 (báo cáo năm 2024)",  # a note of another year names no period
        "IIII/2025",
        "2025",
        "năm 2025",
    ],
)
def test_what_is_no_period(text: str) -> None:
    assert parse_period_code(text) is None


def test_the_fourth_quarter_with_its_year_report_note() -> None:
    assert parse_period_code("quý IV/2026 (báo cáo năm 2026)") == (2026, 4)
    assert take_period(["/period", "quý", "IV/2026", "đóng"]) == (
        "quý IV/2026",
        ["/period", "đóng"],
    )
