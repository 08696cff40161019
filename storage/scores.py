"""Stored scores: a unit's quarter as last scored, and the data a block ranking reads."""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

import aiosqlite

from storage.database import fetch_all, fetch_one

# SQLite's default limit on bound parameters is 999; stay well under it per query.
_CHUNK = 500


@dataclass(frozen=True, slots=True)
class StoredScore:
    unit_code: str
    period_code: str
    basis: str
    points: Decimal
    max_points: Decimal
    index: Decimal
    band: str
    lost: dict[str, Decimal]
    appraised: tuple[str, ...]
    # The maximum of criteria waiting for the office (not in ``max_points`` yet), and
    # the criteria the unit's data made not applicable, with their maximum.
    pending_points: Decimal = Decimal(0)
    declined: dict[str, Decimal] = field(default_factory=dict)

    @property
    def provisional(self) -> bool:
        return self.pending_points > 0

    @property
    def full_max(self) -> Decimal:
        return self.max_points + self.pending_points


@dataclass(frozen=True, slots=True)
class Scorable:
    """A unit of the block that reported for the period, with its stored score if any."""

    unit_code: str
    report_id: int
    stored: StoredScore | None
    # The office's decision in force on that version: "accepted", "returned" or None.
    decision: str | None = None


# The decision in force on a version is the latest review taken on it.
_ACCEPTED = (
    " AND (SELECT v.decision FROM reviews v WHERE v.report_id = x.id "
    "ORDER BY v.id DESC LIMIT 1) = 'accepted'"
)


async def scorable(
    conn: aiosqlite.Connection,
    period_code: str,
    block: str,
    *,
    accepted_only: bool = False,
    unit_code: str | None = None,
) -> list[Scorable]:
    """The block's units with a submitted report for the period: latest version each,
    with the office's decision on it (read through the ``reviews_report`` index).

    With ``accepted_only``, the latest version the office has accepted (units without
    one are left out, as if they had not reported).
    """
    accepted = _ACCEPTED if accepted_only else ""
    rows = await fetch_all(
        conn,
        "SELECT u.code AS unit_code, r.id AS report_id, s.basis, s.points, s.max_points, "
        "s.index_value, s.band, s.lost, s.appraised, s.pending_points, s.declined, "
        "(SELECT v.decision FROM reviews v WHERE v.report_id = r.id "
        "ORDER BY v.id DESC LIMIT 1) AS decision "
        "FROM units u "
        "JOIN reports r ON r.unit_code = u.code AND r.period_code = ? AND r.version = "
        "(SELECT MAX(x.version) FROM reports x WHERE x.unit_code = u.code "
        f"AND x.period_code = ?{accepted}) "
        "LEFT JOIN scores s ON s.unit_code = u.code AND s.period_code = ? "
        f"WHERE u.block = ?{' AND u.code = ?' if unit_code is not None else ''}",
        (period_code, period_code, period_code, block, *_only(unit_code)),
    )
    return [
        Scorable(
            row["unit_code"],
            row["report_id"],
            _stored(row, period_code) if row["basis"] is not None else None,
            row["decision"],
        )
        for row in rows
    ]


def _stored(row: aiosqlite.Row, period_code: str, basis: str | None = None) -> StoredScore:
    """A score from a row of ``scores`` or ``published_scores`` (same columns)."""
    return StoredScore(
        unit_code=row["unit_code"],
        period_code=period_code,
        basis=row["basis"] if basis is None else basis,
        points=Decimal(row["points"]),
        max_points=Decimal(row["max_points"]),
        index=Decimal(row["index_value"]),
        band=row["band"],
        lost={k: Decimal(v) for k, v in json.loads(row["lost"]).items()},
        appraised=tuple(json.loads(row["appraised"])),
        pending_points=Decimal(row["pending_points"]),
        declined={k: Decimal(v) for k, v in json.loads(row["declined"]).items()},
    )


async def reported_periods(conn: aiosqlite.Connection) -> list[str]:
    """Periods with at least one submitted report, newest first."""
    rows = await fetch_all(
        conn, "SELECT DISTINCT period_code FROM reports ORDER BY period_code DESC"
    )
    return [row[0] for row in rows]


async def block_appraisals(
    conn: aiosqlite.Connection, period_code: str, block: str, unit_code: str | None = None
) -> dict[str, dict[str, Decimal]]:
    """unit code -> criterion -> appraised points, for the block's units (or one)."""
    out: dict[str, dict[str, Decimal]] = {}
    rows = await fetch_all(
        conn,
        "SELECT a.unit_code, a.criterion, a.points FROM appraisals a "
        "JOIN units u ON u.code = a.unit_code WHERE a.period_code = ? AND u.block = ?"
        f"{' AND u.code = ?' if unit_code is not None else ''}",
        (period_code, block, *_only(unit_code)),
    )
    for row in rows:
        out.setdefault(row[0], {})[row[1]] = Decimal(row[2])
    return out


def _only(unit_code: str | None) -> tuple[str, ...]:
    return () if unit_code is None else (unit_code,)


async def answers_of(
    conn: aiosqlite.Connection, report_ids: Sequence[int]
) -> dict[int, dict[str, Any]]:
    """Report id -> stored answers, read only for the reports that need scoring."""
    out: dict[int, dict[str, Any]] = {}
    for start in range(0, len(report_ids), _CHUNK):
        chunk = report_ids[start : start + _CHUNK]
        marks = ", ".join("?" for _ in chunk)
        rows = await fetch_all(
            conn,
            f"SELECT id, answers FROM reports WHERE id IN ({marks})",
            chunk,
        )
        for row in rows:
            out[row[0]] = json.loads(row[1])
    return out


async def put(conn: aiosqlite.Connection, scores: Iterable[StoredScore]) -> None:
    await conn.executemany(
        "INSERT INTO scores (unit_code, period_code, basis, points, max_points, index_value, "
        "band, lost, appraised, pending_points, declined) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
        "ON CONFLICT(unit_code, period_code) DO UPDATE SET basis = excluded.basis, "
        "points = excluded.points, max_points = excluded.max_points, "
        "index_value = excluded.index_value, band = excluded.band, lost = excluded.lost, "
        "appraised = excluded.appraised, pending_points = excluded.pending_points, "
        "declined = excluded.declined",
        [(s.unit_code, s.period_code, s.basis, *_score_columns(s)) for s in scores],
    )


# -- what a publication published ----------------------------------------------------


@dataclass(frozen=True, slots=True)
class Frozen:
    """One unit of a published result: its score as published (None: no report)."""

    unit_code: str
    block: str
    score: StoredScore | None
    unaccepted: bool


async def freeze(conn: aiosqlite.Connection, scope: str, rows: Iterable[Frozen]) -> None:
    """Keep a published result's figures; a result is frozen once (later calls ignored)."""
    await conn.executemany(
        "INSERT OR IGNORE INTO published_scores (scope, unit_code, block, unaccepted, points, "
        "max_points, index_value, band, lost, appraised, pending_points, declined) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [(scope, r.unit_code, r.block, int(r.unaccepted), *_score_columns(r.score)) for r in rows],
    )


def _score_columns(s: StoredScore | None) -> tuple[str | None, ...]:
    if s is None:
        return (None,) * 8
    return (
        str(s.points),
        str(s.max_points),
        str(s.index),
        s.band,
        json.dumps({k: str(v) for k, v in s.lost.items()}),
        json.dumps(list(s.appraised)),
        str(s.pending_points),
        json.dumps({k: str(v) for k, v in s.declined.items()}),
    )


async def frozen(conn: aiosqlite.Connection, scope: str, block: str) -> list[Frozen] | None:
    """The block's units as published in ``scope``; None if that block of the result
    was never frozen."""
    found = await fetch_one(
        conn,
        "SELECT 1 FROM published_scores WHERE scope = ? AND block = ? LIMIT 1",
        (scope, block),
    )
    if found is None:
        return None
    rows = await fetch_all(
        conn,
        "SELECT unit_code, block, unaccepted, points, max_points, index_value, band, lost, "
        "appraised, pending_points, declined FROM published_scores "
        "WHERE scope = ? AND block = ? ORDER BY unit_code",
        (scope, block),
    )
    return [
        Frozen(
            unit_code=row["unit_code"],
            block=row["block"],
            score=None if row["index_value"] is None else _stored(row, scope, "published"),
            unaccepted=bool(row["unaccepted"]),
        )
        for row in rows
    ]
