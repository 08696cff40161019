"""Exporting a period's reports for the office's spreadsheets.

One row per unit on the roster, including units that have not reported, so the office
can see gaps at a glance and the file's row count never depends on who was on time.
Only submitted reports carry values: a draft is work in progress that its unit has
not vouched for, so it shows up as a status and nothing more.
"""

from __future__ import annotations

import csv
from typing import TextIO
from zoneinfo import ZoneInfo

from bot.domain.models import Period
from bot.forms.answers import export_value
from bot.forms.schema import FormSpec
from bot.services.office import OfficeService
from storage.database import Database

DEFAULT_TZ = ZoneInfo("Asia/Ho_Chi_Minh")
FIXED_COLUMNS: tuple[str, ...] = (
    "unit_code",
    "unit_name",
    "block",
    "status",
    "submitted_at",
    "version",
)


class ExportService:
    """Reports of one period as machine-readable tables."""

    def __init__(self, db: Database, form: FormSpec, *, tz: ZoneInfo = DEFAULT_TZ) -> None:
        self._office = OfficeService(db)
        self._form = form
        self._tz = tz

    @property
    def columns(self) -> list[str]:
        """Fixed columns, then one per form field in asking order."""
        return [*FIXED_COLUMNS, *(f.key for f in self._form.fields)]

    async def period_csv(self, period: Period, out: TextIO) -> int:
        """Write the period as CSV (header first) and return the number of unit rows.

        Numbers are written plain ("1250", "92.5") so spreadsheets read them as numbers
        whatever their locale; times carry their UTC offset so nothing is ambiguous.
        """
        writer = csv.writer(out)
        writer.writerow(self.columns)
        progress = await self._office.progress(period)
        written = 0
        for block in progress.blocks:
            for item in block.units:
                report = item.report
                row = [item.unit.code, item.unit.name, item.unit.block, item.status]
                if report is None:
                    row += ["", ""]
                    row += ["" for _ in self._form.fields]
                else:
                    submitted = report.submitted_at.astimezone(self._tz)
                    row += [submitted.isoformat(timespec="seconds"), str(report.version)]
                    row += [
                        export_value(spec, report.answers.get(spec.key))
                        for spec in self._form.fields
                    ]
                writer.writerow(row)
                written += 1
        return written
