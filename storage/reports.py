"""Drafts (one per unit and period, shared by its members) and submitted versions."""

from __future__ import annotations

import json
from typing import Any

import aiosqlite

from bot.clock import from_iso
from bot.domain.models import Draft, Report
from storage.database import fetch_all, fetch_one


async def get_draft(conn: aiosqlite.Connection, unit_code: str, period_code: str) -> Draft | None:
    row = await fetch_one(
        conn,
        "SELECT unit_code, period_code, answers, updated_by, updated_at FROM drafts "
        "WHERE unit_code = ? AND period_code = ?",
        (unit_code, period_code),
    )
    if row is None:
        return None
    return Draft(
        unit_code=row["unit_code"],
        period_code=row["period_code"],
        answers=json.loads(row["answers"]),
        updated_by=row["updated_by"],
        updated_at=from_iso(row["updated_at"]),
    )


async def save_draft(
    conn: aiosqlite.Connection,
    unit_code: str,
    period_code: str,
    answers: dict[str, Any],
    updated_by: int,
    now: str,
) -> None:
    await conn.execute(
        "INSERT INTO drafts (unit_code, period_code, answers, updated_by, updated_at) "
        "VALUES (?, ?, ?, ?, ?) ON CONFLICT(unit_code, period_code) DO UPDATE SET "
        "answers = excluded.answers, updated_by = excluded.updated_by, "
        "updated_at = excluded.updated_at",
        (unit_code, period_code, json.dumps(answers, ensure_ascii=False), updated_by, now),
    )


async def drafts_for_period(conn: aiosqlite.Connection, period_code: str) -> dict[str, Draft]:
    rows = await fetch_all(
        conn,
        "SELECT unit_code, period_code, answers, updated_by, updated_at FROM drafts "
        "WHERE period_code = ?",
        (period_code,),
    )
    return {
        r["unit_code"]: Draft(
            unit_code=r["unit_code"],
            period_code=r["period_code"],
            answers=json.loads(r["answers"]),
            updated_by=r["updated_by"],
            updated_at=from_iso(r["updated_at"]),
        )
        for r in rows
    }


_REPORT_COLUMNS = (
    "id, unit_code, period_code, version, reference, form_version, answers, submitted_by, "
    "submitted_at"
)


def _report(row: aiosqlite.Row) -> Report:
    return Report(
        id=row["id"],
        unit_code=row["unit_code"],
        period_code=row["period_code"],
        version=row["version"],
        reference=row["reference"],
        form_version=row["form_version"],
        answers=json.loads(row["answers"]),
        submitted_by=row["submitted_by"],
        submitted_at=from_iso(row["submitted_at"]),
    )


async def next_version(conn: aiosqlite.Connection, unit_code: str, period_code: str) -> int:
    row = await fetch_one(
        conn,
        "SELECT COALESCE(MAX(version), 0) + 1 FROM reports "
        "WHERE unit_code = ? AND period_code = ?",
        (unit_code, period_code),
    )
    assert row is not None
    return int(row[0])


async def insert_report(
    conn: aiosqlite.Connection,
    *,
    unit_code: str,
    period_code: str,
    version: int,
    reference: str,
    form_version: str,
    answers: dict[str, Any],
    submitted_by: int,
    submitted_at: str,
) -> int:
    cur = await conn.execute(
        "INSERT INTO reports (unit_code, period_code, version, reference, form_version, answers, "
        "submitted_by, submitted_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        (
            unit_code,
            period_code,
            version,
            reference,
            form_version,
            json.dumps(answers, ensure_ascii=False),
            submitted_by,
            submitted_at,
        ),
    )
    assert cur.lastrowid is not None
    return cur.lastrowid


async def latest_report(
    conn: aiosqlite.Connection, unit_code: str, period_code: str
) -> Report | None:
    row = await fetch_one(
        conn,
        f"SELECT {_REPORT_COLUMNS} FROM reports WHERE unit_code = ? AND period_code = ? "
        "ORDER BY version DESC LIMIT 1",
        (unit_code, period_code),
    )
    return _report(row) if row else None


async def get_report(conn: aiosqlite.Connection, report_id: int) -> Report | None:
    """One submitted version, by its id."""
    row = await fetch_one(
        conn, f"SELECT {_REPORT_COLUMNS} FROM reports WHERE id = ?", (report_id,)
    )
    return _report(row) if row else None


async def latest_reported_period(conn: aiosqlite.Connection, unit_code: str) -> str | None:
    """The code of the newest period the unit has submitted a report for."""
    row = await fetch_one(
        conn,
        "SELECT period_code FROM reports WHERE unit_code = ? COLLATE NOCASE "
        "ORDER BY period_code DESC LIMIT 1",
        (unit_code,),
    )
    return str(row[0]) if row else None


async def latest_reports_for_period(
    conn: aiosqlite.Connection, period_code: str
) -> dict[str, Report]:
    rows = await fetch_all(
        conn,
        f"SELECT {_REPORT_COLUMNS} FROM reports r WHERE period_code = ? AND version = "
        "(SELECT MAX(version) FROM reports x WHERE x.unit_code = r.unit_code "
        "AND x.period_code = r.period_code)",
        (period_code,),
    )
    return {row["unit_code"]: _report(row) for row in rows}


async def versions(conn: aiosqlite.Connection, unit_code: str, period_code: str) -> list[Report]:
    rows = await fetch_all(
        conn,
        f"SELECT {_REPORT_COLUMNS} FROM reports WHERE unit_code = ? AND period_code = ? "
        "ORDER BY version",
        (unit_code, period_code),
    )
    return [_report(r) for r in rows]
