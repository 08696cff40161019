"""Which multi-step conversation a person is in, as persisted by the journeys."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from typing import Any

import aiosqlite

from bot.clock import Clock, to_iso
from storage import sessions, updates
from storage.database import Database

# Telegram keeps undelivered updates for 24 hours; a claim older than that can go.
_CLAIM_TTL = timedelta(days=2)


@dataclass(frozen=True, slots=True)
class Ending:
    """The conversation an action finishes: the service that performs the action ends it
    in the action's own transaction, so a crash never leaves the thing stored with the
    conversation still open (a retry would store it twice), nor the reverse."""

    telegram_id: int
    flow: str


async def end_in(conn: aiosqlite.Connection, ending: Ending | None) -> str | None:
    """End ``ending``'s conversation inside the caller's transaction, if it is still in
    that flow; the flow ended (None if there was nothing to end)."""
    if ending is None:
        return None
    session = await sessions.get(conn, ending.telegram_id)
    if session is None or session.flow != ending.flow:
        return None
    await sessions.clear(conn, ending.telegram_id)
    return session.flow


class ConversationService:
    def __init__(self, db: Database, clock: Clock) -> None:
        self._db = db
        self._clock = clock
        self._claims = 0

    async def flow_of(self, telegram_id: int) -> str | None:
        session = await sessions.get(self._db.reader, telegram_id)
        return session.flow if session else None

    async def claim_update(self, update_id: int) -> bool:
        """True the first time an update is seen; False for a re-delivery."""
        now = self._clock()
        async with self._db.write() as conn:
            fresh = await updates.claim(conn, update_id, to_iso(now))
            self._claims += 1
            if self._claims % 1000 == 0:
                await updates.prune(conn, to_iso(now - _CLAIM_TTL))
        return fresh

    async def begin(self, telegram_id: int, flow: str, state: dict[str, Any]) -> None:
        """Put the person in a one-question flow (e.g. writing an explanation)."""
        async with self._db.write() as conn:
            await sessions.put(conn, telegram_id, flow, state, to_iso(self._clock()))

    async def state_of(self, telegram_id: int, flow: str) -> dict[str, Any] | None:
        session = await sessions.get(self._db.reader, telegram_id)
        return session.state if session is not None and session.flow == flow else None

    async def end(self, telegram_id: int, flow: str | None = None) -> str | None:
        """Leave the current flow (only ``flow`` if given); returns the flow left."""
        async with self._db.write() as conn:
            session = await sessions.get(conn, telegram_id)
            if session is None or (flow is not None and session.flow != flow):
                return None
            await sessions.clear(conn, telegram_id)
        return session.flow
