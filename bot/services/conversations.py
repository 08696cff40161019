"""Which multi-step conversation a person is in, as persisted by the journeys."""

from __future__ import annotations

from storage import sessions
from storage.database import Database


class ConversationService:
    def __init__(self, db: Database) -> None:
        self._db = db

    async def flow_of(self, telegram_id: int) -> str | None:
        session = await sessions.get(self._db.reader, telegram_id)
        return session.flow if session else None
