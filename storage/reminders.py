"""What the desk's schedule has sent: reminders, late lists, digests, "remind now" rows.

A row is written before its message goes out ("sending", or "queued" until its time)
and marked "sent" or "failed" after, so a restart never sends it again; a row left in
"sending" by a crash counts as sent (at most once, never twice).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

import aiosqlite

from bot.clock import from_iso
from storage.database import fetch_all, fetch_one


@dataclass(frozen=True, slots=True)
class Key:
    """One message: what it is about (period, slot, deadline) and to whom."""

    period_code: str
    slot: str
    deadline: str  # the deadline it concerns, as stored (ISO, UTC); "" for digests
    telegram_id: int


@dataclass(frozen=True, slots=True)
class Queued:
    key: Key
    unit_code: str | None
    at: datetime


async def claim(
    conn: aiosqlite.Connection,
    key: Key,
    *,
    unit_code: str | None,
    at: str,
    status: str = "sending",
) -> bool:
    """Record a message before it is sent; False if it was recorded already."""
    cur = await conn.execute(
        "INSERT OR IGNORE INTO reminders_sent (period_code, slot, deadline, telegram_id, "
        "unit_code, status, at) VALUES (?, ?, ?, ?, ?, ?, ?)",
        (key.period_code, key.slot, key.deadline, key.telegram_id, unit_code, status, at),
    )
    return cur.rowcount == 1


async def finish(
    conn: aiosqlite.Connection, key: Key, *, status: str, at: str, error: str | None = None
) -> None:
    await conn.execute(
        "UPDATE reminders_sent SET status = ?, at = ?, error = ? WHERE period_code = ? "
        "AND slot = ? AND deadline = ? AND telegram_id = ?",
        (status, at, error, key.period_code, key.slot, key.deadline, key.telegram_id),
    )


async def queued_due(conn: aiosqlite.Connection, now: str) -> list[Queued]:
    rows = await fetch_all(
        conn,
        "SELECT period_code, slot, deadline, telegram_id, unit_code, at FROM reminders_sent "
        "WHERE status = 'queued' AND at <= ? ORDER BY at",
        (now,),
    )
    return [
        Queued(
            Key(row["period_code"], row["slot"], row["deadline"], int(row["telegram_id"])),
            row["unit_code"],
            from_iso(row["at"]),
        )
        for row in rows
    ]


async def take_queued(conn: aiosqlite.Connection, key: Key, now: str) -> bool:
    """Move a queued row to "sending"; False if another run took it first."""
    cur = await conn.execute(
        "UPDATE reminders_sent SET status = 'sending', at = ? WHERE period_code = ? "
        "AND slot = ? AND deadline = ? AND telegram_id = ? AND status = 'queued'",
        (now, key.period_code, key.slot, key.deadline, key.telegram_id),
    )
    return cur.rowcount == 1


async def next_queued(conn: aiosqlite.Connection) -> datetime | None:
    row = await fetch_one(conn, "SELECT MIN(at) FROM reminders_sent WHERE status = 'queued'")
    return from_iso(row[0]) if row and row[0] else None


async def last_reminded(conn: aiosqlite.Connection, period_code: str) -> dict[str, datetime]:
    """Unit code -> when one of its members was last sent a reminder for the period."""
    rows = await fetch_all(
        conn,
        "SELECT unit_code, MAX(at) FROM reminders_sent WHERE period_code = ? "
        "AND unit_code IS NOT NULL AND status IN ('sending', 'sent', 'queued') "
        "GROUP BY unit_code",
        (period_code,),
    )
    return {row[0]: from_iso(row[1]) for row in rows}


async def last_of_slot_prefix(
    conn: aiosqlite.Connection, period_code: str, prefix: str
) -> datetime | None:
    """When the latest message whose slot starts with ``prefix`` was recorded."""
    row = await fetch_one(
        conn,
        "SELECT MAX(at) FROM reminders_sent WHERE period_code = ? AND slot LIKE ? "
        "AND status IN ('sending', 'sent')",
        (period_code, prefix.replace("%", "") + "%"),
    )
    return from_iso(row[0]) if row and row[0] else None


async def claim_many(
    conn: aiosqlite.Connection,
    keys: Iterable[tuple[Key, str | None]],
    *,
    at: str,
    status: str,
) -> list[Key]:
    """Claim several messages; returns those that were not recorded before."""
    fresh: list[Key] = []
    for key, unit_code in keys:
        if await claim(conn, key, unit_code=unit_code, at=at, status=status):
            fresh.append(key)
    return fresh
