"""A campaign year of quarterly reports, appraised, for the award tests (through the real
services: the reporting service answers every question as a person would)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from decimal import Decimal

from bot.domain.models import Membership
from bot.services.container import Services
from tests.clock import FakeClock
from tests.reports import bind, submit

YEAR = 2025
# A moment inside each quarter's reporting window (09:00 on the 20th of its second month).
QUARTER_MOMENTS = {q: datetime(YEAR, 3 * q - 1, 20, 2, tzinfo=UTC) for q in (1, 2, 3, 4)}
# Early January of the next year: the year is over, the dossiers are due on 15/01.
AFTER_THE_YEAR = datetime(YEAR + 1, 1, 5, 2, tzinfo=UTC)


def procedures(submitted: int, online: int) -> dict[str, str]:
    """The report's answers on the procedures the unit submitted to the Sở."""
    return {"procedures_to_dept": str(submitted), "procedures_to_dept_online": str(online)}


@dataclass(frozen=True)
class UnitYear:
    """What one unit reports each quarter and how the office appraises it.

    ``short`` lowers the unit's index: the office's appraisal of the appraised criteria
    is their maximum less ``short`` points (taken from the last appraised criterion), so
    units differ by whole index points without touching the computed criteria.
    """

    answers: Mapping[str, str] = field(default_factory=dict)
    short: int = 0
    quarters: tuple[int, ...] = (1, 2, 3, 4)


def appraised_points(services: Services, block: str, short: int) -> dict[str, Decimal]:
    """The office's points on the criteria only it scores: full marks less ``short``."""
    methodology = services.standings.methodology(YEAR)
    keys = [
        c
        for group in methodology.fields
        for c in group.criteria
        if c.source == "appraisal" and (not c.blocks or block in c.blocks)
    ]
    points = {c.key: Decimal(c.max_points) for c in keys}
    last = keys[-1].key
    points[last] -= short
    assert points[last] >= 0
    return points


async def report_year(
    services: Services,
    clock: FakeClock,
    plan: Mapping[str, UnitYear],
    *,
    first_user: int = 7000,
    bound: Mapping[str, Membership] | None = None,
) -> dict[str, Membership]:
    """Every unit of ``plan`` reports its quarters and is appraised; the clock ends in
    early January of the next year. Returns each unit's head: the one in ``bound``, or
    one bound here (named "Người thử")."""
    members = dict(bound or {})
    for n, code in enumerate(plan):
        if code not in members:
            members[code] = await bind(services, first_user + n, code)
    # The office inspects every unit of the plan this year, so the inspection criterion
    # (only for inspected units) is theirs to be appraised on.
    for code in plan:
        await services.inspections.add(YEAR, code, 1, actor="test")
    for quarter, moment in QUARTER_MOMENTS.items():
        clock.now = moment
        for code, unit_year in plan.items():
            if quarter not in unit_year.quarters:
                continue
            await submit(services, members[code], dict(unit_year.answers))
            unit = await services.office.unit(code)
            assert unit is not None
            for key, points in appraised_points(services, unit.block, unit_year.short).items():
                await services.appraisal.appraise(
                    code, f"{YEAR}-Q{quarter}", key, str(points), "Thẩm định", actor="test"
                )
    clock.now = AFTER_THE_YEAR
    return members


async def publish_year(services: Services, year: int = YEAR) -> None:
    """The office publishes the year's index (what confirming the award list waits for)."""
    assert await services.standings.publish(
        services.standings.parse_scope(str(year)), actor="test"
    )
