"""/audit end to end: a unit's trail in Vietnamese, split to Telegram's limits."""

from __future__ import annotations

from bot.app import services_of
from bot.standin import BotApiStandin, SimulatedUser
from handlers.context import App
from handlers.telegram_text import MESSAGE_LIMIT, utf16_len
from tests.e2e.conftest import bound_user
from tests.form_steps import Walk, label, number
from tests.reports import VALID_ANSWERS, bind, resubmit, submit
from tests.rules import YEAR

PLANNED = f"Câu {number('tasks_planned')} «{label('tasks_planned')}»"


async def test_office_sees_who_changed_what_before_and_after(
    standin: BotApiStandin, app: App, office: SimulatedUser
) -> None:
    head = await bound_user(standin, services_of(app), 9951, "THPT-QH")
    walk = Walk(head)
    await walk.start()
    await walk.send("12", at="tasks_planned")
    await walk.back(to="tasks_planned")
    await walk.send("15")

    await office.send("/audit thpt-qh")
    trail = await office.expect("Nhật ký thay đổi của Trường THPT Quốc Học Quy Nhơn")

    text = trail.text
    assert "(THPT-QH)\n4 mục mới nhất, mục mới nhất ở trên:" in text
    changed = f"{PLANNED} (quý I/2025): 12 → 15"
    first = f"{PLANNED} (quý I/2025): (chưa có) → 12"
    assert text.index(changed) < text.index(first)  # newest first
    assert "— Trần Thị Hiệu Trưởng (Thủ trưởng đơn vị)\n" + changed in text
    assert "Đăng ký trên bot với vai trò Thủ trưởng đơn vị: Trần Thị Hiệu Trưởng" in text
    assert "Tạo mã mời số 1 (Thủ trưởng đơn vị)" in text
    assert " ngày 20/02/2025 — " in text


async def test_a_long_trail_is_split_into_messages_telegram_accepts(
    app: App, office: SimulatedUser
) -> None:
    services = services_of(app)
    await submit(services, await bind(services, 9952, "THPT-LQD"))

    await office.send("/audit THPT-LQD 200")
    first = await office.expect("Nhật ký thay đổi của Trường THPT chuyên Lê Quý Đôn")
    rest = await office.idle()

    parts = [first, *rest]
    assert len(parts) >= 2
    assert all(utf16_len(p.text) <= MESSAGE_LIMIT for p in parts)
    whole = "\n".join(p.text for p in parts)
    assert "Gửi báo cáo quý I/2025, lần 1" in whole
    assert whole.count("(quý I/2025): (chưa có) → ") == len(services.rules.form(YEAR).fields)
    requests = f"{label('requests')}» (quý I/2025): (chưa có) → {VALID_ANSWERS['requests']}"
    assert requests in whole


async def test_audit_is_for_the_office(
    standin: BotApiStandin, app: App, office: SimulatedUser
) -> None:
    head = await bound_user(standin, services_of(app), 9953, "THPT-QH")
    await head.send("/audit THPT-QH")
    await head.expect("chỉ dành cho Văn phòng Sở")

    await office.send("/audit")
    await office.expect("Cú pháp: /audit MÃ_ĐƠN_VỊ [số mục]")
    await office.send("/audit THPT-QH 0")
    await office.expect("Cú pháp: /audit")
    await office.send("/audit KHONG-CO")
    await office.expect("KHONG-CO")
    await office.send("/audit THPT-AL")
    await office.expect("Chưa có thay đổi nào được ghi nhận cho Trường THPT An Lương (THPT-AL).")


async def test_a_resubmission_shows_what_changed(app: App, office: SimulatedUser) -> None:
    services = services_of(app)
    member = await bind(services, 9954, "THPT-QH")
    await submit(services, member)
    assert await resubmit(services, member, {"tasks_completed": "11", "inspections": "4"}) == 2

    await office.send("/audit THPT-QH 3")
    trail = await office.expect("Nhật ký thay đổi của Trường THPT Quốc Học Quy Nhơn")

    completed = f"• Câu {number('tasks_completed')} «{label('tasks_completed')}»"
    inspections = f"• Câu {number('inspections')} «{label('inspections')}»"
    assert (
        "Gửi báo cáo quý I/2025, lần 2; 2 câu thay đổi so với lần 1:\n"
        f"{completed}: {VALID_ANSWERS['tasks_completed']} → 11\n"
        f"{inspections}: {VALID_ANSWERS['inspections']} → 4"
    ) in trail.text
