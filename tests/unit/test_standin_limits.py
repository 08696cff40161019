"""The stand-in's limits are Telegram's.

The stand-in plays the server and keeps its own copy of each limit (it does not import
the client library it is used to test); python-telegram-bot publishes the same limits in
``telegram.constants``, which is what the handlers measure against. If either changes,
this fails, instead of the e2e tests passing against a server more lenient than Telegram.
"""

from __future__ import annotations

from telegram.constants import CallbackQueryLimit, InlineKeyboardButtonLimit, MessageLimit

from bot.standin import server
from handlers import telegram_text


def test_the_standin_refuses_what_telegram_refuses() -> None:
    assert server.MAX_TEXT_LENGTH == MessageLimit.MAX_TEXT_LENGTH
    assert server.MAX_CAPTION_LENGTH == MessageLimit.CAPTION_LENGTH
    assert server.MAX_CALLBACK_DATA_BYTES == InlineKeyboardButtonLimit.MAX_CALLBACK_DATA
    assert (
        server.MAX_CALLBACK_ANSWER_LENGTH == CallbackQueryLimit.ANSWER_CALLBACK_QUERY_TEXT_LENGTH
    )


def test_the_handlers_measure_against_the_same_limits() -> None:
    assert telegram_text.MESSAGE_LIMIT == server.MAX_TEXT_LENGTH
    assert telegram_text.CAPTION_LIMIT == server.MAX_CAPTION_LENGTH
    assert telegram_text.CALLBACK_DATA_LIMIT == server.MAX_CALLBACK_DATA_BYTES
