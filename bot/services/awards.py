"""Award candidates (khen thưởng) by the campaign plan's rules, and their proposal dossiers.

Each year the plan (seed 000, section III.1) proposes the Director's Giấy khen for:

- "04 đơn vị trực thuộc có kết quả đánh giá chỉ số cải cách hành chính dẫn đầu Khối các
  đơn vị trực thuộc, có trên 90% thủ tục hành chính được trình Sở giải quyết theo hình
  thức trực tuyến";
- "Thủ trưởng 02 đơn vị trực thuộc" on the same conditions;
- "02 phòng chuyên môn, nghiệp vụ thuộc Sở có các chỉ số cải cách hành chính được phân
  công phụ trách theo dõi, thực hiện đạt loại tốt, xuất sắc";
- "02 công chức" of the divisions, for their work on procedures (nominated, not computed).

How the rules are read — each is a decision a reader of the plan would otherwise ask:

- **Index**: the standings' year index for scope "YYYY" (the mean of the four quarterly
  indices, a quarter without a report counting 0), exactly what ``/ranking BLOCK YYYY``
  shows, so the award list never disagrees with the published table.
- **Khối các đơn vị trực thuộc**: every unit of the blocks in ``CCHC_AWARD_BLOCKS``
  (default ``truc_thuoc`` and ``trung_tam``: the schools *and* the centres are directly
  under the Sở), ranked together on that index (competition ranks, as a block's table).
- **Minimum band**: a candidate's year index must reach the band ``CCHC_AWARD_MIN_BAND``
  (default "Tốt"; with a methodology that has no "Tốt", its second-highest band): a
  unit rated "Yếu" leads nothing worth a Giấy khen, however few units reported. The
  same setting reads the divisions' "đạt loại tốt, xuất sắc": that band and every band
  above it.
- **Procedures submitted to the Sở online**: the plan counts the procedures the *unit
  itself* submits to the Sở ("thủ tục hành chính được trình Sở"), not the citizens'
  dossiers the unit receives. The report form asks for them (``procedures_to_dept``,
  of them online ``procedures_to_dept_online``). The year's share is Σ online ÷ Σ
  submitted over the year's quarters, each quarter read from the report version the
  standings count (:func:`storage.scores.scorable`, with the office's acceptance when
  ``CCHC_STANDINGS_COUNT=accepted``). "Trên 90%" is strict and compared exactly
  (online × 10 > submitted × 9): exactly 90 % does not qualify. A unit that submitted
  nothing to the Sở in the year has no share and does not qualify: the condition cannot
  be shown. Nor does a unit one of whose counted reports lacks these numbers (a report
  made under an older form): its year's share is unknown; the office may reopen the
  quarter for the unit to report them.
- **Leading the Khối**: the 4 highest year indices in the Khối *among the units that
  meet both conditions*. The plan names a number of units (04) and the conditions;
  dropping the leaders that miss a condition without filling their seats would award
  fewer units than the plan intends, and the band keeps every seat among good units.
  So that the office can defend the list, the units ranked above a candidate (or in
  the Khối's top 4) that a condition excluded are listed with every reason.
- **Ties** at the last seat are all included (positions 1, 2, 2, 4, 4 give five
  candidates, marked as tied): the plan names no tie-break, and choosing between equal
  indices is the emulation council's call, not the bot's.
- **Heads**: the heads of the first 2 positions among those units (ties included),
  named by the people bound to the unit with role ``head`` (their Telegram name).
- **Divisions**: units of block ``phong_so`` whose year index reaches the minimum band,
  top 2 by index, ties included. The plan cites the province's evaluation, which the
  bot does not have; its own year index is the nearest measure.
- **Civil servants**: nominated by the office with a name, a division and a reason;
  the plan wants people working in a Department division, so the unit must be in
  block ``phong_so``. More than 2 nominations are allowed (the council chooses).
- **Confirming** ("Chốt danh sách") waits for the year's index to be published: a list
  confirmed on provisional figures would ask units for dossiers the published index
  may not bear out.

Dossiers: once the office confirms the list, every unit on it (a candidate unit, the
unit of a candidate head, a candidate division, the division of a nominee) is asked
for one dossier covering all its grounds: a proposal letter, the minutes of its
emulation council and an achievement report, attached in chat, due 15 January of the
following year. A new file for a kind replaces the previous one (the audit log keeps
the history). Reminders go to the unit's bound members 7, 3 and 1 days before the due
date at 08:00 local time while something is missing; each is recorded before it is
sent, so it goes out at most once, across restarts. When the bot was down over a
reminder time, only the latest due reminder is sent and the earlier ones are skipped.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal
from typing import Literal

from bot.clock import Clock, to_iso
from bot.domain.models import Block, Membership, Unit
from bot.forms.answers import AnswerError, IncomingDocument, parse_document
from bot.forms.schema import FieldSpec
from bot.numbers import parse_whole
from bot.scoring.methodology import Methodology
from bot.scoring.ranking import Entry, rank_block, vietnamese_sort_key
from bot.services.periods import PeriodService
from bot.services.standings import Row, Scope, StandingsService
from bot.texts import awards as T
from storage import audit, awards, people, scores, sessions, units
from storage.awards import Document, DossierRequest, Ground, Nomination
from storage.database import Database

__all__ = [
    "DEFAULT_AWARD_BLOCKS",
    "DIVISION_BLOCK",
    "DOCUMENT_KINDS",
    "DOCUMENT_TITLES",
    "FLOW",
    "PLAN_SENTENCES",
    "REMINDER_DAYS",
    "Attached",
    "AwardRule",
    "AwardRuleError",
    "AwardsNotPublished",
    "AwardsService",
    "Candidates",
    "Confirmation",
    "Document",
    "Dossier",
    "DossierRequest",
    "Ground",
    "HeadPick",
    "Nomination",
    "NominationError",
    "PassedOver",
    "Pick",
    "Reason",
    "Reminder",
    "UnitFacts",
    "UploadError",
    "exclusions",
    "format_share",
    "online_above_threshold",
    "pick_top",
    "plan_changes",
    "plan_sentence",
    "select_divisions",
    "select_heads",
    "select_units",
    "shown_share",
]

DEFAULT_AWARD_BLOCKS: tuple[str, ...] = ("truc_thuoc", "trung_tam")
DEFAULT_MIN_BAND = T.DEFAULT_MIN_BAND  # the plan's "đạt loại tốt, xuất sắc"
DIVISION_BLOCK = "phong_so"
UNIT_SEATS = 4
HEAD_SEATS = 2
DIVISION_SEATS = 2
PERSON_SEATS = 2
# "có trên 90% thủ tục hành chính được trình Sở giải quyết theo hình thức trực tuyến":
# the share must be strictly above 9/10.
ONLINE_ABOVE = (9, 10)
SUBMITTED_FIELD = "procedures_to_dept"  # procedures the unit submitted to the Sở
ONLINE_FIELD = "procedures_to_dept_online"  # of them, submitted online

# The plan's own sentences (seed 000, III.1), quoted wherever a list is shown.
PLAN_SENTENCES: Mapping[str, str] = T.PLAN_SENTENCES

DOCUMENT_KINDS: tuple[str, ...] = ("proposal", "minutes", "achievements")
# The plan's own names for the three documents (seed 000, III.3).
DOCUMENT_TITLES: Mapping[str, str] = T.DOCUMENT_TITLES
DUE_MONTH, DUE_DAY = 1, 15  # of the year after the award year
REMINDER_DAYS: tuple[int, ...] = (7, 3, 1)
REMINDER_TIME = time(8, 0)
FLOW = "award_doc"
NAME_LIMIT = 100
REASON_LIMIT = 1000

# Dossier documents are checked like the report's signed file.
UPLOAD_SPEC = FieldSpec(
    key="award_document",
    label=T.UPLOAD_LABEL,
    type="file",
    accept=("pdf", "doc", "docx"),
    max_size_mb=20,
)


def plan_sentence(kind: str, department: str) -> str:
    """The plan's sentence for an award (``unit``, ``head``, ``division``, ``person``)."""
    return PLAN_SENTENCES[kind].format(department=department)


# -- the rule (pure) ---------------------------------------------------------------------


class AwardRuleError(ValueError):
    """The award settings do not fit the methodology; the message says so in Vietnamese."""


def _same_name(a: str, b: str) -> bool:
    return unicodedata.normalize("NFC", a).casefold() == unicodedata.normalize("NFC", b).casefold()


@dataclass(frozen=True, slots=True)
class AwardRule:
    """Which blocks form the "Khối các đơn vị trực thuộc", and the lowest band that counts."""

    blocks: tuple[str, ...]
    min_band: str
    min_index: Decimal  # the index at which ``min_band`` starts
    good_bands: tuple[str, ...]  # ``min_band`` and the bands above it, best first

    @classmethod
    def of(
        cls,
        methodology: Methodology,
        *,
        blocks: Sequence[str] = DEFAULT_AWARD_BLOCKS,
        min_band: str | None = None,
    ) -> AwardRule:
        """The rule for a methodology; :class:`AwardRuleError` if it has no such band.

        Without ``min_band``: "Tốt" (the plan's "đạt loại tốt, xuất sắc"), or, for a
        methodology that names its bands otherwise, its second-highest band (never its
        lowest, unless it has only one): an office's own band names do not stop the bot.
        """
        bands = methodology.bands
        wanted = min_band
        if wanted is None:
            shipped = next((b.name for b in bands if _same_name(b.name, DEFAULT_MIN_BAND)), None)
            wanted = shipped or bands[max(0, min(1, len(bands) - 2))].name
        for n, band in enumerate(bands):
            if _same_name(band.name, wanted):
                return cls(
                    blocks=tuple(blocks),
                    min_band=band.name,
                    min_index=band.min_index,
                    good_bands=tuple(b.name for b in bands[: n + 1]),
                )
        names = ", ".join(T.QUOTED.format(name=b.name) for b in bands)
        raise AwardRuleError(T.UNKNOWN_BAND.format(band=wanted, names=names))

    def reaches_band(self, index: Decimal | None) -> bool:
        return index is not None and index >= self.min_index


def online_above_threshold(online: int, submitted: int) -> bool:
    """ "Trên 90%": more than 90 % online, compared exactly on whole numbers."""
    above, of = ONLINE_ABOVE
    return submitted > 0 and online * of > submitted * above


def shown_share(online: int, submitted: int) -> Decimal | None:
    """The online share in percent as shown: one decimal ("90,0"), more where one decimal
    would show a share above 90 % as 90,0 (so the figure never contradicts the verdict);
    None when nothing was submitted."""
    if submitted <= 0:
        return None
    exact = Decimal(online) * 100 / Decimal(submitted)
    shown = exact.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
    if online_above_threshold(online, submitted):
        threshold = Decimal(100 * ONLINE_ABOVE[0]) / ONLINE_ABOVE[1]
        places = 1
        while shown <= threshold and places < 12:
            places += 1
            shown = exact.quantize(Decimal(1).scaleb(-places), rounding=ROUND_DOWN)
    return shown


def format_share(share: Decimal) -> str:
    """A share as shown to Vietnamese readers: "90,0", "90,04"."""
    return f"{share:f}".replace(".", ",")


Reason = Literal["band_low", "no_data", "no_procedures", "online_low"]


@dataclass(frozen=True, slots=True)
class UnitFacts:
    """What the rules look at for one unit and year."""

    unit: Unit
    index: Decimal | None  # the year index; None: no report in the year
    band: str | None  # the band of the year index
    rank: int | None  # competition rank on the year index (in the Khối, or the block)
    ranked: int  # units ranked there (those that reported)
    submitted: int = 0  # procedures submitted to the Sở, summed over the year's reports
    online: int = 0  # of them online
    quarters: int = 0  # quarters with a counted report
    missing: tuple[int, ...] = ()  # quarters whose counted report lacks those numbers

    @property
    def has_procedure_data(self) -> bool:
        return self.quarters > 0 and not self.missing

    @property
    def share(self) -> Decimal | None:
        """The year's online share as shown (see :func:`shown_share`); None: unknown."""
        if not self.has_procedure_data:
            return None
        return shown_share(self.online, self.submitted)

    @property
    def online_qualifies(self) -> bool:
        """More than 90 % submitted to the Sở online over the year, compared exactly."""
        return self.has_procedure_data and online_above_threshold(self.online, self.submitted)


def exclusions(facts: UnitFacts, rule: AwardRule) -> tuple[Reason, ...]:
    """Why a unit with a year index is not a candidate; () if it meets every condition."""
    found: list[Reason] = []
    if not rule.reaches_band(facts.index):
        found.append("band_low")
    if not facts.has_procedure_data:
        found.append("no_data")
    elif facts.submitted <= 0:
        found.append("no_procedures")
    elif not facts.online_qualifies:
        found.append("online_low")
    return tuple(found)


@dataclass(frozen=True, slots=True)
class Pick:
    """A candidate: its position among the candidates (1, 2, 2, 4…) and its facts."""

    position: int
    facts: UnitFacts
    tied: bool  # another candidate has the same index


@dataclass(frozen=True, slots=True)
class PassedOver:
    """A unit high in the Khối that a condition excluded, with every reason."""

    facts: UnitFacts
    reasons: tuple[Reason, ...]


def _order(facts: UnitFacts) -> tuple[object, ...]:
    assert facts.index is not None
    return (-facts.index, vietnamese_sort_key(facts.unit.name), facts.unit.code)


def pick_top(facts: Iterable[UnitFacts], seats: int) -> list[Pick]:
    """The ``seats`` highest indices, everyone tied with the last seat included.

    Positions are competition ranks among the given units; units without an index are
    never picked; the order within a tie is the Vietnamese name order.
    """
    ordered = sorted((f for f in facts if f.index is not None), key=_order)
    picks: list[Pick] = []
    for number, item in enumerate(ordered, start=1):
        same = picks and picks[-1].facts.index == item.index
        position = picks[-1].position if same else number
        if position > seats:
            break
        picks.append(Pick(position, item, tied=False))
    # Everyone tied with a picked unit is picked too, so ties are counted among picks.
    indices = [p.facts.index for p in picks]
    return [Pick(p.position, p.facts, tied=indices.count(p.facts.index) > 1) for p in picks]


def select_units(
    facts: Sequence[UnitFacts], rule: AwardRule, seats: int = UNIT_SEATS
) -> tuple[list[Pick], list[PassedOver]]:
    """Candidate units of the Khối, and the higher-ranked units a condition excluded."""
    ranked = sorted((f for f in facts if f.index is not None), key=_order)
    picks = pick_top((f for f in ranked if not exclusions(f, rule)), seats)
    worst = max((p.facts.rank or 0 for p in picks), default=0)
    limit = max(seats, worst)
    passed = [
        PassedOver(f, why)
        for f in ranked
        if (why := exclusions(f, rule)) and f.rank is not None and f.rank <= limit
    ]
    return picks, passed


def select_heads(unit_picks: Sequence[Pick], seats: int = HEAD_SEATS) -> list[Pick]:
    """The heads go with the first ``seats`` positions of the unit candidates."""
    chosen = [p for p in unit_picks if p.position <= seats]
    return [
        Pick(p.position, p.facts, sum(1 for q in chosen if q.facts.index == p.facts.index) > 1)
        for p in chosen
    ]


def select_divisions(
    facts: Sequence[UnitFacts], good_bands: Iterable[str], seats: int = DIVISION_SEATS
) -> list[Pick]:
    """Divisions whose year band is one of ``good_bands``, the best ``seats`` of them."""
    good = set(good_bands)
    return pick_top((f for f in facts if f.band in good), seats)


# -- what the service returns ------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class HeadPick:
    pick: Pick
    heads: tuple[str, ...]  # names of the people bound as the unit's head


@dataclass(frozen=True, slots=True)
class Dossier:
    """One unit's proposal dossier for a year: what it is for and what it holds."""

    year: int
    unit: Unit
    request: DossierRequest
    documents: Mapping[str, Document]
    due: date

    @property
    def missing(self) -> tuple[str, ...]:
        return tuple(k for k in DOCUMENT_KINDS if k not in self.documents)

    @property
    def complete(self) -> bool:
        return not self.missing


@dataclass(frozen=True, slots=True)
class Candidates:
    year: int
    due: date
    published: bool  # the year's ranking has been published
    year_over: bool  # the award year has ended (local time)
    rule: AwardRule
    award_blocks: tuple[Block, ...]  # the roster's blocks forming the Khối, in its order
    unknown_blocks: tuple[str, ...]  # codes in CCHC_AWARD_BLOCKS the roster lacks
    division_block: Block | None
    units: tuple[Pick, ...]
    ranked_units: int  # units of the Khối ranked on the year index (they reported)
    eligible_units: int  # units of the Khối meeting every condition
    passed_over: tuple[PassedOver, ...]
    heads: tuple[HeadPick, ...]
    divisions: tuple[Pick, ...]
    persons: tuple[Nomination, ...]
    requests: Mapping[str, DossierRequest]
    documents: Mapping[str, Mapping[str, Document]]
    units_by_code: Mapping[str, Unit]  # the whole roster: nominees' and released units

    @property
    def good_bands(self) -> tuple[str, ...]:
        return self.rule.good_bands

    @property
    def can_confirm(self) -> bool:
        """Confirming would change something, and the year's index is published."""
        return self.published and self.pending_changes

    def grounds(self) -> dict[str, tuple[Ground, ...]]:
        """What confirming the list would ask each unit's dossier to cover."""
        found: dict[str, list[Ground]] = {}
        for pick in self.units:
            found.setdefault(pick.facts.unit.code, []).append(Ground("unit"))
        for head in self.heads:
            found.setdefault(head.pick.facts.unit.code, []).append(Ground("head"))
        for pick in self.divisions:
            found.setdefault(pick.facts.unit.code, []).append(Ground("division"))
        for nominee in self.persons:
            found.setdefault(nominee.unit_code, []).append(Ground("person", nominee.full_name))
        return {code: tuple(g) for code, g in found.items()}

    @property
    def pending_changes(self) -> bool:
        """Confirming now would ask, update or release at least one unit."""
        to_put, to_release = plan_changes(self.grounds(), self.requests)
        return bool(to_put or to_release)

    def documents_of(self, unit_code: str) -> Mapping[str, Document]:
        return self.documents.get(unit_code, {})

    def missing_documents(self, unit_code: str) -> tuple[str, ...] | None:
        """The kinds a unit's dossier still lacks; None if the unit is not asked for one."""
        request = self.requests.get(unit_code)
        if request is None or not request.active:
            return None
        documents = self.documents_of(unit_code)
        return tuple(k for k in DOCUMENT_KINDS if k not in documents)


def plan_changes(
    grounds: Mapping[str, tuple[Ground, ...]], requests: Mapping[str, DossierRequest]
) -> tuple[dict[str, tuple[Ground, ...]], list[str]]:
    """Requests to write (new, changed or re-activated) and units to release."""
    to_put = {
        code: wanted
        for code, wanted in grounds.items()
        if (current := requests.get(code)) is None
        or not current.active
        or current.grounds != wanted
    }
    to_release = sorted(
        code for code, request in requests.items() if request.active and code not in grounds
    )
    return to_put, to_release


@dataclass(frozen=True, slots=True)
class Confirmation:
    year: int
    notify: tuple[Dossier, ...]  # units newly asked, or asked for something else now
    released: tuple[Unit, ...]  # units no longer on the list
    active: int  # units asked for a dossier after the confirmation


@dataclass(frozen=True, slots=True)
class Attached:
    dossier: Dossier
    kind: str
    replaced: Document | None
    completed: bool  # this upload completed the dossier
    late: bool  # sent after the due date


@dataclass(frozen=True, slots=True)
class Reminder:
    dossier: Dossier
    days_before: int  # the reminder's offset
    days_left: int  # days from today (local) to the due date
    recipients: tuple[int, ...]


class AwardsNotPublished(Exception):
    """The list cannot be confirmed before the year's index is published."""

    def __init__(self, year: int) -> None:
        super().__init__(year)
        self.year = year


class NominationError(ValueError):
    """A nomination is refused; ``code`` says why (unknown_unit, not_division, name, reason)."""

    def __init__(self, code: str, unit: Unit | None = None) -> None:
        super().__init__(code)
        self.code = code
        self.unit = unit


class UploadError(ValueError):
    """A dossier document is refused; ``message`` is a Vietnamese sentence for the user."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def _count(value: object) -> int:
    """A stored integer answer; anything unreadable counts 0 (like the scoring engine)."""
    if isinstance(value, bool):
        return 0
    if isinstance(value, int):
        return max(value, 0)
    if isinstance(value, str):
        return parse_whole(value) or 0
    return 0


_NONE: tuple[int, int, int, tuple[int, ...]] = (0, 0, 0, ())


# -- the service -------------------------------------------------------------------------


class AwardsService:
    def __init__(
        self,
        db: Database,
        clock: Clock,
        standings: StandingsService,
        periods: PeriodService,
        *,
        rules: Mapping[int, AwardRule],
    ) -> None:
        self._db = db
        self._clock = clock
        self._standings = standings
        self._tz = periods.tz
        self._rules = dict(rules)

    def rule(self, year: int) -> AwardRule:
        """The award rule against the year's methodology (its bands)."""
        found = self._rules.get(year)
        if found is None:
            # No methodology for the year: the lookup says so, in the yearbook's words.
            self._standings.methodology(year)
            raise LookupError(year)
        return found

    # -- dates -----------------------------------------------------------------------

    @staticmethod
    def due_date(year: int) -> date:
        """Annual dossiers are due at the Department on 15 January (seed 000, III.4.a)."""
        return date(year + 1, DUE_MONTH, DUE_DAY)

    def reminder_at(self, year: int, days_before: int) -> datetime:
        day = self.due_date(year) - timedelta(days=days_before)
        return datetime.combine(day, REMINDER_TIME, tzinfo=self._tz)

    def _due_end(self, year: int) -> datetime:
        return datetime.combine(self.due_date(year), time(23, 59, 59), tzinfo=self._tz)

    def today(self) -> date:
        return self._clock().astimezone(self._tz).date()

    # -- candidates ------------------------------------------------------------------

    async def candidates(self, year: int) -> Candidates:
        """The year's candidates by the plan's rules (see the module docstring)."""
        scope = self._standings.parse_scope(str(year))
        conn = self._db.reader
        rule = self.rule(year)
        roster_blocks = await units.list_blocks(conn)
        blocks = {b.code: b for b in roster_blocks}
        award_blocks = tuple(b for b in roster_blocks if b.code in rule.blocks)
        khoi = await self._khoi(scope, [b.code for b in award_blocks])
        unit_picks, passed = select_units(khoi, rule)
        head_picks = select_heads(unit_picks)
        heads = [HeadPick(p, await self._head_names(p.facts.unit.code)) for p in head_picks]
        divisions = await self._block_facts(scope, DIVISION_BLOCK)
        division_picks = select_divisions(divisions, rule.good_bands)
        persons = await awards.nominations(conn, year)
        roster = {u.code: u for u in await units.list_units(conn)}
        return Candidates(
            year=year,
            due=self.due_date(year),
            published=await self._standings.is_published(scope),
            year_over=self.today() > date(year, 12, 31),
            rule=rule,
            award_blocks=award_blocks,
            unknown_blocks=tuple(c for c in rule.blocks if c not in blocks),
            division_block=blocks.get(DIVISION_BLOCK),
            units=tuple(unit_picks),
            ranked_units=sum(1 for f in khoi if f.rank is not None),
            eligible_units=sum(1 for f in khoi if f.index is not None and not exclusions(f, rule)),
            passed_over=tuple(passed),
            heads=tuple(heads),
            divisions=tuple(division_picks),
            persons=tuple(persons),
            requests=await awards.requests_for_year(conn, year),
            documents=await awards.documents_for_year(conn, year),
            units_by_code=roster,
        )

    async def _khoi(self, scope: Scope, block_codes: Sequence[str]) -> list[UnitFacts]:
        """The units of the award blocks ranked together on the year index, each with the
        procedures it submitted to the Sở over the year."""
        rows: list[Row] = []
        for code in block_codes:
            rows.extend((await self._standings.block_ranking(scope, code)).rows)
        ranked = rank_block(Entry(r.unit.code, r.unit.name, r.ranked.entry.index) for r in rows)
        reported = sum(1 for r in ranked if r.rank is not None)
        by_code = {r.unit.code: r.unit for r in rows}
        procedures = await self._procedures(scope, block_codes)
        methodology = self._standings.methodology(scope.year)
        found: list[UnitFacts] = []
        for r in ranked:
            index = r.entry.index
            submitted, online, quarters, missing = procedures.get(r.entry.unit_code, _NONE)
            found.append(
                UnitFacts(
                    unit=by_code[r.entry.unit_code],
                    index=index,
                    band=methodology.band(index) if index is not None else None,
                    rank=r.rank,
                    ranked=reported,
                    submitted=submitted,
                    online=online,
                    quarters=quarters,
                    missing=missing,
                )
            )
        return found

    async def _procedures(
        self, scope: Scope, block_codes: Sequence[str]
    ) -> dict[str, tuple[int, int, int, tuple[int, ...]]]:
        """Per unit: procedures submitted to the Sở, of them online, quarters with a
        counted report, and the quarters whose counted report lacks those numbers.

        Each quarter is read from the report version the standings count (the latest
        submitted, or the latest accepted with ``CCHC_STANDINGS_COUNT=accepted``).
        """
        conn = self._db.reader
        totals: dict[str, tuple[int, int, int, tuple[int, ...]]] = {}
        for quarter, period in zip(scope.quarters, scope.period_codes, strict=True):
            for block in block_codes:
                counted = await scores.scorable(
                    conn, period, block, accepted_only=self._standings.accepted_only
                )
                answers = await scores.answers_of(conn, [c.report_id for c in counted])
                for c in counted:
                    given = answers.get(c.report_id, {})
                    submitted, online, quarters, missing = totals.get(c.unit_code, _NONE)
                    sent, sent_online = given.get(SUBMITTED_FIELD), given.get(ONLINE_FIELD)
                    # The form does not ask "how many online" of a unit that submitted
                    # none (its `when`): none online, not a missing number.
                    if sent is not None and sent_online is None and _count(sent) == 0:
                        sent_online = 0
                    if sent is None or sent_online is None:
                        missing = (*missing, quarter)
                    else:
                        submitted += _count(sent)
                        online += _count(sent_online)
                    totals[c.unit_code] = (submitted, online, quarters + 1, missing)
        return totals

    async def _block_facts(self, scope: Scope, block_code: str) -> list[UnitFacts]:
        """One block's units on the year index (the divisions: no procedures counted)."""
        try:
            ranking = await self._standings.block_ranking(scope, block_code)
        except LookupError:  # the office's roster has no such block
            return []
        methodology = self._standings.methodology(scope.year)
        return [
            UnitFacts(
                unit=row.unit,
                index=row.ranked.entry.index,
                band=(
                    methodology.band(row.ranked.entry.index)
                    if row.ranked.entry.index is not None
                    else None
                ),
                rank=row.ranked.rank,
                ranked=ranking.reported,
            )
            for row in ranking.rows
        ]

    async def _head_names(self, unit_code: str) -> tuple[str, ...]:
        names: list[str] = []
        for member in await people.members_of(self._db.reader, unit_code):
            if member.role != "head":
                continue
            person = await people.get_person(self._db.reader, member.telegram_id)
            if person is not None and person.full_name.strip():
                names.append(person.full_name.strip())
        return tuple(names)

    # -- nominations -----------------------------------------------------------------

    async def nominate(
        self, year: int, unit_code: str, full_name: str, reason: str, *, actor: str
    ) -> tuple[Nomination, Unit]:
        """Record the office's nomination of a civil servant of a Department division."""
        name = " ".join(full_name.split())
        why = reason.strip()
        unit = await units.get_unit(self._db.reader, unit_code)
        if unit is None:
            raise NominationError("unknown_unit")
        if unit.block != DIVISION_BLOCK:
            raise NominationError("not_division", unit)
        if not 2 <= len(name) <= NAME_LIMIT:
            raise NominationError("name", unit)
        if not why or len(why) > REASON_LIMIT:
            raise NominationError("reason", unit)
        now = to_iso(self._clock())
        async with self._db.write() as conn:
            nomination = await awards.add_nomination(
                conn,
                year=year,
                unit_code=unit.code,
                full_name=name,
                reason=why,
                nominated_by=actor,
                now=now,
            )
            await audit.record(
                conn,
                at=now,
                actor=actor,
                action="award.nominate",
                unit_code=unit.code,
                detail={"year": year, "id": nomination.id, "name": name, "reason": why},
            )
        return nomination, unit

    async def withdraw(self, nomination_id: int, *, actor: str) -> Nomination | None:
        """Withdraw a nomination; None if there is no such active nomination."""
        now = to_iso(self._clock())
        async with self._db.write() as conn:
            withdrawn = await awards.withdraw_nomination(conn, nomination_id, actor, now)
            if withdrawn is not None:
                await audit.record(
                    conn,
                    at=now,
                    actor=actor,
                    action="award.withdraw",
                    unit_code=withdrawn.unit_code,
                    detail={"year": withdrawn.year, "id": nomination_id},
                )
        return withdrawn

    async def nominations(self, year: int) -> list[Nomination]:
        return await awards.nominations(self._db.reader, year)

    # -- confirming the list ---------------------------------------------------------

    async def confirm(self, year: int, *, actor: str) -> Confirmation:
        """Ask every unit on the current list for a dossier; release those no longer on it.

        Idempotent: confirming an unchanged list writes and notifies nothing. Refused
        (:class:`AwardsNotPublished`) until the year's index is published.
        """
        live = await self.candidates(year)
        if not live.published:
            raise AwardsNotPublished(year)
        now = to_iso(self._clock())
        async with self._db.write() as conn:
            current = await awards.requests_for_year(conn, year)
            to_put, to_release = plan_changes(live.grounds(), current)
            for code, grounds in to_put.items():
                await awards.put_request(
                    conn, year=year, unit_code=code, grounds=grounds, requested_by=actor, now=now
                )
            for code in to_release:
                await awards.release_request(conn, year, code, now)
            if to_put or to_release:
                await audit.record(
                    conn,
                    at=now,
                    actor=actor,
                    action="award.confirm",
                    detail={"year": year, "requested": sorted(to_put), "released": to_release},
                )
            after = await awards.requests_for_year(conn, year)
        # Confirming writes no documents: the list's own read of them still holds.
        notify = tuple(
            Dossier(year, live.units_by_code[code], after[code], live.documents_of(code), live.due)
            for code in sorted(to_put)
        )
        return Confirmation(
            year=year,
            notify=notify,
            released=tuple(live.units_by_code[c] for c in to_release if c in live.units_by_code),
            active=sum(1 for r in after.values() if r.active),
        )

    # -- dossiers --------------------------------------------------------------------

    async def dossier(self, year: int, unit_code: str) -> Dossier | None:
        """A unit's dossier for a year, if the unit was ever asked for one."""
        conn = self._db.reader
        unit = await units.get_unit(conn, unit_code)
        if unit is None:
            return None
        request = await awards.get_request(conn, year, unit.code)
        if request is None:
            return None
        return await self._dossier_of(unit, request)

    async def _dossier_of(self, unit: Unit, request: DossierRequest) -> Dossier:
        documents = await awards.documents(self._db.reader, request.year, unit.code)
        return Dossier(request.year, unit, request, documents, self.due_date(request.year))

    async def dossiers_of(self, unit_code: str, *, active_only: bool = True) -> list[Dossier]:
        """A unit's dossiers, newest year first."""
        conn = self._db.reader
        unit = await units.get_unit(conn, unit_code)
        if unit is None:
            return []
        return [
            await self._dossier_of(unit, request)
            for request in await awards.requests_of_unit(conn, unit.code)
            if request.active or not active_only
        ]

    async def begin_upload(self, member: Membership, year: int, kind: str) -> Dossier | None:
        """The member is about to send ``kind`` for the year; None if not asked for it."""
        if kind not in DOCUMENT_KINDS:
            return None
        dossier = await self.dossier(year, member.unit_code)
        if dossier is None or not dossier.request.active:
            return None
        async with self._db.write() as conn:
            await sessions.put(
                conn,
                member.telegram_id,
                FLOW,
                {"year": year, "kind": kind},
                to_iso(self._clock()),
            )
        return dossier

    async def upload_target(self, telegram_id: int) -> tuple[int, str] | None:
        """The (year, kind) the person is about to send, if they pressed a button for it."""
        session = await sessions.get(self._db.reader, telegram_id)
        if session is None or session.flow != FLOW:
            return None
        try:
            return int(session.state["year"]), str(session.state["kind"])
        except (KeyError, TypeError, ValueError):
            return None

    async def end_upload(self, telegram_id: int) -> bool:
        """Leave the upload step; False if the person was not in it."""
        if await self.upload_target(telegram_id) is None:
            return False
        async with self._db.write() as conn:
            await sessions.clear(conn, telegram_id)
        return True

    async def attach(self, member: Membership, doc: IncomingDocument) -> Attached:
        """Keep a sent document as the kind the member chose; checked like report files."""
        target = await self.upload_target(member.telegram_id)
        if target is None:
            raise LookupError(member.telegram_id)
        year, kind = target
        before = await self.dossier(year, member.unit_code)
        if before is None or not before.request.active or kind not in DOCUMENT_KINDS:
            raise LookupError(member.unit_code)
        try:
            checked = parse_document(UPLOAD_SPEC, doc)
        except AnswerError as exc:
            raise UploadError(exc.message) from None
        assert isinstance(checked, dict)
        moment = self._clock()
        now = to_iso(moment)
        document = Document(
            year=year,
            unit_code=before.unit.code,
            kind=kind,
            file_id=str(checked["file_id"]),
            file_unique_id=str(checked["file_unique_id"]),
            file_name=str(checked["file_name"]),
            mime_type=str(checked["mime_type"]),
            file_size=int(checked["file_size"]),
            uploaded_by=member.telegram_id,
            uploaded_at=moment,
        )
        replaced = before.documents.get(kind)
        async with self._db.write() as conn:
            await awards.put_document(conn, document, now)
            await sessions.clear(conn, member.telegram_id)
            await audit.record(
                conn,
                at=now,
                actor=f"tg:{member.telegram_id}",
                action="award.document",
                unit_code=before.unit.code,
                detail={
                    "year": year,
                    "kind": kind,
                    "file_name": document.file_name,
                    "file_unique_id": document.file_unique_id,
                    "replaced": replaced.file_unique_id if replaced else None,
                },
            )
        after = await self.dossier(year, before.unit.code)
        assert after is not None
        return Attached(
            dossier=after,
            kind=kind,
            replaced=replaced,
            completed=after.complete and not before.complete,
            late=moment > self._due_end(year),
        )

    # -- reminders -------------------------------------------------------------------

    async def claim_due_reminders(self) -> list[Reminder]:
        """Reminders due now, each recorded as sent before it is returned (at most once).

        A unit is reminded at 08:00 local time 7, 3 and 1 days before the due date while
        its dossier misses a document, only for reminder times after it was asked. If
        several reminder times have passed unsent (the bot was down), the latest is sent
        and the earlier ones are recorded as skipped.
        """
        now = self._clock()
        today = now.astimezone(self._tz).date()
        found: list[Reminder] = []
        for request in await awards.active_requests(self._db.reader):
            year = request.year
            if now > self._due_end(year):
                continue
            passed = [
                d for d in REMINDER_DAYS if request.requested_at < self.reminder_at(year, d) <= now
            ]
            if not passed:
                continue
            latest = min(passed)
            # The job runs every few minutes: what was already sent is the cheap check.
            recorded = await awards.reminders_recorded(self._db.reader, year, request.unit_code)
            if latest in recorded:
                continue
            unit = await units.get_unit(self._db.reader, request.unit_code)
            if unit is None:
                continue
            dossier = await self._dossier_of(unit, request)
            if dossier.complete:
                continue
            stamp = to_iso(now)
            async with self._db.write() as conn:
                fresh = await awards.record_reminder(
                    conn, year, request.unit_code, latest, "sent", stamp
                )
                for earlier in passed:
                    if earlier != latest:
                        await awards.record_reminder(
                            conn, year, request.unit_code, earlier, "skipped", stamp
                        )
            if not fresh:  # another process claimed it meanwhile
                continue
            members = await people.members_of(self._db.reader, request.unit_code)
            found.append(
                Reminder(
                    dossier=dossier,
                    days_before=latest,
                    days_left=(dossier.due - today).days,
                    recipients=tuple(m.telegram_id for m in members),
                )
            )
        return found
