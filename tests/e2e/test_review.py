"""Review end to end through the Bot API stand-in: the office returns a report with a
comment, the unit resubmits, the office accepts; statuses in /status; after the
deadline a unit submits only once the office reopens the period for it."""

from __future__ import annotations

from datetime import UTC, datetime

from bot.app import services_of
from bot.standin import BotApiStandin, SimulatedUser
from handlers.context import App
from tests.clock import FakeClock
from tests.e2e.conftest import bound_user, fill_report
from tests.form_steps import ask, edit_question, header


async def test_return_with_a_comment_resubmit_and_accept(
    standin: BotApiStandin, app: App, office: SimulatedUser, clock: FakeClock
) -> None:
    services = services_of(app)
    head = await bound_user(standin, services, 7101, "THPT-QH")
    await fill_report(head)
    await head.click("✅ Gửi báo cáo")
    await head.expect("Lần gửi: 1")

    notice = await office.expect("đã gửi báo cáo CCHC quý I/2025")
    await office.click("🔎 Xem xét", message=notice)
    first_view = await office.expect("Xem xét báo cáo CCHC quý I/2025")
    assert "Tình trạng: đã gửi, chờ xem xét" in first_view.text
    await office.expect_document()  # the signed report comes with it

    await office.click("↩️ Trả lại kèm ý kiến", message=first_view)
    await office.expect("Vui lòng nhập ý kiến của Văn phòng Sở")
    await office.send("Đề nghị bổ sung số liệu hồ sơ trực tuyến <quý I>")
    done = await office.expect("Đã trả lại báo cáo quý I/2025")
    assert "Trường THPT Quốc Học Quy Nhơn" in done.text
    returned = await head.expect("được trả lại để hoàn thiện")
    assert "Đề nghị bổ sung số liệu hồ sơ trực tuyến <quý I>" in returned.text
    assert "23:59 ngày 15/03/2025" in returned.text  # the deadline is weeks away

    await office.send("/status")
    status = await office.expect("Tình hình báo cáo CCHC quý I/2025")
    assert "Trả lại, chờ đơn vị gửi lại (1)" in status.text
    assert "Trả lại: 1" in status.text

    # The unit edits and resubmits; its answers were kept.
    clock.advance(hours=3)
    await head.send("/report")
    await head.expect("Đã gửi lần 1")
    await edit_question(head, "dossiers_online")
    await head.expect(ask("dossiers_online"))
    await head.send("1.100")
    await head.expect("Tóm tắt báo cáo")
    await head.click("✅ Gửi báo cáo")
    await head.expect("Lần gửi: 2")
    await office.expect("lần 2")

    # A button shown for version 1 no longer decides anything.
    await office.click("✅ Chấp nhận", message=first_view)
    await office.expect("vừa gửi phiên bản báo cáo mới hơn")

    await office.send("/review thpt-qh")
    view = await office.expect("Lần gửi: 2")
    assert "Đã trả lại lúc" not in view.text  # the decision was on version 1
    await office.click("✅ Chấp nhận", message=view)
    await office.expect("Đã chấp nhận báo cáo quý I/2025")
    accepted = await head.expect("đã được Văn phòng Sở chấp nhận")
    assert "CCHC-2025-Q1-THPT-QH-02" in accepted.text

    await office.send("/status 2025-Q1")
    status = await office.expect("Tình hình báo cáo CCHC quý I/2025")
    assert "Đã chấp nhận (1)" in status.text
    assert f"Đã gửi: 1/{len(await services.roster.list_units())}" in status.text


async def test_after_the_deadline_only_a_reopened_unit_submits(
    standin: BotApiStandin, app: App, office: SimulatedUser, clock: FakeClock
) -> None:
    services = services_of(app)
    head = await bound_user(standin, services, 7201, "PGD-QN")
    await head.send("/report")
    await head.expect(header(1))
    await head.send("/cancel")
    await head.expect("Tạm dừng — bản nháp được giữ")

    clock.now = datetime(2025, 3, 16, 3, 0, tzinfo=UTC)  # 10:00 on 16/03: past the deadline
    await head.send("/report")
    await head.expect("đã hết hạn nộp")
    await office.send("/status 2025-Q1")
    status = await office.expect("Tình hình báo cáo CCHC quý I/2025")
    assert "Quá hạn: 71" in status.text

    await office.send("/reopen PGD-QN 2 2025-Q1")
    done = await office.expect("Đã mở lại kỳ báo cáo quý I/2025")
    assert "23:59 ngày 18/03/2025" in done.text
    told = await head.expect("Văn phòng Sở đã mở lại kỳ báo cáo CCHC quý I/2025")
    assert "23:59 ngày 18/03/2025" in told.text

    await fill_report(head)
    await head.click("✅ Gửi báo cáo")
    await head.expect("Lần gửi: 1")
    await office.send("/status 2025-Q1")
    status = await office.expect("Tình hình báo cáo CCHC quý I/2025\nHạn nộp")
    assert "nộp sau hạn" in status.text
    assert "Quá hạn: 70" in status.text

    # Others stay closed.
    other = await bound_user(standin, services, 7202, "THPT-QH")
    await other.send("/report")
    await other.expect("đã hết hạn nộp")
