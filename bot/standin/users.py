"""Simulated Telegram users that talk to the bot through the stand-in.

Tests read like a conversation (``await user.send("/start")``, ``await user.expect("...")``,
``await user.click("Gửi")``) so that end-to-end scenarios document the user experience.
Every wait is driven by the stand-in's change events rather than polling, so tests stay
fast and do not flake on slow machines beyond their explicit timeouts.
"""

from __future__ import annotations

import asyncio
import mimetypes
import re
import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from bot.standin.server import BotApiStandin, SentMessage, _LogEntry

__all__ = ["SimulatedUser"]

_COMMAND_RE = re.compile(r"/[A-Za-z0-9_]{1,32}(?:@[A-Za-z0-9_]+)?(?=\s|$)")


def _utf16_len(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def _describe(messages: list[SentMessage]) -> str:
    if not messages:
        return "  (none)"
    lines = []
    for message in messages:
        label = message.method
        if message.document is not None:
            label += f" [document {message.document.get('file_name')!r}]"
        if message.photo is not None:
            label += " [photo]"
        buttons = [b.get("text") for b in message.buttons]
        suffix = f" buttons={buttons}" if buttons else ""
        lines.append(f"  #{message.message_id} {label}: {message.text!r}{suffix}")
    return "\n".join(lines)


class SimulatedUser:
    """One person in a private chat with the bot.

    ``started`` becomes true once the user has written to the bot; until then Telegram
    (and the stand-in) answer "chat not found" to sends.  Tests that need many reachable
    users without a conversation each (e.g. broadcasts) may set it directly.
    """

    def __init__(
        self,
        standin: BotApiStandin,
        user_id: int,
        first_name: str,
        *,
        last_name: str | None = None,
        username: str | None = None,
        language_code: str = "vi",
    ) -> None:
        self._standin = standin
        self.id = user_id
        self.chat_id = user_id
        self.first_name = first_name
        self.last_name = last_name
        self.username = username
        self.language_code = language_code
        self.started = False
        self._cursor = 0  # index into the chat's change log
        self._last_text_id = 0
        # What this person did: messages sent (texts, files) and buttons pressed; the
        # report benchmark counts a journey's actions from these.
        self.sent_messages = 0
        self.presses = 0

    def __repr__(self) -> str:
        return f"SimulatedUser(id={self.id}, first_name={self.first_name!r})"

    # ------------------------------------------------------------------ JSON shapes

    def to_json(self) -> dict[str, Any]:
        user: dict[str, Any] = {
            "id": self.id,
            "is_bot": False,
            "first_name": self.first_name,
            "language_code": self.language_code,
        }
        if self.last_name is not None:
            user["last_name"] = self.last_name
        if self.username is not None:
            user["username"] = self.username
        return user

    def chat_json(self) -> dict[str, Any]:
        chat: dict[str, Any] = {
            "id": self.chat_id,
            "type": "private",
            "first_name": self.first_name,
        }
        if self.last_name is not None:
            chat["last_name"] = self.last_name
        if self.username is not None:
            chat["username"] = self.username
        return chat

    def _new_message(self) -> dict[str, Any]:
        return {
            "message_id": self._standin._next_message_id(self.chat_id),
            "date": int(time.time()),
            "chat": self.chat_json(),
            "from": self.to_json(),
        }

    async def _deliver(self, body: dict[str, Any]) -> None:
        self._standin._user_activity(self)
        if "message" in body:
            self.sent_messages += 1
        elif "callback_query" in body:
            self.presses += 1
        if "message" in body:
            self._standin._record_user_message(body["message"])
        self._standin._push_update(body)
        await asyncio.sleep(0)  # let a waiting getUpdates pick it up promptly

    # ------------------------------------------------------------------ acting

    async def send(self, text: str) -> None:
        """Send a text; a leading command gets a bot_command entity so CommandHandler fires."""
        message = self._new_message()
        message["text"] = text
        self._last_text_id = int(message["message_id"])
        match = _COMMAND_RE.match(text)
        if match is not None:
            message["entities"] = [
                {"type": "bot_command", "offset": 0, "length": _utf16_len(match.group())}
            ]
        await self._deliver({"message": message})

    async def edit_last_text(self, text: str) -> None:
        """Edit the user's own last text message, as Telegram's "Edit" does."""
        message = self._new_message()
        message["message_id"] = self._last_text_id
        message["text"] = text
        message["edit_date"] = int(time.time())
        await self._deliver({"edited_message": message})

    async def _send_file(
        self,
        kind: str,
        *,
        content: bytes | None,
        file_size: int,
        file_name: str | None,
        mime_type: str | None,
        caption: str | None,
        media_group_id: str | None = None,
    ) -> None:
        stored = self._standin._new_file(
            kind, content=content, file_size=file_size, file_name=file_name, mime_type=mime_type
        )
        message = self._new_message()
        if media_group_id is not None:
            message["media_group_id"] = media_group_id
        if kind == "photo":
            message["photo"] = stored.photo_json()
        else:
            message["document"] = stored.document_json()
        if caption is not None:
            message["caption"] = caption
        await self._deliver({"message": message})

    async def send_document(
        self, file_name: str, mime_type: str, content: bytes, *, caption: str | None = None
    ) -> None:
        """Upload a document whose bytes the bot can fetch via getFile and the file URL."""
        await self._send_file(
            "document",
            content=content,
            file_size=len(content),
            file_name=file_name,
            mime_type=mime_type or mimetypes.guess_type(file_name)[0],
            caption=caption,
        )

    async def send_document_meta(self, file_name: str, mime_type: str, file_size: int) -> None:
        """Announce a document of ``file_size`` bytes without materialising them.

        Lets tests cover size limits (e.g. a 30 MB file, which getFile refuses beyond 20 MB)
        without allocating the bytes; a download of a smaller one yields zero bytes.
        """
        await self._send_file(
            "document",
            content=None,
            file_size=file_size,
            file_name=file_name,
            mime_type=mime_type,
            caption=None,
        )

    async def send_photo(self, content: bytes, *, caption: str | None = None) -> None:
        await self._send_file(
            "photo",
            content=content,
            file_size=len(content),
            file_name=None,
            mime_type=None,
            caption=caption,
        )

    async def click(self, button: str, *, message: SentMessage | None = None) -> None:
        """Press an inline button, on ``message`` or else the newest message offering it.

        An exact text match wins over a substring match within the same message; a
        substring matching several buttons is ambiguous and fails rather than guessing.
        """
        if message is not None:
            candidates = [message]
        else:
            candidates = [m for m in reversed(self.messages) if not m.deleted and m.buttons]
        chosen: dict[str, Any] | None = None
        target: SentMessage | None = None
        for candidate in candidates:
            buttons = candidate.buttons
            exact = [b for b in buttons if b.get("text") == button]
            partial = [b for b in buttons if button in str(b.get("text", ""))]
            if exact:
                chosen, target = exact[0], candidate
            elif len(partial) == 1:
                chosen, target = partial[0], candidate
            elif len(partial) > 1:
                names = [b.get("text") for b in partial]
                raise AssertionError(
                    f"{self!r}: button {button!r} is ambiguous in message "
                    f"#{candidate.message_id}: {names}"
                )
            if chosen is not None:
                break
        if chosen is None or target is None:
            available = _describe([c for c in candidates if c.buttons][:5])
            raise AssertionError(
                f"{self!r}: no inline button {button!r}; messages with buttons (newest first):\n"
                f"{available}"
            )
        if "callback_data" not in chosen:
            raise AssertionError(f"{self!r}: button {button!r} is not a callback button: {chosen}")
        await self.press(str(chosen["callback_data"]), message=target)

    async def press(self, data: str, *, message: SentMessage | None = None) -> str:
        """Send a callback query with any ``data``, as a modified client can, on ``message``
        (by default the newest message the bot sent to this chat); returns the query's id.

        Telegram delivers whatever a client puts in a button press, so tests use this to
        press forged or outdated data on the bot's messages.
        """
        if message is None:
            shown = [m for m in self.messages if not m.deleted]
            if not shown:
                raise AssertionError(f"{self!r}: the bot has sent nothing to press a button on")
            message = shown[-1]
        query_id = self._standin._register_callback_query(self.id)
        await self._deliver(
            {
                "callback_query": {
                    "id": query_id,
                    "from": self.to_json(),
                    "chat_instance": f"ci{self.chat_id}",
                    "data": data,
                    "message": self._standin._message_json(message),
                }
            }
        )
        return query_id

    # ------------------------------------------------------------------ observing

    @property
    def messages(self) -> list[SentMessage]:
        """Every message the bot sent to this chat, in order, edits applied."""
        return self._standin.sent.get(self.chat_id, [])

    def _log(self) -> list[_LogEntry]:
        return self._standin._chat_state(self.chat_id).log

    def unread(self) -> list[SentMessage]:
        """Messages sent or re-worded since the read cursor, without moving it."""
        seen: dict[int, SentMessage] = {}
        for entry in self._log()[self._cursor :]:
            seen.setdefault(id(entry.message), entry.message)
        return list(seen.values())

    def _failure(self, what: str, timeout: float) -> AssertionError:
        errors = self._standin.errors[-5:]
        error_lines = "\n".join(f"  {e.method}: {e.description}" for e in errors) or "  (none)"
        return AssertionError(
            f"{self!r}: {what} within {timeout}s.\nUnread bot messages:\n"
            f"{_describe(self.unread())}\nRecent API errors:\n{error_lines}"
        )

    async def _wait_for(
        self, predicate: Callable[[_LogEntry], bool], what: str, seconds: float
    ) -> SentMessage:
        deadline = time.monotonic() + seconds
        scanned = self._cursor
        while True:
            log = self._log()
            for index in range(max(scanned, self._cursor), len(log)):
                if predicate(log[index]):
                    self._cursor = index + 1
                    return log[index].message
            scanned = len(log)
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise self._failure(what, seconds)
            await self._standin._wait_chat(self.chat_id, remaining)

    async def expect(
        self,
        pattern: str | re.Pattern[str],
        *,
        timeout: float = 5.0,  # noqa: ASYNC109 - a deadline for the whole wait, by design
    ) -> SentMessage:
        """Wait for an unread message (or re-worded edit) containing/matching ``pattern``."""
        if isinstance(pattern, str):
            needle = pattern

            def matches(entry: _LogEntry) -> bool:
                return needle in entry.text

        else:
            regex = pattern

            def matches(entry: _LogEntry) -> bool:
                return regex.search(entry.text) is not None

        return await self._wait_for(matches, f"no bot message matching {pattern!r}", timeout)

    async def expect_document(self, *, timeout: float = 5.0) -> SentMessage:  # noqa: ASYNC109
        """Wait for an unread message carrying a document."""
        return await self._wait_for(
            lambda entry: entry.message.document is not None, "no document", timeout
        )

    async def idle(
        self,
        quiet: float = 0.3,
        timeout: float = 5.0,  # noqa: ASYNC109 - see expect()
    ) -> list[SentMessage]:
        """Wait until the chat has been silent for ``quiet`` s; return and consume unread."""
        deadline = time.monotonic() + timeout
        while True:
            now = time.monotonic()
            silent_for = now - self._standin._chat_state(self.chat_id).last_activity
            if silent_for >= quiet:
                result = self.unread()
                self._cursor = len(self._log())
                return result
            if now >= deadline:
                raise self._failure(f"the bot did not fall silent for {quiet}s", timeout)
            await self._standin._wait_chat(self.chat_id, min(quiet - silent_for, deadline - now))

    async def send_album(
        self, items: list[tuple[str, bytes]], *, caption: str | None = None
    ) -> None:
        """Send an album: one message per item sharing a media_group_id, as Telegram does.

        ``items`` are ``("photo", bytes)`` or ``("file.pdf", bytes)`` (a document).
        """
        group = f"{self.id}{int(time.time() * 1000)}"
        for index, (kind, content) in enumerate(items):
            is_photo = kind == "photo"
            await self._send_file(
                "photo" if is_photo else "document",
                content=content,
                file_size=len(content),
                file_name=None if is_photo else kind,
                mime_type=None if is_photo else mimetypes.guess_type(kind)[0],
                caption=caption if index == 0 else None,
                media_group_id=group,
            )
