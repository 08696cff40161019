"""Routes free text and files to the conversation the person is in.

Each journey with several steps registers a flow name and a handler. The flow a person
is in is read from the database on every message, so after a restart the next message
still reaches the right journey. With no flow, the person gets a short hint.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from telegram import Update
from telegram.ext import MessageHandler, filters

from handlers import texts
from handlers.common import reply
from handlers.context import App, BotContext

FlowHandler = Callable[[Update, BotContext], Awaitable[bool]]

_flows: dict[str, FlowHandler] = {}


def register_flow(name: str, handler: FlowHandler) -> None:
    _flows[name] = handler


async def on_message(update: Update, context: BotContext) -> None:
    user = update.effective_user
    if user is None:
        return
    flow = await context.services.conversations.flow_of(user.id)
    handler = _flows.get(flow) if flow else None
    if handler is not None and await handler(update, context):
        return
    who = await context.services.registration.identify(user.id)
    if who.is_bound:
        await reply(update, context, texts.IDLE_BOUND)
    elif who.is_office:
        await reply(update, context, texts.IDLE_OFFICE)
    else:
        await reply(update, context, texts.NEED_INVITE)


async def on_unknown_command(update: Update, context: BotContext) -> None:
    who = (
        await context.services.registration.identify(update.effective_user.id)
        if update.effective_user
        else None
    )
    await reply(
        update,
        context,
        texts.UNKNOWN_COMMAND if who and (who.is_bound or who.is_office) else texts.NEED_INVITE,
    )


def register(app: App) -> None:
    """Registered last: commands and buttons of the journeys take precedence."""
    app.add_handler(
        MessageHandler(
            (filters.TEXT & ~filters.COMMAND) | filters.Document.ALL | filters.PHOTO,
            on_message,
        )
    )
    app.add_handler(MessageHandler(filters.COMMAND, on_unknown_command))
