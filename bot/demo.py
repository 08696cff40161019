"""`cchc-bot demo`: the real bot, chatted with from a terminal, with no token and no network.

A newcomer's first command should show the bot as units and the office will meet it,
so this runs the production application unchanged against the local Bot API stand-in
and lets the person type as a simulated unit head or office member. The same loop
reads piped lines, so the demo can be scripted (and is tested that way).
"""

from __future__ import annotations

import asyncio
import contextlib
import importlib
import io
import logging
import mimetypes
import os
import queue
import re
import sqlite3
import sys
import threading
from collections.abc import Awaitable, Sequence
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from importlib import resources
from pathlib import Path
from typing import Any, TextIO

from pydantic import SecretStr

from bot.app import build_application, services_of, start_application, stop_application
from bot.config import Settings, SettingsError
from bot.formatting import format_date, format_size, period_label
from bot.services.container import Services
from bot.services.outbox import OutboxSender
from bot.services.roster import RosterService
from bot.standin import BotApiStandin, SentMessage, SimulatedUser
from bot.texts import config as config_texts
from bot.texts import demo as texts
from handlers.context import App

__all__ = ["run_demo"]

ACTOR = "demo"
DEFAULT_DB_PATH = Path("cchc-demo.db")
DEMO_UNIT = "THPT-QH"


@dataclass(frozen=True, slots=True)
class Person:
    role: str
    user_id: int
    name: str
    title: str


HEAD = Person("head", 1001, texts.HEAD_NAME, texts.HEAD_TITLE)
OFFICE = Person("office", 9001, texts.OFFICE_NAME, texts.OFFICE_TITLE)
PEOPLE = {HEAD.role: HEAD, OFFICE.role: OFFICE}

SAMPLE_FILE_NAME = "bao-cao-da-ky.pdf"
# A valid one-page PDF, so the signed-report question has something real to receive.
SAMPLE_PDF = (
    b"%PDF-1.4\n"
    b"1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n"
    b"2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj\n"
    b"3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >> endobj\n"
    b"trailer << /Root 1 0 R >>\n"
    b"%%EOF\n"
)

# The bot answers within milliseconds; these bound how long one turn may take on a
# slow machine before the demo stops waiting and shows the prompt anyway.
FIRST_REPLY_TIMEOUT = 10.0
QUIET = 0.3
SETTLE_TIMEOUT = 10.0
EXTENSION_DAYS = 14
LARGE_FILE = 20 * 1024 * 1024  # beyond this only the size is announced, as the bot refuses it

DEMO_FILES = "cchc-demo-files"  # what the bot sends, saved to open
SEPARATOR = "─" * 64

HELP = texts.HELP.format(
    sample=SAMPLE_FILE_NAME,
    office_title=OFFICE.title,
    office_name=OFFICE.name,
    head_title=HEAD.title,
    head_name=HEAD.name,
)


def run_demo(settings: Settings, *, role: str = "head", db_path: Path | None = None) -> None:
    """Run the terminal demo until :quit, end of input or Ctrl-C.

    The demo writes example units and bindings, so it never uses CCHC_DB_PATH (which may
    name the production database in a server's ``.env``): only ``db_path`` (``--db``),
    else a file of its own.
    """
    settings = settings.model_copy(update={"db_path": db_path or DEFAULT_DB_PATH})
    if role not in PEOPLE:
        raise ValueError(f"role must be one of {sorted(PEOPLE)}, not {role!r}")
    # PTB's and httpx's own logs would drown the conversation; trouble still shows.
    logging.basicConfig(format="%(levelname)s %(name)s: %(message)s", level=logging.WARNING)
    logging.getLogger("httpx").setLevel(logging.WARNING)
    interactive = sys.stdin is not None and sys.stdin.isatty()
    if interactive:
        with contextlib.suppress(ImportError):  # line editing and history where available
            importlib.import_module("readline")
    out = sys.stdout
    if not out.isatty() and isinstance(out, io.TextIOWrapper):
        # Scripted output is read by tools expecting UTF-8, whatever the platform's code page.
        out.reconfigure(encoding="utf-8")
    demo = _Demo(settings, PEOPLE[role], out=out, interactive=interactive)
    try:
        asyncio.run(demo.run())
    except KeyboardInterrupt:
        demo.say(texts.STOPPED)


def demo_db_path(settings: Settings) -> tuple[Path, bool]:
    """The database to use and whether the person chose it.

    ``run_demo`` has already put ``--db`` or the demo's own file into the settings.
    """
    return settings.db_path, settings.db_path != DEFAULT_DB_PATH


def example_roster() -> Path:
    return Path(str(resources.files("bot.data").joinpath("roster_example.csv")))


def button_lines(reply_markup: dict[str, Any] | None, *, numbered: bool) -> list[str]:
    """One line per keyboard row; numbers run across rows, in the order :N presses them."""
    rows = (reply_markup or {}).get("inline_keyboard") or []
    lines: list[str] = []
    number = 0
    for row in rows:
        cells: list[str] = []
        for button in row:
            number += 1
            text = str(button.get("text", ""))
            cells.append(f"[{number}] {text}" if numbered else f"[{text}]")
        if cells:
            lines.append("  ".join(cells))
    return lines


def parse_line(line: str) -> tuple[str, str]:
    """Split a typed line into (command, argument); plain text is ("say", text)."""
    stripped = line.strip()
    if not stripped.startswith(":") or len(stripped) == 1:
        return "say", line.rstrip("\r\n")
    head, _, rest = stripped[1:].partition(" ")
    if head.isascii() and head.isdigit():
        return "press", head
    return head.casefold(), rest.strip()


@dataclass(frozen=True, slots=True)
class LocalFile:
    name: str
    mime_type: str
    size: int
    content: bytes | None  # None when too big to be worth reading: only the size matters


def load_file(argument: str) -> LocalFile | str:
    """The file named on a ``:file`` line, or the reason it cannot be sent (Vietnamese)."""
    path = Path(argument.strip().strip("\"'")).expanduser()
    if not path.is_file():
        return texts.FILE_NOT_FOUND.format(path=path)
    mime = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
    try:
        size = path.stat().st_size
        content = path.read_bytes() if size <= LARGE_FILE else None
    except OSError as exc:
        return texts.FILE_UNREADABLE.format(path=path, reason=exc.strerror or exc)
    return LocalFile(path.name, mime, size, content)


class _LineReader:
    """Lines from stdin, read in a daemon thread one request at a time.

    The bot runs in the same event loop, so reading must not block it. A terminal is
    read with ``input()`` (line editing, and no Python-level lock held while waiting); a
    pipe or file straight from the descriptor, because a daemon thread blocked inside
    ``sys.stdin``'s buffered reader makes the interpreter abort at exit after Ctrl-C.
    Unlike ``asyncio.to_thread``, a daemon thread still waiting does not delay the exit.
    """

    def __init__(self, loop: asyncio.AbstractEventLoop, *, interactive: bool) -> None:
        self._loop = loop
        self._fd = None if interactive else _stdin_fd()
        self._encoding = getattr(sys.stdin, "encoding", None) or "utf-8"
        self._pending = b""
        self._requests: queue.SimpleQueue[tuple[str, asyncio.Future[str | None]]]
        self._requests = queue.SimpleQueue()
        self._thread = threading.Thread(target=self._serve, name="demo-stdin", daemon=True)
        self._thread.start()

    def _serve(self) -> None:
        while True:
            prompt, future = self._requests.get()
            line: str | None
            try:
                line = self._next_line(prompt)
            except (EOFError, OSError, RuntimeError):
                line = None
            except UnicodeDecodeError:
                line = ""
            with contextlib.suppress(RuntimeError):  # the loop closed meanwhile
                self._loop.call_soon_threadsafe(_resolve, future, line)
            if line is None:
                return

    def _next_line(self, prompt: str) -> str | None:
        if self._fd is None:
            return input(prompt)
        while b"\n" not in self._pending:
            chunk = os.read(self._fd, 4096)
            if not chunk:
                rest, self._pending = self._pending, b""
                return rest.decode(self._encoding, "replace") if rest else None
            self._pending += chunk
        raw, _, self._pending = self._pending.partition(b"\n")
        return raw.decode(self._encoding, "replace").rstrip("\r")

    async def read(self, prompt: str) -> str | None:
        """The next line, or None at end of input."""
        if not self._thread.is_alive():
            return None
        future: asyncio.Future[str | None] = self._loop.create_future()
        self._requests.put((prompt, future))
        return await future


def _stdin_fd() -> int | None:
    """The descriptor behind stdin, or None (then ``input()`` reads, e.g. a replaced stdin)."""
    try:
        return sys.stdin.fileno()
    except (AttributeError, OSError, ValueError):
        return None


def _resolve(future: asyncio.Future[str | None], line: str | None) -> None:
    if not future.done():
        future.set_result(line)


class _Demo:
    def __init__(self, settings: Settings, person: Person, *, out: TextIO, interactive: bool):
        self._settings = settings
        self._person = person
        self._out = out
        self._interactive = interactive
        self._standin = BotApiStandin(token="123456:DEMO", bot_username="cchc_demo_bot")  # noqa: S106
        self._users: dict[str, SimulatedUser] = {}
        self._seen_text: dict[tuple[int, int], str] = {}
        self._activity = asyncio.Event()
        self._outbox: OutboxSender | None = None

    # ------------------------------------------------------------------ output

    def say(self, text: str = "") -> None:
        self._out.write(text + "\n")
        self._out.flush()

    def _name_of(self, chat_id: int) -> str:
        for person in PEOPLE.values():
            if person.user_id == chat_id:
                return person.name
        return texts.SOMEONE.format(chat_id=chat_id)

    def _on_bot_message(self, message: SentMessage) -> None:
        """Print what the bot sent or re-worded, for whichever person it was meant."""
        self._activity.set()
        key = (message.chat_id, message.message_id)
        previous = self._seen_text.get(key)
        self._seen_text[key] = message.text
        if previous is not None and previous == message.text:
            return  # only the buttons changed (the bot took them off an answered question)
        is_current = message.chat_id == self._person.user_id
        lines = [SEPARATOR]
        if previous is None:
            lines.append(texts.BOT_TO.format(name=self._name_of(message.chat_id)))
        else:
            lines.append(texts.BOT_EDITED.format(name=self._name_of(message.chat_id)))
        if message.document is not None:
            name = message.document.get("file_name") or texts.A_FILE
            size = int(message.document.get("file_size") or 0)
            lines.append(texts.FILE_SENT.format(name=name, size=format_size(size)))
            lines += self._saved(str(message.document.get("file_id", "")), name, message)
        if message.photo is not None:
            lines.append(texts.PHOTO)
            largest = message.photo[-1] if message.photo else {}
            lines += self._saved(str(largest.get("file_id", "")), texts.PHOTO_FILE_NAME, message)
        if previous is not None and message.text.startswith(previous):
            lines.append("… " + message.text[len(previous) :].strip())
        elif message.text:
            lines.append(message.text)
        buttons = button_lines(message.reply_markup, numbered=is_current)
        if buttons:
            lines.append("")
            lines += buttons
            if not is_current:
                lines.append(texts.SWITCH_TO_PRESS.format(role=self._role_of(message.chat_id)))
        self.say("\n".join(lines))

    def _saved(self, file_id: str, name: str, message: SentMessage) -> list[str]:
        """Keep a file the bot sent in ./cchc-demo-files, so a newcomer can open the
        standing chart or the exported workbook; the line says where."""
        content = self._standin.file_content(file_id)
        if not content:
            return []
        folder = Path.cwd() / DEMO_FILES
        folder.mkdir(exist_ok=True)
        safe = re.sub(r"[^\w.\-]+", "_", Path(name).name) or texts.SAFE_FILE_NAME
        path = folder / f"{message.message_id:04d}-{safe}"
        path.write_bytes(content)
        return [texts.SAVED.format(path=path)]

    def _role_of(self, chat_id: int) -> str:
        return next((p.role for p in PEOPLE.values() if p.user_id == chat_id), "")

    # ------------------------------------------------------------------ running

    async def run(self) -> None:
        db_path, chosen = demo_db_path(self._settings)
        await self._standin.start()
        app: App | None = None
        started = False
        try:
            demo_settings = self._settings.model_copy(
                update={
                    "bot_token": SecretStr(self._standin.token),
                    "api_base_url": self._standin.base_url,
                    "bot_username": self._standin.bot_username,
                    # Only the demo's office member: notices to real office ids from the
                    # environment would fail here, as nobody of them is in this chat.
                    "office_ids": frozenset({OFFICE.user_id}),
                    "db_path": db_path,
                }
            )
            for person in PEOPLE.values():
                user = self._standin.user(person.user_id, person.name)
                # Reachable from the first moment, so the office command menu is set
                # at start-up instead of warning that the chat does not exist yet.
                user.started = True
                self._users[person.role] = user
            app = build_application(demo_settings)
            self._intro(db_path, chosen)
            try:
                await start_application(app, poll_timeout=1)
            except (sqlite3.Error, OSError) as exc:
                raise SettingsError(
                    config_texts.DB_OPEN_FAILED.format(path=db_path, error=exc)
                ) from None
            started = True
            services = services_of(app)
            self._outbox = services.outbox
            if not await self._prepare(services):
                raise SystemExit(1)
            self._standin.on_bot_message = self._on_bot_message
            self._standin.fault_injector = self._observe
            await self._introduce_people(services)
            self.say(SEPARATOR)
            self.say(texts.TALKING_AS.format(person=self._describe(self._person)))
            other = HEAD.role if self._person is OFFICE else OFFICE.role
            self.say(texts.SHORT_HELP.format(other=other))
            await self._loop()
        finally:
            self._standin.on_bot_message = None
            if started and app is not None:
                await stop_application(app)
            elif app is not None:
                # Half started (the database would not open): release what was taken,
                # without hiding the reason it failed behind an error from the cleanup.
                with contextlib.suppress(Exception):
                    await stop_application(app)
            await self._standin.stop()

    def _intro(self, db_path: Path, chosen: bool) -> None:
        self.say(texts.INTRO)
        where = db_path.resolve()
        if chosen:
            self.say(texts.DB_CHOSEN.format(path=where))
        else:
            self.say(texts.DB_OWN.format(path=where))

    async def _prepare(self, services: Services) -> bool:
        """Roster and an open period: what the office would have set up before units start."""
        result = await RosterService(services.db, services.clock).import_file(
            example_roster(), actor=ACTOR
        )
        if not result.ok:
            self.say(texts.ROSTER_FAILED)
            for error in result.errors:
                self.say(f"  {error}")
            return False
        self.say(texts.ROSTER_LOADED.format(count=result.total))
        period = await services.periods.current()
        now = services.clock()
        if not period.accepts_submissions(now):
            # Late in a quarter the period is closed, and /report would only say so.
            tz = self._settings.tz
            day = now.astimezone(tz).date() + timedelta(days=EXTENSION_DAYS)
            due = datetime.combine(day, time(23, 59, 59), tzinfo=tz)
            await services.periods.set_due(period.code, due, status="open")
            self.say(
                texts.PERIOD_EXTENDED.format(
                    period=period_label(period.year, period.quarter), due=format_date(due)
                )
            )
        return True

    async def _introduce_people(self, services: Services) -> None:
        """Register both people through the bot itself; the chosen one goes last."""
        order = sorted(PEOPLE.values(), key=lambda p: p.role == self._person.role)
        for person in order:
            user = self._users[person.role]
            if person is OFFICE:
                self.say(SEPARATOR)
                self.say(texts.OPENS_BOT.format(name=person.name, title=person.title))
                await self._act(user.send("/start"))
                continue
            who = await services.registration.identify(person.user_id)
            if who.is_bound:
                self.say(SEPARATOR)
                self.say(texts.RETURNS.format(name=person.name))
                await self._act(user.send("/start"))
                continue
            invite = await services.registration.create_invite(DEMO_UNIT, "head", created_by=ACTOR)
            self.say(SEPARATOR)
            self.say(
                texts.INVITED.format(
                    code=invite.unit.code,
                    unit=invite.unit.name,
                    name=person.name,
                    invite=invite.code,
                )
            )
            await self._act(user.send(f"/start {invite.code}"))

    def _describe(self, person: Person) -> str:
        return texts.PERSON.format(title=person.title, name=person.name)

    async def _loop(self) -> None:
        reader = _LineReader(asyncio.get_running_loop(), interactive=self._interactive)
        while True:
            prompt = f"\n{self._person.name} › " if self._interactive else ""
            line = await reader.read(prompt)
            if line is None:
                self.say(texts.END_OF_INPUT)
                return
            command, argument = parse_line(line)
            if not line.strip():
                continue
            if command == "say":
                if not self._interactive:  # typed text is on screen already; piped is not
                    self.say(SEPARATOR)
                    self.say(texts.SAYS.format(name=self._person.name, text=line.strip()))
                await self._act(self._current.send(line.strip()))
                continue
            if not self._interactive:
                self.say(f"\n› {line.strip()}")
            if command == "press":
                await self._press(int(argument))
            elif command == "file":
                await self._send_file(argument)
            elif command == "as":
                self._switch(argument)
            elif command in ("help", "h", "?"):
                self.say(HELP)
            elif command in ("quit", "q", "exit"):
                self.say(SEPARATOR)
                self.say(texts.GOODBYE)
                return
            else:
                self.say(texts.UNKNOWN_COMMAND.format(command=command))

    @property
    def _current(self) -> SimulatedUser:
        return self._users[self._person.role]

    def _switch(self, role: str) -> None:
        person = PEOPLE.get(role.casefold())
        if person is None:
            self.say(texts.BAD_ROLE)
            return
        self._person = person
        self.say(texts.NOW_AS.format(person=self._describe(person)))

    async def _press(self, number: int) -> None:
        user = self._current
        message = next((m for m in reversed(user.messages) if not m.deleted and m.buttons), None)
        if message is None:
            self.say(texts.NO_BUTTONS)
            return
        buttons = message.buttons
        if not 1 <= number <= len(buttons):
            self.say(texts.BUTTON_RANGE.format(count=len(buttons)))
            return
        text = str(buttons[number - 1].get("text", ""))
        self.say(SEPARATOR)
        self.say(texts.PRESSES.format(name=self._person.name, text=text))
        try:
            await self._act(user.click(text, message=message))
        except AssertionError:
            self.say(texts.BUTTON_DEAD)

    async def _send_file(self, argument: str) -> None:
        user = self._current
        if not argument:
            self.say(SEPARATOR)
            self.say(texts.SENDS_SAMPLE.format(name=self._person.name, file=SAMPLE_FILE_NAME))
            await self._act(user.send_document(SAMPLE_FILE_NAME, "application/pdf", SAMPLE_PDF))
            return
        loaded = await asyncio.to_thread(load_file, argument)
        if isinstance(loaded, str):
            self.say(loaded)
            return
        self.say(SEPARATOR)
        self.say(
            texts.SENDS_FILE.format(
                name=self._person.name, file=loaded.name, size=format_size(loaded.size)
            )
        )
        if loaded.content is None:
            await self._act(user.send_document_meta(loaded.name, loaded.mime_type, loaded.size))
        else:
            await self._act(user.send_document(loaded.name, loaded.mime_type, loaded.content))

    async def _observe(self, method: str, params: dict[str, Any]) -> dict[str, Any] | None:
        """Note a callback answer: for a stale button it may be all the bot says."""
        if method == "answerCallbackQuery":
            self._activity.set()
        return None  # never a fault: the request is handled as usual

    async def _act(self, action: Awaitable[None]) -> None:
        """Do one thing as a person, then wait for the bot to finish answering.

        Waiting keeps the transcript in order (each answer under its question, the prompt
        after the answer), which is what makes piped input give the same output each time.
        """
        before_answers = len(self._standin.callback_answers)
        self._activity.clear()
        await action
        with contextlib.suppress(TimeoutError):
            async with asyncio.timeout(FIRST_REPLY_TIMEOUT):
                await self._activity.wait()
        await self._settle()
        for answer in list(self._standin.callback_answers.values())[before_answers:]:
            if answer.get("text"):
                self.say(f"💬 {answer['text']}")

    async def _settle(self) -> None:
        """Until every person's chat is quiet and the outbox has nothing left to send now
        (a notice to the office goes through it, a moment after the reply)."""
        users: Sequence[SimulatedUser] = [self._current] + [
            u for u in self._users.values() if u is not self._current
        ]
        deadline = asyncio.get_running_loop().time() + SETTLE_TIMEOUT
        while True:
            for user in users:
                with contextlib.suppress(AssertionError):
                    await user.idle(quiet=QUIET, timeout=SETTLE_TIMEOUT)
            outbox = self._outbox
            if outbox is None or not await outbox.has_due():
                return
            if asyncio.get_running_loop().time() >= deadline:
                return
            await asyncio.sleep(QUIET)
