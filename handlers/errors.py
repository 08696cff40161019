"""The one error handler: log with context, apologise briefly, never show a traceback.

The apology goes to the person whatever happened before. A button press is always
answered by the router (handlers/buttons.py), a failure included, so the apology never
depends on answering it again (Telegram would refuse: "query is too old"). One update
gets one apology, even if handlers in two groups fail on it.
"""

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
    if not isinstance(update, Update) or update.effective_chat is None:
        return
    if not context.bot_data.first_apology(update.update_id):
        return
    try:
        await context.bot.send_message(update.effective_chat.id, texts.ERROR)
    except TelegramError:
        log.exception("Could not send the apology for update %s", update.update_id)


def register(app: App) -> None:
    app.add_error_handler(on_error)
