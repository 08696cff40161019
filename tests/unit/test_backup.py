"""Backups taken while the bot writes, restoring them, and the daily rotation."""

from __future__ import annotations

import asyncio
import sqlite3
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from bot.services.backup import (
    BackupError,
    BackupService,
    backup_database,
    inspect_backup,
    latest_schema_version,
    prune,
    restore_database,
)
from bot.services.container import Services
from storage import audit
from storage.database import Database
from tests.clock import FakeClock
from tests.conftest import EXAMPLE_UNITS
from tests.reports import bind, submit

TZ = ZoneInfo("Asia/Ho_Chi_Minh")
NOW = datetime(2025, 3, 15, 19, 30, tzinfo=UTC)  # 02:30 on 16/03/2025 in Hà Nội


def count(path: Path, sql: str) -> int:
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        return int(conn.execute(sql).fetchone()[0])
    finally:
        conn.close()


def names(folder: Path, pattern: str) -> list[str]:
    return sorted(p.name for p in folder.glob(pattern))


def pairs(path: Path) -> list[int]:
    """The sequence numbers of the test's write pairs found in a database."""
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        rows = conn.execute(
            "SELECT json_extract(detail, '$.seq') FROM audit_log WHERE action = 'test.pair'"
        ).fetchall()
    finally:
        conn.close()
    return sorted(int(r[0]) for r in rows)


async def test_a_backup_taken_during_writes_restores_to_a_committed_state(
    services: Services, tmp_path: Path
) -> None:
    db = services.db
    stop = asyncio.Event()
    committed: list[int] = []
    wanted = [0]
    reached = asyncio.Event()

    async def writer() -> None:
        # Each transaction writes two rows; a torn copy would show an odd count.
        seq = 0
        while not stop.is_set():
            async with db.write() as conn:
                for _ in range(2):
                    await audit.record(
                        conn,
                        at=NOW.isoformat(),
                        actor="test",
                        action="test.pair",
                        detail={"seq": seq, "pad": "x" * 500},
                    )
            committed.append(seq)
            if len(committed) >= wanted[0]:
                reached.set()
            seq += 1
            await asyncio.sleep(0)

    task = asyncio.create_task(writer())
    backups = []
    try:
        for n in range(4):
            wanted[0] = 40 * (n + 1)
            reached.clear()
            await reached.wait()
            dest = tmp_path / f"during-{n}.db"
            before = len(committed)
            await asyncio.to_thread(backup_database, db.path, dest)
            after = len(committed)
            backups.append((dest, before, after))
    finally:
        stop.set()
        await task

    assert any(after > before for _, before, after in backups), "writes went on meanwhile"
    for dest, before, after in backups:
        info = inspect_backup(dest)  # integrity_check ok, known schema
        assert info.schema_version == latest_schema_version()
        found = pairs(dest)
        # A prefix of the committed transactions, each whole: 0,0,1,1,…,k-1,k-1.
        k = len(found) // 2
        assert found == sorted(list(range(k)) * 2)
        assert before <= k <= after + 1
        assert names(dest.parent, f"{dest.name}-*") == []  # one self-contained file

    # Restored in place of another database, the bot opens it and sees the same rows.
    dest, _, _ = backups[-1]
    live = tmp_path / "restored" / "cchc.db"
    assert restore_database(dest, live, now=NOW, tz=TZ) is None  # nothing was replaced
    restored = Database(live)
    await restored.open()
    try:
        assert await restored.schema_version() == latest_schema_version()
        async with restored.reader.execute("PRAGMA integrity_check") as cur:
            assert [r[0] for r in await cur.fetchall()] == ["ok"]
        for table in ("units", "audit_log", "blocks"):
            async with restored.reader.execute(f"SELECT count(*) FROM {table}") as cur:
                row = await cur.fetchone()
            assert row is not None
            assert row[0] == count(dest, f"SELECT count(*) FROM {table}")
    finally:
        await restored.close()


async def test_restore_refuses_while_the_bot_has_the_database_open(
    services: Services, tmp_path: Path
) -> None:
    backup = tmp_path / "b.db"
    await asyncio.to_thread(backup_database, services.db.path, backup)

    with pytest.raises(BackupError, match="đang được sử dụng"):
        restore_database(backup, services.db.path, now=NOW, tz=TZ)

    assert names(tmp_path, "*.before-restore-*") == []
    assert count(services.db.path, "SELECT count(*) FROM units") == EXAMPLE_UNITS


async def test_restore_replaces_the_database_and_keeps_the_old_one(
    services: Services, tmp_path: Path
) -> None:
    backup = tmp_path / "before-report.db"
    await asyncio.to_thread(backup_database, services.db.path, backup)
    await submit(services, await bind(services, 9801, "THPT-QH"))
    live = services.db.path
    await services.close()  # the bot is stopped

    kept = restore_database(backup, live, now=NOW, tz=TZ)

    assert kept == live.with_name("cchc.before-restore-20250316-023000.db")
    assert count(kept, "SELECT count(*) FROM reports") == 1
    assert count(live, "SELECT count(*) FROM reports") == 0
    assert count(live, "SELECT count(*) FROM units") == EXAMPLE_UNITS
    reopened = Database(live)
    await reopened.open()
    try:
        async with reopened.reader.execute("PRAGMA journal_mode") as cur:
            row = await cur.fetchone()
        assert row is not None
        assert row[0] == "wal"
    finally:
        await reopened.close()


def test_restore_refuses_what_is_not_a_sound_cchc_database(tmp_path: Path) -> None:
    live = tmp_path / "cchc.db"
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"not a database at all" * 100)
    other = tmp_path / "other.db"
    conn = sqlite3.connect(other)
    conn.execute("CREATE TABLE notes (x)")
    conn.commit()
    conn.close()

    for source, message in (
        (tmp_path / "missing.db", "Không tìm thấy"),
        (junk, "không phải cơ sở dữ liệu SQLite"),
        (other, "không phải cơ sở dữ liệu của cchc-bot"),
    ):
        with pytest.raises(BackupError, match=message):
            restore_database(source, live, now=NOW, tz=TZ)
    assert not live.exists()


async def test_restore_refuses_a_backup_from_a_newer_version(
    services: Services, tmp_path: Path
) -> None:
    newer = tmp_path / "newer.db"
    await asyncio.to_thread(backup_database, services.db.path, newer)
    conn = sqlite3.connect(newer)
    conn.execute(f"PRAGMA user_version = {latest_schema_version() + 1}")
    conn.close()

    with pytest.raises(BackupError, match="phiên bản bot mới hơn"):
        inspect_backup(newer)


async def test_backup_never_overwrites_and_needs_a_database(
    services: Services, tmp_path: Path
) -> None:
    taken = tmp_path / "once.db"
    await asyncio.to_thread(backup_database, services.db.path, taken)

    with pytest.raises(BackupError, match="không ghi đè"):
        backup_database(services.db.path, taken)
    with pytest.raises(BackupError, match="Không tìm thấy cơ sở dữ liệu"):
        backup_database(tmp_path / "nothing.db", tmp_path / "x.db")
    assert not (tmp_path / "nothing.db").exists()
    assert names(tmp_path, "*.partial") == []


def test_prune_keeps_the_newest_automatic_backups_only(tmp_path: Path) -> None:
    names = [f"cchc-2025031{d}-020000.db" for d in range(5)]
    for name in [*names, "ghi-chu.txt", "cchc-thu-cong.db"]:
        (tmp_path / name).write_bytes(b"")

    removed = prune(tmp_path, keep=2)

    assert [p.name for p in removed] == names[:3]
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        [*names[3:], "ghi-chu.txt", "cchc-thu-cong.db"]
    )


async def test_daily_backup_names_by_local_time_and_rotates(
    services: Services, tmp_path: Path
) -> None:
    clock = FakeClock(NOW)
    folder = tmp_path / "backups"
    daily = BackupService(services.db.path, folder, keep=2, tz=TZ, clock=clock)

    for _ in range(3):
        await daily.daily()
        clock.advance(days=1)

    assert sorted(p.name for p in folder.iterdir()) == [
        "cchc-20250317-023000.db",
        "cchc-20250318-023000.db",
    ]
