"""Updates the journeys must never see: group chats and edited messages.

Reports are a private matter between a unit and the office, so the bot works only in
private chats. An edited message must not count as a new answer: PTB delivers edits to
message handlers by default, and an edit of question 3's answer would otherwise be
taken as the answer to the question now on screen.
"""

from __future__ import annotations

from telegram import Update
from telegram.constants import ChatType
from telegram.ext import ApplicationHandlerStop

from handlers import texts
from handlers.common import reply
from handlers.context import BotContext


async def guard(update: Update, context: BotContext) -> None:
    chat = update.effective_chat
    if chat is not None and chat.type != ChatType.PRIVATE:
        raise ApplicationHandlerStop
    if update.edited_message is not None:
        await reply(update, context, texts.EDITED_IGNORED)
        raise ApplicationHandlerStop
