"""Requirement rules (when / require_one_of): a self-assessed claim needs its backing.

The shipped form asks, for the self-assessed criterion recognised_model, after the signed
report: model_claim (decimal, 0–4), model_evidence (file), model_explanation (text), all
optional, with the rule: model_claim other than 0 needs model_evidence or
model_explanation.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from bot.forms.answers import (
    AnswerError,
    AnswerProblem,
    IncomingDocument,
    broken_rules,
    display_value,
    parse_document,
    parse_text_answer,
)
from bot.forms.schema import FormError, load_form
from bot.services import reporting as rs
from bot.services.container import Services
from bot.texts.answers import answer_error
from handlers.report import problem_text
from tests.form_steps import number
from tests.reports import bind, fill
from tests.rules import TEST_FORM

FORM = TEST_FORM
F = FORM.field
RULE = next(rule for rule in FORM.rules if rule.when == "model_claim")
CLAIM_NO, EVIDENCE_NO, EXPLANATION_NO = (
    number(key) for key in ("model_claim", "model_evidence", "model_explanation")
)
EVIDENCE = {"file_id": "E", "file_name": "quyet-dinh.pdf", "file_size": 2000}
EXPLANATION = "Mô hình được UBND huyện công nhận; quyết định đang chờ ban hành."


def test_shipped_form_asks_for_the_claim_after_the_signed_report() -> None:
    keys = [f.key for f in FORM.fields]
    assert keys[-4:] == ["signed_report", "model_claim", "model_evidence", "model_explanation"]
    claim, evidence, explanation = F("model_claim"), F("model_evidence"), F("model_explanation")
    assert (claim.type, claim.required, claim.upper_bound) == ("decimal", False, 4)
    assert (evidence.type, evidence.required) == ("file", False)
    assert set(evidence.accept) >= {"pdf", "doc", "docx", "jpg", "png"}
    assert (explanation.type, explanation.required) == ("text", False)
    assert RULE.when == "model_claim"
    assert RULE.require_one_of == ("model_evidence", "model_explanation")
    # Checked when an alternative is answered or skipped, never when the claim is.
    assert FORM.rules_for("model_claim") == ()
    assert FORM.rules_for("model_evidence") == FORM.rules_for("model_explanation") == (RULE,)


@pytest.mark.parametrize(
    ("typed", "stored"), [("2,5", "2.5"), ("2.5", "2.5"), ("4", "4"), ("0", "0"), ("0,25", "0.25")]
)
def test_claim_accepts_vietnamese_decimals_up_to_the_maximum(typed: str, stored: str) -> None:
    assert parse_text_answer(F("model_claim"), typed) == stored


@pytest.mark.parametrize(
    ("typed", "says"),
    [
        ("4,5", "không được vượt quá 4"),
        ("5", "không được vượt quá 4"),
        ("-1", "không được âm"),
        ("bốn", "phải là một con số"),
        ("90%", "không nhận dấu %"),
    ],
)
def test_claim_above_the_maximum_or_malformed_is_refused(typed: str, says: str) -> None:
    assert says in refusal(lambda: parse_text_answer(F("model_claim"), typed))


def refusal(parse: Callable[[], object]) -> str:
    """The sentence a refused answer is told with."""
    with pytest.raises(AnswerError) as caught:
        parse()
    return answer_error(caught.value.problem)


def test_display_of_a_claim() -> None:
    assert display_value(F("model_claim"), "2.5") == "2,5"


def doc(name: str | None, mime: str | None, size: int = 5000) -> IncomingDocument:
    return IncomingDocument("FILE", "U", name, mime, size)


@pytest.mark.parametrize(
    ("name", "mime"),
    [
        ("Quyết định.pdf", "application/pdf"),
        ("qd.docx", None),
        ("anh-chup.JPG", "image/jpeg"),
        ("anh.jpeg", "image/jpeg"),
        ("bang-khen.png", "image/png"),
    ],
)
def test_evidence_accepts_documents_and_images_sent_as_files(name: str, mime: str | None) -> None:
    stored = parse_document(F("model_evidence"), doc(name, mime))
    assert isinstance(stored, dict)
    assert stored["file_name"] == name


def test_evidence_refuses_photos_and_mismatched_files() -> None:
    field = F("model_evidence")
    # A compressed photo has no name and cannot be re-sent to the office as a document.
    assert "dưới dạng tài liệu" in refusal(lambda: parse_document(field, doc(None, "image/jpeg")))
    assert "không khớp" in refusal(lambda: parse_document(field, doc("anh.png", "image/jpeg")))
    assert "định dạng PDF, DOC, DOCX, JPG" in refusal(
        lambda: parse_document(field, doc("bang.xlsx", None))
    )
    # The signed report still takes documents only.
    assert "định dạng" in refusal(
        lambda: parse_document(F("signed_report"), doc("anh.png", "image/png"))
    )


# ---------------------------------------------------------------------------
# broken_rules over the whole form (summary, submission)
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("answers", "broken"),
    [
        ({"model_claim": "3", "model_evidence": None, "model_explanation": None}, True),
        ({"model_claim": "3"}, True),  # never reached counts as not given at submission
        ({"model_claim": "3", "model_evidence": EVIDENCE, "model_explanation": None}, False),
        ({"model_claim": "3", "model_evidence": None, "model_explanation": EXPLANATION}, False),
        ({"model_claim": "0.01", "model_explanation": ""}, True),
        ({"model_claim": "3", "model_evidence": {"file_id": ""}}, True),
        ({"model_claim": "0", "model_evidence": None, "model_explanation": None}, False),
        ({"model_claim": None, "model_evidence": None, "model_explanation": None}, False),
        ({}, False),
    ],
)
def test_requirement_over_the_whole_form(answers: dict[str, Any], broken: bool) -> None:
    assert (broken_rules(FORM, answers) == [RULE.message]) is broken
    if not broken:
        assert broken_rules(FORM, answers) == []


def test_requirement_while_answering_waits_for_every_alternative() -> None:
    claimed: dict[str, Any] = {"model_claim": "3"}
    # Skipping the evidence: the explanation is still to come.
    assert broken_rules(FORM, {**claimed, "model_evidence": None}, touching="model_evidence") == []
    # Skipping the explanation after the evidence was skipped: nothing backs the claim.
    both_skipped = {**claimed, "model_evidence": None, "model_explanation": None}
    assert broken_rules(FORM, both_skipped, touching="model_explanation") == [RULE.message]
    # Answering the claim itself is never refused for what comes later.
    assert broken_rules(FORM, both_skipped, touching="model_claim") == []
    with_text = {**claimed, "model_evidence": None, "model_explanation": EXPLANATION}
    assert broken_rules(FORM, with_text, touching="model_explanation") == []


def test_comparisons_still_wait_for_values_and_ignore_skips() -> None:
    answers: dict[str, Any] = {"dossiers_received": 10, "dossiers_postal": None}
    assert broken_rules(FORM, answers, touching="dossiers_postal") == []
    answers["dossiers_postal"] = 11
    assert len(broken_rules(FORM, answers, touching="dossiers_postal")) == 1


# ---------------------------------------------------------------------------
# Malformed rules in the office's form file
# ---------------------------------------------------------------------------

SMALL = """
version = "1"
title = "x"
[[sections]]
key = "a"
title = "A"
  [[sections.fields]]
  key = "claim"
  label = "Điểm tự chấm"
  type = "decimal"
  required = false
  max = 4
  [[sections.fields]]
  key = "proof"
  label = "Tài liệu"
  type = "file"
  required = false
  accept = ["pdf"]
"""


@pytest.mark.parametrize(
    ("rule", "says"),
    [
        (
            'when = "claim"\nrequire_one_of = ["prooff"]',
            "(rules) thứ 1 nhắc tới 'prooff', không có trong mẫu báo cáo",
        ),
        ('when = "claim"', "cần cả when và require_one_of"),
        ('require_one_of = ["proof"]', "cần cả when và require_one_of"),
        ('when = "claim"\nrequire_one_of = ["claim", "proof"]', "không được chứa chính trường"),
        (
            'when = "claim"\nrequire_one_of = ["proof"]\nleft = ["claim"]',
            "không dùng cả hai",
        ),
        ('left = ["claim"]\nright = ["claim"]', "cần đủ left, op và right"),
        ('left = ["proof"]\nop = "<="\nright = ["claim"]', "'proof', không phải trường số"),
    ],
)
def test_malformed_rules_name_the_problem(tmp_path: Path, rule: str, says: str) -> None:
    path = tmp_path / "form.toml"
    path.write_text(SMALL + f'[[rules]]\n{rule}\nmessage = "Thiếu căn cứ."\n', encoding="utf-8")
    with pytest.raises(FormError) as caught:
        load_form(path)
    assert says in str(caught.value)


def test_a_valid_requirement_in_a_small_form(tmp_path: Path) -> None:
    path = tmp_path / "form.toml"
    rule = '[[rules]]\nwhen = "claim"\nrequire_one_of = ["proof"]\nmessage = "Thiếu căn cứ."\n'
    path.write_text(SMALL + rule, encoding="utf-8")
    form = load_form(path)
    assert broken_rules(form, {"claim": "1", "proof": None}) == ["Thiếu căn cứ."]
    assert broken_rules(form, {"claim": "1", "proof": EVIDENCE}) == []


# ---------------------------------------------------------------------------
# Through the reporting service, as a unit fills the form
# ---------------------------------------------------------------------------


async def test_skipping_both_backings_of_a_claim_is_refused_and_nothing_is_lost(
    services: Services,
) -> None:
    head = await bind(services, 41, "THPT-QH")
    reporting = services.reporting
    step = await fill(services, head, stop_at="model_claim")
    assert isinstance(step, rs.Ask)
    assert step.number == CLAIM_NO
    step = await reporting.answer_text(head, "4,5")
    assert isinstance(step, rs.Ask)
    assert step.error == AnswerProblem("above_max", limit=Decimal(4))
    assert problem_text(step.error) == "Giá trị không được vượt quá 4."
    step = await reporting.answer_text(head, "2,5")
    assert isinstance(step, rs.Ask)
    assert (step.number, step.error) == (EVIDENCE_NO, None)
    step = await reporting.skip(head, EVIDENCE_NO)
    assert isinstance(step, rs.Ask)
    assert (step.number, step.error) == (EXPLANATION_NO, None)
    step = await reporting.skip(head, EXPLANATION_NO)
    assert isinstance(step, rs.Ask)
    assert step.number == EXPLANATION_NO
    assert step.error == rs.BrokenRules((RULE.message,))
    assert "tài liệu kiểm chứng hoặc nhập văn bản giải trình" in problem_text(step.error)
    # Nothing entered is lost: the claim stays, the refused skip wrote nothing.
    draft = await _draft(services, head)
    assert draft["model_claim"] == "2.5"
    assert draft["model_evidence"] is None
    assert "model_explanation" not in draft
    step = await reporting.answer_text(head, EXPLANATION)
    assert isinstance(step, rs.Summary)
    assert step.problems == []
    unit = await services.office.unit("THPT-QH")
    assert unit is not None
    done = await reporting.submit(head, unit)
    assert isinstance(done, rs.Submitted)
    assert done.report.answers["model_claim"] == "2.5"
    assert done.report.answers["model_explanation"] == EXPLANATION


async def test_claim_edited_from_the_summary_blocks_submission_until_backed(
    services: Services,
) -> None:
    head = await bind(services, 42, "THPT-QH")
    reporting = services.reporting
    summary = await fill(services, head)  # VALID_ANSWERS: no claim, both backings skipped
    assert isinstance(summary, rs.Summary)
    assert summary.problems == []
    await reporting.edit(head, CLAIM_NO)
    step = await reporting.answer_text(head, "3")
    # The claim is accepted (the remedy is in later questions); the summary says what is
    # missing and submission is refused with the same words.
    assert isinstance(step, rs.Summary)
    assert step.problems == [rs.BrokenRules((RULE.message,))]
    unit = await services.office.unit("THPT-QH")
    assert unit is not None
    refused = await reporting.submit(head, unit)
    assert isinstance(refused, rs.Summary)
    assert [problem_text(p) for p in refused.problems] == [RULE.message]
    # Evidence sent as a file (an image here) satisfies the rule.
    await reporting.edit(head, EVIDENCE_NO)
    step = await reporting.answer_document(
        head, IncomingDocument("IMG", "UI", "quyet-dinh.png", "image/png", 120_000)
    )
    assert isinstance(step, rs.Summary)
    assert step.problems == []
    # Removing the evidence again (skip) with no explanation is refused on the spot.
    await reporting.edit(head, EVIDENCE_NO)
    step = await reporting.skip(head, EVIDENCE_NO)
    assert isinstance(step, rs.Ask)
    assert step.error == rs.BrokenRules((RULE.message,))
    done = await reporting.submit(head, unit)
    assert isinstance(done, rs.Submitted)
    assert done.report.answers["model_claim"] == "3"
    assert done.report.answers["model_evidence"]["file_name"] == "quyet-dinh.png"


async def _draft(services: Services, member: Any) -> dict[str, Any]:
    from storage import reports

    period = (await services.periods.open_for_submission())[0]
    draft = await reports.get_draft(services.db.reader, member.unit_code, period.code)
    assert draft is not None
    return dict(draft.answers)
