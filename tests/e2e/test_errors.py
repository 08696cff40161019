"""An unexpected failure is logged with context and answered with a short apology."""

from __future__ import annotations

import logging

import pytest

from bot.app import services_of
from bot.standin import BotApiStandin
from handlers.context import App
from tests.e2e.conftest import bound_user


async def test_unexpected_error_gets_an_apology_not_silence(
    standin: BotApiStandin, app: App, caplog: pytest.LogCaptureFixture
) -> None:
    services = services_of(app)
    head = await bound_user(standin, services, 7001, "THPT-QH")
    # Simulate a damaged conversation record (as a faulty migration might leave it).
    async with services.db.write() as conn:
        await conn.execute(
            "INSERT INTO sessions (telegram_id, flow, state, updated_at) "
            "VALUES (?, 'report', ?, 'x')",
            (7001, '{"period": 1}'),
        )
    await head.send("12")
    apology = await head.expect("Xin lỗi, đã có lỗi xảy ra")
    assert "Traceback" not in apology.text
    errors = [r for r in caplog.records if r.name == "handlers.errors"]
    assert len(errors) == 1
    assert errors[0].levelno == logging.ERROR
    assert errors[0].exc_info is not None
    assert "7001" in errors[0].getMessage()  # the update is logged with the message
    caplog.clear()  # expected here; the fixture checks every other test has none
