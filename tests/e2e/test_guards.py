"""Edited messages are not answers; the bot stays out of group chats."""

from __future__ import annotations

from bot.app import services_of
from bot.standin import BotApiStandin
from handlers.context import App
from tests.e2e.conftest import bound_user


async def test_an_edited_answer_is_not_taken_as_the_next_answer(
    standin: BotApiStandin, app: App
) -> None:
    head = await bound_user(standin, services_of(app), 8001, "THPT-QH")
    await head.send("/report")
    await head.expect("Câu 1/33")
    await head.send("12")
    await head.expect("Câu 2/33")
    await head.edit_last_text("15")
    await head.expect("không xử lý tin nhắn đã sửa")
    await head.send("10")
    await head.expect("Câu 3/33")
