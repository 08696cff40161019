"""A typed callback context: handlers reach our services as ``context.services``."""

from __future__ import annotations

from collections import deque
from typing import Any

from telegram.ext import Application, CallbackContext, ContextTypes, ExtBot

from bot.services.container import Services

APOLOGIES_REMEMBERED = 1000


class AppData:
    """``bot_data``: holds the services, set once at start-up, and the updates already
    apologised for (the newest few: an update fails within moments of arriving)."""

    __slots__ = ("_apologised", "services")

    def __init__(self) -> None:
        self.services: Services | None = None
        self._apologised: deque[int] = deque(maxlen=APOLOGIES_REMEMBERED)

    def first_apology(self, update_id: int) -> bool:
        """True the first time an apology is due for this update."""
        if update_id in self._apologised:
            return False
        self._apologised.append(update_id)
        return True


class BotContext(CallbackContext[ExtBot[Any], dict[Any, Any], dict[Any, Any], AppData]):
    @property
    def services(self) -> Services:
        services = self.bot_data.services
        if services is None:
            raise RuntimeError("services are not initialised")
        return services


CONTEXT_TYPES = ContextTypes(context=BotContext, bot_data=AppData)

App = Application[ExtBot[Any], BotContext, dict[Any, Any], dict[Any, Any], AppData, Any]
