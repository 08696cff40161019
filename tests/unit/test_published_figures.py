"""A published result keeps the figures it published.

Seed 003: "Quyết định số 998/QĐ-SGDĐT … Công bố chỉ số cải cách hành chính đối với các
đơn vị sự nghiệp trực thuộc Sở": a decision publishes numbers; a unit that resubmits,
an appraisal made afterwards or a methodology change must not move them under the
decision's number. Results not published are computed from the data as it is.
"""

from __future__ import annotations

from bot.services.container import Services
from bot.services.standings import StandingsService
from tests.reports import bind, resubmit, submit

BLOCK = "truc_thuoc"


async def ranking(
    services: Services, code: str, standings: StandingsService | None = None
) -> dict[str, object]:
    standings = standings or services.standings
    scope = standings.parse_scope(code)
    found = await standings.block_ranking(scope, BLOCK)
    return {
        r.unit.code: (r.ranked.rank, r.ranked.entry.index, r.score.band if r.score else None)
        for r in found.rows
    }


async def test_a_resubmission_after_publication_does_not_move_the_published_figures(
    services: Services,
) -> None:
    qh = await bind(services, 8101, "THPT-QH")
    lqd = await bind(services, 8102, "THPT-LQD")
    await submit(services, qh)
    await submit(services, lqd, {"dossiers_online": "500"})
    before = await ranking(services, "2025-Q1")
    assert before["THPT-QH"][0] == 1

    scope = services.standings.parse_scope("2025-Q1")
    assert await services.standings.publish(scope, actor="test")
    await resubmit(services, qh, {"dossiers_online": "0"})  # a much lower online rate
    await services.appraisal.appraise(
        "THPT-LQD", "2025-Q1", "online_rate", "10", "Đã xác minh lại số liệu", actor="test"
    )

    assert await ranking(services, "2025-Q1") == before
    # The unit's live sheet (what the office reviews) does show the new numbers.
    sheet = await services.appraisal.sheet("THPT-QH", "2025-Q1")
    assert sheet.final is not None
    assert sheet.final.index != before["THPT-QH"][1]


async def test_what_is_not_published_follows_the_data(services: Services) -> None:
    qh = await bind(services, 8103, "THPT-QH")
    await submit(services, qh)
    before = await ranking(services, "2025-Q1")

    await resubmit(services, qh, {"dossiers_online": "0"})

    after = await ranking(services, "2025-Q1")
    assert after["THPT-QH"][1] is not None
    assert after["THPT-QH"][1] != before["THPT-QH"][1]


async def test_a_result_published_before_figures_were_kept_is_frozen_when_first_read(
    services: Services,
) -> None:
    qh = await bind(services, 8104, "THPT-QH")
    await submit(services, qh)
    scope = services.standings.parse_scope("2025-Q1")
    assert await services.standings.publish(scope, actor="test")
    # As an older version left it: published, nothing kept; then the bot restarts.
    async with services.db.write() as conn:
        await conn.execute("DELETE FROM published_scores WHERE scope = ?", (scope.code,))
    restarted = StandingsService(services.db, services.clock, services.rules, services.periods)
    first = await ranking(services, "2025-Q1", restarted)

    await resubmit(services, qh, {"dossiers_online": "0"})

    assert await ranking(services, "2025-Q1", restarted) == first
    async with services.db.reader.execute(
        "SELECT count(*) FROM published_scores WHERE scope = ?", (scope.code,)
    ) as cur:
        row = await cur.fetchone()
    assert row is not None
    # Frozen block by block, as each is read: the block read here, every unit of it.
    in_block = [u for u in await services.roster.list_units() if u.block == BLOCK]
    assert row[0] == len(in_block)
