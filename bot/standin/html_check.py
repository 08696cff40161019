"""Telegram-flavoured HTML checking for the Bot API stand-in.

Telegram rejects a whole message when its HTML does not parse, which in production shows up
as a silent "nothing was sent" for the user.  The stand-in therefore parses every HTML text
the bot sends with the same rules (and, where tdlib's error text is known, the same
wording), so such bugs fail tests instead of users.

It is deliberately a little stricter than Telegram in one respect: a ``&`` that does not start
one of the supported entities is rejected.  Telegram's documentation requires escaping it,
tdlib happens to tolerate it; a bot that relies on the tolerance is one unescaped
``&lt;`` away from a rejected message, so the stand-in flags it early.  A bare ``>`` is
accepted, exactly as Telegram does.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

__all__ = [
    "HtmlParseError",
    "ParsedText",
    "html_to_text",
    "parse_html",
    "strip_parsed",
    "utf16_len",
]


class HtmlParseError(ValueError):
    """Raised with a message that can follow "Bad Request: can't parse entities: "."""


@dataclass(frozen=True)
class ParsedText:
    """Plain text plus Bot API ``MessageEntity`` dicts (offsets in UTF-16 code units)."""

    text: str
    entities: list[dict[str, Any]] = field(default_factory=list)


_ALLOWED_TAGS = frozenset(
    {
        "b",
        "strong",
        "i",
        "em",
        "u",
        "ins",
        "s",
        "strike",
        "del",
        "a",
        "code",
        "pre",
        "span",
        "tg-spoiler",
        "blockquote",
        "tg-emoji",
    }
)

_SIMPLE_ENTITY_TYPES = {
    "b": "bold",
    "strong": "bold",
    "i": "italic",
    "em": "italic",
    "u": "underline",
    "ins": "underline",
    "s": "strikethrough",
    "strike": "strikethrough",
    "del": "strikethrough",
    "span": "spoiler",
    "tg-spoiler": "spoiler",
}

_NAMED_ENTITIES = {"lt": "<", "gt": ">", "amp": "&", "quot": '"'}
_ENTITY_RE = re.compile(r"&(?:#(\d{1,7})|#[xX]([0-9a-fA-F]{1,6})|([A-Za-z][A-Za-z0-9]*));")
_NAME_TOKEN_RE = re.compile(r"[A-Za-z0-9.\-]*")
_SPACE = " \t\r\n\f\v"


def utf16_len(text: str) -> int:
    """Telegram measures every length limit in UTF-16 code units, not code points."""
    return len(text.encode("utf-16-le")) // 2


def _byte_offset(source: str, index: int) -> int:
    return len(source[:index].encode("utf-8"))


def _decode_entity(source: str, pos: int) -> tuple[str, int]:
    """Decode the entity starting at ``source[pos] == '&'``; return (char, next index)."""
    match = _ENTITY_RE.match(source, pos)
    if match is None:
        raise HtmlParseError(
            f'Bare "&" at byte offset {_byte_offset(source, pos)} must be escaped as "&amp;"'
        )
    decimal, hexa, name = match.groups()
    if name is not None:
        char = _NAMED_ENTITIES.get(name)
        if char is None:
            raise HtmlParseError(
                f'Unsupported HTML entity "&{name};" at byte offset {_byte_offset(source, pos)}'
            )
        return char, match.end()
    code = int(decimal) if decimal is not None else int(hexa, 16)
    if code == 0 or code > 0x10FFFF or 0xD800 <= code <= 0xDFFF:
        raise HtmlParseError(
            f"Invalid character entity at byte offset {_byte_offset(source, pos)}"
        )
    return chr(code), match.end()


@dataclass
class _OpenTag:
    name: str
    attrs: dict[str, str]
    start: int  # UTF-16 offset in the output text
    byte_offset: int
    language: str | None = None  # set on <pre> by a nested <code class="language-x">


def _parse_attributes(
    source: str, i: int, tag_name: str, begin: int
) -> tuple[dict[str, str], int]:
    """Parse attributes up to and including '>'; return them and the index after '>'."""
    attrs: dict[str, str] = {}
    n = len(source)
    while True:
        while i < n and source[i] in _SPACE:
            i += 1
        if i >= n:
            raise HtmlParseError(
                f'Unclosed start tag "{tag_name}" at byte offset {_byte_offset(source, begin)}'
            )
        if source[i] == ">":
            return attrs, i + 1
        name_begin = i
        while i < n and source[i] not in _SPACE and source[i] not in "=>":
            i += 1
        attr_name = source[name_begin:i].lower()
        if not attr_name:
            raise HtmlParseError(
                f'Empty attribute name in the tag "{tag_name}" at byte offset '
                f"{_byte_offset(source, name_begin)}"
            )
        while i < n and source[i] in _SPACE:
            i += 1
        if i >= n or source[i] != "=":
            # A value-less attribute such as <blockquote expandable>.
            attrs[attr_name] = ""
            continue
        i += 1
        while i < n and source[i] in _SPACE:
            i += 1
        if i >= n:
            raise HtmlParseError(
                f'Unclosed start tag "{tag_name}" at byte offset {_byte_offset(source, begin)}'
            )
        if source[i] in "'\"":
            quote = source[i]
            i += 1
            value_chars: list[str] = []
            while i < n and source[i] != quote:
                if source[i] == "&":
                    char, i = _decode_entity(source, i)
                    value_chars.append(char)
                else:
                    value_chars.append(source[i])
                    i += 1
            if i >= n:
                raise HtmlParseError(
                    f"Unclosed end tag at byte offset {_byte_offset(source, begin)}"
                )
            i += 1
            attrs[attr_name] = "".join(value_chars)
        else:
            token = _NAME_TOKEN_RE.match(source, i)
            end = token.end() if token is not None else i
            if end < n and source[end] not in _SPACE and source[end] != ">":
                raise HtmlParseError(
                    f"Unexpected end of name token at byte offset {_byte_offset(source, i)}"
                )
            attrs[attr_name] = source[i:end].lower()
            i = end


def _entity_for(tag: _OpenTag, end: int, source: str) -> dict[str, Any] | None:
    length = end - tag.start
    base: dict[str, Any] = {"offset": tag.start, "length": length}
    if tag.name in _SIMPLE_ENTITY_TYPES:
        return {"type": _SIMPLE_ENTITY_TYPES[tag.name], **base}
    if tag.name == "a":
        href = tag.attrs.get("href", "")
        if not href:
            return None
        return {"type": "text_link", **base, "url": href}
    if tag.name == "code":
        return {"type": "code", **base}
    if tag.name == "pre":
        entity: dict[str, Any] = {"type": "pre", **base}
        if tag.language:
            entity["language"] = tag.language
        return entity
    if tag.name == "blockquote":
        kind = "expandable_blockquote" if "expandable" in tag.attrs else "blockquote"
        return {"type": kind, **base}
    if tag.name == "tg-emoji":
        return {"type": "custom_emoji", **base, "custom_emoji_id": tag.attrs["emoji-id"]}
    raise AssertionError(f"unhandled tag {tag.name}")  # pragma: no cover


def parse_html(source: str) -> ParsedText:
    """Parse Telegram HTML into plain text and entities, or raise :class:`HtmlParseError`."""
    out: list[str] = []
    out_len = 0  # UTF-16 length of the text produced so far
    stack: list[_OpenTag] = []
    entities: list[dict[str, Any]] = []
    n = len(source)
    i = 0
    while i < n:
        ch = source[i]
        if ch == "&":
            char, i = _decode_entity(source, i)
            out.append(char)
            out_len += utf16_len(char)
            continue
        if ch != "<":
            out.append(ch)
            out_len += 2 if ord(ch) > 0xFFFF else 1
            i += 1
            continue
        begin = i
        if i + 1 < n and source[i + 1] == "/":
            i += 2
            name_begin = i
            while i < n and source[i] not in _SPACE and source[i] != ">":
                i += 1
            end_name = source[name_begin:i].lower()
            while i < n and source[i] in _SPACE:
                i += 1
            if not stack:
                raise HtmlParseError(
                    f"Unexpected end tag at byte offset {_byte_offset(source, begin)}"
                )
            if i >= n or source[i] != ">":
                raise HtmlParseError(
                    f"Unclosed end tag at byte offset {_byte_offset(source, begin)}"
                )
            i += 1
            tag = stack[-1]
            if end_name and end_name != tag.name:
                raise HtmlParseError(
                    f"Unmatched end tag at byte offset {_byte_offset(source, begin)}, "
                    f'expected "</{tag.name}>", found "</{end_name}>"'
                )
            stack.pop()
            if (
                tag.name == "code"
                and stack
                and stack[-1].name == "pre"
                and tag.attrs.get("class", "").startswith("language-")
                and stack[-1].language is None
            ):
                # <pre><code class="language-x"> is one pre entity with a language.
                stack[-1].language = tag.attrs["class"][len("language-") :]
                continue
            entity = _entity_for(tag, out_len, source)
            if entity is not None and entity["length"] > 0:
                entities.append(entity)
            continue
        i += 1
        name_begin = i
        while i < n and source[i] not in _SPACE and source[i] != ">":
            i += 1
        if i >= n:
            raise HtmlParseError(
                f"Unclosed start tag at byte offset {_byte_offset(source, begin)}"
            )
        tag_name = source[name_begin:i].lower()
        if tag_name not in _ALLOWED_TAGS:
            raise HtmlParseError(
                f'Unsupported start tag "{tag_name}" at byte offset {_byte_offset(source, begin)}'
            )
        attrs, i = _parse_attributes(source, i, tag_name, begin)
        if tag_name == "span" and attrs.get("class") != "tg-spoiler":
            raise HtmlParseError(
                f'Tag "span" must have class "tg-spoiler" at byte offset '
                f"{_byte_offset(source, begin)}"
            )
        if tag_name == "tg-emoji" and not attrs.get("emoji-id", "").isdigit():
            raise HtmlParseError("Invalid custom emoji identifier specified")
        stack.append(_OpenTag(tag_name, attrs, out_len, _byte_offset(source, begin)))
    if stack:
        raise HtmlParseError(f'Can\'t find end tag corresponding to start tag "{stack[-1].name}"')
    entities.sort(key=lambda e: (e["offset"], -e["length"]))
    return ParsedText("".join(out), entities)


def strip_parsed(parsed: ParsedText) -> ParsedText:
    """Trim surrounding whitespace the way Telegram does before storing and measuring text.

    Entities are shifted and clipped accordingly, because Telegram reports them relative
    to the trimmed text.
    """
    text = parsed.text
    stripped = text.strip()
    if stripped == text:
        return parsed
    if not stripped:
        return ParsedText("", [])
    lead = utf16_len(text[: len(text) - len(text.lstrip())])
    new_len = utf16_len(stripped)
    entities: list[dict[str, Any]] = []
    for entity in parsed.entities:
        start = max(entity["offset"] - lead, 0)
        end = min(entity["offset"] + entity["length"] - lead, new_len)
        if end > start:
            entities.append({**entity, "offset": start, "length": end - start})
    return ParsedText(stripped, entities)


def html_to_text(source: str) -> str:
    """Plain text as the recipient sees it; raises :class:`HtmlParseError` on invalid HTML."""
    return strip_parsed(parse_html(source)).text
