"""How the command groups run their work: one definition for every `cli_*` module."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Protocol

from bot.clock import utc_now
from bot.config import Settings, SettingsError
from bot.services.container import Services
from bot.yearbook import NoRulesForYear, RulesError, YearRules, chosen_year, load_yearbook

Work = Callable[[Services], Awaitable[int]]
"""A command's work on open services; returns the exit code."""


class Runner(Protocol):
    """Opens the services for ``work`` (bot/cli.py's ``_with_services``) and closes them."""

    def __call__(self, settings: Settings, work: Work) -> int: ...


def year_rules(settings: Settings, year: int | None) -> YearRules:
    """The form and methodology a `show` command means (``--year``, else this year's or
    the latest); the files alone are read, no database is opened just to look."""
    today = utc_now().astimezone(settings.tz).date()
    try:
        return chosen_year(load_yearbook(settings.rules_dir), year, today)
    except RulesError as exc:
        raise SettingsError(str(exc)) from None
    except NoRulesForYear as exc:
        years = ", ".join(str(y) for y in exc.years)
        raise SettingsError(
            f"năm {exc.year} chưa có mẫu báo cáo và bộ tiêu chí ({' và '.join(exc.files)}); "
            f"các năm đã có: {years}"
        ) from None
