"""Every storage read is one call on the connection's worker thread.

The database has one shared reader connection. A read written as
``async with conn.execute(...) as cur: await cur.fetchone()`` is three operations, and
while its statement is open SQLite keeps the reader inside the snapshot that statement
began in, so another task's read on the reader could miss a commit that task had just
made itself. storage/ therefore reads only through fetch_one / fetch_all.
"""

from __future__ import annotations

import ast
import asyncio
from pathlib import Path

import storage
from storage import sessions
from storage.database import Database, fetch_all, fetch_one

STORAGE = Path(storage.__file__).parent


def _open_cursor_blocks(source: str) -> list[int]:
    """Line numbers of ``async with <x>.execute(...)`` blocks in a module's source."""
    found: list[int] = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.AsyncWith):
            for item in node.items:
                call = item.context_expr
                if (
                    isinstance(call, ast.Call)
                    and isinstance(call.func, ast.Attribute)
                    and call.func.attr in {"execute", "executemany"}
                ):
                    found.append(node.lineno)
    return found


def test_the_scan_finds_a_read_that_holds_its_cursor_open() -> None:
    sample = (
        "async def f(conn):\n"
        "    async with conn.execute('SELECT 1') as cur:\n"
        "        return await cur.fetchone()\n"
        "async def g(db):\n"
        "    async with db.reader.execute('SELECT 1', ()) as cur:\n"
        "        return await cur.fetchall()\n"
    )
    assert _open_cursor_blocks(sample) == [2, 5]
    assert _open_cursor_blocks("async def f(conn):\n    return await fetch_one(conn, 'x')\n") == []


def test_storage_reads_only_through_fetch_one_and_fetch_all() -> None:
    modules = sorted(STORAGE.glob("*.py"))
    assert len(modules) > 10  # the scan really looks at the repositories
    offenders = {
        path.name: lines
        for path in modules
        if (lines := _open_cursor_blocks(path.read_text(encoding="utf-8")))
    }
    assert offenders == {}
    uses = sum(
        source.count("fetch_one(") + source.count("fetch_all(")
        for source in (path.read_text(encoding="utf-8") for path in modules)
    )
    assert uses > 50


async def test_helpers_return_rows_like_a_cursor_did(tmp_path: Path) -> None:
    db = Database(tmp_path / "h.db")
    await db.open()
    try:
        async with db.write() as conn:
            await sessions.put(conn, 1, "a", {}, "t")
            await sessions.put(conn, 2, "b", {}, "t")
        rows = await fetch_all(db.reader, "SELECT telegram_id, flow FROM sessions ORDER BY 1")
        assert [(r["telegram_id"], r[1]) for r in rows] == [(1, "a"), (2, "b")]
        first = await fetch_one(db.reader, "SELECT flow FROM sessions ORDER BY telegram_id")
        assert first is not None
        assert first["flow"] == "a"
        missing = await fetch_one(db.reader, "SELECT 1 FROM sessions WHERE telegram_id = ?", (9,))
        assert missing is None
        assert await fetch_all(db.reader, "SELECT 1 FROM sessions WHERE flow = 'z'") == []
    finally:
        await db.close()


async def test_concurrent_tasks_always_read_back_their_own_write(tmp_path: Path) -> None:
    """Many tasks share the one reader; each commits a step and at once reads it back."""
    db = Database(tmp_path / "r.db")
    await db.open()
    tasks, rounds = 12, 30  # 360 write-then-read-back pairs, interleaved on the loop
    misses: list[tuple[int, int, object]] = []

    async def worker(telegram_id: int) -> None:
        for step in range(rounds):
            async with db.write() as conn:
                await sessions.put(conn, telegram_id, "flow", {"step": step}, f"t{step}")
            seen = await sessions.get(db.reader, telegram_id)
            got = seen.state.get("step") if seen is not None else None
            if got != step:
                misses.append((telegram_id, step, got))
            # a wider read by the same task on the same reader, interleaved with the others
            everyone = await fetch_all(db.reader, "SELECT telegram_id, state FROM sessions")
            mine = [r for r in everyone if r["telegram_id"] == telegram_id]
            if len(mine) != 1 or mine[0]["state"] != f'{{"step": {step}}}':
                misses.append((telegram_id, step, [tuple(r) for r in mine]))

    try:
        await asyncio.gather(*(worker(1000 + n) for n in range(tasks)))
        assert misses == []
        rows = await fetch_all(db.reader, "SELECT state FROM sessions")
        assert [r["state"] for r in rows] == [f'{{"step": {rounds - 1}}}'] * tasks
    finally:
        await db.close()
