"""A typed callback context: handlers reach our services as ``context.services``."""

from __future__ import annotations

from typing import Any

from telegram.ext import Application, CallbackContext, ContextTypes, ExtBot

from bot.services.container import Services


class AppData:
    """``bot_data``: holds the services, set once at start-up."""

    __slots__ = ("services",)

    def __init__(self) -> None:
        self.services: Services | None = None


class BotContext(CallbackContext[ExtBot[Any], dict[Any, Any], dict[Any, Any], AppData]):
    @property
    def services(self) -> Services:
        services = self.bot_data.services
        if services is None:
            raise RuntimeError("services are not initialised")
        return services


CONTEXT_TYPES = ContextTypes(context=BotContext, bot_data=AppData)

App = Application[ExtBot[Any], BotContext, dict[Any, Any], dict[Any, Any], AppData, Any]
