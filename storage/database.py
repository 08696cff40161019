"""The SQLite database: connecting, migrating, and one writer for all writes.

SQLite allows one writer at a time. Every write goes through :meth:`Database.write`,
which serialises writers in-process with a lock and wraps them in one ``BEGIN
IMMEDIATE`` transaction, so a write never half-happens and never meets "database is
locked". Reads use a second connection; in WAL mode they see the last commit and
never block the writer.

Every read is one call on the connection's worker thread (:func:`fetch_one`,
:func:`fetch_all`), so no statement is left open across an ``await``; see there for why.
"""

from __future__ import annotations

import asyncio
import logging
import re
from collections.abc import AsyncIterator, Iterable
from contextlib import asynccontextmanager
from importlib import resources
from pathlib import Path
from typing import Any

import aiosqlite

log = logging.getLogger(__name__)

_MIGRATION_NAME = re.compile(r"^(\d{4})_[a-z0-9_]+\.sql$")


def migrations() -> list[tuple[int, str, str]]:
    """The shipped migrations as (version, name, sql), in order."""
    found: list[tuple[int, str, str]] = []
    for entry in resources.files("storage.migrations").iterdir():
        match = _MIGRATION_NAME.match(entry.name)
        if match:
            found.append((int(match.group(1)), entry.name, entry.read_text(encoding="utf-8")))
    found.sort()
    return found


async def fetch_all(
    conn: aiosqlite.Connection, sql: str, params: Iterable[Any] = ()
) -> list[aiosqlite.Row]:
    """All rows of one query, read in ONE operation on the connection's worker thread.

    Why not ``async with conn.execute(...) as cur: await cur.fetchall()``: that is three
    operations (execute, fetch, close), and other tasks' operations on the same shared
    connection can run in between. While a statement is open SQLite keeps its connection
    inside the read snapshot the statement began in, so another task's read on the shared
    reader could miss a commit that task itself had just made. ``execute_fetchall``
    executes and drains the statement in one go, so it is reset before anyone else runs.
    """
    return list(await conn.execute_fetchall(sql, params))


async def fetch_one(
    conn: aiosqlite.Connection, sql: str, params: Iterable[Any] = ()
) -> aiosqlite.Row | None:
    """The first row of one query (or None), read in one operation; see :func:`fetch_all`.

    The statement is drained whole, so give queries that may match many rows a LIMIT.
    """
    rows = await conn.execute_fetchall(sql, params)
    for row in rows:
        return row
    return None


class Database:
    """A writer and a reader connection to one SQLite file."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._writer: aiosqlite.Connection | None = None
        self._reader: aiosqlite.Connection | None = None
        self._write_lock = asyncio.Lock()

    async def open(self) -> None:
        """Connect, switch to WAL and apply pending migrations."""
        if self.path.parent != Path():
            self.path.parent.mkdir(parents=True, exist_ok=True)
        self._writer = await self._connect()
        await self._writer.execute("PRAGMA journal_mode=WAL")
        await self._migrate(self._writer)
        self._reader = await self._connect()

    async def _connect(self) -> aiosqlite.Connection:
        conn = await aiosqlite.connect(self.path, isolation_level=None)
        conn.row_factory = aiosqlite.Row
        await conn.execute("PRAGMA foreign_keys=ON")
        await conn.execute("PRAGMA busy_timeout=5000")
        await conn.execute("PRAGMA synchronous=NORMAL")
        return conn

    async def _migrate(self, conn: aiosqlite.Connection) -> None:
        row = await fetch_one(conn, "PRAGMA user_version")
        current = int(row[0]) if row else 0
        for version, name, sql in migrations():
            if version <= current:
                continue
            log.info("Applying migration %s", name)
            # executescript commits on its own; the version bump rides in the same script
            # so a crash leaves either the old or the new schema.
            await conn.executescript(
                f"BEGIN IMMEDIATE;\n{sql}\nPRAGMA user_version = {version:d};\nCOMMIT;"
            )

    async def close(self) -> None:
        for conn in (self._reader, self._writer):
            if conn is not None:
                await conn.close()
        self._reader = self._writer = None

    @property
    def reader(self) -> aiosqlite.Connection:
        if self._reader is None:
            raise RuntimeError("database is not open")
        return self._reader

    @asynccontextmanager
    async def write(self) -> AsyncIterator[aiosqlite.Connection]:
        """One transaction on the writer connection; rolled back if the block raises."""
        if self._writer is None:
            raise RuntimeError("database is not open")
        async with self._write_lock:
            conn = self._writer
            await conn.execute("BEGIN IMMEDIATE")
            try:
                yield conn
            except BaseException:
                await conn.execute("ROLLBACK")
                raise
            else:
                await conn.execute("COMMIT")

    async def schema_version(self) -> int:
        row = await fetch_one(self.reader, "PRAGMA user_version")
        return int(row[0]) if row else 0
