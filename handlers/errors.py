"""The one error handler: log with context, apologise briefly, never show a traceback."""

from __future__ import annotations

import logging

from telegram import Update
from telegram.error import TelegramError

from handlers import texts
from handlers.context import App, BotContext

log = logging.getLogger(__name__)


async def on_error(update: object, context: BotContext) -> None:
    log.error(
        "Unhandled error while handling update %s",
        update.to_dict() if isinstance(update, Update) else update,
        exc_info=context.error,
    )
    if isinstance(update, Update) and update.effective_chat is not None:
        try:
            if update.callback_query is not None:
                await update.callback_query.answer()
            await context.bot.send_message(update.effective_chat.id, texts.ERROR)
        except TelegramError:
            log.exception("Could not send the apology")


def register(app: App) -> None:
    app.add_error_handler(on_error)
