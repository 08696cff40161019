"""What the office reads: who has reported, and a unit's latest report."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from bot.domain.models import Block, Draft, Membership, Period, Report, Unit
from storage import people, reports, units
from storage.database import Database

UnitStatus = Literal["submitted", "draft", "none"]


@dataclass(frozen=True, slots=True)
class UnitProgress:
    unit: Unit
    status: UnitStatus
    report: Report | None
    draft: Draft | None


@dataclass(frozen=True, slots=True)
class BlockProgress:
    block: Block
    units: list[UnitProgress] = field(default_factory=list)

    def count(self, status: UnitStatus) -> int:
        return sum(1 for u in self.units if u.status == status)


@dataclass(frozen=True, slots=True)
class PeriodProgress:
    period: Period
    blocks: list[BlockProgress]

    def count(self, status: UnitStatus) -> int:
        return sum(b.count(status) for b in self.blocks)

    @property
    def total(self) -> int:
        return sum(len(b.units) for b in self.blocks)


class OfficeService:
    def __init__(self, db: Database) -> None:
        self._db = db

    async def progress(self, period: Period) -> PeriodProgress:
        conn = self._db.reader
        latest = await reports.latest_reports_for_period(conn, period.code)
        drafts = await reports.drafts_for_period(conn, period.code)
        by_block = {b.code: BlockProgress(b) for b in await units.list_blocks(conn)}
        for unit in await units.list_units(conn):
            report = latest.get(unit.code)
            draft = drafts.get(unit.code)
            status: UnitStatus = (
                "submitted" if report else "draft" if draft and draft.answers else "none"
            )
            by_block[unit.block].units.append(UnitProgress(unit, status, report, draft))
        return PeriodProgress(period, [b for b in by_block.values() if b.units])

    async def latest_report(self, unit_code: str, period: Period) -> tuple[Unit, Report | None]:
        unit = await units.get_unit(self._db.reader, unit_code)
        if unit is None:
            raise LookupError(unit_code)
        return unit, await reports.latest_report(self._db.reader, unit.code, period.code)

    async def report_versions(self, unit_code: str, period: Period) -> list[Report]:
        return await reports.versions(self._db.reader, unit_code, period.code)

    async def unit(self, code: str) -> Unit | None:
        return await units.get_unit(self._db.reader, code)

    async def members(self, unit_code: str) -> list[Membership]:
        return await people.members_of(self._db.reader, unit_code)

    async def members_by_unit(self) -> dict[str, list[Membership]]:
        return await people.members_by_unit(self._db.reader)
