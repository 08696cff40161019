"""End to end: the production Application against the HTTP Bot API stand-in."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.app import build_application, services_of, start_application, stop_application
from bot.config import Settings
from bot.forms.schema import FormSpec
from bot.services.container import Services
from bot.standin import BotApiStandin, SentMessage, SimulatedUser
from handlers.context import App
from tests.clock import FakeClock
from tests.conftest import OFFICE_ID, example_roster
from tests.form_steps import FORM, Walk


@pytest.fixture
async def standin() -> AsyncIterator[BotApiStandin]:
    server = BotApiStandin(token="123456:TEST", bot_username="cchc_test_bot")
    await server.start()
    yield server
    await server.stop()
    # The bot must never send anything Telegram would refuse.
    assert [(e.method, e.description) for e in server.errors] == []


@pytest.fixture
def e2e_settings(tmp_path: Path, standin: BotApiStandin) -> Settings:
    return Settings(
        bot_token=standin.token,  # type: ignore[arg-type]
        api_base_url=standin.base_url,
        db_path=tmp_path / "cchc.db",
        office_ids=frozenset({OFFICE_ID}),
        # Each submission's notice at once: tests of gathering set their own window.
        notice_window=0,
        _env_file=None,  # type: ignore[call-arg]
    )


@pytest.fixture
async def app(
    e2e_settings: Settings,
    clock: FakeClock,
    caplog: pytest.LogCaptureFixture,
    standin: BotApiStandin,
) -> AsyncIterator[App]:
    application = build_application(e2e_settings, clock=clock)
    await start_application(application, poll_timeout=1)
    await services_of(application).roster.import_file(example_roster(), actor="test")
    # The office has opened the bot (it hears of submissions made in any test).
    standin.user(OFFICE_ID, "Nguyễn Văn Phòng").started = True
    caplog.set_level(logging.WARNING)
    yield application
    await stop_application(application)
    unhandled = [r for r in caplog.records if r.name == "handlers.errors"]
    assert unhandled == [], "the error handler was reached"


@pytest.fixture
def app_services(app: App) -> Services:
    return services_of(app)


@pytest.fixture
async def office(standin: BotApiStandin, app: App) -> SimulatedUser:
    user = standin.user(OFFICE_ID, "Nguyễn Văn Phòng")
    await user.send("/start")
    await user.expect("Văn phòng Sở")
    return user


async def bound_user(
    standin: BotApiStandin,
    services: Services,
    user_id: int,
    unit_code: str,
    *,
    role: str = "head",
    name: str = "Trần Thị Hiệu Trưởng",
) -> SimulatedUser:
    """A person invited and registered through the real /start flow."""
    invite = await services.registration.create_invite(
        unit_code,
        "head" if role == "head" else "reporter",
        created_by="test",
    )
    user = standin.user(user_id, name)
    await user.send(f"/start {invite.code}")
    await user.expect("đã được xác nhận")
    return user


async def fill_report(
    user: SimulatedUser,
    overrides: dict[str, str] | None = None,
    *,
    form: FormSpec = FORM,
    step_times: list[float] | None = None,
) -> SentMessage:
    """Answer every question of ``form`` in its order, from /report to the summary (answers
    from VALID_ANSWERS by key, or ``overrides``); returns the summary's first part.

    With ``step_times``, the time from each answer to the bot's next question is recorded
    (the benchmark uses this).
    """
    walk = Walk(user, overrides, form=form)
    await walk.start()
    return await walk.finish(step_times=step_times)


async def delivered(services: Services, broadcast_id: int) -> None:
    """Wait until the outbox has recorded the fate of every recipient of a broadcast
    (it records each after Telegram answers, and offers nothing to await)."""
    while not (await services.broadcasts.counts(broadcast_id)).done:  # noqa: ASYNC110
        await asyncio.sleep(0.02)


async def outbox_settled(services: Services) -> None:
    """Wait until the outbox has nothing left to send (the notices a submission queued,
    say), so that a test comparing the database sees no delivery in between."""
    while True:  # noqa: ASYNC110 - the outbox offers nothing to await
        async with services.db.reader.execute(
            "SELECT COUNT(*) FROM outbox WHERE state IN ('pending', 'sending')"
        ) as cur:
            row = await cur.fetchone()
        async with services.db.reader.execute(
            "SELECT COUNT(*) FROM broadcasts WHERE status = 'sending'"
        ) as cur:
            open_broadcasts = await cur.fetchone()
        if (
            row is not None
            and row[0] == 0
            and open_broadcasts is not None
            and not open_broadcasts[0]
        ):
            return
        await asyncio.sleep(0.02)
