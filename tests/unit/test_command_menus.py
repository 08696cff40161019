"""The command menus Telegram shows and the help texts name only commands the bot has."""

from __future__ import annotations

import re

from telegram.ext import CommandHandler

from bot.app import build_application
from bot.config import Settings
from handlers import texts
from handlers.commands import OFFICE_COMMANDS, UNIT_COMMANDS


def registered(settings: Settings) -> set[str]:
    app = build_application(settings)
    return {
        command
        for group in app.handlers.values()
        for handler in group
        if isinstance(handler, CommandHandler)
        for command in handler.commands
    }


def test_every_menu_command_has_a_handler(settings: Settings) -> None:
    known = registered(settings)
    menus = {c.command for c in (*UNIT_COMMANDS, *OFFICE_COMMANDS)}
    assert menus - known == set()


def test_every_command_in_the_help_texts_has_a_handler(settings: Settings) -> None:
    known = registered(settings)
    named = set(re.findall(r"(?<![<\w])/([a-z_]+)", texts.HELP_UNIT + texts.HELP_OFFICE))
    assert named, "the help texts name commands"
    assert named - known == set()


def test_menu_descriptions_fit_telegram(settings: Settings) -> None:
    for command in (*UNIT_COMMANDS, *OFFICE_COMMANDS):
        assert 1 <= len(command.command) <= 32
        assert 1 <= len(command.description) <= 256
