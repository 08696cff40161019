"""Validation of answers against the shipped form, and cross-field rules."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import get_args

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.forms.answers import (
    AnswerError,
    AnswerErrorCode,
    AnswerProblem,
    IncomingDocument,
    broken_rules,
    display_value,
    parse_document,
    parse_text_answer,
)
from bot.numbers import NumberErrorCode
from bot.texts.answers import ANSWER_ERRORS, NUMBER_ERRORS, answer_error
from tests.rules import TEST_FORM

FORM = TEST_FORM
F = FORM.field


@pytest.mark.parametrize(
    ("key", "typed", "stored"),
    [
        ("tasks_planned", "12", 12),
        ("propaganda_events", "1.250", 1250),
        ("propaganda_events", "1250", 1250),
        ("propaganda_events", " 1 250 ", 1250),
        ("par_self_score", "85,5", "85.5"),
        ("par_self_score", "85.5", "85.5"),
        ("sipas_rate", "90%", "90"),
        ("sipas_rate", "90 %", "90"),
        ("sipas_rate", "92,5", "92.5"),
        ("iso_applied", "Có", True),
        ("iso_applied", "không", False),
        ("autonomy_level", "Tự bảo đảm chi thường xuyên", "regular"),
        ("highlights", "  Kết quả tốt  ", "Kết quả tốt"),
    ],
)
def test_accepted(key: str, typed: str, stored: object) -> None:
    assert parse_text_answer(F(key), typed) == stored


@pytest.mark.parametrize(
    ("key", "typed", "says"),
    [
        ("tasks_planned", "-5", "không được âm"),
        ("tasks_planned", "abc", "phải là một con số"),
        ("tasks_planned", "1,5", "số nguyên"),
        ("tasks_planned", "1001", "không được vượt quá 1.000"),
        ("tasks_planned", "90%", "không nhận dấu %"),
        ("tasks_planned", "1" * 20, "quá lớn"),
        ("staff_total", "0", "phải từ 1 trở lên"),
        ("sipas_rate", "100,5", "không được vượt quá 100"),
        ("highlights", "x" * 3001, "tối đa 3.000 ký tự"),
        ("iso_applied", "có lẽ", "“Có” hoặc “Không”"),
        ("signed_report", "tệp", "cần một tệp"),
    ],
)
def test_refused_with_a_reason(key: str, typed: str, says: str) -> None:
    assert says in refusal(lambda: parse_text_answer(F(key), typed))


def refused(parse: Callable[[], object]) -> AnswerProblem:
    """The problem an answer is refused with (a code and values, no wording)."""
    with pytest.raises(AnswerError) as caught:
        parse()
    return caught.value.problem


def refusal(parse: Callable[[], object]) -> str:
    """The sentence a refused answer is told with."""
    return answer_error(refused(parse))


def test_refusals_carry_the_values_they_are_worded_from() -> None:
    assert refused(lambda: parse_text_answer(F("staff_total"), "0")) == AnswerProblem(
        "below_min", limit=F("staff_total").lower_bound
    )
    assert refused(lambda: parse_text_answer(F("tasks_planned"), "1,5")) == AnswerProblem(
        "number", number="not_integer"
    )
    field = F("signed_report")
    assert refused(lambda: parse_document(field, doc("a.pdf", "application/pdf", 0))) == (
        AnswerProblem("file_empty")
    )
    big = field.max_size_mb * 1024 * 1024 + 1
    assert refused(lambda: parse_document(field, doc("a.pdf", None, big))) == AnswerProblem(
        "file_too_large", max_mb=field.max_size_mb
    )


@given(st.integers(min_value=0, max_value=1000))
def test_every_integer_in_range_is_accepted_in_both_forms(n: int) -> None:
    field = F("articles")
    vietnamese = f"{n:,}".replace(",", ".")
    assert parse_text_answer(field, str(n)) == n
    assert parse_text_answer(field, vietnamese) == n


@given(st.integers(min_value=1, max_value=10**9))
def test_negative_numbers_are_always_refused(n: int) -> None:
    problem = refused(lambda: parse_text_answer(F("dossiers_received"), f"-{n}"))
    assert problem == AnswerProblem("number", number="negative")
    assert "không được âm" in answer_error(problem)


@given(
    received=st.integers(min_value=0, max_value=10**6),
    on_time=st.integers(min_value=0, max_value=10**6),
    late=st.integers(min_value=0, max_value=10**6),
)
def test_on_time_plus_late_never_exceeds_received(received: int, on_time: int, late: int) -> None:
    answers = {"dossiers_received": received, "dossiers_on_time": on_time, "dossiers_late": late}
    broken = broken_rules(FORM, answers, touching="dossiers_late")
    assert bool(broken) == (on_time + late > received)


@given(received=st.integers(0, 10**6), online=st.integers(0, 10**6))
def test_online_never_exceeds_received(received: int, online: int) -> None:
    answers = {"dossiers_received": received, "dossiers_online": online}
    assert bool(broken_rules(FORM, answers)) == (online > received)


def test_rule_waits_until_all_its_fields_are_answered() -> None:
    assert broken_rules(FORM, {"dossiers_on_time": 5, "dossiers_late": 5}) == []


def doc(name: str | None, mime: str | None, size: int) -> IncomingDocument:
    return IncomingDocument("FILE", "U", name, mime, size)


def test_documents_checked_for_type_and_size() -> None:
    field = F("signed_report")
    ok = parse_document(field, doc("Báo cáo.DOCX", None, 1000))
    assert isinstance(ok, dict)
    assert ok["file_name"] == "Báo cáo.DOCX"
    assert "định dạng" in refusal(
        lambda: parse_document(field, doc("a.exe", "application/octet-stream", 10))
    )
    assert "không khớp" in refusal(lambda: parse_document(field, doc("a.pdf", "image/png", 10)))
    too_big = doc("a.pdf", "application/pdf", 20 * 1024 * 1024 + 1)
    assert "quá lớn" in refusal(lambda: parse_document(field, too_big))
    assert "rỗng" in refusal(lambda: parse_document(field, doc("a.pdf", "application/pdf", 0)))
    assert "không cần tệp" in refusal(
        lambda: parse_document(F("highlights"), doc("a.pdf", "application/pdf", 10))
    )


def test_display_uses_vietnamese_number_format() -> None:
    assert display_value(F("dossiers_received"), 1250000) == "1.250.000"
    assert display_value(F("sipas_rate"), "92.5") == "92,5%"
    assert display_value(F("iso_applied"), True) == "Có"
    assert display_value(F("sipas_rate"), None) == "(bỏ trống)"
    assert Decimal("1") == 1


def test_every_refusal_code_has_its_sentence() -> None:
    # A code added to the forms without wording would reach a person as a KeyError.
    assert set(get_args(NumberErrorCode)) == set(NUMBER_ERRORS)
    assert set(get_args(AnswerErrorCode)) == set(ANSWER_ERRORS) | {"number"}
