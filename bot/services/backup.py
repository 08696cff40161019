"""Backups of the database, taken while the bot runs, and restoring one.

A backup uses SQLite's online backup API (``sqlite3.Connection.backup``) in one step,
inside one read transaction: in WAL mode that sees the last committed state and never
blocks the bot's writer, so a backup taken in the middle of a burst of writes is a
consistent database as of one commit. The copy is written to a temporary file beside
the destination, checked (``PRAGMA integrity_check``), switched to a single file
(rollback journal) and only then renamed into place, so a half-written backup never
carries a backup's name.

Restoring replaces the live database with a backup. It must happen while the bot is
stopped: the restore takes SQLite's exclusive lock on the live database first, which
it cannot get while any connection (the bot, a running CLI command) has it open, and
refuses in that case. The source must be a cchc database (the bot's tables, a known
migration version) that passes its integrity check; the database it replaces is kept
beside it as ``<name>.before-restore-<time>.db``. A backup from an older version is
brought up to date by the migrations the next time the bot starts.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import re
import sqlite3
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from bot.clock import Clock, utc_now
from bot.texts import backup as T
from storage.database import migrations

log = logging.getLogger(__name__)

# Tables every cchc database has had since the first migration.
REQUIRED_TABLES = frozenset(
    {"units", "blocks", "people", "memberships", "reports", "drafts", "audit_log"}
)
AUTOMATIC_NAME = re.compile(r"^cchc-\d{8}-\d{6}\.db$")


class BackupError(Exception):
    """The backup or restore was refused; the message says why, in Vietnamese."""


@dataclass(frozen=True, slots=True)
class BackupInfo:
    path: Path
    size: int
    schema_version: int
    counts: dict[str, int]  # rows per main table, for the operator to compare


def latest_schema_version() -> int:
    return max(version for version, _, _ in migrations())


def backup_name(moment: datetime, tz: ZoneInfo) -> str:
    """``cchc-20250315-021500.db``: sorts by time, local to the office."""
    return f"cchc-{moment.astimezone(tz):%Y%m%d-%H%M%S}.db"


def backup_database(source: Path, dest: Path) -> BackupInfo:
    """Copy the live database at ``source`` to the new file ``dest`` (blocking).

    Refuses to overwrite an existing file, and to copy something that is not a
    cchc database.
    """
    if not source.is_file():
        raise BackupError(T.NO_DATABASE.format(path=source))
    if dest.exists():
        raise BackupError(T.DEST_EXISTS.format(path=dest))
    if not dest.parent.is_dir():
        raise BackupError(T.NO_DIRECTORY.format(path=dest.parent))
    partial = dest.with_name(f".{dest.name}.partial")
    partial.unlink(missing_ok=True)
    try:
        src = _open(source, mode="rw")
        try:
            _check_cchc(src, source)
            out = sqlite3.connect(partial, isolation_level=None)
            try:
                src.backup(out)  # pages=-1: the whole file in one step, one snapshot
                out.execute("PRAGMA journal_mode=DELETE")  # one self-contained file
                _check_integrity(out, dest)
                info = _describe(out, dest)
            finally:
                out.close()
        finally:
            src.close()
        os.replace(partial, dest)
    except sqlite3.Error as exc:
        raise BackupError(T.BACKUP_FAILED.format(error=exc)) from None
    finally:
        partial.unlink(missing_ok=True)
    return BackupInfo(dest, dest.stat().st_size, info.schema_version, info.counts)


def inspect_backup(path: Path) -> BackupInfo:
    """Check that ``path`` is a sound cchc database this version of the bot knows."""
    if not path.is_file():
        raise BackupError(T.FILE_NOT_FOUND.format(path=path))
    try:
        conn = _open(path, mode="ro")
    except sqlite3.Error as exc:
        raise BackupError(T.CANNOT_OPEN_FILE.format(path=path, error=exc)) from None
    try:
        _check_cchc(conn, path)
        _check_integrity(conn, path)
        info = _describe(conn, path)
    except sqlite3.DatabaseError as exc:
        raise BackupError(T.NOT_SQLITE.format(path=path, error=exc)) from None
    finally:
        conn.close()
    info = BackupInfo(path, path.stat().st_size, info.schema_version, info.counts)
    latest = latest_schema_version()
    if not 1 <= info.schema_version <= latest:
        raise BackupError(T.TOO_NEW.format(path=path, version=info.schema_version, latest=latest))
    return info


def restore_database(source: Path, live: Path, *, now: datetime, tz: ZoneInfo) -> Path | None:
    """Replace the database at ``live`` with the backup at ``source`` (blocking).

    Returns where the replaced database was kept (None when there was none). The bot
    must be stopped: while anything holds the live database open, this refuses.
    """
    inspect_backup(source)
    if source.resolve() == live.resolve():
        raise BackupError(T.SOURCE_IS_LIVE)
    live.parent.mkdir(parents=True, exist_ok=True)
    kept: Path | None = None
    try:
        target = sqlite3.connect(live, timeout=0, isolation_level=None)
    except sqlite3.Error as exc:
        raise BackupError(T.CANNOT_OPEN_DATABASE.format(path=live, error=exc)) from None
    try:
        try:
            # Kept after COMMIT in this mode: from here on nobody else can open it.
            target.execute("PRAGMA locking_mode=EXCLUSIVE")
            target.execute("BEGIN EXCLUSIVE")
            target.execute("COMMIT")
        except sqlite3.OperationalError:
            raise BackupError(T.IN_USE.format(path=live)) from None
        if _has_tables(target):
            kept = live.with_name(
                f"{live.stem}.before-restore-{now.astimezone(tz):%Y%m%d-%H%M%S}.db"
            )
            copy = sqlite3.connect(kept, isolation_level=None)
            try:
                target.backup(copy)
                copy.execute("PRAGMA journal_mode=DELETE")
            finally:
                copy.close()
        src = _open(source, mode="ro")
        try:
            src.backup(target)
        finally:
            src.close()
        target.execute("PRAGMA journal_mode=WAL")
        _check_integrity(target, live)
        target.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    except sqlite3.Error as exc:
        raise BackupError(T.RESTORE_FAILED.format(error=exc)) from None
    finally:
        target.close()
    return kept


def prune(directory: Path, keep: int) -> list[Path]:
    """Delete all but the newest ``keep`` automatic backups (``cchc-YYYYmmdd-HHMMSS.db``).

    Other files in the directory are never touched.
    """
    found = sorted(p for p in directory.iterdir() if AUTOMATIC_NAME.match(p.name))
    doomed = found[:-keep] if keep > 0 else found
    for path in doomed:
        with contextlib.suppress(FileNotFoundError):
            path.unlink()
    return doomed


class BackupService:
    """The daily backup the bot takes of itself, and the retention rule."""

    def __init__(
        self, db_path: Path, directory: Path, *, keep: int, tz: ZoneInfo, clock: Clock = utc_now
    ) -> None:
        self.db_path = db_path
        self.directory = directory
        self.keep = keep
        self._tz = tz
        self._clock = clock

    async def daily(self) -> BackupInfo:
        """Take a backup into the backup directory, then drop the oldest beyond ``keep``."""
        return await asyncio.to_thread(self._daily)

    def _daily(self) -> BackupInfo:
        self.directory.mkdir(parents=True, exist_ok=True)
        info = backup_database(self.db_path, self.directory / backup_name(self._clock(), self._tz))
        removed = prune(self.directory, self.keep)
        log.info(
            "Backup %s written (%d bytes); %d old removed", info.path, info.size, len(removed)
        )
        return info


# -- helpers ---------------------------------------------------------------------------


def _open(path: Path, *, mode: str) -> sqlite3.Connection:
    # mode=rw/ro never creates a file: a mistyped path is an error, not a new database.
    conn = sqlite3.connect(
        f"{path.resolve().as_uri()}?mode={mode}", uri=True, isolation_level=None
    )
    conn.execute("PRAGMA busy_timeout=5000")
    return conn


def _has_tables(conn: sqlite3.Connection) -> bool:
    return bool(
        conn.execute("SELECT count(*) FROM sqlite_master WHERE type='table'").fetchone()[0]
    )


def _check_cchc(conn: sqlite3.Connection, path: Path) -> None:
    try:
        names = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    except sqlite3.DatabaseError as exc:
        raise BackupError(T.NOT_SQLITE.format(path=path, error=exc)) from None
    missing = REQUIRED_TABLES - names
    if missing:
        raise BackupError(T.NOT_CCHC.format(path=path, tables=", ".join(sorted(missing))))


def _check_integrity(conn: sqlite3.Connection, path: Path) -> None:
    result = [r[0] for r in conn.execute("PRAGMA integrity_check")]
    if result != ["ok"]:
        raise BackupError(T.DAMAGED.format(path=path, details="; ".join(result[:3])))


def _describe(conn: sqlite3.Connection, path: Path) -> BackupInfo:
    version = int(conn.execute("PRAGMA user_version").fetchone()[0])
    counts = {
        table: int(conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0])
        for table in sorted(REQUIRED_TABLES)
    }
    return BackupInfo(path, 0, version, counts)
