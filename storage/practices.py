"""The practice library: published exemplary practices and units' nominations."""

from __future__ import annotations

import json
from collections.abc import Sequence

import aiosqlite

from bot.clock import from_iso
from bot.domain.broadcasts import Content, Practice
from storage.broadcasts import content_columns, content_from
from storage.database import fetch_all, fetch_one

_COLUMNS = (
    "id, title, description, unit_code, tags, kind, media, status, broadcast_id, proposed_by, "
    "created_at, reason"
)


def _practice(row: aiosqlite.Row) -> Practice:
    return Practice(
        id=row["id"],
        title=row["title"],
        description=row["description"],
        unit_code=row["unit_code"],
        tags=tuple(json.loads(row["tags"])),
        content=content_from(row["kind"], row["description"], row["media"]),
        status=row["status"],
        broadcast_id=row["broadcast_id"],
        proposed_by=row["proposed_by"],
        created_at=from_iso(row["created_at"]),
        reason=row["reason"],
    )


async def add(
    conn: aiosqlite.Connection,
    *,
    title: str,
    content: Content,
    unit_code: str | None,
    tags: Sequence[str],
    search_text: str,
    status: str,
    broadcast_id: int | None,
    proposed_by: int | None,
    now: str,
) -> int:
    kind, body, media = content_columns(content)
    cur = await conn.execute(
        "INSERT INTO practices (title, description, unit_code, tags, search_text, kind, media, "
        "status, broadcast_id, proposed_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            title,
            body,
            unit_code,
            json.dumps(list(tags)),
            search_text,
            kind,
            media,
            status,
            broadcast_id,
            proposed_by,
            now,
        ),
    )
    assert cur.lastrowid is not None
    return int(cur.lastrowid)


async def get(conn: aiosqlite.Connection, practice_id: int) -> Practice | None:
    row = await fetch_one(conn, f"SELECT {_COLUMNS} FROM practices WHERE id = ?", (practice_id,))
    return _practice(row) if row else None


async def search(
    conn: aiosqlite.Connection,
    *,
    tag: str | None,
    words: Sequence[str],
    limit: int,
    offset: int,
) -> tuple[list[Practice], int]:
    """Published practices with the tag and every word (already folded), newest first."""
    where = ["status = 'published'"]
    params: list[object] = []
    if tag:
        where.append("EXISTS (SELECT 1 FROM json_each(practices.tags) WHERE value = ?)")
        params.append(tag)
    for word in words:
        where.append("instr(search_text, ?) > 0")
        params.append(word)
    clause = " AND ".join(where)
    row = await fetch_one(conn, f"SELECT COUNT(*) FROM practices WHERE {clause}", params)
    total = int(row[0]) if row else 0
    rows = await fetch_all(
        conn,
        f"SELECT {_COLUMNS} FROM practices WHERE {clause} ORDER BY id DESC LIMIT ? OFFSET ?",
        [*params, limit, offset],
    )
    return [_practice(r) for r in rows], total


async def pending(conn: aiosqlite.Connection) -> list[Practice]:
    rows = await fetch_all(
        conn, f"SELECT {_COLUMNS} FROM practices WHERE status = 'pending' ORDER BY id"
    )
    return [_practice(r) for r in rows]


async def link_broadcast(conn: aiosqlite.Connection, practice_id: int, broadcast_id: int) -> None:
    await conn.execute(
        "UPDATE practices SET broadcast_id = ? WHERE id = ?", (broadcast_id, practice_id)
    )


async def decide(
    conn: aiosqlite.Connection,
    practice_id: int,
    *,
    status: str,
    by: int,
    reason: str | None,
    now: str,
) -> bool:
    """Publish or reject a pending nomination; False if it was already decided."""
    cur = await conn.execute(
        "UPDATE practices SET status = ?, decided_by = ?, decided_at = ?, reason = ? "
        "WHERE id = ? AND status = 'pending'",
        (status, by, now, reason, practice_id),
    )
    return cur.rowcount == 1
