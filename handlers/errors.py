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

from bot.yearbook import NoRulesForYear
from handlers import texts
from handlers.context import App, BotContext

log = logging.getLogger(__name__)


async def on_error(update: object, context: BotContext) -> None:
    if isinstance(context.error, NoRulesForYear):
        await _no_rules(update, context, context.error)
        return
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


async def _no_rules(update: object, context: BotContext, error: NoRulesForYear) -> None:
    """Not a bug but a year the office has not set up: say so, to the office with the
    files to add; the period stays as it was."""
    log.warning(
        "No report form and methodology for %s (years loaded: %s)", error.year, error.years
    )
    if not isinstance(update, Update) or update.effective_chat is None:
        return
    if not context.bot_data.first_apology(update.update_id):
        return
    user = update.effective_user
    if user is not None and user.id in context.services.settings.office_ids:
        form_file, methodology_file = error.files
        text = texts.NO_RULES_FOR_YEAR_OFFICE.format(
            year=error.year,
            form_file=form_file,
            methodology_file=methodology_file,
            years=", ".join(str(y) for y in error.years),
        )
    else:
        text = texts.NO_RULES_FOR_YEAR.format(year=error.year)
    try:
        await context.bot.send_message(update.effective_chat.id, text)
    except TelegramError:
        log.exception("Could not send the no-rules notice for update %s", update.update_id)


def register(app: App) -> None:
    app.add_error_handler(on_error)
