"""CSV cells for files the office opens in Excel: a unit's words stay words.

Excel runs a cell that starts with ``=``, ``+``, ``-`` or ``@`` as a formula (tab and
carriage return start one too), and a formula can fetch a URL with the sheet's data in
it or, in older versions, start a program. Text answers, file names, unit names and the
Telegram names of heads are typed by people outside the office, so every text cell of
every CSV we write goes through :func:`safe_cell`, which puts a single quote before such
text (OWASP's rule for CSV injection): a spreadsheet shows it as text.

Numbers are passed as numbers and written plain ("1250", "92.5", never "1E+3"), without
the quote, so a spreadsheet still sums them; a negative number is a number, not a
formula. Only the type of a cell decides: "-2" as text is quoted, -2 as int is not.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from decimal import Decimal
from typing import Protocol

FORMULA_TRIGGERS: frozenset[str] = frozenset("=+-@\t\r")

CsvCell = str | int | float | Decimal | None


class _Writable(Protocol):
    def write(self, s: str, /) -> object: ...


def safe_cell(value: CsvCell) -> str:
    """The cell as CSV text: text that could start a formula gets a leading ``'``.

    None is an empty cell. Numbers keep the precision the caller gave them
    (``Decimal("96.00")`` stays "96.00") and are never written in scientific notation.
    Raises TypeError for a bool (a yes-no is written in words, "có"/"không") and
    ValueError for a number that is not finite: both are bugs at the call site.
    """
    if value is None:
        return ""
    if isinstance(value, str):
        return "'" + value if value[:1] in FORMULA_TRIGGERS else value
    if isinstance(value, bool):
        raise TypeError("a yes-no answer is written in words, not as a bool")
    if isinstance(value, int):
        return str(value)
    number = Decimal(repr(value)) if isinstance(value, float) else value
    if not number.is_finite():
        raise ValueError(f"a CSV cell must be a finite number, not {value!r}")
    return format(number, "f")


class SafeCsvWriter:
    """``csv.writer`` whose every cell goes through :func:`safe_cell`.

    The dialect is csv's default (comma, CRLF, quotes only where needed), so a file
    without formula-like text is byte for byte what ``csv.writer`` writes.
    """

    __slots__ = ("_writer",)

    def __init__(self, out: _Writable) -> None:
        self._writer = csv.writer(out)

    def writerow(self, cells: Iterable[CsvCell]) -> None:
        """Write one row."""
        self._writer.writerow([safe_cell(cell) for cell in cells])

    def writerows(self, rows: Iterable[Iterable[CsvCell]]) -> None:
        """Write rows one after the other."""
        for row in rows:
            self.writerow(row)
