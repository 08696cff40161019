"""People (Telegram users) and their binding to a unit."""

from __future__ import annotations

import aiosqlite

from bot.clock import from_iso
from bot.domain.models import Membership, Person
from storage.database import fetch_all, fetch_one


async def touch_person(
    conn: aiosqlite.Connection, telegram_id: int, full_name: str, username: str | None, now: str
) -> None:
    await conn.execute(
        "INSERT INTO people (telegram_id, full_name, username, first_seen, last_seen) "
        "VALUES (?, ?, ?, ?, ?) ON CONFLICT(telegram_id) DO UPDATE SET "
        "full_name = excluded.full_name, username = excluded.username, "
        "last_seen = excluded.last_seen",
        (telegram_id, full_name, username, now, now),
    )


async def get_person(conn: aiosqlite.Connection, telegram_id: int) -> Person | None:
    row = await fetch_one(
        conn,
        "SELECT telegram_id, full_name, username FROM people WHERE telegram_id = ?",
        (telegram_id,),
    )
    if row is None:
        return None
    return Person(telegram_id=row[0], full_name=row[1], username=row[2])


def _membership(row: aiosqlite.Row) -> Membership:
    return Membership(
        telegram_id=row["telegram_id"],
        unit_code=row["unit_code"],
        role=row["role"],
        bound_at=from_iso(row["bound_at"]),
    )


async def get_membership(conn: aiosqlite.Connection, telegram_id: int) -> Membership | None:
    row = await fetch_one(
        conn,
        "SELECT telegram_id, unit_code, role, bound_at FROM memberships WHERE telegram_id = ?",
        (telegram_id,),
    )
    return _membership(row) if row else None


async def bind(
    conn: aiosqlite.Connection,
    telegram_id: int,
    unit_code: str,
    role: str,
    invite_id: int,
    now: str,
) -> None:
    await conn.execute(
        "INSERT INTO memberships (telegram_id, unit_code, role, invite_id, bound_at) "
        "VALUES (?, ?, ?, ?, ?) ON CONFLICT(telegram_id) DO UPDATE SET "
        "unit_code = excluded.unit_code, role = excluded.role, invite_id = excluded.invite_id, "
        "bound_at = excluded.bound_at",
        (telegram_id, unit_code, role, invite_id, now),
    )


async def members_of(conn: aiosqlite.Connection, unit_code: str) -> list[Membership]:
    rows = await fetch_all(
        conn,
        "SELECT telegram_id, unit_code, role, bound_at FROM memberships WHERE unit_code = ? "
        "ORDER BY role, bound_at",
        (unit_code,),
    )
    return [_membership(r) for r in rows]


async def members_by_unit(conn: aiosqlite.Connection) -> dict[str, list[Membership]]:
    """Every bound person, by unit: one query where a notice goes to every unit."""
    out: dict[str, list[Membership]] = {}
    rows = await fetch_all(
        conn,
        "SELECT telegram_id, unit_code, role, bound_at FROM memberships "
        "ORDER BY unit_code, role, bound_at",
    )
    for row in rows:
        member = _membership(row)
        out.setdefault(member.unit_code, []).append(member)
    return out
