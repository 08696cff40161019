"""Appraisal end to end: the office adjusts a score, the unit explains, the office closes."""

from __future__ import annotations

from bot.app import services_of
from bot.numbers import format_number
from bot.services.container import Services
from bot.standin import BotApiStandin, SimulatedUser
from handlers.context import App
from storage import audit
from tests.e2e.conftest import bound_user
from tests.e2e.publishing import publish
from tests.reports import submit
from tests.rules import TEST_METHODOLOGY

# The criterion's maximum as the methodology gives it and the bot writes it ("10").
ONLINE_MAX = TEST_METHODOLOGY.criterion("online_rate").max_points
OUT_OF = format_number(ONLINE_MAX)


async def reported_head(standin: BotApiStandin, services: Services, user_id: int) -> SimulatedUser:
    """The head of THPT-QH, registered through /start, with quarter I/2025 submitted."""
    head = await bound_user(standin, services, user_id, "THPT-QH")
    member = await services.registration.identify(head.id)
    assert member.membership is not None
    await submit(services, member.membership)
    return head


async def test_appraisal_explanation_round_trip(
    standin: BotApiStandin, app: App, office: SimulatedUser
) -> None:
    services = services_of(app)
    head = await reported_head(standin, services, 9501)

    await office.send("/appraise THPT-QH 2025-Q1")
    sheet = await office.expect("Bảng điểm quý I/2025 — Trường THPT Quốc Học Quy Nhơn")
    # 1.000 of 1.250 dossiers online = 80 % against a 90 % target: 10 × 0,8 ÷ 0,9.
    online = TEST_METHODOLOGY.criterion("online_rate").title
    assert f"online_rate</code> {online}: 8,89/{OUT_OF}" in sheet.html

    # The period as the bot writes it reads the same sheet.
    await office.send("/appraise THPT-QH quý I/2025")
    again = await office.expect("Bảng điểm quý I/2025 — Trường THPT Quốc Học Quy Nhơn")
    assert again.html == sheet.html

    await office.send(f"/appraise THPT-QH 2025-Q1 online_rate {ONLINE_MAX + 2} Quá điểm")
    refused = await office.expect("Không ghi được điểm thẩm định")
    assert f"vượt điểm tối đa {OUT_OF}" in refused.text
    await office.send("/appraise THPT-QH 2025-Q1 no_such 1 Lý do")
    await office.expect("không có tiêu chí “no_such”")

    await office.send(
        "/appraise THPT-QH 2025-Q1 online_rate 7,5 Số liệu hồ sơ trực tuyến <chưa khớp>"
    )
    notice = await head.expect("Văn phòng Sở đã thẩm định điểm của đơn vị quý I/2025")
    assert f"Điểm theo báo cáo của đơn vị: 8,89 · Điểm thẩm định: 7,5/{OUT_OF}" in notice.text
    assert "<chưa khớp>" in notice.text  # escaped on the way, shown as typed
    done = await office.expect("Đã thẩm định tiêu chí")
    assert f"7,5/{OUT_OF}" in done.text
    assert "Đã báo cho 1 thành viên" in done.text

    await head.click("Giải trình")
    await head.expect("vui lòng gửi nội dung giải trình")
    await head.send("Đơn vị đã cập nhật 125 hồ sơ trực tuyến trên Cổng dịch vụ công.")
    sent = await head.expect("Đã gửi giải trình số")
    assert TEST_METHODOLOGY.criterion("online_rate").title in sent.text
    card = await office.expect("Giải trình số")
    assert "125 hồ sơ trực tuyến" in card.text

    await office.send("/explanations")
    await office.expect("Giải trình đang chờ xem xét: 1")
    await office.expect("Giải trình số")
    await office.click("Đã xem xét, đóng")
    closed = await head.expect("Văn phòng Sở đã xem xét giải trình số")
    assert "Phản hồi" not in closed.text
    await office.expect("Đã đóng giải trình số")
    await office.send("/explanations")
    await office.expect("Không có giải trình nào đang chờ xem xét")

    await publish(office)
    await head.expect("đã công bố Kết quả theo dõi quý I/2025")
    await head.send("/standing")
    standing = await head.expect("Xếp hạng trong khối")
    assert "1 tiêu chí được Văn phòng Sở điều chỉnh" in standing.text

    trail = await audit.entries(services.db.reader, unit_code="THPT-QH")
    change = next(e for e in trail if e.action == "appraisal.set")
    assert change.detail["reported"] == "8.89"
    assert change.detail["after"] == "7.5"
    assert {"explanation.add", "explanation.close"} <= {e.action for e in trail}


async def test_units_cannot_appraise_and_explain_cancels(
    standin: BotApiStandin, app: App, office: SimulatedUser
) -> None:
    services = services_of(app)
    head = await reported_head(standin, services, 9502)

    await head.send("/appraise THPT-QH 2025-Q1 online_rate 10 Tự chấm")
    await head.expect("chỉ dành cho Văn phòng Sở")
    await head.send("/explain")
    await head.expect("chưa có tiêu chí nào được Văn phòng Sở điều chỉnh")

    await office.send("/appraise THPT-QH 2025-Q1 online_rate 5 Thiếu minh chứng")
    await head.expect(f"Điểm thẩm định: 5/{OUT_OF}")
    await head.send("/explain")
    listing = await head.expect("Các tiêu chí được điều chỉnh khi thẩm định quý I/2025")
    assert f"8,89 → 5/{OUT_OF} (Thiếu minh chứng)" in listing.text
    await head.click("Giải trình: Tỷ lệ hồ sơ", message=listing)
    await head.expect("vui lòng gửi nội dung giải trình")
    await head.send("/cancel")
    await head.expect("Đã huỷ việc gửi giải trình")
    await head.send("Một tin nhắn bình thường")
    await head.expect("Anh/chị đang không lập báo cáo")
    assert await services.appraisal.open_explanations() == []
