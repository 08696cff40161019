"""What the end-to-end fuzz tests share: a fingerprint of everything stored, knowing when
the bot has finished with a person's last update, and inputs as Telegram delivers them.

Updates of one person are handled strictly one after another (handlers/ordering.py), and
the bot answers a press of data no journey knows with a short notice and changes
nothing. So :func:`settle` presses such data as the same person and waits for its
answer: by then, everything that person sent before has been fully handled.
"""

from __future__ import annotations

import hashlib
import html
import re
import string
from collections.abc import Awaitable, Iterable, Mapping
from typing import Any

import pytest

from bot.services.container import Services
from bot.standin import BotApiStandin, SentMessage, SimulatedUser
from handlers.telegram_text import MESSAGE_LIMIT, utf16_len

# Data no journey has ever written: answered with a notice, nothing else happens.
SETTLE_DATA = "zz:settle"
# Every update is recorded here (de-duplication), so it changes on every message.
VOLATILE_TABLES = ("processed_updates",)


async def db_fingerprint(
    services: Services, *, exclude: Iterable[str] = VOLATILE_TABLES
) -> dict[str, str]:
    """A hash of every table's rows (in any order), by table name, read through the
    services' reader connection, which sees the last commit."""
    skipped = set(exclude)
    conn = services.db.reader
    async with conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
        "ORDER BY name"
    ) as cur:
        names = [str(row[0]) for row in await cur.fetchall()]
    fingerprint: dict[str, str] = {}
    for name in names:
        if name in skipped:
            continue
        quoted = name.replace('"', '""')
        async with conn.execute(f'SELECT * FROM "{quoted}"') as cur:
            rows = sorted(repr(tuple(row)) for row in await cur.fetchall())
        digest = hashlib.sha256()
        for row in rows:
            digest.update(row.encode("utf-8", "backslashreplace"))
            digest.update(b"\n")
        fingerprint[name] = digest.hexdigest()
    return fingerprint


def changed_tables(before: Mapping[str, str], after: Mapping[str, str]) -> set[str]:
    """The tables whose rows differ between two fingerprints (or that came or went)."""
    return {name for name in before.keys() | after.keys() if before.get(name) != after.get(name)}


async def settle(
    standin: BotApiStandin,
    user: SimulatedUser,
    *,
    timeout: float = 10.0,  # noqa: ASYNC109 - a deadline for the whole wait
) -> dict[str, Any]:
    """Wait until the bot has fully handled everything ``user`` sent so far; returns the
    answer to the settling press (which the bot must give)."""
    query_id = await user.press(SETTLE_DATA)
    return await standin.wait_callback_answer(query_id, timeout)


async def after(
    standin: BotApiStandin, user: SimulatedUser, action: Awaitable[object]
) -> list[SentMessage]:
    """Do ``action`` as ``user`` (send a text, press a button), settle, and return what the
    bot sent or re-worded in the person's chat meanwhile (what was there before is
    consumed first), checked with :func:`check_replies`."""
    await user.idle(quiet=0)
    await action
    await settle(standin, user)
    replies = await user.idle(quiet=0)
    check_replies(replies)
    return replies


async def exchange(standin: BotApiStandin, user: SimulatedUser, text: str) -> list[SentMessage]:
    """Send ``text`` as ``user`` and return the bot's replies (see :func:`after`)."""
    return await after(standin, user, user.send(text))


def check_replies(replies: list[SentMessage]) -> None:
    """The bot answered, and nothing it sent is beyond what Telegram accepts (the
    stand-in refuses such messages; this names the offending one)."""
    assert replies, "the bot did not answer"
    for message in replies:
        assert utf16_len(message.text) <= MESSAGE_LIMIT, message.text[:200]


def joined(messages: Iterable[SentMessage]) -> str:
    return "\n".join(m.text for m in messages)


def squeezed(text: str) -> str:
    """Without any whitespace: a long text split over messages loses the whitespace at
    each cut (Telegram trims every message), so compare texts this way."""
    return "".join(text.split())


def shown(template: str, **known: object) -> re.Pattern[str]:
    """A handlers.texts template as a pattern over the text Telegram shows of it: tags removed,
    entities decoded, the ``known`` placeholders as given (plain text) and any other
    placeholder matching anything. Tests match replies on the wording's own constants."""
    parsed = list(string.Formatter().parse(template))
    pieces: list[str] = []
    for index, (literal, name, _spec, _conversion) in enumerate(parsed):
        plain = html.unescape(re.sub(r"<[^>]*>", "", literal))
        # Telegram trims every message: the template's own leading or trailing spaces and
        # line breaks never show.
        if index == 0:
            plain = plain.lstrip()
        if index == len(parsed) - 1 and name is None:
            plain = plain.rstrip()
        pieces.append(_loose(plain))
        if name is not None:
            pieces.append(_loose(str(known[name])) if name in known else ".*?")
    pattern = "".join(pieces)
    return re.compile(pattern, re.DOTALL)


def _loose(text: str) -> str:
    """``text`` as a pattern where a run of whitespace may also be missing: a long reply
    is split into several messages, each trimmed, and a cut may fall anywhere in it."""
    return r"\s*".join(re.escape(word) for word in re.split(r"\s+", text))


def said(messages: Iterable[SentMessage], template: str, **known: object) -> bool:
    """Whether ``messages``, read one after another, show ``template`` (see :func:`shown`):
    a reply split over several messages counts."""
    return shown(template, **known).search("".join(m.text for m in messages)) is not None


def as_delivered(text: str) -> str:
    """``text`` as Telegram delivers a message: trimmed, at most 4,096 UTF-16 units (cut
    between characters), and not starting with "/" (that would be a command)."""
    while text != (trimmed := text.strip().lstrip("/")):
        text = trimmed
    if utf16_len(text) > MESSAGE_LIMIT:
        kept: list[str] = []
        size = 0
        for char in text:
            size += utf16_len(char)
            if size > MESSAGE_LIMIT:
                break
            kept.append(char)
        return as_delivered("".join(kept))
    return text


def take_problems(standin: BotApiStandin, caplog: pytest.LogCaptureFixture) -> list[str]:
    """What the ``standin`` and ``app`` fixtures would fail the test for (requests Telegram
    refused, the error handler reached), taken away from them: a test marked ``xfail``
    for a known bug then fails in its own body, not in the fixtures' teardown."""
    problems = [f"{e.method}: {e.description}" for e in standin.errors]
    problems += [
        f"{r.getMessage()[:120]} {r.exc_info[1]!r}" if r.exc_info else r.getMessage()[:120]
        for r in caplog.records
        if r.name == "handlers.errors"
    ]
    standin.errors.clear()
    caplog.clear()
    return problems
