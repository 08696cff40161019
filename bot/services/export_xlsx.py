"""The period as an Excel workbook: a summary sheet, then one sheet per block.

Each block sheet lists every unit of the block in ranking order (units without a
report last), with status, index, classification and rank, the derived rates, then
every form field under its Vietnamese label. Numbers are real numbers with number
formats, so the office can sum and sort; text that looks like a formula stays text.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from openpyxl import Workbook
from openpyxl.cell.cell import Cell
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from bot.formatting import format_date, format_datetime, period_label
from bot.forms.answers import display_value
from bot.forms.schema import NUMERIC_TYPES, FieldSpec
from bot.services.export_data import (
    STATUS_NAMES,
    ExportBlock,
    ExportRow,
    PeriodExport,
    RateSpec,
    clean_text,
    number,
    percent,
)
from bot.texts import exports as T

INT_FORMAT = "#,##0"
DECIMAL_FORMAT = "#,##0.0#"
RATE_FORMAT = "0.00"
DATETIME_FORMAT = "dd/mm/yyyy hh:mm"
TEXT_WIDTH = 50
MIN_WIDTH = 6
MAX_WIDTH = 45
SHEET_TITLE_MAX = 31  # Excel's limit
_SHEET_FORBIDDEN = str.maketrans({c: "-" for c in "[]:*?/\\"})

HEADER_FONT = Font(bold=True)
HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
HEADER_ALIGN = Alignment(wrap_text=True, vertical="center", horizontal="center")
TOP_ALIGN = Alignment(vertical="top")
WRAP_ALIGN = Alignment(wrap_text=True, vertical="top")
THIN = Side(style="thin", color="A6A6A6")
HEADER_BORDER = Border(bottom=THIN)

Value = str | int | Decimal | datetime | None


@dataclass(frozen=True, slots=True)
class Column:
    header: str
    value: Callable[[ExportRow], Value]
    number_format: str | None = None
    wrap: bool = False
    width: int | None = None  # fixed width; otherwise from the content


def render_xlsx(data: PeriodExport) -> bytes:
    """The workbook as bytes (CPU-bound: call it in a worker thread)."""
    book = Workbook()
    summary = book.active
    assert summary is not None
    summary.title = T.XLSX_SUMMARY_SHEET
    _summary_sheet(summary, data)
    used = {summary.title}
    columns = _columns(data)
    for block in data.blocks:
        sheet = book.create_sheet(_sheet_title(block.block.name, used))
        _block_sheet(sheet, block, columns)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _sheet_title(name: str, used: set[str]) -> str:
    """The block's name as a tab: "Khối các trường THPT…" reads "Các trường THPT…",
    cut at a word to Excel's 31 characters, unique in the workbook."""
    base = clean_text(name).translate(_SHEET_FORBIDDEN).strip("' ")
    if base.lower().startswith(T.XLSX_BLOCK_PREFIX):
        base = base[len(T.XLSX_BLOCK_PREFIX) :].strip()
    base = (base[:1].upper() + base[1:]) or T.BLOCK
    title = _cut(base, SHEET_TITLE_MAX)
    n = 2
    while title.lower() in {u.lower() for u in used}:
        suffix = f" ({n})"
        title = _cut(base, SHEET_TITLE_MAX - len(suffix)) + suffix
        n += 1
    used.add(title)
    return title


def _cut(text: str, limit: int) -> str:
    if len(text) <= limit:
        return text
    head = text[: limit + 1]
    cut = head.rfind(" ")
    return (head[:cut] if cut > limit // 2 else text[:limit]).rstrip(" ,;–-")


# -- the block sheets ------------------------------------------------------------------


def _columns(data: PeriodExport) -> list[Column]:
    tz = data.tz

    def submitted_at(row: ExportRow) -> Value:
        if row.report is None:
            return None
        # Excel has no time zones: the office's local time, as it reads its clock.
        return row.report.submitted_at.astimezone(tz).replace(tzinfo=None)

    columns = [
        Column("STT", lambda r: None, INT_FORMAT, width=5),  # filled in by position
        Column(T.XLSX_COLUMN_UNIT_CODE, lambda r: r.unit.code),
        Column(T.XLSX_COLUMN_UNIT_NAME, lambda r: r.unit.name, width=40),
        Column(T.XLSX_COLUMN_DISTRICT, lambda r: r.unit.district or None),
        Column(T.XLSX_COLUMN_STATUS, lambda r: STATUS_NAMES[r.status], width=14),
        Column(T.XLSX_COLUMN_SUBMITTED_AT, submitted_at, DATETIME_FORMAT, width=17),
        Column(
            T.XLSX_COLUMN_VERSION, lambda r: r.report.version if r.report else None, INT_FORMAT
        ),
        Column(T.XLSX_COLUMN_REFERENCE, lambda r: r.report.reference if r.report else None),
    ]
    if data.scored:
        columns += [
            Column(T.INDEX, lambda r: r.index, RATE_FORMAT, width=10),
            Column(T.BAND, lambda r: r.band, width=14),
            Column(T.XLSX_COLUMN_RANK, lambda r: r.rank, INT_FORMAT, width=10),
        ]
    columns += [_rate_column(rate) for rate in data.rates]
    columns += [_field_column(spec) for spec in data.form.fields]
    return columns


def _rate_column(rate: RateSpec) -> Column:
    return Column(rate.label, lambda r: rate.of(r.answers) if r.report else None, RATE_FORMAT)


def _field_column(spec: FieldSpec) -> Column:
    def value(row: ExportRow) -> Value:
        raw = row.answers.get(spec.key)
        if raw is None:
            return None
        if spec.type in NUMERIC_TYPES:
            return number(spec, raw)  # a real number, so the office can sum and sort
        return display_value(spec, raw)  # type: ignore[arg-type]  # stored answers are JSON

    if spec.type == "integer":
        return Column(spec.label, value, INT_FORMAT)
    if spec.type in {"decimal", "percent"}:
        return Column(spec.label, value, DECIMAL_FORMAT)
    if spec.type == "text":
        return Column(spec.label, value, wrap=True, width=TEXT_WIDTH)
    return Column(spec.label, value)


def _block_sheet(sheet: Worksheet, block: ExportBlock, columns: Sequence[Column]) -> None:
    for c, column in enumerate(columns, start=1):
        cell = sheet.cell(row=1, column=c)
        _put(cell, column.header)  # the office's own form labels
        cell.font = HEADER_FONT
        cell.fill = HEADER_FILL
        cell.alignment = HEADER_ALIGN
        cell.border = HEADER_BORDER
    widths = [len(c.header) // 3 + 2 for c in columns]  # headers wrap onto ~3 lines
    for r, row in enumerate(block.rows, start=2):
        for c, column in enumerate(columns, start=1):
            value = r - 1 if c == 1 else column.value(row)
            cell = sheet.cell(row=r, column=c)
            _put(cell, value)
            if column.number_format is not None:
                cell.number_format = column.number_format
            cell.alignment = WRAP_ALIGN if column.wrap else TOP_ALIGN
            widths[c - 1] = max(widths[c - 1], _shown_width(value, column))
    sheet.row_dimensions[1].height = 75
    for c, column in enumerate(columns, start=1):
        width = column.width or min(max(widths[c - 1], MIN_WIDTH), MAX_WIDTH)
        sheet.column_dimensions[get_column_letter(c)].width = width
    # The header row stays on screen, and so do the number, code and name.
    sheet.freeze_panes = "D2"
    last = f"{get_column_letter(len(columns))}{max(len(block.rows) + 1, 2)}"
    sheet.auto_filter.ref = f"A1:{last}"


def _put(cell: Cell, value: Value) -> None:
    if isinstance(value, str):
        cell.value = clean_text(value)
        # Text starting with "=" is text, never a formula Excel would run: every string
        # of the workbook that is not our own comes through here.
        cell.data_type = "s"
    else:
        cell.value = value


def _shown_width(value: Value, column: Column) -> int:
    if value is None:
        return 0
    if isinstance(value, datetime):
        return 17
    if isinstance(value, int | Decimal):
        return len(f"{value:,}") + 2
    longest = max((len(line) for line in value.splitlines()), default=0)
    return longest + 2


# -- the summary sheet -----------------------------------------------------------------


def _summary_sheet(sheet: Worksheet, data: PeriodExport) -> None:
    period = data.period
    label = period_label(period.year, period.quarter)
    sheet["A1"] = T.XLSX_TITLE.format(period=label.upper())
    sheet["A1"].font = Font(bold=True, size=13)
    sheet["A2"] = T.XLSX_DATES.format(
        data_from=format_date(period.data_from),
        data_to=format_date(period.data_to),
        due=format_date(period.due_at.astimezone(data.tz)),
    )
    sheet["A3"] = T.XLSX_EXPORTED_AT.format(moment=format_datetime(data.exported_at, data.tz))
    if data.scored:
        # Which result the index, band and rank columns are, and whether it is published.
        sheet["A4"] = T.XLSX_RESULT.format(result=data.result, status=data.status)
    headers = T.XLSX_SUMMARY_HEADER
    top = 6
    for c, header in enumerate(headers, start=1):
        cell = sheet.cell(row=top, column=c, value=header)
        cell.font = HEADER_FONT
        cell.fill = HEADER_FILL
        cell.alignment = HEADER_ALIGN
    r = top
    for block in data.blocks:
        r += 1
        counts = [sum(1 for x in block.rows if x.status == s) for s in STATUS_NAMES]
        _summary_row(sheet, r, block.block.name, len(block.rows), counts)
    r += 1
    totals = [sum(1 for x in data.rows if x.status == s) for s in STATUS_NAMES]
    _summary_row(sheet, r, T.TOTAL, len(data.rows), totals)
    for c in range(1, len(headers) + 1):
        sheet.cell(row=r, column=c).font = HEADER_FONT
    sheet.column_dimensions["A"].width = 45
    for letter in "BCDEF":
        sheet.column_dimensions[letter].width = 13
    sheet.freeze_panes = f"A{top + 1}"


def _summary_row(sheet: Worksheet, r: int, name: str, total: int, counts: list[int]) -> None:
    _put(sheet.cell(row=r, column=1), name)  # a block's name, as the office typed it
    for c, value in enumerate([total, *counts], start=2):
        sheet.cell(row=r, column=c, value=value).number_format = INT_FORMAT
    # The same rounding as the draft report's table, so both files show the same rate.
    share = percent(Decimal(counts[0]), Decimal(total))
    sheet.cell(row=r, column=6, value=share).number_format = RATE_FORMAT
