"""The office's review of submitted report versions: accepted, or returned with a comment."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import aiosqlite

from bot.clock import from_iso
from storage.database import fetch_all, fetch_one

_COLUMNS = "id, report_id, unit_code, period_code, decision, comment, reviewed_by, reviewed_at"


@dataclass(frozen=True, slots=True)
class Review:
    id: int
    report_id: int
    unit_code: str
    period_code: str
    decision: str  # "accepted" | "returned"
    comment: str
    reviewed_by: str
    reviewed_at: datetime


def _review(row: aiosqlite.Row) -> Review:
    return Review(
        id=row["id"],
        report_id=row["report_id"],
        unit_code=row["unit_code"],
        period_code=row["period_code"],
        decision=row["decision"],
        comment=row["comment"],
        reviewed_by=row["reviewed_by"],
        reviewed_at=from_iso(row["reviewed_at"]),
    )


async def add(
    conn: aiosqlite.Connection,
    *,
    report_id: int,
    unit_code: str,
    period_code: str,
    decision: str,
    comment: str,
    reviewed_by: str,
    reviewed_at: str,
) -> int:
    cur = await conn.execute(
        "INSERT INTO reviews (report_id, unit_code, period_code, decision, comment, "
        "reviewed_by, reviewed_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
        (report_id, unit_code, period_code, decision, comment, reviewed_by, reviewed_at),
    )
    assert cur.lastrowid is not None
    return cur.lastrowid


async def latest_for_report(conn: aiosqlite.Connection, report_id: int) -> Review | None:
    """The decision in force for one version: the latest one taken on it."""
    row = await fetch_one(
        conn,
        f"SELECT {_COLUMNS} FROM reviews WHERE report_id = ? ORDER BY id DESC LIMIT 1",
        (report_id,),
    )
    return _review(row) if row else None


async def latest_for_period(conn: aiosqlite.Connection, period_code: str) -> dict[int, Review]:
    """Report id -> the decision in force, for every reviewed version of the period."""
    rows = await fetch_all(
        conn,
        f"SELECT {_COLUMNS} FROM reviews WHERE period_code = ? ORDER BY id",
        (period_code,),
    )
    return {row["report_id"]: _review(row) for row in rows}
