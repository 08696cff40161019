"""The review service: statuses, decisions on the latest version only, a return that
reopens a period near its deadline, and which reports standings count."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from bot.config import Settings
from bot.domain.models import Membership, Report
from bot.services import reporting as rs
from bot.services.container import Services, open_services
from bot.services.review import ReviewError
from tests.clock import FakeClock
from tests.conftest import example_roster
from tests.reports import bind, submit
from tests.rules import YEAR


async def resubmit(services: Services, member: Membership, key: str, value: str) -> Report:
    """Open the submitted report again, change one answer, submit a new version."""
    reporting = services.reporting
    assert isinstance(await reporting.start(member), rs.Summary)
    assert isinstance(
        await reporting.edit(member, services.rules.form(YEAR).index[key] + 1), rs.Ask
    )
    assert isinstance(await reporting.answer_text(member, value), rs.Summary)
    unit = await services.office.unit(member.unit_code)
    assert unit is not None
    done = await reporting.submit(member, unit)
    assert isinstance(done, rs.Submitted)
    return done.report


async def test_statuses_and_decisions(settings: Settings, clock: FakeClock) -> None:
    services = await open_services(settings, clock=clock)
    try:
        await services.roster.import_file(example_roster(), actor="test")
        qh = await bind(services, 6001, "THPT-QH")
        pgd = await bind(services, 6002, "PGD-QN")
        first = (await submit(services, qh)).report
        await services.reporting.start(pgd)  # a draft
        period = await services.periods.current()

        desk = await services.review.desk(period)
        status = {u.unit.code: u.status for u in desk.units}
        assert status["THPT-QH"] == "submitted"
        assert status["PGD-QN"] == "none"  # opened, nothing answered yet
        assert status["VP"] == "none"

        decision = await services.review.return_report(first.id, "Bổ sung", actor="tg:1")
        assert decision.recipients == (6001,)
        assert not decision.reopened  # the deadline is weeks away
        assert decision.deadline == period.due_at
        second = await resubmit(services, qh, "articles", "9")
        with pytest.raises(ReviewError) as refused:
            await services.review.accept(first.id, actor="tg:1")
        assert refused.value.why == "stale"
        assert (await services.review.unit_desk("THPT-QH", period)).status == "submitted"
        await services.review.accept(second.id, actor="tg:1")
        assert (await services.review.unit_desk("THPT-QH", period)).status == "accepted"

        clock.now = datetime(2025, 3, 16, 3, 0, tzinfo=UTC)  # after the deadline
        desk = await services.review.desk(period)
        status = {u.unit.code: u.status for u in desk.units}
        assert status["THPT-QH"] == "accepted"
        assert status["VP"] == "late"
        assert desk.count("late") == desk.total - 1
    finally:
        await services.close()


async def test_standings_count_only_accepted_reports_when_set(
    settings: Settings, clock: FakeClock
) -> None:
    strict = settings.model_copy(update={"standings_count": "accepted"})
    services = await open_services(strict, clock=clock)
    try:
        await services.roster.import_file(example_roster(), actor="test")
        qh = await bind(services, 6101, "THPT-QH")
        scope = services.standings.parse_scope("2025-Q1")

        async def index() -> object:
            row = (await services.standings.block_ranking(scope, "truc_thuoc")).row("THPT-QH")
            assert row is not None
            return row.score.index if row.score else None

        first = (await submit(services, qh)).report
        assert await index() is None  # submitted, not yet accepted: not counted
        await services.review.accept(first.id, actor="tg:1")
        counted = await index()
        assert counted is not None
        accepted_row = (await services.standings.block_ranking(scope, "truc_thuoc")).row("THPT-QH")
        assert accepted_row is not None
        assert not accepted_row.provisional  # only accepted reports count: none provisional

        # A resubmission with other numbers counts only once accepted in its turn.
        second = await resubmit(services, qh, "dossiers_online", "100")
        assert await index() == counted
        await services.review.accept(second.id, actor="tg:1")
        lower = await index()
        assert lower is not None
        assert lower != counted

        # The office changes its mind on version 2: version 1, still accepted, counts.
        await services.review.return_report(second.id, "Sai số liệu", actor="tg:1")
        assert await index() == counted
    finally:
        await services.close()


async def test_the_default_counts_every_submitted_report(
    settings: Settings, clock: FakeClock
) -> None:
    services = await open_services(settings, clock=clock)
    try:
        await services.roster.import_file(example_roster(), actor="test")
        qh = await bind(services, 6201, "THPT-QH")
        report = (await submit(services, qh)).report
        scope = services.standings.parse_scope("2025-Q1")
        row = (await services.standings.block_ranking(scope, "truc_thuoc")).row("THPT-QH")
        assert row is not None
        assert row.score is not None
        before = row.score.index
        await services.review.return_report(report.id, "Bổ sung", actor="tg:1")
        row = (await services.standings.block_ranking(scope, "truc_thuoc")).row("THPT-QH")
        assert row is not None
        assert row.score is not None
        assert row.score.index == before
        assert row.provisional  # counted, but not accepted by the office
        year = services.standings.parse_scope("2025")
        year_row = (await services.standings.block_ranking(year, "truc_thuoc")).row("THPT-QH")
        assert year_row is not None
        assert year_row.provisional
        await services.review.accept(report.id, actor="tg:1")
        for which in (scope, year):
            row = (await services.standings.block_ranking(which, "truc_thuoc")).row("THPT-QH")
            assert row is not None
            assert not row.provisional
        unreported = (await services.standings.block_ranking(scope, "truc_thuoc")).row("THPT-LQD")
        assert unreported is not None
        assert not unreported.provisional
    finally:
        await services.close()
