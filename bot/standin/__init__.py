"""A local Telegram Bot API stand-in and simulated users for tests and the terminal demo."""

from bot.standin.html_check import HtmlParseError, html_to_text, parse_html
from bot.standin.limits import LimitEvent, RateLimits, ScriptedFaults
from bot.standin.server import (
    ApiError,
    BotApiStandin,
    FaultInjector,
    RecordedRequest,
    SentMessage,
    StoredFile,
    UploadedFile,
)
from bot.standin.users import SimulatedUser

__all__ = [
    "ApiError",
    "BotApiStandin",
    "FaultInjector",
    "HtmlParseError",
    "LimitEvent",
    "RateLimits",
    "ScriptedFaults",
    "RecordedRequest",
    "SentMessage",
    "SimulatedUser",
    "StoredFile",
    "UploadedFile",
    "html_to_text",
    "parse_html",
]
