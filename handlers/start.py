"""/start (with or without an invite code) and /help."""

from __future__ import annotations

from telegram import Update
from telegram.ext import CommandHandler

from bot.formatting import format_datetime
from bot.services.registration import RedeemOutcome
from handlers import texts
from handlers.commands import publish_office_commands
from handlers.common import identify, reply
from handlers.context import App, BotContext
from handlers.telegram_text import esc

_FAILURES = {
    RedeemOutcome.UNKNOWN: texts.INVITE_UNKNOWN,
    RedeemOutcome.EXPIRED: texts.INVITE_EXPIRED,
    RedeemOutcome.USED: texts.INVITE_USED,
    RedeemOutcome.REVOKED: texts.INVITE_REVOKED,
}


async def cmd_start(update: Update, context: BotContext) -> None:
    user = update.effective_user
    if user is None:
        return
    registration = context.services.registration
    name = esc(user.full_name)
    if context.args:
        result = await registration.redeem(
            user.id, context.args[0], full_name=user.full_name, username=user.username
        )
        if result.outcome is RedeemOutcome.BOUND and result.unit and result.role:
            await reply(
                update,
                context,
                texts.WELCOME_BOUND.format(
                    name=name, role=texts.ROLE_NAMES[result.role], unit=esc(result.unit.name)
                ),
            )
            return
        if result.outcome is RedeemOutcome.THROTTLED and result.retry_after:
            tz = context.services.settings.tz
            await reply(
                update,
                context,
                texts.INVITE_THROTTLED.format(time=format_datetime(result.retry_after, tz)),
            )
            return
        await reply(update, context, _FAILURES.get(result.outcome, texts.INVITE_UNKNOWN))
        return
    who = await identify(update, context)
    if who is not None and who.is_bound and who.unit and who.membership:
        await reply(
            update,
            context,
            texts.WELCOME_BACK.format(
                name=name, role=texts.ROLE_NAMES[who.membership.role], unit=esc(who.unit.name)
            ),
        )
    elif who is not None and who.is_office:
        await reply(update, context, texts.WELCOME_OFFICE.format(name=name))
        # Telegram refuses a chat-scoped menu before the person has opened the bot, so
        # the office menu is (re)published when they do.
        await publish_office_commands(context.bot, user.id)
    else:
        await reply(update, context, texts.NEED_INVITE)


async def cmd_help(update: Update, context: BotContext) -> None:
    who = await identify(update, context)
    sections: list[str] = []
    if who is not None and who.is_bound:
        sections.append(texts.HELP_UNIT)
    if who is not None and who.is_office:
        sections.append(texts.HELP_OFFICE)
    await reply(update, context, "\n\n".join(sections) or texts.NEED_INVITE)


def register(app: App) -> None:
    app.add_handler(CommandHandler("start", cmd_start))
    app.add_handler(CommandHandler("help", cmd_help))
