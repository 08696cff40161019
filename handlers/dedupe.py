"""Drop updates Telegram delivers a second time (after a crash before confirmation)."""

from __future__ import annotations

import logging

from telegram import Update
from telegram.ext import ApplicationHandlerStop

from handlers.context import BotContext

log = logging.getLogger(__name__)


async def claim(update: Update, context: BotContext) -> None:
    if not await context.services.conversations.claim_update(update.update_id):
        log.info("Update %s was already handled; ignoring the re-delivery", update.update_id)
        raise ApplicationHandlerStop
