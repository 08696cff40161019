"""Broadcasts, the outbox (one row per recipient), acknowledgements and inactive chats.

Every state change of an outbox row is its own short transaction, so the database always
says which rows are done, which are waiting, and which were in flight.
"""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable, Iterable, Sequence
from typing import Any

import aiosqlite

from bot.clock import from_iso
from bot.domain.broadcasts import (
    Broadcast,
    Content,
    DeliveryCounts,
    Media,
    Notice,
    OutboxRow,
    Purpose,
    Recipient,
)
from storage.database import fetch_all, fetch_one


def content_columns(content: Content) -> tuple[str, str, str]:
    media = [m.model_dump() for m in content.media]
    return content.kind, content.body, json.dumps(media, ensure_ascii=False)


def content_from(kind: str, body: str, media: str) -> Content:
    return Content(
        kind=kind,
        body=body,
        media=tuple(Media.model_validate(m) for m in json.loads(media)),
    )


# -- broadcasts ----------------------------------------------------------------------------


async def create(
    conn: aiosqlite.Connection,
    *,
    created_by: int,
    content: Content,
    audience: str,
    status: str,
    scheduled_at: str | None,
    now: str,
    purpose: Purpose = "broadcast",
) -> int:
    kind, body, media = content_columns(content)
    cur = await conn.execute(
        "INSERT INTO broadcasts (created_by, created_at, kind, body, media, audience, status, "
        "scheduled_at, purpose) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (created_by, now, kind, body, media, audience, status, scheduled_at, purpose),
    )
    assert cur.lastrowid is not None
    return int(cur.lastrowid)


async def add_recipients(
    conn: aiosqlite.Connection,
    broadcast_id: int,
    recipients: Iterable[Recipient],
    *,
    not_before: float,
) -> int:
    rows = [(broadcast_id, r.chat_id, r.unit_code, not_before) for r in recipients]
    await conn.executemany(
        "INSERT OR IGNORE INTO outbox (broadcast_id, chat_id, unit_code, not_before) "
        "VALUES (?, ?, ?, ?)",
        rows,
    )
    return len(rows)


async def add_notices(
    conn: aiosqlite.Connection, broadcast_id: int, notices: Iterable[Notice]
) -> int:
    """One row per notice, each with its own text; a chat already queued keeps its first."""
    rows = [(broadcast_id, n.chat_id, n.unit_code, n.text) for n in notices]
    before = conn.total_changes
    await conn.executemany(
        "INSERT OR IGNORE INTO outbox (broadcast_id, chat_id, unit_code, body) "
        "VALUES (?, ?, ?, ?)",
        rows,
    )
    return conn.total_changes - before


async def add_payload_rows(
    conn: aiosqlite.Connection,
    broadcast_id: int,
    rows: Iterable[tuple[int, str | None, dict[str, Any]]],
) -> None:
    """One row per (chat, unit, structured notice) of a notice; worded when sent."""
    await conn.executemany(
        "INSERT OR IGNORE INTO outbox (broadcast_id, chat_id, unit_code, payload) "
        "VALUES (?, ?, ?, ?)",
        [
            (broadcast_id, chat, unit, json.dumps(payload, ensure_ascii=False))
            for chat, unit, payload in rows
        ],
    )


async def gather(
    conn: aiosqlite.Connection,
    *,
    chat_id: int,
    batch: str,
    item: dict[str, Any],
    now: float,
    window: float,
    max_items: int,
    new_notice: Callable[[], Awaitable[int]],
) -> None:
    """Add ``item`` to the chat's waiting ``batch`` row, or start one.

    The first row goes at once (``now``); while one went within ``window`` seconds, the
    next waits until the window has passed, gathering what arrives meanwhile (at most
    ``max_items`` a row, so a message stays within Telegram's limits). ``new_notice``
    makes the notice a new row belongs to. A row with a part already sent (a long list
    goes as several messages) takes nothing more: its later parts must stay as worded.
    """
    waiting = await fetch_one(
        conn,
        "SELECT id, payload, not_before FROM outbox WHERE chat_id = ? AND batch = ? "
        "AND state = 'pending' AND parts_done = 0 ORDER BY id DESC LIMIT 1",
        (chat_id, batch),
    )
    if waiting is not None:
        payload = json.loads(waiting["payload"])
        if len(payload["items"]) < max_items:
            payload["items"].append(item)
            await conn.execute(
                "UPDATE outbox SET payload = ? WHERE id = ?",
                (json.dumps(payload, ensure_ascii=False), waiting["id"]),
            )
            return
        # Full: the next row goes with it, right after (the pacer spaces the two).
        not_before = float(waiting["not_before"])
    else:
        last = await fetch_one(
            conn,
            "SELECT MAX(not_before) FROM outbox WHERE chat_id = ? AND batch = ?",
            (chat_id, batch),
        )
        previous = float(last[0]) if last is not None and last[0] is not None else None
        not_before = now if previous is None or previous + window <= now else previous + window
    notice_id = await new_notice()
    payload = {"kind": batch, "items": [item]}
    await conn.execute(
        "INSERT INTO outbox (broadcast_id, chat_id, not_before, payload, batch) "
        "VALUES (?, ?, ?, ?, ?)",
        (notice_id, chat_id, not_before, json.dumps(payload, ensure_ascii=False), batch),
    )


_BROADCAST_COLUMNS = (
    "id, created_by, created_at, kind, body, media, audience, status, scheduled_at, "
    "finished_at, progress_chat, progress_message, purpose"
)


def _broadcast(row: aiosqlite.Row) -> Broadcast:
    return Broadcast(
        id=row["id"],
        created_by=row["created_by"],
        created_at=from_iso(row["created_at"]),
        content=content_from(row["kind"], row["body"], row["media"]),
        audience=row["audience"],
        status=row["status"],
        scheduled_at=from_iso(row["scheduled_at"]) if row["scheduled_at"] else None,
        finished_at=from_iso(row["finished_at"]) if row["finished_at"] else None,
        progress_chat=row["progress_chat"],
        progress_message=row["progress_message"],
        purpose=row["purpose"],
    )


async def get(conn: aiosqlite.Connection, broadcast_id: int) -> Broadcast | None:
    row = await fetch_one(
        conn, f"SELECT {_BROADCAST_COLUMNS} FROM broadcasts WHERE id = ?", (broadcast_id,)
    )
    return _broadcast(row) if row else None


async def recent(conn: aiosqlite.Connection, limit: int) -> list[Broadcast]:
    """The latest broadcasts of exemplary practices (notices are not listed)."""
    rows = await fetch_all(
        conn,
        f"SELECT {_BROADCAST_COLUMNS} FROM broadcasts WHERE purpose = 'broadcast' "
        "ORDER BY id DESC LIMIT ?",
        (limit,),
    )
    return [_broadcast(r) for r in rows]


async def set_progress_message(
    conn: aiosqlite.Connection, broadcast_id: int, chat_id: int, message_id: int
) -> None:
    await conn.execute(
        "UPDATE broadcasts SET progress_chat = ?, progress_message = ? WHERE id = ?",
        (chat_id, message_id, broadcast_id),
    )


async def set_status(
    conn: aiosqlite.Connection, broadcast_id: int, status: str, *, finished_at: str | None = None
) -> None:
    await conn.execute(
        "UPDATE broadcasts SET status = ?, finished_at = COALESCE(?, finished_at) WHERE id = ?",
        (status, finished_at, broadcast_id),
    )


async def unfinished(conn: aiosqlite.Connection) -> list[int]:
    rows = await fetch_all(
        conn, "SELECT id FROM broadcasts WHERE status IN ('scheduled', 'sending') ORDER BY id"
    )
    return [int(r[0]) for r in rows]


# -- the outbox ----------------------------------------------------------------------------

_ROW_COLUMNS = (
    "id, broadcast_id, chat_id, unit_code, state, not_before, attempts, parts_done, body, payload"
)


def _row(row: aiosqlite.Row) -> OutboxRow:
    return OutboxRow(
        id=row["id"],
        broadcast_id=row["broadcast_id"],
        chat_id=row["chat_id"],
        unit_code=row["unit_code"],
        state=row["state"],
        not_before=row["not_before"],
        attempts=row["attempts"],
        parts_done=row["parts_done"],
        body=row["body"],
        payload=json.loads(row["payload"]) if row["payload"] else None,
    )


async def recover_in_flight(conn: aiosqlite.Connection, *, not_before: float) -> int:
    """Rows a killed sender left in 'sending' go back to the queue (they may be re-sent),
    not before ``not_before``: Telegram may have delivered one a moment before the crash,
    and the chat's interval counts from then."""
    cur = await conn.execute(
        "UPDATE outbox SET state = 'pending', not_before = MAX(not_before, ?) "
        "WHERE state = 'sending'",
        (not_before,),
    )
    return cur.rowcount


# A row of a broadcast scheduled for later waits for its broadcast's time, read on the
# application's clock (ISO text in UTC, so text order is time order); ``not_before`` is
# the sender's own wall clock (retries, retry_after, the pause between an album's parts).
_NOT_SCHEDULED_LATER = (
    "NOT EXISTS (SELECT 1 FROM broadcasts b WHERE b.id = outbox.broadcast_id "
    "AND b.scheduled_at > ?)"
)


async def due(
    conn: aiosqlite.Connection,
    now: float,
    limit: int,
    *,
    scheduled_now: str,
    skip: Sequence[int] = (),
) -> list[OutboxRow]:
    """Pending rows whose time has come, oldest broadcast first.

    ``now``: the wall clock, against ``not_before``; ``scheduled_now``: the application's
    clock (ISO, UTC), against the broadcast's ``scheduled_at``.
    """
    found_rows = await fetch_all(
        conn,
        # Notices (a row's own text or payload) before broadcast rows: a big broadcast's
        # rows must not keep them out of the sender's look-ahead.
        f"SELECT {_ROW_COLUMNS} FROM outbox WHERE state = 'pending' AND not_before <= ? "
        f"AND {_NOT_SCHEDULED_LATER} "
        "ORDER BY (body IS NULL AND payload IS NULL), broadcast_id, id LIMIT ?",
        (now, scheduled_now, limit + len(skip)),
    )
    rows = [_row(r) for r in found_rows]
    skipped = set(skip)
    return [r for r in rows if r.id not in skipped][:limit]


async def next_due(conn: aiosqlite.Connection, scheduled_now: str) -> float | None:
    """The earliest ``not_before`` (wall clock) of pending rows not scheduled for later."""
    row = await fetch_one(
        conn,
        f"SELECT MIN(not_before) FROM outbox WHERE state = 'pending' AND {_NOT_SCHEDULED_LATER}",
        (scheduled_now,),
    )
    return float(row[0]) if row and row[0] is not None else None


async def next_scheduled(conn: aiosqlite.Connection, scheduled_now: str) -> str | None:
    """The earliest time (ISO, UTC) after ``scheduled_now`` a broadcast with rows waits for."""
    row = await fetch_one(
        conn,
        "SELECT MIN(b.scheduled_at) FROM broadcasts b WHERE b.scheduled_at > ? AND EXISTS "
        "(SELECT 1 FROM outbox o WHERE o.broadcast_id = b.id AND o.state = 'pending')",
        (scheduled_now,),
    )
    return str(row[0]) if row and row[0] is not None else None


async def claim(conn: aiosqlite.Connection, row_id: int) -> OutboxRow | None:
    """Take a pending row for sending; the row as it is now (a gathering row's payload
    may have grown since it was read), or None if someone else took it."""
    found = await fetch_one(
        conn,
        "UPDATE outbox SET state = 'sending', attempts = attempts + 1 "
        f"WHERE id = ? AND state = 'pending' RETURNING {_ROW_COLUMNS}",
        (row_id,),
    )
    return _row(found) if found is not None else None


async def record_part(
    conn: aiosqlite.Connection,
    row_id: int,
    *,
    message_ids: Sequence[int],
    finished: bool,
    not_before: float,
    now: str,
) -> None:
    """A request succeeded: keep its message ids; the row is sent, or waits for its next part."""
    row = await fetch_one(conn, "SELECT message_ids FROM outbox WHERE id = ?", (row_id,))
    known: list[int] = json.loads(row[0]) if row else []
    await conn.execute(
        "UPDATE outbox SET message_ids = ?, parts_done = parts_done + 1, attempts = 0, "
        "state = ?, not_before = ?, sent_at = CASE WHEN ? THEN ? ELSE sent_at END, error = NULL "
        "WHERE id = ?",
        (
            json.dumps([*known, *message_ids]),
            "sent" if finished else "pending",
            not_before,
            finished,
            now,
            row_id,
        ),
    )


async def retry_later(
    conn: aiosqlite.Connection,
    row_id: int,
    *,
    not_before: float,
    error: str,
    count_attempt: bool = True,
) -> None:
    await conn.execute(
        "UPDATE outbox SET state = 'pending', not_before = ?, error = ?, "
        "attempts = attempts - ? WHERE id = ?",
        (not_before, error, 0 if count_attempt else 1, row_id),
    )


async def fail(conn: aiosqlite.Connection, row_id: int, *, state: str, error: str) -> None:
    await conn.execute(
        "UPDATE outbox SET state = ?, error = ? WHERE id = ?", (state, error, row_id)
    )


async def block_chat(conn: aiosqlite.Connection, chat_id: int, reason: str, now: str) -> None:
    """The recipient blocked the bot: inactive, and nothing still queued goes to them."""
    await conn.execute(
        "INSERT INTO inactive_chats (chat_id, since, reason) VALUES (?, ?, ?) "
        "ON CONFLICT(chat_id) DO NOTHING",
        (chat_id, now, reason),
    )
    await conn.execute(
        "UPDATE outbox SET state = 'blocked', error = ? WHERE chat_id = ? AND state = 'pending'",
        (reason, chat_id),
    )


async def reactivate(conn: aiosqlite.Connection, chat_id: int) -> bool:
    cur = await conn.execute("DELETE FROM inactive_chats WHERE chat_id = ?", (chat_id,))
    return cur.rowcount > 0


async def inactive_chats(conn: aiosqlite.Connection) -> set[int]:
    rows = await fetch_all(conn, "SELECT chat_id FROM inactive_chats")
    return {int(r[0]) for r in rows}


async def counts(conn: aiosqlite.Connection, broadcast_id: int) -> DeliveryCounts:
    by_state: dict[str, int] = {}
    rows = await fetch_all(
        conn,
        "SELECT state, COUNT(*) FROM outbox WHERE broadcast_id = ? GROUP BY state",
        (broadcast_id,),
    )
    for state, n in rows:
        by_state[str(state)] = int(n)
    reasons: dict[str, int] = {}
    rows = await fetch_all(
        conn,
        "SELECT error, COUNT(*) FROM outbox WHERE broadcast_id = ? AND state = 'failed' "
        "GROUP BY error ORDER BY COUNT(*) DESC",
        (broadcast_id,),
    )
    for error, n in rows:
        reasons[str(error or "")] = int(n)
    return DeliveryCounts(total=sum(by_state.values()), reasons=reasons, **by_state)


async def rows_of(conn: aiosqlite.Connection, broadcast_id: int) -> list[OutboxRow]:
    rows = await fetch_all(
        conn,
        f"SELECT {_ROW_COLUMNS} FROM outbox WHERE broadcast_id = ? ORDER BY id",
        (broadcast_id,),
    )
    return [_row(r) for r in rows]


async def message_ids(conn: aiosqlite.Connection, broadcast_id: int) -> dict[int, list[int]]:
    rows = await fetch_all(
        conn, "SELECT chat_id, message_ids FROM outbox WHERE broadcast_id = ?", (broadcast_id,)
    )
    return {int(r[0]): json.loads(r[1]) for r in rows}


# -- acknowledgements ----------------------------------------------------------------------


async def acknowledge(
    conn: aiosqlite.Connection, broadcast_id: int, telegram_id: int, now: str
) -> bool | None:
    """True the first time this person acknowledges this broadcast, False on a repeat;
    None when it was not delivered to them, or is a notice (which carries no button): a
    forged or foreign press records nothing."""
    row = await fetch_one(
        conn,
        "SELECT 1 FROM outbox o JOIN broadcasts b ON b.id = o.broadcast_id "
        "WHERE o.broadcast_id = ? AND o.chat_id = ? AND o.state = 'sent' "
        "AND b.purpose = 'broadcast'",
        (broadcast_id, telegram_id),
    )
    if row is None:
        return None
    cur = await conn.execute(
        "INSERT OR IGNORE INTO broadcast_acks (broadcast_id, telegram_id, at) VALUES (?, ?, ?)",
        (broadcast_id, telegram_id, now),
    )
    return cur.rowcount == 1


async def acknowledged_by(conn: aiosqlite.Connection, broadcast_id: int) -> set[int]:
    rows = await fetch_all(
        conn, "SELECT telegram_id FROM broadcast_acks WHERE broadcast_id = ?", (broadcast_id,)
    )
    return {int(r[0]) for r in rows}


# -- audiences -----------------------------------------------------------------------------


async def members(
    conn: aiosqlite.Connection,
    *,
    block: str | None = None,
    district: str | None = None,
    codes: Sequence[str] | None = None,
    heads_only: bool = False,
) -> list[Recipient]:
    """Bound members of the chosen units, in roster order."""
    where = ["1 = 1"]
    params: list[object] = []
    if block is not None:
        where.append("u.block = ?")
        params.append(block)
    if district is not None:
        where.append("u.district = ?")
        params.append(district)
    if codes is not None:
        where.append(f"u.code IN ({', '.join('?' for _ in codes) or 'NULL'})")
        params.extend(codes)
    if heads_only:
        where.append("m.role = 'head'")
    rows = await fetch_all(
        conn,
        "SELECT m.telegram_id, m.unit_code FROM memberships m JOIN units u ON u.code = "
        f"m.unit_code JOIN blocks b ON b.code = u.block WHERE {' AND '.join(where)} "
        "ORDER BY b.position, u.code, m.role, m.bound_at",
        params,
    )
    return [Recipient(chat_id=r[0], unit_code=r[1]) for r in rows]


async def districts(conn: aiosqlite.Connection) -> list[str]:
    rows = await fetch_all(
        conn, "SELECT DISTINCT district FROM units WHERE district != '' ORDER BY district"
    )
    return [str(r[0]) for r in rows]


async def recipients_of(
    conn: aiosqlite.Connection, broadcast_id: int
) -> list[tuple[int, str | None, str, str | None]]:
    """(chat, unit, state, person's name) for every row of a broadcast."""
    rows = await fetch_all(
        conn,
        "SELECT o.chat_id, o.unit_code, o.state, p.full_name FROM outbox o "
        "LEFT JOIN people p ON p.telegram_id = o.chat_id WHERE o.broadcast_id = ? "
        "ORDER BY o.unit_code, o.id",
        (broadcast_id,),
    )
    return [(int(r[0]), r[1], str(r[2]), r[3]) for r in rows]


async def ack_counts(conn: aiosqlite.Connection, ids: Sequence[int]) -> dict[int, int]:
    if not ids:
        return {}
    # Only acknowledgements from people it was delivered to, as the detail view counts
    # them (a database may hold older ones from presses that were not checked).
    rows = await fetch_all(
        conn,
        "SELECT a.broadcast_id, COUNT(*) FROM broadcast_acks a JOIN outbox o "
        "ON o.broadcast_id = a.broadcast_id AND o.chat_id = a.telegram_id AND o.state = 'sent' "
        f"WHERE a.broadcast_id IN ({', '.join('?' for _ in ids)}) GROUP BY a.broadcast_id",
        list(ids),
    )
    return {int(r[0]): int(r[1]) for r in rows}
