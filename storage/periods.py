"""Reporting periods, and a period reopened for one unit."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

import aiosqlite

from bot.clock import from_iso, to_iso
from bot.domain.models import Period
from storage.database import fetch_all, fetch_one

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
    row = await fetch_one(
        conn, f"SELECT {_COLUMNS} FROM periods WHERE code = ? COLLATE NOCASE", (code,)
    )
    return _period(row) if row else None


async def list_all(conn: aiosqlite.Connection) -> list[Period]:
    rows = await fetch_all(conn, f"SELECT {_COLUMNS} FROM periods ORDER BY year, quarter")
    return [_period(r) for r in rows]


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


# -- a period reopened for one unit --------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Extension:
    """The unit may submit until ``due_at`` whatever the period's own deadline or status."""

    period_code: str
    unit_code: str
    due_at: datetime
    reason: str  # "reopen" | "return"
    granted_by: str
    granted_at: datetime


def _extension(row: aiosqlite.Row) -> Extension:
    return Extension(
        period_code=row["period_code"],
        unit_code=row["unit_code"],
        due_at=from_iso(row["due_at"]),
        reason=row["reason"],
        granted_by=row["granted_by"],
        granted_at=from_iso(row["granted_at"]),
    )


_EXTENSION_COLUMNS = "period_code, unit_code, due_at, reason, granted_by, granted_at"


async def put_extension(conn: aiosqlite.Connection, extension: Extension) -> None:
    await conn.execute(
        f"INSERT INTO period_extensions ({_EXTENSION_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?) "
        "ON CONFLICT(period_code, unit_code) DO UPDATE SET due_at = excluded.due_at, "
        "reason = excluded.reason, granted_by = excluded.granted_by, "
        "granted_at = excluded.granted_at",
        (
            extension.period_code,
            extension.unit_code,
            to_iso(extension.due_at),
            extension.reason,
            extension.granted_by,
            to_iso(extension.granted_at),
        ),
    )


async def get_extension(
    conn: aiosqlite.Connection, period_code: str, unit_code: str
) -> Extension | None:
    row = await fetch_one(
        conn,
        f"SELECT {_EXTENSION_COLUMNS} FROM period_extensions "
        "WHERE period_code = ? AND unit_code = ?",
        (period_code, unit_code),
    )
    return _extension(row) if row else None


async def extensions_for_period(
    conn: aiosqlite.Connection, period_code: str
) -> dict[str, Extension]:
    rows = await fetch_all(
        conn,
        f"SELECT {_EXTENSION_COLUMNS} FROM period_extensions WHERE period_code = ?",
        (period_code,),
    )
    return {row["unit_code"]: _extension(row) for row in rows}


async def extended_after(conn: aiosqlite.Connection, moment: str) -> list[Extension]:
    """Extensions still running at ``moment`` (an ISO instant), any period."""
    rows = await fetch_all(
        conn, f"SELECT {_EXTENSION_COLUMNS} FROM period_extensions WHERE due_at >= ?", (moment,)
    )
    return [_extension(row) for row in rows]
