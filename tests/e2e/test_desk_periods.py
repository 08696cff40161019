"""The office's periods and chasing late units, through the Bot API stand-in:
/period with buttons and arguments, /late with "remind now" and "reopen and remind"."""

from __future__ import annotations

from datetime import UTC, datetime

from bot.app import services_of
from bot.standin import BotApiStandin, SimulatedUser
from handlers.context import App
from tests.clock import FakeClock
from tests.e2e.conftest import bound_user
from tests.form_steps import header
from tests.reports import bind, submit


async def test_period_buttons_change_the_deadline_and_close_and_open(
    standin: BotApiStandin, app: App, office: SimulatedUser
) -> None:
    services = services_of(app)
    head = await bound_user(standin, services, 7301, "THPT-QH")

    await head.send("/period")
    await head.expect("chỉ dành cho Văn phòng Sở")

    await office.send("/period")
    listing = await office.expect("Các kỳ báo cáo CCHC")
    assert "quý I/2025" in listing.text
    assert "quý II/2025" in listing.text
    await office.click("2025-Q1", message=listing)
    card = await office.expect("Kỳ báo cáo quý I/2025")
    assert "Số liệu từ ngày 15/12/2024 đến ngày 14/03/2025" in card.text
    assert "Hạn nộp: 23:59 ngày 15/03/2025" in card.text
    units = len(await services.roster.list_units())
    assert f"Đã gửi: 0/{units} đơn vị" in card.text

    await office.click("📅 Đổi hạn nộp", message=card)
    await office.expect("Vui lòng nhập hạn nộp mới")
    await office.send("ngày mai")
    await office.expect("Không đọc được ngày giờ")
    await office.send("10/03/2025")
    await office.expect("phải sau ngày chốt số liệu của kỳ (14/03/2025)")
    await office.send("20/03/2025 17:00")
    done = await office.expect("Đã đặt hạn nộp kỳ báo cáo quý I/2025")
    assert "17:00 ngày 20/03/2025" in done.text
    period = await services.periods.get("2025-Q1")
    assert period is not None
    assert period.due_at == datetime(2025, 3, 20, 10, 0, tzinfo=UTC)

    await office.send("/period 2025-Q1 close")
    await office.expect("Đã đóng kỳ báo cáo quý I/2025")
    await head.send("/report")
    await head.expect("đã được Văn phòng Sở đóng")

    await office.send("/period 2025-Q1")
    card = await office.expect("Trạng thái: đã đóng")
    await office.click("🔓 Mở kỳ", message=card)
    await office.expect("Đã mở kỳ báo cáo quý I/2025")
    await head.send("/report")
    await head.expect(header(1))

    await office.send("/period 2025-Q4")
    year_end = await office.expect("Kỳ báo cáo quý IV/2025")
    assert "đồng thời là báo cáo năm 2025" in year_end.text
    await office.send("/period 2025-Q4 due 31/12/2025")
    await office.expect("23:59 ngày 31/12/2025")
    await office.send("/period 2025-Q9 open")
    await office.expect("Kỳ báo cáo không hợp lệ")
    await office.send("/period 2025-Q2 whatever")
    await office.expect("Cú pháp")


async def test_late_lists_pending_units_and_reminds_them_now(
    standin: BotApiStandin, app: App, office: SimulatedUser, clock: FakeClock
) -> None:
    services = services_of(app)
    qh = await bound_user(standin, services, 7401, "THPT-QH")
    pgd = await bound_user(standin, services, 7402, "PGD-QN")
    await submit(services, await bind(services, 7403, "TT-GDTX"))

    await office.send("/late")
    pending = await office.expect("Đơn vị chưa nộp báo cáo CCHC quý I/2025")
    units = len(await services.roster.list_units())
    assert f"Đã gửi: 1/{units} · Chưa nộp: {units - 1}" in pending.text
    assert "THPT-QH" in pending.text
    assert "TT-GDTX" not in pending.text
    await office.click("🔔 Nhắc ngay", message=pending)
    reminder = await qh.expect("Nhắc hạn nộp báo cáo CCHC quý I/2025")
    assert "Hạn nộp: 23:59 ngày 15/03/2025 (còn 23 ngày)" in reminder.text
    assert "chưa lập báo cáo" in reminder.text
    await pgd.expect("Nhắc hạn nộp báo cáo CCHC quý I/2025")
    done = await office.expect("Đã gửi lời nhắc tới 2 người của 2 đơn vị")
    assert "Không nhắc 68 đơn vị" in done.text  # nobody bound there

    # Pressed again at once: nobody is reminded twice within the hour, and the office
    # is told why per reason, the units nobody registered for named (a few of them).
    await office.click("🔔 Nhắc ngay", message=pending)
    again = await office.expect("Chưa gửi lời nhắc nào")
    assert "Không nhắc 70 đơn vị chưa nộp báo cáo" in again.text
    assert "• 2 đơn vị vừa được nhắc trong vòng một giờ qua" in again.text
    assert "• 68 đơn vị chưa có ai đăng ký sử dụng bot" in again.text
    assert "và 58 đơn vị khác" in again.text
    assert "THPT-QH" not in again.text  # reminded, not unregistered
    assert "Không có đơn vị nào" not in again.text
    assert await qh.idle() == []

    # After the deadline: the late list, and reopening for all late units in one press.
    clock.now = datetime(2025, 3, 16, 3, 0, tzinfo=UTC)  # 10:00 on 16/03
    await office.send("/late 2025-Q1")
    late = await office.expect("Đơn vị quá hạn chưa nộp báo cáo CCHC quý I/2025")
    assert "Quá hạn: <b>70</b>" in late.html or "Quá hạn: 70" in late.text
    await office.click("Mở lại 3 ngày và nhắc", message=late)
    reopened = await qh.expect("Văn phòng Sở đã mở lại kỳ báo cáo CCHC quý I/2025")
    assert "23:59 ngày 19/03/2025" in reopened.text
    again = await qh.expect("Nhắc hạn nộp")
    assert "(còn 3 ngày)" in again.text
    await office.expect("Đã mở lại kỳ báo cáo quý I/2025 cho 70 đơn vị quá hạn")
    await qh.send("/report")
    await qh.expect(header(1))


async def test_a_new_deadline_is_told_to_units_that_have_not_submitted(
    standin: BotApiStandin, app: App, office: SimulatedUser
) -> None:
    services = services_of(app)
    waiting = await bound_user(standin, services, 7311, "THPT-QH")
    await submit(services, await bind(services, 7312, "THPT-LQD"))
    reopened = await bound_user(standin, services, 7313, "THPT-AL")
    done = await bound_user(standin, services, 7314, "THPT-LQD")
    await services.periods.reopen_for("THPT-AL", "2025-Q1", days=60, actor="test")

    await office.send("/period 2025-Q1 due 20/03/2025 17:00")
    await office.expect("Đã đặt hạn nộp kỳ báo cáo quý I/2025")
    told = await office.expect("Đang gửi thông báo hạn nộp mới")
    assert "tới 1 người của 1 đơn vị chưa nộp báo cáo" in told.text
    assert "68 đơn vị chưa nộp báo cáo chưa có ai đăng ký dùng bot" in told.text
    assert "THPT-QH" not in told.text
    assert "THPT-AL" not in told.text  # reopened until later: its own deadline stands

    notice = await waiting.expect("Văn phòng Sở đã đổi hạn nộp báo cáo CCHC quý I/2025")
    assert "hạn mới là 17:00 ngày 20/03/2025 (trước đây: 23:59 ngày 15/03/2025)" in notice.text
    assert "Trường THPT Quốc Học Quy Nhơn" in notice.text
    assert not [m for m in await reopened.idle() if "đổi hạn nộp" in m.text]
    assert not [m for m in await done.idle() if "đổi hạn nộp" in m.text]

    await office.send("/period 2025-Q1 due 20/03/2025 17:00")  # no change, nobody told
    await office.expect("Đã đặt hạn nộp kỳ báo cáo quý I/2025")
    assert not [m for m in await office.idle() if "thông báo hạn nộp mới" in m.text]
    assert not [m for m in await waiting.idle() if "đổi hạn nộp" in m.text]
