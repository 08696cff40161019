"""Tests for bot.numbers: every parsing rule as a table, then round-trip properties."""

from __future__ import annotations

from decimal import Decimal
from typing import get_args

import pytest
from hypothesis import assume, example, given
from hypothesis import strategies as st

from bot.numbers import (
    NumberError,
    NumberErrorCode,
    format_number,
    parse_number,
    parse_whole,
    plain_number,
)

# ---------------------------------------------------------------------------
# parse_number: accepted forms
# ---------------------------------------------------------------------------

ACCEPTED = [
    # plain forms
    ("0", "0"),
    ("7", "7"),
    ("1250", "1250"),
    ("007", "7"),
    ("+5", "5"),
    ("+ 5", "5"),
    # whitespace around, including non-breaking and narrow no-break spaces
    ("  42  ", "42"),
    ("\u00a042\u00a0", "42"),
    ("\t42\n", "42"),
    ("\u202f1.250\u202f", "1250"),
    # only dots
    ("1.250", "1250"),
    ("12.500", "12500"),
    ("999.999", "999999"),
    ("1.250.000", "1250000"),
    ("1.000.000.000", "1000000000"),
    ("1.5", "1.5"),
    ("90.25", "90.25"),
    ("0.125", "0.125"),
    ("0.5", "0.5"),
    ("1234.567", "1234.567"),
    ("1.2345", "1.2345"),
    ("01.500", "1.5"),
    # only commas
    ("1,5", "1.5"),
    ("90,25", "90.25"),
    ("1,250", "1.25"),
    ("0,125", "0.125"),
    ("1234,567", "1234.567"),
    ("1,250,000", "1250000"),
    ("12,345,678", "12345678"),
    # both: the last one is the decimal mark
    ("1.250,5", "1250.5"),
    ("1,250.5", "1250.5"),
    ("1.250.000,75", "1250000.75"),
    ("1,250,000.75", "1250000.75"),
    ("1.250,125", "1250.125"),
    ("12,500.125", "12500.125"),
    # spaces as thousands separator
    ("1 250", "1250"),
    ("1 250 000", "1250000"),
    ("1\u00a0250", "1250"),
    ("1\u202f250", "1250"),
    ("1  250", "1250"),
    ("1 250,5", "1250.5"),
    ("1 250.5", "1250.5"),
    ("1 250,500", "1250.5"),
    # trailing zeros and leading zeros do not change the value
    ("2,0", "2"),
    ("2,00", "2"),
    ("1,50", "1.5"),
    ("0,0", "0"),
    ("000", "0"),
]


@pytest.mark.parametrize(("text", "expected"), ACCEPTED)
def test_accepted_forms(text: str, expected: str) -> None:
    result = parse_number(text)
    assert result == Decimal(expected)
    assert str(result) == expected  # normalized: no exponent, no trailing zeros


@pytest.mark.parametrize(
    ("text", "expected"),
    [("90%", "90"), ("90 %", "90"), ("90\u00a0%", "90"), ("12,5%", "12.5"), (" 100 % ", "100")],
)
def test_percent_sign_when_allowed(text: str, expected: str) -> None:
    assert parse_number(text, allow_percent_sign=True) == Decimal(expected)


def test_percent_sign_is_optional_when_allowed() -> None:
    assert parse_number("90", allow_percent_sign=True) == Decimal(90)


@pytest.mark.parametrize(
    ("text", "expected"),
    [("1.250", 1250), ("2,0", 2), ("2,00", 2), ("1,250,000", 1250000), ("1 250", 1250), ("0", 0)],
)
def test_integer_accepts_whole_values(text: str, expected: int) -> None:
    result = parse_number(text, integer=True)
    assert result == expected
    assert result.as_tuple().exponent == 0


def test_large_integer_is_not_in_exponent_form() -> None:
    result = parse_number("1.000.000")
    assert str(result) == "1000000"
    assert result.as_tuple().exponent == 0


def test_max_digits_counts_significant_digits() -> None:
    assert parse_number("123456789012345") == Decimal("123456789012345")
    assert parse_number("0000123,4500") == Decimal("123.45")
    assert parse_number("1,00000000000000000000") == 1
    assert parse_number("12345", max_digits=5) == 12345
    assert parse_number("1234,5", max_digits=5) == Decimal("1234.5")


def test_value_beyond_default_decimal_precision_is_exact() -> None:
    text = "1" * 40
    assert parse_number(text, max_digits=40) == Decimal(text)


# ---------------------------------------------------------------------------
# parse_number: rejected forms
# ---------------------------------------------------------------------------

REJECTED = [
    # empty
    ("", "empty"),
    ("   ", "empty"),
    ("\u00a0\n", "empty"),
    # negative
    ("-5", "negative"),
    ("-1,5", "negative"),
    ("-1.250", "negative"),
    ("\u22125", "negative"),
    ("- 5", "negative"),
    ("-0", "negative"),
    # not a number
    ("abc", "not_a_number"),
    ("12a", "not_a_number"),
    ("1e5", "not_a_number"),
    ("1E5", "not_a_number"),
    ("nan", "not_a_number"),
    ("NaN", "not_a_number"),
    ("inf", "not_a_number"),
    ("Infinity", "not_a_number"),
    ("--5", "not_a_number"),
    ("+-5", "not_a_number"),
    ("-+5", "not_a_number"),
    ("++5", "not_a_number"),
    ("5-", "not_a_number"),
    ("-", "not_a_number"),
    ("+", "not_a_number"),
    ("%", "not_a_number"),
    ("90%%", "not_a_number"),
    ("%90", "not_a_number"),
    (".5", "not_a_number"),
    (",5", "not_a_number"),
    ("5.", "not_a_number"),
    ("5,", "not_a_number"),
    ("1..5", "not_a_number"),
    ("1,,5", "not_a_number"),
    ("1.,5", "not_a_number"),
    ("0x10", "not_a_number"),
    ("1_000", "not_a_number"),
    ("\u0663", "not_a_number"),  # Arabic-Indic digit three
    ("\uff15", "not_a_number"),  # fullwidth digit five
    ("\u00b2", "not_a_number"),  # superscript two
    ("5 triệu", "not_a_number"),
    ("1/2", "not_a_number"),
    # spaces that are not 3-digit grouping
    ("12 50", "not_a_number"),
    ("1 2", "not_a_number"),
    ("1234 567", "not_a_number"),
    ("0 250", "not_a_number"),
    ("1 250,5 00", "not_a_number"),
    ("1\t250", "not_a_number"),
    ("1\n250", "not_a_number"),
    ("1 250.000", "not_a_number"),  # space and dot: ambiguous
    ("1 250.000,5", "not_a_number"),
    # bad grouping
    ("1.25,5", "bad_grouping"),
    ("1,25.5", "bad_grouping"),
    ("1234.567,5", "bad_grouping"),
    ("1.2345,5", "bad_grouping"),
    ("1.250.00", "bad_grouping"),
    ("1.25.000", "bad_grouping"),
    ("1234.567.890", "bad_grouping"),
    ("1,25,000", "bad_grouping"),
    ("1,250,00", "bad_grouping"),
    ("0.250.000", "bad_grouping"),
    ("1.250,5,5", "bad_grouping"),
    ("1,250.5.5", "bad_grouping"),
    ("1,2.3,4", "bad_grouping"),
    # percent sign where not allowed
    ("90%", "percent_sign"),
    ("90 %", "percent_sign"),
    # too large
    ("1234567890123456", "too_large"),
    ("1.234.567.890.123.456", "too_large"),
    ("0,1234567890123456", "too_large"),
]


@pytest.mark.parametrize(("text", "code"), REJECTED)
def test_rejected_forms(text: str, code: str) -> None:
    with pytest.raises(NumberError) as info:
        parse_number(text)
    assert info.value.code == code
    assert str(info.value)  # a short English message for logs


@pytest.mark.parametrize("text", ["1,5", "0,01", "1.250,5", "1.5"])
def test_integer_rejects_fractions(text: str) -> None:
    with pytest.raises(NumberError) as info:
        parse_number(text, integer=True)
    assert info.value.code == "not_integer"


def test_max_digits_is_configurable() -> None:
    with pytest.raises(NumberError) as info:
        parse_number("123456", max_digits=5)
    assert info.value.code == "too_large"


@pytest.mark.parametrize(
    ("text", "kwargs", "code"),
    [
        # a non-number is reported as such before anything else
        ("-abc", {}, "not_a_number"),
        ("abc%", {}, "not_a_number"),
        ("-1.25,5", {}, "bad_grouping"),
        # then sign, percent, size, integrality
        ("-90%", {}, "negative"),
        ("-1234567890123456", {}, "negative"),
        ("1234567890123456%", {}, "percent_sign"),
        ("1,5%", {"integer": True}, "percent_sign"),
        ("1234567890123456,5", {"integer": True}, "too_large"),
    ],
)
def test_problem_reporting_order(text: str, kwargs: dict[str, bool], code: str) -> None:
    with pytest.raises(NumberError) as info:
        parse_number(text, **kwargs)
    assert info.value.code == code


def test_number_error_is_a_value_error() -> None:
    with pytest.raises(ValueError, match="negative"):
        parse_number("-1")


# ---------------------------------------------------------------------------
# format_number and plain_number
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (0, "0"),
        (7, "7"),
        (999, "999"),
        (1000, "1.000"),
        (1250, "1.250"),
        (1250000, "1.250.000"),
        (Decimal("1.5"), "1,5"),
        (Decimal("1.50"), "1,5"),
        (Decimal("2.00"), "2"),
        (Decimal("90.25"), "90,25"),
        (Decimal("1250.5"), "1.250,5"),
        (Decimal("1.25E+3"), "1.250"),
        (Decimal("0.125"), "0,13"),  # rounds half up, like a calculator
        (Decimal("90.255"), "90,26"),
        (Decimal("0.001"), "0"),
        (Decimal("-0.001"), "0"),  # no "-0"
        (Decimal("-0"), "0"),
        (Decimal("999.995"), "1.000"),
        (-1250, "-1.250"),
        (Decimal("-1.5"), "-1,5"),
        (10**30, "1.000.000.000.000.000.000.000.000.000.000"),
        (
            Decimal("123456789012345678901234567890.555"),
            "123.456.789.012.345.678.901.234.567.890,56",
        ),
    ],
)
def test_format_number(value: Decimal | int, expected: str) -> None:
    assert format_number(value) == expected


@pytest.mark.parametrize(
    ("value", "max_decimals", "expected"),
    [
        (Decimal("1.25"), 0, "1"),
        (Decimal("1.5"), 0, "2"),
        (Decimal("1.2345"), 3, "1,235"),
        (Decimal("1234.5"), 0, "1.235"),
    ],
)
def test_format_number_max_decimals(value: Decimal, max_decimals: int, expected: str) -> None:
    assert format_number(value, max_decimals=max_decimals) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (0, "0"),
        (1250, "1250"),
        (Decimal("1.5"), "1.5"),
        (Decimal("1.50"), "1.5"),
        (Decimal("90"), "90"),
        (Decimal("90.00"), "90"),
        (Decimal("1.25E+3"), "1250"),
        (Decimal("1E-7"), "0.0000001"),
        (Decimal("0E-5"), "0"),
        (Decimal("-0.00"), "0"),
        (Decimal("-2.50"), "-2.5"),
        (10**20, "100000000000000000000"),
        (Decimal("123456789012345678901234567890.555"), "123456789012345678901234567890.555"),
    ],
)
def test_plain_number(value: Decimal | int, expected: str) -> None:
    assert plain_number(value) == expected


@pytest.mark.parametrize("value", [Decimal("NaN"), Decimal("Infinity"), Decimal("-Infinity")])
def test_non_finite_values_are_refused(value: Decimal) -> None:
    with pytest.raises(ValueError, match="cannot display"):
        format_number(value)
    with pytest.raises(ValueError, match="cannot display"):
        plain_number(value)


@pytest.mark.parametrize("value", [True, 1.5, "1"])
def test_wrong_types_are_refused(value: object) -> None:
    with pytest.raises(TypeError):
        format_number(value)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        plain_number(value)  # type: ignore[arg-type]


def test_negative_max_decimals_is_refused() -> None:
    with pytest.raises(ValueError, match="max_decimals"):
        format_number(1, max_decimals=-1)


@pytest.mark.parametrize(
    ("value", "min_decimals", "expected"),
    [
        (Decimal("85.5"), 2, "85,50"),
        (1234, 2, "1.234,00"),
        (0, 2, "0,00"),
        (Decimal("-0.001"), 2, "0,00"),  # no "-0,00"
        (Decimal("99.995"), 2, "100,00"),
        (Decimal("-2.5"), 2, "-2,50"),
        (Decimal("1.5"), 1, "1,5"),
        (Decimal("1.25"), 1, "1,25"),  # a minimum, not a fixed count
    ],
)
def test_format_number_min_decimals(
    value: Decimal | int, min_decimals: int, expected: str
) -> None:
    assert format_number(value, min_decimals=min_decimals) == expected


def test_min_decimals_beyond_max_is_refused() -> None:
    with pytest.raises(ValueError, match="min_decimals"):
        format_number(1, max_decimals=1, min_decimals=2)
    with pytest.raises(ValueError, match="min_decimals"):
        format_number(1, min_decimals=-1)


# ---------------------------------------------------------------------------
# Properties
# ---------------------------------------------------------------------------

integers = st.integers(min_value=0, max_value=10**12 - 1)
two_decimal_values = st.decimals(
    min_value=0, max_value=Decimal("999999999999.99"), places=2, allow_nan=False
)


@given(integers)
@example(0)
@example(1000)
@example(999_999_999_999)
def test_integer_forms_parse_back(n: int) -> None:
    assert parse_number(str(n), integer=True) == n
    assert parse_number(format_number(n), integer=True) == n
    assert parse_number(f"{n:,}".replace(",", " ")) == n
    if n >= 10**6:  # at least two commas, so none of them can be a decimal mark
        assert parse_number(f"{n:,}", integer=True) == n


@given(two_decimal_values)
@example(Decimal("1250.5"))
@example(Decimal("0.01"))
@example(Decimal("1.25"))
def test_format_number_round_trips(value: Decimal) -> None:
    assert parse_number(format_number(value)) == value


@given(st.decimals(min_value=0, max_value=Decimal("99999999999.9999"), places=4))
@example(Decimal("1.25"))
@example(Decimal("1250.125"))
def test_format_number_round_trips_with_more_decimals(value: Decimal) -> None:
    assert parse_number(format_number(value, max_decimals=4)) == value


@given(integers, st.integers(min_value=0, max_value=6))
@example(1250, 2)
@example(1, 3)  # "1,000" is one with three decimals, never a thousand
def test_fixed_decimals_of_an_integer_parse_back(n: int, decimals: int) -> None:
    # Scores and chart labels show trailing zeros ("1.250,00"); they still read back.
    shown = format_number(n, max_decimals=decimals, min_decimals=decimals)
    assert parse_number(shown) == n


@given(two_decimal_values)
@example(Decimal("1.25"))
@example(Decimal("1250.1"))
@example(Decimal("0.5"))
def test_fixed_decimals_round_trip(value: Decimal) -> None:
    assert parse_number(format_number(value, min_decimals=2)) == value


@given(st.decimals(min_value=0, max_value=Decimal("99999999999.9999"), places=4))
def test_fixed_decimals_show_what_rounding_keeps(value: Decimal) -> None:
    # With fewer places than the value has, what is read back is the value rounded.
    shown = format_number(value, max_decimals=2, min_decimals=2)
    _, comma, decimals = shown.rpartition(",")
    assert (comma, len(decimals)) == (",", 2)
    assert abs(parse_number(shown) - value) <= Decimal("0.005")


@given(st.decimals(min_value=0, max_value=Decimal("9999999999.99999"), places=5))
def test_parse_result_is_normalized(value: Decimal) -> None:
    result = parse_number(plain_number(value).replace(".", ","))
    assert result == value
    assert "E" not in str(result)
    exponent = result.as_tuple().exponent
    assert isinstance(exponent, int)
    assert exponent <= 0
    if exponent < 0:
        assert not str(result).endswith("0")


@given(
    st.decimals(min_value=Decimal("0.00001"), max_value=Decimal(10**12), places=5),
    st.sampled_from(["-", "\u2212", "- ", "-\u00a0"]),
    st.booleans(),
)
def test_negatives_always_rejected(value: Decimal, sign: str, use_format: bool) -> None:
    body = format_number(value, max_decimals=5) if use_format else plain_number(value)
    for text in (sign + body, sign + body + "%"):
        with pytest.raises(NumberError) as info:
            parse_number(text, allow_percent_sign=True)
        assert info.value.code == "negative"


number_chars = st.sampled_from(list("0123456789.,+- %\u00a0"))


@given(
    st.lists(number_chars, max_size=10).map("".join),
    st.characters(categories=["Lu", "Ll", "Lt", "Lo"]),
    st.lists(number_chars, max_size=10).map("".join),
)
@example("1", "e", "5")
@example("", "n", "an")
@example("", "i", "nf")
@example("1", "đ", "")
def test_text_with_a_letter_never_parses(before: str, letter: str, after: str) -> None:
    with pytest.raises(NumberError) as info:
        parse_number(before + letter + after, allow_percent_sign=True)
    assert info.value.code == "not_a_number"


@given(st.text(max_size=20))
def test_arbitrary_text_either_parses_or_raises_number_error(text: str) -> None:
    outcome: Decimal | NumberError
    try:
        outcome = parse_number(text, allow_percent_sign=True)
    except NumberError as error:
        outcome = error
    if isinstance(outcome, NumberError):
        assert outcome.code in get_args(NumberErrorCode)
    else:
        assert outcome.is_finite()
        assert outcome >= 0


def _plain_is_unambiguous(text: str) -> bool:
    # "1.251" is a plain decimal but, typed by a person, Vietnamese read it as
    # 1251: parse_number deliberately prefers the latter.  plain_number output
    # is for machines, so that one shape is outside the round-trip promise.
    int_part, dot, frac = text.partition(".")
    return not (dot and len(frac) == 3 and len(int_part) <= 3 and not int_part.startswith("0"))


@given(st.decimals(min_value=0, max_value=Decimal("9999999999.99999"), places=5))
@example(Decimal("1.5"))
@example(Decimal("1234.567"))
@example(Decimal("0.125"))
def test_plain_number_parses_back(value: Decimal) -> None:
    text = plain_number(value)
    assume(_plain_is_unambiguous(text))
    assert parse_number(text) == value


@given(st.decimals(min_value=0, max_value=Decimal("999999999999.99"), places=2))
def test_plain_number_with_two_decimals_always_parses_back(value: Decimal) -> None:
    assert parse_number(plain_number(value)) == value


def test_plain_number_three_decimal_ambiguity_is_documented() -> None:
    assert plain_number(Decimal("1.251")) == "1.251"
    assert parse_number("1.251") == 1251


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("12", 12),
        (" 007 ", 7),
        ("0", 0),
        (str(2**63 - 1), 2**63 - 1),
        (str(2**63), None),  # beyond SQLite's integers
        ("9" * 5000, None),  # int() refuses over 4,300 digits
        ("²", None),  # "²".isdigit() is True, int("²") raises
        ("١٢", None),  # int() reads Arabic-Indic digits; no one here types them
        ("1_000", None),
        ("+1", None),
        ("-1", None),
        ("1.5", None),
        ("", None),
    ],
)
def test_parse_whole_takes_only_ascii_digits_within_bounds(
    typed: str, expected: int | None
) -> None:
    assert parse_whole(typed) == expected


def test_parse_whole_bounds() -> None:
    assert parse_whole("0", low=1) is None
    assert parse_whole("61", low=1, high=60) is None
    assert parse_whole("060", low=1, high=60) == 60
