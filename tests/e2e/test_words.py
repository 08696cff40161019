"""The words a careful user notices, through the Bot API stand-in (issue 11, item 6).

"/cancel in the report says it pauses and keeps the draft ("Tạm dừng — bản nháp được
giữ"); … office period commands accept what the bot itself writes ("quý IV/2026") as
well as `2026-Q4`, and take Vietnamese words alongside the English ones (`/period
mở|đóng|hạn …`, `/invite … thủ trưởng|người báo cáo`). … after the deadline a refused
submission says that the edit just made is kept as a draft."
"""

from __future__ import annotations

import re
from datetime import UTC, datetime

from bot.app import services_of
from bot.standin import BotApiStandin, SimulatedUser
from handlers.context import App
from storage import reports
from tests.clock import FakeClock
from tests.e2e.conftest import bound_user
from tests.form_steps import FORM, SUMMARY, Walk, count, header


async def test_cancel_pauses_the_report_and_cancels_everything_else(
    standin: BotApiStandin, app: App, office: SimulatedUser
) -> None:
    services = services_of(app)
    head = await bound_user(standin, services, 7701, "THPT-QH")
    walk = Walk(head)
    await walk.start()
    await walk.give()
    await head.send("/cancel")
    paused = await head.expect("⏸ Tạm dừng — bản nháp được giữ")
    assert f"(1/{count()} câu đã trả lời)" in paused.text
    assert "huỷ" not in paused.text.lower()
    await head.send("/report")
    await head.expect(header(2))  # resumed where it stopped
    await head.send("/cancel")
    await head.expect("Tạm dừng")
    await head.send("/cancel")  # nothing under way any more
    await head.expect("đang không lập báo cáo")

    # Elsewhere /cancel cancels, and says so.
    walk = Walk(head)
    await walk.resume()
    await walk.finish()
    await head.click("✅ Gửi báo cáo")
    await head.expect("Lần gửi: 1")
    await office.send("/review THPT-QH")
    view = await office.expect("Xem xét báo cáo CCHC quý I/2025")
    await office.click("↩️ Trả lại kèm ý kiến", message=view)
    await office.expect("Vui lòng nhập ý kiến")
    await office.send("/cancel")
    await office.expect("Đã huỷ việc trả lại báo cáo")
    await office.send("/cancel")
    await office.expect("Không có thao tác nào đang làm dở để huỷ.")


async def test_office_period_commands_take_the_period_as_the_bot_writes_it(
    standin: BotApiStandin, app: App, office: SimulatedUser
) -> None:
    services = services_of(app)
    head = await bound_user(standin, services, 7702, "THPT-QH")
    await office.send("/period")
    listing = await office.expect("Các kỳ báo cáo CCHC")
    # Every period the listing names, typed back as written, opens its card.
    written = re.findall(r"• (quý [IV]+/\d{4}(?: \(báo cáo năm \d{4}\))?) \(", listing.text)
    assert written
    for label in written:
        await office.send(f"/period {label}")
        card = await office.expect("Mã kỳ:")
        assert label.split(" (")[0] in card.text

    await office.send("/period Quý I/2025 đóng")
    await office.expect("Đã đóng kỳ báo cáo quý I/2025")
    await head.send("/report")
    await head.expect("đã được Văn phòng Sở đóng")
    await office.send("/period quý 1/2025 mở")
    await office.expect("Đã mở kỳ báo cáo quý I/2025")
    await office.send("/period quý I/2025 hạn 20/03/2025 17:00")
    due = await office.expect("Đã đặt hạn nộp kỳ báo cáo quý I/2025")
    assert "17:00 ngày 20/03/2025" in due.text
    await office.send("/period quý I/2025 hạn nộp 21/03/2025")
    due = await office.expect("Đã đặt hạn nộp kỳ báo cáo quý I/2025")
    assert "23:59 ngày 21/03/2025" in due.text
    await office.send("/period 2025-Q1 dong")  # without diacritics, as before
    await office.expect("Đã đóng kỳ báo cáo quý I/2025")
    await office.send("/period quý I/2025 mở")
    await office.expect("Đã mở kỳ báo cáo quý I/2025")
    await office.send("/period quý IV/2025 (báo cáo năm 2025) hạn 31/12/2025")
    await office.expect("23:59 ngày 31/12/2025")
    await office.send("/period quý V/2025 mở")
    await office.expect("Kỳ báo cáo không hợp lệ")
    await office.send("/period quý I/2025 làm gì đó")
    await office.expect("Cú pháp")

    # The other office commands that name a period.
    await office.send("/status quý I/2025")
    await office.expect("Tình hình báo cáo CCHC quý I/2025")
    await office.send("/late Quý I/2025")
    await office.expect("chưa nộp báo cáo CCHC quý I/2025")
    await office.send("/view THPT-QH quý I/2025")
    await office.expect("Trường THPT Quốc Học Quy Nhơn chưa nộp báo cáo CCHC quý I/2025")
    await office.send("/review THPT-QH quý I/2025")
    await office.expect("chưa nộp báo cáo CCHC quý I/2025")
    await office.send("/reopen THPT-QH 2 quý I/2025")
    await office.expect("vẫn đang được gửi báo cáo quý I/2025")
    await office.send("/export quý I/2025 csv")
    exported = await office.expect_document()
    assert "quý I/2025" in exported.text  # the caption
    await office.send("/standing THPT-QH quý I/2025")
    await office.expect("Kết quả theo dõi quý I/2025")


async def test_invite_takes_the_roles_in_vietnamese(app: App, office: SimulatedUser) -> None:
    for typed, role in (
        ("người báo cáo", "Cán bộ đầu mối CCHC"),
        ("Người Báo Cáo", "Cán bộ đầu mối CCHC"),
        ("đầu mối", "Cán bộ đầu mối CCHC"),
        ("reporter", "Cán bộ đầu mối CCHC"),
        ("thủ trưởng", "Thủ trưởng đơn vị"),
        ("thu truong", "Thủ trưởng đơn vị"),
        ("head", "Thủ trưởng đơn vị"),
    ):
        await office.send(f"/invite THPT-QH {typed}")
        created = await office.expect("Đã tạo mã mời")
        assert f"vai trò {role}" in created.text, typed
    await office.send("/invite THPT-QH")
    assert "vai trò Thủ trưởng đơn vị" in (await office.expect("Đã tạo mã mời")).text
    await office.send("/invite THPT-QH hiệu phó")
    usage = await office.expect("Cú pháp")
    assert "thủ trưởng|người báo cáo" in usage.text


async def test_a_submission_refused_after_the_deadline_keeps_the_edit_as_a_draft(
    standin: BotApiStandin, app: App, office: SimulatedUser, clock: FakeClock
) -> None:
    services = services_of(app)
    head = await bound_user(standin, services, 7703, "PGD-QN")
    last = FORM.fields[-1].key
    walk = Walk(head)
    await walk.start()
    await walk.to(last)
    clock.now = datetime(2025, 3, 16, 3, 0, tzinfo=UTC)  # 10:00 on 16/03: past the deadline
    await walk.give()  # the last answer, given after the deadline
    await head.click("✅ Gửi báo cáo")
    refused = await head.expect("đã hết hạn nộp")
    assert "kể cả phần vừa sửa, vẫn được giữ trong bản nháp" in refused.text
    draft = await reports.get_draft(services.db.reader, "PGD-QN", "2025-Q1")
    assert draft is not None
    assert last in draft.answers
    assert await reports.latest_report(services.db.reader, "PGD-QN", "2025-Q1") is None

    await office.send("/reopen PGD-QN 2 quý I/2025")
    await office.expect("Đã mở lại kỳ báo cáo quý I/2025")
    await head.send("/report")
    await head.expect(SUMMARY)  # every answer kept
    await head.click("✅ Gửi báo cáo")
    await head.expect("Lần gửi: 1")
