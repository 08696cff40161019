"""The practice library: /practices (browse by topic or words), saving a broadcast into
it, /nominate (a unit proposes its own practice) and the office's /nominations queue.
"""

from __future__ import annotations

import logging
import typing
from typing import Any

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Message, Update
from telegram.error import TelegramError
from telegram.ext import CommandHandler

from bot.domain.broadcasts import Content, Media, Practice
from bot.formatting import format_datetime
from bot.services.broadcasts import Audience
from bot.services.conversations import Ending
from bot.services.practices import (
    PAGE_SIZE,
    TAG_LABELS,
    Announcement,
    NominationDecided,
    search_words,
)
from handlers import buttons, texts
from handlers.broadcast import content_of, post_progress
from handlers.broadcast_delivery import send_content
from handlers.buttons import Press, Who, button, fits
from handlers.callbacks import (
    NominationApprove,
    NominationApproveBroadcast,
    NominationReject,
    PracticeList,
    PracticeSkip,
    PracticeTag,
    PracticeTagsDone,
    PracticeView,
    SaveAsPractice,
)
from handlers.common import (
    edit_markup,
    edit_text,
    reply,
    require_member,
    require_office,
    require_registered,
    send,
)
from handlers.context import App, BotContext
from handlers.dialog import Flow
from handlers.telegram_text import CAPTION_LIMIT, esc, utf16_len

log = logging.getLogger(__name__)

SAVE_FLOW = "practice_save"
NOMINATE_FLOW = "nominate"
REJECT_FLOW = "nomination_reject"
TITLE_MAX = 200
DESCRIPTION_MAX = 900
REASON_MAX = 500  # the rejection's reason, told to the unit in one message


def _description_limit(title: str) -> int:
    """The longest description that, after the title and a blank line, still fits a
    photo's caption (the nomination's photo carries both)."""
    return min(DESCRIPTION_MAX, CAPTION_LIMIT - utf16_len(title) - 2)


def _tags_markup(chosen: list[str]) -> InlineKeyboardMarkup:
    rows = [
        [button(("✅ " if key in chosen else "") + label, PracticeTag(key))]
        for key, label in TAG_LABELS.items()
    ]
    rows.append([button(texts.BTN_PRACTICE_DONE, PracticeTagsDone())])
    return InlineKeyboardMarkup(rows)


def _tag_names(tags: tuple[str, ...] | list[str]) -> str:
    return ", ".join(TAG_LABELS.get(t, t) for t in tags)


# -- browsing ------------------------------------------------------------------------------


async def cmd_practices(update: Update, context: BotContext) -> None:
    if await require_registered(update, context) is None:
        return
    query = " ".join(context.args or [])
    text, markup = await _page(context, None, query, 1)
    await reply(update, context, text, markup)


async def _page(
    context: BotContext, tag: str | None, query: str, page: int
) -> tuple[str, InlineKeyboardMarkup]:
    service = context.services.practices
    tag_key = tag or "-"
    # The words travel folded in the page buttons, within Telegram's 64 bytes: every page,
    # the first one included, searches by the whole words that fit, so paging never
    # changes the search (a word cut in half would match other practices).
    searched = search_words(query)
    fitted = _fit_words(searched, tag_key)
    if fitted != searched:
        query = " ".join(fitted)
    found = await service.browse(tag=tag, query=query, page=page)
    lines = [texts.PRACTICES_HEADER]
    if tag:
        lines.append(texts.PRACTICES_FILTER_TAG.format(tag=esc(TAG_LABELS.get(tag, tag))))
    if query.strip():
        lines.append(texts.PRACTICES_FILTER_WORDS.format(words=esc(query.strip())))
    if not found.items:
        lines.append(texts.PRACTICES_EMPTY)
    start = (found.page - 1) * PAGE_SIZE
    for n, item in enumerate(found.items, start=start + 1):
        unit = await service.unit_name(item.unit_code)
        lines.append(
            texts.PRACTICE_LINE.format(
                n=n,
                title=esc(item.title),
                unit=texts.PRACTICE_LINE_UNIT.format(unit=esc(unit)) if unit else "",
                tags=texts.PRACTICE_LINE_TAGS.format(tags=_tag_names(item.tags))
                if item.tags
                else "",
            )
        )
    if found.items:
        lines.append(
            "\n"
            + texts.PRACTICES_PAGE.format(page=found.page, pages=found.pages, total=found.total)
        )
    lines.append("\n" + texts.PRACTICES_HINT)
    words = "+".join(fitted)
    rows: list[list[InlineKeyboardButton]] = []
    open_row = [
        button(texts.BTN_PRACTICE_OPEN.format(n=n), PracticeView(item.id))
        for n, item in enumerate(found.items, start=start + 1)
    ]
    if open_row:
        rows.append(open_row)
    nav: list[InlineKeyboardButton] = []
    if found.page > 1:
        nav.append(button(texts.BTN_PREV, PracticeList(tag_key, found.page - 1, words)))
    if found.page < found.pages:
        nav.append(button(texts.BTN_NEXT, PracticeList(tag_key, found.page + 1, words)))
    if nav:
        rows.append(nav)
    tag_buttons = [button(texts.BTN_ALL_TAGS, PracticeList("-", 1, ""))] + [
        button(label, PracticeList(key, 1, "")) for key, label in TAG_LABELS.items()
    ]
    rows += [tag_buttons[i : i + 3] for i in range(0, len(tag_buttons), 3)]
    return "\n".join(lines), InlineKeyboardMarkup(rows)


def _fit_words(words: list[str], tag: str) -> list[str]:
    """The leading whole words whose page button (for any page up to 9999) fits 64 bytes."""
    fitted: list[str] = []
    for word in words:
        if not fits(PracticeList(tag, 9999, "+".join([*fitted, word]))):
            break
        fitted.append(word)
    return fitted


async def _show_practice(context: BotContext, chat_id: int, practice: Practice) -> None:
    unit = await context.services.practices.unit_name(practice.unit_code)
    header = texts.PRACTICE_VIEW.format(
        title=esc(practice.title),
        unit=texts.PRACTICE_LINE_UNIT.format(unit=esc(unit)) if unit else "",
        tags=texts.PRACTICE_LINE_TAGS.format(tags=_tag_names(practice.tags))
        if practice.tags
        else "",
        description="",
    ).rstrip()
    await send(context, chat_id, header)
    content = practice.content
    if content.kind == "text" and not content.body:
        return
    # Part 0 only: an album's part 1 is the message that carries the "Đã đọc" button.
    await send_content(context.bot, chat_id, content, part=0, markup=None)


# -- saving a broadcast (office) -----------------------------------------------------------


async def on_save_broadcast(
    update: Update, context: BotContext, press: Press[SaveAsPractice]
) -> None:
    await press.answer()
    who = press.who
    broadcast_id = press.data.broadcast_id
    if await context.services.broadcasts.get(broadcast_id) is None:
        await send(context, who.telegram_id, texts.BROADCAST_UNKNOWN.format(id=broadcast_id))
        return
    await context.services.broadcasts.save_session(
        who.telegram_id, SAVE_FLOW, {"step": "title", "broadcast": broadcast_id}
    )
    await send(context, who.telegram_id, texts.PRACTICE_ASK_TITLE.format(id=broadcast_id))


async def _finish_save(context: BotContext, user_id: int, state: dict[str, Any]) -> None:
    broadcast = await context.services.broadcasts.get(int(state["broadcast"]))
    if broadcast is None:
        await send(context, user_id, texts.BROADCAST_EXPIRED)
        return
    practice_id = await context.services.practices.add(
        title=state["title"],
        content=broadcast.content,
        unit_code=state.get("unit"),
        tags=list(state.get("tags", [])),
        by=user_id,
        broadcast_id=broadcast.id,
        ending=Ending(user_id, SAVE_FLOW),
    )
    await send(
        context, user_id, texts.PRACTICE_SAVED.format(title=esc(state["title"]), id=practice_id)
    )


# -- nominations (units) -------------------------------------------------------------------


async def cmd_nominate(update: Update, context: BotContext) -> None:
    who = await require_member(update, context)
    if who is None:
        return
    await context.services.broadcasts.save_session(
        who.telegram_id, NOMINATE_FLOW, {"step": "title"}
    )
    await reply(update, context, texts.NOMINATE_ASK_TITLE)


async def _finish_nomination(context: BotContext, user_id: int, state: dict[str, Any]) -> None:
    who = await context.services.registration.identify(user_id)
    if not who.is_bound or who.unit is None:
        await context.services.broadcasts.end_session(user_id, frozenset({NOMINATE_FLOW}))
        return
    title_html = f"<b>{esc(state['title'])}</b>\n\n{state['description']}"
    media = tuple(Media.model_validate(m) for m in state.get("media", []))
    content = Content(kind=media[0].type if media else "text", body=title_html, media=media)
    practice_id = await context.services.practices.add(
        title=state["title"],
        content=content,
        unit_code=who.unit.code,
        tags=list(state.get("tags", [])),
        by=user_id,
        pending=True,
        ending=Ending(user_id, NOMINATE_FLOW),
    )
    await send(
        context, user_id, texts.NOMINATE_SENT.format(id=practice_id, title=esc(state["title"]))
    )
    for office_id in sorted(context.services.registration.office_ids):
        try:
            await send(
                context,
                office_id,
                texts.NOMINATION_OFFICE_NOTICE.format(
                    id=practice_id, unit=esc(who.unit.name), title=esc(state["title"])
                ),
            )
        except TelegramError as exc:
            log.warning("Office %s not told of nomination %s: %s", office_id, practice_id, exc)


# -- the office's queue --------------------------------------------------------------------


async def cmd_nominations(update: Update, context: BotContext) -> None:
    if await require_office(update, context) is None:
        return
    waiting = await context.services.practices.pending()
    if not waiting:
        await reply(update, context, texts.NOMINATIONS_NONE)
        return
    tz = context.services.settings.tz
    for item in waiting[:5]:
        unit = await context.services.practices.unit_name(item.unit_code)
        text = texts.NOMINATION_VIEW.format(
            id=item.id,
            unit=esc(unit or item.unit_code or ""),
            at=format_datetime(item.created_at, tz),
            title=esc(item.title),
            tags=_tag_names(item.tags) or "—",
            description=item.description,
        )
        markup = InlineKeyboardMarkup(
            [
                [button(texts.BTN_APPROVE, NominationApprove(item.id))],
                [button(texts.BTN_APPROVE_BROADCAST, NominationApproveBroadcast(item.id))],
                [button(texts.BTN_REJECT, NominationReject(item.id))],
            ]
        )
        if item.content.media:
            chat = update.effective_chat
            assert chat is not None
            await send_content(context.bot, chat.id, item.content, part=0, markup=None)
        await reply(update, context, text, markup)
    if len(waiting) > 5:
        await reply(update, context, texts.NOMINATIONS_MORE.format(n=len(waiting) - 5))


async def _decide(
    context: BotContext,
    office_id: int,
    practice_id: int,
    *,
    approve: bool,
    reason: str | None,
    broadcast: bool = False,
    ending: Ending | None = None,
) -> None:
    announce: Announcement | None = None
    if approve and broadcast:
        resolved = await context.services.broadcasts.resolve(Audience(kind="all", heads_only=True))
        announce = Announcement(resolved.recipients, f"{texts.AUD_ALL} ({texts.AUD_HEADS})")
    try:
        # Decided, announced and linked in one transaction: of two office members
        # pressing at once, only one gets past here, so the practice is never
        # broadcast twice.
        decided = await context.services.practices.decide(
            practice_id,
            approve=approve,
            by=office_id,
            reason=reason,
            ending=ending,
            announce=announce,
        )
    except NominationDecided:
        await send(context, office_id, texts.NOMINATION_DECIDED.format(id=practice_id))
        return
    if announce is not None:
        broadcast_id = decided.broadcast_id
        assert broadcast_id is not None
        await send(
            context,
            office_id,
            texts.NOMINATION_APPROVED_BROADCAST.format(
                id=practice_id, count=len(announce.recipients), broadcast=broadcast_id
            ),
        )
        await post_progress(context, broadcast_id, office_id)
    elif approve:
        await send(context, office_id, texts.NOMINATION_APPROVED.format(id=practice_id))
    else:
        await send(context, office_id, texts.NOMINATION_REJECTED.format(id=practice_id))
    if decided.proposed_by is not None:
        told = (
            texts.NOMINATION_TOLD_APPROVED.format(title=esc(decided.title), id=decided.id)
            if approve
            else texts.NOMINATION_TOLD_REJECTED.format(
                title=esc(decided.title), id=decided.id, reason=esc(reason or "")
            )
        )
        try:
            await send(context, decided.proposed_by, told)
        except TelegramError as exc:
            log.warning("Proposer of nomination %s not told: %s", decided.id, exc)


# -- buttons and free text -------------------------------------------------------------------


async def on_list(update: Update, context: BotContext, press: Press[PracticeList]) -> None:
    """Another page or topic of the library, shown in the same message."""
    await press.answer()
    data = press.data
    tag = None if data.tag == "-" else data.tag
    text, markup = await _page(context, tag, data.words.replace("+", " "), data.page)
    message = press.message
    if message is None or not await edit_text(message, text, markup):
        await send(context, press.user_id, text, markup)


async def on_view(update: Update, context: BotContext, press: Press[PracticeView]) -> None:
    await press.answer()
    practice = await context.services.practices.get(press.data.practice_id)
    if practice is not None and practice.status == "published":
        await _show_practice(context, press.user_id, practice)
    else:
        await send(context, press.user_id, texts.PRACTICE_UNKNOWN)


Decision = NominationApprove | NominationApproveBroadcast | NominationReject


async def on_decision(update: Update, context: BotContext, press: Press[Decision]) -> None:
    """The office approves (and perhaps broadcasts) or rejects a unit's nomination."""
    await press.answer()
    user_id, data = press.user_id, press.data
    if isinstance(data, NominationReject):
        found = await context.services.practices.get(data.practice_id)
        if found is None or found.status != "pending":
            await send(context, user_id, texts.NOMINATION_DECIDED.format(id=data.practice_id))
            return
        await context.services.broadcasts.save_session(
            user_id, REJECT_FLOW, {"id": data.practice_id}
        )
        await send(context, user_id, texts.NOMINATION_ASK_REASON.format(id=data.practice_id))
        return
    await _decide(
        context,
        user_id,
        data.practice_id,
        approve=True,
        reason=None,
        broadcast=isinstance(data, NominationApproveBroadcast),
    )


Step = PracticeTag | PracticeTagsDone | PracticeSkip


async def on_step(update: Update, context: BotContext, press: Press[Step]) -> None:
    """Buttons of the save and nominate conversations."""
    await press.answer()
    user_id, data = press.user_id, press.data
    session = await context.services.broadcasts.session(user_id)
    if session is None or session.flow not in (SAVE_FLOW, NOMINATE_FLOW):
        await send(context, user_id, texts.BROADCAST_EXPIRED)
        return
    if session.flow == SAVE_FLOW and not press.who.is_office:
        return  # the office's conversation; a person removed from the office stops here
    state = dict(session.state)
    if isinstance(data, PracticeTag) and state.get("step") == "tags":
        chosen = list(state.get("tags", []))
        chosen = (
            [t for t in chosen if t != data.tag] if data.tag in chosen else [*chosen, data.tag]
        )
        state["tags"] = chosen
        await context.services.broadcasts.save_session(user_id, session.flow, state)
        if press.message is not None:
            await edit_markup(press.message, _tags_markup(chosen))
    elif isinstance(data, PracticeTagsDone) and state.get("step") == "tags":
        if session.flow == SAVE_FLOW:
            await _finish_save(context, user_id, state)
        else:
            await _finish_nomination(context, user_id, state)
    elif isinstance(data, PracticeSkip) and state.get("step") in ("unit", "file"):
        await _advance(context, user_id, session.flow, state, None)
    else:
        await send(context, user_id, texts.BROADCAST_USE_BUTTONS)


async def _advance(
    context: BotContext, user_id: int, flow: str, state: dict[str, Any], message: Message | None
) -> None:
    """One step of the save or nominate conversation, with ``message`` as the answer."""
    bs = context.services.broadcasts
    step = state.get("step")
    text = (message.text or "").strip() if message is not None else ""
    if step == "title":
        if not 3 <= len(text) <= TITLE_MAX:
            await send(context, user_id, texts.PRACTICE_TITLE_BAD)
            return
        state["title"] = text
        if flow == SAVE_FLOW:
            state["step"] = "unit"
            await bs.save_session(user_id, flow, state)
            await send(
                context,
                user_id,
                texts.PRACTICE_ASK_UNIT,
                InlineKeyboardMarkup([[button(texts.BTN_PRACTICE_SKIP, PracticeSkip())]]),
            )
        else:
            state["step"] = "description"
            await bs.save_session(user_id, flow, state)
            await send(
                context,
                user_id,
                texts.NOMINATE_ASK_DESCRIPTION.format(max=_description_limit(text)),
            )
        return
    if step == "unit":
        if message is not None:
            known, unknown = await bs.unknown_codes([text])
            if unknown or not known:
                await send(context, user_id, texts.UNKNOWN_UNIT.format(code=esc(text)))
                return
            state["unit"] = known[0]
        state["step"] = "tags"
        await bs.save_session(user_id, flow, state)
        await send(context, user_id, texts.PRACTICE_ASK_TAGS, _tags_markup([]))
        return
    if step == "description":
        if message is None or not message.text:
            await send(context, user_id, texts.NOMINATE_TEXT_ONLY)
            return
        limit = _description_limit(str(state.get("title", "")))
        if not 3 <= utf16_len(message.text) <= limit:
            await send(context, user_id, texts.NOMINATE_DESCRIPTION_BAD.format(max=limit))
            return
        state["description"] = message.text_html
        state["step"] = "file"
        await bs.save_session(user_id, flow, state)
        await send(
            context,
            user_id,
            texts.NOMINATE_ASK_FILE,
            InlineKeyboardMarkup([[button(texts.BTN_PRACTICE_SKIP, PracticeSkip())]]),
        )
        return
    if step == "file":
        if message is not None:
            content = content_of(message)
            if content is None or not content.media:
                await send(context, user_id, texts.NOMINATE_FILE_ONLY)
                return
            state["media"] = [content.media[0].model_dump()]
        state["step"] = "tags"
        await bs.save_session(user_id, flow, state)
        await send(context, user_id, texts.NOMINATE_ASK_TAGS, _tags_markup([]))
        return
    await send(context, user_id, texts.BROADCAST_USE_BUTTONS)


async def on_message(update: Update, context: BotContext) -> bool:
    message = update.effective_message
    user = update.effective_user
    if message is None or user is None:
        return False
    session = await context.services.broadcasts.session(user.id)
    if session is None:
        return False
    if session.flow == REJECT_FLOW:
        if not context.services.registration.is_office(user.id):
            return False
        reason = (message.text or "").strip()
        if not reason:
            await send(context, user.id, texts.NOMINATE_TEXT_ONLY)
            return True
        if len(reason) > REASON_MAX:
            await send(
                context,
                user.id,
                texts.NOMINATION_REASON_LONG.format(n=len(reason), max=REASON_MAX),
            )
            return True
        await _decide(
            context,
            user.id,
            int(session.state["id"]),
            approve=False,
            reason=reason,
            ending=Ending(user.id, REJECT_FLOW),
        )
        return True
    await _advance(context, user.id, session.flow, dict(session.state), message)
    return True


def register(app: App) -> None:
    app.add_handler(CommandHandler("practices", cmd_practices))
    app.add_handler(CommandHandler("nominate", cmd_nominate))
    app.add_handler(CommandHandler("nominations", cmd_nominations))
    buttons.on(on_list, PracticeList, who=Who.REGISTERED)
    buttons.on(on_view, PracticeView, who=Who.REGISTERED)
    buttons.on(on_decision, *typing.get_args(Decision), who=Who.OFFICE)
    buttons.on(on_step, *typing.get_args(Step), who=Who.REGISTERED)
    buttons.on(on_save_broadcast, SaveAsPractice, who=Who.OFFICE)


# /cancel says what it said when these were part of the broadcasts' conversations.
FLOWS = (
    Flow(SAVE_FLOW, on_message, cancel="discard", cancelled=texts.BROADCAST_CANCELLED),
    Flow(NOMINATE_FLOW, on_message, cancel="discard", cancelled=texts.NOMINATE_CANCELLED),
    Flow(REJECT_FLOW, on_message, cancel="discard", cancelled=texts.BROADCAST_CANCELLED),
)
