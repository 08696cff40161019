"""Blocks and units (the roster)."""

from __future__ import annotations

import aiosqlite

from bot.domain.models import Block, Unit
from storage.database import fetch_all, fetch_one


async def list_blocks(conn: aiosqlite.Connection) -> list[Block]:
    rows = await fetch_all(conn, "SELECT code, name, position FROM blocks ORDER BY position, code")
    return [Block(code=r["code"], name=r["name"], position=r["position"]) for r in rows]


async def add_block(conn: aiosqlite.Connection, block: Block) -> None:
    await conn.execute(
        "INSERT INTO blocks (code, name, position) VALUES (?, ?, ?) "
        "ON CONFLICT(code) DO UPDATE SET name = excluded.name, position = excluded.position",
        (block.code, block.name, block.position),
    )


def _unit(row: aiosqlite.Row) -> Unit:
    # Rows were validated on the way in (imports go through Unit); re-validating two
    # thousand of them on every ranking cost more than the ranking itself.
    return Unit.model_construct(
        code=row["code"], name=row["name"], block=row["block"], district=row["district"]
    )


async def get_unit(conn: aiosqlite.Connection, code: str) -> Unit | None:
    # Codes are matched without regard to case: people type "thpt-qh" for "THPT-QH".
    row = await fetch_one(
        conn,
        "SELECT code, name, block, district FROM units WHERE code = ? COLLATE NOCASE",
        (code,),
    )
    return _unit(row) if row else None


async def list_units(conn: aiosqlite.Connection) -> list[Unit]:
    rows = await fetch_all(
        conn,
        "SELECT u.code, u.name, u.block, u.district FROM units u "
        "JOIN blocks b ON b.code = u.block ORDER BY b.position, u.code",
    )
    return [_unit(r) for r in rows]


async def list_block_units(conn: aiosqlite.Connection, block: str) -> list[Unit]:
    rows = await fetch_all(
        conn,
        "SELECT code, name, block, district FROM units WHERE block = ? ORDER BY code",
        (block,),
    )
    return [_unit(r) for r in rows]


async def upsert_unit(conn: aiosqlite.Connection, unit: Unit, now: str) -> bool:
    """Insert or update by code; returns True when the unit is new."""
    existing = await get_unit(conn, unit.code)
    if existing is None:
        await conn.execute(
            "INSERT INTO units (code, name, block, district, created_at, updated_at) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            (unit.code, unit.name, unit.block, unit.district, now, now),
        )
        return True
    if existing != unit.model_copy(update={"code": existing.code}):
        await conn.execute(
            "UPDATE units SET name = ?, block = ?, district = ?, updated_at = ? WHERE code = ?",
            (unit.name, unit.block, unit.district, now, existing.code),
        )
    return False
