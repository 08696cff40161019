"""Filling the report's Excel template as a unit's staff would, for the tests.

Answers come from tests/reports.py VALID_ANSWERS by key, written into the row whose
hidden key column names the question (never a row number computed here): numbers as
numbers, choices and Có/Không by their label, text as text; skipped questions and
files stay empty (files go through Telegram).
"""

from __future__ import annotations

import io

from openpyxl import load_workbook

from bot.forms.schema import NUMERIC_TYPES, FormSpec
from bot.numbers import parse_number
from bot.services import report_workbook as rw
from bot.texts import workbook as wt
from tests.reports import VALID_ANSWERS

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

CellValue = str | int | float | bool | None


def rows(content: bytes) -> dict[str, int]:
    """The sheet's row of each question, by key (from the hidden key column)."""
    sheet = load_workbook(io.BytesIO(content))[wt.SHEET]
    found: dict[str, int] = {}
    for row in range(rw.FIRST_ROW, sheet.max_row + 1):
        key = sheet.cell(row, rw.KEY_COL).value
        if isinstance(key, str):
            found[key] = row
    return found


def cells(content: bytes, col: int = rw.ANSWER_COL) -> dict[str, object]:
    """One column's values, by the row's key (the answers, by default)."""
    sheet = load_workbook(io.BytesIO(content))[wt.SHEET]
    return {key: sheet.cell(row, col).value for key, row in rows(content).items()}


def fill(content: bytes, answers: dict[str, CellValue]) -> bytes:
    """The workbook with these answer cells set (None empties a cell)."""
    book = load_workbook(io.BytesIO(content))
    sheet = book[wt.SHEET]
    where = rows(content)
    for key, value in answers.items():
        sheet.cell(where[key], rw.ANSWER_COL).value = value
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def valid_cells(
    form: FormSpec, overrides: dict[str, CellValue] | None = None
) -> dict[str, CellValue]:
    """A valid answer cell for every question of ``form`` that Excel takes."""
    filled: dict[str, CellValue] = {}
    for spec in form.fields:
        given = VALID_ANSWERS[spec.key]
        if spec.type == "file" or given == "skip":
            continue
        if given.startswith("button:"):
            filled[spec.key] = given.removeprefix("button:")
        elif spec.type in NUMERIC_TYPES:
            number = parse_number(given, allow_percent_sign=True)
            whole = number == number.to_integral_value()
            filled[spec.key] = int(number) if whole else float(number)
        else:
            filled[spec.key] = given
    return {**filled, **(overrides or {})}
