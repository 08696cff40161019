"""Helpers shared by the journeys: who is writing, role checks, and sending long HTML."""

from __future__ import annotations

import html
import logging
import re

from telegram import CallbackQuery, InlineKeyboardMarkup, Message, Update
from telegram.error import TelegramError

from bot.forms.answers import IncomingDocument
from bot.services.registration import Identity
from handlers import texts
from handlers.context import BotContext
from handlers.telegram_text import split_html

log = logging.getLogger(__name__)

_TAGS = re.compile(r"<[^>]*>")


async def identify(update: Update, context: BotContext) -> Identity | None:
    user = update.effective_user
    if user is None:
        return None
    return await context.services.registration.identify(user.id)


async def reply(
    update: Update,
    context: BotContext,
    text: str,
    markup: InlineKeyboardMarkup | None = None,
) -> Message | None:
    """Send ``text`` to the chat of the update, split as needed; buttons go on the last part."""
    chat = update.effective_chat
    if chat is None:
        return None
    return await send(context, chat.id, text, markup)


async def send(
    context: BotContext, chat_id: int, text: str, markup: InlineKeyboardMarkup | None = None
) -> Message | None:
    parts = split_html(text)
    sent: Message | None = None
    for i, part in enumerate(parts):
        last = i == len(parts) - 1
        sent = await context.bot.send_message(chat_id, part, reply_markup=markup if last else None)
    return sent


async def require_office(update: Update, context: BotContext) -> Identity | None:
    """The identity if the writer is office staff; otherwise a polite refusal and None.

    Checked on every call, so removing someone from CCHC_OFFICE_IDS takes effect at once.
    """
    who = await identify(update, context)
    if who is None or not who.is_office:
        await reply(update, context, texts.OFFICE_ONLY)
        return None
    return who


async def require_registered(update: Update, context: BotContext) -> Identity | None:
    """Anyone who belongs: a bound unit member or office staff."""
    who = await identify(update, context)
    if who is None or not (who.is_bound or who.is_office):
        await reply(update, context, texts.NEED_REGISTERED)
        return None
    return who


async def require_member(update: Update, context: BotContext) -> Identity | None:
    who = await identify(update, context)
    if who is None or not who.is_bound:
        await reply(
            update, context, texts.UNIT_ONLY if who and who.is_office else texts.NEED_INVITE
        )
        return None
    return who


async def answer_query(
    query: CallbackQuery, text: str | None = None, *, alert: bool = False
) -> None:
    """Stop the button's spinner; a query Telegram has already expired is not an error."""
    try:
        await query.answer(text, show_alert=alert)
    except TelegramError as exc:
        log.info("Could not answer callback query: %s", exc)


async def retire_buttons(query: CallbackQuery) -> None:
    """Take the buttons off the message that was pressed, so it cannot be pressed again."""
    message = query.message
    if isinstance(message, Message):
        await edit_markup(message, None)


def _shows(message: Message, text: str, markup: InlineKeyboardMarkup | None) -> bool:
    """Whether ``message`` already shows ``text`` (HTML) with ``markup``: Telegram refuses
    such an edit ("message is not modified"). Compared as plain text, as Telegram does."""
    plain = html.unescape(_TAGS.sub("", text)).strip()
    shown = (message.text or message.caption or "").strip()
    return plain == shown and message.reply_markup == markup


async def edit_text(
    message: Message, text: str, markup: InlineKeyboardMarkup | None = None
) -> bool:
    """Show ``text`` in ``message`` instead; an identical edit is skipped, not sent.
    False when the message cannot take it: a photo or a file (whose caption is no text),
    or one Telegram refuses to edit (too old, deleted…)."""
    if message.text is None:
        return False
    if _shows(message, text, markup):
        return True
    try:
        await message.edit_text(text, reply_markup=markup)
    except TelegramError as exc:
        log.info("Could not edit message %s: %s", message.message_id, exc)
        return False
    return True


async def edit_markup(message: Message, markup: InlineKeyboardMarkup | None) -> None:
    """Change a message's buttons; skipped when they are the same already."""
    if message.reply_markup == markup:
        return
    try:
        await message.edit_reply_markup(reply_markup=markup)
    except TelegramError as exc:
        log.info("Could not change the buttons of message %s: %s", message.message_id, exc)


def incoming_file(message: Message) -> IncomingDocument | None:
    """The file a message carries, as the upload checks see it. A photo has no name and
    is JPEG: the checks refuse it where a document is required, and say why."""
    if message.document is not None:
        doc = message.document
        return IncomingDocument(
            doc.file_id, doc.file_unique_id, doc.file_name, doc.mime_type, doc.file_size
        )
    if message.photo:
        photo = message.photo[-1]
        return IncomingDocument(
            photo.file_id, photo.file_unique_id, None, "image/jpeg", photo.file_size
        )
    return None
