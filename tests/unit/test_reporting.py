"""The report conversation as a service, without Telegram."""

from __future__ import annotations

from typing import get_args

from bot.domain.models import Membership
from bot.services import reporting as rs
from bot.services.container import Services
from handlers import texts
from handlers.report import problem_text
from tests.reports import fill
from tests.rules import YEAR


async def member(services: Services, user_id: int, unit: str = "THPT-QH") -> Membership:
    invite = await services.registration.create_invite(unit, "head", created_by="test")
    await services.registration.redeem(user_id, invite.code, full_name="X", username=None)
    who = await services.registration.identify(user_id)
    assert who.membership is not None
    return who.membership


async def test_two_members_filling_different_questions_keep_both_answers(
    services: Services,
) -> None:
    head, contact = await member(services, 1), await member(services, 2)
    reporting = services.reporting
    await reporting.start(head)
    await reporting.start(contact)
    step = await reporting.answer_text(head, "12")
    assert isinstance(step, rs.Ask)
    assert step.number == 2
    # The contact's session is still on question 1 (shown as answered), and answers it too.
    step = await reporting.answer_text(contact, "14")
    assert isinstance(step, rs.Ask)
    step = await reporting.answer_text(head, "10")
    assert isinstance(step, rs.Ask)
    assert step.number == 3
    start_again = await reporting.start(contact)
    assert isinstance(start_again, rs.Ask)
    assert start_again.number == 2  # contact's own place
    assert start_again.current == 10  # the head's answer is visible to the contact


async def test_required_question_cannot_be_skipped(services: Services) -> None:
    head = await member(services, 3)
    await services.reporting.start(head)
    step = await services.reporting.skip(head, 1)
    assert isinstance(step, rs.Ask)
    assert step.error == rs.StepError("required")
    assert "bắt buộc" in problem_text(step.error)
    assert step.number == 1


async def test_button_of_an_earlier_question_is_stale(services: Services) -> None:
    head = await member(services, 4)
    await services.reporting.start(head)
    await services.reporting.answer_text(head, "12")
    step = await services.reporting.skip(head, 1)
    assert isinstance(step, rs.Stale)
    assert isinstance(step.step, rs.Ask)
    assert step.step.number == 2


async def test_back_from_the_first_question_stays(services: Services) -> None:
    head = await member(services, 5)
    await services.reporting.start(head)
    step = await services.reporting.back(head)
    assert isinstance(step, rs.Ask)
    assert step.number == 1
    assert step.notice == "first_question"
    assert texts.REPORT_NOTICES[step.notice] == "Đây là câu hỏi đầu tiên."


async def test_submitting_early_jumps_to_the_first_missing_question(services: Services) -> None:
    head = await member(services, 6)
    await services.reporting.start(head)
    await services.reporting.answer_text(head, "12")
    unit = await services.office.unit("THPT-QH")
    assert unit is not None
    step = await services.reporting.submit(head, unit)
    assert isinstance(step, rs.Ask)
    # The first required question after the one answered.
    missing = next(
        n for n, f in enumerate(services.rules.form(YEAR).fields, start=1) if n > 1 and f.required
    )
    assert step.number == missing
    assert isinstance(step.error, rs.MissingRequired)
    assert step.error.numbers[0] == missing
    assert f"câu {missing}" in problem_text(step.error)


async def test_without_a_session_nothing_happens(services: Services) -> None:
    head = await member(services, 7)
    assert await services.reporting.answer_text(head, "12") is None
    assert await services.reporting.leave(head) is None


async def test_a_number_typed_at_the_summary_opens_that_question_and_nothing_else_does(
    services: Services,
) -> None:
    head = await member(services, 8)
    await fill(services, head)
    total = len(services.rules.form(YEAR).fields)
    # Digits str.isdigit() accepts but int() does not, other scripts' digits, a number
    # beyond the form and a very long one: the summary again, with a notice.
    for typed in ("²", "①", "١٢", "٣", "１２", str(total + 1), "9" * 5000, "0", "-1", "7."):
        step = await services.reporting.answer_text(head, typed)
        assert isinstance(step, rs.Summary), typed
        assert step.notice, typed
    for typed in (" 7 ", "0007"):
        step = await services.reporting.answer_text(head, typed)
        assert isinstance(step, rs.Ask)
        assert step.number == 7
        await services.reporting.summary(head)


def test_every_notice_and_step_refusal_has_its_wording() -> None:
    assert set(get_args(rs.NoticeCode)) == set(texts.REPORT_NOTICES)
    assert set(get_args(rs.StepErrorCode)) == set(texts.REPORT_STEP_ERRORS)
