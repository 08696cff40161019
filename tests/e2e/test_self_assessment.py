"""Self-assessment end to end: a unit claims points with an explanation; the office sees it.

The shipped form's model_claim, model_evidence and model_explanation: points claimed for
"Sáng kiến, mô hình mới được công nhận" (0–4), its evidence file, and an explanation when
there is no document.
"""

from __future__ import annotations

from decimal import Decimal

from bot.app import services_of
from bot.scoring.engine import score_unit
from bot.standin import BotApiStandin, SimulatedUser
from handlers.context import App
from tests.e2e.conftest import bound_user, fill_report
from tests.form_steps import FORM, ask, edit_question, label, number
from tests.rules import YEAR

CLAIM_LABEL = f"{number('model_claim')}. {label('model_claim')}: 2,5"
MISSING = "nên cần gửi tài liệu kiểm chứng hoặc nhập văn bản giải trình"
EXPLANATION = (
    "Mô hình <Tuyển sinh đầu cấp trực tuyến> & “Sổ liên lạc điện tử” đã được UBND "
    "thành phố công nhận tại hội nghị ngày 10/03/2025; quyết định đang chờ ban hành."
)


async def summary_text(user: SimulatedUser) -> str:
    """The whole summary, however many messages it was split into."""
    first = await user.expect("Tóm tắt báo cáo")
    await user.idle()
    return " ".join(m.text for m in user.messages[user.messages.index(first) :])


async def test_claim_with_an_explanation_reaches_the_office_and_the_score(
    standin: BotApiStandin, app: App, office: SimulatedUser
) -> None:
    services = services_of(app)
    head = await bound_user(standin, services, 9301, "THPT-QH")
    await fill_report(head)  # every other answer valid; no claim yet

    # From the summary, claim points for a recognised model.
    await edit_question(head, "model_claim")
    asked = await head.expect(ask("model_claim"))
    assert FORM.field("model_claim").section in asked.text
    assert "(không bắt buộc)" in asked.text
    await head.send("4,5")
    await head.expect("không được vượt quá 4")
    await head.send("2,5")
    # Accepted; the summary lists what must be completed before sending.
    assert MISSING in await summary_text(head)

    # Sending is refused while the claim has neither evidence nor explanation.
    await head.click("✅ Gửi báo cáo")
    refused = await head.expect(MISSING)
    assert "Cần hoàn thiện trước khi gửi" in refused.text
    assert not any("Văn phòng Sở đã nhận" in m.text for m in head.messages)

    # With no evidence sent, the explanation is needed: it is asked without
    # "(không bắt buộc)" and offers no Bỏ qua (issue 11: "An optional question can
    # always be skipped" — this one is not optional any more); then it is typed.
    await edit_question(head, "model_explanation")
    again = await head.expect(ask("model_explanation"))
    assert "(không bắt buộc)" not in again.text
    assert "Bỏ qua" not in [b["text"] for b in again.buttons]
    await head.send(EXPLANATION)
    shown = await summary_text(head)
    assert CLAIM_LABEL in shown
    assert EXPLANATION in shown
    assert MISSING not in shown

    await head.click("✅ Gửi báo cáo")
    await head.expect("Văn phòng Sở đã nhận báo cáo CCHC quý I/2025")
    await office.expect("đã gửi báo cáo CCHC quý I/2025")

    # The office's /view shows the claim and the explanation beside the other answers.
    seen = len(office.messages)
    await office.send("/view THPT-QH")
    signed = await office.expect_document()  # the signed report; no evidence file was sent
    assert signed.text.startswith(label("signed_report"))  # each file captioned by its question
    await office.idle()
    view = " ".join(m.text for m in office.messages[seen:])
    assert CLAIM_LABEL in view
    assert f"{number('model_evidence')}. {label('model_evidence')}" in view
    assert f"{number('model_explanation')}. {label('model_explanation')}" in view
    assert EXPLANATION in view
    assert sum(1 for m in office.messages[seen:] if m.document is not None) == 1

    # The claim counts, backed by the explanation. By hand, for the form's valid answers:
    # 10 + 3 + 0 + 8 + 3 + 3 + 3 + 2.5 (claim) + 8.89 + 8 + 4 + 5 + 2.28 + 6 + 4 + 5 + 0
    # = 75.67 points. report_quality (5) waits for the office and the unit is not in the
    # inspection plan (inspection_result, 10, exempt): 75.67 of 85 → 89.02, provisional.
    period = await services.periods.resolve("2025-Q1")
    assert period is not None
    _, report = await services.office.latest_report("THPT-QH", period)
    assert report is not None
    sheet = score_unit(
        services.standings.methodology(YEAR), block="truc_thuoc", answers=report.answers
    )
    line = next(c for c in sheet.criteria if c.key == "recognised_model")
    assert (line.claimed, line.points) == (Decimal("2.50"), Decimal("2.50"))
    assert line.detail == "Đơn vị tự chấm 2,5/4 điểm, có văn bản giải trình, chưa thẩm định"
    assert (sheet.points, sheet.max_points, sheet.index) == (
        Decimal("75.67"),
        Decimal(85),
        Decimal("89.02"),
    )
    assert sheet.provisional
    # The block ranking the office and units see counts it too.
    standings = services.standings
    ranking = await standings.block_ranking(standings.parse_scope("2025-Q1"), "truc_thuoc")
    row = ranking.row("THPT-QH")
    assert row is not None
    assert row.score is not None
    assert row.score.index == Decimal("89.02")
