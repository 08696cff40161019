"""Shared fixtures: a fresh database per test, a movable clock, the example roster."""

from __future__ import annotations

import csv
from collections.abc import AsyncIterator
from importlib import resources
from pathlib import Path

import pytest

from bot.config import Settings
from bot.services.container import Services, open_services
from tests.clock import FakeClock

OFFICE_ID = 900001


def example_roster() -> Path:
    return Path(str(resources.files("bot.data").joinpath("roster_example.csv")))


def _rows(path: Path) -> int:
    with path.open(encoding="utf-8", newline="") as f:
        return sum(1 for _ in csv.DictReader(f))


EXAMPLE_UNITS = _rows(example_roster())
"""How many units the example roster lists, counted from the file with the csv module
(not the bot's importer), so tests follow the file when a unit is added to it."""


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(
        bot_token="123456:TEST",  # type: ignore[arg-type]
        db_path=tmp_path / "cchc.db",
        office_ids=frozenset({OFFICE_ID}),
        bot_username="cchc_test_bot",
        _env_file=None,  # type: ignore[call-arg]
    )


@pytest.fixture
async def services(settings: Settings, clock: FakeClock) -> AsyncIterator[Services]:
    opened = await open_services(settings, clock=clock)
    await opened.roster.import_file(example_roster(), actor="test")
    yield opened
    await opened.close()
