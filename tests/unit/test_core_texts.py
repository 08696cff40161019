"""The core's wording comes from bot/texts (issue 12): refusals carry a code and values,
and the sentence is the catalogue's, the same in the chat and the CLI."""

from __future__ import annotations

from pathlib import Path
from typing import get_args

import pytest

from bot.scoring.methodology import PLAN_ITEMS, MethodologyError, load_methodology
from bot.services.appraisal import AppraisalError
from bot.texts import appraisal as appraisal_texts
from bot.texts import rules as rules_texts
from tests.rules import TEST_FORM
from tests.unit.test_methodology import BASE


def test_an_appraisal_refusal_is_a_code_with_values_rendered_by_the_catalogue() -> None:
    exc = AppraisalError("bad_period", period="2025-Q7")
    assert exc.problem == "bad_period"
    assert exc.values == {"period": "2025-Q7"}
    assert str(exc) == appraisal_texts.REFUSALS["bad_period"].format(period="2025-Q7")
    assert "2025-Q7" in str(exc)


def test_every_appraisal_refusal_has_a_sentence() -> None:
    assert set(appraisal_texts.REFUSALS) == set(get_args(appraisal_texts.Problem))


def test_plan_items_are_the_catalogues_letters_and_others_are_refused(tmp_path: Path) -> None:
    # "Nội dung" a–g of the plan (section II): the letters criteria cite.
    assert PLAN_ITEMS == rules_texts.PLAN_ITEMS
    assert 'plan_items = ["đ"]' in BASE
    path = tmp_path / "tieu_chi.toml"
    path.write_text(BASE.replace('plan_items = ["đ"]', 'plan_items = ["h"]'), encoding="utf-8")
    with pytest.raises(MethodologyError) as info:
        load_methodology(path, form=TEST_FORM)
    message = str(info.value)
    assert rules_texts.LITERAL_ERROR.format(expected="")[:-1] in message
    assert all(f"'{item}'" in message for item in PLAN_ITEMS)
