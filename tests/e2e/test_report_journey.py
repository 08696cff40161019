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

    await head.send("/report")
    await head.expect("Câu 1/33")
    # integer: negative, not a number, then valid
    await answer(head, "-5", "không được âm")
    await answer(head, "abc", "phải là một con số")
    await answer(head, "12", "Câu 2/33")
    # cross-field rule: completed > planned
    await answer(head, "15", "không được lớn hơn số nhiệm vụ phải thực hiện")
    await answer(head, "10", "Câu 3/33")
    # integer with a fraction
    await answer(head, "1,5", "phải là số nguyên")
    await answer(head, "2", "Câu 4/33")
    # decimal above its maximum, then Vietnamese decimal comma
    await answer(head, "101", "không được vượt quá 100")
    await answer(head, "85,5", "Câu 5/33")
    # optional percent: skip
    await head.click("Bỏ qua")
    await head.expect("Câu 6/33")
    await answer(head, "1.250", "Câu 7/33")  # Vietnamese thousands separator
    await answer(head, "8", "Câu 8/33")
    await answer(head, "2", "Câu 9/33")
    # text over its limit, then text with HTML-special characters
    await answer(head, "x" * 1501, "tối đa 1.500 ký tự")
    await answer(head, "Sáng kiến <số hoá> & hồ sơ", "Câu 10/33")
    await answer(head, "1.250", "Câu 11/33")
    await answer(head, "2.000", "không được lớn hơn tổng số hồ sơ")
    await answer(head, "1.000", "Câu 12/33")
    await head.click("Bỏ qua")
    await head.expect("Câu 13/33")
    await answer(head, "1.200", "Câu 14/33")
    await answer(head, "100", "đúng hạn cộng số hồ sơ quá hạn")
    await answer(head, "50", "Câu 15/33")
    await answer(head, "4", "Câu 16/33")
    await answer(head, "4", "Câu 17/33")
    await answer(head, "0", "phải từ 1 trở lên")
    await answer(head, "85", "Câu 18/33")
    await answer(head, "1", "Câu 19/33")
    # a percent sign where a count is asked; then go back one question and change it
    await answer(head, "90%", "không nhận dấu %")
    await head.click("⬅️ Quay lại")
    await head.expect("Câu 18/33")
    await answer(head, "2", "Câu 19/33")
    await answer(head, "40", "Câu 20/33")
    # choice: typed nonsense, then a button
    await answer(head, "xyz", "không có trong danh sách")
    await head.click("Tự bảo đảm một phần chi thường xuyên")
    await head.expect("Câu 21/33")
    await answer(head, "105", "không được vượt quá 100")
    await answer(head, "45,5%", "Câu 22/33")
    await answer(head, "3", "Câu 23/33")
    await answer(head, "2", "Câu 24/33")
    await answer(head, "abc", "phải là một con số")
    await answer(head, "95 %", "Câu 25/33")
    # yes-no: typed nonsense, then the button
    await answer(head, "hmm", "“Có” hoặc “Không”")
    await head.click("Có")
    await head.expect("Câu 26/33")
    await answer(head, "Triển khai <b>dịch vụ công</b> & chuyển đổi số", "Câu 27/33")
    await answer(head, "Còn chậm", "Câu 28/33")
    await answer(head, "Đẩy mạnh số hoá hồ sơ", "Câu 29/33")
    await head.click("Bỏ qua")
    await head.expect("Câu 30/33")
    # file: text, wrong type, too large, then a PDF
    await answer(head, "đây là báo cáo", "cần một tệp")
    await head.send_document("baocao.exe", "application/octet-stream", b"MZ" * 10)
    await head.expect("định dạng PDF, DOC, DOCX")
    await head.send_document_meta("baocao.pdf", "application/pdf", 30 * 1024 * 1024)
    await head.expect("Tệp quá lớn")
    await head.send_document("bao-cao-quy-1.pdf", "application/pdf", PDF)
    # self-assessment: no claim, so no evidence or explanation (tests/e2e/test_self_assessment)
    for number in (31, 32, 33):
        await head.expect(f"Câu {number}/33")
        await head.click("Bỏ qua")
    summary = await head.expect("Tóm tắt báo cáo CCHC quý I/2025")
    assert "Trung tâm <Thử nghiệm> & Đào tạo" in summary.text

    # edit question 7 from the summary, then come back to the summary
    await head.click("✏️ Sửa")
    await head.expect("chọn số câu")
    await head.click("7")
    await head.expect("Câu 7/33")
    await head.send("9")
    summary = await head.expect("Tóm tắt báo cáo")
    assert "Số tin, bài về CCHC đã đăng trên trang thông tin điện tử, mạng xã hội: 9" in (
        " ".join(m.text for m in head.messages[-3:])
    )

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
    await head.click("✏️ Sửa")
    await head.expect("chọn số câu")
    await head.click("27")
    await head.expect("Câu 27/33")
    await answer(head, "Còn chậm, đã khắc phục một phần", "Tóm tắt báo cáo")
    await head.click("✅ Gửi báo cáo")
    receipt = await head.expect("Lần gửi: 2")
    assert "CCHC-2025-Q1-TT-X-02" in receipt.text
    await office.expect("lần 2")

    # the office's view of things
    await office.send("/status")
    status = await office.expect("Tình hình báo cáo CCHC quý I/2025")
    assert "Đã gửi: 1/72" in status.text
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
