"""Edited messages are not answers; the bot stays out of group chats."""

from __future__ import annotations

from bot.app import services_of
from bot.standin import BotApiStandin
from handlers.context import App
from tests.e2e.conftest import bound_user
from tests.form_steps import Walk


async def test_an_edited_answer_is_not_taken_as_the_next_answer(
    standin: BotApiStandin, app: App
) -> None:
    head = await bound_user(standin, services_of(app), 8001, "THPT-QH")
    walk = Walk(head)
    await walk.start()
    await walk.send("12", at="tasks_planned")
    await head.edit_last_text("15")
    await head.expect("không xử lý tin nhắn đã sửa")
    await walk.send("10", at="tasks_completed")
