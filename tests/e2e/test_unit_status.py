"""A unit's own status, through the Bot API stand-in.

Issue 11, item 5: "For a unit, `/status` shows its submissions this year — version,
time, state (received, accepted, returned with the office's comment, reopened until …)
— and `/report` on a returned report starts by showing the comment." The office's
/status is unchanged: every unit, by block.
"""

from __future__ import annotations

from datetime import UTC, datetime

from bot.app import services_of
from bot.standin import BotApiStandin, SimulatedUser
from handlers import texts
from handlers.context import App
from tests.clock import FakeClock
from tests.e2e.conftest import bound_user, fill_report

COMMENT = "Đề nghị bổ sung số liệu hồ sơ trực tuyến <quý I>"


async def test_a_unit_follows_its_report_from_received_to_returned_to_accepted(
    standin: BotApiStandin, app: App, office: SimulatedUser, clock: FakeClock
) -> None:
    services = services_of(app)
    head = await bound_user(standin, services, 7601, "THPT-QH")

    await head.send("/status")
    nothing = await head.expect("Tình hình báo cáo CCHC năm 2025")
    assert "Đơn vị: Trường THPT Quốc Học Quy Nhơn" in nothing.text
    assert "Quý I/2025 · hạn nộp 23:59 ngày 15/03/2025" in nothing.text
    assert "⏳ Chưa nộp." in nothing.text
    assert "Quý II/2025" not in nothing.text  # its data window has not begun
    assert "/report" in nothing.text

    await fill_report(head)  # 09:00 on 20/02/2025
    await head.click("✅ Gửi báo cáo")
    receipt = await head.expect("Lần gửi: 1")
    assert [b["text"] for b in receipt.buttons] == [texts.BTN_MY_STATUS]
    await head.click(texts.BTN_MY_STATUS)  # the receipt's button shows what /status shows
    received = await head.expect("Tình hình báo cáo CCHC năm 2025")
    assert (
        "• Lần 1 — nộp lúc 09:00 ngày 20/02/2025, số CCHC-2025-Q1-THPT-QH-01: "
        "📨 Văn phòng Sở đã nhận, đang chờ xem xét" in received.text
    )

    # The office returns it with a comment.
    clock.advance(hours=2)
    await office.send("/review THPT-QH")
    view = await office.expect("Xem xét báo cáo CCHC quý I/2025")
    await office.click("↩️ Trả lại kèm ý kiến", message=view)
    await office.expect("Vui lòng nhập ý kiến")
    await office.send(COMMENT)
    await office.expect("Đã trả lại báo cáo quý I/2025")
    await head.expect("được trả lại để hoàn thiện")

    await head.send("/status")
    returned = await head.expect("Tình hình báo cáo CCHC năm 2025")
    assert "được Văn phòng Sở trả lại lúc 11:00 ngày 20/02/2025 để hoàn thiện" in returned.text
    assert f"Ý kiến của Văn phòng Sở: {COMMENT}" in returned.text  # escaped, shown as typed
    assert "nộp lại trước 23:59 ngày 15/03/2025" in returned.text

    # /report on the returned report starts with the office's comment, then the summary.
    clock.advance(hours=1)
    await head.send("/report")
    note = await head.expect("đã được Văn phòng Sở trả lại")
    assert "Báo cáo CCHC quý I/2025 (lần 1)" in note.text
    assert "lúc 11:00 ngày 20/02/2025" in note.text
    assert COMMENT in note.text
    assert "nộp lại trước 23:59 ngày 15/03/2025" in note.text
    await head.expect("Tóm tắt báo cáo")
    await head.click("✅ Gửi báo cáo")
    await head.expect("Lần gửi: 2")

    # Resubmitted: /report no longer speaks of the return.
    await head.send("/report")
    summary = await head.expect("Tóm tắt báo cáo")
    assert not [m for m in head.unread() if "trả lại" in m.text]
    assert "trả lại" not in summary.text
    await head.send("/cancel")
    await head.expect("Tạm dừng")

    await office.send("/review THPT-QH")
    second = await office.expect("Lần gửi: 2")
    await office.click("✅ Chấp nhận", message=second)
    await head.expect("đã được Văn phòng Sở chấp nhận")

    await head.send("/status 2025")
    history = await head.expect("Tình hình báo cáo CCHC năm 2025")
    lines = history.text.splitlines()
    first = next(i for i, line in enumerate(lines) if line.startswith("• Lần 1"))
    assert "trả lại lúc 11:00 ngày 20/02/2025" in lines[first]
    assert COMMENT in lines[first + 1]  # the comment stays with the version it was on
    assert any(
        line.startswith("• Lần 2 — nộp lúc 12:00 ngày 20/02/2025")
        and "✅ được Văn phòng Sở chấp nhận lúc 12:00 ngày 20/02/2025" in line
        for line in lines
    )
    assert "nộp lại trước" not in history.text

    # The office's /status is the office's: every unit, by block.
    await office.send("/status")
    desk = await office.expect("Tình hình báo cáo CCHC quý I/2025")
    assert "Đã chấp nhận (1)" in desk.text
    assert "THPT-QH" in desk.text


async def test_a_reopened_period_shows_until_when(
    standin: BotApiStandin, app: App, office: SimulatedUser, clock: FakeClock
) -> None:
    services = services_of(app)
    head = await bound_user(standin, services, 7602, "PGD-QN")
    clock.now = datetime(2025, 3, 16, 3, 0, tzinfo=UTC)  # 10:00 on 16/03: past the deadline
    await head.send("/status")
    late = await head.expect("Tình hình báo cáo CCHC năm 2025")
    assert "⛔ Quá hạn, chưa nộp." in late.text

    await office.send("/reopen PGD-QN 2 quý I/2025")  # the period as the bot writes it
    await office.expect("Đã mở lại kỳ báo cáo quý I/2025")
    await head.send("/status")
    reopened = await head.expect("Tình hình báo cáo CCHC năm 2025")
    assert "Quý I/2025 · hạn nộp 23:59 ngày 18/03/2025" in reopened.text
    assert "Văn phòng Sở đã mở lại kỳ báo cáo cho đơn vị đến 23:59 ngày 18/03/2025" in (
        reopened.text
    )
    assert "⏳ Chưa nộp." in reopened.text


async def test_another_year_and_a_wrong_argument(
    standin: BotApiStandin, app: App, office: SimulatedUser
) -> None:
    head = await bound_user(standin, services_of(app), 7603, "THPT-QH")
    await head.send("/status 2024")
    await head.expect("Chưa có kỳ báo cáo nào của năm 2024.")
    await head.send("/status hôm qua")
    await head.expect("Cú pháp: /status [năm]")


async def test_standing_and_trend_before_anything_is_published(
    standin: BotApiStandin, app: App, office: SimulatedUser
) -> None:
    """Issue 11: "After submitting, `/standing` says when results will be published
    instead of an empty answer; `/trend` with no data sends no empty chart"."""
    services = services_of(app)
    head = await bound_user(standin, services, 7604, "THPT-QH")

    await head.send("/standing")
    before = await head.expect("chưa công bố kết quả nào")
    assert "sau khi các đơn vị nộp báo cáo (hạn nộp 23:59 ngày 15/03/2025)" in before.text
    assert "Đơn vị chưa nộp báo cáo quý I/2025: dùng /report" in before.text

    await fill_report(head)  # 09:00 on 20/02/2025
    await head.click("✅ Gửi báo cáo")
    await head.expect("Lần gửi: 1")
    await head.send("/standing")
    after = await head.expect("chưa công bố kết quả nào")
    assert "Báo cáo quý I/2025 của đơn vị đã được nộp (lần 1, lúc 09:00 ngày 20/02/2025)" in (
        after.text
    )
    assert "(hạn nộp 23:59 ngày 15/03/2025) và công bố" in after.text
    assert "bot sẽ gửi thông báo tới đơn vị" in after.text
    assert [m for m in await head.idle() if m.photo] == []

    await head.send("/standing quý I/2025")
    named = await head.expect("Kết quả theo dõi quý I/2025 chưa được công bố.")
    assert "báo cáo quý I/2025 của các đơn vị (hạn nộp 23:59 ngày 15/03/2025)" in named.text

    await head.send("/trend")
    trend = await head.expect("Diễn biến kết quả theo dõi quý")
    assert "Chưa có kết quả theo dõi quý nào của đơn vị được Văn phòng Sở công bố" in trend.text
    assert "chưa có biểu đồ" in trend.text
    assert "chưa công bố\n" not in trend.text  # no column of empty quarters
    assert [m for m in await head.idle() if m.photo] == []

    # The office sees the unit that reported (provisional), and one that never did.
    await office.send("/trend THPT-QH")
    await office.expect("Diễn biến kết quả theo dõi quý")
    assert (await office.expect("Diễn biến kết quả theo dõi quý —")).photo is not None
    await office.send("/trend PGD-QN")
    silent = await office.expect("Diễn biến kết quả theo dõi quý")
    shown = len(await services.standings.trend("PGD-QN"))
    assert f"Đơn vị chưa có kết quả theo dõi nào trong {shown} quý gần đây" in silent.text
    assert [m for m in await office.idle() if m.photo] == []
