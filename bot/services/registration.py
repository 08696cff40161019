"""Invites and binding people to units.

Codes carry 192 bits from ``secrets`` and only their SHA-256 is stored. A person who
keeps typing wrong codes is throttled, so codes cannot be guessed through the bot.
"""

from __future__ import annotations

import enum
import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from bot.clock import Clock, from_iso, to_iso
from bot.csv_cells import FORMULA_TRIGGERS
from bot.domain.models import Invite, Membership, Role, Unit
from bot.numbers import parse_whole
from storage import audit, invites, people, units
from storage.database import Database

MAX_FAILURES = 5
FAILURE_WINDOW = timedelta(minutes=15)


def hash_code(code: str) -> str:
    return hashlib.sha256(code.strip().encode("utf-8")).hexdigest()


def new_code() -> str:
    """32 characters, valid as a /start payload, never starting with "-": a spreadsheet
    would take such a code for a formula, and the CSV of `cchc-bot invite --all` would
    have to quote it (bot/csv_cells.py), breaking the code in a mail merge."""
    while True:
        code = secrets.token_urlsafe(24)
        if code[0] not in FORMULA_TRIGGERS:
            return code


class RedeemOutcome(enum.Enum):
    BOUND = "bound"
    UNKNOWN = "unknown"
    EXPIRED = "expired"
    USED = "used"
    REVOKED = "revoked"
    THROTTLED = "throttled"


@dataclass(frozen=True, slots=True)
class RedeemResult:
    outcome: RedeemOutcome
    unit: Unit | None = None
    role: Role | None = None
    retry_after: datetime | None = None


@dataclass(frozen=True, slots=True)
class Identity:
    """Who is writing: office staff, a bound unit member, or a stranger."""

    telegram_id: int
    is_office: bool
    membership: Membership | None
    unit: Unit | None

    @property
    def is_bound(self) -> bool:
        return self.membership is not None and self.unit is not None


@dataclass(frozen=True, slots=True)
class NewInvite:
    code: str
    invite: Invite
    unit: Unit


class UnknownUnitError(LookupError):
    pass


class RegistrationService:
    def __init__(
        self, db: Database, clock: Clock, *, office_ids: frozenset[int], ttl: timedelta
    ) -> None:
        self._db = db
        self._clock = clock
        self._office_ids = office_ids
        self._ttl = ttl

    def is_office(self, telegram_id: int) -> bool:
        return telegram_id in self._office_ids

    @property
    def office_ids(self) -> frozenset[int]:
        return self._office_ids

    async def identify(
        self, telegram_id: int, *, full_name: str = "", username: str | None = None
    ) -> Identity:
        membership = await people.get_membership(self._db.reader, telegram_id)
        unit = await units.get_unit(self._db.reader, membership.unit_code) if membership else None
        return Identity(telegram_id, self.is_office(telegram_id), membership, unit)

    async def create_invite(self, unit_code: str, role: Role, *, created_by: str) -> NewInvite:
        unit = await units.get_unit(self._db.reader, unit_code)
        if unit is None:
            raise UnknownUnitError(unit_code)
        code = new_code()
        now = self._clock()
        async with self._db.write() as conn:
            invite_id = await invites.create(
                conn,
                code_hash=hash_code(code),
                unit_code=unit.code,
                role=role,
                created_by=created_by,
                created_at=to_iso(now),
                expires_at=to_iso(now + self._ttl),
            )
            await audit.record(
                conn,
                at=to_iso(now),
                actor=created_by,
                action="invite.create",
                unit_code=unit.code,
                detail={"invite_id": invite_id, "role": role},
            )
            invite = await invites.by_id(conn, invite_id)
        assert invite is not None
        return NewInvite(code=code, invite=invite, unit=unit)

    async def revoke(self, code_or_id: str, *, actor: str) -> Invite | None:
        """Revoke by the code itself or by the invite's number; None if nothing to revoke."""
        now = to_iso(self._clock())
        async with self._db.write() as conn:
            invite = await invites.by_hash(conn, hash_code(code_or_id))
            number = parse_whole(code_or_id, low=1)
            if invite is None and number is not None:
                invite = await invites.by_id(conn, number)
            if invite is None or not await invites.revoke(conn, invite.id, now):
                return None
            await audit.record(
                conn,
                at=now,
                actor=actor,
                action="invite.revoke",
                unit_code=invite.unit_code,
                detail={"invite_id": invite.id},
            )
            return await invites.by_id(conn, invite.id)

    async def list_invites(self, unit_code: str | None = None) -> list[Invite]:
        return await invites.list_for_unit(self._db.reader, unit_code)

    async def redeem(
        self, telegram_id: int, code: str, *, full_name: str, username: str | None
    ) -> RedeemResult:
        now = self._clock()
        async with self._db.write() as conn:
            recent = await invites.failures_since(conn, telegram_id, to_iso(now - FAILURE_WINDOW))
            if len(recent) >= MAX_FAILURES:
                oldest = from_iso(recent[-MAX_FAILURES])
                return RedeemResult(RedeemOutcome.THROTTLED, retry_after=oldest + FAILURE_WINDOW)
            invite = await invites.by_hash(conn, hash_code(code))
            outcome = self._check(invite, now)
            if outcome is not RedeemOutcome.BOUND or invite is None:
                await invites.record_failure(conn, telegram_id, to_iso(now))
                await audit.record(
                    conn,
                    at=to_iso(now),
                    actor=f"tg:{telegram_id}",
                    action="invite.fail",
                    unit_code=invite.unit_code if invite else None,
                    detail={"reason": outcome.value},
                )
                return RedeemResult(outcome)
            if not await invites.mark_used(conn, invite.id, telegram_id, to_iso(now)):
                return RedeemResult(RedeemOutcome.USED)
            await people.touch_person(conn, telegram_id, full_name, username, to_iso(now))
            previous = await people.get_membership(conn, telegram_id)
            await people.bind(
                conn, telegram_id, invite.unit_code, invite.role, invite.id, to_iso(now)
            )
            await invites.clear_failures(conn, telegram_id)
            await audit.record(
                conn,
                at=to_iso(now),
                actor=f"tg:{telegram_id}",
                action="member.bind",
                unit_code=invite.unit_code,
                detail={
                    "invite_id": invite.id,
                    "role": invite.role,
                    "name": full_name,
                    "before": previous.unit_code if previous else None,
                },
            )
            unit = await units.get_unit(conn, invite.unit_code)
        return RedeemResult(RedeemOutcome.BOUND, unit=unit, role=invite.role)

    @staticmethod
    def _check(invite: Invite | None, now: datetime) -> RedeemOutcome:
        if invite is None:
            return RedeemOutcome.UNKNOWN
        if invite.revoked_at is not None:
            return RedeemOutcome.REVOKED
        if invite.used_at is not None:
            return RedeemOutcome.USED
        if now >= invite.expires_at:
            return RedeemOutcome.EXPIRED
        return RedeemOutcome.BOUND
