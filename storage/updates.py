"""Claims on Telegram update ids, so a re-delivered update is handled at most once."""

from __future__ import annotations

import aiosqlite


async def claim(conn: aiosqlite.Connection, update_id: int, now: str) -> bool:
    cur = await conn.execute(
        "INSERT OR IGNORE INTO processed_updates (update_id, at) VALUES (?, ?)", (update_id, now)
    )
    return cur.rowcount == 1


async def prune(conn: aiosqlite.Connection, before: str) -> None:
    await conn.execute("DELETE FROM processed_updates WHERE at < ?", (before,))
