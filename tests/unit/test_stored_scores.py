"""Stored scores: rankings read them, and rescore exactly what changed since.

Expected indices are taken from a fresh score of the same answers (the engine is tested
by hand elsewhere); what is tested here is which stored score a ranking trusts.
"""

from __future__ import annotations

from decimal import Decimal

from bot.domain.models import Membership
from bot.scoring.methodology import Methodology
from bot.services import reporting as rs
from bot.services.container import Services
from bot.services.standings import StandingsService
from bot.yearbook import YearBook, YearRules
from storage import scores
from tests.clock import FakeClock
from tests.reports import bind, submit
from tests.rules import TEST_METHODOLOGY, YEAR


async def stored(services: Services, period: str, block: str) -> dict[str, scores.StoredScore]:
    found = await scores.scorable(services.db.reader, period, block)
    return {c.unit_code: c.stored for c in found if c.stored is not None}


async def test_a_ranking_stores_scores_and_reads_them_back(services: Services) -> None:
    member = await bind(services, 7001, "THPT-QH")
    await submit(services, member)
    standings = services.standings
    scope = standings.parse_scope("2025-Q1")

    first = await standings.block_ranking(scope, "truc_thuoc")
    row = first.row("THPT-QH")
    assert row is not None
    assert row.score is not None
    kept = await stored(services, "2025-Q1", "truc_thuoc")
    assert list(kept) == ["THPT-QH"]
    assert kept["THPT-QH"].index == row.score.index

    # A fresh service (a restart) ranks from the stored row, identically.
    again = StandingsService(services.db, services.clock, services.rules, services.periods)
    second = await again.block_ranking(scope, "truc_thuoc")
    assert second.rows == first.rows


async def test_a_resubmission_and_an_appraisal_each_rescore_the_unit(services: Services) -> None:
    member = await bind(services, 7002, "THPT-QH")
    await submit(services, member, {"dossiers_online": "1.250"})
    standings = services.standings
    scope = standings.parse_scope("2025-Q1")
    before = (await standings.block_ranking(scope, "truc_thuoc")).row("THPT-QH")
    assert before is not None
    assert before.score is not None

    await resubmit(services, member, "dossiers_online", "0")
    after = (await standings.block_ranking(scope, "truc_thuoc")).row("THPT-QH")
    assert after is not None
    assert after.score is not None
    # All 10 points of the online rate are gone: 1.250 of 1.250 online, then none.
    assert before.score.points - after.score.points == Decimal(10)

    await services.appraisal.appraise(
        "THPT-QH", "2025-Q1", "online_rate", "6", "Đã kiểm tra trên Cổng", actor="test"
    )
    appraised = (await standings.block_ranking(scope, "truc_thuoc")).row("THPT-QH")
    assert appraised is not None
    assert appraised.score is not None
    assert appraised.score.points - after.score.points == Decimal(6)
    assert appraised.score.appraised == ("online_rate",)
    assert (await stored(services, "2025-Q1", "truc_thuoc"))["THPT-QH"].points == (
        appraised.score.points
    )


async def test_another_methodology_rescores_instead_of_trusting_stored_rows(
    services: Services,
) -> None:
    member = await bind(services, 7003, "THPT-QH")
    await submit(services, member)
    scope = services.standings.parse_scope("2025-Q1")
    original = (await services.standings.block_ranking(scope, "truc_thuoc")).row("THPT-QH")
    assert original is not None
    assert original.score is not None

    stricter = _with_band_names(services.standings.methodology(YEAR), "Mức")
    book = YearBook([YearRules(YEAR, services.rules.form(YEAR), stricter, "", "")])
    other = StandingsService(services.db, services.clock, book, services.periods)
    row = (await other.block_ranking(scope, "truc_thuoc")).row("THPT-QH")
    assert row is not None
    assert row.score is not None
    assert row.score.band.startswith("Mức ")
    assert row.score.index == original.score.index


async def test_prescore_scores_every_reported_quarter(services: Services) -> None:
    member = await bind(services, 7004, "THPT-QH")
    await submit(services, member)
    assert await stored(services, "2025-Q1", "truc_thuoc") == {}

    checked = await services.standings.prescore()

    blocks = await services.roster.list_blocks()
    assert checked == len(blocks)  # one reported quarter × every block
    assert list(await stored(services, "2025-Q1", "truc_thuoc")) == ["THPT-QH"]


async def test_a_year_is_the_mean_of_its_quarters_with_its_own_band(services: Services) -> None:
    member = await bind(services, 7005, "THPT-QH")
    await submit(services, member)
    standings = services.standings
    quarter = (await standings.block_ranking(standings.parse_scope("2025-Q1"), "truc_thuoc")).row(
        "THPT-QH"
    )
    year = (await standings.block_ranking(standings.parse_scope("2025"), "truc_thuoc")).row(
        "THPT-QH"
    )
    assert quarter is not None
    assert quarter.score is not None
    assert year is not None
    assert year.score is not None
    # Three quarters without a report count as 0.
    assert year.score.index == (quarter.score.index / 4).quantize(Decimal("0.01"))
    assert year.score.band == standings.methodology(YEAR).band(year.score.index)
    assert year.score.band != quarter.score.band


async def resubmit(services: Services, member: Membership, key: str, value: str) -> None:
    """Change one answer of the submitted report and send it again, as a person would."""
    reporting = services.reporting
    assert isinstance(await reporting.start(member), rs.Summary)
    number = next(
        n for n, f in enumerate(services.rules.form(YEAR).fields, start=1) if f.key == key
    )
    assert isinstance(await reporting.edit(member, number), rs.Ask)
    await reporting.answer_text(member, value)
    unit = await services.office.unit(member.unit_code)
    assert unit is not None
    assert isinstance(await reporting.submit(member, unit), rs.Submitted)


def _with_band_names(methodology: Methodology, prefix: str) -> Methodology:
    data = methodology.model_dump(mode="json")
    for band in data["bands"]:
        band["name"] = f"{prefix} {band['name']}"
    renamed = Methodology.model_validate(data)
    assert renamed != TEST_METHODOLOGY
    return renamed


async def test_the_change_since_last_quarter_is_the_same_cold_or_cached(
    services: Services, clock: FakeClock
) -> None:
    member = await bind(services, 7006, "THPT-QH")
    await submit(services, member, {"dossiers_online": "1.250"})
    clock.advance(days=90)  # 20/05/2025: quarter II is open
    await submit(services, member, {"dossiers_online": "0"})
    standings = services.standings
    q1, q2 = standings.parse_scope("2025-Q1"), standings.parse_scope("2025-Q2")

    cold = await standings.unit_standing("THPT-QH", q2)  # Q1 not ranked yet
    q1_row = (await standings.block_ranking(q1, "truc_thuoc")).row("THPT-QH")
    cached = await standings.unit_standing("THPT-QH", q2)  # Q1 ranked and cached now

    assert cold is not None
    assert cached is not None
    assert q1_row is not None
    assert cold.previous == cached.previous == q1_row.ranked.entry.index
    assert cold.change is not None
    assert cold.change < 0  # all ten online-rate points lost
