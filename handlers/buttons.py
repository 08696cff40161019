"""Buttons as typed data: one codec for every inline button, one router for every press.

Telegram hands back a button's callback data exactly as the client sends it, and a
modified client can send any data of up to 64 bytes on any of the bot's messages. So
every journey declares its buttons as small frozen dataclasses — a prefix and typed
fields — registered with :func:`kind`. :func:`encode` refuses data Telegram would
refuse (over 64 bytes) when the button is made; :func:`decode` accepts exactly what
:func:`encode` can produce — canonical numbers within their range, ids within SQLite's
64-bit integers, period codes and years within the campaign, enumerated kinds — and
nothing else, so no handler ever parses callback data itself.

One handler receives every press (:func:`register`): it decodes the data, checks on
this press that the presser may make it (the role is read afresh each time, so a
person removed from the office loses its buttons at once), and calls the journey's
callback with a :class:`Press` carrying the typed data. A press that does not decode
(an old button after an upgrade, junk) or that the presser may not make is answered
with a short notice and changes nothing. Every press is answered exactly once, even
when the callback fails, so no button is left spinning.
"""

from __future__ import annotations

import logging
import re
import typing
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field, fields, is_dataclass
from enum import Enum
from typing import Annotated, Any, ClassVar, Generic, Literal, TypeVar

from telegram import CallbackQuery, InlineKeyboardButton, Message, Update
from telegram.ext import CallbackQueryHandler

from bot.numbers import SQLITE_MAX_INT
from bot.services.registration import Identity
from handlers import texts
from handlers.common import answer_query
from handlers.context import App, BotContext
from handlers.telegram_text import CALLBACK_DATA_LIMIT

log = logging.getLogger(__name__)

_SEPARATOR = ":"
_CANONICAL_INT = re.compile(r"0|[1-9][0-9]{0,18}")
_PERIOD = re.compile(r"([0-9]{4})-Q([1-4])")


class Invalid(ValueError):
    """A field's text is not one the codec could have written."""


# -- field kinds ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Years:
    """The campaign's years, inclusive: the only years a button may name."""

    first: int
    last: int

    def __contains__(self, year: object) -> bool:
        return isinstance(year, int) and self.first <= year <= self.last


ANY_YEAR = Years(1, 9999)


class FieldKind:
    """How one field is written in callback data and read back."""

    def write(self, value: object) -> str:
        raise NotImplementedError

    def read(self, token: str, years: Years) -> object:
        raise NotImplementedError


@dataclass(frozen=True, slots=True)
class Number(FieldKind):
    """A whole number in ``[low, high]``, written in canonical decimal ("7", never
    "07", "+7", " 7" or "٧"): ``int()`` would accept all of those, and "²".isdigit()."""

    low: int
    high: int

    def write(self, value: object) -> str:
        if isinstance(value, bool) or not isinstance(value, int):
            raise TypeError(f"not an int: {value!r}")
        if not self.low <= value <= self.high:
            raise ValueError(f"{value} is outside [{self.low}, {self.high}]")
        return str(value)

    def read(self, token: str, years: Years) -> int:
        if _CANONICAL_INT.fullmatch(token) is None:
            raise Invalid(token)
        value = int(token)
        if not self.low <= value <= self.high:
            raise Invalid(token)
        return value


@dataclass(frozen=True, slots=True)
class Token(FieldKind):
    """Text matching ``pattern`` (never the separator)."""

    pattern: str

    def write(self, value: object) -> str:
        if not isinstance(value, str) or re.fullmatch(self.pattern, value) is None:
            raise ValueError(f"{value!r} does not match {self.pattern}")
        return value

    def read(self, token: str, years: Years) -> str:
        if re.fullmatch(self.pattern, token) is None:
            raise Invalid(token)
        return token


@dataclass(frozen=True, slots=True)
class OneOf(FieldKind):
    """One of a fixed set of words."""

    values: frozenset[str]

    def write(self, value: object) -> str:
        if value not in self.values:
            raise ValueError(f"{value!r} is not one of {sorted(self.values)}")
        return str(value)

    def read(self, token: str, years: Years) -> str:
        if token not in self.values:
            raise Invalid(token)
        return token


class PeriodField(FieldKind):
    """A period code, "2025-Q1", of a year within the campaign."""

    def write(self, value: object) -> str:
        if not isinstance(value, str) or _PERIOD.fullmatch(value) is None:
            raise ValueError(f"not a period code: {value!r}")
        return value

    def read(self, token: str, years: Years) -> str:
        match = _PERIOD.fullmatch(token)
        if match is None or int(match.group(1)) not in years:
            raise Invalid(token)
        return token


class YearField(FieldKind):
    """A year within the campaign."""

    def write(self, value: object) -> str:
        return Number(1, 9999).write(value)

    def read(self, token: str, years: Years) -> int:
        value = Number(1, 9999).read(token, years)
        if value not in years:
            raise Invalid(token)
        return value


Id = Annotated[int, Number(1, SQLITE_MAX_INT)]
"""A row id: SQLite's INTEGER PRIMARY KEY, 1 … 2⁶³−1."""
PeriodCode = Annotated[str, PeriodField()]
Year = Annotated[int, YearField()]
Key = Annotated[str, Token(r"[a-z][a-z0-9_]{0,31}")]
"""A lower-case key: a form field's or criterion's key, a block code."""


# -- declaring buttons ---------------------------------------------------------------------


class ButtonData:
    """Base of every button's data; subclasses are frozen dataclasses made by :func:`kind`."""

    prefix: ClassVar[str] = ""
    _kinds: ClassVar[tuple[tuple[str, FieldKind], ...]] = ()


B = TypeVar("B", bound=ButtonData)
_registry: dict[str, type[ButtonData]] = {}


def kind(prefix: str) -> Callable[[type[B]], type[B]]:
    """Declare a button: ``@kind("ack")`` on a frozen dataclass whose fields are typed
    with :data:`Id`, :data:`PeriodCode`, :data:`Year`, :data:`Key`, a ``Literal`` of
    words, or ``Annotated[..., Number(...) | Token(...) | OneOf(...)]``."""

    def declare(cls: type[B]) -> type[B]:
        if not is_dataclass(cls) or not cls.__dataclass_params__.frozen:
            raise TypeError(f"{cls.__name__} must be a frozen dataclass")
        tokens = prefix.split(_SEPARATOR)
        for other in _registry:
            shorter, longer = sorted((tokens, other.split(_SEPARATOR)), key=len)
            if other != prefix and longer[: len(shorter)] == shorter:
                raise ValueError(f"prefix {prefix!r} overlaps {other!r}")
        if _registry.get(prefix, cls).__qualname__ != cls.__qualname__:
            raise ValueError(f"prefix {prefix!r} is taken by {_registry[prefix].__name__}")
        hints = typing.get_type_hints(cls, include_extras=True)
        cls.prefix = prefix
        cls._kinds = tuple((f.name, _field_kind(hints[f.name], cls)) for f in fields(cls))
        _registry[prefix] = cls
        return cls

    return declare


def _field_kind(hint: Any, cls: type) -> FieldKind:
    if typing.get_origin(hint) is Annotated:
        found = [m for m in hint.__metadata__ if isinstance(m, FieldKind)]
        if len(found) == 1:
            return found[0]
    if typing.get_origin(hint) is Literal:
        values = typing.get_args(hint)
        if all(isinstance(v, str) for v in values):
            return OneOf(frozenset(values))
    raise TypeError(f"{cls.__name__}: no field kind for {hint!r}")


def encode(data: ButtonData) -> str:
    """The callback data for ``data``; a ValueError if Telegram would refuse it."""
    parts = [data.prefix]
    for name, field_kind in data._kinds:
        token = field_kind.write(getattr(data, name))
        if _SEPARATOR in token:
            raise ValueError(f"{type(data).__name__}.{name}: {token!r} contains the separator")
        parts.append(token)
    raw = _SEPARATOR.join(parts)
    if len(raw.encode()) > CALLBACK_DATA_LIMIT:
        raise ValueError(f"callback data over {CALLBACK_DATA_LIMIT} bytes: {raw!r}")
    return raw


def fits(data: ButtonData) -> bool:
    """Whether ``data`` encodes within Telegram's 64 bytes."""
    try:
        encode(data)
    except ValueError:
        return False
    return True


def decode(raw: str | None, years: Years = ANY_YEAR) -> ButtonData | None:
    """The button ``raw`` names, or None for anything :func:`encode` could not have made."""
    if not raw or len(raw.encode()) > CALLBACK_DATA_LIMIT:
        return None
    tokens = raw.split(_SEPARATOR)
    for size in range(1, len(tokens) + 1):
        cls = _registry.get(_SEPARATOR.join(tokens[:size]))
        if cls is None:
            continue
        values = tokens[size:]
        if len(values) != len(cls._kinds):
            return None
        try:
            parsed = {
                name: field_kind.read(token, years)
                for (name, field_kind), token in zip(cls._kinds, values, strict=True)
            }
        except Invalid:
            return None
        return cls(**parsed)
    return None


def button(text: str, data: ButtonData) -> InlineKeyboardButton:
    return InlineKeyboardButton(text, callback_data=encode(data))


def registered() -> Sequence[type[ButtonData]]:
    """Every declared button (the fuzz test presses each)."""
    return tuple(_registry.values())


def field_kinds(data_type: type[ButtonData]) -> tuple[tuple[str, FieldKind], ...]:
    """A declared button's fields, in the order they are written, with their kinds."""
    return data_type._kinds


# -- who may press -------------------------------------------------------------------------


class Who(Enum):
    """Who may press a button; checked on every press."""

    OFFICE = "office"  # office staff (CCHC_OFFICE_IDS)
    MEMBER = "member"  # a person bound to a unit
    REGISTERED = "registered"  # either of the two
    ANYONE = "anyone"  # the callback decides (an acknowledgement checks delivery)


def _refusal(who: Identity, allowed: Who) -> str | None:
    if allowed is Who.ANYONE:
        return None
    if allowed is Who.OFFICE:
        return None if who.is_office else texts.OFFICE_ONLY
    if allowed is Who.MEMBER:
        if who.is_bound:
            return None
        return texts.UNIT_ONLY if who.is_office else texts.NEED_REGISTERED
    return None if who.is_bound or who.is_office else texts.NEED_REGISTERED


# -- the router ----------------------------------------------------------------------------


@dataclass(slots=True)
class Press(Generic[B]):
    """One press of a decoded button, by a person allowed to make it."""

    query: CallbackQuery
    data: B
    who: Identity
    answered: bool = field(default=False)

    @property
    def message(self) -> Message | None:
        """The message the button was on, if Telegram still has it."""
        return self.query.message if isinstance(self.query.message, Message) else None

    @property
    def user_id(self) -> int:
        return self.query.from_user.id

    async def answer(self, text: str | None = None, *, alert: bool = False) -> None:
        """Answer the press (stop the spinner, show ``text``); only the first call counts."""
        if self.answered:
            return
        self.answered = True
        await answer_query(self.query, text, alert=alert)


Callback = Callable[[Update, BotContext, Press[Any]], Awaitable[None]]
"""A journey's callback; it takes a ``Press`` of the data types it is registered for."""


@dataclass(frozen=True, slots=True)
class _Route:
    callback: Callback
    who: Who


_routes: dict[type[ButtonData], _Route] = {}


def on(callback: Callback, *data_types: type[ButtonData], who: Who) -> None:
    """Send presses of ``data_types`` to ``callback``, for people ``who`` may press them."""
    for data_type in data_types:
        if _registry.get(data_type.prefix) is not data_type:
            raise ValueError(f"{data_type.__name__} is not declared with @kind")
        _routes[data_type] = _Route(callback, who)


def routed() -> dict[type[ButtonData], Who]:
    """Who may press each button a journey handles (the README's table, a test)."""
    return {data_type: found.who for data_type, found in _routes.items()}


async def route(update: Update, context: BotContext) -> None:
    """Every press: decode, check the presser, call the journey; answered in any case,
    a failure included (the error handler then only apologises)."""
    query = update.callback_query
    assert query is not None
    press: Press[Any] | None = None
    notice: str | None = None
    try:
        data = decode(query.data, Years(*context.services.periods.campaign_years))
        found = _routes.get(type(data)) if data is not None else None
        if data is None or found is None:
            log.info("Undecodable button data from %s: %r", query.from_user.id, query.data)
            notice = texts.BUTTON_EXPIRED
            return
        who = await context.services.registration.identify(query.from_user.id)
        notice = _refusal(who, found.who)
        if notice is None:
            press = Press(query, data, who)
            await found.callback(update, context, press)
    finally:
        if press is None:
            await answer_query(query, notice)
        elif not press.answered:
            await press.answer()


def register(app: App) -> None:
    """The only CallbackQueryHandler of the bot (PTB would hand data-less presses to
    the first pattern handler it met; here every press gets the same treatment)."""
    app.add_handler(CallbackQueryHandler(route))
