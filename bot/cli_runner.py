"""How the command groups run their work: one definition for every `cli_*` module."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Protocol

from bot.config import Settings
from bot.services.container import Services

Work = Callable[[Services], Awaitable[int]]
"""A command's work on open services; returns the exit code."""


class Runner(Protocol):
    """Opens the services for ``work`` (bot/cli.py's ``_with_services``) and closes them."""

    def __call__(self, settings: Settings, work: Work) -> int: ...
