"""Exporting a period's reports: CSV for machines, XLSX for the office, DOCX to sign.

One row per unit on the roster, including units that have not reported, so the office
can see gaps at a glance and the file's row count never depends on who was on time.
Only submitted reports carry values: a draft is work in progress that its unit has
not vouched for, so it shows up as a status and nothing more.

The workbook and the draft report are built in a worker thread (``asyncio.to_thread``):
a few hundred units take a noticeable moment of CPU, and the bot keeps answering.
"""

from __future__ import annotations

import asyncio
import io
from dataclasses import dataclass
from typing import Literal, TextIO
from zoneinfo import ZoneInfo

from bot.clock import Clock, utc_now
from bot.csv_cells import CsvCell, SafeCsvWriter
from bot.domain.models import Period
from bot.forms.answers import export_value
from bot.identity import PlanIdentity
from bot.services.export_data import ExportBlock, ExportRow, PeriodExport
from bot.services.office import BlockProgress, OfficeService, PeriodProgress
from bot.services.standings import BlockRanking, StandingsService, result_name, result_status
from bot.yearbook import YearBook
from storage.database import Database

ExportFormat = Literal["csv", "xlsx", "docx"]
EXPORT_FORMATS: tuple[ExportFormat, ...] = ("xlsx", "docx", "csv")
MIME_TYPES: dict[str, str] = {
    "csv": "text/csv",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}

DEFAULT_TZ = ZoneInfo("Asia/Ho_Chi_Minh")
FIXED_COLUMNS: tuple[str, ...] = (
    "unit_code",
    "unit_name",
    "block",
    "status",
    "submitted_at",
    "version",
)


@dataclass(frozen=True, slots=True)
class ExportFile:
    """An export ready to save or send."""

    file_name: str
    content: bytes
    mime_type: str
    units: int
    submitted: int


def file_name(period: Period, fmt: str) -> str:
    """E.g. ``cchc-2025-Q1.xlsx``; the draft report reads as what it is."""
    stem = "bao-cao-cchc" if fmt == "docx" else "cchc"
    return f"{stem}-{period.code}.{fmt}"


class ExportService:
    """Reports of one period as tables and as a draft report."""

    def __init__(
        self,
        db: Database,
        rules: YearBook,
        *,
        tz: ZoneInfo = DEFAULT_TZ,
        standings: StandingsService | None = None,
        clock: Clock = utc_now,
        identity: PlanIdentity | None = None,
    ) -> None:
        self._office = OfficeService(db)
        # Who issues the draft report and under which plan (its header and opening).
        self.identity = identity if identity is not None else PlanIdentity()
        self._rules = rules
        self._tz = tz
        self._standings = standings
        self._clock = clock

    def columns(self, period: Period) -> list[str]:
        """Fixed columns, then one per field of the period's form, in asking order."""
        return [*FIXED_COLUMNS, *(f.key for f in self._rules.form(period.year).fields)]

    async def period_csv(self, period: Period, out: TextIO) -> int:
        """Write the period as CSV (header first) and return the number of unit rows.

        Numbers are written plain ("1250", "92.5") so spreadsheets read them as numbers
        whatever their locale; times carry their UTC offset so nothing is ambiguous.
        Text that a spreadsheet would run as a formula is written as text (see
        :mod:`bot.csv_cells`): the units' words are not the office's commands.
        """
        return self._write_csv(period, await self._office.progress(period), out)

    def _write_csv(self, period: Period, progress: PeriodProgress, out: TextIO) -> int:
        form = self._rules.form(period.year)
        writer = SafeCsvWriter(out)
        writer.writerow(self.columns(period))
        written = 0
        for block in progress.blocks:
            for item in block.units:
                report = item.report
                row: list[CsvCell] = [item.unit.code, item.unit.name, item.unit.block, item.status]
                if report is None:
                    row += ["", ""]
                    row += ["" for _ in form.fields]
                else:
                    submitted = report.submitted_at.astimezone(self._tz)
                    row += [submitted.isoformat(timespec="seconds"), report.version]
                    row += [
                        export_value(spec, report.answers.get(spec.key)) for spec in form.fields
                    ]
                writer.writerow(row)
                written += 1
        return written

    async def render(self, period: Period, fmt: ExportFormat) -> ExportFile:
        """The period in one format; CSV carries a BOM so Excel reads the diacritics."""
        if fmt == "csv":
            progress = await self._office.progress(period)
            out = io.StringIO(newline="")
            units = self._write_csv(period, progress, out)
            submitted = progress.count("submitted")
            content = ("\ufeff" + out.getvalue()).encode("utf-8")
        else:
            data = await self.gather(period)
            content = await asyncio.to_thread(_render, fmt, data)
            units, submitted = len(data.rows), len(data.submitted)
        return ExportFile(file_name(period, fmt), content, MIME_TYPES[fmt], units, submitted)

    async def gather(self, period: Period) -> PeriodExport:
        """Every unit of the roster by block, with its latest report and its standing.

        Within a block, units come in ranking order when standings are known (units
        without a report last, alphabetically), else by code.
        """
        progress = await self._office.progress(period)
        standings = self._standings
        rankings: dict[str, BlockRanking] = {}
        published = False
        result = status = ""
        if standings is not None:
            scope = standings.parse_scope(period.code)
            publication = await standings.publication(scope)
            published = publication is not None
            result, status = result_name(scope), result_status(scope, publication, self._tz)
            for block in progress.blocks:
                code = block.block.code
                rankings[code] = await standings.block_ranking(scope, code)
        return PeriodExport(
            period=period,
            form=self._rules.form(period.year),
            methodology=self._rules.methodology(period.year),
            blocks=tuple(
                ExportBlock(b.block, _rows(b, rankings.get(b.block.code))) for b in progress.blocks
            ),
            tz=self._tz,
            exported_at=self._clock(),
            scored=standings is not None,
            published=published,
            identity=self.identity,
            result=result,
            status=status,
        )


def _rows(block: BlockProgress, ranking: BlockRanking | None) -> tuple[ExportRow, ...]:
    """The block's units in ranking order, each with its standing; the rest after."""
    by_code = {item.unit.code: item for item in block.units}
    rows: list[ExportRow] = []
    for ranked in ranking.rows if ranking is not None else ():
        item = by_code.pop(ranked.unit.code, None)
        if item is None:
            continue
        score = ranked.score if item.report is not None else None
        rows.append(
            ExportRow(
                unit=item.unit,
                status=item.status,
                report=item.report,
                rank=ranked.ranked.rank if score is not None else None,
                index=score.index if score is not None else None,
                band=score.band if score is not None else None,
            )
        )
    rows += [
        ExportRow(unit=item.unit, status=item.status, report=item.report)
        for item in by_code.values()
    ]
    return tuple(rows)


def _render(fmt: ExportFormat, data: PeriodExport) -> bytes:
    # Imported on first use: openpyxl and python-docx (with lxml) weigh some 15 MB,
    # which a bot that exports a few times a quarter should not carry from start-up.
    if fmt == "xlsx":
        from bot.services.export_xlsx import render_xlsx

        return render_xlsx(data)
    from bot.services.export_docx import render_docx

    return render_docx(data)
