"""The office's broadcasts: /broadcast (compose, audience, preview, confirm or schedule),
/broadcasts (past ones), acknowledgements ("👍 Đã đọc") and who has read what.

Where the office is in composing lives in the database (flow ``broadcast``), so a restart
in the middle loses nothing. Delivery belongs to the outbox sender.
"""

from __future__ import annotations

import asyncio
import logging
import re
import typing
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Message, Update
from telegram.ext import CommandHandler

from bot.domain.broadcasts import Content, Media
from bot.formatting import format_datetime, period_label
from bot.services.broadcasts import Audience
from bot.services.conversations import Ending
from handlers import buttons, texts
from handlers.broadcast_delivery import (
    ack_markup,
    render_progress,
    send_content,
)
from handlers.buttons import Press, Who, button
from handlers.callbacks import (
    Ack,
    AckPreview,
    BroadcastDetail,
    ComposeAudience,
    ComposeBlock,
    ComposeCancel,
    ComposeDistrict,
    ComposeRoles,
    ComposeSchedule,
    ComposeSend,
)
from handlers.common import edit_text, reply, require_office, send
from handlers.context import App, BotContext
from handlers.dialog import Flow
from handlers.telegram_text import esc, truncate

log = logging.getLogger(__name__)

FLOW = "broadcast"
ALBUM_SETTLE = 1.0  # seconds of quiet after an album's last item before asking on
_TIME_RE = re.compile(r"^\s*(\d{1,2})/(\d{1,2})/(\d{4})\s+(\d{1,2})[:h](\d{2})\s*$", re.ASCII)


# -- content -------------------------------------------------------------------------------


def content_of(message: Message) -> Content | None:
    """The office's (or a unit's) message as broadcast content, formatting kept as HTML."""
    caption = message.caption_html if message.caption else ""
    if message.photo:
        return Content(
            kind="photo",
            body=caption,
            media=(Media(type="photo", file_id=message.photo[-1].file_id),),
        )
    if message.document is not None:
        return Content(
            kind="document",
            body=caption,
            media=(Media(type="document", file_id=message.document.file_id),),
        )
    if message.text:
        return Content(kind="text", body=message.text_html)
    return None


def _describe(content: Content) -> str:
    name = texts.CONTENT_NAMES[content.kind]
    return name.format(n=len(content.media)) if content.kind == "album" else name


# -- compose ---------------------------------------------------------------------------------


async def cmd_broadcast(update: Update, context: BotContext) -> None:
    who = await require_office(update, context)
    if who is None:
        return
    await context.services.broadcasts.save_session(who.telegram_id, FLOW, {"step": "content"})
    await reply(update, context, texts.BROADCAST_ASK_CONTENT)


async def on_message(update: Update, context: BotContext) -> bool:
    """Free text and files while composing; False if the person is not composing."""
    message = update.effective_message
    user = update.effective_user
    if message is None or user is None:
        return False
    service = context.services.broadcasts
    session = await service.session(user.id)
    if session is None or session.flow != FLOW:
        return False
    if not context.services.registration.is_office(user.id):
        await service.end_session(user.id, frozenset({FLOW}))
        return False
    state = dict(session.state)
    step = state.get("step")
    if step in ("content", "album"):
        await _take_content(update, context, message, state)
    elif step == "codes":
        await _take_codes(update, context, message, state)
    elif step == "time":
        await _take_time(update, context, message, state)
    else:
        await reply(update, context, texts.BROADCAST_USE_BUTTONS)
    return True


async def _take_content(
    update: Update, context: BotContext, message: Message, state: dict[str, Any]
) -> None:
    user_id = message.chat_id
    service = context.services.broadcasts
    group = message.media_group_id
    single = content_of(message)
    if group is not None and single is not None and single.media:
        same_album = state.get("group") == group
        media = list(state.get("media", [])) if same_album else []
        media.append(single.media[0].model_dump())
        # The album's caption: the first item's that has one.
        body = (state.get("body") if same_album else "") or single.body
        state = {"step": "album", "group": group, "media": media, "body": body}
        await service.save_session(user_id, FLOW, state)
        context.application.create_task(
            _settle_album(context, user_id, group, len(media)), update=update
        )
        return
    if single is None:
        await reply(update, context, texts.BROADCAST_BAD_CONTENT)
        return
    await _ask_audience(context, user_id, single)


async def _settle_album(context: BotContext, user_id: int, group: str, count: int) -> None:
    await asyncio.sleep(ALBUM_SETTLE)
    session = await context.services.broadcasts.session(user_id)
    if session is None or session.flow != FLOW:
        return
    state = session.state
    if state.get("step") != "album" or state.get("group") != group:
        return
    if len(state.get("media", [])) != count:
        return  # a later item arrived; its own task asks
    media = tuple(Media.model_validate(m) for m in state["media"])
    content = (
        Content(kind="album", body=state.get("body", ""), media=media)
        if len(media) > 1
        else Content(kind=media[0].type, body=state.get("body", ""), media=media)
    )
    await _ask_audience(context, user_id, content)


async def _ask_audience(context: BotContext, user_id: int, content: Content) -> None:
    service = context.services.broadcasts
    state = {"step": "audience", "content": content.model_dump(mode="json")}
    await service.save_session(user_id, FLOW, state)
    period = await service.current_period()
    markup = InlineKeyboardMarkup(
        [
            [button(texts.BTN_AUD_ALL, ComposeAudience("all"))],
            [button(texts.BTN_AUD_BLOCK, ComposeAudience("block"))],
            [button(texts.BTN_AUD_DISTRICT, ComposeAudience("district"))],
            [
                button(
                    texts.BTN_AUD_LATE.format(period=period_label(period.year, period.quarter)),
                    ComposeAudience("late"),
                )
            ],
            [button(texts.BTN_AUD_CODES, ComposeAudience("codes"))],
            [button(texts.BTN_CANCEL, ComposeCancel())],
        ]
    )
    await send(
        context,
        user_id,
        texts.BROADCAST_GOT_CONTENT.format(what=_describe(content)),
        markup,
    )


async def _take_codes(
    update: Update, context: BotContext, message: Message, state: dict[str, Any]
) -> None:
    raw = [c for c in re.split(r"[\s,;]+", message.text or "") if c]
    known, unknown = await context.services.broadcasts.unknown_codes(raw)
    if unknown or not known:
        await reply(
            update,
            context,
            texts.BROADCAST_UNKNOWN_CODES.format(codes=esc(", ".join(unknown) or "—")),
        )
        return
    state["audience"] = Audience(kind="codes", value=tuple(known)).to_state()
    await _ask_roles(context, message.chat_id, state)


async def _ask_roles(context: BotContext, chat_id: int, state: dict[str, Any]) -> None:
    state["step"] = "roles"
    await context.services.broadcasts.save_session(chat_id, FLOW, state)
    label = await _audience_label(context, Audience.from_state(state["audience"]))
    markup = InlineKeyboardMarkup(
        [
            [button(texts.BTN_ROLE_HEADS, ComposeRoles("h"))],
            [button(texts.BTN_ROLE_ALL, ComposeRoles("a"))],
            [button(texts.BTN_CANCEL, ComposeCancel())],
        ]
    )
    await send(context, chat_id, texts.BROADCAST_CHOOSE_ROLE.format(audience=esc(label)), markup)


async def _audience_label(context: BotContext, audience: Audience) -> str:
    """Plain text (not HTML): stored with the broadcast and escaped where shown."""
    service = context.services.broadcasts
    if audience.kind == "all":
        return texts.AUD_ALL
    if audience.kind == "block":
        names = {b.code: b.name for b in await service.blocks()}
        return texts.AUD_BLOCK.format(block=names.get(str(audience.value), str(audience.value)))
    if audience.kind == "district":
        return texts.AUD_DISTRICT.format(district=audience.value)
    if audience.kind == "late":
        period = await service.current_period()
        return texts.AUD_LATE.format(period=period_label(period.year, period.quarter))
    codes = audience.value if isinstance(audience.value, tuple) else ()
    return texts.AUD_CODES.format(codes=", ".join(codes))


async def _preview(context: BotContext, chat_id: int, state: dict[str, Any]) -> None:
    service = context.services.broadcasts
    audience = Audience.from_state(state["audience"])
    resolved = await service.resolve(audience)
    label = await _audience_label(context, audience)
    if not resolved.recipients:
        await send(context, chat_id, texts.BROADCAST_NO_RECIPIENTS)
        await _ask_audience(context, chat_id, Content.model_validate(state["content"]))
        return
    content = Content.model_validate(state["content"])
    state["step"] = "confirm"
    roles = texts.AUD_HEADS if audience.heads_only else texts.AUD_MEMBERS
    state["label"] = f"{label} ({roles})"
    await service.save_session(chat_id, FLOW, state)
    await send(context, chat_id, texts.BROADCAST_PREVIEW_HEADER)
    preview_ack = ack_markup(None)
    for part in range(content.parts):
        await send_content(context.bot, chat_id, content, part=part, markup=preview_ack)
    skipped = (
        texts.BROADCAST_SKIPPED.format(n=resolved.skipped_inactive)
        if resolved.skipped_inactive
        else ""
    )
    markup = InlineKeyboardMarkup(
        [
            [button(texts.BTN_SEND_NOW, ComposeSend())],
            [button(texts.BTN_SCHEDULE, ComposeSchedule())],
            [button(texts.BTN_CANCEL, ComposeCancel())],
        ]
    )
    await send(
        context,
        chat_id,
        texts.BROADCAST_CONFIRM.format(
            count=len(resolved.recipients),
            units=resolved.units,
            audience=esc(label),
            roles=roles,
            skipped=skipped,
        ),
        markup,
    )


async def _queue(
    context: BotContext, chat_id: int, state: dict[str, Any], scheduled_at: datetime | None
) -> tuple[int, int]:
    service = context.services.broadcasts
    resolved = await service.resolve(Audience.from_state(state["audience"]))
    broadcast_id = await service.queue(
        created_by=chat_id,
        content=Content.model_validate(state["content"]),
        recipients=resolved.recipients,
        audience_label=str(state.get("label", "")),
        scheduled_at=scheduled_at,
        ending=Ending(chat_id, FLOW),
    )
    return broadcast_id, len(resolved.recipients)


async def _take_time(
    update: Update, context: BotContext, message: Message, state: dict[str, Any]
) -> None:
    tz = context.services.settings.tz
    typed = (message.text or "").strip()
    match = _TIME_RE.match(typed)
    at: datetime | None = None
    if match:
        day, month, year, hour, minute = (int(g) for g in match.groups())
        try:
            at = datetime(year, month, day, hour, minute, tzinfo=tz)
        except ValueError:
            at = None
    now = context.services.clock()
    if at is None:
        # The session stays at this step: the content and audience are kept.
        await reply(
            update,
            context,
            texts.BROADCAST_BAD_TIME.format(
                text=esc(truncate(typed, 40) or "…"), example=_time_example(now, tz)
            ),
        )
        return
    if at <= now:
        await reply(
            update,
            context,
            texts.BROADCAST_TIME_PAST.format(
                at=format_datetime(at, tz), now=format_datetime(now, tz)
            ),
        )
        return
    broadcast_id, count = await _queue(context, message.chat_id, state, at)
    sent = await reply(
        update,
        context,
        texts.BROADCAST_SCHEDULED.format(
            id=broadcast_id,
            at=format_datetime(at, tz),
            count=count,
            audience=esc(state.get("label", "")),
        ),
    )
    if sent is not None:
        await context.services.broadcasts.set_progress_message(
            broadcast_id, sent.chat_id, sent.message_id
        )


def _time_example(now: datetime, tz: ZoneInfo) -> str:
    """A time the office could type: this afternoon, or tomorrow morning once it is late."""
    local = now.astimezone(tz)
    if local.hour >= 16:
        return (local + timedelta(days=1)).strftime("%d/%m/%Y 08:00")
    return local.strftime("%d/%m/%Y 16:30")


ComposeButton = (
    ComposeCancel
    | ComposeAudience
    | ComposeBlock
    | ComposeDistrict
    | ComposeRoles
    | ComposeSend
    | ComposeSchedule
)


async def on_button(update: Update, context: BotContext, press: Press[ComposeButton]) -> None:
    """A button of the compose flow; one from a flow that has ended (or from another
    step) is told so and changes nothing."""
    await press.answer()
    user_id = press.user_id
    service = context.services.broadcasts
    session = await service.session(user_id)
    state = dict(session.state) if session is not None and session.flow == FLOW else None
    data = press.data
    if state is None:
        await send(context, user_id, texts.BROADCAST_EXPIRED)
    elif isinstance(data, ComposeCancel):
        await service.end_session(user_id, frozenset({FLOW}))
        await send(context, user_id, texts.BROADCAST_CANCELLED)
    elif "content" not in state:
        await send(context, user_id, texts.BROADCAST_EXPIRED)
    elif isinstance(data, ComposeAudience):
        await _on_audience(context, user_id, state, data.audience)
    elif isinstance(data, ComposeBlock):
        if data.block not in {b.code for b in await service.blocks()}:
            await send(context, user_id, texts.BROADCAST_EXPIRED)
            return
        state["audience"] = Audience(kind="block", value=data.block).to_state()
        await _ask_roles(context, user_id, state)
    elif isinstance(data, ComposeDistrict):
        districts = await service.districts()
        if data.index >= len(districts):
            await send(context, user_id, texts.BROADCAST_EXPIRED)
            return
        state["audience"] = Audience(kind="district", value=districts[data.index]).to_state()
        await _ask_roles(context, user_id, state)
    elif isinstance(data, ComposeRoles) and "audience" in state:
        audience = Audience.from_state(state["audience"])
        state["audience"] = Audience(
            kind=audience.kind, value=audience.value, heads_only=data.roles == "h"
        ).to_state()
        await _preview(context, user_id, state)
    elif isinstance(data, ComposeSend) and state.get("step") == "confirm":
        await _start_now(context, press.message, user_id, state)
    elif isinstance(data, ComposeSchedule) and state.get("step") == "confirm":
        state["step"] = "time"
        await service.save_session(user_id, FLOW, state)
        example = _time_example(context.services.clock(), context.services.settings.tz)
        await send(context, user_id, texts.BROADCAST_ASK_TIME.format(example=example))
    else:
        await send(context, user_id, texts.BROADCAST_EXPIRED)


async def _on_audience(
    context: BotContext, user_id: int, state: dict[str, Any], kind: str
) -> None:
    service = context.services.broadcasts
    if kind in ("all", "late"):
        state["audience"] = Audience(kind="all" if kind == "all" else "late").to_state()
        await _ask_roles(context, user_id, state)
    elif kind == "block":
        rows = [[button(b.name, ComposeBlock(b.code))] for b in await service.blocks()]
        rows.append([button(texts.BTN_CANCEL, ComposeCancel())])
        await send(context, user_id, texts.BROADCAST_CHOOSE_BLOCK, InlineKeyboardMarkup(rows))
    elif kind == "district":
        districts = await service.districts()
        rows = [[button(d, ComposeDistrict(i))] for i, d in enumerate(districts)][:90]
        rows.append([button(texts.BTN_CANCEL, ComposeCancel())])
        await send(context, user_id, texts.BROADCAST_CHOOSE_DISTRICT, InlineKeyboardMarkup(rows))
    elif kind == "codes":
        state["step"] = "codes"
        await service.save_session(user_id, FLOW, state)
        await send(context, user_id, texts.BROADCAST_ASK_CODES)


async def _start_now(
    context: BotContext, message: object, user_id: int, state: dict[str, Any]
) -> None:
    broadcast_id, _count = await _queue(context, user_id, state, None)
    # The confirmation becomes the progress message.
    edit = message if isinstance(message, Message) else None
    await post_progress(context, broadcast_id, user_id, edit=edit)


async def post_progress(
    context: BotContext, broadcast_id: int, chat_id: int, *, edit: Message | None = None
) -> None:
    """Show a queued broadcast's progress in ``edit`` (or a new message to ``chat_id``);
    the sender keeps that message up to date and turns it into the final report."""
    service = context.services.broadcasts
    broadcast = await service.get(broadcast_id)
    if broadcast is None:
        return
    counts = await service.counts(broadcast_id)
    text = render_progress(broadcast, counts, context.services.settings.tz)
    # A button pressed on a photo or a file (a forged press can be on any message) cannot
    # be given text: the progress goes in a new message then.
    target: Message | None = edit
    if edit is None or not await edit_text(edit, text):
        target = await send(context, chat_id, text)
    if target is not None:
        await service.set_progress_message(
            broadcast_id, target.chat_id, target.message_id, shown=counts
        )


# -- acknowledgements and reports ------------------------------------------------------------


async def on_ack(update: Update, context: BotContext, press: Press[Ack | AckPreview]) -> None:
    """ "👍 Đã đọc": counted only from a person the broadcast was delivered to; anyone
    else gets a neutral answer and nothing is recorded."""
    if isinstance(press.data, AckPreview):
        await press.answer(texts.BROADCAST_PREVIEW_ACK)
        return
    first = await context.services.broadcasts.acknowledge(press.data.broadcast_id, press.user_id)
    if first is None:
        await press.answer(texts.ACK_UNKNOWN)
    else:
        await press.answer(texts.ACK_THANKS if first else texts.ACK_AGAIN)


async def cmd_broadcasts(update: Update, context: BotContext) -> None:
    if await require_office(update, context) is None:
        return
    found = await context.services.broadcasts.recent(10)
    if not found:
        await reply(update, context, texts.BROADCASTS_NONE)
        return
    tz = context.services.settings.tz
    lines = [texts.BROADCASTS_HEADER]
    detail_buttons: list[InlineKeyboardButton] = []
    for item in found:
        b = item.broadcast
        status = texts.BROADCAST_STATUS[b.status].format(
            at=format_datetime(b.scheduled_at, tz) if b.scheduled_at else ""
        )
        lines.append(
            texts.BROADCASTS_LINE.format(
                id=b.id,
                at=format_datetime(b.created_at, tz),
                audience=esc(b.audience),
                status=status,
                sent=item.counts.sent,
                total=item.counts.total,
                blocked=item.counts.blocked,
                failed=item.counts.failed,
                acks=item.acks,
            )
        )
        detail_buttons.append(
            button(texts.BTN_BROADCAST_NUMBER.format(id=b.id), BroadcastDetail(b.id))
        )
    rows = [detail_buttons[i : i + 5] for i in range(0, len(detail_buttons), 5)]
    await reply(update, context, "\n".join(lines), InlineKeyboardMarkup(rows))


async def on_detail(update: Update, context: BotContext, press: Press[BroadcastDetail]) -> None:
    await press.answer()
    broadcast_id = press.data.broadcast_id
    service = context.services.broadcasts
    broadcast = await service.get(broadcast_id)
    if broadcast is None:
        await send(context, press.user_id, texts.BROADCAST_UNKNOWN.format(id=broadcast_id))
        return
    rows = await service.recipients(broadcast_id)
    delivered = [r for r in rows if r.state == "sent"]
    acked = [r for r in delivered if r.acknowledged]
    lines = [
        texts.BROADCAST_DETAIL.format(
            id=broadcast.id,
            audience=esc(broadcast.audience),
            acked=len(acked),
            delivered=len(delivered),
        )
    ]
    for title, group in (
        (texts.BROADCAST_DETAIL_ACKED, acked),
        (texts.BROADCAST_DETAIL_NOT_ACKED, [r for r in delivered if not r.acknowledged]),
    ):
        lines.append(title)
        lines += [
            texts.BROADCAST_DETAIL_LINE.format(unit=esc(r.unit_name), name=esc(r.person))
            for r in group
        ] or [texts.BROADCAST_DETAIL_NONE]
    await send(context, press.user_id, "\n".join(lines))


# -- coming back after a block ---------------------------------------------------------------


async def reactivate(update: Update, context: BotContext) -> None:
    """Someone who had blocked the bot wrote again: broadcasts reach them again (every
    update passes here, before the journeys: bot/app.py registers it)."""
    user = update.effective_user
    if user is not None and context.services.outbox.is_inactive(user.id):
        await context.services.outbox.reactivate(user.id)


def register(app: App) -> None:
    app.add_handler(CommandHandler("broadcast", cmd_broadcast))
    app.add_handler(CommandHandler("broadcasts", cmd_broadcasts))
    buttons.on(on_button, *typing.get_args(ComposeButton), who=Who.OFFICE)
    buttons.on(on_ack, Ack, AckPreview, who=Who.ANYONE)
    buttons.on(on_detail, BroadcastDetail, who=Who.OFFICE)


FLOWS = (Flow(FLOW, on_message, cancel="discard", cancelled=texts.BROADCAST_CANCELLED),)
