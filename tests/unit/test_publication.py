"""Publishing a result: with the units' notices or not at all, by a document, named as
the campaign names it; the weakest criteria; what a publication rests on."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal

import aiosqlite
import pytest

from bot.domain.broadcasts import Notice
from bot.services.container import Services
from bot.services.publication import (
    DateError,
    NumberError,
    parse_decision_date,
    parse_decision_number,
)
from bot.services.standings import ScopeError, result_name, result_status
from storage.scores import StoredScore
from tests.clock import FakeClock
from tests.reports import bind, submit
from tests.rules import YEAR


class Interrupted(Exception):
    """Stands for a crash between publishing and queueing the notices."""


async def test_a_failure_while_queueing_notices_leaves_the_ranking_unpublished(
    services: Services,
) -> None:
    scope = services.standings.parse_scope("2025-Q1")

    async def crash(conn: aiosqlite.Connection) -> None:
        raise Interrupted

    with pytest.raises(Interrupted):
        await services.standings.publish(scope, actor="test", then=crash)

    assert not await services.standings.is_published(scope)


async def test_notices_are_queued_with_the_publication(services: Services) -> None:
    scope = services.standings.parse_scope("2025-Q1")
    broadcasts = services.broadcasts
    queued = broadcasts.notices_to_queue(
        [
            Notice(chat_id=1, unit_code="VP", text="một"),
            Notice(chat_id=2, unit_code="VP", text="hai"),
            Notice(chat_id=1, unit_code="VP", text="trùng người: bỏ"),
        ]
    )

    async def queue(conn: aiosqlite.Connection) -> None:
        await broadcasts.write_notices(conn, created_by=9, label="Công bố", notices=queued)

    assert await services.standings.publish(scope, actor="test", then=queue)
    assert not await services.standings.publish(scope, actor="test", then=queue)

    async with services.db.reader.execute(
        "SELECT chat_id, body FROM outbox ORDER BY chat_id"
    ) as cur:
        rows = [tuple(r) for r in await cur.fetchall()]
    assert rows == [(1, "một"), (2, "hai")]  # once, though publish was called twice


# -- the document's number and date -------------------------------------------------------

TODAY = date(2027, 6, 20)
YEAR_START = date(2026, 1, 1)


@pytest.mark.parametrize(
    ("typed", "number"),
    [
        ("998/QĐ-SGDĐT", "998/QĐ-SGDĐT"),
        ("  998/QĐ-SGDĐT ", "998/QĐ-SGDĐT"),
        ("Số 125/SGDĐT-VP", "125/SGDĐT-VP"),
        ("số: 12 /SGDĐT", "12 /SGDĐT"),
        ("1", "1"),
        ("9" * 60, "9" * 60),
    ],
)
def test_a_document_number_is_taken_as_cited(typed: str, number: str) -> None:
    assert parse_decision_number(typed) == number


@pytest.mark.parametrize(
    ("typed", "problem"),
    [("", "empty"), ("   ", "empty"), ("9" * 61, "too_long"), ("QĐ-SGDĐT", "no_digit")],
)
def test_a_document_number_needs_a_digit_and_at_most_60_characters(
    typed: str, problem: str
) -> None:
    with pytest.raises(NumberError) as caught:
        parse_decision_number(typed)
    assert caught.value.problem == problem


@pytest.mark.parametrize(
    ("typed", "day"),
    [
        ("15/06/2027", date(2027, 6, 15)),
        ("5/6/2027", date(2027, 6, 5)),
        ("15.06.2027", date(2027, 6, 15)),
        ("20-06-2027", TODAY),
        ("01/01/2026", YEAR_START),
    ],
)
def test_a_document_date_is_day_first(typed: str, day: date) -> None:
    assert parse_decision_date(typed, today=TODAY, earliest=YEAR_START) == day


@pytest.mark.parametrize(
    ("typed", "problem"),
    [
        ("2027-06-15", "format"),
        ("31/06/2027", "format"),
        ("15/06/27", "format"),
        ("１５/06/2027", "format"),  # full-width digits
        ("15/06/2027 10:00", "format"),
        ("21/06/2027", "future"),
        ("31/12/2025", "too_early"),
    ],
)
def test_a_document_date_is_real_signed_and_not_before_its_period(
    typed: str, problem: str
) -> None:
    with pytest.raises(DateError) as caught:
        parse_decision_date(typed, today=TODAY, earliest=YEAR_START)
    assert caught.value.problem == problem


# -- naming what is shown ----------------------------------------------------------------------


async def test_results_are_named_as_the_campaign_names_them(services: Services) -> None:
    """Seed 003: "Công bố chỉ số CCHC" by decision 998/QĐ-SGDĐT; quarters are monitoring."""
    tz = services.settings.tz
    quarter = services.standings.parse_scope("2026-Q4")
    year = services.standings.parse_scope("2026")
    ytd = services.standings.parse_scope("2026-YTD")
    assert result_name(quarter) == "Kết quả theo dõi quý IV/2026"
    assert result_name(year) == "Chỉ số CCHC năm 2026"
    assert result_name(ytd).startswith("Kết quả theo dõi lũy kế năm 2026")
    assert result_status(quarter, None, tz) == "tạm tính, chưa công bố"
    assert "không được công bố" in result_status(ytd, None, tz)
    assert not ytd.publishable

    await services.standings.publish(
        year, actor="test", decision_number="998/QĐ-SGDĐT", decision_date=date(2027, 6, 15)
    )
    published = await services.standings.publication(year)
    assert result_status(year, published, tz) == (
        "đã công bố theo Quyết định số 998/QĐ-SGDĐT ngày 15/06/2027"
    )
    await services.standings.publish(
        quarter, actor="test", decision_number="12/SGDĐT-VP", decision_date=date(2027, 1, 5)
    )
    assert result_status(quarter, await services.standings.publication(quarter), tz) == (
        "đã công bố theo văn bản số 12/SGDĐT-VP ngày 05/01/2027"
    )
    with pytest.raises(ScopeError):
        await services.standings.publish(ytd, actor="test")


async def test_publications_made_before_documents_were_recorded_stay_valid(
    services: Services,
) -> None:
    # A row as the bot wrote it before migration 0010: no document.
    async with services.db.write() as conn:
        await conn.execute(
            "INSERT INTO publications (scope, published_by, published_at) VALUES (?, ?, ?)",
            ("2025-Q1", "tg:1", "2025-04-02T03:00:00+00:00"),
        )
        # A year to date an earlier version let the office publish: no longer counted.
        await conn.execute(
            "INSERT INTO publications (scope, published_by, published_at) VALUES (?, ?, ?)",
            ("2025-YTD", "tg:1", "2025-04-02T03:00:00+00:00"),
        )
    scope = services.standings.parse_scope("2025-Q1")
    found = await services.standings.publication(scope)
    assert found is not None
    assert (found.decision_number, found.decision_date) == (None, None)
    assert result_status(scope, found, services.settings.tz) == "đã công bố ngày 02/04/2025"
    assert not await services.standings.is_published(services.standings.parse_scope("2025-YTD"))


async def test_a_units_default_result_is_the_one_published_last(
    services: Services, clock: FakeClock
) -> None:
    standings = services.standings
    clock.now = datetime(2026, 6, 20, 3, 0, tzinfo=UTC)
    await standings.publish(standings.parse_scope("2026-Q1"), actor="test")
    clock.advance(days=1)
    await standings.publish(standings.parse_scope("2025"), actor="test")
    found = await standings.latest_published(lookback=8)
    assert found is not None
    assert found.code == "2025"  # the annual index, published after the quarter
    clock.advance(days=1)
    await standings.publish(standings.parse_scope("2025-Q4"), actor="test")
    found = await standings.latest_published(lookback=8)
    assert found is not None
    assert found.code == "2025-Q4"


# -- the weakest criteria ----------------------------------------------------------------------


def _score(lost: dict[str, str]) -> StoredScore:
    return StoredScore(
        unit_code="U",
        period_code="2025-Q1",
        basis="",
        points=Decimal(0),
        max_points=Decimal(100),
        index=Decimal(0),
        band="",
        lost={k: Decimal(v) for k, v in lost.items()},
        appraised=(),
    )


async def test_the_weakest_are_the_largest_losses_beyond_the_block_median(
    services: Services,
) -> None:
    standings = services.standings
    order = [c.key for c in standings.methodology(YEAR).criteria]
    first, second, third, fourth, fifth = order[:5]
    mx = {k: standings.methodology(YEAR).criterion(k).max_points for k in order}
    score = _score(
        {
            first: "1",  # 1 beyond the median
            second: str(mx[second]),  # scored 0: lost all, 2 beyond the median
            third: "3",  # 1 beyond, and lost more than `first`
            fourth: "0",  # lost nothing: never listed
            fifth: "1",  # 1 beyond, lost 1 as `first` does: after it, by the file's order
        }
    )
    median = {
        first: Decimal(0),
        second: mx[second] - 2,
        third: Decimal(2),
        fourth: Decimal(0),
        fifth: Decimal(0),
    }
    methodology = standings.methodology(YEAR)
    weak = standings.weakest(score, median, methodology)
    assert [w.key for w in weak] == [second, third, first]
    assert weak[0].points == 0  # the criterion scored 0 is listed
    assert [w.lost_vs_median for w in weak] == [2, 1, 1]
    assert [w.key for w in standings.weakest(score, median, methodology, limit=5)] == [
        second,
        third,
        first,
        fifth,
    ]
    # A criterion absent from `lost` (pending the office's scoring) is simply not there.
    assert second not in [
        w.key for w in standings.weakest(_score({first: "1"}), median, methodology)
    ]


# -- coverage of a year ------------------------------------------------------------------------


async def test_a_years_coverage_runs_over_its_quarters(services: Services) -> None:
    member = await bind(services, 9001, "THPT-QH")
    await submit(services, member)
    scope = services.standings.parse_scope("2025")
    coverage = await services.publication.coverage(scope)
    assert coverage.units == len(await services.roster.list_units())
    assert (coverage.reported, coverage.reported_every_quarter) == (1, 0)
    assert (coverage.reports, coverage.accepted) == (1, 0)
    # The tests' clock stands in quarter I: every quarter of the year may still report.
    assert [p.code for p in coverage.open_periods] == [f"2025-Q{q}" for q in (1, 2, 3, 4)]
    assert len(coverage.open_units) == coverage.units
