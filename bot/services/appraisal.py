"""The office's appraisal (thẩm định) of units' scores, and units' explanations (giải trình).

The office has the final word on every criterion: an appraisal replaces what the
report gave. So that a unit can see exactly what changed and answer it, a score sheet
always shows both figures side by side — the points from the unit's own report (computed
from its numbers, or claimed by it) and the office's — and every change is in the audit
log with the points before and after. Imports are all or nothing, like the roster's:
every row is checked first, and each wrong row is named by its line.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from bot.clock import Clock, to_iso
from bot.domain.models import Unit
from bot.numbers import NumberError, format_number, parse_number
from bot.scoring.engine import UnitScore, score_unit
from bot.scoring.methodology import Criterion, Methodology
from bot.services.conversations import Ending, end_in
from bot.services.periods import PeriodService, parse_period_code, period_code
from bot.tabular import TableError, TableRow, read_table
from bot.texts import appraisal as T
from bot.yearbook import YearBook
from storage import audit, inspections, reports, standings, units
from storage.database import Database
from storage.standings import Appraisal, Explanation

REASON_LIMIT = 500
EXPLANATION_LIMIT = 2000

_COLUMNS = ("unit_code", "criterion", "points", "reason")
_ALIASES = {
    "unit code": "unit_code",
    "unit": "unit_code",
    "code": "unit_code",
    "ma don vi": "unit_code",
    "don vi": "unit_code",
    "criterion": "criterion",
    "tieu chi": "criterion",
    "ma tieu chi": "criterion",
    "points": "points",
    "diem": "points",
    "diem tham dinh": "points",
    "reason": "reason",
    "ly do": "reason",
    "period": "period",
    "ky": "period",
    "ky bao cao": "period",
}


class AppraisalError(ValueError):
    """An appraisal or explanation is refused: a code and its values. Its message is the
    sentence the chat and the CLI show (rendered by :mod:`bot.texts.appraisal`)."""

    def __init__(self, problem: T.Problem, **values: object) -> None:
        super().__init__(T.refusal(problem, values))
        self.problem: T.Problem = problem
        self.values = values


@dataclass(frozen=True, slots=True)
class SheetLine:
    """One criterion of a unit's quarter: the report's points beside the office's."""

    criterion: Criterion
    group: str  # the lĩnh vực's title
    applicable: bool
    reported: Decimal | None  # from the report (computed or claimed); None: not applicable
    appraisal: Appraisal | None
    final: Decimal | None
    detail: str

    @property
    def adjusted(self) -> bool:
        """The office changed what the report gave."""
        return self.appraisal is not None and self.appraisal.points != self.reported


@dataclass(frozen=True, slots=True)
class Sheet:
    unit: Unit
    period_code: str
    submitted: bool
    lines: tuple[SheetLine, ...]
    reported: UnitScore | None
    final: UnitScore | None

    def line(self, key: str) -> SheetLine | None:
        return next((line for line in self.lines if line.criterion.key == key), None)

    @property
    def adjustments(self) -> tuple[SheetLine, ...]:
        return tuple(line for line in self.lines if line.adjusted)


@dataclass(frozen=True, slots=True)
class Change:
    """What an appraisal did, for the office's confirmation and the unit's notice."""

    unit: Unit
    period_code: str
    criterion: Criterion
    points: Decimal
    reason: str
    before: Appraisal | None
    reported: Decimal | None


@dataclass(frozen=True, slots=True)
class ImportResult:
    changes: list[Change] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors


@dataclass(frozen=True, slots=True)
class _Checked:
    unit: Unit
    period_code: str
    criterion: Criterion
    points: Decimal
    reason: str


class AppraisalService:
    def __init__(
        self, db: Database, clock: Clock, rules: YearBook, periods: PeriodService
    ) -> None:
        self._db = db
        self._clock = clock
        self._rules = rules
        self._periods = periods

    def methodology(self, period: str) -> Methodology:
        """The criteria of the period's year ("2026-Q4" or "2026")."""
        return self._rules.methodology(int(period[:4]))

    # -- reading -----------------------------------------------------------------------

    async def sheet(self, unit_code: str, period: str) -> Sheet:
        """The unit's score sheet for a quarter, the report's points beside the office's."""
        conn = self._db.reader
        unit = await self._unit(unit_code)
        report = await reports.latest_report(conn, unit.code, period)
        appraised = await standings.unit_appraisals(conn, unit.code, period)
        inspected = unit.code in await inspections.inspected(conn, int(period[:4]))
        methodology = self.methodology(period)
        reported = final = None
        if report is not None:
            reported = score_unit(
                methodology, block=unit.block, answers=report.answers, inspected=inspected
            )
            final = score_unit(
                methodology,
                block=unit.block,
                answers=report.answers,
                appraisals={k: a.points for k, a in appraised.items()},
                inspected=inspected,
            )
        before = {c.key: c for c in reported.criteria} if reported else {}
        after = {c.key: c for c in final.criteria} if final else {}
        lines = []
        for criterion in methodology.criteria:
            appraisal = appraised.get(criterion.key)
            was, now = before.get(criterion.key), after.get(criterion.key)
            lines.append(
                SheetLine(
                    criterion=criterion,
                    group=methodology.group_of(criterion.key).title,
                    applicable=criterion.applies_to(unit.block)
                    and (inspected or not criterion.only_inspected),
                    reported=was.points if was else None,
                    appraisal=appraisal,
                    final=now.points if now else (appraisal.points if appraisal else None),
                    detail=was.detail if was else "",
                )
            )
        return Sheet(unit, period, report is not None, tuple(lines), reported, final)

    async def latest_adjusted(self, unit_code: str, *, lookback: int) -> Sheet | None:
        """The unit's newest sheet (of its ``lookback`` newest appraised periods) where
        the office changed what the report gave, or None."""
        for period in await standings.appraised_periods(
            self._db.reader, unit_code, limit=lookback
        ):
            sheet = await self.sheet(unit_code, period)
            if sheet.adjustments:
                return sheet
        return None

    # -- appraising --------------------------------------------------------------------

    def check(
        self,
        unit: Unit,
        period: str,
        criterion_key: str,
        points_text: str,
        reason: str,
        *,
        inspected: bool = False,
    ) -> _Checked:
        """Validate one appraisal; every problem is said in Vietnamese."""
        methodology = self.methodology(period)
        try:
            criterion = methodology.criterion(criterion_key.strip())
        except KeyError:
            raise AppraisalError(
                "unknown_criterion", criterion=criterion_key, version=methodology.version
            ) from None
        if not criterion.applies_to(unit.block):
            raise AppraisalError("other_block", criterion=criterion.key, unit=unit.code)
        if criterion.only_inspected and not inspected:
            raise AppraisalError(
                "not_inspected", criterion=criterion.key, year=period[:4], unit=unit.code
            )
        top = format_number(criterion.max_points)
        try:
            points = parse_number(points_text, max_digits=8)
        except NumberError:
            raise AppraisalError("bad_points", points=points_text, top=top) from None
        if points > criterion.max_points:
            raise AppraisalError(
                "over_max", points=format_number(points), top=top, criterion=criterion.key
            )
        reason = " ".join(reason.split())
        if not reason:
            raise AppraisalError("no_reason")
        if len(reason) > REASON_LIMIT:
            raise AppraisalError("reason_too_long", limit=REASON_LIMIT)
        return _Checked(unit, period, criterion, points, reason)

    async def appraise(
        self,
        unit_code: str,
        period: str,
        criterion_key: str,
        points_text: str,
        reason: str,
        *,
        actor: str,
    ) -> Change:
        unit = await self._unit(unit_code)
        code = _period_code(period)
        inspected = unit.code in await inspections.inspected(self._db.reader, int(code[:4]))
        checked = self.check(unit, code, criterion_key, points_text, reason, inspected=inspected)
        return (await self._write([checked], actor=actor))[0]

    async def import_file(self, path: Path, *, period: str | None, actor: str) -> ImportResult:
        """Appraisals from the office's CSV/XLSX: unit_code, criterion, points, reason
        (and a period column, or ``period`` for every row)."""
        try:
            rows = await asyncio.to_thread(
                read_table,
                path,
                aliases=_ALIASES,
                required=_COLUMNS,
                header_hint=T.HEADER_HINT.format(columns=", ".join(_COLUMNS)),
            )
        except TableError as exc:
            return ImportResult(errors=[str(exc)])
        if not rows:
            return ImportResult(errors=[T.NO_ROWS])
        checked, errors = await self._check_rows(rows, period)
        if errors:
            return ImportResult(errors=errors)
        return ImportResult(changes=await self._write(checked, actor=actor))

    async def _check_rows(
        self, rows: list[TableRow], period: str | None
    ) -> tuple[list[_Checked], list[str]]:
        roster = {u.code.casefold(): u for u in await units.list_units(self._db.reader)}
        planned = await inspections.planned_pairs(self._db.reader)
        checked: list[_Checked] = []
        errors: list[str] = []
        seen: dict[tuple[str, str, str], int] = {}
        for row in rows:
            try:
                item = self._check_row(row, roster, period, planned)
            except AppraisalError as exc:
                errors.append(T.ROW_REFUSED.format(line=row.line, reason=exc))
                continue
            key = (item.unit.code, item.period_code, item.criterion.key)
            if key in seen:
                errors.append(T.ROW_DUPLICATE.format(line=row.line, first=seen[key]))
                continue
            seen[key] = row.line
            checked.append(item)
        return checked, errors

    def _check_row(
        self,
        row: TableRow,
        roster: dict[str, Unit],
        period: str | None,
        planned: frozenset[tuple[int, str]],
    ) -> _Checked:
        values = row.values
        unit = roster.get(values["unit_code"].casefold())
        if unit is None:
            raise AppraisalError("unknown_unit", code=values["unit_code"])
        code = _period_code(values.get("period") or period)
        return self.check(
            unit,
            code,
            values["criterion"],
            values["points"],
            values["reason"],
            inspected=(int(code[:4]), unit.code) in planned,
        )

    async def _write(self, items: list[_Checked], *, actor: str) -> list[Change]:
        for code in {item.period_code for item in items}:
            year, quarter = parse_period_code(code) or (0, 0)
            await self._periods.ensure(year, quarter)
        # What each report gave, scored once per unit and quarter and before the write
        # transaction: scoring is not work to do while holding the database's one writer.
        reported_by: dict[tuple[str, str], dict[str, Decimal | None]] = {}
        for item in items:
            key = (item.unit.code, item.period_code)
            if key not in reported_by:
                reported_by[key] = await self._reported_points(item.unit, item.period_code)
        now_dt = self._clock()
        now = to_iso(now_dt)
        changes: list[Change] = []
        async with self._db.write() as conn:
            for item in items:
                reported = reported_by[(item.unit.code, item.period_code)].get(item.criterion.key)
                before = await standings.put_appraisal(
                    conn,
                    Appraisal(
                        item.unit.code,
                        item.period_code,
                        item.criterion.key,
                        item.points,
                        item.reason,
                        actor,
                        now_dt,
                    ),
                    now,
                )
                await audit.record(
                    conn,
                    at=now,
                    actor=actor,
                    action="appraisal.set",
                    unit_code=item.unit.code,
                    detail={
                        "period": item.period_code,
                        "criterion": item.criterion.key,
                        "reported": str(reported) if reported is not None else None,
                        "before": str(before.points) if before else None,
                        "after": str(item.points),
                        "reason": item.reason,
                    },
                )
                changes.append(
                    Change(
                        item.unit,
                        item.period_code,
                        item.criterion,
                        item.points,
                        item.reason,
                        before,
                        reported,
                    )
                )
        return changes

    async def _reported_points(self, unit: Unit, period: str) -> dict[str, Decimal | None]:
        """Criterion -> the points the unit's latest report gives; empty without one."""
        report = await reports.latest_report(self._db.reader, unit.code, period)
        if report is None:
            return {}
        inspected = unit.code in await inspections.inspected(self._db.reader, int(period[:4]))
        score = score_unit(
            self.methodology(period), block=unit.block, answers=report.answers, inspected=inspected
        )
        return {c.key: c.points for c in score.criteria}

    # -- explanations ------------------------------------------------------------------

    async def explain(
        self,
        unit_code: str,
        period: str,
        criterion_key: str,
        text: str,
        *,
        telegram_id: int,
        ending: Ending | None = None,
    ) -> Explanation:
        """A unit's answer to an appraisal of one of its criteria; ``ending`` (the
        conversation that asked for it) ends in the same transaction, so a crash never
        leaves the explanation stored and the question still open."""
        unit = await self._unit(unit_code)
        sheet_line = (await self.sheet(unit.code, period)).line(criterion_key)
        if sheet_line is None or sheet_line.appraisal is None:
            raise AppraisalError("not_appraised")
        text = text.strip()
        if not text:
            raise AppraisalError("explanation_empty")
        if len(text) > EXPLANATION_LIMIT:
            raise AppraisalError("explanation_too_long", length=len(text), limit=EXPLANATION_LIMIT)
        now = to_iso(self._clock())
        async with self._db.write() as conn:
            new_id = await standings.add_explanation(
                conn,
                unit_code=unit.code,
                period_code=period,
                criterion=criterion_key,
                text=text,
                written_by=telegram_id,
                now=now,
            )
            await audit.record(
                conn,
                at=now,
                actor=f"tg:{telegram_id}",
                action="explanation.add",
                unit_code=unit.code,
                detail={"id": new_id, "period": period, "criterion": criterion_key},
            )
            await end_in(conn, ending)
            found = await standings.get_explanation(conn, new_id)
        assert found is not None
        return found

    async def open_explanations(self) -> list[Explanation]:
        return await standings.open_explanations(self._db.reader)

    async def get_explanation(self, explanation_id: int) -> Explanation | None:
        return await standings.get_explanation(self._db.reader, explanation_id)

    async def close_explanation(
        self, explanation_id: int, response: str, *, actor: str
    ) -> Explanation:
        """Close an open explanation with the office's answer (may be empty)."""
        response = response.strip()
        if len(response) > EXPLANATION_LIMIT:
            raise AppraisalError("response_too_long", limit=EXPLANATION_LIMIT)
        now = to_iso(self._clock())
        async with self._db.write() as conn:
            closed = await standings.close_explanation(
                conn, explanation_id, by=actor, response=response, now=now
            )
            found = await standings.get_explanation(conn, explanation_id)
            if found is None:
                raise AppraisalError("unknown_explanation", id=explanation_id)
            if not closed:
                raise AppraisalError("explanation_closed", id=explanation_id)
            await audit.record(
                conn,
                at=now,
                actor=actor,
                action="explanation.close",
                unit_code=found.unit_code,
                detail={"id": explanation_id, "response": response},
            )
        return found

    # -- helpers -----------------------------------------------------------------------

    async def _unit(self, code: str) -> Unit:
        unit = await units.get_unit(self._db.reader, code.strip())
        if unit is None:
            raise AppraisalError("unknown_unit", code=code)
        return unit


def _period_code(text: str | None) -> str:
    if text is None or not text.strip():
        raise AppraisalError("no_period")
    parsed = parse_period_code(text)
    if parsed is None:
        raise AppraisalError("bad_period", period=text)
    return period_code(*parsed)
