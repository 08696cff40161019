"""Conversation state, one row per person, written on every step (survives kill -9)."""

from __future__ import annotations

import json
from typing import Any

import aiosqlite

from bot.domain.models import Session
from storage.database import fetch_one


async def get(conn: aiosqlite.Connection, telegram_id: int) -> Session | None:
    row = await fetch_one(
        conn, "SELECT telegram_id, flow, state FROM sessions WHERE telegram_id = ?", (telegram_id,)
    )
    if row is None:
        return None
    return Session(telegram_id=row[0], flow=row[1], state=json.loads(row[2]))


async def put(
    conn: aiosqlite.Connection, telegram_id: int, flow: str, state: dict[str, Any], now: str
) -> None:
    await conn.execute(
        "INSERT INTO sessions (telegram_id, flow, state, updated_at) VALUES (?, ?, ?, ?) "
        "ON CONFLICT(telegram_id) DO UPDATE SET flow = excluded.flow, state = excluded.state, "
        "updated_at = excluded.updated_at",
        (telegram_id, flow, json.dumps(state, ensure_ascii=False), now),
    )


async def clear(conn: aiosqlite.Connection, telegram_id: int) -> None:
    await conn.execute("DELETE FROM sessions WHERE telegram_id = ?", (telegram_id,))
