"""Numbers as Vietnamese civil servants type them, and as we show them back.

Vietnamese writes "1.250.000" for one million two hundred fifty thousand and
"1,5" for one and a half, but people also paste plain forms from spreadsheets
("1250000", "1.5") or English documents ("1,250.5").  The parser accepts every
form whose meaning is clear and refuses the rest with a stable ``code``, so
the handlers can ask again in Vietnamese instead of silently storing a value
that is off by a factor of a thousand.

The order in which problems are reported is deliberate: first whether the text
is a number at all (``not_a_number``, ``bad_grouping``), then what is wrong
with an otherwise readable number (``negative``, ``percent_sign``,
``too_large``, ``not_integer``), so the user is told the most basic fix first.
"""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Context, Decimal
from typing import Final, Literal

__all__ = [
    "SQLITE_MAX_INT",
    "NumberError",
    "NumberErrorCode",
    "format_number",
    "parse_number",
    "parse_whole",
    "plain_number",
]

SQLITE_MAX_INT: Final = 2**63 - 1

NumberErrorCode = Literal[
    "empty",
    "negative",
    "not_a_number",
    "too_large",
    "bad_grouping",
    "percent_sign",
    "not_integer",
]

# Spaces that phones, Word and Excel put between digit groups; a tab or a
# newline in the middle of a number is more likely two values than one.
_GROUP_SPACES: Final = " \u00a0\u2007\u2009\u202f"
_MINUS_SIGNS: Final = "-\u2212"

# [0-9] rather than \d: \d would accept Arabic-Indic and other Unicode digits,
# which Decimal understands but which no one here means to type.
_PLAIN_BODY: Final = re.compile(r"[0-9]+(?:[.,][0-9]+)*")
_SPACED_BODY: Final = re.compile(
    rf"(?P<int>[1-9][0-9]{{0,2}}(?:[{_GROUP_SPACES}]+[0-9]{{3}})+)"
    r"(?:(?P<mark>[.,])(?P<frac>[0-9]+))?"
)
_FIRST_GROUP: Final = re.compile(r"[1-9][0-9]{0,2}")
_GROUP: Final = re.compile(r"[0-9]{3}")


def parse_whole(text: str, *, low: int = 0, high: int = SQLITE_MAX_INT) -> int | None:
    """A whole number typed in ASCII digits ("12", "007") within ``[low, high]``, or None.

    Where a command takes a count or a row's number. ``str.isdigit()`` is true of "²",
    which ``int()`` refuses, and of "١٢", which ``int()`` reads although no one here
    types it; a number beyond SQLite's integers names no row, and ``int()`` refuses to
    read more than 4,300 digits at all.
    """
    typed = text.strip()
    if not typed or not typed.isascii() or not typed.isdigit():
        return None
    significant = typed.lstrip("0") or "0"
    if len(significant) > len(str(high)):
        return None
    value = int(significant)
    return value if low <= value <= high else None


class NumberError(ValueError):
    """Carries a machine-readable ``code`` so the Vietnamese wording lives with the handlers."""

    def __init__(self, code: NumberErrorCode, message: str) -> None:
        super().__init__(message)
        self.code: NumberErrorCode = code


def parse_number(
    text: str,
    *,
    allow_percent_sign: bool = False,
    integer: bool = False,
    max_digits: int = 15,
) -> Decimal:
    """Read a non-negative number typed by a person, refusing anything ambiguous.

    ``max_digits`` counts significant digits (leading zeros of the integer part
    and trailing zeros of the fraction are free), because the limit exists to
    catch pasted garbage and keep values exact, not to punish "05" or "2,50".
    """
    stripped = text.strip()
    if not stripped:
        raise NumberError("empty", "no number given")

    has_percent = stripped.endswith("%")
    if has_percent:
        stripped = stripped[:-1].rstrip()

    negative = False
    if stripped[:1] in ("+", *_MINUS_SIGNS):
        negative = stripped[0] in _MINUS_SIGNS
        # "- 5" is still a sign and a number; "--5" or "+-5" is not.
        stripped = stripped[1:].lstrip()

    int_digits, frac_digits = _split_body(stripped)

    if negative:
        raise NumberError("negative", "negative numbers are not accepted")
    if has_percent and not allow_percent_sign:
        raise NumberError("percent_sign", "a percent sign is not accepted here")

    int_digits = int_digits.lstrip("0")
    frac_digits = frac_digits.rstrip("0")
    if len(int_digits) + len(frac_digits) > max_digits:
        raise NumberError("too_large", f"more than {max_digits} digits")
    if integer and frac_digits:
        raise NumberError("not_integer", "a whole number is required")

    # Built from the digit strings rather than via Decimal.normalize(), which
    # would turn 1250 into 1.25E+3 and round beyond the context precision.
    return Decimal(f"{int_digits or '0'}.{frac_digits}" if frac_digits else int_digits or "0")


def _split_body(body: str) -> tuple[str, str]:
    """Decide which separator is the decimal mark; return (integer digits, fraction digits)."""
    if any(ch in _GROUP_SPACES for ch in body):
        return _split_spaced(body)
    if not _PLAIN_BODY.fullmatch(body):
        raise NumberError("not_a_number", "not a number")

    dots, commas = body.count("."), body.count(",")
    if dots and commas:
        mark = "." if body.rfind(".") > body.rfind(",") else ","
        sep = "," if mark == "." else "."
        int_part, _, frac = body.rpartition(mark)
        if mark in int_part:
            raise NumberError("bad_grouping", f"decimal mark {mark!r} appears twice")
        _check_groups(int_part.split(sep))
        return int_part.replace(sep, ""), frac
    if commas == 1:
        # Vietnamese convention: a lone comma is always the decimal mark, so
        # "1,250" is one and a quarter, never one thousand two hundred fifty.
        int_part, _, frac = body.partition(",")
        return int_part, frac
    if commas > 1:
        groups = body.split(",")
        _check_groups(groups)
        return "".join(groups), ""
    if dots > 1:
        groups = body.split(".")
        _check_groups(groups)
        return "".join(groups), ""
    if dots == 1:
        int_part, _, frac = body.partition(".")
        if len(frac) == 3 and _FIRST_GROUP.fullmatch(int_part):
            # "1.250" is how Vietnamese write 1250; a plain decimal with three
            # places after a short integer part is rare in these forms.
            return int_part + frac, ""
        return int_part, frac
    return body, ""


def _split_spaced(body: str) -> tuple[str, str]:
    """Spaces are only ever a thousands separator, so they fix the integer part's shape."""
    match = _SPACED_BODY.fullmatch(body)
    if match is None:
        raise NumberError("not_a_number", "spaces inside a number must separate groups of 3")
    frac = match["frac"] or ""
    if match["mark"] == "." and len(frac) == 3:
        # "1 250.500": is the dot a second thousands separator or a decimal
        # point?  Either reading is plausible, so ask rather than guess.
        raise NumberError("not_a_number", "ambiguous mix of spaces and a dot")
    int_digits = "".join(ch for ch in match["int"] if ch not in _GROUP_SPACES)
    return int_digits, frac


def _check_groups(groups: list[str]) -> None:
    """A thousands separator only counts when every group it makes has the usual shape."""
    first, *rest = groups
    if not _FIRST_GROUP.fullmatch(first) or not all(_GROUP.fullmatch(g) for g in rest):
        raise NumberError("bad_grouping", "thousands groups must have 3 digits")


def format_number(value: Decimal | int, *, max_decimals: int = 2, min_decimals: int = 0) -> str:
    """Show a number the way a Vietnamese reader expects; rounds half up like a calculator.

    The one formatter of numbers for people: messages, files, the terminal and the
    charts all write numbers through it, so a score reads the same everywhere.
    ``min_decimals`` keeps trailing zeros where a column of figures should line up
    ("85,50" beside "85,25"); by default they are dropped ("85,5").

    The output always parses back with :func:`parse_number`, because a dot in
    it is only ever a thousands separator and a comma only a decimal mark.
    """
    if max_decimals < 0 or min_decimals < 0:
        raise ValueError("max_decimals and min_decimals must not be negative")
    if min_decimals > max_decimals:
        raise ValueError("min_decimals must not exceed max_decimals")
    rounded = _round(_as_decimal(value), max_decimals)
    sign, digits = _fixed_point(rounded)
    int_part, _, frac = digits.partition(".")
    frac = frac.ljust(min_decimals, "0")
    groups = []
    while len(int_part) > 3:
        int_part, tail = int_part[:-3], int_part[-3:]
        groups.append(tail)
    groups.append(int_part)
    text = ".".join(reversed(groups))
    if frac:
        text = f"{text},{frac}"
    return sign + text


def plain_number(value: Decimal | int) -> str:
    """Machine form for CSV, so spreadsheets in any locale read the same value."""
    sign, digits = _fixed_point(_as_decimal(value))
    return sign + digits


def _as_decimal(value: Decimal | int) -> Decimal:
    if isinstance(value, bool) or not isinstance(value, Decimal | int):
        raise TypeError(f"expected Decimal or int, got {type(value).__name__}")
    result = Decimal(value)
    if not result.is_finite():
        raise ValueError(f"cannot display {result}")
    return result


def _round(value: Decimal, decimals: int) -> Decimal:
    # A context wide enough for the value: quantize() under the default
    # 28-digit context raises for large numbers with several decimals.
    prec = max(value.adjusted(), 0) + decimals + 2
    step = Decimal(1).scaleb(-decimals)
    return value.quantize(step, rounding=ROUND_HALF_UP, context=Context(prec=prec))


def _fixed_point(value: Decimal) -> tuple[str, str]:
    """Split into sign and digits without exponent or trailing zeros; zero never gets a sign."""
    digits = format(value.copy_abs(), "f")  # abs() would round to 28 digits
    if "." in digits:
        digits = digits.rstrip("0").rstrip(".")
    sign = "-" if value < 0 and digits != "0" else ""
    return sign, digits
