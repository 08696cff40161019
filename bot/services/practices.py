"""The library of exemplary practices: saved broadcasts and units' nominations.

Search folds Vietnamese to plain letters on both sides ("chuyển đổi số" and
"chuyen doi so" find the same practices): lower case, diacritics removed, đ → d.
"""

from __future__ import annotations

import html
import re
import unicodedata
from dataclasses import dataclass
from typing import Protocol

import aiosqlite

from bot.clock import Clock, to_iso
from bot.domain.broadcasts import Content, Practice, Recipient
from bot.services.conversations import Ending, end_in
from bot.texts import practices as T
from storage import audit, units
from storage import practices as store
from storage.database import Database

# Topics of the campaign (seed 000, II.1), as the office names them; data, not wording.
TAG_LABELS = T.TAG_LABELS
TAGS = tuple(TAG_LABELS)
PAGE_SIZE = 5
_TAG_RE = re.compile(r"<[^>]+>")


def fold(text: str) -> str:
    """Lower case without diacritics, for accent-insensitive search."""
    text = text.lower()
    for letter, plain in T.FOLD_LETTERS.items():
        text = text.replace(letter, plain)
    decomposed = unicodedata.normalize("NFD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def search_words(query: str) -> list[str]:
    return [w for w in re.split(r"\W+", fold(query)) if w]


def _search_text(title: str, body_html: str, unit_name: str, tag_labels: list[str]) -> str:
    plain = html.unescape(_TAG_RE.sub(" ", body_html))
    return " ".join(fold(part) for part in (title, plain, unit_name, *tag_labels))


@dataclass(frozen=True, slots=True)
class Page:
    items: list[Practice]
    total: int
    page: int
    pages: int


class NominationDecided(Exception):
    """The nomination was already approved or rejected."""


@dataclass(frozen=True, slots=True)
class Announcement:
    """An approved nomination broadcast to these recipients, under this audience label."""

    recipients: list[Recipient]
    audience_label: str


class BroadcastWriter(Protocol):
    """Who writes a broadcast inside a caller's transaction (the broadcasts service)."""

    async def write_broadcast(
        self,
        conn: aiosqlite.Connection,
        *,
        created_by: int,
        content: Content,
        recipients: list[Recipient],
        audience_label: str,
    ) -> int: ...

    def wake(self) -> None: ...


class PracticeService:
    def __init__(
        self, db: Database, clock: Clock, *, broadcasts: BroadcastWriter | None = None
    ) -> None:
        self._db = db
        self._clock = clock
        self._broadcasts = broadcasts

    async def _unit_name(self, code: str | None) -> tuple[str | None, str]:
        if not code:
            return None, ""
        unit = await units.get_unit(self._db.reader, code)
        return (unit.code, unit.name) if unit else (None, "")

    async def add(
        self,
        *,
        title: str,
        content: Content,
        unit_code: str | None,
        tags: list[str],
        by: int,
        broadcast_id: int | None = None,
        pending: bool = False,
        ending: Ending | None = None,
    ) -> int:
        """Save a practice: published at once (office), or pending review (a nomination).

        ``ending``: the conversation that collected it ends in the same transaction, so
        a crash never leaves the practice saved with the conversation still open (a
        second press would save it twice).
        """
        code, name = await self._unit_name(unit_code)
        known_tags = [t for t in tags if t in TAGS]
        labels = [TAG_LABELS[t] for t in known_tags]
        now = to_iso(self._clock())
        async with self._db.write() as conn:
            practice_id = await store.add(
                conn,
                title=title,
                content=content,
                unit_code=code,
                tags=known_tags,
                search_text=_search_text(title, content.body, name, labels),
                status="pending" if pending else "published",
                broadcast_id=broadcast_id,
                proposed_by=by,
                now=now,
            )
            await audit.record(
                conn,
                at=now,
                actor=f"tg:{by}",
                action="practice.nominate" if pending else "practice.add",
                unit_code=code,
                detail={"id": practice_id, "title": title, "broadcast_id": broadcast_id},
            )
            await end_in(conn, ending)
        return practice_id

    async def get(self, practice_id: int) -> Practice | None:
        return await store.get(self._db.reader, practice_id)

    async def browse(self, *, tag: str | None, query: str, page: int) -> Page:
        words = search_words(query)
        found, total = await store.search(
            self._db.reader,
            tag=tag if tag in TAGS else None,
            words=words,
            limit=PAGE_SIZE,
            offset=max(page - 1, 0) * PAGE_SIZE,
        )
        pages = max(1, -(-total // PAGE_SIZE))
        return Page(found, total, min(max(page, 1), pages), pages)

    async def pending(self) -> list[Practice]:
        return await store.pending(self._db.reader)

    async def decide(
        self,
        practice_id: int,
        *,
        approve: bool,
        by: int,
        reason: str | None = None,
        ending: Ending | None = None,
        announce: Announcement | None = None,
    ) -> Practice:
        """Publish or reject a pending nomination and return it as decided.

        One transaction holds the decision, the end of ``ending``'s conversation (the
        rejection's reason) and, with ``announce``, the approved practice's broadcast
        and its link: a crash leaves all of them or none (never a practice approved but
        not announced, which no second press could announce).

        Raises :class:`NominationDecided` if it was decided already (or does not exist):
        of two office members deciding at once, only one gets past here. The
        conversation ends all the same (it was about a decision already taken).
        """
        now = to_iso(self._clock())
        status = "published" if approve else "rejected"
        async with self._db.write() as conn:
            await end_in(conn, ending)
            if not await store.decide(
                conn, practice_id, status=status, by=by, reason=reason, now=now
            ):
                decided = None
            else:
                decided = await self._decided(conn, practice_id, by, now, status, reason)
                if approve and announce is not None:
                    assert self._broadcasts is not None, "announcing needs the broadcasts"
                    broadcast_id = await self._broadcasts.write_broadcast(
                        conn,
                        created_by=by,
                        content=decided.content,
                        recipients=announce.recipients,
                        audience_label=announce.audience_label,
                    )
                    await store.link_broadcast(conn, practice_id, broadcast_id)
                    decided = decided.model_copy(update={"broadcast_id": broadcast_id})
        if decided is None:
            raise NominationDecided(practice_id)
        if approve and announce is not None and self._broadcasts is not None:
            self._broadcasts.wake()
        return decided

    async def _decided(
        self,
        conn: aiosqlite.Connection,
        practice_id: int,
        by: int,
        now: str,
        status: str,
        reason: str | None,
    ) -> Practice:
        decided = await store.get(conn, practice_id)
        assert decided is not None  # the update above found it
        await audit.record(
            conn,
            at=now,
            actor=f"tg:{by}",
            action="practice.decide",
            unit_code=decided.unit_code,
            detail={"id": practice_id, "before": "pending", "after": status, "reason": reason},
        )
        return decided

    async def unit_name(self, code: str | None) -> str:
        return (await self._unit_name(code))[1]
