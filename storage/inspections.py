"""The office's inspection plan: units inspected in a year, and the round."""

from __future__ import annotations

from dataclasses import dataclass

import aiosqlite

from storage.database import fetch_all, fetch_one


@dataclass(frozen=True, slots=True)
class Planned:
    year: int
    unit_code: str
    unit_name: str
    block: str
    round: int


async def put(
    conn: aiosqlite.Connection, year: int, unit_code: str, round_: int, *, by: str, now: str
) -> int | None:
    """Plan (or move to another round) a unit's inspection; the round it had, if any."""
    row = await fetch_one(
        conn,
        "SELECT round FROM inspection_plan WHERE year = ? AND unit_code = ?",
        (year, unit_code),
    )
    await conn.execute(
        "INSERT INTO inspection_plan (year, unit_code, round, added_by, added_at) "
        "VALUES (?, ?, ?, ?, ?) ON CONFLICT(year, unit_code) DO UPDATE SET "
        "round = excluded.round, added_by = excluded.added_by, added_at = excluded.added_at",
        (year, unit_code, round_, by, now),
    )
    return int(row[0]) if row else None


async def remove(conn: aiosqlite.Connection, year: int, unit_code: str) -> bool:
    cur = await conn.execute(
        "DELETE FROM inspection_plan WHERE year = ? AND unit_code = ?", (year, unit_code)
    )
    return cur.rowcount > 0


async def plan(conn: aiosqlite.Connection, year: int) -> list[Planned]:
    """The year's plan, by round then unit code."""
    rows = await fetch_all(
        conn,
        "SELECT p.year, p.unit_code, u.name, u.block, p.round FROM inspection_plan p "
        "JOIN units u ON u.code = p.unit_code WHERE p.year = ? ORDER BY p.round, p.unit_code",
        (year,),
    )
    return [Planned(int(r[0]), r[1], r[2], r[3], int(r[4])) for r in rows]


async def inspected(conn: aiosqlite.Connection, year: int) -> frozenset[str]:
    """The codes of the units in the year's plan."""
    rows = await fetch_all(conn, "SELECT unit_code FROM inspection_plan WHERE year = ?", (year,))
    return frozenset(r[0] for r in rows)


async def planned_pairs(conn: aiosqlite.Connection) -> frozenset[tuple[int, str]]:
    """Every (year, unit code) in any year's plan: for checking a file of many rows."""
    rows = await fetch_all(conn, "SELECT year, unit_code FROM inspection_plan")
    return frozenset((int(r[0]), r[1]) for r in rows)
