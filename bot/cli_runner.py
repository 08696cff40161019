"""How the command groups run their work: one definition for every `cli_*` module.

Nothing heavy is imported here at module level: the parser of every command is built
from the `cli_*` modules, and `cchc-bot --help` must pay neither for matplotlib and the
Telegram stack nor for pydantic and the database driver (tests/unit/test_cli_imports.py).
Settings, rules and services are imported when a command runs.
"""

from __future__ import annotations

import asyncio
import sqlite3
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Protocol

from bot.texts import cli as texts
from bot.texts import config as config_texts

if TYPE_CHECKING:
    from bot.config import Settings
    from bot.services.container import Services
    from bot.yearbook import YearRules
    from storage.database import Database

Work = Callable[["Services"], Awaitable[int]]
"""A command's work on open services; returns the exit code."""


class Runner(Protocol):
    """Opens the services for ``work`` (:func:`with_services`) and closes them."""

    def __call__(self, settings: Settings, work: Work) -> int: ...


def with_services(settings: Settings, work: Work) -> int:
    """Build every service, open the database, run ``work``, close everything."""
    from bot.services.container import build_services  # the whole stack: only when run

    async def go() -> int:
        services = build_services(settings)
        try:
            await open_database(services.db, settings)
            return await work(services)
        finally:
            await services.close()

    return asyncio.run(go())


async def open_database(db: Database, settings: Settings) -> None:
    """Open (and migrate) the database; a file that cannot be opened is a setting error."""
    try:
        await db.open()
    except (sqlite3.Error, OSError) as exc:
        from bot.config import SettingsError

        raise SettingsError(
            config_texts.DB_OPEN_FAILED.format(path=settings.db_path, error=exc)
        ) from None


def year_rules(settings: Settings, year: int | None) -> YearRules:
    """The form and methodology a `show` command means (``--year``, else this year's or
    the latest); the files alone are read, no database is opened just to look."""
    from bot.clock import utc_now
    from bot.config import SettingsError
    from bot.yearbook import NoRulesForYear, RulesError, chosen_year, load_yearbook

    today = utc_now().astimezone(settings.tz).date()
    try:
        return chosen_year(load_yearbook(settings.rules_dir), year, today)
    except RulesError as exc:
        raise SettingsError(str(exc)) from None
    except NoRulesForYear as exc:
        years = ", ".join(str(y) for y in exc.years)
        raise SettingsError(
            texts.NO_RULES_FOR_YEAR.format(
                year=exc.year, files=texts.NO_RULES_FILES_JOIN.join(exc.files), years=years
            )
        ) from None
