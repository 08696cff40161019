"""Hypothesis strategies for button data: valid presses of every declared button, and
the forgeries a modified client can send (mutated fields, random text and bytes)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from hypothesis import strategies as st

import handlers.callbacks  # noqa: F401 - declares every button
from handlers.buttons import (
    ButtonData,
    FieldKind,
    Number,
    OneOf,
    PeriodField,
    Token,
    YearField,
    Years,
    encode,
    field_kinds,
    fits,
    registered,
)
from handlers.telegram_text import CALLBACK_DATA_LIMIT

CAMPAIGN = Years(2021, 2030)


def field_values(
    field_kind: FieldKind, *, years: Years = CAMPAIGN, ids: Sequence[int] = ()
) -> st.SearchStrategy[Any]:
    """Values a field may carry; numbers lean towards ``ids`` (rows that exist)."""
    if isinstance(field_kind, Number):
        numbers = st.integers(field_kind.low, field_kind.high)
        known = [i for i in ids if field_kind.low <= i <= field_kind.high]
        return st.sampled_from(known) | numbers if known else numbers
    if isinstance(field_kind, Token):
        return st.from_regex(field_kind.pattern, fullmatch=True).filter(lambda t: ":" not in t)
    if isinstance(field_kind, OneOf):
        return st.sampled_from(sorted(field_kind.values))
    if isinstance(field_kind, PeriodField):
        return st.builds(
            lambda y, q: f"{y}-Q{q}", st.integers(years.first, years.last), st.integers(1, 4)
        )
    assert isinstance(field_kind, YearField)
    return st.integers(years.first, years.last)


def buttons_of(
    data_type: type[ButtonData], *, years: Years = CAMPAIGN, ids: Sequence[int] = ()
) -> st.SearchStrategy[ButtonData]:
    kinds = field_kinds(data_type)
    names = [name for name, _ in kinds]
    return st.builds(
        lambda *values: data_type(**dict(zip(names, values, strict=True))),
        *[field_values(k, years=years, ids=ids) for _, k in kinds],
    )


def any_button(
    *, years: Years = CAMPAIGN, ids: Sequence[int] = ()
) -> st.SearchStrategy[ButtonData]:
    return st.sampled_from(registered()).flatmap(lambda t: buttons_of(t, years=years, ids=ids))


def _mutated(data: ButtonData, draw: st.DrawFn) -> str:
    tokens = encode(data).split(":")
    prefix_size = len(data.prefix.split(":"))
    choice = draw(st.integers(0, 3))
    if choice == 0 or len(tokens) == prefix_size:  # a field too many
        tokens.append(draw(st.text(max_size=12)))
    elif choice == 1:  # a field missing
        tokens.pop()
    else:  # a field replaced: numbers out of range, odd digits, other words
        index = draw(st.integers(prefix_size, len(tokens) - 1))
        tokens[index] = draw(
            st.sampled_from(["", "0", "-1", "01", "²", "١", "1_0", str(2**63), "9999-Q4"])
            | st.integers().map(str)
            | st.text(max_size=20)
        )
    return ":".join(tokens)


@st.composite
def forged_data(draw: st.DrawFn, *, years: Years = CAMPAIGN, ids: Sequence[int] = ()) -> str:
    """Callback data as a modified client may send it: valid, mutated, random or empty
    (never over Telegram's 64 bytes, which Telegram itself refuses)."""
    # Weighted towards data that decodes, or nearly: that is what reaches the journeys.
    kind_of_forgery = draw(
        st.sampled_from(["valid"] * 8 + ["mutated"] * 6 + ["text"] * 3 + ["bytes"] * 2 + ["empty"])
    )
    if kind_of_forgery == "empty":
        return ""
    if kind_of_forgery == "bytes":
        raw = draw(st.binary(max_size=CALLBACK_DATA_LIMIT)).decode("utf-8", "replace")
    elif kind_of_forgery == "text":
        raw = draw(st.text(max_size=CALLBACK_DATA_LIMIT))
    else:
        data = draw(any_button(years=years, ids=ids).filter(fits))
        raw = encode(data) if kind_of_forgery == "valid" else _mutated(data, draw)
    while len(raw.encode()) > CALLBACK_DATA_LIMIT:
        raw = raw[:-1]
    return raw
