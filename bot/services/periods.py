"""Reporting periods: quarters, their data windows and deadlines.

Per Decree 09/2019/NĐ-CP a quarter's data runs from the 15th of the month before the
quarter to the 14th of its last month. The due date defaults to ``due_day`` of the
quarter's last month at 23:59 local time; the office can change it per period. The
fourth quarter's report is also the year report.

The office opens and closes periods and moves deadlines (``/period``, ``cchc-bot
period``); every change is audited. A deadline the office sets by date alone means the
end of that day (23:59:59 local). A new deadline must fall after the period's data
cut-off and in the future: to stop taking reports now, the office closes the period.

After the deadline, or once the period is closed, a unit may submit only if the office
reopened the period for it (or returned its report): :meth:`PeriodService.for_unit`
gives the period as it applies to that unit, with the unit's own deadline.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Protocol
from zoneinfo import ZoneInfo

import aiosqlite

from bot.clock import Clock, to_iso
from bot.domain.broadcasts import Notice
from bot.domain.models import Period
from bot.formatting import period_label
from bot.services.conversations import Ending, end_in
from bot.texts import periods as T
from storage import audit, periods, units
from storage.database import Database
from storage.periods import Extension

END_OF_DAY = time(23, 59, 59)

# re.ASCII: \d would take any script's digits ("２０２５"), which no one here types
# and bot.numbers refuses too.
_CODE = re.compile(r"^\s*(\d{4})\s*-?\s*[Qq]\s*([1-4])\s*$", re.ASCII)


# What the bot itself writes ("quý IV/2025", "Quý IV/2025", with the year-report note
# "(báo cáo năm 2025)" after a fourth quarter) and how people retype it ("quý 4/2025",
# "quy IV/2025", "Q4/2025"). Matched on the NFC, case-folded text.
_LABEL = re.compile(T.PERIOD_LABEL_PATTERN, re.ASCII)
_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4}
# The most words a period takes when typed after a command ("quý IV/2025 (báo cáo năm
# 2025)" is six), for :func:`take_period`.
_MOST_WORDS = 6


def parse_period_code(text: str) -> tuple[int, int] | None:
    """A period as people name it: the code ("2025-Q1", "2025Q1", "2025-q1") or the label
    the bot writes ("quý I/2025", "Quý I/2025", "quý 1/2025", "Q1/2025", and "quý IV/2025
    (báo cáo năm 2025)"); None otherwise.

    This is the one parser of periods: every command and the CLI read periods through it.
    """
    match = _CODE.match(text)
    if match:
        return int(match.group(1)), int(match.group(2))
    folded = unicodedata.normalize("NFC", text).strip().casefold()
    # re.ASCII keeps \d and \s to ASCII; "quý" is matched as written (NFC).
    label = _LABEL.match(folded.replace("\u00a0", " "))
    if label is None:
        return None
    year = int(label.group(2))
    if label.group(3) is not None and int(label.group(3)) != year:
        return None
    quarter = _ROMAN.get(label.group(1)) or int(label.group(1))
    return year, quarter


def join_period(words: Sequence[str]) -> list[str]:
    """The command's words with those naming the first period found joined into one, in
    its place: Telegram splits "quý IV/2025" in two, the commands read one word.

    The longest run wins, so "quý IV/2025 (báo cáo năm 2025)" is joined whole.
    """
    for start in range(len(words)):
        for end in range(min(len(words), start + _MOST_WORDS), start, -1):
            text = " ".join(words[start:end])
            if parse_period_code(text) is not None:
                return [*words[:start], text, *words[end:]]
    return list(words)


def take_period(words: Sequence[str]) -> tuple[str | None, list[str]]:
    """The first period named among a command's words (see :func:`join_period`), as
    :func:`parse_period_code` and :meth:`PeriodService.resolve` read it, and the other
    words in their order; ``(None, words)`` when no run of words names a period."""
    joined = join_period(words)
    for i, word in enumerate(joined):
        if parse_period_code(word) is not None:
            return word, [*joined[:i], *joined[i + 1 :]]
    return None, joined


def label_of(code: str) -> str:
    """ "quý I/2025" for "2025-Q1"; anything else as given."""
    parsed = parse_period_code(code)
    return period_label(*parsed) if parsed else code


def shift_quarter(year: int, quarter: int, by: int) -> tuple[int, int]:
    """The quarter ``by`` quarters after (negative: before) the given one."""
    index = year * 4 + (quarter - 1) + by
    return index // 4, index % 4 + 1


def period_code(year: int, quarter: int) -> str:
    return f"{year}-Q{quarter}"


def quarter_of(day: date) -> tuple[int, int]:
    return day.year, (day.month - 1) // 3 + 1


_DAY_FIRST = re.compile(r"^(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})$", re.ASCII)
_ISO_DAY = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$", re.ASCII)
_CLOCK = re.compile(r"^(\d{1,2})[:hH](\d{2})?$", re.ASCII)


def parse_deadline(text: str, tz: ZoneInfo) -> datetime | None:
    """A deadline as the office writes it: "20/06/2025", "20/06/2025 17:00" (also
    "2025-06-20"). A date alone means the end of that day, 23:59:59 local time."""
    parts = text.strip().split()
    if not 1 <= len(parts) <= 2:
        return None
    day_first, iso = _DAY_FIRST.match(parts[0]), _ISO_DAY.match(parts[0])
    try:
        if day_first:
            day = date(int(day_first.group(3)), int(day_first.group(2)), int(day_first.group(1)))
        elif iso:
            day = date(int(iso.group(1)), int(iso.group(2)), int(iso.group(3)))
        else:
            return None
        at = END_OF_DAY
        if len(parts) == 2:
            clock = _CLOCK.match(parts[1])
            if clock is None:
                return None
            at = time(int(clock.group(1)), int(clock.group(2) or 0))
    except ValueError:
        return None
    return datetime.combine(day, at, tzinfo=tz)


def default_period(year: int, quarter: int, *, tz: ZoneInfo, due_day: int) -> Period:
    first_month = 3 * (quarter - 1) + 1
    last_month = first_month + 2
    start_month, start_year = (first_month - 1, year) if first_month > 1 else (12, year - 1)
    due_local = datetime.combine(date(year, last_month, due_day), time(23, 59, 59), tzinfo=tz)
    return Period(
        code=period_code(year, quarter),
        year=year,
        quarter=quarter,
        data_from=date(start_year, start_month, 15),
        data_to=date(year, last_month, 14),
        due_at=due_local,
    )


def apply_extension(period: Period, extension: Extension | None) -> Period:
    """The period with the unit's own deadline, when that is later than the period's."""
    if extension is None:
        return period
    if period.status == "open" and period.due_at >= extension.due_at:
        return period
    return period.model_copy(update={"status": "open", "due_at": extension.due_at})


class DeadlineError(ValueError):
    """A deadline the office may not set: ``why`` is "before_cutoff" or "past"."""

    def __init__(self, why: str, period: Period) -> None:
        super().__init__(why)
        self.why = why
        self.period = period


class UnknownUnit(LookupError):
    pass


@dataclass(frozen=True, slots=True)
class Reopening:
    """A unit's reopening as planned: the period as it will apply to the unit, the
    extension to record (None: it may already submit that long) and its deadline before."""

    own: Period
    extension: Extension | None
    before: datetime | None


@dataclass(frozen=True, slots=True)
class Told:
    """Notices to queue with a change of a period (already filtered by the writer's
    ``notices_to_queue``: they are written as given)."""

    created_by: int
    label: str
    notices: list[Notice]


class NoticeWriter(Protocol):
    """Who queues notices to people inside a caller's transaction (the outbox)."""

    async def write_notices(
        self, conn: aiosqlite.Connection, *, created_by: int, label: str, notices: list[Notice]
    ) -> None: ...

    def wake(self) -> None: ...


class PeriodService:
    def __init__(
        self,
        db: Database,
        clock: Clock,
        *,
        tz: ZoneInfo,
        due_day: int,
        years: tuple[int, int] = (1, 9999),
    ) -> None:
        self._db = db
        self._clock = clock
        self._tz = tz
        self._due_day = due_day
        self._years = years
        # The outbox's notice writer; set once the broadcasts service exists (it is built
        # after the periods, which it asks for the current quarter).
        self.notices: NoticeWriter | None = None

    @property
    def campaign_years(self) -> tuple[int, int]:
        """The campaign's first and last year (settings)."""
        return self._years

    def in_campaign(self, year: int) -> bool:
        """Whether ``year`` is one of the campaign's: periods of other years are never
        set up, whoever names them."""
        return self._years[0] <= year <= self._years[1]

    def now(self) -> datetime:
        return self._clock()

    @property
    def tz(self) -> ZoneInfo:
        return self._tz

    async def ensure(self, year: int, quarter: int) -> Period:
        """The period, created with the default rule if the office has not set it up."""
        found = await periods.get(self._db.reader, period_code(year, quarter))
        if found is not None:
            return found
        async with self._db.write() as conn:
            await periods.insert_if_missing(
                conn, default_period(year, quarter, tz=self._tz, due_day=self._due_day)
            )
            created = await periods.get(conn, period_code(year, quarter))
        assert created is not None
        return created

    async def current(self) -> Period:
        year, quarter = quarter_of(self._clock().astimezone(self._tz).date())
        return await self.ensure(year, quarter)

    async def get(self, code: str) -> Period | None:
        parsed = parse_period_code(code)
        if parsed is None:
            return None
        return await periods.get(self._db.reader, period_code(*parsed))

    async def resolve(self, code: str | None) -> Period | None:
        """A period named by the user (set up with the default rule if it is one of the
        campaign's), or the current quarter when none is named."""
        if code is None:
            return await self.current()
        parsed = parse_period_code(code)
        if parsed is None or not self.in_campaign(parsed[0]):
            return None
        return await self.ensure(*parsed)

    async def open_for_submission(self, unit_code: str | None = None) -> list[Period]:
        """Periods a unit may report on now; the current quarter is always considered.

        A period whose data window has not begun is not offered yet (the office may set
        up the next quarter in advance). With ``unit_code``, a period reopened for that
        unit counts, with its deadline.
        """
        current = await self.current()
        now = self._clock()
        today = now.astimezone(self._tz).date()
        found = [p for p in await self._all_with(current) if p.data_from <= today]
        if unit_code is not None:
            found = [await self.for_unit(unit_code, p) for p in found]
        return [p for p in found if p.accepts_submissions(now)]

    # -- the office's changes -------------------------------------------------------------

    async def list_recent(self, count: int = 4) -> list[Period]:
        """The current quarter, the next one and earlier ones: newest first."""
        current = await self.current()
        following = await self.ensure(*shift_quarter(current.year, current.quarter, 1))
        return list(reversed(await self._all_with(current, following)))[:count]

    async def _all_with(self, *ensured: Period) -> list[Period]:
        """Every period, oldest first, ``ensured`` included: one this call has just set
        up may not show in the reader yet (a read another request began before the
        commit holds the reader's snapshot for a moment)."""
        found = {p.code: p for p in await periods.list_all(self._db.reader)}
        for period in ensured:
            found.setdefault(period.code, period)
        return sorted(found.values(), key=lambda p: (p.year, p.quarter))

    def end_of_day(self, day: date) -> datetime:
        return datetime.combine(day, END_OF_DAY, tzinfo=self._tz)

    async def open(
        self,
        code: str,
        *,
        actor: str,
        due_at: datetime | None = None,
        told: Told | None = None,
        ending: Ending | None = None,
    ) -> Period:
        """Accept submissions again (with a new deadline, if given); ``told`` and
        ``ending`` as for :meth:`set_deadline`."""
        found = await self._require(code)
        changed = self._opened(found, due_at)
        await self._store(found, changed, actor, "period.open", told, ending)
        return changed

    async def preview_open(self, code: str, *, due_at: datetime | None = None) -> Period:
        """The period as :meth:`open` would leave it (DeadlineError as it would raise)."""
        return self._opened(await self._require(code), due_at)

    def _opened(self, found: Period, due_at: datetime | None) -> Period:
        if due_at is not None:
            self._check_deadline(found, due_at)
        return found.model_copy(update={"status": "open", "due_at": due_at or found.due_at})

    async def close(self, code: str, *, actor: str) -> Period:
        """Stop accepting submissions now, whatever the deadline says."""
        found = await self._require(code)
        changed = found.model_copy(update={"status": "closed"})
        await self._store(found, changed, actor, "period.close")
        return changed

    async def set_deadline(
        self,
        code: str,
        due_at: datetime,
        *,
        actor: str,
        told: Told | None = None,
        ending: Ending | None = None,
    ) -> Period:
        """Move a period's deadline (the period's status is left as it is).

        ``told``: the notices of the new deadline (worded by the caller from
        :meth:`preview_deadline`), queued in the transaction that moves it, and
        ``ending``: the conversation that asked for the date, ended in it too. A crash
        leaves neither a deadline moved that nobody was told of (a second attempt, the
        deadline then unchanged, would tell nobody) nor notices of a move that did not
        happen.
        """
        found = await self._require(code)
        changed = self._moved(found, due_at)
        await self._store(found, changed, actor, "period.due", told, ending)
        return changed

    async def preview_deadline(self, code: str, due_at: datetime) -> Period:
        """The period as :meth:`set_deadline` would leave it (DeadlineError likewise)."""
        return self._moved(await self._require(code), due_at)

    def _moved(self, found: Period, due_at: datetime) -> Period:
        self._check_deadline(found, due_at)
        return found.model_copy(update={"due_at": due_at})

    def _check_deadline(self, period: Period, due_at: datetime) -> None:
        if due_at.astimezone(self._tz).date() <= period.data_to:
            raise DeadlineError("before_cutoff", period)
        if due_at <= self._clock():
            raise DeadlineError("past", period)

    async def _require(self, code: str) -> Period:
        parsed = parse_period_code(code)
        if parsed is None or not self.in_campaign(parsed[0]):
            raise LookupError(code)
        return await self.ensure(*parsed)

    async def _store(
        self,
        before: Period,
        after: Period,
        actor: str,
        action: str,
        told: Told | None = None,
        ending: Ending | None = None,
    ) -> None:
        writer = self.notices if told is not None and told.notices else None
        if told is not None and told.notices and writer is None:
            raise RuntimeError("no notice writer to tell of the new deadline")
        async with self._db.write() as conn:
            await periods.update(conn, after)
            await audit.record(
                conn,
                at=to_iso(self._clock()),
                actor=actor,
                action=action,
                detail={
                    "period": after.code,
                    "before": {"status": before.status, "due_at": to_iso(before.due_at)},
                    "after": {"status": after.status, "due_at": to_iso(after.due_at)},
                },
            )
            if writer is not None and told is not None:
                await writer.write_notices(
                    conn, created_by=told.created_by, label=told.label, notices=told.notices
                )
            await end_in(conn, ending)
        if writer is not None:
            writer.wake()

    # -- one unit ---------------------------------------------------------------------------

    async def extension(self, unit_code: str, period_code: str) -> Extension | None:
        return await periods.get_extension(self._db.reader, period_code, unit_code)

    async def for_unit(self, unit_code: str, period: Period) -> Period:
        """The period as it applies to one unit: its own deadline if reopened for it."""
        extension = await periods.get_extension(self._db.reader, period.code, unit_code)
        return apply_extension(period, extension)

    async def reopen_for(
        self,
        unit_code: str,
        code: str,
        *,
        days: int,
        actor: str,
        reason: str = "reopen",
    ) -> tuple[Period, Extension | None]:
        """Let one unit submit until the end of the day ``days`` days from today.

        An extension never shortens what the unit already has: if it may already submit
        until then or later, nothing is recorded, and the period is returned as it
        applies to the unit with ``None``.
        """
        reopening = await self.plan_reopen(unit_code, code, days=days, actor=actor, reason=reason)
        if reopening.extension is not None:
            async with self._db.write() as conn:
                await self.write_reopen(conn, reopening)
        return reopening.own, reopening.extension

    async def plan_reopen(
        self,
        unit_code: str,
        code: str,
        *,
        days: int,
        actor: str,
        reason: str = "reopen",
    ) -> Reopening:
        """What :meth:`reopen_for` would record, written by :meth:`write_reopen` inside
        a caller's transaction (a returned report and its reopening commit together)."""
        period = await self._require(code)
        unit = await units.get_unit(self._db.reader, unit_code)
        if unit is None:
            raise UnknownUnit(unit_code)
        now = self._clock()
        until = self.end_of_day(now.astimezone(self._tz).date() + timedelta(days=days))
        current = await self.for_unit(unit.code, period)
        existing = await self.extension(unit.code, period.code)
        if current.accepts_submissions(now) and current.due_at >= until:
            return Reopening(current, None, None)
        extension = Extension(period.code, unit.code, until, reason, actor, now)
        return Reopening(
            apply_extension(period, extension), extension, existing.due_at if existing else None
        )

    async def write_reopen(self, conn: aiosqlite.Connection, reopening: Reopening) -> None:
        """Record a planned reopening (and its audit line) in the caller's transaction."""
        extension = reopening.extension
        if extension is None:
            return
        await periods.put_extension(conn, extension)
        await audit.record(
            conn,
            at=to_iso(extension.granted_at),
            actor=extension.granted_by,
            action="period.reopen_unit",
            unit_code=extension.unit_code,
            detail={
                "period": extension.period_code,
                "reason": extension.reason,
                "before": to_iso(reopening.before) if reopening.before else None,
                "after": to_iso(extension.due_at),
            },
        )

    async def extensions(self, period_code: str) -> dict[str, Extension]:
        return await periods.extensions_for_period(self._db.reader, period_code)

    async def set_due(self, code: str, due_at: datetime, *, status: str | None = None) -> Period:
        found = await self.resolve(code)
        if found is None:
            raise LookupError(code)
        changed = found.model_copy(update={"due_at": due_at, "status": status or found.status})
        async with self._db.write() as conn:
            await periods.update(conn, changed)
        return changed
