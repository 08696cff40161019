"""Self-assessed criteria name their claim questions; the loader checks them against the form."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

import pytest

from bot.forms.schema import FormSpec, load_form
from bot.scoring.methodology import Methodology, MethodologyError, load_methodology
from tests.rules import TEST_FORM, TEST_METHODOLOGY

BASE = """
year = 2025
version = "t1"
title = "Bộ tiêu chí thử"
bands = [{ name = "Đạt", min_index = 50 }, { name = "Chưa đạt", min_index = 0 }]

[[fields]]
key = "sang_kien"
title = "I. Sáng kiến"

  [[fields.criteria]]
  key = "recognised_model"
  title = "Sáng kiến, mô hình mới được công nhận"
  plan_items = ["c"]
  basis = "Kế hoạch, mục II.1.c: mô hình, sáng kiến được cấp có thẩm quyền công nhận"
  max_points = 4
  source = "self"
  claim_field = "model_claim"
  evidence_field = "model_evidence"
  explanation_field = "model_explanation"
"""

WHERE = "fields[1] (sang_kien).criteria[1] (recognised_model)"


def _load(tmp_path: Path, text: str, form: FormSpec | None) -> Methodology:
    path = tmp_path / "tieu_chi.toml"
    path.write_text(text, encoding="utf-8")
    return load_methodology(path, form=form)


def _error(tmp_path: Path, text: str, form: FormSpec | None = None) -> str:
    with pytest.raises(MethodologyError) as info:
        _load(tmp_path, text, form if form is not None else TEST_FORM)
    return str(info.value)


def _edit(old: str, new: str) -> str:
    assert BASE.count(old) == 1, old
    return BASE.replace(old, new)


def _shipped_form_with(tmp_path: Path, old: str, new: str) -> FormSpec:
    text = (
        resources.files("bot.forms").joinpath("report_form_2025.toml").read_text(encoding="utf-8")
    )
    assert text.count(old) == 1, old
    path = tmp_path / "mau.toml"
    path.write_text(text.replace(old, new), encoding="utf-8")
    return load_form(path)


def test_shipped_self_criterion_names_its_questions() -> None:
    methodology = TEST_METHODOLOGY
    criterion = methodology.criterion("recognised_model")
    assert (criterion.claim_field, criterion.evidence_field, criterion.explanation_field) == (
        "model_claim",
        "model_evidence",
        "model_explanation",
    )
    assert criterion.inputs == ("model_claim", "model_evidence", "model_explanation")
    assert [c.key for c in methodology.criteria if c.claim_field] == ["recognised_model"]


def test_base_is_valid_with_and_without_a_form(tmp_path: Path) -> None:
    assert _load(tmp_path, BASE, TEST_FORM).criterion("recognised_model").max_points == 4
    assert _load(tmp_path, BASE, None).criterion("recognised_model").claim_field == "model_claim"


def test_either_backing_alone_is_enough_without_a_form(tmp_path: Path) -> None:
    text = _edit('  explanation_field = "model_explanation"\n', "")
    assert _load(tmp_path, text, None).criterion("recognised_model").explanation_field is None


def test_self_criterion_needs_a_claim_field(tmp_path: Path) -> None:
    message = _error(tmp_path, _edit('  claim_field = "model_claim"\n', ""), None)
    assert f"{WHERE}.claim_field: tiêu chí đơn vị tự chấm (source = self) cần claim_field" in (
        message
    )


def test_self_criterion_needs_evidence_or_explanation(tmp_path: Path) -> None:
    text = _edit(
        '  evidence_field = "model_evidence"\n  explanation_field = "model_explanation"\n', ""
    )
    message = _error(tmp_path, text, None)
    assert f"{WHERE}.evidence_field: tiêu chí đơn vị tự chấm cần evidence_field" in message


def test_only_self_criteria_take_claim_fields(tmp_path: Path) -> None:
    text = _edit('source = "self"', 'source = "appraisal"')
    message = _error(tmp_path, text, None)
    assert f"{WHERE}.claim_field: tiêu chí source = appraisal không dùng claim_field" in message


@pytest.mark.parametrize(
    ("old", "new", "says"),
    [
        (
            'claim_field = "model_claim"',
            'claim_field = "model_claims"',
            ".claim_field: mẫu báo cáo 2025.1 không có trường 'model_claims'",
        ),
        (
            'claim_field = "model_claim"',
            'claim_field = "highlights"',
            ".claim_field: trường 'highlights' của mẫu báo cáo có kiểu text, "
            "claim_field cần kiểu: decimal, integer",
        ),
        (
            'evidence_field = "model_evidence"',
            'evidence_field = "model_explanation"',
            ".evidence_field: trường 'model_explanation' của mẫu báo cáo có kiểu text, "
            "evidence_field cần kiểu: file",
        ),
        (
            'explanation_field = "model_explanation"',
            'explanation_field = "model_evidence"',
            ".explanation_field: trường 'model_evidence' của mẫu báo cáo có kiểu file",
        ),
        (
            "max_points = 4",
            "max_points = 5",
            ".claim_field: trường 'model_claim' của mẫu báo cáo cho tự chấm tối đa 4 điểm; "
            "phải đặt max = 5 như max_points của tiêu chí",
        ),
        (
            'claim_field = "model_claim"',
            'claim_field = "par_self_score"',
            ".claim_field: trường 'par_self_score' của mẫu báo cáo cho tự chấm tối đa 100 điểm",
        ),
        (
            '  explanation_field = "model_explanation"\n',
            "",
            # The form's rule accepts an explanation the criterion would not count.
            ".claim_field: mẫu báo cáo cần ràng buộc [[rules]] when = 'model_claim', "
            "require_one_of = ['model_evidence']",
        ),
    ],
)
def test_claim_fields_are_checked_against_the_form(
    tmp_path: Path, old: str, new: str, says: str
) -> None:
    message = _error(tmp_path, _edit(old, new))
    assert f"{WHERE}{says}" in message, message
    assert message.startswith(str(tmp_path / "tieu_chi.toml"))


def test_a_form_without_the_backing_rule_is_refused(tmp_path: Path) -> None:
    # The rule accepts an answer the criterion would not count as backing.
    form = _shipped_form_with(
        tmp_path,
        'require_one_of = ["model_evidence", "model_explanation"]',
        'require_one_of = ["model_evidence", "initiative_titles"]',
    )
    message = _error(tmp_path, BASE, form)
    assert f"{WHERE}.claim_field: mẫu báo cáo cần ràng buộc [[rules]] when = 'model_claim'" in (
        message
    )
    assert "để điểm tự chấm luôn có tài liệu kiểm chứng hoặc giải trình" in message


def test_a_claim_field_without_a_maximum_is_refused(tmp_path: Path) -> None:
    form = _shipped_form_with(tmp_path, "  required = false\n  max = 4\n", "  required = false\n")
    message = _error(tmp_path, BASE, form)
    assert "cho tự chấm tối đa không giới hạn điểm; phải đặt max = 4" in message


def test_a_self_criterion_may_be_declared_not_applicable(tmp_path: Path) -> None:
    # Only appraisal criteria refuse applies_if (test_methodology.py); a claim the unit
    # makes itself may hang on a required Có/Không question, as a computed one may.
    text = _edit('  source = "self"\n', '  source = "self"\n  applies_if = "iso_applied"\n')
    assert _load(tmp_path, text, TEST_FORM).criterion("recognised_model").applies_if == (
        "iso_applied"
    )
    message = _error(
        tmp_path, _edit('  source = "self"\n', '  source = "self"\n  applies_if = "model_claim"\n')
    )
    assert f"{WHERE}.applies_if: trường 'model_claim' phải là câu Có/Không bắt buộc" in message
