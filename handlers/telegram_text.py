"""The two helpers every message goes through: HTML escaping and splitting.

Telegram rejects a message whose HTML does not parse, and one longer than 4096
characters (1024 for a caption). Every piece of user or roster text goes through
:func:`esc`; every long text goes through :func:`split_html`, which cuts between
lines where it can and never inside a tag or an entity, closing and reopening tags
around a cut so each part parses on its own. Lengths are counted in UTF-16 code units,
as Telegram counts them, on the HTML as sent, which is never shorter than the text
Telegram measures: a part that fits here fits there.
"""

from __future__ import annotations

import html
import re

MESSAGE_LIMIT = 4096
CAPTION_LIMIT = 1024
CALLBACK_DATA_LIMIT = 64

_TOKEN = re.compile(r"<[^>]*>|&[#a-zA-Z0-9]+;|[^<&]+|[<&]")
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
    parts: list[str] = []
    open_tags: list[tuple[str, str]] = []  # (name, full opening tag)
    current = ""
    # Prefer cutting after a blank line, then a line, then a space.
    for piece in _pieces(text):
        candidate = current + piece
        closing = "".join(f"</{name}>" for name, _ in reversed(_open_after(open_tags, piece)))
        if current and not fits(candidate + closing, limit):
            parts.append(current + "".join(f"</{n}>" for n, _ in reversed(open_tags)))
            current = "".join(tag for _, tag in open_tags)
            candidate = current + piece
        if not fits(candidate + closing, limit):
            # One piece alone is too long: cut it token by token.
            for token in _TOKEN.findall(piece):
                closing = "".join(f"</{n}>" for n, _ in reversed(_open_after(open_tags, token)))
                if current and not fits(current + token + closing, limit):
                    parts.append(current + "".join(f"</{n}>" for n, _ in reversed(open_tags)))
                    current = "".join(tag for _, tag in open_tags)
                if not fits(current + token + closing, limit):
                    token = _hard_cut(token, limit - utf16_len(current + closing), parts, current)
                    current = "".join(tag for _, tag in open_tags) if token == "" else current
                current += token
                open_tags = _open_after(open_tags, token)
            continue
        current = candidate
        open_tags = _open_after(open_tags, piece)
    if current.strip():
        parts.append(current)
    return [p for p in parts if _visible(p)]


def _hard_cut(token: str, room: int, parts: list[str], current: str) -> str:
    """A run of plain text with no break in it: cut on characters."""
    while utf16_len(token) > room:
        cut = max(1, room)
        while utf16_len(token[:cut]) > room and cut > 1:
            cut -= 1
        parts.append(current + token[:cut])
        token = token[cut:]
        current = ""
    return token


def _pieces(text: str) -> list[str]:
    """Lines with their newline attached, so joining the pieces gives the text back."""
    return re.findall(r"[^\n]*\n|[^\n]+", text)


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
