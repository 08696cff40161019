"""Broadcasts, their outbox rows and exemplary practices, as services exchange them."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

ContentKind = Literal["text", "photo", "document", "album"]
MediaType = Literal["photo", "document"]
BroadcastStatus = Literal["scheduled", "sending", "done", "cancelled"]
RowState = Literal["pending", "sending", "sent", "failed", "blocked", "cancelled"]
PracticeStatus = Literal["pending", "published", "rejected"]
# A broadcast of an exemplary practice carries "👍 Đã đọc" and is listed in /broadcasts; a
# notice (a published ranking, a moved deadline) goes through the same outbox without either.
Purpose = Literal["broadcast", "notice"]

SUBMISSIONS = "submissions"
"""A gathered notice to the office: the units that have just submitted."""
SUBMITTED = "submitted"
"""A notice to a unit's other members: a colleague submitted the unit's report."""
FINAL_STATES: frozenset[str] = frozenset({"sent", "failed", "blocked", "cancelled"})


class _Model(BaseModel):
    model_config = ConfigDict(frozen=True)


class Media(_Model):
    type: MediaType
    file_id: str


class Content(_Model):
    """What recipients see: a text, a photo or document with caption, or an album.

    ``body`` is HTML (Telegram's formatting of the original, every user character
    escaped); for media it is the caption.
    """

    kind: ContentKind
    body: str = ""
    media: tuple[Media, ...] = ()

    @property
    def parts(self) -> int:
        """Requests per recipient: an album cannot carry a button, so it is followed by one."""
        return 2 if self.kind == "album" else 1


class Broadcast(_Model):
    id: int
    created_by: int
    created_at: datetime
    content: Content
    audience: str
    status: BroadcastStatus
    scheduled_at: datetime | None = None
    finished_at: datetime | None = None
    progress_chat: int | None = None
    progress_message: int | None = None
    purpose: Purpose = "broadcast"

    @property
    def carries_ack(self) -> bool:
        """Whether recipients get the "👍 Đã đọc" button (broadcasts do, notices do not)."""
        return self.purpose == "broadcast"


class OutboxRow(_Model):
    id: int
    broadcast_id: int
    chat_id: int
    unit_code: str | None
    state: RowState
    not_before: float
    attempts: int
    parts_done: int
    body: str | None = None  # HTML: this recipient's own text; None: the broadcast's content
    # A structured notice the transport words at send time (e.g. submissions gathered).
    payload: dict[str, Any] | None = None

    def content(self, broadcast: Content) -> Content:
        """What this recipient gets: the row's own text, or the broadcast's content."""
        return broadcast if self.body is None else Content(kind="text", body=self.body)


class Recipient(_Model):
    chat_id: int
    unit_code: str | None = None


class Notice(_Model):
    """One person's own text in a notice (HTML, every user character escaped)."""

    chat_id: int
    unit_code: str | None
    text: str


class DeliveryCounts(_Model):
    """Rows of one broadcast by state, and the reasons of failures (reason -> count)."""

    total: int = 0
    pending: int = 0
    sending: int = 0
    sent: int = 0
    failed: int = 0
    blocked: int = 0
    cancelled: int = 0
    reasons: dict[str, int] = Field(default_factory=dict)

    @property
    def finished(self) -> int:
        return self.sent + self.failed + self.blocked + self.cancelled

    @property
    def done(self) -> bool:
        return self.pending == 0 and self.sending == 0


class Practice(_Model):
    id: int
    title: str
    description: str  # HTML
    unit_code: str | None
    tags: tuple[str, ...]
    content: Content
    status: PracticeStatus
    broadcast_id: int | None
    proposed_by: int | None
    created_at: datetime
    reason: str | None = None
