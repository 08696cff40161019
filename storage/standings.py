"""Appraisals, explanations and publications."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

import aiosqlite

from bot.clock import from_iso
from storage.database import fetch_all, fetch_one


@dataclass(frozen=True, slots=True)
class Appraisal:
    unit_code: str
    period_code: str
    criterion: str
    points: Decimal
    reason: str
    appraised_by: str
    appraised_at: datetime


@dataclass(frozen=True, slots=True)
class Explanation:
    id: int
    unit_code: str
    period_code: str
    criterion: str
    text: str
    written_by: int
    written_at: datetime
    closed_at: datetime | None
    response: str | None


async def put_appraisal(
    conn: aiosqlite.Connection, appraisal: Appraisal, now: str
) -> Appraisal | None:
    """Store (replace) one appraisal; returns the one it replaced, for the audit trail."""
    before = await get_appraisal(
        conn, appraisal.unit_code, appraisal.period_code, appraisal.criterion
    )
    await conn.execute(
        "INSERT INTO appraisals (unit_code, period_code, criterion, points, reason, "
        "appraised_by, appraised_at) VALUES (?, ?, ?, ?, ?, ?, ?) "
        "ON CONFLICT(unit_code, period_code, criterion) "
        "DO UPDATE SET points = excluded.points, reason = excluded.reason, "
        "appraised_by = excluded.appraised_by, appraised_at = excluded.appraised_at",
        (
            appraisal.unit_code,
            appraisal.period_code,
            appraisal.criterion,
            str(appraisal.points),
            appraisal.reason,
            appraisal.appraised_by,
            now,
        ),
    )
    return before


def _appraisal(row: aiosqlite.Row) -> Appraisal:
    return Appraisal(
        unit_code=row["unit_code"],
        period_code=row["period_code"],
        criterion=row["criterion"],
        points=Decimal(row["points"]),
        reason=row["reason"],
        appraised_by=row["appraised_by"],
        appraised_at=from_iso(row["appraised_at"]),
    )


_APPRAISAL_COLUMNS = (
    "unit_code, period_code, criterion, points, reason, appraised_by, appraised_at"
)


async def get_appraisal(
    conn: aiosqlite.Connection, unit_code: str, period_code: str, criterion: str
) -> Appraisal | None:
    row = await fetch_one(
        conn,
        f"SELECT {_APPRAISAL_COLUMNS} FROM appraisals "
        "WHERE unit_code = ? AND period_code = ? AND criterion = ?",
        (unit_code, period_code, criterion),
    )
    return _appraisal(row) if row else None


async def appraisals_for_period(
    conn: aiosqlite.Connection, period_code: str
) -> dict[str, dict[str, Appraisal]]:
    """unit code -> criterion -> appraisal."""
    out: dict[str, dict[str, Appraisal]] = {}
    rows = await fetch_all(
        conn, f"SELECT {_APPRAISAL_COLUMNS} FROM appraisals WHERE period_code = ?", (period_code,)
    )
    for row in rows:
        item = _appraisal(row)
        out.setdefault(item.unit_code, {})[item.criterion] = item
    return out


async def unit_appraisals(
    conn: aiosqlite.Connection, unit_code: str, period_code: str
) -> dict[str, Appraisal]:
    """criterion -> appraisal, for one unit's quarter."""
    rows = await fetch_all(
        conn,
        f"SELECT {_APPRAISAL_COLUMNS} FROM appraisals WHERE unit_code = ? AND period_code = ?",
        (unit_code, period_code),
    )
    return {item.criterion: item for item in map(_appraisal, rows)}


# Audit actions that change a ranking: every such change is audited in its own
# transaction, so the newest of these audit ids identifies the data a ranking saw.
RANKING_ACTIONS = (
    "report.submit",
    "report.review",  # with CCHC_STANDINGS_COUNT=accepted a decision changes what counts
    "appraisal.set",
    "roster.import",
    "block.add",
    "inspection.plan",  # an inspection criterion applies to the planned units only
)


async def appraised_periods(
    conn: aiosqlite.Connection, unit_code: str, *, limit: int
) -> list[str]:
    """The periods the office appraised the unit in, newest first."""
    rows = await fetch_all(
        conn,
        "SELECT DISTINCT period_code FROM appraisals WHERE unit_code = ? "
        "ORDER BY period_code DESC LIMIT ?",
        (unit_code, limit),
    )
    return [row[0] for row in rows]


async def data_version(conn: aiosqlite.Connection) -> int:
    """Grows whenever a report, an appraisal or the roster changes (a cache key)."""
    marks = ", ".join("?" for _ in RANKING_ACTIONS)
    row = await fetch_one(
        conn,
        f"SELECT COALESCE(MAX(id), 0) FROM audit_log WHERE action IN ({marks})",
        RANKING_ACTIONS,
    )
    return int(row[0]) if row else 0


async def add_explanation(
    conn: aiosqlite.Connection,
    *,
    unit_code: str,
    period_code: str,
    criterion: str,
    text: str,
    written_by: int,
    now: str,
) -> int:
    cur = await conn.execute(
        "INSERT INTO explanations (unit_code, period_code, criterion, text, written_by, "
        "written_at) VALUES (?, ?, ?, ?, ?, ?)",
        (unit_code, period_code, criterion, text, written_by, now),
    )
    assert cur.lastrowid is not None
    return cur.lastrowid


def _explanation(row: aiosqlite.Row) -> Explanation:
    return Explanation(
        id=row["id"],
        unit_code=row["unit_code"],
        period_code=row["period_code"],
        criterion=row["criterion"],
        text=row["text"],
        written_by=row["written_by"],
        written_at=from_iso(row["written_at"]),
        closed_at=from_iso(row["closed_at"]) if row["closed_at"] else None,
        response=row["response"],
    )


async def open_explanations(conn: aiosqlite.Connection) -> list[Explanation]:
    rows = await fetch_all(
        conn,
        "SELECT id, unit_code, period_code, criterion, text, written_by, written_at, closed_at, "
        "response FROM explanations WHERE closed_at IS NULL ORDER BY id",
    )
    return [_explanation(r) for r in rows]


async def get_explanation(conn: aiosqlite.Connection, explanation_id: int) -> Explanation | None:
    row = await fetch_one(
        conn,
        "SELECT id, unit_code, period_code, criterion, text, written_by, written_at, closed_at, "
        "response FROM explanations WHERE id = ?",
        (explanation_id,),
    )
    return _explanation(row) if row else None


async def close_explanation(
    conn: aiosqlite.Connection, explanation_id: int, *, by: str, response: str, now: str
) -> bool:
    cur = await conn.execute(
        "UPDATE explanations SET closed_by = ?, closed_at = ?, response = ? "
        "WHERE id = ? AND closed_at IS NULL",
        (by, now, response, explanation_id),
    )
    return cur.rowcount == 1


@dataclass(frozen=True, slots=True)
class Publication:
    """A published result and the document that published it (None for rows published
    before documents were recorded)."""

    scope: str
    published_by: str
    published_at: datetime
    decision_number: str | None
    decision_date: date | None


_PUBLICATION_COLUMNS = "scope, published_by, published_at, decision_number, decision_date"


def _publication(row: aiosqlite.Row) -> Publication:
    return Publication(
        scope=row[0],
        published_by=row[1],
        published_at=from_iso(row[2]),
        decision_number=row[3],
        decision_date=date.fromisoformat(row[4]) if row[4] else None,
    )


async def publish(
    conn: aiosqlite.Connection,
    scope: str,
    by: str,
    now: str,
    *,
    decision_number: str | None = None,
    decision_date: date | None = None,
) -> bool:
    """Record a publication; False (and nothing changed) if the scope was published."""
    cur = await conn.execute(
        f"INSERT OR IGNORE INTO publications ({_PUBLICATION_COLUMNS}) VALUES (?, ?, ?, ?, ?)",
        (
            scope,
            by,
            now,
            decision_number,
            decision_date.isoformat() if decision_date is not None else None,
        ),
    )
    return cur.rowcount == 1


async def get_publication(conn: aiosqlite.Connection, scope: str) -> Publication | None:
    row = await fetch_one(
        conn, f"SELECT {_PUBLICATION_COLUMNS} FROM publications WHERE scope = ?", (scope,)
    )
    return _publication(row) if row else None


async def publications_among(
    conn: aiosqlite.Connection, scopes: Sequence[str]
) -> dict[str, Publication]:
    """The publications of these scopes, by scope, in one query."""
    if not scopes:
        return {}
    marks = ", ".join("?" for _ in scopes)
    rows = await fetch_all(
        conn,
        f"SELECT {_PUBLICATION_COLUMNS} FROM publications WHERE scope IN ({marks})",
        tuple(scopes),
    )
    return {row[0]: _publication(row) for row in rows}


async def published_at(conn: aiosqlite.Connection, scope: str) -> datetime | None:
    found = await get_publication(conn, scope)
    return found.published_at if found else None


async def published_among(conn: aiosqlite.Connection, scopes: Sequence[str]) -> set[str]:
    """Which of these scopes are published, in one query."""
    return set(await publications_among(conn, scopes))
