"""The library of exemplary practices: saved broadcasts and units' nominations.

Search folds Vietnamese to plain letters on both sides ("chuyển đổi số" and
"chuyen doi so" find the same practices): lower case, diacritics removed, đ → d.
"""

from __future__ import annotations

import html
import re
import unicodedata
from dataclasses import dataclass

from bot.clock import Clock, to_iso
from bot.domain.broadcasts import Content, Practice
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


class PracticeService:
    def __init__(self, db: Database, clock: Clock) -> None:
        self._db = db
        self._clock = clock

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
    ) -> int:
        """Save a practice: published at once (office), or pending review (a nomination)."""
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

    async def link_broadcast(self, practice_id: int, broadcast_id: int) -> None:
        """Remember the broadcast that announced an approved practice."""
        async with self._db.write() as conn:
            await store.link_broadcast(conn, practice_id, broadcast_id)

    async def decide(
        self, practice_id: int, *, approve: bool, by: int, reason: str | None = None
    ) -> Practice:
        """Publish or reject a pending nomination and return it as decided.

        Raises :class:`NominationDecided` if it was decided already (or does not exist):
        of two office members deciding at once, only one gets past here.
        """
        now = to_iso(self._clock())
        status = "published" if approve else "rejected"
        async with self._db.write() as conn:
            if not await store.decide(
                conn, practice_id, status=status, by=by, reason=reason, now=now
            ):
                raise NominationDecided(practice_id)
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
