"""The two helpers every message goes through: HTML escaping and splitting.

Telegram rejects a message whose HTML does not parse, and one longer than
``telegram.constants.MessageLimit.MAX_TEXT_LENGTH`` characters (``CAPTION_LENGTH`` for a
caption). Every piece of user or roster text goes through
:func:`esc`; every long text goes through :func:`split_html`, which cuts between
lines where it can and never inside a tag or an entity, closing and reopening tags
around a cut so each part parses on its own. Lengths are counted in UTF-16 code units,
as Telegram counts them, on the HTML as sent, which is never shorter than the text
Telegram measures: a part that fits here fits there.
"""

from __future__ import annotations

import html
import re
from typing import Final

from telegram.constants import InlineKeyboardButtonLimit, MessageLimit

# Telegram's limits as python-telegram-bot publishes them, under the short names the
# handlers use; no copy of the numbers is kept here.
MESSAGE_LIMIT: Final[int] = int(MessageLimit.MAX_TEXT_LENGTH)
CAPTION_LIMIT: Final[int] = int(MessageLimit.CAPTION_LENGTH)
CALLBACK_DATA_LIMIT: Final[int] = int(InlineKeyboardButtonLimit.MAX_CALLBACK_DATA)

_TOKEN = re.compile(r"<[^>]*>|&[#a-zA-Z0-9]+;|\s+|[^\s<&]+|[<&]")
_TAG = re.compile(r"<\s*(/)?\s*([a-zA-Z0-9-]+)[^>]*>")


def esc(text: object) -> str:
    """Escape text from users or the roster for HTML parse mode."""
    return html.escape(str(text), quote=False)


def utf16_len(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def fits(text: str, limit: int = MESSAGE_LIMIT) -> bool:
    return utf16_len(text) <= limit


def split_html(text: str, limit: int = MESSAGE_LIMIT) -> list[str]:
    """Split HTML into parts of at most ``limit`` UTF-16 units, each well-formed."""
    if fits(text, limit):
        return [text]
    return _Splitter(limit).run(text)


class _Splitter:
    """Packs whole lines into parts; a line too long for a part is packed word by word,
    and a word too long, character by character."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.parts: list[str] = []
        self.open: list[tuple[str, str]] = []  # (tag name, opening tag as written)
        self.current = ""

    def run(self, text: str) -> list[str]:
        for line in re.findall(r"[^\n]*\n|[^\n]+", text):
            if not self._try_add(line):
                self._flush()
                if not self._try_add(line):
                    for token in _TOKEN.findall(line):
                        self._add_token(token)
        self._flush()
        return self.parts

    def _closing(self, tags: list[tuple[str, str]]) -> str:
        return "".join(f"</{name}>" for name, _ in reversed(tags))

    def _try_add(self, fragment: str) -> bool:
        after = _open_after(self.open, fragment)
        if not fits(self.current + fragment + self._closing(after), self.limit):
            return False
        self.current += fragment
        self.open = after
        return True

    def _flush(self) -> None:
        if _visible(self.current):
            self.parts.append(self.current + self._closing(self.open))
            self.current = "".join(tag for _, tag in self.open)

    def _add_token(self, token: str) -> None:
        if self._try_add(token):
            return
        self._flush()
        if self._try_add(token):
            return
        # A run of characters longer than a part: cut it (never inside an entity or tag,
        # which are single tokens far shorter than any limit).
        for char in token:
            if not self._try_add(char):
                self._flush()
                self._try_add(char)


def _open_after(open_tags: list[tuple[str, str]], fragment: str) -> list[tuple[str, str]]:
    stack = list(open_tags)
    for match in _TAG.finditer(fragment):
        closing, name = match.group(1), match.group(2).lower()
        if closing:
            for i in range(len(stack) - 1, -1, -1):
                if stack[i][0] == name:
                    del stack[i:]
                    break
        else:
            stack.append((name, match.group(0)))
    return stack


def _visible(part: str) -> bool:
    return bool(re.sub(r"<[^>]*>", "", part).strip())


def truncate(text: str, limit: int) -> str:
    """Plain text shortened to ``limit`` characters with an ellipsis (for button labels)."""
    return text if len(text) <= limit else text[: max(0, limit - 1)].rstrip() + "…"
