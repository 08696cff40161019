"""The office's review of submitted reports, and where every unit stands for a period.

Each submitted version can be accepted or returned with a comment; the decision in
force for a version is the latest one taken on it, and only the latest version can be
reviewed (a unit that resubmits needs a new decision). Returning a report tells the
unit, with the comment; the unit edits its draft (seeded from what it submitted) and
resubmits. So that a return is never a dead end, a unit whose report is returned may
resubmit for at least ``reopen_days`` days: if its deadline is sooner (or past), the
period is reopened for it until then.

A unit's status for a period, as the office sees it in /status:

* ``accepted`` / ``returned`` — the decision in force on its latest version;
* ``submitted`` — its latest version awaits review;
* ``late`` — nothing submitted, and its deadline (its own, if reopened) has passed;
* ``draft`` — answers saved, not submitted; ``none`` — nothing yet.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Literal

import aiosqlite

from bot.clock import Clock, to_iso
from bot.domain.models import Block, Draft, Period, Report, Unit
from bot.services.conversations import Ending, end_in
from bot.services.periods import PeriodService, apply_extension
from storage import audit, people, reports, reviews, units
from storage import periods as periods_store
from storage.database import Database
from storage.periods import Extension
from storage.reviews import Review

DeskStatus = Literal["accepted", "submitted", "returned", "draft", "none", "late"]
# The order /status lists them in.
DESK_STATUSES: tuple[DeskStatus, ...] = (
    "accepted",
    "submitted",
    "returned",
    "draft",
    "none",
    "late",
)
REPORTED: frozenset[DeskStatus] = frozenset({"accepted", "submitted", "returned"})
# Units that still owe the period a report (a returned one owes the corrected version).
OWING: frozenset[DeskStatus] = frozenset({"none", "draft", "late", "returned"})


@dataclass(frozen=True, slots=True)
class UnitDesk:
    """One unit's position for a period."""

    unit: Unit
    status: DeskStatus
    report: Report | None  # the latest version
    review: Review | None  # the decision in force on it
    draft: Draft | None
    deadline: datetime  # the unit's own (a reopened period's, if later)
    extension: Extension | None

    @property
    def reported(self) -> bool:
        return self.status in REPORTED

    def submitted_late(self, period: Period) -> bool:
        return self.report is not None and self.report.submitted_at > period.due_at


@dataclass(frozen=True, slots=True)
class BlockDesk:
    block: Block
    units: list[UnitDesk] = field(default_factory=list)

    def count(self, *statuses: DeskStatus) -> int:
        return sum(1 for u in self.units if u.status in statuses)

    @property
    def reported(self) -> int:
        return sum(1 for u in self.units if u.reported)


@dataclass(frozen=True, slots=True)
class PeriodDesk:
    period: Period
    blocks: list[BlockDesk]

    def count(self, *statuses: DeskStatus) -> int:
        return sum(b.count(*statuses) for b in self.blocks)

    @property
    def reported(self) -> int:
        return sum(b.reported for b in self.blocks)

    @property
    def total(self) -> int:
        return sum(len(b.units) for b in self.blocks)

    @property
    def units(self) -> list[UnitDesk]:
        return [u for b in self.blocks for u in b.units]

    def with_status(self, *statuses: DeskStatus) -> list[UnitDesk]:
        return [u for u in self.units if u.status in statuses]


@dataclass(frozen=True, slots=True)
class ReviewView:
    """What /review shows: the unit's latest version and every earlier one."""

    period: Period
    desk: UnitDesk
    versions: list[Report]


@dataclass(frozen=True, slots=True)
class Decision:
    """A decision taken, with who is to be told."""

    period: Period
    unit: Unit
    report: Report
    review: Review
    recipients: tuple[int, ...]
    deadline: datetime  # until when the unit may (re)submit
    reopened: bool  # a return reopened the period for the unit


@dataclass(frozen=True, slots=True)
class Submission:
    """One submitted version and the decision in force on it, if any."""

    report: Report
    review: Review | None


@dataclass(frozen=True, slots=True)
class UnitPeriod:
    """What a unit sees of one period in its own /status."""

    period: Period  # as it applies to the unit (its own deadline, if reopened)
    status: DeskStatus
    submissions: list[Submission]  # oldest first
    extension: Extension | None  # the period reopened for the unit (the later deadline)
    draft_at: datetime | None  # answers saved since the last submission, not submitted


class ReviewError(Exception):
    """``why``: "unknown_unit", "no_report", "stale" (a newer version came in)."""

    def __init__(self, why: str, *, unit: Unit | None = None) -> None:
        super().__init__(why)
        self.why = why
        self.unit = unit


def desk_status(
    report: Report | None, review: Review | None, draft: Draft | None, own: Period, now: datetime
) -> DeskStatus:
    """A unit's status for a period (see the module's docstring); ``own`` is the period
    as it applies to the unit."""
    if report is not None and review is not None:
        return "accepted" if review.decision == "accepted" else "returned"
    if report is not None:
        return "submitted"
    if now > own.due_at:
        return "late"
    if draft is not None and draft.answers:
        return "draft"
    return "none"


class ReviewService:
    def __init__(
        self, db: Database, clock: Clock, periods: PeriodService, *, reopen_days: int
    ) -> None:
        self._db = db
        self._clock = clock
        self._periods = periods
        self._reopen_days = reopen_days

    # -- where units stand -----------------------------------------------------------

    async def desk(self, period: Period) -> PeriodDesk:
        """Every unit's status for the period, grouped by block in roster order."""
        conn = self._db.reader
        latest = await reports.latest_reports_for_period(conn, period.code)
        drafts = await reports.drafts_for_period(conn, period.code)
        decided = await reviews.latest_for_period(conn, period.code)
        extensions = await self._periods.extensions(period.code)
        now = self._clock()
        by_block = {b.code: BlockDesk(b) for b in await units.list_blocks(conn)}
        for unit in await units.list_units(conn):
            report = latest.get(unit.code)
            extension = extensions.get(unit.code)
            own = apply_extension(period, extension)
            review = decided.get(report.id) if report is not None else None
            draft = drafts.get(unit.code)
            status = desk_status(report, review, draft, own, now)
            by_block[unit.block].units.append(
                UnitDesk(unit, status, report, review, draft, own.due_at, extension)
            )
        return PeriodDesk(period, [b for b in by_block.values() if b.units])

    async def unit_year(self, unit_code: str, year: int) -> list[UnitPeriod]:
        """The unit's periods of ``year`` that have begun (or hold a submission), oldest
        first: every version it submitted with the decision on it, for its own /status."""
        conn = self._db.reader
        now = self._clock()
        today = now.astimezone(self._periods.tz).date()
        if year == today.year:
            await self._periods.current()  # the current quarter is always there
        found: list[UnitPeriod] = []
        for period in await periods_store.list_all(conn):
            if period.year != year:
                continue
            versions = await reports.versions(conn, unit_code, period.code)
            if not versions and period.data_from > today:
                continue
            decided = await reviews.latest_for_period(conn, period.code)
            extension = await self._periods.extension(unit_code, period.code)
            own = apply_extension(period, extension)
            draft = await reports.get_draft(conn, unit_code, period.code)
            latest = versions[-1] if versions else None
            review = decided.get(latest.id) if latest is not None else None
            fresh = draft is not None and bool(draft.answers)
            if fresh and draft is not None and latest is not None:
                fresh = draft.updated_at > latest.submitted_at
            found.append(
                UnitPeriod(
                    period=own,
                    status=desk_status(latest, review, draft, own, now),
                    submissions=[Submission(v, decided.get(v.id)) for v in versions],
                    extension=extension,
                    draft_at=draft.updated_at if fresh and draft is not None else None,
                )
            )
        return sorted(found, key=lambda u: u.period.quarter)

    async def returned(self, unit_code: str, period_code: str) -> Submission | None:
        """The unit's latest version of the period if the office returned it (and the unit
        has not submitted since): /report shows the office's comment first."""
        conn = self._db.reader
        latest = await reports.latest_report(conn, unit_code, period_code)
        if latest is None:
            return None
        review = await reviews.latest_for_report(conn, latest.id)
        if review is None or review.decision != "returned":
            return None
        return Submission(latest, review)

    async def unit_desk(self, unit_code: str, period: Period) -> UnitDesk:
        unit = await units.get_unit(self._db.reader, unit_code)
        if unit is None:
            raise ReviewError("unknown_unit")
        for candidate in (await self.desk(period)).units:
            if candidate.unit.code == unit.code:
                return candidate
        raise AssertionError("unit missing from its own roster")  # pragma: no cover

    # -- reviewing -------------------------------------------------------------------

    async def latest_reported(self, unit_code: str) -> Period | None:
        """The newest period for which the unit has submitted a report (/review's default)."""
        code = await reports.latest_reported_period(self._db.reader, unit_code)
        return await self._periods.get(code) if code is not None else None

    async def view(self, unit_code: str, period: Period) -> ReviewView:
        desk = await self.unit_desk(unit_code, period)
        if desk.report is None:
            raise ReviewError("no_report", unit=desk.unit)
        versions = await reports.versions(self._db.reader, desk.unit.code, period.code)
        return ReviewView(period, desk, versions)

    async def report(self, report_id: int) -> Report | None:
        return await reports.get_report(self._db.reader, report_id)

    async def accept(self, report_id: int, *, actor: str) -> Decision:
        return await self._decide(report_id, "accepted", "", actor)

    async def return_report(
        self, report_id: int, comment: str, *, actor: str, ending: Ending | None = None
    ) -> Decision:
        """Return the report and reopen it for its unit in one transaction (never a
        report returned that its unit can no longer resubmit); ``ending``, the
        conversation that took the comment, ends in it too, even when the report turns
        out to be stale (the comment was for a decision that can no longer be taken)."""
        return await self._decide(report_id, "returned", comment.strip(), actor, ending)

    async def _decide(
        self,
        report_id: int,
        decision: str,
        comment: str,
        actor: str,
        ending: Ending | None = None,
    ) -> Decision:
        report = await self.report(report_id)
        if report is None:
            raise ReviewError("no_report")
        unit = await units.get_unit(self._db.reader, report.unit_code)
        period = await self._periods.get(report.period_code)
        assert unit is not None
        assert period is not None
        reopening = (
            await self._periods.plan_reopen(
                unit.code, period.code, days=self._reopen_days, actor=actor, reason="return"
            )
            if decision == "returned"
            else None
        )
        async with self._db.write() as conn:
            await end_in(conn, ending)
            latest = await reports.latest_report(conn, report.unit_code, report.period_code)
            stale = latest is None or latest.id != report.id
            if not stale:
                review = await self._record(conn, report, unit, period, decision, comment, actor)
                if reopening is not None:
                    await self._periods.write_reopen(conn, reopening)
        if stale:
            raise ReviewError("stale", unit=unit)
        if reopening is not None:
            own, reopened = reopening.own, reopening.extension is not None
        else:
            own, reopened = await self._periods.for_unit(unit.code, period), False
        members = await people.members_of(self._db.reader, unit.code)
        return Decision(
            period=period,
            unit=unit,
            report=report,
            review=review,
            recipients=tuple(m.telegram_id for m in members),
            deadline=own.due_at,
            reopened=reopened,
        )

    async def _record(
        self,
        conn: aiosqlite.Connection,
        report: Report,
        unit: Unit,
        period: Period,
        decision: str,
        comment: str,
        actor: str,
    ) -> Review:
        """The review row and its audit line, in the decision's transaction."""
        now = self._clock()
        review_id = await reviews.add(
            conn,
            report_id=report.id,
            unit_code=unit.code,
            period_code=period.code,
            decision=decision,
            comment=comment,
            reviewed_by=actor,
            reviewed_at=to_iso(now),
        )
        await audit.record(
            conn,
            at=to_iso(now),
            actor=actor,
            action="report.review",
            unit_code=unit.code,
            detail={
                "period": period.code,
                "version": report.version,
                "decision": decision,
                "comment": comment,
            },
        )
        review = await reviews.latest_for_report(conn, report.id)
        assert review is not None
        assert review.id == review_id
        return review
