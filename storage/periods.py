"""Reporting periods."""

from __future__ import annotations

from datetime import date

import aiosqlite

from bot.clock import from_iso, to_iso
from bot.domain.models import Period

_COLUMNS = "code, year, quarter, data_from, data_to, due_at, status"


def _period(row: aiosqlite.Row) -> Period:
    return Period(
        code=row["code"],
        year=row["year"],
        quarter=row["quarter"],
        data_from=date.fromisoformat(row["data_from"]),
        data_to=date.fromisoformat(row["data_to"]),
        due_at=from_iso(row["due_at"]),
        status=row["status"],
    )


async def get(conn: aiosqlite.Connection, code: str) -> Period | None:
    async with conn.execute(
        f"SELECT {_COLUMNS} FROM periods WHERE code = ? COLLATE NOCASE", (code,)
    ) as cur:
        row = await cur.fetchone()
    return _period(row) if row else None


async def list_all(conn: aiosqlite.Connection) -> list[Period]:
    async with conn.execute(f"SELECT {_COLUMNS} FROM periods ORDER BY year, quarter") as cur:
        return [_period(r) for r in await cur.fetchall()]


async def insert_if_missing(conn: aiosqlite.Connection, period: Period) -> None:
    await conn.execute(
        f"INSERT OR IGNORE INTO periods ({_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?)",
        (
            period.code,
            period.year,
            period.quarter,
            period.data_from.isoformat(),
            period.data_to.isoformat(),
            to_iso(period.due_at),
            period.status,
        ),
    )


async def update(conn: aiosqlite.Connection, period: Period) -> None:
    await conn.execute(
        "UPDATE periods SET due_at = ?, status = ? WHERE code = ?",
        (to_iso(period.due_at), period.status, period.code),
    )
