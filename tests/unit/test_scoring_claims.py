"""Self-assessed claims (tự chấm) on the shipped methodology, every figure worked by hand.

recognised_model (max 4, source self) reads model_claim, backed by model_evidence (a
file) or model_explanation (a text). A school at every computed target, not inspected
this year, scores 81 of 85 before claims and appraisals (see test_scoring.py: 100 less
report_quality 5, pending until the office appraises it, and inspection_result 10,
exempt): the claim adds to the 81, and recognised_model's 4 are in the 85 either way.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from bot.scoring.engine import CriterionScore, UnitScore, score_unit
from tests.rules import TEST_METHODOLOGY
from tests.unit.test_scoring import at_target

METHODOLOGY = TEST_METHODOLOGY
D = Decimal
EVIDENCE = {"file_id": "E", "file_name": "quyet-dinh-cong-nhan.pdf", "file_size": 2000}
EXPLANATION = "Mô hình “Sổ liên lạc điện tử” được Sở công nhận tại hội nghị ngày 10/03/2025."


def model(score: UnitScore) -> CriterionScore:
    return next(c for c in score.criteria if c.key == "recognised_model")


def school(**claim: Any) -> UnitScore:
    return score_unit(METHODOLOGY, block="truc_thuoc", answers=at_target(**claim))


def test_claim_with_evidence_counts() -> None:
    # 81 + 2.5 = 83.50 of 85 → 0.98235… → 98.24, "Xuất sắc".
    score = school(model_claim="2.5", model_evidence=EVIDENCE)
    line = model(score)
    assert (line.claimed, line.points, line.appraised) == (D("2.50"), D("2.50"), False)
    assert line.detail == "Đơn vị tự chấm 2,5/4 điểm, có tài liệu kiểm chứng, chưa thẩm định"
    assert (score.points, score.max_points, score.index, score.band) == (
        D("83.50"),
        D(85),
        D("98.24"),
        "Xuất sắc",
    )
    assert score.lost()["recognised_model"] == D("1.50")


def test_claim_with_an_explanation_counts() -> None:
    # 81 + 3 = 84.00 of 85 → 0.98823… → 98.82.
    score = school(model_claim="3", model_explanation=EXPLANATION)
    line = model(score)
    assert (line.claimed, line.points) == (D(3), D(3))
    assert line.detail == "Đơn vị tự chấm 3/4 điểm, có văn bản giải trình, chưa thẩm định"
    assert (score.points, score.index) == (D("84.00"), D("98.82"))


def test_evidence_is_named_before_an_explanation_when_both_are_given() -> None:
    line = model(school(model_claim="4", model_evidence=EVIDENCE, model_explanation=EXPLANATION))
    assert line.points == D(4)
    assert line.detail == "Đơn vị tự chấm 4/4 điểm, có tài liệu kiểm chứng, chưa thẩm định"


@pytest.mark.parametrize(
    "backing",
    [
        {},
        {"model_evidence": None, "model_explanation": None},
        {"model_explanation": "   "},
        {"model_evidence": {"file_name": "x.pdf"}},  # no file id: nothing was received
        {"model_evidence": "quyet-dinh.pdf"},  # not a stored file
    ],
)
def test_claim_without_evidence_or_explanation_is_not_counted(backing: dict[str, Any]) -> None:
    # 81 + 0 = 81.00 of 85 → 0.95294… → 95.29: the claim is kept on the sheet, but scores
    # nothing, and the criterion stays in the maximum.
    score = school(model_claim="3", **backing)
    line = model(score)
    assert (line.claimed, line.points, line.applicable, line.state) == (
        D(3),
        D(0),
        True,
        "scored",
    )
    assert line.detail == (
        "Đơn vị tự chấm 3/4 điểm nhưng không có tài liệu kiểm chứng hay văn bản giải trình: "
        "không tính điểm"
    )
    assert (score.points, score.max_points, score.index) == (D("81.00"), D(85), D("95.29"))


def test_no_claim_scores_zero() -> None:
    # Not claiming is not "not applicable": 0 of 4 within the maximum (81 of 85).
    score = school(model_evidence=EVIDENCE)
    line = model(score)
    assert (line.claimed, line.points, line.state) == (None, D(0), "scored")
    assert line.detail == "Đơn vị chưa tự chấm điểm"
    assert (score.points, score.max_points) == (D("81.00"), D(85))


def test_a_claim_of_zero_needs_no_backing() -> None:
    line = model(school(model_claim="0"))
    assert (line.claimed, line.points) == (D(0), D(0))
    assert line.detail == "Đơn vị tự chấm 0/4 điểm, chưa thẩm định"


def test_a_stored_claim_above_the_maximum_is_clamped() -> None:
    # The form refuses 4,5 (test_form_rules); data from elsewhere is clamped, never trusted:
    # 9 → 4, −2 → 0, 2.345 → 2.35 (half up). Totals 85.00, 81.00, 83.35 (of 85).
    assert (model(high := school(model_claim="9", model_evidence=EVIDENCE)).points) == D(4)
    assert high.points == D("85.00")
    assert model(school(model_claim="-2", model_evidence=EVIDENCE)).points == D(0)
    odd = school(model_claim="2.345", model_evidence=EVIDENCE)
    assert (model(odd).claimed, model(odd).points, odd.points) == (
        D("2.35"),
        D("2.35"),
        D("83.35"),
    )


def test_appraisal_overrides_a_claim() -> None:
    # Claimed 4 with evidence, appraised 1.5: 81 + 1.5 = 82.50 of 85 → 0.97058… → 97.06,
    # "Xuất sắc"; the claim stays visible.
    score = score_unit(
        METHODOLOGY,
        block="truc_thuoc",
        answers=at_target(model_claim="4", model_evidence=EVIDENCE),
        appraisals={"recognised_model": D("1.5")},
    )
    line = model(score)
    assert (line.claimed, line.points, line.appraised) == (D(4), D("1.50"), True)
    assert line.detail == "Văn phòng Sở thẩm định: 1,5/4 điểm (trước thẩm định: 4 điểm)"
    assert (score.points, score.index, score.band) == (D("82.50"), D("97.06"), "Xuất sắc")


def test_appraisal_can_grant_what_an_unbacked_claim_did_not_earn() -> None:
    # Claimed 3 without backing (0 before appraisal), appraised 2: 81 + 2 = 83.00.
    score = score_unit(
        METHODOLOGY,
        block="truc_thuoc",
        answers=at_target(model_claim="3"),
        appraisals={"recognised_model": D(2)},
    )
    line = model(score)
    assert (line.claimed, line.points) == (D(3), D(2))
    assert line.detail == "Văn phòng Sở thẩm định: 2/4 điểm (trước thẩm định: 0 điểm)"
    assert score.points == D("83.00")


def test_claimed_is_none_on_criteria_that_are_not_self_assessed() -> None:
    score = school(model_claim="4", model_evidence=EVIDENCE)
    assert {c.key for c in score.criteria if c.claimed is not None} == {"recognised_model"}


def test_division_of_the_department_claims_alike() -> None:
    # phong_so without appraisals scores 57 of 61 (test_scoring.py: report_quality 5 and
    # assigned_par 24 pending, inspection_result 10 exempt); + claim 1.25 = 58.25 of 61
    # → 0.95491… → 95.49, "Xuất sắc".
    score = score_unit(
        METHODOLOGY,
        block="phong_so",
        answers=at_target(model_claim="1.25", model_explanation=EXPLANATION),
    )
    assert model(score).points == D("1.25")
    assert (score.points, score.max_points, score.index, score.band) == (
        D("58.25"),
        D(61),
        D("95.49"),
        "Xuất sắc",
    )
