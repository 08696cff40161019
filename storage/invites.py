"""Invite codes (stored as hashes) and failed attempts, for throttling."""

from __future__ import annotations

import aiosqlite

from bot.clock import from_iso
from bot.domain.models import Invite
from storage.database import fetch_all, fetch_one

_COLUMNS = "id, unit_code, role, created_by, created_at, expires_at, used_at, used_by, revoked_at"


def _invite(row: aiosqlite.Row) -> Invite:
    return Invite(
        id=row["id"],
        unit_code=row["unit_code"],
        role=row["role"],
        created_by=row["created_by"],
        created_at=from_iso(row["created_at"]),
        expires_at=from_iso(row["expires_at"]),
        used_at=from_iso(row["used_at"]) if row["used_at"] else None,
        used_by=row["used_by"],
        revoked_at=from_iso(row["revoked_at"]) if row["revoked_at"] else None,
    )


async def create(
    conn: aiosqlite.Connection,
    *,
    code_hash: str,
    unit_code: str,
    role: str,
    created_by: str,
    created_at: str,
    expires_at: str,
) -> int:
    cur = await conn.execute(
        "INSERT INTO invites (code_hash, unit_code, role, created_by, created_at, expires_at) "
        "VALUES (?, ?, ?, ?, ?, ?)",
        (code_hash, unit_code, role, created_by, created_at, expires_at),
    )
    assert cur.lastrowid is not None
    return cur.lastrowid


async def by_hash(conn: aiosqlite.Connection, code_hash: str) -> Invite | None:
    row = await fetch_one(
        conn, f"SELECT {_COLUMNS} FROM invites WHERE code_hash = ?", (code_hash,)
    )
    return _invite(row) if row else None


async def by_id(conn: aiosqlite.Connection, invite_id: int) -> Invite | None:
    row = await fetch_one(conn, f"SELECT {_COLUMNS} FROM invites WHERE id = ?", (invite_id,))
    return _invite(row) if row else None


async def list_for_unit(conn: aiosqlite.Connection, unit_code: str | None) -> list[Invite]:
    sql = f"SELECT {_COLUMNS} FROM invites"
    params: tuple[str, ...] = ()
    if unit_code is not None:
        sql += " WHERE unit_code = ? COLLATE NOCASE"
        params = (unit_code,)
    rows = await fetch_all(conn, sql + " ORDER BY id", params)
    return [_invite(r) for r in rows]


async def mark_used(conn: aiosqlite.Connection, invite_id: int, user_id: int, now: str) -> bool:
    """Claim the invite; False if someone else claimed it first (single use)."""
    cur = await conn.execute(
        "UPDATE invites SET used_at = ?, used_by = ? WHERE id = ? AND used_at IS NULL "
        "AND revoked_at IS NULL",
        (now, user_id, invite_id),
    )
    return cur.rowcount == 1


async def revoke(conn: aiosqlite.Connection, invite_id: int, now: str) -> bool:
    cur = await conn.execute(
        "UPDATE invites SET revoked_at = ? "
        "WHERE id = ? AND revoked_at IS NULL AND used_at IS NULL",
        (now, invite_id),
    )
    return cur.rowcount == 1


async def record_failure(conn: aiosqlite.Connection, telegram_id: int, now: str) -> None:
    await conn.execute(
        "INSERT INTO invite_failures (telegram_id, at) VALUES (?, ?)", (telegram_id, now)
    )


async def failures_since(conn: aiosqlite.Connection, telegram_id: int, since: str) -> list[str]:
    rows = await fetch_all(
        conn,
        "SELECT at FROM invite_failures WHERE telegram_id = ? AND at >= ? ORDER BY at",
        (telegram_id, since),
    )
    return [r[0] for r in rows]


async def clear_failures(conn: aiosqlite.Connection, telegram_id: int) -> None:
    await conn.execute("DELETE FROM invite_failures WHERE telegram_id = ?", (telegram_id,))
