"""Broadcasts of exemplary practices: choosing recipients, queueing, acknowledgements.

Queueing writes the broadcast and one outbox row per recipient in one transaction and
wakes the :class:`~bot.services.outbox.OutboxSender`; delivery is the sender's business.
Recipients are resolved when the office confirms (a scheduled broadcast keeps that list).

The office's *notices* to many people (a published ranking, a moved deadline) are queued
here too (:meth:`BroadcastService.queue_notices`), so they share the sender's guarantees;
they carry no acknowledgement button and are not broadcasts to the office's lists.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any, Literal

import aiosqlite

from bot.clock import Clock, to_iso
from bot.domain.broadcasts import (
    SUBMISSIONS,
    SUBMITTED,
    Broadcast,
    Content,
    DeliveryCounts,
    Notice,
    Recipient,
)
from bot.domain.models import Block, Period, Report, Session, Unit
from bot.services.conversations import Ending, end_in
from bot.services.office import OfficeService
from bot.services.outbox import OutboxSender
from bot.services.periods import PeriodService
from storage import audit, people, sessions, units
from storage import broadcasts as store
from storage.database import Database

AudienceKind = Literal["all", "block", "district", "late", "codes"]


@dataclass(frozen=True, slots=True)
class Audience:
    """Who receives a broadcast: units chosen one way, and heads only or every member."""

    kind: AudienceKind
    value: str | tuple[str, ...] | None = None
    heads_only: bool = True

    def to_state(self) -> dict[str, Any]:
        value = list(self.value) if isinstance(self.value, tuple) else self.value
        return {"kind": self.kind, "value": value, "heads_only": self.heads_only}

    @classmethod
    def from_state(cls, state: dict[str, Any]) -> Audience:
        value = state.get("value")
        return cls(
            kind=state["kind"],
            value=tuple(value) if isinstance(value, list) else value,
            heads_only=bool(state.get("heads_only", True)),
        )


@dataclass(frozen=True, slots=True)
class Resolved:
    recipients: list[Recipient]
    units: int
    skipped_inactive: int
    period: Period | None  # for "late" audiences


@dataclass(frozen=True, slots=True)
class BroadcastSummary:
    broadcast: Broadcast
    counts: DeliveryCounts
    acks: int


@dataclass(frozen=True, slots=True)
class RecipientStatus:
    chat_id: int
    unit_code: str | None
    unit_name: str
    person: str
    state: str
    acknowledged: bool


# Submissions one gathered message lists at most (with their 🔎 buttons it stays well
# within Telegram's 4,096 characters and its buttons per message).
GATHERED_MAX = 20


def submission_item(report: Report, unit: Unit) -> dict[str, Any]:
    """One submission as the notices about it carry it (JSON; worded when sent)."""
    return {
        "report_id": report.id,
        "unit_code": unit.code,
        "unit_name": unit.name,
        "period": report.period_code,
        "version": report.version,
        "at": to_iso(report.submitted_at),
        "reference": report.reference,
    }


class BroadcastService:
    def __init__(
        self,
        db: Database,
        clock: Clock,
        outbox: OutboxSender,
        periods: PeriodService,
        office: OfficeService,
        *,
        office_ids: frozenset[int] = frozenset(),
        notice_window: float = 60.0,
    ) -> None:
        self._db = db
        self._clock = clock
        self.outbox = outbox
        self._periods = periods
        self._office = office
        self._office_ids = office_ids
        self._notice_window = notice_window

    # -- choosing recipients

    async def blocks(self) -> list[Block]:
        return await units.list_blocks(self._db.reader)

    async def districts(self) -> list[str]:
        return await store.districts(self._db.reader)

    async def current_period(self) -> Period:
        return await self._periods.current()

    async def unknown_codes(self, codes: list[str]) -> tuple[list[str], list[str]]:
        """(the codes as the roster spells them, the codes not in the roster)."""
        known: list[str] = []
        unknown: list[str] = []
        for code in codes:
            unit = await units.get_unit(self._db.reader, code)
            if unit is None:
                unknown.append(code)
            elif unit.code not in known:
                known.append(unit.code)
        return known, unknown

    async def resolve(self, audience: Audience) -> Resolved:
        conn = self._db.reader
        period: Period | None = None
        heads = audience.heads_only
        if audience.kind == "all":
            found = await store.members(conn, heads_only=heads)
        elif audience.kind == "block":
            found = await store.members(conn, block=str(audience.value), heads_only=heads)
        elif audience.kind == "district":
            found = await store.members(conn, district=str(audience.value), heads_only=heads)
        elif audience.kind == "codes":
            codes = list(audience.value or ()) if isinstance(audience.value, tuple) else []
            found = await store.members(conn, codes=codes, heads_only=heads)
        else:
            period = await self._periods.current()
            progress = await self._office.progress(period)
            late = [u.unit.code for b in progress.blocks for u in b.units if u.report is None]
            found = await store.members(conn, codes=late, heads_only=heads)
        seen: set[int] = set()
        recipients: list[Recipient] = []
        skipped = 0
        for recipient in found:
            if recipient.chat_id in seen:
                continue
            seen.add(recipient.chat_id)
            if self.outbox.is_inactive(recipient.chat_id):
                skipped += 1
                continue
            recipients.append(recipient)
        return Resolved(
            recipients=recipients,
            units=len({r.unit_code for r in recipients}),
            skipped_inactive=skipped,
            period=period,
        )

    # -- queueing

    async def queue(
        self,
        *,
        created_by: int,
        content: Content,
        recipients: list[Recipient],
        audience_label: str,
        scheduled_at: datetime | None = None,
        ending: Ending | None = None,
    ) -> int:
        """Write the broadcast and its outbox rows in one transaction; the sender takes over.

        ``ending``: the compose conversation that confirmed it ends in that transaction,
        so a crash can neither queue the broadcast twice nor lose it with the
        conversation gone.
        """
        async with self._db.write() as conn:
            broadcast_id = await self.write_broadcast(
                conn,
                created_by=created_by,
                content=content,
                recipients=recipients,
                audience_label=audience_label,
                scheduled_at=scheduled_at,
            )
            await end_in(conn, ending)
        self.outbox.wake()
        return broadcast_id

    async def write_broadcast(
        self,
        conn: aiosqlite.Connection,
        *,
        created_by: int,
        content: Content,
        recipients: list[Recipient],
        audience_label: str,
        scheduled_at: datetime | None = None,
    ) -> int:
        """Write a broadcast and its outbox rows inside the caller's transaction; call
        :meth:`wake` after the commit."""
        now = self._clock()
        broadcast_id = await store.create(
            conn,
            created_by=created_by,
            content=content,
            audience=audience_label,
            status="scheduled" if scheduled_at else "sending",
            scheduled_at=to_iso(scheduled_at) if scheduled_at else None,
            now=to_iso(now),
        )
        # A scheduled broadcast's rows wait for its scheduled_at, on the application's
        # clock (the sender's not_before is its wall clock, for retries).
        await store.add_recipients(conn, broadcast_id, recipients, not_before=0.0)
        await audit.record(
            conn,
            at=to_iso(now),
            actor=f"tg:{created_by}",
            action="broadcast.queue",
            detail={
                "id": broadcast_id,
                "audience": audience_label,
                "recipients": len(recipients),
                "units": len({r.unit_code for r in recipients}),
                "scheduled_at": to_iso(scheduled_at) if scheduled_at else None,
            },
        )
        return broadcast_id

    async def queue_notices(
        self, *, created_by: int, label: str, notices: list[Notice]
    ) -> list[Notice]:
        """Queue one notice per person, each with its own text, in one transaction.

        Returns the notices queued (see :meth:`notices_to_queue`); the sender delivers
        them with the broadcasts' guarantees, without the acknowledgement button.
        """
        queued = self.notices_to_queue(notices)
        if queued:
            async with self._db.write() as conn:
                await self.write_notices(conn, created_by=created_by, label=label, notices=queued)
            self.outbox.wake()
        return queued

    async def write_submission_notices(
        self, conn: aiosqlite.Connection, *, report: Report, unit: Unit, submitter: int
    ) -> None:
        """Inside the submission's own transaction (so a crash loses no notice, and none
        goes for a submission that did not happen): tell every office chat (gathered:
        the first at once, those of the next ``notice_window`` seconds in one message)
        and the unit's other members. Call :meth:`wake` after the commit.

        The notices are structured (:func:`submission_item`); the transport words them.
        """
        item = submission_item(report, unit)
        now = to_iso(self._clock())
        wall = self.outbox.wall_time()

        async def new_notice() -> int:
            return await store.create(
                conn,
                created_by=submitter,
                content=Content(kind="text"),
                audience=f"{SUBMISSIONS} {unit.code} {report.period_code}",
                status="sending",
                scheduled_at=None,
                now=now,
                purpose="notice",
            )

        for chat_id in sorted(self._office_ids):
            if self.outbox.is_inactive(chat_id):
                continue
            await store.gather(
                conn,
                chat_id=chat_id,
                batch=SUBMISSIONS,
                item=item,
                now=wall,
                window=self._notice_window,
                max_items=GATHERED_MAX,
                new_notice=new_notice,
            )
        colleagues = [
            m.telegram_id
            for m in await people.members_of(conn, unit.code)
            if m.telegram_id != submitter and not self.outbox.is_inactive(m.telegram_id)
        ]
        if colleagues:
            submitted_by = await people.get_person(conn, submitter)
            payload = {
                "kind": SUBMITTED,
                "items": [item | {"by": submitted_by.full_name if submitted_by else ""}],
            }
            await store.add_payload_rows(
                conn, await new_notice(), [(c, unit.code, payload) for c in colleagues]
            )

    def wake(self) -> None:
        """Notices were written: the sender looks at once."""
        self.outbox.wake()

    def notices_to_queue(self, notices: list[Notice]) -> list[Notice]:
        """A person already listed keeps their first text, and people who blocked the bot
        are left out (as for broadcasts)."""
        seen: set[int] = set()
        queued: list[Notice] = []
        for notice in notices:
            if notice.chat_id in seen or self.outbox.is_inactive(notice.chat_id):
                continue
            seen.add(notice.chat_id)
            queued.append(notice)
        return queued

    async def write_notices(
        self, conn: aiosqlite.Connection, *, created_by: int, label: str, notices: list[Notice]
    ) -> None:
        """Write notices inside the caller's transaction, so that what they announce and
        the notices themselves are committed together; call ``outbox.wake()`` after."""
        if not notices:
            return
        notice_id = await store.create(
            conn,
            created_by=created_by,
            content=Content(kind="text"),
            audience=label,
            status="sending",
            scheduled_at=None,
            now=to_iso(self._clock()),
            purpose="notice",
        )
        await store.add_notices(conn, notice_id, notices)

    async def set_progress_message(
        self,
        broadcast_id: int,
        chat_id: int,
        message_id: int,
        *,
        shown: DeliveryCounts | None = None,
    ) -> None:
        """The office message to edit with progress; ``shown``: the counts it shows now."""
        async with self._db.write() as conn:
            await store.set_progress_message(conn, broadcast_id, chat_id, message_id)
        self.outbox.track(broadcast_id, shown=shown)

    # -- reading back

    async def get(self, broadcast_id: int) -> Broadcast | None:
        """A broadcast of an exemplary practice; None for a notice or an unknown id."""
        found = await store.get(self._db.reader, broadcast_id)
        return found if found is not None and found.purpose == "broadcast" else None

    async def counts(self, broadcast_id: int) -> DeliveryCounts:
        return await store.counts(self._db.reader, broadcast_id)

    async def recent(self, limit: int = 10) -> list[BroadcastSummary]:
        conn = self._db.reader
        found = await store.recent(conn, limit)
        acks = await store.ack_counts(conn, [b.id for b in found])
        return [
            BroadcastSummary(b, await store.counts(conn, b.id), acks.get(b.id, 0)) for b in found
        ]

    async def recipients(self, broadcast_id: int) -> list[RecipientStatus]:
        conn = self._db.reader
        acked = await store.acknowledged_by(conn, broadcast_id)
        names = {u.code: u.name for u in await units.list_units(conn)}
        return [
            RecipientStatus(
                chat_id=chat,
                unit_code=unit,
                unit_name=names.get(unit or "", unit or ""),
                person=person or str(chat),
                state=state,
                acknowledged=chat in acked,
            )
            for chat, unit, state, person in await store.recipients_of(conn, broadcast_id)
        ]

    async def acknowledge(self, broadcast_id: int, telegram_id: int) -> bool | None:
        """True the first time, False on a repeat press; None for a broadcast that was not
        delivered to this person (or does not exist): nothing is recorded then."""
        async with self._db.write() as conn:
            return await store.acknowledge(conn, broadcast_id, telegram_id, to_iso(self._clock()))

    # -- conversation state for the office's compose flow and the other journeys

    async def session(self, telegram_id: int) -> Session | None:
        return await sessions.get(self._db.reader, telegram_id)

    async def save_session(self, telegram_id: int, flow: str, state: dict[str, Any]) -> None:
        async with self._db.write() as conn:
            await sessions.put(conn, telegram_id, flow, state, to_iso(self._clock()))

    async def end_session(self, telegram_id: int, flows: frozenset[str]) -> str | None:
        """End the person's conversation if it is one of ``flows``; the flow ended."""
        async with self._db.write() as conn:
            current = await sessions.get(conn, telegram_id)
            if current is None or current.flow not in flows:
                return None
            await sessions.clear(conn, telegram_id)
            return current.flow
