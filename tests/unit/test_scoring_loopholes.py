"""No criterion can be gamed by leaving it out (issue 10), on the shipped form and methodology.

The rules under test, from the domain notes:

- "Data a unit leaves out must never raise its index; criteria only the office can score
  are pending until scored, not zero."
- "The office inspects CCHC at half of the affiliated units each year, in two rounds …
  the others are not penalised for the office's schedule."

The properties draw whole reports from the shipped form (every value within its field's
type and bounds, the form's cross-field rules kept). The worked examples use the shipped
2025 methodology; their expected numbers are literals computed on paper from
bot/scoring/methodology_2025.toml, never by the code under test:

  criteria for every block        task_completion 12, self_inspection 3, report_quality 5
                                  (appraisal), satisfaction 8, propaganda 3, news_articles 3,
                                  initiatives_proposed 3, recognised_model 4 (self),
                                  feedback_rate 4, staff_training 5, disbursement 5,
                                  e_documents 6, iso 5, inspection_result 10 (appraisal,
                                  only_inspected)                                     = 76
  phong_gd, truc_thuoc, trung_tam online_rate 10, on_time_rate 10,
                                  full_online_services 4                              = 24
  phong_so                        assigned_par 24 (appraisal)                         = 24

A school at every computed target (tests.unit.test_scoring.at_target) scores 81 computed
points: 12+3+8+3+3+3+10+10+4+5+5+6+4+5; a division (phong_so) 81 − 24 = 57.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from bot.forms.answers import broken_rules, missing_required
from bot.forms.schema import FieldSpec, FormSpec
from bot.scoring.engine import CriterionScore, UnitScore, score_unit
from bot.scoring.methodology import Methodology
from tests.rules import BOOK, TEST_FORM, TEST_METHODOLOGY
from tests.unit.test_scoring import at_target

FORM = TEST_FORM
METHODOLOGY = TEST_METHODOLOGY
BLOCKS = ("phong_so", "phong_gd", "truc_thuoc", "trung_tam")
D = Decimal


# Those the form lets a unit skip: the place a skip could pay, were it to.
def scored_inputs(methodology: Methodology) -> tuple[str, ...]:
    """The report fields some criterion scores (an applies_if question is not an input:
    the loader requires it to be a required Có/Không question)."""
    return tuple(dict.fromkeys(key for c in methodology.criteria for key in c.inputs))


OPTIONAL_SCORED = tuple(k for k in scored_inputs(METHODOLOGY) if not FORM.field(k).required)
INSPECTION = next(c for c in METHODOLOGY.criteria if c.only_inspected)

FILE = {
    "file_id": "F1",
    "file_unique_id": "U1",
    "file_name": "tai-lieu.pdf",
    "mime_type": "application/pdf",
    "file_size": 1000,
}
TEXTS = ("Đã thực hiện theo kế hoạch.", "Mô hình được Sở công nhận ngày 10/03/2025.")


def line(score: UnitScore, key: str) -> CriterionScore:
    return next(c for c in score.criteria if c.key == key)


def _value(field: FieldSpec) -> st.SearchStrategy[Any]:
    """A stored answer for ``field``, within its type and bounds, as a report stores it."""
    upper = field.upper_bound if field.upper_bound is not None else D(10**6)
    if field.type == "integer":
        return st.integers(min_value=int(field.lower_bound), max_value=int(upper))
    if field.type in ("decimal", "percent"):
        number = st.decimals(min_value=field.lower_bound, max_value=upper, places=2)
        return number.map(lambda d: str(abs(d)))  # never a "-0.00"
    if field.type == "yesno":
        return st.booleans()
    if field.type == "choice":
        return st.sampled_from([choice.key for choice in field.choices])
    if field.type == "file":
        return st.just(dict(FILE))
    assert field.type == "text", field.type
    return st.sampled_from(TEXTS)


def _keep_rules(form: FormSpec, answers: dict[str, Any]) -> dict[str, Any]:
    """Make each comparison rule of the form hold, in the form's order: lower the left
    side of a "≤" rule (cap in order); share the left side of an "==" rule out over the
    right side (the 2026 dossiers: carried + received = resolved + in progress)."""

    def put(key: str, value: Decimal) -> None:
        answers[key] = int(value) if form.field(key).type == "integer" else str(value)

    for rule in form.rules:
        if rule.is_requirement:
            continue
        if rule.op == "<=":
            room = sum((D(str(answers[k])) for k in rule.right), D(0))
            for key in rule.left:
                value = min(D(str(answers[key])), room)
                put(key, value)
                room -= value
        elif rule.op == "==":
            left = sum((D(str(answers[k])) for k in rule.left), D(0))
            for key in rule.right:
                upper = form.field(key).upper_bound or left
                value = left if key == rule.right[-1] else min(D(str(answers[key])), left)
                put(key, min(value, upper))
                left -= min(value, upper)
            assume(left == 0)
    return answers


@st.composite
def valid_answers(draw: st.DrawFn, form: FormSpec = FORM) -> dict[str, Any]:
    """A whole report the form would accept, every optional question answered."""
    answers = _keep_rules(form, {f.key: draw(_value(f)) for f in form.fields})
    assume(not broken_rules(form, answers))
    assert not missing_required(form, answers)
    return answers


appraisals_strategy = st.dictionaries(
    st.sampled_from([c.key for c in METHODOLOGY.criteria]),
    st.decimals(min_value=-5, max_value=30, places=2),
    max_size=6,
)


def _left_out(answers: dict[str, Any], key: str, how: str) -> dict[str, Any]:
    changed = dict(answers)
    if how == "delete":
        del changed[key]
    elif how == "skip":
        changed[key] = None
    else:  # a value the engine cannot read counts as unanswered
        changed[key] = "không rõ"
    return changed


# ---------------------------------------------------------------------------
# a. Leaving an answer out never raises the index
# ---------------------------------------------------------------------------


def test_the_form_lets_units_skip_scored_questions() -> None:
    # The property below would be empty otherwise; the satisfaction rate and the
    # disbursement rate are the optional questions the methodology scores.
    for key in ("satisfaction", "disbursement"):
        assert set(METHODOLOGY.criterion(key).inputs) <= set(OPTIONAL_SCORED)
    assert all(key in FORM.index for key in scored_inputs(METHODOLOGY))


@pytest.mark.parametrize("year", BOOK.years)
@settings(max_examples=150, deadline=None)
@given(
    data=st.data(),
    block=st.sampled_from(BLOCKS),
    appraisals=appraisals_strategy,
    inspected=st.booleans(),
)
def test_skipping_an_optional_scored_question_never_raises_the_index(
    year: int,
    data: st.DataObject,
    block: str,
    appraisals: dict[str, Decimal],
    inspected: bool,
) -> None:
    # "Data a unit leaves out must never raise its index", in every year's form.
    form, methodology = BOOK.form(year), BOOK.methodology(year)
    answers = data.draw(valid_answers(form))
    answered = score_unit(
        methodology, block=block, answers=answers, appraisals=appraisals, inspected=inspected
    )
    optional = [key for key in scored_inputs(methodology) if not form.field(key).required]
    for key in optional:
        for how in ("skip", "delete"):
            skipped = score_unit(
                methodology,
                block=block,
                answers=_left_out(answers, key, how),
                appraisals=appraisals,
                inspected=inspected,
            )
            assert skipped.index <= answered.index, (key, how)
            assert skipped.points <= answered.points, (key, how)
            # A skip takes nothing out of the maximum and leaves the office's part alone.
            assert skipped.max_points >= answered.max_points, (key, how)
            assert skipped.pending_points == answered.pending_points, (key, how)
            assert skipped.declined_points <= answered.declined_points, (key, how)


@pytest.mark.parametrize("year", BOOK.years)
@settings(max_examples=100, deadline=None)
@given(
    data=st.data(),
    block=st.sampled_from(BLOCKS),
    appraisals=appraisals_strategy,
    inspected=st.booleans(),
)
def test_any_scored_answer_missing_or_unreadable_never_raises_the_index(
    year: int,
    data: st.DataObject,
    block: str,
    appraisals: dict[str, Decimal],
    inspected: bool,
) -> None:
    # A required answer cannot be skipped in the form, but an older or hand-edited report
    # can lack it or hold something unreadable: that must not pay either.
    form, methodology = BOOK.form(year), BOOK.methodology(year)
    answers = data.draw(valid_answers(form))
    answered = score_unit(
        methodology, block=block, answers=answers, appraisals=appraisals, inspected=inspected
    )
    for key in scored_inputs(methodology):
        for how in ("delete", "unreadable"):
            damaged = score_unit(
                methodology,
                block=block,
                answers=_left_out(answers, key, how),
                appraisals=appraisals,
                inspected=inspected,
            )
            assert damaged.index <= answered.index, (key, how)
            assert damaged.points <= answered.points, (key, how)


@settings(max_examples=150, deadline=None)
@given(
    answers=valid_answers(),
    block=st.sampled_from(BLOCKS),
    appraisals=appraisals_strategy,
    inspection=st.decimals(min_value=0, max_value=10, places=2),
)
def test_a_unit_outside_the_inspection_plan_is_not_penalised(
    answers: dict[str, Any], block: str, appraisals: dict[str, Decimal], inspection: Decimal
) -> None:
    # "… the others are not penalised for the office's schedule."
    others = {k: v for k, v in appraisals.items() if k != INSPECTION.key}
    outside = score_unit(METHODOLOGY, block=block, answers=answers, appraisals=others)
    exempt = line(outside, INSPECTION.key)
    assert (exempt.state, exempt.points, exempt.appraised) == ("exempt", None, False)
    # An inspection score sent for a unit outside the plan changes nothing.
    assert (
        score_unit(
            METHODOLOGY,
            block=block,
            answers=answers,
            appraisals={**others, INSPECTION.key: inspection},
        )
        == outside
    )
    # Inspected but not yet scored: pending, so the same index, over a larger full maximum.
    waiting = score_unit(
        METHODOLOGY, block=block, answers=answers, appraisals=others, inspected=True
    )
    assert line(waiting, INSPECTION.key).state == "pending"
    assert (waiting.index, waiting.points, waiting.max_points) == (
        outside.index,
        outside.points,
        outside.max_points,
    )
    assert waiting.pending_points == outside.pending_points + INSPECTION.max_points
    assert waiting.provisional
    # Inspected and scored 0: the maximum the uninspected unit is spared, and no better.
    failed = score_unit(
        METHODOLOGY,
        block=block,
        answers=answers,
        appraisals={**others, INSPECTION.key: D(0)},
        inspected=True,
    )
    assert failed.max_points == outside.max_points + INSPECTION.max_points
    assert failed.points == outside.points
    assert failed.index <= outside.index
    # Inspected and scored in full: never below the uninspected index.
    full = score_unit(
        METHODOLOGY,
        block=block,
        answers=answers,
        appraisals={**others, INSPECTION.key: INSPECTION.max_points},
        inspected=True,
    )
    assert full.index >= outside.index >= failed.index


# ---------------------------------------------------------------------------
# b. A zero denominator is not full marks
# ---------------------------------------------------------------------------


def test_zero_planned_tasks_is_not_full_marks() -> None:
    # The form asks for at least 1 planned task (the quarterly CCHC report is one); a
    # stored 0 from elsewhere scores task_completion 0 with its 12 points kept:
    # 81 − 12 = 69 of 85 → 0.81176… → 81.18, the same as planning 1 and completing 0.
    assert FORM.field("tasks_planned").lower_bound >= 1
    none = score_unit(
        METHODOLOGY, block="truc_thuoc", answers=at_target(tasks_planned=0, tasks_completed=0)
    )
    task = line(none, "task_completion")
    assert (task.state, task.points) == ("scored", D(0))
    assert task.detail == "Không phát sinh (mẫu số bằng 0): 0 điểm"
    assert (none.points, none.max_points, none.index) == (D("69.00"), D(85), D("81.18"))
    assert none.lost()["task_completion"] == D(12)
    assert none.declined() == {}
    idle = score_unit(
        METHODOLOGY, block="truc_thuoc", answers=at_target(tasks_planned=1, tasks_completed=0)
    )
    assert idle.index == D("81.18")
    # Completing the one planned task: 81 of 85 → 95.29.
    done = score_unit(
        METHODOLOGY, block="truc_thuoc", answers=at_target(tasks_planned=1, tasks_completed=1)
    )
    assert done.index == D("95.29")


def test_zero_dossiers_received_is_not_full_marks() -> None:
    # No dossier received (so none online, none resolved): online_rate and on_time_rate
    # are "không phát sinh", out of the maximum and listed for the office's review.
    # Points 81 − 10 − 10 = 61 of 85 − 20 = 65 → 0.93846… → 93.85; had they scored 0:
    # 61 / 85 = 0.71764… → 71.76.
    answers = at_target(
        dossiers_received=0, dossiers_online=0, dossiers_on_time=0, dossiers_late=0
    )
    score = score_unit(METHODOLOGY, block="truc_thuoc", answers=answers)
    online = line(score, "online_rate")
    assert (online.state, online.points, online.applicable) == ("not_applicable", None, False)
    assert online.detail == "Không phát sinh (mẫu số bằng 0): không áp dụng"
    assert score.declined() == {"online_rate": D(10), "on_time_rate": D(10)}
    assert score.declined_points == D(20)
    assert (score.points, score.max_points, score.index) == (D("61.00"), D(65), D("93.85"))
    assert score.index_counting_declined() == D("71.76")
    assert score.index_counting_declined() <= score.index
    assert "online_rate" not in score.lost()


def test_zero_feedback_received_is_declined_not_full_marks() -> None:
    # feedback_rate 0/0: out (4), listed. 81 − 4 = 77 of 81 → 0.95061… → 95.06;
    # counted as 0: 77 / 85 = 0.90588… → 90.59.
    answers = at_target(feedback_received=0, feedback_on_time=0)
    score = score_unit(METHODOLOGY, block="phong_gd", answers=answers)
    assert line(score, "feedback_rate").points is None
    assert score.declined() == {"feedback_rate": D(4)}
    assert (score.points, score.max_points, score.index) == (D("77.00"), D(81), D("95.06"))
    assert score.index_counting_declined() == D("90.59")


# ---------------------------------------------------------------------------
# c. What only the office scores is pending, not zero
# ---------------------------------------------------------------------------


def test_a_division_waits_for_the_office() -> None:
    # phong_so, full maximum 76 + 24 = 100; not inspected this year, so inspection_result
    # (10) is exempt: 90. report_quality (5) and assigned_par (24) await the office:
    # pending 29, maximum so far 90 − 29 = 61. Points 57 → 57 / 61 = 0.93442… → 93.44.
    score = score_unit(METHODOLOGY, block="phong_so", answers=at_target())
    for key in ("report_quality", "assigned_par"):
        waiting = line(score, key)
        assert (waiting.state, waiting.points, waiting.applicable) == ("pending", None, False)
        assert waiting.detail == "Chờ Văn phòng Sở chấm điểm: chưa tính vào chỉ số tạm tính"
    assert "assigned_par" not in score.lost()
    assert (score.points, score.max_points, score.index) == (D("57.00"), D(61), D("93.44"))
    assert (score.pending_points, score.full_max, score.provisional) == (D(29), D(90), True)
    # One appraised (assigned_par 20): 77 of 61 + 24 = 85 → 0.90588… → 90.59, still
    # provisional over 85 of 90.
    one = score_unit(
        METHODOLOGY, block="phong_so", answers=at_target(), appraisals={"assigned_par": D(20)}
    )
    assert (one.points, one.max_points, one.index) == (D("77.00"), D(85), D("90.59"))
    assert (one.pending_points, one.full_max, one.provisional) == (D(5), D(90), True)
    # Both appraised (report_quality 3, assigned_par 20): 80 of 90 → 0.88888… → 88.89.
    both = score_unit(
        METHODOLOGY,
        block="phong_so",
        answers=at_target(),
        appraisals={"report_quality": D(3), "assigned_par": D(20)},
    )
    assert (both.points, both.max_points, both.index) == (D("80.00"), D(90), D("88.89"))
    assert (both.pending_points, both.full_max, both.provisional) == (D(0), D(90), False)
    assert line(both, "report_quality").state == "scored"


def test_an_inspected_division_waits_for_three_scores() -> None:
    # Inspected: inspection_result (10) is pending too: pending 39, maximum so far 61,
    # full maximum 100. With the two appraisals above: 80 of 90 → 88.89, still
    # provisional; with inspection_result 7 as well: 87 of 100 → 87.00.
    waiting = score_unit(METHODOLOGY, block="phong_so", answers=at_target(), inspected=True)
    assert (waiting.max_points, waiting.index) == (D(61), D("93.44"))
    assert (waiting.pending_points, waiting.full_max) == (D(39), D(100))
    office = {"report_quality": D(3), "assigned_par": D(20)}
    two = score_unit(
        METHODOLOGY, block="phong_so", answers=at_target(), appraisals=office, inspected=True
    )
    assert (two.points, two.max_points, two.index) == (D("80.00"), D(90), D("88.89"))
    assert (two.pending_points, two.full_max, two.provisional) == (D(10), D(100), True)
    three = score_unit(
        METHODOLOGY,
        block="phong_so",
        answers=at_target(),
        appraisals={**office, "inspection_result": D(7)},
        inspected=True,
    )
    assert (three.points, three.max_points, three.index) == (D("87.00"), D(100), D("87.00"))
    assert (three.pending_points, three.full_max, three.provisional) == (D(0), D(100), False)


def test_the_order_the_office_works_in_does_not_rank_units() -> None:
    # Two divisions with the same report: the office has appraised report_quality at 5/5
    # for the second, not yet for the first (assigned_par waits for both). Pending is out
    # of the maximum: 57 of 61 → 93.44 against 62 of 66 → 0.93939… → 93.94. Scored 0
    # while waiting, the first would read 57 of 66 → 0.86363… → 86.36, behind for the
    # office's order of work alone.
    first = score_unit(METHODOLOGY, block="phong_so", answers=at_target())
    second = score_unit(
        METHODOLOGY, block="phong_so", answers=at_target(), appraisals={"report_quality": D(5)}
    )
    assert (first.points, first.max_points, first.index) == (D("57.00"), D(61), D("93.44"))
    assert (second.points, second.max_points, second.index) == (D("62.00"), D(66), D("93.94"))
    # An appraisal of 0 is a score, not a wait: 57 of 61 + 24 = 85 → 0.67058… → 67.06.
    nought = score_unit(
        METHODOLOGY, block="phong_so", answers=at_target(), appraisals={"assigned_par": D(0)}
    )
    assert (nought.points, nought.max_points, nought.index) == (D("57.00"), D(85), D("67.06"))
    assert line(nought, "assigned_par").state == "scored"


# ---------------------------------------------------------------------------
# d. Inspected or not: the office's schedule
# ---------------------------------------------------------------------------


def test_uninspected_waiting_and_inspected_schools() -> None:
    # A school at every target, report_quality appraised 5: 81 + 5 = 86 points.
    office = {"report_quality": D(5)}
    # Not in this year's plan: inspection_result exempt, 86 of 90 → 0.95555… → 95.56,
    # final (nothing pending).
    outside = score_unit(METHODOLOGY, block="truc_thuoc", answers=at_target(), appraisals=office)
    assert line(outside, "inspection_result").state == "exempt"
    assert (outside.points, outside.max_points, outside.index) == (D("86.00"), D(90), D("95.56"))
    assert (outside.pending_points, outside.full_max, outside.provisional) == (
        D(0),
        D(90),
        False,
    )
    # In the plan, not yet inspected: the same 95.56, provisional over 90 of 100.
    waiting = score_unit(
        METHODOLOGY, block="truc_thuoc", answers=at_target(), appraisals=office, inspected=True
    )
    assert line(waiting, "inspection_result").state == "pending"
    assert (waiting.points, waiting.max_points, waiting.index) == (D("86.00"), D(90), D("95.56"))
    assert (waiting.pending_points, waiting.full_max, waiting.provisional) == (
        D(10),
        D(100),
        True,
    )
    # Inspected, scored 10/10: 96 of 100 → 96.00.
    passed = score_unit(
        METHODOLOGY,
        block="truc_thuoc",
        answers=at_target(),
        appraisals={**office, "inspection_result": D(10)},
        inspected=True,
    )
    assert (passed.points, passed.max_points, passed.index) == (D("96.00"), D(100), D("96.00"))
    assert not passed.provisional
    assert line(passed, "inspection_result").detail == "Văn phòng Sở thẩm định: 10/10 điểm"
    # Inspected, scored 0/10: 86 of 100 → 86.00, below the school outside the plan.
    failed = score_unit(
        METHODOLOGY,
        block="truc_thuoc",
        answers=at_target(),
        appraisals={**office, "inspection_result": D(0)},
        inspected=True,
    )
    assert (failed.points, failed.max_points, failed.index) == (D("86.00"), D(100), D("86.00"))
    # An inspection score entered for a school outside the plan stays out: 95.56.
    stray = score_unit(
        METHODOLOGY,
        block="truc_thuoc",
        answers=at_target(),
        appraisals={**office, "inspection_result": D(10)},
    )
    assert line(stray, "inspection_result").state == "exempt"
    assert not line(stray, "inspection_result").appraised
    assert stray.index == D("95.56")
