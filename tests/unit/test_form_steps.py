"""The tests' own view of the report form: one valid answer per field, and the helpers
that turn a field key into what the bot shows.

A field the shipped forms gain is answered as the form suggests (tests/reports.py), so
adding a question to a form's TOML needs no test edit; a field they lose or rename fails
the first test here with the keys to remove from the answers the tests choose.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.forms.schema import load_form
from tests.form_steps import FORM, ask, count, following, header, label, number, rule_message
from tests.reports import CHOSEN_ANSWERS, VALID_ANSWERS
from tests.rules import BOOK


def test_valid_answers_have_exactly_one_entry_per_field_of_the_shipped_forms() -> None:
    """One answer per field of every shipped year's form (a key the years share once),
    and no chosen answer for a field no form has any more."""
    keys = {f.key for year in BOOK.years for f in BOOK.form(year).fields}
    assert set(VALID_ANSWERS) == keys | set(CHOSEN_ANSWERS)
    extra = sorted(set(CHOSEN_ANSWERS) - keys)
    assert not extra, f"tests/reports.py CHOSEN_ANSWERS answers fields no form has: {extra}"


@pytest.mark.parametrize("year", BOOK.years)
def test_each_valid_answer_fits_its_field(year: int) -> None:
    """Skipping only where the form allows it, buttons only for choices, files for files."""
    for spec in BOOK.form(year).fields:
        value = VALID_ANSWERS.get(spec.key)
        if value is None:
            continue  # the test above names it
        if value == "skip":
            assert not spec.required, f"{spec.key} is required and cannot be skipped"
        elif value.startswith("button:"):
            chosen = value.removeprefix("button:")
            if spec.type == "yesno":
                assert chosen in {"Có", "Không"}, spec.key
            else:
                assert spec.type == "choice", f"{spec.key} ({spec.type}) has no buttons"
                assert chosen in [c.label for c in spec.choices], (spec.key, chosen)
        elif value == "file" or value.startswith("file:"):
            assert spec.type == "file", f"{spec.key} ({spec.type}) takes no file"
        else:
            assert spec.type not in {"file", "choice", "yesno"}, (
                f"{spec.key} ({spec.type}) is answered with a file or a button"
            )


SMALL = """
version = "test"
title = "Báo cáo thử"

[[sections]]
key = "a"
title = "a) Kế hoạch"

  [[sections.fields]]
  key = "planned"
  label = "Số nhiệm vụ theo kế hoạch"
  type = "integer"

  [[sections.fields]]
  key = "done"
  label = "Số nhiệm vụ đã hoàn thành"
  type = "integer"

[[sections]]
key = "b"
title = "b) Văn bản"

  [[sections.fields]]
  key = "signed"
  label = "Tệp báo cáo đã ký"
  type = "file"
  accept = ["pdf"]

[[rules]]
left = ["done"]
op = "<="
right = ["planned"]
message = "Số đã hoàn thành không được lớn hơn số theo kế hoạch."
"""


def test_helpers_read_the_form_they_are_given(tmp_path: Path) -> None:
    """Another year's form, say: numbers and totals follow it, not the shipped one."""
    path = tmp_path / "form.toml"
    path.write_text(SMALL, encoding="utf-8")
    small = load_form(path)
    assert count(small) == 3
    assert [number(k, small) for k in ("planned", "done", "signed")] == [1, 2, 3]
    assert ask("signed", small) == header(3, small) == "Câu 3/3"
    assert label("done", small) == "Số nhiệm vụ đã hoàn thành"
    assert (following("done", small), following("signed", small)) == ("signed", None)
    assert rule_message("done", form=small).startswith("Số đã hoàn thành không được")


def test_helpers_default_to_the_shipped_form() -> None:
    last = FORM.fields[-1].key
    assert ask(last) == f"Câu {len(FORM.fields)}/{len(FORM.fields)}"
    assert number(FORM.fields[0].key) == 1
