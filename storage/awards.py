"""Awards: nominations of civil servants, dossier requests, dossier documents, reminders."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime

import aiosqlite

from bot.clock import from_iso
from storage.database import fetch_all, fetch_one


@dataclass(frozen=True, slots=True)
class Nomination:
    id: int
    year: int
    unit_code: str
    full_name: str
    reason: str
    nominated_by: str
    nominated_at: datetime


@dataclass(frozen=True, slots=True)
class Ground:
    """What a unit's dossier is for: ``kind`` is unit | head | division | person."""

    kind: str
    person: str | None = None  # the nominee's name, for kind "person"

    def dump(self) -> dict[str, str]:
        return {"kind": self.kind, **({"person": self.person} if self.person else {})}


@dataclass(frozen=True, slots=True)
class DossierRequest:
    year: int
    unit_code: str
    grounds: tuple[Ground, ...]
    requested_by: str
    requested_at: datetime
    released_at: datetime | None

    @property
    def active(self) -> bool:
        return self.released_at is None


@dataclass(frozen=True, slots=True)
class Document:
    year: int
    unit_code: str
    kind: str
    file_id: str
    file_unique_id: str
    file_name: str
    mime_type: str
    file_size: int
    uploaded_by: int
    uploaded_at: datetime


# -- nominations -------------------------------------------------------------------------

_NOMINATION_COLUMNS = "id, year, unit_code, full_name, reason, nominated_by, nominated_at"


def _nomination(row: aiosqlite.Row) -> Nomination:
    return Nomination(
        id=row["id"],
        year=row["year"],
        unit_code=row["unit_code"],
        full_name=row["full_name"],
        reason=row["reason"],
        nominated_by=row["nominated_by"],
        nominated_at=from_iso(row["nominated_at"]),
    )


async def add_nomination(
    conn: aiosqlite.Connection,
    *,
    year: int,
    unit_code: str,
    full_name: str,
    reason: str,
    nominated_by: str,
    now: str,
) -> Nomination:
    cur = await conn.execute(
        "INSERT INTO award_nominations (year, unit_code, full_name, reason, nominated_by, "
        "nominated_at) VALUES (?, ?, ?, ?, ?, ?)",
        (year, unit_code, full_name, reason, nominated_by, now),
    )
    assert cur.lastrowid is not None
    found = await get_nomination(conn, cur.lastrowid)
    assert found is not None
    return found


async def get_nomination(conn: aiosqlite.Connection, nomination_id: int) -> Nomination | None:
    """An active (not withdrawn) nomination by id."""
    row = await fetch_one(
        conn,
        f"SELECT {_NOMINATION_COLUMNS} FROM award_nominations "
        "WHERE id = ? AND withdrawn_at IS NULL",
        (nomination_id,),
    )
    return _nomination(row) if row else None


async def withdraw_nomination(
    conn: aiosqlite.Connection, nomination_id: int, by: str, now: str
) -> Nomination | None:
    """Withdraw an active nomination; returns it, or None if there was none to withdraw."""
    found = await get_nomination(conn, nomination_id)
    if found is None:
        return None
    await conn.execute(
        "UPDATE award_nominations SET withdrawn_by = ?, withdrawn_at = ? WHERE id = ?",
        (by, now, nomination_id),
    )
    return found


async def nominations(conn: aiosqlite.Connection, year: int) -> list[Nomination]:
    """The year's active nominations, oldest first."""
    rows = await fetch_all(
        conn,
        f"SELECT {_NOMINATION_COLUMNS} FROM award_nominations "
        "WHERE year = ? AND withdrawn_at IS NULL ORDER BY id",
        (year,),
    )
    return [_nomination(r) for r in rows]


# -- dossier requests --------------------------------------------------------------------


def dump_grounds(grounds: tuple[Ground, ...]) -> str:
    return json.dumps([g.dump() for g in grounds], ensure_ascii=False)


def _request(row: aiosqlite.Row) -> DossierRequest:
    grounds = tuple(Ground(g["kind"], g.get("person")) for g in json.loads(row["grounds"]))
    released = row["released_at"]
    return DossierRequest(
        year=row["year"],
        unit_code=row["unit_code"],
        grounds=grounds,
        requested_by=row["requested_by"],
        requested_at=from_iso(row["requested_at"]),
        released_at=from_iso(released) if released else None,
    )


_REQUEST_COLUMNS = "year, unit_code, grounds, requested_by, requested_at, released_at"


async def requests_for_year(conn: aiosqlite.Connection, year: int) -> dict[str, DossierRequest]:
    """Every request of the year (active and released), by unit code."""
    rows = await fetch_all(
        conn, f"SELECT {_REQUEST_COLUMNS} FROM award_dossiers WHERE year = ?", (year,)
    )
    return {r["unit_code"]: _request(r) for r in rows}


async def get_request(
    conn: aiosqlite.Connection, year: int, unit_code: str
) -> DossierRequest | None:
    """The unit's request for the year (active or released), if it was ever asked."""
    row = await fetch_one(
        conn,
        f"SELECT {_REQUEST_COLUMNS} FROM award_dossiers WHERE year = ? AND unit_code = ?",
        (year, unit_code),
    )
    return _request(row) if row else None


async def requests_of_unit(conn: aiosqlite.Connection, unit_code: str) -> list[DossierRequest]:
    """A unit's requests, newest year first."""
    rows = await fetch_all(
        conn,
        f"SELECT {_REQUEST_COLUMNS} FROM award_dossiers WHERE unit_code = ? COLLATE NOCASE "
        "ORDER BY year DESC",
        (unit_code,),
    )
    return [_request(r) for r in rows]


async def active_requests(conn: aiosqlite.Connection) -> list[DossierRequest]:
    rows = await fetch_all(
        conn,
        f"SELECT {_REQUEST_COLUMNS} FROM award_dossiers WHERE released_at IS NULL "
        "ORDER BY year, unit_code",
    )
    return [_request(r) for r in rows]


async def put_request(
    conn: aiosqlite.Connection,
    *,
    year: int,
    unit_code: str,
    grounds: tuple[Ground, ...],
    requested_by: str,
    now: str,
) -> None:
    """Ask a unit for a dossier, or update what for; a released request becomes active."""
    await conn.execute(
        "INSERT INTO award_dossiers (year, unit_code, grounds, requested_by, requested_at) "
        "VALUES (?, ?, ?, ?, ?) ON CONFLICT(year, unit_code) DO UPDATE SET "
        "grounds = excluded.grounds, requested_by = excluded.requested_by, "
        "requested_at = CASE WHEN award_dossiers.released_at IS NULL "
        "THEN award_dossiers.requested_at ELSE excluded.requested_at END, "
        "released_at = NULL",
        (year, unit_code, dump_grounds(grounds), requested_by, now),
    )


async def release_request(conn: aiosqlite.Connection, year: int, unit_code: str, now: str) -> None:
    await conn.execute(
        "UPDATE award_dossiers SET released_at = ? WHERE year = ? AND unit_code = ? "
        "AND released_at IS NULL",
        (now, year, unit_code),
    )


# -- documents ---------------------------------------------------------------------------

_DOCUMENT_COLUMNS = (
    "year, unit_code, kind, file_id, file_unique_id, file_name, mime_type, file_size, "
    "uploaded_by, uploaded_at"
)


def _document(row: aiosqlite.Row) -> Document:
    return Document(
        year=row["year"],
        unit_code=row["unit_code"],
        kind=row["kind"],
        file_id=row["file_id"],
        file_unique_id=row["file_unique_id"],
        file_name=row["file_name"],
        mime_type=row["mime_type"],
        file_size=row["file_size"],
        uploaded_by=row["uploaded_by"],
        uploaded_at=from_iso(row["uploaded_at"]),
    )


async def documents_for_year(
    conn: aiosqlite.Connection, year: int
) -> dict[str, dict[str, Document]]:
    """The year's documents: unit code -> kind -> document."""
    rows = await fetch_all(
        conn, f"SELECT {_DOCUMENT_COLUMNS} FROM award_documents WHERE year = ?", (year,)
    )
    found: dict[str, dict[str, Document]] = {}
    for row in rows:
        doc = _document(row)
        found.setdefault(doc.unit_code, {})[doc.kind] = doc
    return found


async def documents(conn: aiosqlite.Connection, year: int, unit_code: str) -> dict[str, Document]:
    rows = await fetch_all(
        conn,
        f"SELECT {_DOCUMENT_COLUMNS} FROM award_documents WHERE year = ? AND unit_code = ?",
        (year, unit_code),
    )
    return {d.kind: d for d in map(_document, rows)}


async def put_document(conn: aiosqlite.Connection, doc: Document, now: str) -> None:
    await conn.execute(
        f"INSERT INTO award_documents ({_DOCUMENT_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
        "ON CONFLICT(year, unit_code, kind) DO UPDATE SET file_id = excluded.file_id, "
        "file_unique_id = excluded.file_unique_id, file_name = excluded.file_name, "
        "mime_type = excluded.mime_type, file_size = excluded.file_size, "
        "uploaded_by = excluded.uploaded_by, uploaded_at = excluded.uploaded_at",
        (
            doc.year,
            doc.unit_code,
            doc.kind,
            doc.file_id,
            doc.file_unique_id,
            doc.file_name,
            doc.mime_type,
            doc.file_size,
            doc.uploaded_by,
            now,
        ),
    )


# -- reminders ---------------------------------------------------------------------------


async def reminders_recorded(conn: aiosqlite.Connection, year: int, unit_code: str) -> set[int]:
    """The offsets (days before the due date) already sent or skipped for a unit."""
    rows = await fetch_all(
        conn,
        "SELECT days_before FROM award_reminders WHERE year = ? AND unit_code = ?",
        (year, unit_code),
    )
    return {int(r[0]) for r in rows}


async def record_reminder(
    conn: aiosqlite.Connection, year: int, unit_code: str, days_before: int, status: str, now: str
) -> bool:
    """Record a reminder; False if it was already recorded (then it must not be sent)."""
    cur = await conn.execute(
        "INSERT OR IGNORE INTO award_reminders (year, unit_code, days_before, status, at) "
        "VALUES (?, ?, ?, ?, ?)",
        (year, unit_code, days_before, status, now),
    )
    return cur.rowcount == 1
