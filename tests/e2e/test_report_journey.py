"""The whole reporting journey, as a unit head and the office experience it."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from bot.app import services_of
from bot.standin import BotApiStandin, SimulatedUser
from handlers.context import App
from tests.clock import FakeClock
from tests.e2e.conftest import bound_user
from tests.form_steps import FORM, Walk, ask, edit_question, label, number, rule_message

PDF = b"%PDF-1.4\n% signed report\n" + b"0" * 2048


async def answer(user: SimulatedUser, text: str, expect: str) -> None:
    await user.send(text)
    await user.expect(expect)


async def test_full_report_with_bad_input_at_every_field_type(
    standin: BotApiStandin, app: App, office: SimulatedUser, clock: FakeClock, tmp_path: Path
) -> None:
    services = services_of(app)
    # A unit whose name needs HTML escaping everywhere it appears.
    roster = tmp_path / "extra.csv"
    roster.write_text(
        "code,name,block,district\nTT-X,Trung tâm <Thử nghiệm> & Đào tạo,trung_tam,Quy Nhơn\n",
        encoding="utf-8",
    )
    await services.roster.import_file(roster, actor="test")
    head = await bound_user(standin, services, 5001, "TT-X")

    walk = Walk(head)
    await walk.start()
    # integer: negative, not a number, then valid
    await walk.to("tasks_planned")
    await answer(head, "-5", "không được âm")
    await answer(head, "abc", "phải là một con số")
    await walk.send("12")
    # cross-field rule: completed > planned
    await walk.to("tasks_completed")
    await answer(head, "15", rule_message("tasks_completed"))
    await walk.send("10")
    # integer with a fraction
    await walk.to("inspections")
    await answer(head, "1,5", "phải là số nguyên")
    await walk.send("2")
    # decimal above its maximum, then Vietnamese decimal comma
    await walk.to("par_self_score")
    await answer(head, "101", "không được vượt quá 100")
    await walk.send("85,5")
    # optional percent: after "Có" to the survey the rate is needed, so it is asked
    # without "(không bắt buộc)" and offers no Bỏ qua; after "Không" (not surveyed:
    # declared, shown to the office) it may be skipped
    asked = await walk.click("Có", at="survey_done")
    assert "không bắt buộc" not in asked.text
    assert "Bỏ qua" not in [b["text"] for b in asked.buttons]
    await walk.back(to="survey_done")
    await walk.click("Không")
    await walk.skip(at="sipas_rate")
    await walk.send("1.250", at="propaganda_events")  # Vietnamese thousands separator
    await walk.send("8", at="articles")
    await walk.send("2", at="initiatives")
    # text over its limit, then text with HTML-special characters
    await walk.to("initiative_titles")
    await answer(head, "x" * 1501, "tối đa 1.500 ký tự")
    await walk.send("Sáng kiến <số hoá> & hồ sơ")
    await walk.send("1.250", at="dossiers_received")
    await walk.to("dossiers_online")
    await answer(head, "2.000", rule_message("dossiers_online"))
    await walk.send("1.000")
    await walk.skip(at="dossiers_postal")
    await walk.send("1.200", at="dossiers_on_time")
    await walk.to("dossiers_late")
    await answer(head, "100", rule_message("dossiers_on_time", "dossiers_late"))
    await walk.send("50")
    await walk.send("4", at="feedback_received")
    await walk.send("4", at="feedback_on_time")
    await walk.to("staff_total")
    await answer(head, "0", "phải từ 1 trở lên")
    await walk.send("85")
    await walk.send("1", at="staff_streamlined")
    # a percent sign where a count is asked; then go back and change the earlier answer
    await walk.to("staff_trained")
    await answer(head, "90%", "không nhận dấu %")
    await walk.back(to="staff_streamlined")
    await walk.send("2")
    await walk.send("40", at="staff_trained")
    # choice: typed nonsense, then a button
    await walk.to("autonomy_level")
    await answer(head, "xyz", "không có trong danh sách")
    await walk.click(FORM.field("autonomy_level").choice_label("partial"))
    await walk.to("budget_disbursed")
    await answer(head, "105", "không được vượt quá 100")
    await walk.send("45,5%")
    await walk.send("3", at="services_full_online")
    await walk.send("2", at="services_partial_online")
    await walk.to("e_documents_rate")
    await answer(head, "abc", "phải là một con số")
    await walk.send("95 %")
    # yes-no: typed nonsense, then the button
    await walk.to("iso_applied")
    await answer(head, "hmm", "“Có” hoặc “Không”")
    await walk.click("Có")
    await walk.send("Triển khai <b>dịch vụ công</b> & chuyển đổi số", at="highlights")
    await walk.send("Còn chậm", at="shortcomings")
    await walk.send("Đẩy mạnh số hoá hồ sơ", at="next_quarter")
    await walk.skip(at="requests")
    # file: text, wrong type, too large, then a PDF
    await walk.to("signed_report")
    await answer(head, "đây là báo cáo", "cần một tệp")
    await head.send_document("baocao.exe", "application/octet-stream", b"MZ" * 10)
    await head.expect("định dạng PDF, DOC, DOCX")
    await head.send_document_meta("baocao.pdf", "application/pdf", 30 * 1024 * 1024)
    await head.expect("Tệp quá lớn")
    await walk.document("bao-cao-quy-1.pdf", "application/pdf", PDF)
    # self-assessment: no claim, so no evidence or explanation (tests/e2e/test_self_assessment)
    await walk.skip(at="model_claim")
    await walk.skip(at="model_evidence")
    await walk.to("model_explanation")
    summary = await walk.finish()  # skipped too (VALID_ANSWERS), as any later question
    assert "Tóm tắt báo cáo CCHC quý I/2025" in summary.text
    assert "Trung tâm <Thử nghiệm> & Đào tạo" in summary.text

    # edit a question from the summary, then come back to the summary
    await edit_question(head, "articles")
    await head.expect(ask("articles"))
    await head.send("9")
    summary = await head.expect("Tóm tắt báo cáo")
    edited = f"{number('articles')}. {label('articles')}: 9"
    assert edited in " ".join(m.text for m in head.messages[-3:])

    await head.click("✅ Gửi báo cáo")
    receipt = await head.expect("Văn phòng Sở đã nhận báo cáo CCHC quý I/2025")
    assert "Lần gửi: 1" in receipt.text
    assert "CCHC-2025-Q1-TT-X-01" in receipt.text
    notice = await office.expect("đã gửi báo cáo CCHC quý I/2025")
    assert "Trung tâm <Thử nghiệm> & Đào tạo" in notice.text

    # resubmit: the draft opens at the summary with the earlier submission noted
    clock.advance(days=1)
    await head.send("/report")
    await head.expect("Đã gửi lần 1")
    await edit_question(head, "shortcomings")
    await head.expect(ask("shortcomings"))
    await answer(head, "Còn chậm, đã khắc phục một phần", "Tóm tắt báo cáo")
    await head.click("✅ Gửi báo cáo")
    receipt = await head.expect("Lần gửi: 2")
    assert "CCHC-2025-Q1-TT-X-02" in receipt.text
    await office.expect("lần 2")

    # the office's view of things
    await office.send("/status")
    status = await office.expect("Tình hình báo cáo CCHC quý I/2025")
    # The example roster and the one unit this test imported on top of it.
    assert f"Đã gửi: 1/{len(await services.roster.list_units())}" in status.text
    seen = len(office.messages)
    await office.send("/view tt-x")
    await office.expect("Số tiếp nhận")
    document = await office.expect_document()
    assert document.document is not None
    assert document.document["file_name"] == "bao-cao-quy-1.pdf"
    shown = " ".join(m.text for m in office.messages[seen:])
    assert "Còn chậm, đã khắc phục một phần" in shown
    assert "Lần gửi: 2" in shown

    # CSV export matches what was typed
    period = await services.periods.resolve("2025-Q1")
    assert period is not None
    out = io.StringIO()
    await services.export.period_csv(period, out)
    rows = {row["unit_code"]: row for row in csv.DictReader(io.StringIO(out.getvalue()))}
    assert len(rows) == 72
    mine = rows["TT-X"]
    assert mine["status"] == "submitted"
    assert mine["version"] == "2"
    assert mine["tasks_planned"] == "12"
    assert mine["articles"] == "9"
    assert mine["propaganda_events"] == "1250"
    assert mine["dossiers_received"] == "1250"
    assert mine["par_self_score"] == "85.5"
    assert mine["budget_disbursed"] == "45.5"
    assert mine["sipas_rate"] == ""
    assert mine["staff_streamlined"] == "2"
    assert mine["autonomy_level"] == "partial"
    assert mine["iso_applied"] == "có"
    assert mine["initiative_titles"] == "Sáng kiến <số hoá> & hồ sơ"
    assert mine["signed_report"] == "bao-cao-quy-1.pdf"
    assert rows["THPT-QH"]["status"] == "none"
    assert rows["THPT-QH"]["tasks_planned"] == ""
