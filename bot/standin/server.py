"""A local stand-in for the Telegram Bot API, spoken to over real HTTP.

Why real HTTP rather than a fake ``telegram.Bot``: the end-to-end tests must exercise the
exact code path production uses (PTB's request layer, its parameter encoding, its error
mapping, retries), and the crash test runs the bot in a separate process.  The stand-in
therefore answers like Telegram does, including Telegram's refusals (bad HTML, over-long
texts, oversized callback data, "message is not modified", ...), and records every call
so tests can assert that the bot never provoked an error.
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import json
import logging
import mimetypes
import re
import secrets
import struct
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from aiohttp import web

from bot.standin.html_check import (
    HtmlParseError,
    ParsedText,
    parse_html,
    strip_parsed,
    utf16_len,
)
from bot.standin.limits import RateLimits
from bot.standin.users import SimulatedUser

__all__ = [
    "ApiError",
    "BotApiStandin",
    "FaultInjector",
    "RecordedRequest",
    "SentMessage",
    "StoredFile",
    "UploadedFile",
]

_log = logging.getLogger(__name__)

JSONDict = dict[str, Any]
FaultInjector = Callable[[str, JSONDict], Awaitable[JSONDict | None]]
"""``(method, params) -> response or None``; a returned dict is sent instead of handling."""

# The server's own limits. The stand-in plays Telegram's side and does not import the
# client library it tests; tests/unit/test_standin_limits.py holds each equal to
# python-telegram-bot's telegram.constants, so the two cannot drift apart.
MAX_TEXT_LENGTH = 4096
MAX_CAPTION_LENGTH = 1024
MAX_CALLBACK_DATA_BYTES = 64
MAX_CALLBACK_ANSWER_LENGTH = 200
MAX_DOWNLOAD_SIZE = 20 * 1024 * 1024  # getFile refuses bigger files
MAX_UPLOAD_SIZE = 50 * 1024 * 1024  # bots may upload up to 50 MB
_CLIENT_MAX_SIZE = MAX_UPLOAD_SIZE + 4 * 1024 * 1024

# Form, multipart and query values are always strings; these are decoded back into the
# types Telegram would have parsed them as.
_JSON_PARAMS = frozenset(
    {
        "reply_markup",
        "commands",
        "scope",
        "media",
        "entities",
        "caption_entities",
        "allowed_updates",
        "link_preview_options",
        "reply_parameters",
        "menu_button",
        "message_ids",
    }
)
_INT_PARAMS = frozenset(
    {
        "chat_id",
        "from_chat_id",
        "message_id",
        "offset",
        "limit",
        "user_id",
        "reply_to_message_id",
        "message_thread_id",
        "cache_time",
        "max_connections",
        "duration",
        "width",
        "height",
    }
)
_FLOAT_PARAMS = frozenset({"timeout"})
_BOOL_PARAMS = frozenset(
    {
        "disable_notification",
        "protect_content",
        "show_alert",
        "disable_web_page_preview",
        "drop_pending_updates",
        "allow_sending_without_reply",
        "has_spoiler",
        "disable_content_type_detection",
        "show_caption_above_media",
        "allow_paid_broadcast",
    }
)
_INT_RE = re.compile(r"-?\d+")

_BUTTON_ACTIONS = frozenset(
    {
        "callback_data",
        "url",
        "web_app",
        "login_url",
        "switch_inline_query",
        "switch_inline_query_current_chat",
        "switch_inline_query_chosen_chat",
        "copy_text",
        "callback_game",
        "pay",
    }
)
_CHAT_ACTIONS = frozenset(
    {
        "typing",
        "upload_photo",
        "record_video",
        "upload_video",
        "record_voice",
        "upload_voice",
        "upload_document",
        "choose_sticker",
        "find_location",
        "record_video_note",
        "upload_video_note",
    }
)
_UPDATE_TYPES = (
    "message",
    "edited_message",
    "callback_query",
    "inline_query",
    "my_chat_member",
    "chat_member",
)
_SUPERSEDED_GRACE = 0.25  # seconds
_COMMAND_RE = re.compile(r"[a-z0-9_]{1,32}")

_NOT_MODIFIED = (
    "Bad Request: message is not modified: specified new message content and reply markup "
    "are exactly the same as a current content and reply markup of the message"
)


class ApiError(Exception):
    """Raised by method handlers to answer ``ok: false`` exactly as Telegram would."""

    def __init__(
        self, error_code: int, description: str, *, retry_after: int | None = None
    ) -> None:
        super().__init__(description)
        self.error_code = error_code
        self.description = description
        self.retry_after = retry_after

    def to_response(self) -> JSONDict:
        return BotApiStandin.error_response(
            self.error_code, self.description, retry_after=self.retry_after
        )


@dataclass
class UploadedFile:
    """One multipart file part, as the bot uploaded it."""

    filename: str
    content_type: str
    data: bytes = field(repr=False)


@dataclass
class RecordedRequest:
    """One call the stand-in received, with the outcome it answered."""

    method: str
    params: JSONDict
    time: float  # time.monotonic() at arrival, for rate-limit assertions
    ok: bool = True
    error_code: int | None = None
    description: str | None = None
    response: JSONDict | None = None  # None while a long poll is still pending
    cancelled: bool = False  # the client hung up before an answer (e.g. a killed bot)


@dataclass
class SentMessage:
    """A message the bot sent, kept up to date as the bot edits or deletes it."""

    message_id: int
    chat_id: int
    method: str
    text: str
    html: str
    parse_mode: str | None
    reply_markup: JSONDict | None
    document: JSONDict | None
    photo: list[JSONDict] | None
    date: int
    edits: list[str] = field(default_factory=list)
    deleted: bool = False
    entities: list[JSONDict] = field(default_factory=list)
    edit_date: int | None = None
    media_group_id: str | None = None
    reply_to_message_id: int | None = None

    @property
    def is_media(self) -> bool:
        return self.document is not None or self.photo is not None

    @property
    def buttons(self) -> list[JSONDict]:
        """Inline buttons in reading order, so tests can inspect what the user could press."""
        if not self.reply_markup:
            return []
        rows = self.reply_markup.get("inline_keyboard") or []
        return [button for row in rows for button in row]


@dataclass
class StoredFile:
    """A file known to the stand-in, so file_ids can be reused and downloaded like Telegram's."""

    file_id: str
    file_unique_id: str
    kind: str  # "document" or "photo" (Telegram refuses to reuse a file as another kind)
    file_path: str
    file_size: int
    file_name: str | None
    mime_type: str | None
    content: bytes | None = field(repr=False, default=None)
    width: int = 0
    height: int = 0

    def document_json(self) -> JSONDict:
        doc: JSONDict = {
            "file_id": self.file_id,
            "file_unique_id": self.file_unique_id,
            "file_size": self.file_size,
        }
        if self.file_name is not None:
            doc["file_name"] = self.file_name
        if self.mime_type is not None:
            doc["mime_type"] = self.mime_type
        return doc

    def photo_json(self) -> list[JSONDict]:
        return [
            {
                "file_id": self.file_id,
                "file_unique_id": self.file_unique_id,
                "width": self.width,
                "height": self.height,
                "file_size": self.file_size,
            }
        ]


@dataclass
class _LogEntry:
    """One visible change in a chat: a new message or a text/caption edit."""

    message: SentMessage
    text: str  # the text as it read at that moment


@dataclass
class _ChatState:
    log: list[_LogEntry] = field(default_factory=list)
    changed: asyncio.Event = field(default_factory=asyncio.Event)
    last_activity: float = field(default_factory=time.monotonic)


@dataclass
class _CallbackQuery:
    user_id: int
    answered: bool = False


def _image_size(data: bytes) -> tuple[int, int] | None:
    """Width and height of a PNG or JPEG, so photo messages carry plausible dimensions."""
    if data.startswith(b"\x89PNG\r\n\x1a\n") and len(data) >= 24:
        width, height = struct.unpack(">II", data[16:24])
        return int(width), int(height)
    if data.startswith(b"\xff\xd8"):
        i = 2
        while i + 9 < len(data):
            if data[i] != 0xFF:
                return None
            marker = data[i + 1]
            (length,) = struct.unpack(">H", data[i + 2 : i + 4])
            if marker in (0xC0, 0xC1, 0xC2):
                height, width = struct.unpack(">HH", data[i + 5 : i + 9])
                return int(width), int(height)
            i += 2 + int(length)
    return None


def _decode_value(name: str, value: Any) -> Any:
    if not isinstance(value, str):
        return value
    if name in _JSON_PARAMS:
        try:
            return json.loads(value)
        except ValueError:
            if name == "reply_markup":
                raise ApiError(
                    400, "Bad Request: can't parse reply keyboard markup JSON object"
                ) from None
            raise ApiError(400, f"Bad Request: can't parse {name} JSON object") from None
    if name in _INT_PARAMS and _INT_RE.fullmatch(value.strip()):
        return int(value)
    if name in _FLOAT_PARAMS:
        with contextlib.suppress(ValueError):
            return float(value)
    if name in _BOOL_PARAMS and value.lower() in ("true", "false"):
        return value.lower() == "true"
    return value


def _error_response(error_code: int, description: str, retry_after: int | None) -> JSONDict:
    body: JSONDict = {"ok": False, "error_code": error_code, "description": description}
    if retry_after is not None:
        body["parameters"] = {"retry_after": retry_after}
    return body


class BotApiStandin:
    """An aiohttp server answering the Bot API methods the bot uses, like Telegram would.

    Everything observable is public so tests can assert on it: ``requests`` (every call),
    ``errors`` (calls answered ``ok: false`` — a well-behaved bot leaves this empty),
    ``sent`` (what each chat received, edits applied), ``commands`` and
    ``callback_answers`` (callback query id -> answerCallbackQuery parameters).

    ``commands`` is keyed by scope: ``"default"`` or ``json.dumps(scope, sort_keys=True)``,
    with ``"|<language_code>"`` appended when a language code was given, because Telegram
    keeps a separate list for every (scope, language) pair.
    """

    def __init__(
        self,
        *,
        token: str = "123456:TEST",  # noqa: S107 - a dummy token for a local stand-in
        bot_username: str = "cchc_test_bot",
        bot_id: int = 123456,
        first_update_id: int | None = None,
    ) -> None:
        self.token = token
        self.bot_username = bot_username
        self.bot_id = bot_id
        self.requests: list[RecordedRequest] = []
        self.errors: list[RecordedRequest] = []
        self.sent: dict[int, list[SentMessage]] = {}
        self.commands: dict[str, list[JSONDict]] = {}
        self.callback_answers: dict[str, JSONDict] = {}
        self.fault_injector: FaultInjector | None = None
        # Opt-in: Telegram's flood limits (429 with retry_after beyond them).
        self.limits: RateLimits | None = None
        self.on_bot_message: Callable[[SentMessage], None] | None = None

        self._users: dict[int, SimulatedUser] = {}
        self._blocked: set[int] = set()
        self._chats: dict[int, _ChatState] = {}
        self._last_message_id: dict[int, int] = {}
        self._user_messages: dict[tuple[int, int], JSONDict] = {}
        self._files: dict[str, StoredFile] = {}
        self._files_by_path: dict[str, StoredFile] = {}
        self._file_counter = itertools.count(1)
        self._callback_queries: dict[str, _CallbackQuery] = {}
        self._query_counter = itertools.count(1)
        self._media_group_counter = itertools.count(1)
        self._menu_buttons: dict[str, JSONDict] = {}

        self._updates: list[JSONDict] = []
        # Telegram's update ids only grow; starting from the clock keeps that true when a
        # stand-in restarts against a database that remembers ids it has handled.
        self._next_update_id = (
            first_update_id if first_update_id is not None else int(time.time() * 1000)
        )
        self._updates_changed = asyncio.Event()
        self._answers_changed = asyncio.Event()
        self._poll_generation = 0
        self._allowed_updates: list[str] | None = None
        self._webhook_url = ""
        self._closing = False

        self._runner: web.AppRunner | None = None
        self._host = "127.0.0.1"
        self._port: int | None = None
        self._methods: dict[str, tuple[str, Callable[[JSONDict, web.Request], Awaitable[Any]]]]
        self._methods = {
            name.lower(): (name, handler)
            for name, handler in {
                "getMe": self._get_me,
                "logOut": self._ok_true,
                "close": self._ok_true,
                "getUpdates": self._get_updates,
                "setWebhook": self._set_webhook,
                "deleteWebhook": self._delete_webhook,
                "getWebhookInfo": self._get_webhook_info,
                "setMyCommands": self._set_my_commands,
                "getMyCommands": self._get_my_commands,
                "deleteMyCommands": self._delete_my_commands,
                "setMyDescription": self._ok_true,
                "setMyShortDescription": self._ok_true,
                "setMyName": self._ok_true,
                "setChatMenuButton": self._set_chat_menu_button,
                "getChatMenuButton": self._get_chat_menu_button,
                "sendMessage": self._send_message,
                "editMessageText": self._edit_message_text,
                "editMessageCaption": self._edit_message_caption,
                "editMessageReplyMarkup": self._edit_message_reply_markup,
                "deleteMessage": self._delete_message,
                "answerCallbackQuery": self._answer_callback_query,
                "sendChatAction": self._send_chat_action,
                "sendDocument": self._send_document,
                "sendPhoto": self._send_photo,
                "sendMediaGroup": self._send_media_group,
                "copyMessage": self._copy_message,
                "forwardMessage": self._forward_message,
                "getFile": self._get_file,
                "getChat": self._get_chat,
            }.items()
        }

    # ------------------------------------------------------------------ lifecycle

    async def start(self, host: str = "127.0.0.1", port: int = 0) -> None:
        app = web.Application(client_max_size=_CLIENT_MAX_SIZE)
        app.router.add_route("*", "/bot{token}/{method}", self._handle_api)
        app.router.add_route("*", "/file/bot{token}/{file_path:.+}", self._handle_file)
        # Handlers are cancelled when their client disconnects, so a poll abandoned by a
        # stopped or killed bot ends quietly instead of lingering.  A short shutdown timeout
        # suffices because stop() releases pending long polls.
        runner = web.AppRunner(
            app, access_log=None, shutdown_timeout=1.0, handler_cancellation=True
        )
        await runner.setup()
        site = web.TCPSite(runner, host, port)
        await site.start()
        self._runner = runner
        self._host = host
        address = runner.addresses[0]
        self._port = int(address[1])
        self._closing = False

    async def stop(self) -> None:
        self._closing = True
        self._notify_updates()
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    async def __aenter__(self) -> BotApiStandin:
        await self.start()
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.stop()

    @property
    def port(self) -> int:
        if self._port is None:
            raise RuntimeError("the stand-in has not been started")
        return self._port

    @property
    def base_url(self) -> str:
        return f"http://{self._host}:{self.port}/bot"

    @property
    def base_file_url(self) -> str:
        return f"http://{self._host}:{self.port}/file/bot"

    # ------------------------------------------------------------------ test-facing API

    def file_content(self, file_id: str) -> bytes | None:
        """The bytes of a file the bot sent or a person uploaded (None if unknown)."""
        stored = self._files.get(file_id)
        return stored.content if stored is not None else None

    def user(
        self,
        user_id: int,
        first_name: str = "Tester",
        *,
        last_name: str | None = None,
        username: str | None = None,
    ) -> SimulatedUser:
        """The simulated user with this id; repeated calls return the same object."""
        existing = self._users.get(user_id)
        if existing is not None:
            return existing
        created = SimulatedUser(self, user_id, first_name, last_name=last_name, username=username)
        self._users[user_id] = created
        return created

    def block(self, user_id: int) -> None:
        """Make the user block the bot: further sends to them answer 403 until they write."""
        self._blocked.add(user_id)

    def unblock(self, user_id: int) -> None:
        self._blocked.discard(user_id)

    @staticmethod
    def error_response(
        error_code: int, description: str, *, retry_after: int | None = None
    ) -> JSONDict:
        """A Telegram-shaped error body, e.g. for a fault injector to return."""
        return _error_response(error_code, description, retry_after)

    @property
    def pending_updates(self) -> list[JSONDict]:
        """Updates not yet confirmed by the bot (via a later getUpdates offset)."""
        return list(self._updates)

    def calls(self, method: str) -> list[RecordedRequest]:
        """Recorded requests for one method (case-insensitive)."""
        return [r for r in self.requests if r.method.lower() == method.lower()]

    # ------------------------------------------------------------------ HTTP plumbing

    async def _handle_api(self, request: web.Request) -> web.Response:
        arrived = time.monotonic()
        raw_method = request.match_info["method"]
        entry = self._methods.get(raw_method.lower())
        method = entry[0] if entry is not None else raw_method
        record = RecordedRequest(method, {}, arrived)
        self.requests.append(record)
        if request.match_info["token"] != self.token:
            return self._finish(record, _error_response(401, "Unauthorized", None))
        if entry is None:
            return self._finish(record, _error_response(404, "Not Found", None))
        body: JSONDict
        try:
            record.params = await self._read_params(request)
            injected = None
            if self.limits is not None:
                retry = self.limits.check(method, record.params.get("chat_id"), arrived)
                if retry is not None:
                    injected = _error_response(
                        429, f"Too Many Requests: retry after {retry}", retry
                    )
            if injected is None and self.fault_injector is not None:
                injected = await self.fault_injector(method, record.params)
            if injected is not None:
                body = injected
            else:
                result = await entry[1](record.params, request)
                body = {"ok": True, "result": result}
        except asyncio.CancelledError:
            record.cancelled = True
            raise
        except ApiError as exc:
            body = exc.to_response()
        except Exception:
            _log.exception("stand-in failed handling %s", method)
            body = _error_response(500, "Internal Server Error", None)
        return self._finish(record, body)

    def _finish(self, record: RecordedRequest, body: JSONDict) -> web.Response:
        record.response = body
        record.ok = bool(body.get("ok"))
        if not record.ok:
            record.error_code = int(body.get("error_code", 500))
            record.description = str(body.get("description", ""))
            self.errors.append(record)
            retry_after = (body.get("parameters") or {}).get("retry_after")
            chat_id = record.params.get("chat_id")
            limits = self.limits
            if limits is not None and isinstance(retry_after, int) and isinstance(chat_id, int):
                limits.note_retry_after(chat_id, retry_after, record.time)
        status = 200 if record.ok else (record.error_code or 500)
        return web.json_response(body, status=status)

    async def _read_params(self, request: web.Request) -> JSONDict:
        raw: JSONDict = dict(request.query)
        if request.can_read_body:
            try:
                if request.content_type == "application/json":
                    payload = await request.json()
                    if not isinstance(payload, dict):
                        raise ApiError(400, "Bad Request: JSON object expected")
                    raw.update(payload)
                elif request.content_type in (
                    "application/x-www-form-urlencoded",
                    "multipart/form-data",
                ):
                    form = await request.post()
                    for key, value in form.items():
                        if isinstance(value, web.FileField):
                            raw[key] = UploadedFile(
                                filename=value.filename,
                                content_type=value.content_type,
                                data=value.file.read(),
                            )
                        else:
                            raw[key] = value
            except web.HTTPRequestEntityTooLarge:
                raise ApiError(413, "Request Entity Too Large") from None
            except ValueError:
                raise ApiError(400, "Bad Request: can't parse request body") from None
        return {key: _decode_value(key, value) for key, value in raw.items()}

    async def _handle_file(self, request: web.Request) -> web.Response:
        """Serve downloads; recorded as method "downloadFile" so failures show in errors."""
        path = request.match_info["file_path"]
        record = RecordedRequest("downloadFile", {"file_path": path}, time.monotonic())
        self.requests.append(record)
        stored = self._files_by_path.get(path)
        if request.match_info["token"] != self.token:
            return self._finish(record, _error_response(401, "Unauthorized", None))
        if stored is None:
            return self._finish(record, _error_response(404, "Not Found", None))
        record.response = {"ok": True, "result": {"file_size": stored.file_size}}
        content = stored.content if stored.content is not None else bytes(stored.file_size)
        return web.Response(
            body=content, content_type=stored.mime_type or "application/octet-stream"
        )

    # ------------------------------------------------------------------ shared helpers

    def _bot_user_json(self) -> JSONDict:
        return {
            "id": self.bot_id,
            "is_bot": True,
            "first_name": "CCHC Bot",
            "username": self.bot_username,
        }

    def _chat_state(self, chat_id: int) -> _ChatState:
        state = self._chats.get(chat_id)
        if state is None:
            state = self._chats[chat_id] = _ChatState()
        return state

    def _notify_chat(self, chat_id: int) -> None:
        state = self._chat_state(chat_id)
        state.last_activity = time.monotonic()
        state.changed.set()
        state.changed = asyncio.Event()

    async def _wait_chat(self, chat_id: int, seconds: float) -> None:
        """Wait until something happens in the chat, or ``seconds`` pass."""
        event = self._chat_state(chat_id).changed
        with contextlib.suppress(TimeoutError):
            async with asyncio.timeout(max(seconds, 0.0)):
                await event.wait()

    def _notify_updates(self) -> None:
        self._updates_changed.set()
        self._updates_changed = asyncio.Event()

    def _next_message_id(self, chat_id: int) -> int:
        value = self._last_message_id.get(chat_id, 0) + 1
        self._last_message_id[chat_id] = value
        return value

    def _push_update(self, body: JSONDict) -> JSONDict:
        update = {"update_id": self._next_update_id, **body}
        self._next_update_id += 1
        self._updates.append(update)
        self._notify_updates()
        return update

    def _user_activity(self, user: SimulatedUser) -> None:
        """A user wrote: the chat now exists for the bot and any block is lifted."""
        user.started = True
        if self.limits is not None:
            self.limits.note_activity(user.chat_id)
        self._blocked.discard(user.id)
        self._notify_chat(user.chat_id)

    def _record_user_message(self, message: JSONDict) -> None:
        self._user_messages[(message["chat"]["id"], message["message_id"])] = message

    async def wait_callback_answer(
        self,
        query_id: str,
        timeout: float = 5.0,  # noqa: ASYNC109 - a deadline for the whole wait
    ) -> JSONDict:
        """The answerCallbackQuery parameters for ``query_id``, once the bot has answered."""
        deadline = time.monotonic() + timeout
        while query_id not in self.callback_answers:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise AssertionError(f"callback query {query_id} was not answered in {timeout}s")
            event = self._answers_changed
            with contextlib.suppress(TimeoutError):
                async with asyncio.timeout(remaining):
                    await event.wait()
        return self.callback_answers[query_id]

    def _register_callback_query(self, user_id: int) -> str:
        query_id = f"{user_id}{next(self._query_counter):08d}{secrets.randbelow(10**6):06d}"
        self._callback_queries[query_id] = _CallbackQuery(user_id)
        return query_id

    def _new_file(
        self,
        kind: str,
        *,
        content: bytes | None,
        file_size: int,
        file_name: str | None,
        mime_type: str | None,
    ) -> StoredFile:
        number = next(self._file_counter)
        extension = ""
        if file_name and "." in file_name:
            extension = "." + file_name.rsplit(".", 1)[1]
        elif kind == "photo":
            extension = ".jpg"
        width = height = 0
        if kind == "photo":
            width, height = (_image_size(content) if content else None) or (800, 600)
        stored = StoredFile(
            file_id=f"{'AgAC' if kind == 'photo' else 'BQAC'}{number:06d}{secrets.token_hex(8)}",
            file_unique_id=f"AQAD{number:06d}",
            kind=kind,
            file_path=f"{kind}s/file_{number}{extension}",
            file_size=file_size,
            file_name=file_name,
            mime_type=mime_type,
            content=content,
            width=width,
            height=height,
        )
        self._files[stored.file_id] = stored
        self._files_by_path[stored.file_path] = stored
        return stored

    def _chat_json(self, chat_id: int) -> JSONDict:
        user = self._users.get(chat_id)
        if user is None:
            return {"id": chat_id, "type": "private", "first_name": str(chat_id)}
        return user.chat_json()

    def _message_json(self, sent: SentMessage) -> JSONDict:
        """The Message object Telegram would return for the message in its current state."""
        message: JSONDict = {
            "message_id": sent.message_id,
            "date": sent.date,
            "chat": self._chat_json(sent.chat_id),
            "from": self._bot_user_json(),
        }
        if sent.edit_date is not None:
            message["edit_date"] = sent.edit_date
        if sent.is_media:
            if sent.document is not None:
                message["document"] = sent.document
            if sent.photo is not None:
                message["photo"] = sent.photo
            if sent.text:
                message["caption"] = sent.text
                if sent.entities:
                    message["caption_entities"] = sent.entities
        else:
            message["text"] = sent.text
            if sent.entities:
                message["entities"] = sent.entities
        if sent.media_group_id is not None:
            message["media_group_id"] = sent.media_group_id
        if sent.reply_markup and "inline_keyboard" in sent.reply_markup:
            message["reply_markup"] = sent.reply_markup
        if sent.reply_to_message_id is not None:
            replied = self._find_any_message_json(sent.chat_id, sent.reply_to_message_id)
            if replied is not None:
                message["reply_to_message"] = replied
        return message

    def _find_sent(self, chat_id: int, message_id: Any) -> SentMessage | None:
        for sent in self.sent.get(chat_id, []):
            if sent.message_id == message_id and not sent.deleted:
                return sent
        return None

    def _find_any_message_json(self, chat_id: int, message_id: int) -> JSONDict | None:
        user_message = self._user_messages.get((chat_id, message_id))
        if user_message is not None:
            return user_message
        sent = self._find_sent(chat_id, message_id)
        if sent is None:
            return None
        message = self._message_json(sent)
        message.pop("reply_to_message", None)
        return message

    def _resolve_chat(self, chat_id: Any) -> SimulatedUser:
        if chat_id is None or chat_id == "":
            raise ApiError(400, "Bad Request: chat_id is empty")
        user: SimulatedUser | None = None
        if isinstance(chat_id, int):
            user = self._users.get(chat_id)
        elif isinstance(chat_id, str) and chat_id.startswith("@"):
            wanted = chat_id[1:].lower()
            user = next(
                (u for u in self._users.values() if (u.username or "").lower() == wanted), None
            )
        if user is None or not user.started:
            raise ApiError(400, "Bad Request: chat not found")
        return user

    def _target_chat(self, params: JSONDict) -> SimulatedUser:
        """The chat a send/edit addresses, refusing like Telegram for unknown or blocked ones."""
        user = self._resolve_chat(params.get("chat_id"))
        if user.id in self._blocked:
            raise ApiError(403, "Forbidden: bot was blocked by the user")
        return user

    def _format(self, text: Any, parse_mode: Any, entities: Any, *, caption: bool) -> ParsedText:
        if text is None:
            text = ""
        if not isinstance(text, str):
            text = str(text)
        mode = parse_mode.lower() if isinstance(parse_mode, str) else ""
        if mode == "html":
            try:
                parsed = parse_html(text)
            except HtmlParseError as exc:
                raise ApiError(400, f"Bad Request: can't parse entities: {exc}") from None
        elif mode in ("", "markdown", "markdownv2"):
            # Markdown is not used by this bot; it passes through unvalidated.
            parsed = ParsedText(text, list(entities) if isinstance(entities, list) else [])
        else:
            raise ApiError(400, "Bad Request: unsupported parse_mode")
        parsed = strip_parsed(parsed)
        if caption:
            if utf16_len(parsed.text) > MAX_CAPTION_LENGTH:
                raise ApiError(400, "Bad Request: message caption is too long")
        else:
            if not parsed.text:
                raise ApiError(400, "Bad Request: message text is empty")
            if utf16_len(parsed.text) > MAX_TEXT_LENGTH:
                raise ApiError(400, "Bad Request: message is too long")
        return parsed

    def _check_markup(self, markup: Any, *, inline_only: bool) -> JSONDict | None:
        if markup is None:
            return None
        if not isinstance(markup, dict):
            raise ApiError(400, "Bad Request: can't parse reply keyboard markup JSON object")
        if "inline_keyboard" in markup:
            self._check_inline_keyboard(markup["inline_keyboard"])
            return markup
        if inline_only:
            raise ApiError(400, "Bad Request: inline keyboard expected")
        if "keyboard" in markup:
            rows = markup["keyboard"]
            if not isinstance(rows, list) or not all(isinstance(r, list) for r in rows):
                raise ApiError(
                    400,
                    'Bad Request: field "keyboard" of the ReplyKeyboardMarkup must be an '
                    "Array of Arrays",
                )
            for row in rows:
                for button in row:
                    text = button.get("text") if isinstance(button, dict) else button
                    if not isinstance(text, str) or not text:
                        raise ApiError(400, "Bad Request: keyboard button text is empty")
            return markup
        if "remove_keyboard" in markup or "force_reply" in markup:
            return markup
        raise ApiError(400, "Bad Request: can't parse reply keyboard markup JSON object")

    @staticmethod
    def _check_inline_keyboard(rows: Any) -> None:
        if not isinstance(rows, list) or not all(isinstance(r, list) for r in rows):
            raise ApiError(
                400,
                'Bad Request: field "inline_keyboard" of the InlineKeyboardMarkup must be an '
                "Array of Arrays",
            )
        count = 0
        for row in rows:
            for button in row:
                count += 1
                if not isinstance(button, dict):
                    raise ApiError(
                        400, "Bad Request: can't parse inline keyboard button: Object expected"
                    )
                text = button.get("text")
                if not isinstance(text, str) or not text.strip():
                    raise ApiError(
                        400,
                        'Bad Request: can\'t parse inline keyboard button: Field "text" must '
                        "be of type String",
                    )
                actions = _BUTTON_ACTIONS.intersection(button)
                if not actions:
                    raise ApiError(
                        400,
                        "Bad Request: can't parse inline keyboard button: Text buttons are "
                        "unallowed in the inline keyboard",
                    )
                if len(actions) > 1:
                    raise ApiError(
                        400,
                        "Bad Request: can't parse inline keyboard button: exactly one of "
                        f"{sorted(actions)} must be given",
                    )
                if "callback_data" in button:
                    data = button["callback_data"]
                    if (
                        not isinstance(data, str)
                        or not data
                        or len(data.encode("utf-8")) > MAX_CALLBACK_DATA_BYTES
                    ):
                        raise ApiError(400, "Bad Request: BUTTON_DATA_INVALID")
                if "url" in button:
                    url = button["url"]
                    scheme = urlsplit(url).scheme if isinstance(url, str) else ""
                    if scheme not in ("http", "https", "tg") or (
                        scheme != "tg" and not urlsplit(url).netloc
                    ):
                        raise ApiError(
                            400,
                            f"Bad Request: inline keyboard button URL '{url}' is invalid: "
                            "Wrong HTTP URL",
                        )
        if count > 100:
            raise ApiError(400, "Bad Request: reply markup is too long")

    def _reply_to(self, params: JSONDict, chat_id: int) -> int | None:
        reply = params.get("reply_parameters")
        allow_missing = bool(params.get("allow_sending_without_reply"))
        message_id: Any = params.get("reply_to_message_id")
        if isinstance(reply, dict):
            message_id = reply.get("message_id")
            allow_missing = bool(reply.get("allow_sending_without_reply", allow_missing))
        if message_id is None:
            return None
        if self._find_any_message_json(chat_id, int(message_id)) is None:
            if allow_missing:
                return None
            raise ApiError(400, "Bad Request: message to be replied not found")
        return int(message_id)

    def _store_sent(self, sent: SentMessage) -> None:
        self.sent.setdefault(sent.chat_id, []).append(sent)
        self._chat_state(sent.chat_id).log.append(_LogEntry(sent, sent.text))
        self._announce(sent)

    def _announce(self, sent: SentMessage) -> None:
        self._notify_chat(sent.chat_id)
        if self.on_bot_message is not None:
            try:
                self.on_bot_message(sent)
            except Exception:
                _log.exception("on_bot_message callback failed")

    def _apply_edit(
        self,
        sent: SentMessage,
        *,
        parsed: ParsedText | None,
        html: str | None,
        parse_mode: str | None,
        markup: JSONDict | None,
    ) -> None:
        text_changed = parsed is not None and (
            parsed.text != sent.text or parsed.entities != sent.entities
        )
        if parsed is not None and text_changed:
            sent.edits.append(sent.text)
            sent.text = parsed.text
            sent.entities = parsed.entities
            sent.html = html if html is not None else parsed.text
            sent.parse_mode = parse_mode
        sent.reply_markup = markup
        sent.edit_date = int(time.time())
        if text_changed:
            self._chat_state(sent.chat_id).log.append(_LogEntry(sent, sent.text))
        self._announce(sent)

    @staticmethod
    def _inline_markup(sent: SentMessage) -> JSONDict | None:
        if sent.reply_markup and "inline_keyboard" in sent.reply_markup:
            return sent.reply_markup
        return None

    def _message_to_edit(self, params: JSONDict) -> SentMessage:
        if params.get("inline_message_id"):
            raise ApiError(400, "Bad Request: MESSAGE_ID_INVALID")
        user = self._target_chat(params)
        sent = self._find_sent(user.chat_id, params.get("message_id"))
        if sent is None:
            raise ApiError(400, "Bad Request: message to edit not found")
        return sent

    def _resolve_input_file(
        self, value: Any, params: JSONDict, *, kind: str, field_name: str
    ) -> StoredFile:
        if value is None or value == "":
            raise ApiError(400, f"Bad Request: there is no {field_name} in the request")
        if isinstance(value, str) and value.startswith("attach://"):
            attached = params.get(value[len("attach://") :])
            if not isinstance(attached, UploadedFile):
                raise ApiError(400, f'Bad Request: can\'t find attached file "{value}"')
            value = attached
        if isinstance(value, UploadedFile):
            if not value.data:
                raise ApiError(400, "Bad Request: file must be non-empty")
            if len(value.data) > MAX_UPLOAD_SIZE:
                raise ApiError(413, "Request Entity Too Large")
            mime = value.content_type
            if not mime or mime == "application/octet-stream":
                mime = mimetypes.guess_type(value.filename)[0] or mime
            return self._new_file(
                kind,
                content=value.data,
                file_size=len(value.data),
                file_name=value.filename if kind != "photo" else None,
                mime_type=mime if kind != "photo" else None,
            )
        if isinstance(value, str):
            stored = self._files.get(value)
            if stored is not None:
                if stored.kind != kind:
                    raise ApiError(
                        400,
                        f"Bad Request: can't use file of type {stored.kind.title()} as "
                        f"{kind.title()}",
                    )
                return stored
            if value.startswith(("http://", "https://")):
                name = urlsplit(value).path.rsplit("/", 1)[-1] or None
                return self._new_file(
                    kind,
                    content=None,
                    file_size=0,
                    file_name=name if kind != "photo" else None,
                    mime_type=(mimetypes.guess_type(name)[0] if name else None)
                    if kind != "photo"
                    else None,
                )
        raise ApiError(400, "Bad Request: wrong file identifier/HTTP URL specified")

    # ------------------------------------------------------------------ methods: bot & updates

    async def _ok_true(self, params: JSONDict, request: web.Request) -> Any:
        return True

    async def _get_me(self, params: JSONDict, request: web.Request) -> Any:
        return {
            **self._bot_user_json(),
            "can_join_groups": True,
            "can_read_all_group_messages": False,
            "supports_inline_queries": False,
            "can_connect_to_business": False,
            "has_main_web_app": False,
        }

    async def _set_webhook(self, params: JSONDict, request: web.Request) -> Any:
        self._webhook_url = str(params.get("url") or "")
        if params.get("drop_pending_updates"):
            self._updates.clear()
        return True

    async def _delete_webhook(self, params: JSONDict, request: web.Request) -> Any:
        self._webhook_url = ""
        if params.get("drop_pending_updates"):
            self._updates.clear()
        return True

    async def _get_webhook_info(self, params: JSONDict, request: web.Request) -> Any:
        return {
            "url": self._webhook_url,
            "has_custom_certificate": False,
            "pending_update_count": len(self._updates),
        }

    def _drop_disallowed_updates(self) -> None:
        allowed = self._allowed_updates
        if not allowed:
            return
        self._updates = [u for u in self._updates if any(kind in u for kind in allowed)]

    async def _get_updates(self, params: JSONDict, request: web.Request) -> Any:
        if self._webhook_url:
            raise ApiError(
                409,
                "Conflict: can't use getUpdates method while webhook is active; use "
                "deleteWebhook to delete the webhook first",
            )
        offset = params.get("offset")
        if isinstance(offset, int) and offset != 0:
            if offset > 0:
                self._updates = [u for u in self._updates if u["update_id"] >= offset]
            else:
                self._updates = self._updates[offset:]
        limit = params.get("limit", 100)
        limit = min(max(limit, 1), 100) if isinstance(limit, int) else 100
        timeout = params.get("timeout", 0)
        timeout = float(timeout) if isinstance(timeout, (int, float)) else 0.0
        allowed = params.get("allowed_updates")
        if isinstance(allowed, list):
            self._allowed_updates = [str(kind) for kind in allowed] or None

        # Only one poller may wait at a time; a newer one terminates older ones.
        self._poll_generation += 1
        generation = self._poll_generation
        self._notify_updates()
        deadline = time.monotonic() + max(timeout, 0.0)
        while True:
            if generation != self._poll_generation:
                # A poller that hung up just before its successor arrived (PTB does this on
                # every stop) is cancelled during this grace; only a live rival gets the 409.
                await asyncio.sleep(_SUPERSEDED_GRACE)
                raise ApiError(
                    409,
                    "Conflict: terminated by other getUpdates request; make sure that only one "
                    "bot instance is running",
                )
            self._drop_disallowed_updates()
            if self._updates:
                return self._updates[:limit]
            remaining = deadline - time.monotonic()
            if self._closing or remaining <= 0:
                return []
            event = self._updates_changed
            with contextlib.suppress(TimeoutError):
                async with asyncio.timeout(remaining):
                    await event.wait()

    # ------------------------------------------------------------------ methods: commands & menu

    @staticmethod
    def _commands_key(params: JSONDict) -> str:
        scope = params.get("scope")
        if not isinstance(scope, dict) or scope == {"type": "default"}:
            key = "default"
        else:
            key = json.dumps(scope, sort_keys=True, ensure_ascii=False)
        language = params.get("language_code")
        return f"{key}|{language}" if language else key

    async def _set_my_commands(self, params: JSONDict, request: web.Request) -> Any:
        commands = params.get("commands")
        if not isinstance(commands, list):
            raise ApiError(400, "Bad Request: can't parse commands JSON object")
        if len(commands) > 100:
            raise ApiError(400, "Bad Request: too many commands")
        for command in commands:
            if not isinstance(command, dict) or not _COMMAND_RE.fullmatch(
                str(command.get("command", ""))
            ):
                raise ApiError(400, "Bad Request: BOT_COMMAND_INVALID")
            description = command.get("description")
            if not isinstance(description, str) or not 1 <= len(description) <= 256:
                raise ApiError(400, "Bad Request: BOT_COMMAND_DESCRIPTION_INVALID")
        key = self._commands_key(params)
        if commands:
            self.commands[key] = commands
        else:
            self.commands.pop(key, None)
        return True

    async def _get_my_commands(self, params: JSONDict, request: web.Request) -> Any:
        return self.commands.get(self._commands_key(params), [])

    async def _delete_my_commands(self, params: JSONDict, request: web.Request) -> Any:
        self.commands.pop(self._commands_key(params), None)
        return True

    async def _set_chat_menu_button(self, params: JSONDict, request: web.Request) -> Any:
        key = str(params.get("chat_id", "default"))
        button = params.get("menu_button")
        self._menu_buttons[key] = button if isinstance(button, dict) else {"type": "default"}
        return True

    async def _get_chat_menu_button(self, params: JSONDict, request: web.Request) -> Any:
        key = str(params.get("chat_id", "default"))
        return self._menu_buttons.get(key, self._menu_buttons.get("default", {"type": "commands"}))

    # ------------------------------------------------------------------ methods: messages

    async def _send_message(self, params: JSONDict, request: web.Request) -> Any:
        user = self._target_chat(params)
        raw = params.get("text")
        parsed = self._format(raw, params.get("parse_mode"), params.get("entities"), caption=False)
        markup = self._check_markup(params.get("reply_markup"), inline_only=False)
        reply_to = self._reply_to(params, user.chat_id)
        sent = SentMessage(
            message_id=self._next_message_id(user.chat_id),
            chat_id=user.chat_id,
            method="sendMessage",
            text=parsed.text,
            html=str(raw),
            parse_mode=params.get("parse_mode"),
            reply_markup=markup,
            document=None,
            photo=None,
            date=int(time.time()),
            entities=parsed.entities,
            reply_to_message_id=reply_to,
        )
        self._store_sent(sent)
        return self._message_json(sent)

    async def _edit_message_text(self, params: JSONDict, request: web.Request) -> Any:
        sent = self._message_to_edit(params)
        if sent.is_media:
            raise ApiError(400, "Bad Request: there is no text in the message to edit")
        raw = params.get("text")
        parsed = self._format(raw, params.get("parse_mode"), params.get("entities"), caption=False)
        # Omitting reply_markup removes the keyboard, as on Telegram.
        markup = self._check_markup(params.get("reply_markup"), inline_only=True)
        if (
            parsed.text == sent.text
            and parsed.entities == sent.entities
            and markup == self._inline_markup(sent)
        ):
            raise ApiError(400, _NOT_MODIFIED)
        self._apply_edit(
            sent, parsed=parsed, html=str(raw), parse_mode=params.get("parse_mode"), markup=markup
        )
        return self._message_json(sent)

    async def _edit_message_caption(self, params: JSONDict, request: web.Request) -> Any:
        sent = self._message_to_edit(params)
        if not sent.is_media:
            raise ApiError(400, "Bad Request: there is no caption in the message to edit")
        raw = params.get("caption")
        parsed = self._format(
            raw, params.get("parse_mode"), params.get("caption_entities"), caption=True
        )
        markup = self._check_markup(params.get("reply_markup"), inline_only=True)
        if (
            parsed.text == sent.text
            and parsed.entities == sent.entities
            and markup == self._inline_markup(sent)
        ):
            raise ApiError(400, _NOT_MODIFIED)
        self._apply_edit(
            sent,
            parsed=parsed,
            html=str(raw or ""),
            parse_mode=params.get("parse_mode"),
            markup=markup,
        )
        return self._message_json(sent)

    async def _edit_message_reply_markup(self, params: JSONDict, request: web.Request) -> Any:
        sent = self._message_to_edit(params)
        markup = self._check_markup(params.get("reply_markup"), inline_only=True)
        if markup == self._inline_markup(sent):
            raise ApiError(400, _NOT_MODIFIED)
        self._apply_edit(sent, parsed=None, html=None, parse_mode=sent.parse_mode, markup=markup)
        return self._message_json(sent)

    async def _delete_message(self, params: JSONDict, request: web.Request) -> Any:
        user = self._resolve_chat(params.get("chat_id"))
        message_id = params.get("message_id")
        sent = self._find_sent(user.chat_id, message_id)
        if sent is not None:
            sent.deleted = True
            return True
        if isinstance(message_id, int) and (
            self._user_messages.pop((user.chat_id, message_id), None) is not None
        ):
            return True
        raise ApiError(400, "Bad Request: message to delete not found")

    async def _answer_callback_query(self, params: JSONDict, request: web.Request) -> Any:
        query_id = str(params.get("callback_query_id", ""))
        query = self._callback_queries.get(query_id)
        if query is None or query.answered:
            raise ApiError(
                400,
                "Bad Request: query is too old and response timeout expired or query ID is "
                "invalid",
            )
        text = params.get("text")
        if isinstance(text, str) and len(text) > MAX_CALLBACK_ANSWER_LENGTH:
            raise ApiError(400, "Bad Request: MESSAGE_TOO_LONG")
        query.answered = True
        self.callback_answers[query_id] = dict(params)
        self._answers_changed.set()
        self._answers_changed = asyncio.Event()
        return True

    async def _send_chat_action(self, params: JSONDict, request: web.Request) -> Any:
        self._target_chat(params)
        if params.get("action") not in _CHAT_ACTIONS:
            raise ApiError(400, "Bad Request: wrong parameter action in request")
        return True

    async def _send_file_message(
        self, params: JSONDict, *, method: str, kind: str, field_name: str
    ) -> SentMessage:
        user = self._target_chat(params)
        caption = params.get("caption")
        parsed = self._format(
            caption, params.get("parse_mode"), params.get("caption_entities"), caption=True
        )
        markup = self._check_markup(params.get("reply_markup"), inline_only=False)
        reply_to = self._reply_to(params, user.chat_id)
        stored = self._resolve_input_file(
            params.get(field_name), params, kind=kind, field_name=field_name
        )
        sent = SentMessage(
            message_id=self._next_message_id(user.chat_id),
            chat_id=user.chat_id,
            method=method,
            text=parsed.text,
            html=str(caption or ""),
            parse_mode=params.get("parse_mode"),
            reply_markup=markup,
            document=stored.document_json() if kind == "document" else None,
            photo=stored.photo_json() if kind == "photo" else None,
            date=int(time.time()),
            entities=parsed.entities,
            reply_to_message_id=reply_to,
        )
        self._store_sent(sent)
        return sent

    async def _send_document(self, params: JSONDict, request: web.Request) -> Any:
        sent = await self._send_file_message(
            params, method="sendDocument", kind="document", field_name="document"
        )
        return self._message_json(sent)

    async def _send_photo(self, params: JSONDict, request: web.Request) -> Any:
        sent = await self._send_file_message(
            params, method="sendPhoto", kind="photo", field_name="photo"
        )
        return self._message_json(sent)

    async def _send_media_group(self, params: JSONDict, request: web.Request) -> Any:
        user = self._target_chat(params)
        media = params.get("media")
        if not isinstance(media, list) or not all(isinstance(m, dict) for m in media):
            raise ApiError(400, "Bad Request: can't parse media JSON object")
        if not 2 <= len(media) <= 10:
            raise ApiError(400, "Bad Request: media group must contain 2-10 items")
        types = {m.get("type") for m in media}
        if not types <= {"photo", "video", "audio", "document"}:
            raise ApiError(400, "Bad Request: unsupported media type in the media group")
        if len(types) > 1 and ({"document", "audio"} & types):
            raise ApiError(400, "Bad Request: documents and audio can't be mixed with other media")
        reply_to = self._reply_to(params, user.chat_id)
        prepared: list[tuple[JSONDict, ParsedText, StoredFile]] = []
        for item in media:
            parsed = self._format(
                item.get("caption"),
                item.get("parse_mode"),
                item.get("caption_entities"),
                caption=True,
            )
            kind = "photo" if item["type"] == "photo" else "document"
            stored = self._resolve_input_file(
                item.get("media"), params, kind=kind, field_name="media"
            )
            prepared.append((item, parsed, stored))
        group_id = f"{next(self._media_group_counter):012d}"
        results: list[JSONDict] = []
        for item, parsed, stored in prepared:
            sent = SentMessage(
                message_id=self._next_message_id(user.chat_id),
                chat_id=user.chat_id,
                method="sendMediaGroup",
                text=parsed.text,
                html=str(item.get("caption") or ""),
                parse_mode=item.get("parse_mode"),
                reply_markup=None,
                document=stored.document_json() if stored.kind == "document" else None,
                photo=stored.photo_json() if stored.kind == "photo" else None,
                date=int(time.time()),
                entities=parsed.entities,
                media_group_id=group_id,
                reply_to_message_id=reply_to,
            )
            self._store_sent(sent)
            results.append(self._message_json(sent))
        return results

    def _source_message(self, params: JSONDict, missing: str) -> JSONDict:
        source_chat = self._resolve_chat(params.get("from_chat_id"))
        message_id = params.get("message_id")
        found = (
            self._find_any_message_json(source_chat.chat_id, message_id)
            if isinstance(message_id, int)
            else None
        )
        if found is None:
            raise ApiError(400, f"Bad Request: {missing}")
        return found

    def _sent_from_source(
        self, source: JSONDict, chat_id: int, method: str, params: JSONDict
    ) -> SentMessage:
        is_media = "document" in source or "photo" in source
        text = str(source.get("caption" if is_media else "text", "") or "")
        entities = list(source.get("caption_entities" if is_media else "entities", []) or [])
        html = text
        parse_mode: str | None = None
        if is_media and "caption" in params:
            parsed = self._format(
                params.get("caption"),
                params.get("parse_mode"),
                params.get("caption_entities"),
                caption=True,
            )
            text, entities = parsed.text, parsed.entities
            html, parse_mode = str(params.get("caption") or ""), params.get("parse_mode")
        return SentMessage(
            message_id=self._next_message_id(chat_id),
            chat_id=chat_id,
            method=method,
            text=text,
            html=html,
            parse_mode=parse_mode,
            reply_markup=self._check_markup(params.get("reply_markup"), inline_only=False),
            document=source.get("document"),
            photo=source.get("photo"),
            date=int(time.time()),
            entities=entities,
        )

    async def _copy_message(self, params: JSONDict, request: web.Request) -> Any:
        target = self._target_chat(params)
        source = self._source_message(params, "message to copy not found")
        sent = self._sent_from_source(source, target.chat_id, "copyMessage", params)
        self._store_sent(sent)
        return {"message_id": sent.message_id}

    async def _forward_message(self, params: JSONDict, request: web.Request) -> Any:
        target = self._target_chat(params)
        source = self._source_message(params, "message to forward not found")
        sent = self._sent_from_source(
            source, target.chat_id, "forwardMessage", {"reply_markup": None}
        )
        self._store_sent(sent)
        message = self._message_json(sent)
        message["forward_origin"] = {
            "type": "user",
            "sender_user": source["from"],
            "date": source["date"],
        }
        return message

    # ------------------------------------------------------------------ methods: files & chats

    async def _get_file(self, params: JSONDict, request: web.Request) -> Any:
        stored = self._files.get(str(params.get("file_id", "")))
        if stored is None:
            raise ApiError(400, "Bad Request: invalid file_id")
        if stored.file_size > MAX_DOWNLOAD_SIZE:
            raise ApiError(400, "Bad Request: file is too big")
        return {
            "file_id": stored.file_id,
            "file_unique_id": stored.file_unique_id,
            "file_size": stored.file_size,
            "file_path": stored.file_path,
        }

    async def _get_chat(self, params: JSONDict, request: web.Request) -> Any:
        user = self._resolve_chat(params.get("chat_id"))
        return {
            **user.chat_json(),
            "accent_color_id": 0,
            "max_reaction_count": 11,
            "accepted_gift_types": {
                "unlimited_gifts": False,
                "limited_gifts": False,
                "unique_gifts": False,
                "premium_subscription": False,
                "gifts_from_channels": False,
            },
        }
