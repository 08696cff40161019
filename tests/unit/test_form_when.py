"""The form decides what to ask (issue 11, item 2: "A `when` on a field … skips
questions that cannot apply … Hints' examples always lie inside the allowed range (a
test checks every field), and a cross-field error states the bound with the question
it comes from. An optional question can always be skipped")."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from bot.forms.answers import (
    example_value,
    parse_text_answer,
    required_now,
    rule_bound,
)
from bot.forms.schema import FieldSpec, FormError, load_form
from bot.numbers import format_number
from bot.texts.answers import expected_hint
from tests.rules import BOOK

FIELDS = [(year, f) for year in BOOK.years for f in BOOK.form(year).fields]


@pytest.mark.parametrize(("year", "field"), FIELDS, ids=[f"{y}-{f.key}" for y, f in FIELDS])
def test_every_hints_example_is_an_answer_the_bot_takes(year: int, field: FieldSpec) -> None:
    if field.type not in ("integer", "decimal", "percent"):
        return
    example = example_value(field)
    shown = format_number(example)
    assert f"ví dụ {shown}" in expected_hint(field, example)
    assert Decimal(str(parse_text_answer(field, shown))) == example, (year, field.key)


def test_a_condition_holds_only_once_its_question_is_answered_so() -> None:
    form = BOOK.form(2026)
    spec = form.field("feedback_on_time")
    assert spec in form.visible({})  # not answered yet: still counted
    assert spec in form.visible({"feedback_received": 3})
    assert spec not in form.visible({"feedback_received": 0})
    assert spec not in form.visible({"feedback_received": None})  # skipped: cannot apply
    # An answer kept from before the condition changed does not count.
    assert form.effective({"feedback_received": 0, "feedback_on_time": 2}) == {
        "feedback_received": 0
    }


def test_the_bound_of_a_rule_comes_with_the_questions_it_rests_on() -> None:
    form = BOOK.form(2026)
    bound = rule_bound(form, {"tasks_planned": 12, "tasks_completed": 13}, "tasks_completed")
    assert bound is not None
    assert (bound.kind, bound.value, bound.sources) == ("max", 12, ("tasks_planned",))
    answers = {
        "dossiers_carried": 30,
        "dossiers_received": 100,
        "dossiers_early": 20,
        "dossiers_on_time": 90,
        "dossiers_late": 5,
        "dossiers_pending": 1,
    }
    balance = rule_bound(form, answers, "dossiers_pending")
    assert balance is not None
    assert (balance.kind, balance.value) == ("equal", 15)


def test_the_last_alternative_of_a_claim_is_needed_not_optional() -> None:
    form = BOOK.form(2026)
    claimed = {"model_claim": "2.5"}
    assert not required_now(form, claimed, "model_evidence")
    assert required_now(form, {**claimed, "model_evidence": None}, "model_explanation")
    assert not required_now(
        form, {**claimed, "model_evidence": {"file_id": "F"}}, "model_explanation"
    )


@pytest.mark.parametrize(
    ("when", "why"),
    [
        ('"later_field > 0"', "phải là một câu hỏi đứng trước"),
        ('"first"', "cần một câu Có/Không"),
        ('"flag > 1"', "phải là trường số"),
    ],
)
def test_a_condition_on_what_is_not_an_earlier_fitting_question_is_refused(
    tmp_path: Path, when: str, why: str
) -> None:
    text = f"""
version = "x"
title = "t"
[[sections]]
key = "a"
title = "A"
  [[sections.fields]]
  key = "first"
  label = "Số"
  type = "integer"
  [[sections.fields]]
  key = "flag"
  label = "Có không"
  type = "yesno"
  [[sections.fields]]
  key = "second"
  label = "Tiếp"
  type = "integer"
  when = {when}
  [[sections.fields]]
  key = "later_field"
  label = "Sau"
  type = "integer"
"""
    path = tmp_path / "form.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(FormError, match=why):
        load_form(path)
