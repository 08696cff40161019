"""Which multi-step conversation a person is in, as persisted by the journeys."""

from __future__ import annotations

from datetime import timedelta

from bot.clock import Clock, to_iso
from storage import sessions, updates
from storage.database import Database

# Telegram keeps undelivered updates for 24 hours; a claim older than that can go.
_CLAIM_TTL = timedelta(days=2)


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
