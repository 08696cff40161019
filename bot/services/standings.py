"""Standings: scores, block rankings, a unit's standing and trend, publication.

Two kinds of result, named as the campaign names them: a quarter's result is progress
monitoring ("Kết quả theo dõi quý IV/2026"), provisional until the office publishes it
by a document; a year's is the annual Chỉ số CCHC ("Chỉ số CCHC năm 2026"), published by
a decision. A year to date ("2026-YTD") is a running figure for the office: it is never
published, so units never see it.

Scores come from each unit's latest submitted report for a quarter, scored by the
methodology (a data file), with the office's appraisal points overriding. A year (or
year-to-date) index is the mean of the quarterly indices over the quarters it spans, a
quarter without a report counting 0: the plan rewards units that report every quarter.

Rankings are cached per (scope, block) under a data version that grows with every
submission, appraisal or roster change, so a repeated /standing costs a dictionary
lookup, and a stale ranking is never shown.
"""

from __future__ import annotations

import asyncio
import hashlib
import re
import statistics
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import Any, Literal
from zoneinfo import ZoneInfo

import aiosqlite

from bot.clock import Clock, to_iso
from bot.domain.models import Block, Unit
from bot.formatting import format_date, period_label, quarter_roman
from bot.scoring.engine import ENGINE_VERSION, score_unit
from bot.scoring.methodology import Methodology
from bot.scoring.ranking import Entry, Ranked, median_index, points_to_next_rank, rank_block
from bot.services.periods import (
    PeriodService,
    parse_period_code,
    period_code,
    quarter_of,
    shift_quarter,
)
from bot.texts import standings as T
from bot.yearbook import YearBook
from storage import audit, inspections, scores, standings, units
from storage.database import Database
from storage.scores import StoredScore
from storage.standings import Publication

_YEAR = re.compile(r"^\s*(\d{4})\s*(-\s*YTD)?\s*$", re.IGNORECASE)
TWO_PLACES = Decimal("0.01")
_SCORING_BATCH = 100


@dataclass(frozen=True, slots=True)
class Scope:
    """A quarter ("2025-Q1"), a year to date ("2025-YTD") or a year ("2025")."""

    code: str
    year: int
    quarters: tuple[int, ...]
    kind: Literal["quarter", "ytd", "year"]

    @classmethod
    def quarter(cls, year: int, quarter: int) -> Scope:
        return cls(period_code(year, quarter), year, (quarter,), "quarter")

    @classmethod
    def whole_year(cls, year: int) -> Scope:
        return cls(str(year), year, (1, 2, 3, 4), "year")

    @property
    def label(self) -> str:
        if self.kind == "quarter":
            return period_label(self.year, self.quarters[0])
        if self.kind == "ytd":
            return T.SCOPE_YTD.format(year=self.year, quarter=quarter_roman(self.quarters[-1]))
        return T.SCOPE_YEAR.format(year=self.year)

    @property
    def period_codes(self) -> tuple[str, ...]:
        return tuple(period_code(self.year, q) for q in self.quarters)

    @property
    def publishable(self) -> bool:
        """A quarter (monitoring) or a year (the annual index); never a year to date."""
        return self.kind != "ytd"

    @property
    def first_day(self) -> date:
        """The first day the scope's results can speak of (a document publishing them is
        dated no earlier)."""
        return date(self.year, 3 * (self.quarters[0] - 1) + 1, 1)


# What a result is called and whether it is published: bot/texts/standings.py.


def result_name(scope: Scope) -> str:
    """ "Kết quả theo dõi quý IV/2026" (a quarter's progress monitoring), "Chỉ số CCHC năm
    2026" (the annual index), or a year to date's running figure."""
    if scope.kind == "quarter":
        return T.RESULT_QUARTER.format(period=scope.label)
    if scope.kind == "year":
        return T.RESULT_YEAR.format(year=scope.year)
    return T.RESULT_YTD.format(year=scope.year, quarter=quarter_roman(scope.quarters[-1]))


def document_name(scope: Scope, number: str, day: date) -> str:
    """The document publishing a result: a decision for the annual index, a document (a
    công văn may do) for a quarter's monitoring."""
    template = T.DOCUMENT_YEAR if scope.kind == "year" else T.DOCUMENT_QUARTER
    return template.format(number=number, date=format_date(day))


def published_how(scope: Scope, publication: Publication, tz: ZoneInfo) -> str:
    """ "theo Quyết định số … ngày …"; for a result published before documents were
    recorded, the day it was published ("ngày 20/02/2025")."""
    if publication.decision_number is None or publication.decision_date is None:
        day = publication.published_at.astimezone(tz).date()
        return T.PUBLISHED_ON.format(date=format_date(day))
    return T.PUBLISHED_BY.format(
        document=document_name(scope, publication.decision_number, publication.decision_date)
    )


def result_status(scope: Scope, publication: Publication | None, tz: ZoneInfo) -> str:
    """ "tạm tính, chưa công bố", or "đã công bố theo Quyết định số … ngày …"."""
    if not scope.publishable:
        return T.STATUS_YTD
    if publication is None:
        return T.STATUS_PROVISIONAL
    return T.STATUS_PUBLISHED.format(how=published_how(scope, publication, tz))


@dataclass(frozen=True, slots=True)
class Row:
    ranked: Ranked
    unit: Unit
    score: StoredScore | None  # None: no report (for a year: no quarter reported)
    # Counted from a report the office has not accepted (CCHC_STANDINGS_COUNT=submitted);
    # for a year, from at least one such quarter.
    provisional: bool = False


@dataclass(frozen=True, slots=True)
class BlockRanking:
    scope: Scope
    block: Block
    rows: tuple[Row, ...]
    median: Decimal | None
    version: int
    # Per criterion, the block median of points lost (quarters only), for "weakest" lists.
    median_lost: dict[str, Decimal] = field(default_factory=dict)

    def row(self, unit_code: str) -> Row | None:
        for row in self.rows:
            if row.unit.code == unit_code:
                return row
        return None

    @property
    def reported(self) -> int:
        return sum(1 for r in self.rows if r.ranked.rank is not None)

    @property
    def size(self) -> int:
        """Every unit of the block, non-reporters included: the N of "r/N"."""
        return len(self.rows)


@dataclass(frozen=True, slots=True)
class Weak:
    key: str
    title: str
    points: Decimal
    max_points: Decimal
    lost_vs_median: Decimal


@dataclass(frozen=True, slots=True)
class UnitStanding:
    scope: Scope
    ranking: BlockRanking
    row: Row
    previous_scope: Scope
    previous: Decimal | None  # index in the previous scope (quarter before, year before)
    to_next_rank: Decimal | None
    weakest: tuple[Weak, ...]
    publication: Publication | None  # None: provisional

    @property
    def published(self) -> bool:
        return self.publication is not None

    @property
    def change(self) -> Decimal | None:
        index = self.row.ranked.entry.index
        if index is None or self.previous is None:
            return None
        return index - self.previous


@dataclass(frozen=True, slots=True)
class TrendPoint:
    scope: Scope
    index: Decimal | None
    median: Decimal | None


class ScopeError(ValueError):
    pass


class StandingsService:
    def __init__(
        self,
        db: Database,
        clock: Clock,
        rules: YearBook,
        periods: PeriodService,
        *,
        count: str = "submitted",
    ) -> None:
        self._db = db
        self._clock = clock
        self._rules = rules
        self._periods = periods
        # "submitted": every unit's latest submitted version counts (provisional until
        # the office accepts it); "accepted": only its latest accepted version.
        self.accepted_only = count == "accepted"
        self._cache: dict[tuple[str, str], BlockRanking] = {}
        self._prescoring: asyncio.Task[int] | None = None
        self._fingerprints: dict[int, str] = {}

    def methodology(self, year: int) -> Methodology:
        """The year's criteria (raises NoRulesForYear for a year without them)."""
        return self._rules.methodology(year)

    def _fingerprint(self, year: int) -> str:
        """Stored scores made under another methodology file (or engine) are rescored."""
        found = self._fingerprints.get(year)
        if found is None:
            text = ENGINE_VERSION + self.methodology(year).model_dump_json()
            found = hashlib.blake2b(text.encode(), digest_size=8).hexdigest()
            self._fingerprints[year] = found
        return found

    # -- scopes ----------------------------------------------------------------------

    def parse_scope(self, text: str | None) -> Scope:
        """A scope named by the user; by default the current quarter."""
        if text is None or not text.strip():
            return self.default_scope()
        quarter = parse_period_code(text)
        if quarter is not None:
            return Scope.quarter(*quarter)
        match = _YEAR.match(text)
        if match is None:
            raise ScopeError(text)
        year = int(match.group(1))
        if match.group(2):
            now_year, now_quarter = quarter_of(self._now_local_date())
            last = now_quarter if year == now_year else 4
            return Scope(f"{year}-YTD", year, tuple(range(1, last + 1)), "ytd")
        return Scope(str(year), year, (1, 2, 3, 4), "year")

    def default_scope(self) -> Scope:
        return Scope.quarter(*quarter_of(self._now_local_date()))

    def previous_scope(self, scope: Scope) -> Scope:
        if scope.kind == "quarter":
            return Scope.quarter(*shift_quarter(scope.year, scope.quarters[0], -1))
        if scope.kind == "year":
            return Scope(str(scope.year - 1), scope.year - 1, (1, 2, 3, 4), "year")
        return Scope(f"{scope.year - 1}-YTD", scope.year - 1, scope.quarters, "ytd")

    def _now_local_date(self) -> date:
        return self._clock().astimezone(self._periods.tz).date()

    # -- rankings --------------------------------------------------------------------

    async def prescore(self) -> int:
        """Score every stored report not yet scored under this methodology; returns how
        many quarters × blocks were checked.

        Run in the background at start-up, so the first /standing after a restart (or
        after the office swaps the methodology file) reads stored scores instead of
        scoring a whole block while the user waits. Callers at the same time share one
        run (the start-up drawing of pictures waits for it rather than scoring twice).
        """
        if self._prescoring is None or self._prescoring.done():
            self._prescoring = asyncio.get_running_loop().create_task(self._prescore())
        return await self._prescoring

    async def _prescore(self) -> int:
        checked = 0
        for period in await scores.reported_periods(self._db.reader):
            if not self._rules.has(int(period[:4])):
                # No criteria for that year: nothing to score ahead (asking says why).
                continue
            for block in await units.list_blocks(self._db.reader):
                await self._quarter_scores(period, block.code)
                checked += 1
        return checked

    async def block_ranking(
        self, scope: Scope, block_code: str, *, keep: bool = True
    ) -> BlockRanking:
        """The block's ranking for the scope, from the cache while data are unchanged.

        ``keep=False`` computes one without caching it: drawing every unit's picture of
        ten scopes ahead must not hold ten scopes of rankings in memory.
        """
        version = await standings.data_version(self._db.reader)
        key = (scope.code, block_code)
        cached = self._cache.get(key)
        if cached is not None and cached.version == version:
            return cached
        ranking = await self._compute(scope, block_code, version)
        if keep:
            self._cache[key] = ranking
        return ranking

    async def _compute(self, scope: Scope, block_code: str, version: int) -> BlockRanking:
        conn = self._db.reader
        block = next((b for b in await units.list_blocks(conn) if b.code == block_code), None)
        if block is None:
            raise LookupError(block_code)
        if await self.publication(scope) is not None:
            # What the office published stays what it published (see _frozen).
            members, chosen, unaccepted = await self._frozen(scope, block_code)
        else:
            members, chosen, unaccepted = await self._live(scope, block_code)
        entries = []
        for unit in members:
            score = chosen.get(unit.code)
            entries.append(Entry(unit.code, unit.name, score.index if score else None))
        ranked = rank_block(entries)
        by_code = {u.code: u for u in members}
        rows = tuple(
            Row(
                r,
                by_code[r.entry.unit_code],
                chosen.get(r.entry.unit_code),
                chosen.get(r.entry.unit_code) is not None and r.entry.unit_code in unaccepted,
            )
            for r in ranked
        )
        median_lost: dict[str, Decimal] = {}
        if scope.kind == "quarter":
            losses: dict[str, list[Decimal]] = {}
            for score in chosen.values():
                for key, lost in (score.lost if score else {}).items():
                    losses.setdefault(key, []).append(lost)
            median_lost = {k: Decimal(statistics.median(v)) for k, v in losses.items()}
        return BlockRanking(scope, block, rows, median_index(ranked), version, median_lost)

    async def _live(
        self, scope: Scope, block_code: str
    ) -> tuple[list[Unit], dict[str, StoredScore | None], set[str]]:
        """The block's units, each one's score for the scope from the reports as they are
        now, and those counted from a report the office has not accepted."""
        members = await units.list_block_units(self._db.reader, block_code)
        quarters = [await self._quarter(code, block_code) for code in scope.period_codes]
        per_quarter = [q for q, _ in quarters]
        unaccepted: set[str] = set().union(*(pending for _, pending in quarters))
        chosen: dict[str, StoredScore | None] = {}
        for unit in members:
            if scope.kind == "quarter":
                chosen[unit.code] = per_quarter[0].get(unit.code)
            else:
                chosen[unit.code] = self._over_quarters(
                    scope, [q.get(unit.code) for q in per_quarter]
                )
        return members, chosen, unaccepted

    async def _frozen(
        self, scope: Scope, block_code: str
    ) -> tuple[list[Unit], dict[str, StoredScore | None], set[str]]:
        """A published result as it was published: a resubmission, an appraisal or a
        new methodology after the decision does not move the numbers it published. A
        result published before results were frozen is frozen now, as it reads today."""
        found = await scores.frozen(self._db.reader, scope.code, block_code)
        if found is None:
            # Block by block: a restart reading old results holds one block at a time.
            found = await self._block_snapshot(scope, block_code)
            async with self._db.write() as conn:
                await scores.freeze(conn, scope.code, found)
        # Named as the roster names them now (a unit moved or removed since keeps its
        # place in the published result).
        roster = {u.code: u for u in await units.list_block_units(self._db.reader, block_code)}
        members = []
        for f in found:
            unit = roster.get(f.unit_code) or await units.get_unit(self._db.reader, f.unit_code)
            members.append(unit or Unit(code=f.unit_code, name=f.unit_code, block=f.block))
        chosen = {f.unit_code: f.score for f in found}
        return members, chosen, {f.unit_code for f in found if f.unaccepted}

    async def snapshot(self, scope: Scope) -> list[scores.Frozen]:
        """Every block's units with their score for the scope now, as a publication keeps
        them (computed before the publishing transaction: scoring writes scores). Only
        for a scope not published yet: a published one is read from what it kept."""
        found: list[scores.Frozen] = []
        for block in await units.list_blocks(self._db.reader):
            # The rankings the publication's notices were just worded from (cached).
            ranking = await self.block_ranking(scope, block.code)
            found += [
                scores.Frozen(r.unit.code, block.code, r.score, r.provisional)
                for r in ranking.rows
            ]
        return found

    async def _block_snapshot(self, scope: Scope, block_code: str) -> list[scores.Frozen]:
        members, chosen, unaccepted = await self._live(scope, block_code)
        return [
            scores.Frozen(
                u.code,
                block_code,
                chosen.get(u.code),
                chosen.get(u.code) is not None and u.code in unaccepted,
            )
            for u in members
        ]

    def _over_quarters(self, scope: Scope, got: list[StoredScore | None]) -> StoredScore | None:
        """A year's (or year-to-date's) score: the mean of its quarterly indices."""
        present = [s for s in got if s is not None]
        if not present:
            return None
        index = (sum((s.index if s else Decimal(0) for s in got), Decimal(0)) / len(got)).quantize(
            TWO_PLACES, rounding=ROUND_HALF_UP
        )
        return StoredScore(
            unit_code=present[0].unit_code,
            period_code=scope.code,
            basis="",
            points=sum((s.points for s in present), Decimal(0)),
            max_points=sum((s.max_points for s in present), Decimal(0)),
            index=index,
            band=self.methodology(scope.year).band(index),
            lost={},
            appraised=(),
            # A quarter still waiting for the office leaves the year provisional too.
            pending_points=sum((s.pending_points for s in present), Decimal(0)),
        )

    async def _quarter_scores(self, period: str, block: str) -> dict[str, StoredScore]:
        """The block's scores for a quarter, rescoring only what changed since stored."""
        return (await self._quarter(period, block))[0]

    async def _quarter(
        self, period: str, block: str, unit_code: str | None = None
    ) -> tuple[dict[str, StoredScore], set[str]]:
        """The block's scores for a quarter (or one unit's), and the units whose counted
        report the office has not accepted (provisional); rescoring only what changed
        since stored."""
        conn = self._db.reader
        candidates = await scores.scorable(
            conn, period, block, accepted_only=self.accepted_only, unit_code=unit_code
        )
        pending = {c.unit_code for c in candidates if c.decision != "accepted"}
        appraised = await scores.block_appraisals(conn, period, block, unit_code)
        year = int(period[:4])
        inspected = await inspections.inspected(conn, year)
        result: dict[str, StoredScore] = {}
        stale: list[tuple[scores.Scorable, str]] = []
        for candidate in candidates:
            basis = self._basis(
                year,
                candidate.report_id,
                block,
                appraised.get(candidate.unit_code),
                inspected=candidate.unit_code in inspected,
            )
            if candidate.stored is not None and candidate.stored.basis == basis:
                result[candidate.unit_code] = candidate.stored
            else:
                stale.append((candidate, basis))
        # In batches: a block's first scoring then holds a hundred reports' answers in
        # memory at a time, not five hundred.
        for start in range(0, len(stale), _SCORING_BATCH):
            batch = stale[start : start + _SCORING_BATCH]
            answers = await scores.answers_of(conn, [c.report_id for c, _ in batch])
            # Scoring is CPU work; keep the event loop answering others meanwhile.
            fresh = await asyncio.to_thread(
                self._score_all, period, block, batch, answers, appraised, inspected
            )
            async with self._db.write() as writer:
                await scores.put(writer, fresh)
            result.update((s.unit_code, s) for s in fresh)
        return result, pending

    def _score_all(
        self,
        period: str,
        block: str,
        stale: list[tuple[scores.Scorable, str]],
        answers: dict[int, dict[str, Any]],
        appraised: dict[str, dict[str, Decimal]],
        inspected: frozenset[str],
    ) -> list[StoredScore]:
        fresh = []
        for candidate, basis in stale:
            score = score_unit(
                self.methodology(int(period[:4])),
                block=block,
                answers=answers.get(candidate.report_id, {}),
                appraisals=appraised.get(candidate.unit_code, {}),
                inspected=candidate.unit_code in inspected,
            )
            fresh.append(
                StoredScore(
                    unit_code=candidate.unit_code,
                    period_code=period,
                    basis=basis,
                    points=score.points,
                    max_points=score.max_points,
                    index=score.index,
                    band=score.band,
                    lost=score.lost(),
                    appraised=tuple(c.key for c in score.criteria if c.appraised),
                    pending_points=score.pending_points,
                    declined=score.declined(),
                )
            )
        return fresh

    def _basis(
        self,
        year: int,
        report_id: int,
        block: str,
        appraised: dict[str, Decimal] | None,
        *,
        inspected: bool,
    ) -> str:
        """What a score was computed from; a stored score with another basis is stale.

        The report id names the version scored: when the office accepts or returns a
        report, :func:`storage.scores.scorable` may pick another version (with
        ``accepted_only``), and so another basis. The rule itself is part of the basis
        so that switching CCHC_STANDINGS_COUNT never reuses a row scored under the other.
        """
        marks = ",".join(f"{k}={v}" for k, v in sorted((appraised or {}).items()))
        rule = "accepted" if self.accepted_only else "submitted"
        plan = "inspected" if inspected else "-"
        return f"{report_id}|{block}|{self._fingerprint(year)}|{rule}|{plan}|{marks}"

    async def unit_standing(self, unit_code: str, scope: Scope) -> UnitStanding | None:
        unit = await units.get_unit(self._db.reader, unit_code)
        if unit is None:
            return None
        ranking = await self.block_ranking(scope, unit.block)
        row = ranking.row(unit.code)
        assert row is not None
        previous_scope = self.previous_scope(scope)
        previous = await self._unit_index(unit, previous_scope)
        weakest = (
            self.weakest(row.score, ranking.median_lost, self.methodology(scope.year))
            if row.score is not None and scope.kind == "quarter"
            else ()
        )
        return UnitStanding(
            scope=scope,
            ranking=ranking,
            row=row,
            previous_scope=previous_scope,
            previous=previous,
            to_next_rank=points_to_next_rank([r.ranked for r in ranking.rows], unit.code),
            weakest=weakest,
            publication=await self.publication(scope),
        )

    def weakest(
        self,
        score: StoredScore,
        median_lost: dict[str, Decimal],
        methodology: Methodology,
        *,
        limit: int = 3,
    ) -> tuple[Weak, ...]:
        """Where the unit lost most against its block: the criteria with the largest
        points lost beyond the block's median loss on them.

        Every scored criterion counts, one the unit scored 0 on included; ties go to the
        criterion where the unit lost more, then to the methodology's order. Only
        criteria the unit lost points on are listed. A criterion absent from the score's
        ``lost`` (pending the office's scoring, not applicable, or no longer in the
        methodology) is not listed.
        """
        order = {c.key: n for n, c in enumerate(methodology.criteria)}
        candidates = []
        for key, lost in score.lost.items():
            if lost <= 0 or key not in order:
                continue
            gap = lost - median_lost.get(key, lost)
            candidates.append((-gap, -lost, order[key], key, gap))
        found = []
        for _, _, _, key, gap in sorted(candidates)[:limit]:
            c = methodology.criterion(key)
            found.append(Weak(key, c.title, c.max_points - score.lost[key], c.max_points, gap))
        return tuple(found)

    async def _unit_index(self, unit: Unit, scope: Scope) -> Decimal | None:
        """One unit's index for a scope, without ranking its whole block unless cached:
        the previous period's figure on /standing is all that is needed of it."""
        cached = self._cache.get((scope.code, unit.block))
        if cached is not None and cached.version == await standings.data_version(self._db.reader):
            row = cached.row(unit.code)
            return row.ranked.entry.index if row else None
        if await self.publication(scope) is not None:
            row = (await self.block_ranking(scope, unit.block)).row(unit.code)
            return row.ranked.entry.index if row else None
        got = [
            (await self._quarter(code, unit.block, unit.code))[0].get(unit.code)
            for code in scope.period_codes
        ]
        score = got[0] if scope.kind == "quarter" else self._over_quarters(scope, got)
        return score.index if score else None

    async def trend(self, unit_code: str, *, quarters: int = 8) -> list[TrendPoint]:
        """The unit's index for the last ``quarters`` quarters, with its block's median."""
        unit = await units.get_unit(self._db.reader, unit_code)
        if unit is None:
            return []
        year, quarter = quarter_of(self._now_local_date())
        points = []
        for back in range(quarters - 1, -1, -1):
            scope = Scope.quarter(*shift_quarter(year, quarter, -back))
            ranking = await self.block_ranking(scope, unit.block)
            row = ranking.row(unit.code)
            points.append(
                TrendPoint(scope, row.ranked.entry.index if row else None, ranking.median)
            )
        return points

    # -- publication -----------------------------------------------------------------

    async def publication(self, scope: Scope) -> Publication | None:
        """How the scope was published, or None while it is provisional. A year to date
        is never published (a row left by an earlier version is ignored)."""
        if not scope.publishable:
            return None
        return await standings.get_publication(self._db.reader, scope.code)

    async def is_published(self, scope: Scope) -> bool:
        return await self.publication(scope) is not None

    async def published_among(self, scopes: Sequence[Scope]) -> set[str]:
        """The codes of the scopes that are published."""
        return set(await self.publications_among(scopes))

    async def publications_among(self, scopes: Sequence[Scope]) -> dict[str, Publication]:
        """The publications of these scopes, by code, in one query."""
        codes = [s.code for s in scopes if s.publishable]
        return await standings.publications_among(self._db.reader, codes)

    def recent_scopes(self, *, quarters: int = 8, years: int = 2) -> list[Scope]:
        """The publishable scopes a unit may ask about by default: the current quarter
        and the ``quarters`` - 1 before it, the current year and the ``years`` before it
        (a year's index is published the year after), newest first."""
        year, quarter = quarter_of(self._now_local_date())
        found = [Scope.quarter(*shift_quarter(year, quarter, -back)) for back in range(quarters)]
        return found + [Scope.whole_year(y) for y in range(year, year - years - 1, -1)]

    async def recent_published(
        self, *, quarters: int = 8, years: int = 2
    ) -> list[tuple[Scope, Publication]]:
        """The recent published scopes (see :meth:`recent_scopes`), most recently
        published first."""
        recent = self.recent_scopes(quarters=quarters, years=years)
        published = await self.publications_among(recent)
        found = [(s, published[s.code]) for s in recent if s.code in published]
        found.sort(key=lambda item: (item[1].published_at, item[0].code), reverse=True)
        return found

    async def latest_published(self, *, lookback: int) -> Scope | None:
        """The scope published last among the recent ones (``lookback`` quarters and
        the last years): after the office publishes a result, a unit's /standing shows
        that result, whether the quarter's monitoring or the year's index."""
        found = await self.recent_published(quarters=lookback)
        return found[0][0] if found else None

    async def publish(
        self,
        scope: Scope,
        *,
        actor: str,
        decision_number: str | None = None,
        decision_date: date | None = None,
        then: Callable[[aiosqlite.Connection], Awaitable[None]] | None = None,
    ) -> bool:
        """Make a result visible to units; False if it was already published.

        The document that publishes it (its number and date) is stored and audited with
        it. ``then`` writes in the same transaction (the units' notices): a crash cannot
        leave a published result whose units nobody told. A year to date is never
        published (``ScopeError``).
        """
        if not scope.publishable:
            raise ScopeError(scope.code)
        now = to_iso(self._clock())
        figures = await self.snapshot(scope)
        async with self._db.write() as conn:
            fresh = await standings.publish(
                conn,
                scope.code,
                actor,
                now,
                decision_number=decision_number,
                decision_date=decision_date,
            )
            if fresh:
                await scores.freeze(conn, scope.code, figures)
                await audit.record(
                    conn,
                    at=now,
                    actor=actor,
                    action="ranking.publish",
                    detail={
                        "scope": scope.code,
                        "kind": scope.kind,
                        "decision_number": decision_number,
                        "decision_date": decision_date.isoformat() if decision_date else None,
                    },
                )
                if then is not None:
                    await then(conn)
        return fresh
