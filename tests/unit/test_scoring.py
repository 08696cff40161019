"""The scoring engine against the shipped 2025 methodology, with every figure worked by hand.

The shipped criteria (max points; "—" = block-limited to phong_gd, truc_thuoc, trung_tam;
"*" = phong_so only):

  task_completion 12   tasks_completed / tasks_planned, linear to 100 %, 0 planned = 0 points
  self_inspection 3    inspections, linear to 1
  report_quality 5     appraisal: pending (out of points and maximum) until appraised
  satisfaction 8       sipas_rate %, linear to 90 %; applies_if survey_done
  assigned_par 24 *    appraisal: pending until appraised
  propaganda 3         propaganda_events, steps 1→1, 2→2, 3→3
  news_articles 3      articles, linear to 3
  initiatives_proposed 3  initiatives, linear to 1
  recognised_model 4   self: model_claim, backed by model_evidence or model_explanation
  online_rate 10 —     dossiers_online / dossiers_received, linear to 0.9, 0/0 = n/a
  on_time_rate 10 —    on_time / (on_time + late), steps .8→4 .9→6 .95→8 1→10, 0/0 = n/a
  feedback_rate 4      feedback_on_time / feedback_received, linear to 1, 0/0 = n/a
  staff_training 5     staff_trained / staff_total, linear to 0.3, 0/0 = 0 points
  disbursement 5       budget_disbursed %, linear to 100 %; applies_if investment_assigned
  e_documents 6        e_documents_rate %, linear to 90 %
  full_online_services 4 —  services_full_online, linear to 2
  iso 5                iso_applied yes/no
  inspection_result 10 appraisal, inspected units only: exempt (out) at a unit not
                       inspected this year, pending at an inspected one until appraised

A skipped or unreadable answer scores 0 with the criterion's maximum kept (no criterion
has a "missing" setting any more). "n/a" (không phát sinh) and a "Không" to a criterion's
applies_if question take it out of the maximum and list it in UnitScore.declined().

So a school at every computed target, not inspected this year and not yet appraised,
scores 81 (12+3+8+3+3+3+10+10+4+5+5+6+4+5) of 85 (100 − report_quality 5 pending −
inspection_result 10 exempt), recognised_model unclaimed at 0 of 4.

The expected numbers below are literals computed on paper, never by the code under test.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.scoring.engine import CriterionScore, UnitScore, score_unit
from tests.rules import TEST_FORM, TEST_METHODOLOGY

METHODOLOGY = TEST_METHODOLOGY
FORM = TEST_FORM
BLOCKS = ("phong_so", "phong_gd", "truc_thuoc", "trung_tam")
D = Decimal


def at_target(**changes: Any) -> dict[str, Any]:
    """A report that meets every computed target exactly, as a report stores it."""
    answers: dict[str, Any] = {
        "tasks_planned": 10,
        "tasks_completed": 10,
        "inspections": 1,
        "par_self_score": "85.5",
        "survey_done": True,
        "sipas_rate": "90",
        "propaganda_events": 3,
        "articles": 3,
        "initiatives": 1,
        "initiative_titles": "Sổ liên lạc điện tử",
        "dossiers_received": 100,
        "dossiers_online": 90,
        "dossiers_postal": None,
        "dossiers_on_time": 100,
        "dossiers_late": 0,
        "feedback_received": 4,
        "feedback_on_time": 4,
        "staff_total": 60,
        "staff_streamlined": 0,
        "staff_trained": 18,
        "autonomy_level": "partial",
        "investment_assigned": True,
        "budget_disbursed": "100",
        "services_full_online": 2,
        "services_partial_online": 5,
        "e_documents_rate": "90",
        "iso_applied": True,
        "highlights": "…",
        "shortcomings": "…",
        "next_quarter": "…",
        "requests": None,
        "signed_report": {"file_id": "F", "file_name": "bc.pdf", "file_size": 1000},
        "model_claim": None,
        "model_evidence": None,
        "model_explanation": None,
    }
    answers.update(changes)
    return answers


EVIDENCE = {"file_id": "E", "file_name": "quyet-dinh-cong-nhan.pdf", "file_size": 2000}
EXPLANATION = "Mô hình “Tuyển sinh trực tuyến” được UBND huyện công nhận, chờ quyết định."


def line(score: UnitScore, key: str) -> CriterionScore:
    return next(c for c in score.criteria if c.key == key)


# ---------------------------------------------------------------------------
# Whole units, worked by hand
# ---------------------------------------------------------------------------


def test_school_at_every_target_loses_only_its_unclaimed_model() -> None:
    # Computed criteria all full: 12+3+8+3+3+3+10+10+4+5+5+6+4+5 = 81.
    # Unclaimed recognised_model (4) scores 0 within the maximum. report_quality (5) awaits
    # the office: pending, out of points and maximum. inspection_result (10): the school
    # is not in this year's inspection plan, so exempt. 81 / (100 − 5 − 10 = 85)
    # = 0.95294… → 95.29, "Xuất sắc", provisional over 85 of 90 points.
    score = score_unit(METHODOLOGY, block="truc_thuoc", answers=at_target())
    assert score.points == D("81.00")
    assert score.max_points == D(85)
    assert score.index == D("95.29")
    assert score.band == "Xuất sắc"
    assert (score.pending_points, score.full_max, score.provisional) == (D(5), D(90), True)
    assert (score.declined_points, score.declined()) == (D(0), {})
    assert score.lost() == {
        "task_completion": D(0),
        "self_inspection": D(0),
        "satisfaction": D(0),
        "propaganda": D(0),
        "news_articles": D(0),
        "initiatives_proposed": D(0),
        "recognised_model": D(4),
        "online_rate": D(0),
        "on_time_rate": D(0),
        "feedback_rate": D(0),
        "staff_training": D(0),
        "disbursement": D(0),
        "e_documents": D(0),
        "full_online_services": D(0),
        "iso": D(0),
    }
    # assigned_par belongs to phong_so only: listed, but exempt.
    par = line(score, "assigned_par")
    assert (par.state, par.applicable, par.points) == ("exempt", False, None)
    assert par.detail == "Không áp dụng đối với khối của đơn vị"
    quality = line(score, "report_quality")
    assert (quality.state, quality.applicable, quality.points) == ("pending", False, None)
    assert quality.detail == "Chờ Văn phòng Sở chấm điểm: chưa tính vào chỉ số tạm tính"
    inspection = line(score, "inspection_result")
    assert (inspection.state, inspection.points) == ("exempt", None)
    assert inspection.detail == ("Đơn vị không thuộc kế hoạch kiểm tra của Sở năm nay: không tính")
    assert line(score, "task_completion").state == "scored"


def test_inspected_school_at_every_target_waits_for_two_appraisals() -> None:
    # Inspected this year: inspection_result is pending too. Points 81 of 85 → 95.29 as
    # above; pending 5 + 10 = 15, so the full maximum is 85 + 15 = 100.
    score = score_unit(METHODOLOGY, block="truc_thuoc", answers=at_target(), inspected=True)
    assert (score.points, score.max_points, score.index) == (D("81.00"), D(85), D("95.29"))
    assert (score.pending_points, score.full_max, score.provisional) == (D(15), D(100), True)
    inspection = line(score, "inspection_result")
    assert (inspection.state, inspection.points) == ("pending", None)


def test_school_at_every_target_appraised_and_claimed_in_full_scores_100() -> None:
    score = score_unit(
        METHODOLOGY,
        block="truc_thuoc",
        answers=at_target(model_claim="4", model_evidence=EVIDENCE),
        appraisals={"report_quality": D(5), "inspection_result": D(10)},
        inspected=True,
    )
    # 81 + 4 + 5 + 10 = 100 of 100, nothing pending.
    assert (score.points, score.index, score.band) == (D(100), D("100.00"), "Xuất sắc")
    assert (score.max_points, score.pending_points, score.provisional) == (D(100), D(0), False)
    assert score.full_max == D(100)
    assert line(score, "report_quality").appraised
    assert line(score, "report_quality").state == "scored"
    assert not line(score, "recognised_model").appraised
    assert line(score, "recognised_model").detail == (
        "Đơn vị tự chấm 4/4 điểm, có tài liệu kiểm chứng, chưa thẩm định"
    )


def test_school_with_no_dossiers_is_not_charged_for_procedures() -> None:
    # online_rate and on_time_rate: 0/0 → not applicable ("không phát sinh"), maximum
    # 85 − 20 = 65. full_online_services 0 of 2 → 0 (a count, still applicable).
    # Points 81 − 10 − 10 − 4 = 57; index 57 / 65 = 0.87692… → 87.69 → "Tốt".
    # Had the two been scored 0: 57 / 85 = 0.67058… → 67.06, for the office's review.
    answers = at_target(
        dossiers_received=0,
        dossiers_online=0,
        dossiers_on_time=0,
        dossiers_late=0,
        services_full_online=0,
    )
    score = score_unit(METHODOLOGY, block="truc_thuoc", answers=answers)
    assert score.max_points == D(65)
    assert score.points == D("57.00")
    assert score.index == D("87.69")
    assert score.band == "Tốt"
    online = line(score, "online_rate")
    assert (online.state, online.applicable, online.points) == ("not_applicable", False, None)
    assert online.detail == "Không phát sinh (mẫu số bằng 0): không áp dụng"
    assert "online_rate" not in score.lost()
    assert score.declined() == {"online_rate": D(10), "on_time_rate": D(10)}
    assert score.declined_points == D(20)
    assert score.index_counting_declined() == D("67.06")
    assert line(score, "full_online_services").points == D(0)


def test_division_of_the_department_skips_procedure_criteria() -> None:
    # phong_so: online_rate, on_time_rate, full_online_services (24) are out, assigned_par
    # (24, appraisal) is in. Points 81 − 24 = 57, + assigned_par appraised 18 = 75.
    # Max 100 − 24 + 24 = 100, less report_quality pending (5) and inspection_result
    # exempt (10): 85 → index 75 / 85 = 0.88235… → 88.24, "Tốt". The appraisal sent for
    # online_rate is ignored: the criterion is not part of this block's methodology.
    score = score_unit(
        METHODOLOGY,
        block="phong_so",
        answers=at_target(),
        appraisals={"assigned_par": D(18), "online_rate": D(10)},
    )
    assert score.max_points == D(85)
    assert score.points == D("75.00")
    assert score.index == D("88.24")
    assert score.band == "Tốt"
    assert (score.pending_points, score.full_max) == (D(5), D(90))
    for key in ("online_rate", "on_time_rate", "full_online_services"):
        excluded = line(score, key)
        assert (excluded.state, excluded.applicable, excluded.points, excluded.appraised) == (
            "exempt",
            False,
            None,
            False,
        )
    par = line(score, "assigned_par")
    assert (par.points, par.appraised) == (D(18), True)
    assert par.detail == "Văn phòng Sở thẩm định: 18/24 điểm"
    assert set(score.lost()) == {c.key for c in score.criteria} - {
        "online_rate",
        "on_time_rate",
        "full_online_services",
        "report_quality",
        "inspection_result",
    }


def test_division_without_any_appraisal() -> None:
    # Pending: report_quality 5 + assigned_par 24 = 29; inspection_result exempt (10).
    # 57 of 100 − 29 − 10 = 61 → 0.93442… → 93.44, "Xuất sắc", provisional over 61/90.
    score = score_unit(METHODOLOGY, block="phong_so", answers=at_target())
    assert (score.points, score.max_points, score.index, score.band) == (
        D("57.00"),
        D(61),
        D("93.44"),
        "Xuất sắc",
    )
    assert (score.pending_points, score.full_max, score.provisional) == (D(29), D(90), True)


def test_appraisal_overrides_a_computed_criterion() -> None:
    # online_rate computed 10, appraised 7: 81 − 10 + 7 = 78 of 85 → 0.91764… → 91.76.
    score = score_unit(
        METHODOLOGY, block="truc_thuoc", answers=at_target(), appraisals={"online_rate": D(7)}
    )
    assert score.points == D("78.00")
    assert score.max_points == D(85)
    assert score.index == D("91.76")
    online = line(score, "online_rate")
    assert (online.points, online.appraised, online.source) == (D(7), True, "computed")
    assert online.detail == "Văn phòng Sở thẩm định: 7/10 điểm (trước thẩm định: 10 điểm)"


def test_appraisal_makes_a_not_applicable_criterion_count() -> None:
    # No dossiers: max 65, points 57 (see above). The office appraises on_time_rate at 6:
    # max 75, points 63 → 84.00; only online_rate is still declined.
    answers = at_target(
        dossiers_received=0,
        dossiers_online=0,
        dossiers_on_time=0,
        dossiers_late=0,
        services_full_online=0,
    )
    score = score_unit(
        METHODOLOGY, block="truc_thuoc", answers=answers, appraisals={"on_time_rate": D(6)}
    )
    assert (score.points, score.max_points, score.index) == (D("63.00"), D(75), D("84.00"))
    on_time = line(score, "on_time_rate")
    assert (on_time.state, on_time.appraised) == ("scored", True)
    assert on_time.detail == "Văn phòng Sở thẩm định: 6/10 điểm (trước thẩm định: không áp dụng)"
    assert score.declined() == {"online_rate": D(10)}


def test_appraisal_overrides_a_claim_and_is_clamped() -> None:
    # Claimed 4 on recognised_model, appraised 2.5 → 2.5. iso appraised 15 → clamped to 5
    # (no change); e_documents appraised −3 → 0 (lose 6). 81 + 5 (report_quality)
    # + 2.5 − 6 = 82.50, of 100 − inspection_result exempt 10 = 90 → 0.91666… → 91.67.
    score = score_unit(
        METHODOLOGY,
        block="truc_thuoc",
        answers=at_target(model_claim="4", model_explanation=EXPLANATION),
        appraisals={
            "recognised_model": D("2.5"),
            "iso": D(15),
            "e_documents": D(-3),
            "report_quality": D(5),
            "not_a_criterion": D(99),
        },
    )
    assert line(score, "recognised_model").points == D("2.50")
    assert line(score, "recognised_model").claimed == D(4)
    assert line(score, "iso").points == D(5)
    assert line(score, "e_documents").points == D(0)
    assert score.points == D("82.50")
    assert (score.max_points, score.provisional) == (D(90), False)
    assert score.index == D("91.67")


def test_a_unit_with_middling_numbers() -> None:
    # task_completion      7/9 → 12 × 7/9 = 9.333…                  → 9.33
    # self_inspection      0 of 1                                    → 0
    # report_quality       appraised                                 → 3.50
    # satisfaction         85.5 % → 8 × 85.5/90 = 7.6                → 7.60
    # propaganda           2 events → step 2                         → 2
    # news_articles        1 of 3 → 3 × 1/3                          → 1.00
    # initiatives_proposed 0                                         → 0
    # recognised_model     claimed                                   → 2
    # online_rate          720/900 = 0.8 → 10 × 0.8/0.9 = 8.888…     → 8.89
    # on_time_rate         171/(171+9) = 0.95 → step 0.95            → 8
    # feedback_rate        2/3 → 4 × 2/3 = 2.666…                    → 2.67
    # staff_training       7/50 = 0.14 → 5 × 0.14/0.3 = 2.333…       → 2.33
    # disbursement         skipped → 0, maximum kept                 → 0
    # e_documents          72.5 % → 6 × 72.5/90 = 4.833…             → 4.83
    # full_online_services 1 of 2 → 4 × 1/2                          → 2.00
    # iso                  no                                        → 0
    # inspection_result    inspected and appraised                   → 8.25
    # Sum 62.40 of 100 → 62.40, "Trung bình". (Before, skipping disbursement took it out
    # of the maximum: 62.40 of 95 = 65.68, "Khá" — skipping paid.)
    answers = at_target(
        tasks_planned=9,
        tasks_completed=7,
        inspections=0,
        sipas_rate="85.5",
        propaganda_events=2,
        articles=1,
        initiatives=0,
        dossiers_received=900,
        dossiers_online=720,
        dossiers_on_time=171,
        dossiers_late=9,
        feedback_received=3,
        feedback_on_time=2,
        staff_total=50,
        staff_trained=7,
        budget_disbursed=None,
        e_documents_rate="72.5",
        services_full_online=1,
        iso_applied=False,
        model_claim="2",
        model_evidence=EVIDENCE,
    )
    score = score_unit(
        METHODOLOGY,
        block="truc_thuoc",
        answers=answers,
        appraisals={"report_quality": D("3.5"), "inspection_result": D("8.25")},
        inspected=True,
    )
    expected = {
        "task_completion": D("9.33"),
        "self_inspection": D(0),
        "report_quality": D("3.50"),
        "satisfaction": D("7.60"),
        "propaganda": D(2),
        "news_articles": D("1.00"),
        "initiatives_proposed": D(0),
        "recognised_model": D(2),
        "online_rate": D("8.89"),
        "on_time_rate": D(8),
        "feedback_rate": D("2.67"),
        "staff_training": D("2.33"),
        "disbursement": D(0),
        "e_documents": D("4.83"),
        "full_online_services": D("2.00"),
        "iso": D(0),
        "inspection_result": D("8.25"),
        "assigned_par": None,
    }
    assert {c.key: c.points for c in score.criteria} == expected
    assert score.points == D("62.40")
    assert score.max_points == D(100)
    assert score.index == D("62.40")
    assert score.band == "Trung bình"
    assert not score.provisional
    assert line(score, "online_rate").detail == "Tỷ lệ 80% (720/900), mục tiêu 90%"
    assert line(score, "on_time_rate").detail == "Tỷ lệ 95% (171/180), đạt bậc từ 95%"
    assert line(score, "satisfaction").detail == "Đạt 85,5%, mục tiêu 90%"
    assert line(score, "news_articles").detail == "Số lượng 1, mục tiêu 3"
    assert line(score, "iso").detail == "Không"
    assert (
        line(score, "disbursement").detail == "Báo cáo không có số liệu cho tiêu chí này: 0 điểm"
    )
    assert line(score, "disbursement").state == "scored"


def test_points_round_half_up_per_criterion() -> None:
    # feedback_rate 1/32 → 4 × 1/32 = 0.125 → 0.13 (half even would give 0.12).
    # task_completion 1/96 → 12 × 1/96 = 0.125 → 0.13.
    answers = at_target(
        feedback_received=32, feedback_on_time=1, tasks_planned=96, tasks_completed=1
    )
    score = score_unit(METHODOLOGY, block="truc_thuoc", answers=answers)
    assert line(score, "feedback_rate").points == D("0.13")
    assert line(score, "task_completion").points == D("0.13")
    # 81 − 4 − 12 + 0.13 + 0.13 = 65.26
    assert score.points == D("65.26")


def test_index_rounds_half_up() -> None:
    # An inspected school with both office criteria appraised 0 and no dossiers: max
    # 100 − 20 = 80, points 57. task_completion 1/96 → 0.13 instead of 12:
    # 45.13 of 80 → 56.4125 → 56.41.
    office = {"report_quality": D(0), "inspection_result": D(0)}
    answers = at_target(
        dossiers_received=0,
        dossiers_online=0,
        dossiers_on_time=0,
        dossiers_late=0,
        services_full_online=0,
        tasks_planned=96,
        tasks_completed=1,
    )
    score = score_unit(
        METHODOLOGY, block="truc_thuoc", answers=answers, appraisals=office, inspected=True
    )
    assert (score.max_points, score.index) == (D(80), D("56.41"))
    # feedback_rate 1/32 → 0.13 instead of 4: 41.26, and report_quality appraised 0.04:
    # 41.30 of 80 → 51.625 → 51.63 (half even would give 51.62).
    answers.update(feedback_received=32, feedback_on_time=1)
    score = score_unit(
        METHODOLOGY,
        block="truc_thuoc",
        answers=answers,
        appraisals={**office, "report_quality": D("0.04")},
        inspected=True,
    )
    assert score.points == D("41.30")
    assert score.index == D("51.63")


@pytest.mark.parametrize(
    ("inspection", "index", "band"),
    [
        ("4", "90.00", "Xuất sắc"),
        ("3.99", "89.99", "Tốt"),
        ("0", "86.00", "Tốt"),
    ],
)
def test_bands_at_their_exact_edges(inspection: str, index: str, band: str) -> None:
    # Inspected: 81 + report_quality 5 + inspection_result → points = index (max 100).
    score = score_unit(
        METHODOLOGY,
        block="truc_thuoc",
        answers=at_target(),
        appraisals={"report_quality": D(5), "inspection_result": D(inspection)},
        inspected=True,
    )
    assert score.index == D(index)
    assert score.band == band


@pytest.mark.parametrize(
    ("changes", "appraisals", "index", "band"),
    [
        # An inspected school; both office criteria appraised 0 unless the case says
        # otherwise. From 66 (81 − task_completion 12 − self_inspection 3), max 100:
        ({}, {"inspection_result": "10", "report_quality": "4"}, "80.00", "Tốt"),
        ({}, {"inspection_result": "10", "report_quality": "3.99"}, "79.99", "Khá"),
        # e_documents 6 × 75/90 = 5 (lose 1); 6 × 74.85/90 = 4.99 (lose 1.01).
        ({"e_documents_rate": "75"}, {}, "65.00", "Khá"),
        ({"e_documents_rate": "74.85"}, {}, "64.99", "Trung bình"),
        # online_rate 0 (lose 10) and e_documents 0 (lose 6): 50; on_time_rate at 9.99: 49.99.
        ({"dossiers_online": 0, "e_documents_rate": "0"}, {}, "50.00", "Trung bình"),
        (
            {"dossiers_online": 0, "e_documents_rate": "0"},
            {"on_time_rate": "9.99"},
            "49.99",
            "Yếu",
        ),
    ],
)
def test_bands_at_80_65_50(
    changes: dict[str, Any], appraisals: dict[str, str], index: str, band: str
) -> None:
    office = {"report_quality": "0", "inspection_result": "0", **appraisals}
    score = score_unit(
        METHODOLOGY,
        block="truc_thuoc",
        answers=at_target(tasks_completed=0, inspections=0, **changes),
        appraisals={k: D(v) for k, v in office.items()},
        inspected=True,
    )
    assert score.max_points == D(100)
    assert (score.index, score.band) == (D(index), band)


# ---------------------------------------------------------------------------
# Rules at their edges
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("on_time", "late", "points", "detail"),
    [
        (79, 21, "0", "Tỷ lệ 79% (79/100), chưa đạt bậc thấp nhất (từ 80%)"),
        (80, 20, "4", "Tỷ lệ 80% (80/100), đạt bậc từ 80%"),
        (89, 11, "4", "Tỷ lệ 89% (89/100), đạt bậc từ 80%"),
        (90, 10, "6", "Tỷ lệ 90% (90/100), đạt bậc từ 90%"),
        (94, 6, "6", "Tỷ lệ 94% (94/100), đạt bậc từ 90%"),
        (95, 5, "8", "Tỷ lệ 95% (95/100), đạt bậc từ 95%"),
        (999, 1, "8", "Tỷ lệ 99,9% (999/1.000), đạt bậc từ 95%"),
        (100, 0, "10", "Tỷ lệ 100% (100/100), đạt bậc từ 100%"),
        (0, 3, "0", "Tỷ lệ 0% (0/3), chưa đạt bậc thấp nhất (từ 80%)"),
    ],
)
def test_on_time_steps(on_time: int, late: int, points: str, detail: str) -> None:
    answers = at_target(
        dossiers_received=on_time + late, dossiers_on_time=on_time, dossiers_late=late
    )
    score = score_unit(METHODOLOGY, block="phong_gd", answers=answers)
    assert line(score, "on_time_rate").points == D(points)
    assert line(score, "on_time_rate").detail == detail


@pytest.mark.parametrize(("events", "points"), [(0, 0), (1, 1), (2, 2), (3, 3), (40, 3)])
def test_propaganda_steps(events: int, points: int) -> None:
    score = score_unit(METHODOLOGY, block="trung_tam", answers=at_target(propaganda_events=events))
    assert line(score, "propaganda").points == D(points)


@pytest.mark.parametrize(
    ("online", "points"),
    [(0, "0"), (45, "5.00"), (89, "9.89"), (90, "10"), (100, "10")],
)
def test_online_rate_is_linear_to_the_target(online: int, points: str) -> None:
    # 10 × (online/100) / 0.9: 45 → 5.00; 89 → 9.888… → 9.89; at or past 90 → 10.
    score = score_unit(METHODOLOGY, block="truc_thuoc", answers=at_target(dossiers_online=online))
    assert line(score, "online_rate").points == D(points)


def test_zero_denominator_policies() -> None:
    answers = at_target(
        tasks_planned=0, tasks_completed=0, feedback_received=0, feedback_on_time=0, staff_total=0
    )
    score = score_unit(METHODOLOGY, block="truc_thuoc", answers=answers)
    # task_completion: zero (0 planned is not full marks), maximum kept.
    assert line(score, "task_completion").points == D(0)
    assert line(score, "task_completion").detail == "Không phát sinh (mẫu số bằng 0): 0 điểm"
    # feedback_rate: not applicable, out of the maximum and listed for the office.
    feedback = line(score, "feedback_rate")
    assert (feedback.state, feedback.points) == ("not_applicable", None)
    assert feedback.detail == "Không phát sinh (mẫu số bằng 0): không áp dụng"
    assert score.declined() == {"feedback_rate": D(4)}
    assert line(score, "staff_training").points == D(0)  # zero
    assert line(score, "staff_training").detail == "Không phát sinh (mẫu số bằng 0): 0 điểm"
    # Points 81 − 12 − 4 − 5 = 60 of 85 − 4 = 81 → 0.74074… → 74.07; counting feedback_rate
    # as 0: 60 / 85 = 0.70588… → 70.59.
    assert (score.points, score.max_points, score.index) == (D("60.00"), D(81), D("74.07"))
    assert score.index_counting_declined() == D("70.59")


def test_skipped_answers_score_zero_with_the_maximum_kept() -> None:
    # "Data a unit leaves out must never raise its index."
    answers = at_target(sipas_rate=None, budget_disbursed=None, staff_trained=None)
    score = score_unit(METHODOLOGY, block="truc_thuoc", answers=answers)
    # satisfaction (8), disbursement (5) and staff_training (5) all score 0.
    for key in ("satisfaction", "disbursement", "staff_training"):
        skipped = line(score, key)
        assert (skipped.state, skipped.points) == ("scored", D(0)), key
        assert skipped.detail == "Báo cáo không có số liệu cho tiêu chí này: 0 điểm"
    assert score.declined() == {}
    # 81 − 8 − 5 − 5 = 63 of 85 → 0.74117… → 74.12
    assert (score.points, score.max_points, score.index) == (D("63.00"), D(85), D("74.12"))


def test_a_deleted_answer_scores_as_a_skipped_one() -> None:
    # A key absent from the stored answers (an older form) reads like None.
    answers = at_target()
    del answers["sipas_rate"], answers["budget_disbursed"], answers["staff_trained"]
    skipped = at_target(sipas_rate=None, budget_disbursed=None, staff_trained=None)
    assert score_unit(METHODOLOGY, block="truc_thuoc", answers=answers) == score_unit(
        METHODOLOGY, block="truc_thuoc", answers=skipped
    )


def test_a_unit_that_did_not_survey_says_so() -> None:
    # "Không" to survey_done: satisfaction (8) is not applicable, listed for the office.
    # 81 − 8 = 73 of 85 − 8 = 77 → 0.94805… → 94.81; counted as 0: 73 / 85 = 0.85882…
    # → 85.88. Answering "Có" and leaving the rate blank instead scores 0: 73 of 85.
    score = score_unit(
        METHODOLOGY, block="truc_thuoc", answers=at_target(survey_done=False, sipas_rate=None)
    )
    satisfaction = line(score, "satisfaction")
    assert (satisfaction.state, satisfaction.points) == ("not_applicable", None)
    assert satisfaction.detail.startswith("Đơn vị khai báo không áp dụng (")
    assert "“Không”" in satisfaction.detail
    assert (score.points, score.max_points, score.index) == (D("73.00"), D(77), D("94.81"))
    assert (score.declined(), score.declined_points) == ({"satisfaction": D(8)}, D(8))
    assert score.index_counting_declined() == D("85.88")
    blank = score_unit(
        METHODOLOGY, block="truc_thuoc", answers=at_target(survey_done=True, sipas_rate=None)
    )
    assert (blank.points, blank.max_points, blank.index) == (D("73.00"), D(85), D("85.88"))
    assert blank.declined() == {}


def test_the_declaration_decides_even_beside_a_rate() -> None:
    # "Không" to survey_done with a rate entered all the same: the unit's declaration
    # decides, the rate is not scored (73 of 77, as above).
    score = score_unit(
        METHODOLOGY, block="truc_thuoc", answers=at_target(survey_done=False, sipas_rate="95")
    )
    assert line(score, "satisfaction").state == "not_applicable"
    assert (score.points, score.max_points) == (D("73.00"), D(77))


def test_a_unit_without_investment_capital_and_survey_says_so() -> None:
    # Both declared: 81 − 8 − 5 = 68 of 85 − 13 = 72 → 0.94444… → 94.44; counted as 0:
    # 68 / 85 = 0.8 → 80.00.
    answers = at_target(
        survey_done=False, sipas_rate=None, investment_assigned=False, budget_disbursed=None
    )
    score = score_unit(METHODOLOGY, block="truc_thuoc", answers=answers)
    assert (score.points, score.max_points, score.index) == (D("68.00"), D(72), D("94.44"))
    assert score.declined() == {"satisfaction": D(8), "disbursement": D(5)}
    assert score.declined_points == D(13)
    assert score.index_counting_declined() == D("80.00")


def test_an_appraisal_overrides_a_declaration() -> None:
    # Declared no survey, the office appraises satisfaction 4: 73 + 4 = 77 of 85
    # → 0.90588… → 90.59; nothing declined any more.
    score = score_unit(
        METHODOLOGY,
        block="truc_thuoc",
        answers=at_target(survey_done=False, sipas_rate=None),
        appraisals={"satisfaction": D(4)},
    )
    satisfaction = line(score, "satisfaction")
    assert (satisfaction.state, satisfaction.points, satisfaction.appraised) == (
        "scored",
        D(4),
        True,
    )
    assert satisfaction.detail == (
        "Văn phòng Sở thẩm định: 4/8 điểm (trước thẩm định: không áp dụng)"
    )
    assert (score.points, score.max_points, score.index) == (D("77.00"), D(85), D("90.59"))
    assert score.declined() == {}


def test_no_declaration_on_record_is_no_declaration() -> None:
    # A stored report without the (required) question, say from before the form asked it:
    # only an explicit "Không" takes the criterion out, so it scores as usual (81 of 85).
    answers = at_target()
    del answers["survey_done"], answers["investment_assigned"]
    score = score_unit(METHODOLOGY, block="truc_thuoc", answers=answers)
    assert (line(score, "satisfaction").points, line(score, "disbursement").points) == (
        D(8),
        D(5),
    )
    assert (score.points, score.max_points, score.declined()) == (D("81.00"), D(85), {})


def test_unreadable_answers_count_as_unanswered() -> None:
    answers = at_target(iso_applied="có", articles="ba", sipas_rate=True)
    score = score_unit(METHODOLOGY, block="truc_thuoc", answers=answers)
    assert line(score, "iso").points == D(0)
    assert line(score, "news_articles").points == D(0)
    assert line(score, "satisfaction").points == D(0)
    assert (
        line(score, "satisfaction").detail == "Báo cáo không có số liệu cho tiêu chí này: 0 điểm"
    )
    # 81 − 5 − 3 − 8 = 65 of 85 → 0.76470… → 76.47
    assert (score.points, score.max_points, score.index) == (D("65.00"), D(85), D("76.47"))


def test_absurd_numbers_neither_crash_nor_score() -> None:
    answers = at_target(articles="1E+999999", dossiers_online=-5, sipas_rate="NaN")
    score = score_unit(METHODOLOGY, block="truc_thuoc", answers=answers)
    assert line(score, "news_articles").points == D(0)  # unreadable → missing → 0
    assert line(score, "online_rate").points == D(0)  # negative → clamped to 0
    assert line(score, "satisfaction").points == D(0)  # unreadable → missing → 0
    # 81 − 3 − 10 − 8 = 60 of 85 → 0.70588… → 70.59
    assert (score.points, score.max_points, score.index) == (D("60.00"), D(85), D("70.59"))


def test_empty_report_scores_zero_not_an_error() -> None:
    score = score_unit(METHODOLOGY, block="truc_thuoc", answers={})
    # Every computed or self criterion scores 0 with its maximum kept (a missing input is
    # not a zero denominator: no rate turns "không phát sinh"; no "Không" is on record,
    # so nothing is declared not applicable). Max 100 − report_quality
    # pending 5 − inspection_result exempt 10 = 85, points 0.
    assert (score.points, score.max_points, score.index, score.band) == (
        D(0),
        D(85),
        D("0.00"),
        "Yếu",
    )
    assert score.declined() == {}
    assert score.index_counting_declined() == D("0.00")


def test_unknown_block_gets_only_the_criteria_for_all_blocks() -> None:
    score = score_unit(METHODOLOGY, block="khac", answers=at_target())
    # Out: online_rate, on_time_rate, full_online_services (24) and assigned_par (24),
    # report_quality pending (5), inspection_result exempt (10).
    # Max 124 − 48 − 5 − 10 = 61; points 81 − 24 = 57; 57 / 61 = 0.93442… → 93.44.
    assert score.max_points == D(61)
    assert score.points == D("57.00")
    assert score.index == D("93.44")


def test_criteria_carry_their_field_group() -> None:
    score = score_unit(METHODOLOGY, block="truc_thuoc", answers=at_target())
    online = line(score, "online_rate")
    group = METHODOLOGY.group_of("online_rate")
    assert (online.field_key, online.field_title) == ("tthc", group.title)
    assert online.title == METHODOLOGY.criterion("online_rate").title
    assert [c.key for c in score.criteria] == [c.key for c in METHODOLOGY.criteria]


# ---------------------------------------------------------------------------
# Properties
# ---------------------------------------------------------------------------

_CLAIM_FIELDS = {"model_claim", "model_evidence", "model_explanation"}
_NUMERIC = {
    f.key: f
    for f in FORM.fields
    if f.type in ("integer", "decimal", "percent", "yesno") and f.key not in _CLAIM_FIELDS
}


def _answer(field_type: str, required: bool) -> st.SearchStrategy[Any]:
    if field_type == "integer":
        value: st.SearchStrategy[Any] = st.integers(min_value=0, max_value=5000)
    elif field_type == "yesno":
        value = st.booleans()
    else:
        value = st.decimals(min_value=0, max_value=100, places=2).map(str)
    return value if required else st.none() | value


answers_strategy = st.fixed_dictionaries(
    {key: _answer(f.type, f.required) for key, f in _NUMERIC.items()}
)
points_strategy = st.decimals(min_value=-20, max_value=40, places=2)
extra_strategy = st.dictionaries(
    st.sampled_from([c.key for c in METHODOLOGY.criteria]), points_strategy, max_size=5
)
# A claim as stored (a plain decimal string, even one a form would refuse), with or
# without its backing.
claim_strategy = st.fixed_dictionaries(
    {
        "model_claim": st.none() | points_strategy.map(str),
        "model_evidence": st.none() | st.just(EVIDENCE),
        "model_explanation": st.none() | st.sampled_from(["", "  ", EXPLANATION]),
    }
)


# No deadline: the property is about arithmetic, and a loaded machine must not fail it.
@settings(max_examples=300, deadline=None)
@given(
    block=st.sampled_from(BLOCKS),
    answers=answers_strategy,
    appraisals=extra_strategy,
    claims=claim_strategy,
    inspected=st.booleans(),
)
def test_index_within_bounds_and_points_never_exceed_max(
    block: str,
    answers: dict[str, Any],
    appraisals: dict[str, Decimal],
    claims: dict[str, Any],
    inspected: bool,
) -> None:
    score = score_unit(
        METHODOLOGY,
        block=block,
        answers={**answers, **claims},
        appraisals=appraisals,
        inspected=inspected,
    )
    assert D(0) <= score.index <= D(100)
    assert D(0) <= score.points <= score.max_points
    assert score.index == score.index.quantize(D("0.01"))
    assert score.band == METHODOLOGY.band(score.index)
    for c in score.criteria:
        assert c.applicable == (c.points is not None) == (c.state == "scored")
        if c.state == "pending":
            assert c.source == "appraisal"
            assert c.key not in appraisals
        if c.state == "exempt":
            criterion = METHODOLOGY.criterion(c.key)
            assert not criterion.applies_to(block) or (criterion.only_inspected and not inspected)
        if c.points is not None:
            assert D(0) <= c.points <= c.max_points
            assert c.points == c.points.quantize(D("0.01"))
        if c.claimed is not None:
            assert D(0) <= c.claimed <= c.max_points
            assert c.source == "self"
            if not c.appraised:
                assert c.points in (c.claimed, D(0))
    applicable = [c for c in score.criteria if c.points is not None]
    assert score.points == sum((c.points for c in applicable if c.points is not None), D(0))
    assert score.max_points == sum((c.max_points for c in applicable), D(0))
    assert all(v >= 0 for v in score.lost().values())
    by_state = {
        state: sum((c.max_points for c in score.criteria if c.state == state), D(0))
        for state in ("pending", "not_applicable")
    }
    assert (score.pending_points, score.declined_points) == (
        by_state["pending"],
        by_state["not_applicable"],
    )
    assert score.provisional == (score.pending_points > 0)
    assert score.full_max == score.max_points + score.pending_points
    assert score.index_counting_declined() <= score.index


@settings(max_examples=300)
@given(
    block=st.sampled_from(("phong_gd", "truc_thuoc", "trung_tam")),
    answers=answers_strategy,
    received=st.integers(min_value=0, max_value=5000),
    online=st.integers(min_value=0, max_value=5000),
    more=st.integers(min_value=1, max_value=5000),
)
def test_more_online_dossiers_never_lower_the_score(
    block: str, answers: dict[str, Any], received: int, online: int, more: int
) -> None:
    online = min(online, received)
    higher = min(online + more, received)
    before = score_unit(
        METHODOLOGY,
        block=block,
        answers={**answers, "dossiers_received": received, "dossiers_online": online},
    )
    after = score_unit(
        METHODOLOGY,
        block=block,
        answers={**answers, "dossiers_received": received, "dossiers_online": higher},
    )
    assert after.points >= before.points
    assert after.index >= before.index
    online_after = line(after, "online_rate").points
    online_before = line(before, "online_rate").points
    assert (online_after is None) == (online_before is None)
    assert (online_after or D(0)) >= (online_before or D(0))


@given(answers=answers_strategy, block=st.sampled_from(BLOCKS))
def test_scoring_is_deterministic(answers: dict[str, Any], block: str) -> None:
    assert score_unit(METHODOLOGY, block=block, answers=answers) == score_unit(
        METHODOLOGY, block=block, answers=dict(reversed(list(answers.items())))
    )
