"""Reading the office's tables (CSV or XLSX) into rows keyed by column, with line numbers.

Offices keep their lists in Excel, so every import reads XLSX as well as CSV (UTF-8 with
or without a BOM, comma- or semicolon-separated, as Excel writes it in Vietnamese
locales). Headers are matched without regard to case or diacritics against the aliases
each import declares, so "Mã đơn vị" and "ma_don_vi" are the same column. Every row
keeps the line it came from: imports name each wrong row so the office fixes the file in
one pass.
"""

from __future__ import annotations

import csv
import io
import unicodedata
import zipfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from bot.texts import exports as T


class TableError(ValueError):
    """The file cannot be read as a table; the message is Vietnamese, for the office."""


@dataclass(frozen=True, slots=True)
class TableRow:
    line: int
    values: dict[str, str]


def read_table(
    path: Path, *, aliases: Mapping[str, str], required: Sequence[str], header_hint: str
) -> list[TableRow]:
    """The file's data rows keyed by column (blank rows skipped).

    ``aliases`` maps folded header titles to column names; columns not named there are
    the office's own business and ignored. ``header_hint`` ends the message for a
    header that lacks a required column.
    """
    return _keyed(read_records(path), aliases, required, header_hint)


def read_records(path: Path) -> list[tuple[int, list[str]]]:
    """Every line of the file as (line number, cells), before any header handling."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise TableError(T.TABLE_NOT_FOUND.format(path=path)) from None
    except OSError as exc:
        raise TableError(T.TABLE_UNREADABLE.format(path=path, error=exc.strerror or exc)) from None
    suffix = path.suffix.casefold()
    if suffix in {".xlsx", ".xlsm"} or (suffix not in {".csv", ".txt"} and data[:2] == b"PK"):
        return _xlsx_records(data)
    if suffix in {".csv", ".txt", ""}:
        return _csv_records(data)
    raise TableError(T.TABLE_UNSUPPORTED.format(suffix=path.suffix))


def fold(text: str) -> str:
    """Lower case without diacritics, so "Mã đơn vị" and "ma don vi" are one header."""
    for letter, plain in T.FOLD_LETTERS.items():
        text = text.replace(letter, plain)
    decomposed = unicodedata.normalize("NFD", text)
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(bare.casefold().replace("_", " ").split())


def _csv_records(data: bytes) -> list[tuple[int, list[str]]]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise TableError(T.TABLE_NOT_UTF8) from None
    first_line = next((line for line in text.splitlines() if line.strip()), "")
    # The header has no quoted commas, so its separators tell the file's delimiter;
    # Excel in a Vietnamese locale separates with ";".
    delimiter = max((",", ";", "\t"), key=first_line.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        return [(line, row) for line, row in enumerate(reader, start=1)]
    except csv.Error as exc:
        raise TableError(T.TABLE_BAD_CSV.format(line=reader.line_num, error=exc)) from None


def _xlsx_records(data: bytes) -> list[tuple[int, list[str]]]:
    from openpyxl import load_workbook  # imported here: only XLSX imports pay for it

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError):
        raise TableError(T.TABLE_BAD_XLSX) from None
    try:
        if not workbook.worksheets:
            return []
        sheet = workbook.worksheets[0]
        return [
            (line, [_cell_text(value) for value in row])
            for line, row in enumerate(sheet.iter_rows(values_only=True), start=1)
        ]
    finally:
        workbook.close()


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    # Excel stores a numeric code such as 101 as 101.0; the office typed "101".
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _keyed(
    records: Sequence[tuple[int, list[str]]],
    aliases: Mapping[str, str],
    required: Sequence[str],
    header_hint: str,
) -> list[TableRow]:
    nonblank = [(line, row) for line, row in records if any(cell.strip() for cell in row)]
    if not nonblank:
        raise TableError(T.TABLE_EMPTY.format(hint=header_hint))
    header_line, header = nonblank[0]
    positions: dict[str, int] = {}
    for index, title in enumerate(header):
        column = aliases.get(fold(title))
        if column is None:
            continue
        if column in positions:
            raise TableError(T.TABLE_DUPLICATE_COLUMN.format(line=header_line, column=column))
        positions[column] = index
    missing = [c for c in required if c not in positions]
    if missing:
        raise TableError(
            T.TABLE_MISSING_COLUMNS.format(
                line=header_line, columns=", ".join(missing), hint=header_hint
            )
        )
    return [
        TableRow(
            line,
            {
                column: (row[index] if index < len(row) else "").strip()
                for column, index in positions.items()
            },
        )
        for line, row in nonblank[1:]
    ]
