"""Publishing a result: a guided, confirmed decision of the office, kept across restarts.

``/publish 2026-Q4`` (quarterly monitoring) or ``/publish 2026`` (the annual Chỉ số
CCHC) walks the office through one conversation:

1. the coverage of the data behind the result (who reported, what the office accepted
   and appraised, who may still change their report), so the office publishes knowing
   what it publishes;
2. the number of the document that publishes it ("998/QĐ-SGDĐT": 1–60 characters, at
   least one digit) — a decision for the annual index, a document (a công văn) for a
   quarter;
3. its date (dd/mm/yyyy, not in the future, not before the period it speaks of);
4. a summary with "✅ Công bố" and "Huỷ": only that press publishes.

Each step is written to the person's session row (``storage.sessions``), so a restart
resumes exactly there. The confirmation button carries the scope and a ticket drawn when
the summary was shown: a press of an older summary, of another scope, or with no
conversation behind it (forged, or after "Huỷ") changes nothing.
"""

from __future__ import annotations

import re
import secrets
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any, Literal, Protocol

import aiosqlite

from bot.clock import Clock, to_iso
from bot.domain.broadcasts import Notice
from bot.domain.models import Period, Unit
from bot.services.periods import PeriodService, apply_extension
from bot.services.review import REPORTED, ReviewService
from bot.services.standings import Scope, ScopeError, StandingsService
from bot.texts import standings as T
from storage import inspections, sessions, units
from storage import standings as standings_store
from storage.database import Database
from storage.standings import Publication

FLOW = "publish"
NUMBER_MAX = 60
TICKET_MAX = 999_999

# re.ASCII: only the digits people type here; "２０２５" is refused, as in bot.numbers.
_DAY = re.compile(r"^(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})$", re.ASCII)
_DIGIT = re.compile(r"[0-9]")
_LEADING_SO = re.compile(T.LEADING_NUMBER_WORD, re.IGNORECASE)

NumberProblem = Literal["empty", "too_long", "no_digit"]
DateProblem = Literal["format", "future", "too_early"]


class NumberError(ValueError):
    def __init__(self, problem: NumberProblem) -> None:
        super().__init__(problem)
        self.problem: NumberProblem = problem


class DateError(ValueError):
    def __init__(self, problem: DateProblem) -> None:
        super().__init__(problem)
        self.problem: DateProblem = problem


def parse_decision_number(text: str) -> str:
    """The document's number as it is cited ("998/QĐ-SGDĐT"); :class:`NumberError`
    says what is wrong with it.

    Spaces are collapsed and a leading "số" dropped (the wording says "Quyết định số …"
    already); the number must carry a digit, since every numbered document does.
    """
    number = " ".join(text.split())
    number = _LEADING_SO.sub("", number)
    if not number:
        raise NumberError("empty")
    if len(number) > NUMBER_MAX:
        raise NumberError("too_long")
    if _DIGIT.search(number) is None:
        raise NumberError("no_digit")
    return number


def parse_decision_date(text: str, *, today: date, earliest: date) -> date:
    """The document's date written dd/mm/yyyy (also with "." or "-"). :class:`DateError`
    when it is no real date, after ``today`` (a document not yet signed publishes
    nothing), or before ``earliest`` (the first day of what it publishes)."""
    match = _DAY.match(text.strip())
    if match is None:
        raise DateError("format")
    try:
        day = date(int(match.group(3)), int(match.group(2)), int(match.group(1)))
    except ValueError:
        raise DateError("format") from None
    if day > today:
        raise DateError("future")
    if day < earliest:
        raise DateError("too_early")
    return day


@dataclass(frozen=True, slots=True)
class Coverage:
    """What a result rests on, for the office to see before it publishes.

    For a year, counts run over its four quarters: ``reports`` and ``accepted`` count
    quarterly reports; a unit is ``reported`` with at least one quarter, ``appraised``
    when every quarter it reported has all its office-scored criteria scored, and
    ``open`` when any quarter is still open to it.
    """

    scope: Scope
    units: int  # in the roster
    reported: int  # units with a report (for a year: in at least one quarter)
    reported_every_quarter: int  # for a year: units that reported all of its quarters
    reports: int  # reports submitted (each unit's latest version, per quarter)
    accepted: int  # of those, accepted by the office
    appraised: int  # reporting units whose office-scored criteria all have a score
    open_units: tuple[Unit, ...]  # may still change: returned, or the period still open
    returned: int  # of those, with a report returned and not resubmitted
    open_periods: tuple[Period, ...]  # periods of the scope still taking reports


@dataclass(frozen=True, slots=True)
class Draft:
    """The office's publication in progress, as stored in its session."""

    scope: Scope
    step: Literal["number", "date", "confirm"]
    number: str | None = None
    day: date | None = None
    ticket: int | None = None

    def dump(self) -> dict[str, Any]:
        return {
            "scope": self.scope.code,
            "step": self.step,
            "number": self.number,
            "date": self.day.isoformat() if self.day else None,
            "ticket": self.ticket,
        }


# -- what each step answers ------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Refused:
    """``why``: "ytd" (never published), "outside" (not a campaign year), "busy" (the
    person is in another conversation; ``flow`` names it)."""

    why: Literal["ytd", "outside", "busy"]
    flow: str | None = None


@dataclass(frozen=True, slots=True)
class AlreadyPublished:
    scope: Scope
    publication: Publication


@dataclass(frozen=True, slots=True)
class AskNumber:
    draft: Draft
    coverage: Coverage


@dataclass(frozen=True, slots=True)
class BadNumber:
    draft: Draft
    problem: NumberProblem


@dataclass(frozen=True, slots=True)
class AskDate:
    draft: Draft


@dataclass(frozen=True, slots=True)
class BadDate:
    draft: Draft
    problem: DateProblem


@dataclass(frozen=True, slots=True)
class Confirm:
    """The summary to confirm; ``draft.ticket`` goes on its button."""

    draft: Draft
    coverage: Coverage


@dataclass(frozen=True, slots=True)
class Published:
    scope: Scope
    publication: Publication
    notified: int = 0  # notices queued for the units' members with the publication


@dataclass(frozen=True, slots=True)
class Stale:
    """A press that matches no summary on screen: nothing was done."""


Start = Refused | AlreadyPublished | AskNumber
Answer = BadNumber | AskDate | BadDate | Confirm | AlreadyPublished
Outcome = Published | AlreadyPublished | Stale


class NoticeWriter(Protocol):
    """Who queues notices to people inside a caller's transaction (the outbox)."""

    def notices_to_queue(self, notices: list[Notice]) -> list[Notice]: ...

    async def write_notices(
        self, conn: aiosqlite.Connection, *, created_by: int, label: str, notices: list[Notice]
    ) -> None: ...

    def wake(self) -> None: ...


@dataclass(frozen=True, slots=True)
class _Quarter:
    period: Period
    statuses: dict[str, str]  # unit code -> its status on the office's desk
    appraised: dict[str, set[str]]  # unit code -> the criteria the office has scored
    open_to: set[str]  # units that may still change their report for the quarter


class PublicationService:
    def __init__(
        self,
        db: Database,
        clock: Clock,
        standings: StandingsService,
        periods: PeriodService,
        review: ReviewService,
        *,
        notices: NoticeWriter | None = None,
    ) -> None:
        self._db = db
        self._clock = clock
        self._standings = standings
        self._periods = periods
        self._review = review
        self._notices = notices

    def today(self) -> date:
        return self._clock().astimezone(self._periods.tz).date()

    # -- coverage ----------------------------------------------------------------------

    async def coverage(self, scope: Scope) -> Coverage:
        """Where the data behind ``scope`` stands now (see :class:`Coverage`)."""
        now = self._clock()
        quarters: list[_Quarter] = []
        for quarter in scope.quarters:
            period = await self._periods.ensure(scope.year, quarter)
            desk = await self._review.desk(period)
            marks = await standings_store.appraisals_for_period(self._db.reader, period.code)
            quarters.append(
                _Quarter(
                    period,
                    statuses={item.unit.code: item.status for item in desk.units},
                    appraised={unit: set(criteria) for unit, criteria in marks.items()},
                    open_to={
                        item.unit.code
                        for item in desk.units
                        if item.status == "returned"
                        or apply_extension(period, item.extension).accepts_submissions(now)
                    },
                )
            )
        roster = await units.list_units(self._db.reader)
        criteria = self._standings.methodology(scope.year).criteria
        office_scored = [c for c in criteria if c.source == "appraisal"]
        # An inspection criterion is the office's to score only at the units it inspects.
        inspected = await inspections.inspected(self._db.reader, scope.year)
        reported = every = reports = accepted = appraised = returned = 0
        open_units: list[Unit] = []
        for unit in roster:
            statuses = [q.statuses.get(unit.code, "none") for q in quarters]
            sent = [q for q, s in zip(quarters, statuses, strict=True) if s in REPORTED]
            reports += len(sent)
            accepted += statuses.count("accepted")
            if sent:
                reported += 1
                ours = unit.code in inspected
                required = {
                    c.key
                    for c in office_scored
                    if c.applies_to(unit.block) and (ours or not c.only_inspected)
                }
                if all(required <= q.appraised.get(unit.code, set()) for q in sent):
                    appraised += 1
            if len(sent) == len(quarters):
                every += 1
            if any(unit.code in q.open_to for q in quarters):
                open_units.append(unit)
                if "returned" in statuses:
                    returned += 1
        return Coverage(
            scope=scope,
            units=len(roster),
            reported=reported,
            reported_every_quarter=every,
            reports=reports,
            accepted=accepted,
            appraised=appraised,
            open_units=tuple(open_units),
            returned=returned,
            open_periods=tuple(q.period for q in quarters if q.period.accepts_submissions(now)),
        )

    # -- the conversation --------------------------------------------------------------

    async def start(self, telegram_id: int, scope: Scope) -> Start:
        """``/publish SCOPE``: show the coverage and ask for the document's number."""
        if not scope.publishable:
            return Refused("ytd")
        if not self._periods.in_campaign(scope.year):
            return Refused("outside")
        published = await self._standings.publication(scope)
        if published is not None:
            return AlreadyPublished(scope, published)
        current = await sessions.get(self._db.reader, telegram_id)
        if current is not None and current.flow != FLOW:
            return Refused("busy", current.flow)
        coverage = await self.coverage(scope)
        draft = Draft(scope, "number")
        await self._save(telegram_id, draft)
        return AskNumber(draft, coverage)

    async def draft_of(self, telegram_id: int) -> Draft | None:
        """The person's publication in progress, if any."""
        session = await sessions.get(self._db.reader, telegram_id)
        if session is None or session.flow != FLOW:
            return None
        return self._load(session.state)

    async def answer(self, telegram_id: int, text: str) -> Answer | None:
        """A message while publishing: the number, then the date. A bad answer keeps
        what was entered before it. None when the person is not publishing."""
        draft = await self.draft_of(telegram_id)
        if draft is None:
            return None
        published = await self._standings.publication(draft.scope)
        if published is not None:  # another office member has published meanwhile
            await self.cancel(telegram_id)
            return AlreadyPublished(draft.scope, published)
        if draft.step == "number":
            try:
                number = parse_decision_number(text)
            except NumberError as exc:
                return BadNumber(draft, exc.problem)
            draft = Draft(draft.scope, "date", number=number)
            await self._save(telegram_id, draft)
            return AskDate(draft)
        if draft.step == "date":
            try:
                day = parse_decision_date(text, today=self.today(), earliest=draft.scope.first_day)
            except DateError as exc:
                return BadDate(draft, exc.problem)
            draft = Draft(
                draft.scope,
                "confirm",
                number=draft.number,
                day=day,
                ticket=secrets.randbelow(TICKET_MAX) + 1,
            )
            await self._save(telegram_id, draft)
        # At the summary, any text shows the summary again (same ticket).
        return Confirm(draft, await self.coverage(draft.scope))

    async def confirm(
        self,
        telegram_id: int,
        scope: Scope,
        ticket: int,
        *,
        actor: str,
        notices: Sequence[Notice] = (),
        label: str = "",
    ) -> Outcome:
        """The office pressed "✅ Công bố": publish, if the press matches the summary in
        this person's conversation; else nothing changes (:class:`Stale`).

        ``notices`` (the units' members told of their result, worded by the caller) are
        queued in the transaction that publishes: a crash leaves neither a result nobody
        was told of nor notices of a result never published."""
        draft = await self.draft_of(telegram_id)
        published = await self._standings.publication(scope)
        if published is not None:
            if draft is not None and draft.scope == scope:
                await self.cancel(telegram_id)
            return AlreadyPublished(scope, published)
        if (
            draft is None
            or draft.step != "confirm"
            or draft.scope != scope
            or draft.ticket != ticket
            or draft.number is None
            or draft.day is None
        ):
            return Stale()
        number, day = draft.number, draft.day

        queued = self._notices.notices_to_queue(list(notices)) if self._notices else []

        async def publish_and_end(conn: aiosqlite.Connection) -> None:
            await sessions.clear(conn, telegram_id)
            if queued and self._notices is not None:
                await self._notices.write_notices(
                    conn, created_by=telegram_id, label=label, notices=queued
                )

        fresh = await self._standings.publish(
            scope,
            actor=actor,
            decision_number=number,
            decision_date=day,
            then=publish_and_end,
        )
        found = await self._standings.publication(scope)
        assert found is not None
        if not fresh:
            return AlreadyPublished(scope, found)
        if queued and self._notices is not None:
            self._notices.wake()
        return Published(scope, found, len(queued))

    async def cancel(self, telegram_id: int) -> Draft | None:
        """Leave the conversation; returns the draft dropped (None if there was none)."""
        async with self._db.write() as conn:
            session = await sessions.get(conn, telegram_id)
            if session is None or session.flow != FLOW:
                return None
            await sessions.clear(conn, telegram_id)
        return self._load(session.state)

    async def _save(self, telegram_id: int, draft: Draft) -> None:
        async with self._db.write() as conn:
            await sessions.put(conn, telegram_id, FLOW, draft.dump(), to_iso(self._clock()))

    def _load(self, state: dict[str, Any]) -> Draft | None:
        try:
            scope = self._standings.parse_scope(str(state["scope"]))
        except (KeyError, ScopeError):
            return None
        step = state.get("step")
        if step not in ("number", "date", "confirm"):
            return None
        raw_day = state.get("date")
        ticket = state.get("ticket")
        return Draft(
            scope,
            step,
            number=state.get("number"),
            day=date.fromisoformat(raw_day) if isinstance(raw_day, str) else None,
            ticket=ticket if isinstance(ticket, int) else None,
        )
