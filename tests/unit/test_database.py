"""Migrations, pragmas and the one-writer transaction."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from storage.database import Database, migrations


def test_migrations_are_numbered_in_order() -> None:
    versions = [v for v, _, _ in migrations()]
    assert versions == list(range(1, len(versions) + 1))


async def test_fresh_database_is_migrated_with_wal_and_foreign_keys(tmp_path: Path) -> None:
    db = Database(tmp_path / "a.db")
    await db.open()
    try:
        assert await db.schema_version() == len(migrations())
        async with db.reader.execute("PRAGMA journal_mode") as cur:
            row = await cur.fetchone()
        assert row is not None
        assert row[0] == "wal"
        with pytest.raises(sqlite3.IntegrityError):
            async with db.write() as conn:
                await conn.execute(
                    "INSERT INTO units (code, name, block, created_at, updated_at) "
                    "VALUES ('X', 'X', 'no_such_block', '', '')"
                )
    finally:
        await db.close()


async def test_older_database_upgrades_in_place(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    first = migrations()[0]
    with sqlite3.connect(path) as conn:
        conn.executescript(first[2])
        conn.execute("PRAGMA user_version = 1")
        conn.execute(
            "INSERT INTO units (code, name, block, district, created_at, updated_at) "
            "VALUES ('THPT-A', 'Trường A', 'truc_thuoc', '', 'x', 'x')"
        )
    conn.close()
    db = Database(path)
    await db.open()
    try:
        assert await db.schema_version() == len(migrations())
        async with db.reader.execute("SELECT name FROM units WHERE code = 'THPT-A'") as cur:
            row = await cur.fetchone()
        assert row is not None
        assert row[0] == "Trường A"
        async with db.reader.execute("SELECT COUNT(*) FROM processed_updates") as cur:
            count = await cur.fetchone()
        assert count is not None
        assert count[0] == 0
    finally:
        await db.close()


async def test_a_failed_write_leaves_nothing_behind(tmp_path: Path) -> None:
    db = Database(tmp_path / "b.db")
    await db.open()
    try:

        async def failing_write() -> None:
            async with db.write() as conn:
                await conn.execute("INSERT INTO blocks (code, name) VALUES ('k', 'Khối')")
                raise RuntimeError("boom")

        with pytest.raises(RuntimeError):
            await failing_write()
        async with db.reader.execute("SELECT COUNT(*) FROM blocks WHERE code = 'k'") as cur:
            row = await cur.fetchone()
        assert row is not None
        assert row[0] == 0
    finally:
        await db.close()
