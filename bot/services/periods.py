"""Reporting periods: quarters, their data windows and deadlines.

Per Decree 09/2019/NĐ-CP a quarter's data runs from the 15th of the month before the
quarter to the 14th of its last month. The due date defaults to ``due_day`` of the
quarter's last month at 23:59 local time; the office can change it per period.
"""

from __future__ import annotations

import re
from datetime import date, datetime, time
from zoneinfo import ZoneInfo

from bot.clock import Clock
from bot.domain.models import Period
from storage import periods
from storage.database import Database

_CODE = re.compile(r"^\s*(\d{4})\s*-?\s*[Qq]\s*([1-4])\s*$")


def parse_period_code(text: str) -> tuple[int, int] | None:
    """Accept "2025-Q1", "2025Q1", "2025-q1"; None otherwise."""
    match = _CODE.match(text)
    return (int(match.group(1)), int(match.group(2))) if match else None


def period_code(year: int, quarter: int) -> str:
    return f"{year}-Q{quarter}"


def quarter_of(day: date) -> tuple[int, int]:
    return day.year, (day.month - 1) // 3 + 1


def default_period(year: int, quarter: int, *, tz: ZoneInfo, due_day: int) -> Period:
    first_month = 3 * (quarter - 1) + 1
    last_month = first_month + 2
    start_month, start_year = (first_month - 1, year) if first_month > 1 else (12, year - 1)
    due_local = datetime.combine(date(year, last_month, due_day), time(23, 59, 59), tzinfo=tz)
    return Period(
        code=period_code(year, quarter),
        year=year,
        quarter=quarter,
        data_from=date(start_year, start_month, 15),
        data_to=date(year, last_month, 14),
        due_at=due_local,
    )


class PeriodService:
    def __init__(self, db: Database, clock: Clock, *, tz: ZoneInfo, due_day: int) -> None:
        self._db = db
        self._clock = clock
        self._tz = tz
        self._due_day = due_day

    def now(self) -> datetime:
        return self._clock()

    @property
    def tz(self) -> ZoneInfo:
        return self._tz

    async def ensure(self, year: int, quarter: int) -> Period:
        """The period, created with the default rule if the office has not set it up."""
        found = await periods.get(self._db.reader, period_code(year, quarter))
        if found is not None:
            return found
        async with self._db.write() as conn:
            await periods.insert_if_missing(
                conn, default_period(year, quarter, tz=self._tz, due_day=self._due_day)
            )
            created = await periods.get(conn, period_code(year, quarter))
        assert created is not None
        return created

    async def current(self) -> Period:
        year, quarter = quarter_of(self._clock().astimezone(self._tz).date())
        return await self.ensure(year, quarter)

    async def get(self, code: str) -> Period | None:
        parsed = parse_period_code(code)
        if parsed is None:
            return None
        return await periods.get(self._db.reader, period_code(*parsed))

    async def resolve(self, code: str | None) -> Period | None:
        """A period named by the user, or the current quarter when none is named."""
        if code is None:
            return await self.current()
        parsed = parse_period_code(code)
        if parsed is None:
            return None
        return await self.ensure(*parsed)

    async def open_for_submission(self) -> list[Period]:
        """Periods a unit may report on now; the current quarter is always considered."""
        await self.current()
        now = self._clock()
        return [p for p in await periods.list_all(self._db.reader) if p.accepts_submissions(now)]

    async def set_due(self, code: str, due_at: datetime, *, status: str | None = None) -> Period:
        found = await self.resolve(code)
        if found is None:
            raise LookupError(code)
        changed = found.model_copy(update={"due_at": due_at, "status": status or found.status})
        async with self._db.write() as conn:
            await periods.update(conn, changed)
        return changed
