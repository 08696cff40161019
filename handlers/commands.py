"""The command menus Telegram shows: one for units, a wider one per office member."""

from __future__ import annotations

import logging
from typing import Any

from telegram import BotCommand, BotCommandScopeChat, BotCommandScopeDefault
from telegram.error import TelegramError
from telegram.ext import ExtBot

from handlers import texts

log = logging.getLogger(__name__)

UNIT_COMMANDS = [BotCommand(name, text) for name, text in texts.UNIT_COMMAND_MENU.items()]
# A command in both menus (/status) is listed once, with the office's description.
OFFICE_COMMANDS = [
    *(BotCommand(name, text) for name, text in texts.OFFICE_COMMAND_MENU.items()),
    *(c for c in UNIT_COMMANDS if c.command not in texts.OFFICE_COMMAND_MENU),
]


async def publish_commands(bot: ExtBot[Any], office_ids: frozenset[int]) -> None:
    await bot.set_my_commands(UNIT_COMMANDS, scope=BotCommandScopeDefault())
    for office_id in sorted(office_ids):
        await publish_office_commands(bot, office_id)


async def publish_office_commands(bot: ExtBot[Any], office_id: int) -> None:
    try:
        await bot.set_my_commands(OFFICE_COMMANDS, scope=BotCommandScopeChat(office_id))
    except TelegramError as exc:
        # Telegram refuses a chat scope for someone who never opened the bot; the menu
        # is set when they send /start.
        log.warning("Office commands not set for %s: %s", office_id, exc)
