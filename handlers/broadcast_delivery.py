"""Putting a broadcast on Telegram: the content as recipients see it, and the transport.

Every broadcast carries "👍 Đã đọc"; a notice (the office's message to many people, each
with its own text) goes through the same transport without it.

The outbox sender uses its own :class:`telegram.Bot`, not the application's: PTB's
``AIORateLimiter`` would queue, retry and pause every chat on a 429, which is exactly
what the sender does better for a broadcast (per chat, persisted). Interactive replies
keep going through the application's bot and its rate limiter.
"""

from __future__ import annotations

import json
import logging
import warnings
from collections.abc import Sequence
from datetime import timedelta
from typing import Any
from zoneinfo import ZoneInfo

from telegram import (
    Bot,
    InlineKeyboardMarkup,
    InputMediaDocument,
    InputMediaPhoto,
    Message,
)
from telegram.constants import ParseMode
from telegram.error import (
    BadRequest,
    Forbidden,
    NetworkError,
    RetryAfter,
    TelegramError,
    TimedOut,
)
from telegram.request import HTTPXRequest
from telegram.warnings import PTBDeprecationWarning

from bot.clock import from_iso
from bot.config import Settings
from bot.domain.broadcasts import SUBMISSIONS, SUBMITTED, Broadcast, Content, DeliveryCounts
from bot.formatting import format_datetime
from bot.services.outbox import (
    PermanentError,
    RateLimited,
    RecipientGone,
    TransientError,
)
from bot.services.periods import label_of
from bot.texts import outbox as outbox_texts
from handlers import texts
from handlers.buttons import button
from handlers.callbacks import Ack, AckPreview, BroadcastDetail, ReviewOpen, SaveAsPractice
from handlers.telegram_text import esc, split_html, truncate

log = logging.getLogger(__name__)


def ack_markup(broadcast_id: int | None) -> InlineKeyboardMarkup:
    """ "👍 Đã đọc" under a broadcast; ``None`` for the office's preview of one."""
    data = AckPreview() if broadcast_id is None else Ack(broadcast_id)
    return InlineKeyboardMarkup([[button(texts.BTN_ACK, data)]])


async def send_content(
    bot: Bot, chat_id: int, content: Content, *, part: int, markup: InlineKeyboardMarkup | None
) -> list[int]:
    """Send one part of ``content``; an album is the media, then a message with the button."""
    html = ParseMode.HTML
    caption = content.body or None
    sent: Message | Sequence[Message]
    if content.kind == "text":
        sent = await bot.send_message(chat_id, content.body, parse_mode=html, reply_markup=markup)
    elif content.kind == "photo":
        sent = await bot.send_photo(
            chat_id,
            content.media[0].file_id,
            caption=caption,
            parse_mode=html,
            reply_markup=markup,
        )
    elif content.kind == "document":
        sent = await bot.send_document(
            chat_id,
            content.media[0].file_id,
            caption=caption,
            parse_mode=html,
            reply_markup=markup,
        )
    elif part == 0:
        media = [
            InputMediaPhoto(m.file_id, caption=caption if i == 0 else None, parse_mode=html)
            if m.type == "photo"
            else InputMediaDocument(
                m.file_id, caption=caption if i == 0 else None, parse_mode=html
            )
            for i, m in enumerate(content.media)
        ]
        sent = await bot.send_media_group(chat_id, media)
    else:
        sent = await bot.send_message(
            chat_id, texts.BROADCAST_ALBUM_ACK, parse_mode=html, reply_markup=markup
        )
    if isinstance(sent, Message):
        return [sent.message_id]
    return [m.message_id for m in sent]


def retry_after_seconds(exc: RetryAfter) -> float:
    with warnings.catch_warnings():
        # PTB 22 announces that retry_after becomes a timedelta; accept both.
        warnings.simplefilter("ignore", PTBDeprecationWarning)
        value = exc.retry_after
    return value.total_seconds() if isinstance(value, timedelta) else float(value)


def render_progress(broadcast: Broadcast, counts: DeliveryCounts, tz: ZoneInfo) -> str:
    audience = esc(broadcast.audience)
    if not counts.done:
        percent = counts.finished * 100 // counts.total if counts.total else 100
        return texts.BROADCAST_PROGRESS.format(
            id=broadcast.id,
            audience=audience,
            done=counts.finished,
            total=counts.total,
            percent=percent,
        )
    text = texts.BROADCAST_DONE.format(
        id=broadcast.id,
        audience=audience,
        at=format_datetime(broadcast.finished_at, tz) if broadcast.finished_at else "",
        sent=counts.sent,
        total=counts.total,
        blocked=counts.blocked,
        failed=counts.failed,
    )
    for reason, n in list(counts.reasons.items())[:8]:
        text += texts.BROADCAST_REASON.format(reason=esc(reason), n=n)
    return text


def done_markup(broadcast_id: int) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        [
            [button(texts.BTN_BROADCAST_DETAIL, BroadcastDetail(broadcast_id))],
            [button(texts.BTN_SAVE_PRACTICE, SaveAsPractice(broadcast_id))],
        ]
    )


def _submission(item: dict[str, Any], tz: ZoneInfo) -> dict[str, object]:
    """A submission's fields as the notices' wording takes them (text escaped)."""
    return {
        "unit": esc(item["unit_name"]),
        "code": esc(item["unit_code"]),
        "period": label_of(item["period"]),
        "period_code": item["period"],
        "version": item["version"],
        "at": format_datetime(from_iso(item["at"]), tz),
        "reference": esc(item["reference"]),
    }


def render_payload(
    payload: dict[str, Any], tz: ZoneInfo
) -> list[tuple[str, InlineKeyboardMarkup | None]]:
    """A structured notice as messages (text, buttons): submissions gathered for the
    office, or a colleague's submission for a unit's members."""
    items = payload["items"]
    kind = payload.get("kind")
    if kind == SUBMITTED:
        by = esc(items[0].get("by", ""))
        return [(texts.UNIT_NOTICE.format(name=by, **_submission(items[0], tz)), None)]
    if kind != SUBMISSIONS:
        raise ValueError(f"unknown notice: {kind!r}")
    if len(items) == 1:
        review = button(texts.BTN_REVIEW, ReviewOpen(int(items[0]["report_id"])))
        text = texts.OFFICE_NOTICE.format(**_submission(items[0], tz))
        return [(text, InlineKeyboardMarkup([[review]]))]
    lines = [texts.OFFICE_NOTICE_BATCH.format(n=len(items))]
    lines += [texts.OFFICE_NOTICE_BATCH_LINE.format(**_submission(i, tz)) for i in items]
    lines.append(texts.OFFICE_NOTICE_BATCH_FOOTER)
    reviews = [
        button(
            truncate(texts.BTN_REVIEW_UNIT.format(code=item["unit_code"]), 40),
            ReviewOpen(int(item["report_id"])),
        )
        for item in items
    ]
    markup = InlineKeyboardMarkup([reviews[i : i + 3] for i in range(0, len(reviews), 3)])
    parts = split_html("\n".join(lines))
    return [(part, None) for part in parts[:-1]] + [(parts[-1], markup)]


class FloodWait(TelegramError):
    """A 429, read before PTB builds its RetryAfter (whose int form warns in PTB 22)."""

    def __init__(self, seconds: float) -> None:
        super().__init__(f"Flood control exceeded. Retry in {seconds:g} seconds")
        self.seconds = seconds


class FloodAwareRequest(HTTPXRequest):
    """Turns a 429 into :class:`FloodWait` before PTB builds a RetryAfter (whose int
    ``retry_after`` warns in PTB 22)."""

    async def do_request(self, *args: Any, **kwargs: Any) -> tuple[int, bytes]:
        code, payload = await super().do_request(*args, **kwargs)
        if code == 429:
            try:
                seconds = float(json.loads(payload)["parameters"]["retry_after"])
            except (ValueError, KeyError, TypeError):
                seconds = 1.0
            raise FloodWait(seconds)
        return code, payload


class TelegramTransport:
    """The sender's requests, over a Bot of its own with a pool sized to its concurrency."""

    def __init__(self, settings: Settings, *, bot: Bot | None = None) -> None:
        timeout = settings.broadcast_timeout
        self.bot = bot or Bot(
            settings.token(),
            base_url=settings.api_base_url,
            base_file_url=settings.api_file_url,
            request=FloodAwareRequest(
                connection_pool_size=settings.broadcast_concurrency + 2,
                read_timeout=timeout,
                write_timeout=timeout,
                connect_timeout=timeout,
                pool_timeout=timeout,
            ),
        )
        self._tz = settings.tz
        self._max_attempts = settings.broadcast_max_attempts

    async def start(self) -> None:
        await self.bot.initialize()

    async def close(self) -> None:
        await self.bot.shutdown()

    async def deliver(
        self, broadcast_id: int, content: Content, chat_id: int, part: int, *, ack: bool
    ) -> Sequence[int]:
        markup = ack_markup(broadcast_id) if ack else None
        try:
            return await send_content(self.bot, chat_id, content, part=part, markup=markup)
        except TelegramError as exc:
            raise self._translate(exc) from exc

    def _translate(self, exc: TelegramError) -> Exception:
        """Telegram's answer as what the sender understands."""
        if isinstance(exc, FloodWait):
            return RateLimited(exc.seconds)
        if isinstance(exc, RetryAfter):
            return RateLimited(retry_after_seconds(exc))
        if isinstance(exc, Forbidden):
            return RecipientGone(outbox_texts.REASON_BLOCKED)
        if isinstance(exc, BadRequest):  # a NetworkError subclass in PTB: checked first
            return PermanentError(texts.REASON_REFUSED.format(detail=exc.message))
        if isinstance(exc, TimedOut):
            return TransientError(texts.REASON_TIMEOUT)
        if isinstance(exc, NetworkError):  # 5xx answers and connection trouble alike
            return TransientError(texts.REASON_TRANSIENT.format(n=self._max_attempts))
        return PermanentError(texts.REASON_REFUSED.format(detail=exc.message))

    def payload_parts(self, payload: dict[str, Any]) -> int:
        return len(render_payload(payload, self._tz))

    async def deliver_payload(
        self, chat_id: int, payload: dict[str, Any], part: int
    ) -> Sequence[int]:
        text, markup = render_payload(payload, self._tz)[part]
        try:
            sent = await self.bot.send_message(
                chat_id, text, parse_mode=ParseMode.HTML, reply_markup=markup
            )
        except TelegramError as exc:
            raise self._translate(exc) from exc
        return [sent.message_id]

    async def show_progress(self, broadcast: Broadcast, counts: DeliveryCounts) -> None:
        if broadcast.progress_chat is None or broadcast.progress_message is None:
            return
        text = render_progress(broadcast, counts, self._tz)
        try:
            await self.bot.edit_message_text(
                text,
                chat_id=broadcast.progress_chat,
                message_id=broadcast.progress_message,
                parse_mode=ParseMode.HTML,
                reply_markup=done_markup(broadcast.id) if counts.done else None,
            )
        except BadRequest as exc:
            # Refused for good (the message was deleted, say); "not modified": shown already.
            if "not modified" not in exc.message:
                log.warning("Progress of broadcast %s not shown: %s", broadcast.id, exc.message)
        except (FloodWait, RetryAfter, NetworkError) as exc:
            # Flood control, a timeout, a 5xx: the sender edits again later.
            raise self._translate(exc) from exc
        except TelegramError as exc:
            log.warning("Progress of broadcast %s not shown: %s", broadcast.id, exc)
