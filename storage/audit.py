"""The audit log: who did what, when; written in the same transaction as the change."""

from __future__ import annotations

import json
from typing import Any

import aiosqlite

from bot.clock import from_iso
from bot.domain.models import AuditEntry
from storage.database import fetch_all


async def record(
    conn: aiosqlite.Connection,
    *,
    at: str,
    actor: str,
    action: str,
    unit_code: str | None = None,
    detail: dict[str, Any] | None = None,
) -> None:
    await conn.execute(
        "INSERT INTO audit_log (at, actor, action, unit_code, detail) VALUES (?, ?, ?, ?, ?)",
        (at, actor, action, unit_code, json.dumps(detail or {}, ensure_ascii=False)),
    )


async def entries(
    conn: aiosqlite.Connection, *, unit_code: str | None = None, limit: int = 100
) -> list[AuditEntry]:
    sql = "SELECT id, at, actor, action, unit_code, detail FROM audit_log"
    params: list[Any] = []
    if unit_code is not None:
        sql += " WHERE unit_code = ? COLLATE NOCASE"
        params.append(unit_code)
    sql += " ORDER BY id DESC LIMIT ?"
    params.append(limit)
    rows = await fetch_all(conn, sql, params)
    return [
        AuditEntry(
            id=r["id"],
            at=from_iso(r["at"]),
            actor=r["actor"],
            action=r["action"],
            unit_code=r["unit_code"],
            detail=json.loads(r["detail"]),
        )
        for r in rows
    ]
