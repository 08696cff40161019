"""The office's CCHC inspection plan for a year: which units, which round.

The plan decides who an inspection criterion applies to ("only_inspected" in the
methodology): the office inspects about half of its units a year, in two rounds, and a
unit it does not visit must not lose points for the office's schedule. Changing the plan
is audited as ``inspection.plan``, which is also a ranking change (see
``storage.standings.RANKING_ACTIONS``): a ranking cached before it is not reused.
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.clock import Clock, to_iso
from storage import audit, inspections, units
from storage.database import Database
from storage.inspections import Planned

__all__ = ["InspectionService", "Planned", "PlanChange"]

ROUNDS = range(1, 5)


@dataclass(frozen=True, slots=True)
class PlanChange:
    """What a plan edit did: ``outcome`` is added | moved | unchanged | removed | absent
    | unknown_unit | bad_round | bad_year."""

    outcome: str
    unit_code: str
    year: int
    round: int | None = None
    before: int | None = None


class InspectionService:
    def __init__(self, db: Database, clock: Clock, *, years: tuple[int, int]) -> None:
        self._db = db
        self._clock = clock
        self._years = years

    async def add(self, year: int, unit_code: str, round_: int, *, actor: str) -> PlanChange:
        if not self._years[0] <= year <= self._years[1]:
            return PlanChange("bad_year", unit_code, year)
        if round_ not in ROUNDS:
            return PlanChange("bad_round", unit_code, year, round_)
        if await units.get_unit(self._db.reader, unit_code) is None:
            return PlanChange("unknown_unit", unit_code, year, round_)
        now = to_iso(self._clock())
        async with self._db.write() as conn:
            before = await inspections.put(conn, year, unit_code, round_, by=actor, now=now)
            if before == round_:
                return PlanChange("unchanged", unit_code, year, round_, before)
            await audit.record(
                conn,
                at=now,
                actor=actor,
                action="inspection.plan",
                unit_code=unit_code,
                detail={"year": year, "round": round_, "before": before},
            )
        return PlanChange("added" if before is None else "moved", unit_code, year, round_, before)

    async def remove(self, year: int, unit_code: str, *, actor: str) -> PlanChange:
        now = to_iso(self._clock())
        async with self._db.write() as conn:
            if not await inspections.remove(conn, year, unit_code):
                return PlanChange("absent", unit_code, year)
            await audit.record(
                conn,
                at=now,
                actor=actor,
                action="inspection.plan",
                unit_code=unit_code,
                detail={"year": year, "round": None},
            )
        return PlanChange("removed", unit_code, year)

    async def plan(self, year: int) -> list[Planned]:
        return await inspections.plan(self._db.reader, year)

    async def inspected(self, year: int) -> frozenset[str]:
        return await inspections.inspected(self._db.reader, year)
