"""The desk's schedule: reminders to units, the office's late list and daily digest.

Nothing here is kept in memory between runs: every run reads the periods, the units'
statuses and what was already sent from the database, so a restart rebuilds the whole
schedule, and each message is recorded before it goes (``storage.reminders``), so a
restart never repeats one. The handler (``handlers/reminders.py``) runs :meth:`due`
at :meth:`next_run` and sends what it returns.

**Reminders.** At ``reminder_time`` local, ``offsets`` days before a unit's deadline
(its own, if the period was reopened for it; 0 is the morning of the deadline day),
each bound member of a unit that has not submitted — or whose report was returned
and not yet resubmitted — is reminded. If the bot was down when reminders fell due,
only the latest one is sent late, and only within a day (an older one is superseded
by the next), and not when the next one falls due within ``MERGE_WITHIN``: the missed
one merges with it, rather than two reminders an hour apart. A reminder from before
the unit's report was returned, or before the period was reopened for it, is not sent.
A reminder that would fall after the deadline is dropped. When the office moves a
deadline, the new deadline gets its own reminders.

**Quiet hours.** Nothing is sent between ``quiet_start`` and ``quiet_end`` (21:00 and
07:00 by default): anything due then goes at ``quiet_end``.

**Late list.** Once a period's deadline has passed (at the end of the quiet hours, for
a deadline at night), each office member gets the list of units that did not submit,
once per deadline, for deadlines up to a week old (a new installation does not send
lists for old quarters).

**Daily digest.** At ``digest_time`` on each day of a reporting window — the last
``digest_days`` days up to a period's deadline, and any later day on which the period
is still reopened for some unit — each office member gets reports submitted n/N by
block, what came in since the previous digest (or in the last 24 hours), and the late
units; once per day and period.

**Remind now.** The office's button queues one reminder per member of each pending
unit; in quiet hours they wait until ``quiet_end``. A unit reminded less than an hour
ago is skipped, so two presses do not send twice.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from bot.clock import Clock, to_iso
from bot.domain.models import Membership, Period, Unit
from bot.services.periods import PeriodService
from bot.services.review import DeskStatus, PeriodDesk, ReviewService, UnitDesk
from storage import people
from storage import periods as period_store
from storage import reminders as store
from storage.database import Database
from storage.reminders import Key

# A missed reminder older than this is superseded by the next one, not sent late.
STALE_AFTER = timedelta(hours=24)
# A missed reminder whose next one falls due within this is not sent late: the next
# one goes instead (a bot back at 07:00 does not remind at 07:00 and again at 08:00).
MERGE_WITHIN = timedelta(hours=3)
# Late lists are sent for deadlines up to this old (a fresh install skips old quarters).
LATE_LIST_WINDOW = timedelta(days=7)
# The schedule is re-read at least this often, so changes made by the CLI (another
# process) are picked up; and never sooner than MIN_WAIT, so a clock that does not
# move (tests) or a message that cannot go yet never makes the job spin.
MAX_WAIT = timedelta(minutes=15)
MIN_WAIT = timedelta(seconds=5)
# "Remind now" skips units reminded this recently.
REMIND_AGAIN_AFTER = timedelta(hours=1)

PENDING: frozenset[DeskStatus] = frozenset({"none", "draft", "returned"})


@dataclass(frozen=True, slots=True)
class Reminder:
    """Remind one member of a unit: the period as it applies to the unit."""

    key: Key
    period: Period
    unit: Unit
    status: DeskStatus
    deadline: datetime
    days_left: int  # calendar days from today to the deadline day; negative when past
    manual: bool  # the office pressed "remind now"


@dataclass(frozen=True, slots=True)
class LateList:
    """Tell one office member which units missed the deadline."""

    key: Key
    desk: PeriodDesk

    @property
    def late(self) -> list[UnitDesk]:
        return self.desk.with_status("late")


@dataclass(frozen=True, slots=True)
class Digest:
    """One office member's daily digest for a period."""

    key: Key
    desk: PeriodDesk
    day: date
    since: datetime
    new: list[UnitDesk]

    @property
    def late(self) -> list[UnitDesk]:
        return self.desk.with_status("late")


Notice = Reminder | LateList | Digest


@dataclass(frozen=True, slots=True)
class RemindNow:
    """What pressing "remind now" did."""

    units: list[UnitDesk]  # reminded (queued)
    recent: list[UnitDesk]  # not reminded: reminded within the hour
    unbound: list[UnitDesk]  # not reminded: nobody of the unit uses the bot
    people: int
    at: datetime  # when the reminders go (later than now in quiet hours)

    @property
    def skipped(self) -> list[UnitDesk]:
        """Every pending unit not reminded, whatever the reason."""
        return self.recent + self.unbound


@dataclass(frozen=True, slots=True)
class _Slot:
    name: str  # "d7"
    at: datetime


class DeskSchedule:
    def __init__(
        self,
        db: Database,
        clock: Clock,
        periods: PeriodService,
        review: ReviewService,
        *,
        tz: ZoneInfo,
        office_ids: Iterable[int],
        offsets: Sequence[int] = (7, 3, 1, 0),
        reminder_time: time = time(8, 0),
        quiet_start: time = time(21, 0),
        quiet_end: time = time(7, 0),
        digest_time: time | None = time(8, 0),
        digest_days: int = 14,
    ) -> None:
        self._db = db
        self._clock = clock
        self._periods = periods
        self._review = review
        self._tz = tz
        self._office_ids = tuple(sorted(office_ids))
        self.offsets = tuple(sorted(set(offsets), reverse=True))
        self._reminder_time = reminder_time
        self._quiet_start = quiet_start
        self._quiet_end = quiet_end
        self._digest_time = digest_time
        self._digest_days = digest_days

    # -- times -------------------------------------------------------------------------

    def is_quiet(self, moment: datetime) -> bool:
        clock = moment.astimezone(self._tz).time()
        start, end = self._quiet_start, self._quiet_end
        if start == end:
            return False
        if start < end:
            return start <= clock < end
        return clock >= start or clock < end

    def after_quiet(self, moment: datetime) -> datetime:
        """``moment``, or the end of the quiet hours it falls in."""
        if not self.is_quiet(moment):
            return moment
        local = moment.astimezone(self._tz)
        end = datetime.combine(local.date(), self._quiet_end, tzinfo=self._tz)
        if end <= local:
            end = datetime.combine(local.date() + timedelta(days=1), self._quiet_end, self._tz)
        return end

    def reminder_at(self, deadline: datetime, offset: int) -> datetime | None:
        """When the reminder ``offset`` days before ``deadline`` goes; None if never."""
        day = deadline.astimezone(self._tz).date() - timedelta(days=offset)
        at = self.after_quiet(datetime.combine(day, self._reminder_time, tzinfo=self._tz))
        return at if at < deadline else None

    def _slots(self, deadline: datetime) -> list[_Slot]:
        found = [(f"d{o}", self.reminder_at(deadline, o)) for o in self.offsets]
        return sorted((_Slot(n, at) for n, at in found if at is not None), key=lambda s: s.at)

    def _local_day(self, moment: datetime) -> date:
        return moment.astimezone(self._tz).date()

    def days_left(self, deadline: datetime, now: datetime) -> int:
        return (self._local_day(deadline) - self._local_day(now)).days

    # -- what is due -------------------------------------------------------------------

    async def due(self) -> list[Notice]:
        """Everything due now, each recorded as being sent before it is returned.

        The caller sends each and reports the outcome with :meth:`finish`. Nothing is
        due in quiet hours.
        """
        now = self._clock()
        if self.is_quiet(now):
            return []
        found: list[Notice] = []
        for period in await self._active_periods(now):
            desk = await self._review.desk(period)
            found += await self._due_reminders(desk, now)
            found += await self._due_digests(desk, now)
        for period in await self._late_list_periods(now):
            found += await self._due_late_lists(await self._review.desk(period), now)
        found += await self._due_queued(now)
        return found

    async def finish(self, key: Key, *, ok: bool, error: str | None = None) -> None:
        async with self._db.write() as conn:
            await store.finish(
                conn, key, status="sent" if ok else "failed", at=to_iso(self._clock()), error=error
            )

    async def next_run(self) -> datetime:
        """When something may next be due (at most MAX_WAIT away, at least MIN_WAIT)."""
        now = self._clock()
        soonest = now + MAX_WAIT
        if self.is_quiet(now):
            soonest = min(soonest, self.after_quiet(now))
        else:
            for period in await self._active_periods(now):
                desk = await self._review.desk(period)
                for unit in desk.units:
                    if unit.status in PENDING and unit.deadline > now:
                        for slot in self._slots(unit.deadline):
                            if slot.at > now:
                                soonest = min(soonest, slot.at)
                                break
                moment = self._digest_moment(self._local_day(now))
                if moment is not None and moment > now:
                    soonest = min(soonest, moment)
            for period in await period_store.list_all(self._db.reader):
                late_at = self.after_quiet(period.due_at)
                if late_at > now:
                    soonest = min(soonest, late_at)
            queued = await store.next_queued(self._db.reader)
            if queued is not None:
                soonest = min(soonest, queued)
        return max(soonest, now + MIN_WAIT)

    async def _active_periods(self, now: datetime) -> list[Period]:
        """Periods someone may still submit to: open and not past due, or reopened."""
        await self._periods.current()
        extended = {
            e.period_code for e in await period_store.extended_after(self._db.reader, to_iso(now))
        }
        return [
            p
            for p in await period_store.list_all(self._db.reader)
            if p.accepts_submissions(now) or p.code in extended
        ]

    async def _late_list_periods(self, now: datetime) -> list[Period]:
        return [
            p
            for p in await period_store.list_all(self._db.reader)
            if self.after_quiet(p.due_at) <= now and now - p.due_at <= LATE_LIST_WINDOW
        ]

    async def _due_reminders(self, desk: PeriodDesk, now: datetime) -> list[Notice]:
        keys: list[tuple[Key, str | None]] = []
        members: dict[str, list[Membership]] | None = None
        for unit in desk.units:
            if unit.status not in PENDING or unit.deadline <= now:
                continue
            slots = self._slots(unit.deadline)
            passed = [s for s in slots if s.at <= now]
            if not passed:
                continue
            latest = passed[-1]
            if now - latest.at > STALE_AFTER or latest.at < self._reason_since(unit):
                continue
            following = [s for s in slots if s.at > now]
            missed = now - latest.at > MAX_WAIT  # the job runs at least this often
            if missed and following and following[0].at - now <= MERGE_WITHIN:
                continue  # merges with the next one, due shortly
            if members is None:  # read once, and only on a run that reminds someone
                members = await people.members_by_unit(self._db.reader)
            deadline = to_iso(unit.deadline)
            keys += [
                (Key(desk.period.code, latest.name, deadline, m.telegram_id), unit.unit.code)
                for m in members.get(unit.unit.code, [])
            ]
        if not keys:
            return []
        # One transaction for the whole round, not one per unit.
        async with self._db.write() as conn:
            fresh = await store.claim_many(conn, keys, at=to_iso(now), status="sending")
        by_code = {u.unit.code: u for u in desk.units}
        unit_of = {key: by_code[code] for key, code in keys if code is not None}
        return [self._reminder(key, desk.period, unit_of[key], now, manual=False) for key in fresh]

    def _reminder(
        self, key: Key, period: Period, unit: UnitDesk, now: datetime, *, manual: bool
    ) -> Reminder:
        """The reminder to one member, with the period as it applies to the unit."""
        own = period.model_copy(update={"due_at": unit.deadline, "status": "open"})
        return Reminder(
            key,
            own,
            unit.unit,
            unit.status,
            unit.deadline,
            self.days_left(unit.deadline, now),
            manual=manual,
        )

    def _reason_since(self, unit: UnitDesk) -> datetime:
        """Reminders from before this moment are not sent for the unit."""
        since = datetime.min.replace(tzinfo=self._tz)
        if unit.extension is not None and unit.extension.due_at == unit.deadline:
            since = max(since, unit.extension.granted_at)
        if unit.status == "returned" and unit.review is not None:
            since = max(since, unit.review.reviewed_at)
        return since

    # -- the office --------------------------------------------------------------------

    async def _due_late_lists(self, desk: PeriodDesk, now: datetime) -> list[Notice]:
        deadline = to_iso(desk.period.due_at)
        keys = [(Key(desk.period.code, "late", deadline, o), None) for o in self._office_ids]
        async with self._db.write() as conn:
            fresh = await store.claim_many(conn, keys, at=to_iso(now), status="sending")
        return [LateList(key, desk) for key in fresh]

    def _digest_moment(self, day: date) -> datetime | None:
        if self._digest_time is None:
            return None
        return self.after_quiet(datetime.combine(day, self._digest_time, tzinfo=self._tz))

    def _in_window(self, desk: PeriodDesk, day: date) -> bool:
        due_day = self._local_day(desk.period.due_at)
        if due_day - timedelta(days=self._digest_days) <= day <= due_day:
            return desk.period.status == "open"
        return any(
            u.extension is not None and self._local_day(u.extension.due_at) >= day
            for u in desk.units
        )

    async def _due_digests(self, desk: PeriodDesk, now: datetime) -> list[Notice]:
        today = self._local_day(now)
        moment = self._digest_moment(today)
        if moment is None or moment > now or not self._in_window(desk, today):
            return []
        # Another day's quiet-hour shift could carry a digest past midnight; not here.
        if self._local_day(moment) != today:
            return []
        period = desk.period
        since = await store.last_of_slot_prefix(self._db.reader, period.code, "digest:")
        since = since if since is not None else now - timedelta(hours=24)
        slot = f"digest:{today.isoformat()}"
        keys = [(Key(period.code, slot, "", o), None) for o in self._office_ids]
        async with self._db.write() as conn:
            fresh = await store.claim_many(conn, keys, at=to_iso(now), status="sending")
        new = [u for u in desk.units if u.report is not None and u.report.submitted_at > since]
        return [Digest(key, desk, today, since, new) for key in fresh]

    # -- remind now --------------------------------------------------------------------

    async def pending(self, period: Period) -> PeriodDesk:
        """The period's desk (the caller lists the units that have not submitted)."""
        return await self._review.desk(period)

    async def last_reminded(self, period: Period) -> dict[str, datetime]:
        """Unit code -> when its members were last reminded for the period."""
        return await store.last_reminded(self._db.reader, period.code)

    async def remind_now(self, period: Period) -> RemindNow:
        """Queue a reminder to every member of each unit that has not submitted."""
        now = self._clock()
        desk = await self._review.desk(period)
        recent = await store.last_reminded(self._db.reader, period.code)
        at = self.after_quiet(now)
        chosen: list[UnitDesk] = []
        recent_units: list[UnitDesk] = []
        unbound: list[UnitDesk] = []
        keys: list[tuple[Key, str | None]] = []
        slot = f"now:{to_iso(now)}"
        bound = await people.members_by_unit(self._db.reader)
        for unit in desk.units:
            if unit.status not in PENDING and unit.status != "late":
                continue
            last = recent.get(unit.unit.code)
            members = bound.get(unit.unit.code, [])
            if not members:
                unbound.append(unit)
                continue
            if last is not None and now - last < REMIND_AGAIN_AFTER:
                recent_units.append(unit)
                continue
            chosen.append(unit)
            keys += [
                (Key(period.code, slot, to_iso(unit.deadline), m.telegram_id), unit.unit.code)
                for m in members
            ]
        async with self._db.write() as conn:
            fresh = await store.claim_many(conn, keys, at=to_iso(at), status="queued")
        return RemindNow(chosen, recent_units, unbound, len(fresh), at)

    async def _due_queued(self, now: datetime) -> list[Notice]:
        stamp = to_iso(now)
        async with self._db.write() as conn:
            taken = [
                queued
                for queued in await store.queued_due(conn, stamp)
                if await store.take_queued(conn, queued.key, stamp)
            ]
        found: list[Notice] = []
        desks: dict[str, PeriodDesk] = {}
        for queued in taken:
            code = queued.key.period_code
            if code not in desks:
                period = await self._periods.get(code)
                if period is None:  # pragma: no cover - periods are never deleted
                    continue
                desks[code] = await self._review.desk(period)
            unit = next((u for u in desks[code].units if u.unit.code == queued.unit_code), None)
            if unit is None:  # pragma: no cover - units are never deleted
                continue
            found.append(self._reminder(queued.key, desks[code].period, unit, now, manual=True))
        return found
