"""Awards end to end: the office's candidate list, a unit's dossier, reminders sent once."""

from __future__ import annotations

from datetime import UTC, datetime

from bot.app import services_of
from bot.domain.models import Membership
from bot.services.container import Services
from bot.standin import BotApiStandin, SimulatedUser
from handlers.awards import JOB_NAME
from handlers.context import App
from tests.clock import FakeClock
from tests.e2e.conftest import bound_user
from tests.reports import bind, submit

PDF = b"%PDF-1.4 test"


async def _membership_of(services: Services, user_id: int) -> Membership:
    who = await services.registration.identify(user_id)
    assert who.membership is not None
    return who.membership


async def _first_quarter(services: Services, head_id: int) -> None:
    """Quý I/2025: four schools with different online shares (1.250 dossiers each)."""
    await submit(services, await _membership_of(services, head_id), {"dossiers_online": "1.200"})
    await submit(services, await bind(services, 9202, "THPT-LQD"), {"dossiers_online": "1.000"})
    await submit(
        services,
        await bind(services, 9203, "THPT-CVA"),
        {"dossiers_online": "1.130", "articles": "2"},
    )
    await submit(services, await bind(services, 9204, "THPT-TV"), {"dossiers_online": "1.125"})


async def run_reminder_job(app: App) -> None:
    assert app.job_queue is not None
    (job,) = app.job_queue.get_jobs_by_name(JOB_NAME)
    await job.run(app)


async def test_office_lists_candidates_confirms_and_a_unit_attaches_its_dossier(
    standin: BotApiStandin, app: App, office: SimulatedUser
) -> None:
    services = services_of(app)
    head = await bound_user(standin, services, 9101, "THPT-QH", name="Trần Thị Hiệu Trưởng")
    for user_id in (9202, 9203, 9204):
        standin.user(user_id).started = True  # colleagues who have talked to the bot
    await _first_quarter(services, 9101)

    await office.send("/awards 2025")
    listing = await office.expect("Đề xuất khen thưởng phong trào thi đua CCHC năm 2025")
    text = listing.text
    assert "Hạn nộp hồ sơ đề nghị khen thưởng về Sở: 15/01/2026." in text
    assert "chưa được công bố; danh sách là tạm tính" in text
    assert "1) Trường THPT Quốc Học Quy Nhơn (THPT-QH)" in text
    assert "hồ sơ trực tuyến 1.200/1.250 = 96,00% (1/4 quý có báo cáo)" in text
    assert "2) Trường THPT chuyên Chu Văn An (THPT-CVA)" in text
    assert "1.130/1.250 = 90,40%" in text
    assert "Chỉ có 2 đơn vị đủ điều kiện" in text
    # Leaders excluded by the online rule are named, with their numbers.
    assert "Trường THPT Trưng Vương (THPT-TV) — hạng 1" in text
    assert "trực tuyến 1.125/1.250 = 90,00%, chưa trên 90%" in text
    assert "1.000/1.250 = 80,00%" in text
    assert "Thủ trưởng Trường THPT Quốc Học Quy Nhơn (THPT-QH): Trần Thị Hiệu Trưởng" in text
    assert "Chưa có phòng nào đạt loại Xuất sắc, Tốt." in text
    assert "Hồ sơ: chưa đề nghị đơn vị lập" in text
    assert [b["text"] for b in listing.buttons] == ["📨 Chốt danh sách, đề nghị lập hồ sơ"]

    await office.send("/nominate_person 2025 THPT-QH | Lê Văn Bình | Có sáng kiến")
    await office.expect("không thuộc khối các phòng chuyên môn, nghiệp vụ thuộc Sở")
    await office.send(
        "/nominate_person 2025 TCCB | Nguyễn Văn An | Thụ lý 320 hồ sơ đúng hạn; đề xuất "
        "quy trình tiếp nhận trực tuyến <mới>"
    )
    nominated = await office.expect("Đã ghi nhận đề cử #1: Nguyễn Văn An — Phòng Tổ chức cán bộ")
    assert "quy trình tiếp nhận trực tuyến <mới>" in nominated.text  # escaped, shown as typed

    await office.send("/awards 2025")
    listing = await office.expect("Đề xuất khen thưởng")
    assert "#1 Nguyễn Văn An — Phòng Tổ chức cán bộ" in listing.text
    await office.click("Chốt danh sách", message=listing)

    notice = await head.expect("Văn phòng Sở đề nghị đơn vị lập hồ sơ đề nghị khen thưởng")
    assert "Giấy khen cho tập thể đơn vị" in notice.text
    assert "Giấy khen cho Thủ trưởng đơn vị" in notice.text
    assert "Hạn nộp về Sở: 15/01/2026 (còn 329 ngày)." in notice.text
    assert "⬜ 2. Biên bản họp Hội đồng Thi đua – Khen thưởng: chưa nộp" in notice.text
    assert len(notice.buttons) == 3
    done = await office.expect("Đã chốt danh sách đề xuất khen thưởng năm 2025")
    # THPT-QH, THPT-CVA, and TCCB for its nominee; nobody of TCCB uses the bot yet.
    assert "3 đơn vị lập hồ sơ; đã gửi đề nghị tới 3 đơn vị (2 người nhận)" in done.text
    assert "không gửi được tin): TCCB. Vui lòng thông báo" in done.text
    await standin.user(9203).expect("Văn phòng Sở đề nghị đơn vị lập hồ sơ")  # THPT-CVA

    await head.click("Tờ trình", message=notice)
    await head.expect("Vui lòng gửi tệp Tờ trình (văn bản) đề nghị khen thưởng")
    await head.send("Đây là tờ trình")
    await head.expect("Bot đang chờ tệp")
    await head.send_document("to-trinh.txt", "text/plain", b"text")
    await head.expect("Tệp phải có định dạng PDF, DOC, DOCX")
    await head.send_document("to-trinh.pdf", "application/pdf", PDF)
    received = await head.expect("Đã nhận Tờ trình (văn bản) đề nghị khen thưởng: to-trinh.pdf")
    assert "✅ 1. Tờ trình (văn bản) đề nghị khen thưởng: to-trinh.pdf" in received.text
    assert "⬜ 3. Báo cáo thành tích: chưa nộp" in received.text

    await head.send("/award_dossier")
    checklist = await head.expect("Hồ sơ đề nghị khen thưởng CCHC năm 2025")
    assert "✅ 1." in checklist.text

    await office.send("/awards 2025")
    listing = await office.expect("Đề xuất khen thưởng")
    assert (
        "Hồ sơ: 1/3 văn bản — còn thiếu: Biên bản họp Hội đồng Thi đua – Khen thưởng; "
        "Báo cáo thành tích" in listing.text
    )
    assert "Danh sách đã được chốt; 3 đơn vị đang lập hồ sơ" in listing.text
    assert listing.buttons == []

    await office.send("/award_dossier THPT-QH 2025")
    await office.expect("Đơn vị: Trường THPT Quốc Học Quy Nhơn")
    sent = await office.expect_document()
    assert sent.document is not None
    assert "Tờ trình (văn bản) đề nghị khen thưởng — Trường THPT Quốc Học Quy Nhơn" in sent.text


async def test_units_and_strangers_cannot_use_office_award_commands(
    standin: BotApiStandin, app: App
) -> None:
    services = services_of(app)
    head = await bound_user(standin, services, 9101, "THPT-QH")

    await head.send("/awards 2025")
    await head.expect("chỉ dành cho Văn phòng Sở")
    await head.send("/nominate_person 2025 TCCB | A B | lý do")
    await head.expect("chỉ dành cho Văn phòng Sở")
    await head.send("/award_dossier")
    await head.expect("chưa được Văn phòng Sở đề nghị lập hồ sơ")


async def test_reminders_are_sent_once_at_seven_three_and_one_days_before(
    standin: BotApiStandin, app: App, office: SimulatedUser, clock: FakeClock
) -> None:
    services = services_of(app)
    head = await bound_user(standin, services, 9101, "THPT-QH")
    await submit(services, await _membership_of(services, 9101), {"dossiers_online": "1.200"})
    await services.awards.confirm(2025, actor="test")

    clock.now = datetime(2026, 1, 8, 0, 59, tzinfo=UTC)  # 07:59 on 08/01/2026 in Hà Nội
    await run_reminder_job(app)
    assert await head.idle() == []

    clock.now = datetime(2026, 1, 8, 1, 0, tzinfo=UTC)  # 08:00: seven days before
    await run_reminder_job(app)
    reminder = await head.expect("Nhắc hạn nộp hồ sơ đề nghị khen thưởng CCHC năm 2025")
    assert "hạn nộp về Sở là 15/01/2026 (còn 7 ngày)" in reminder.text
    assert "⬜ Báo cáo thành tích" in reminder.text
    assert len(reminder.buttons) == 3

    clock.advance(hours=2)
    await run_reminder_job(app)
    await run_reminder_job(app)
    assert await head.idle() == []  # never twice

    await head.click("Biên bản", message=reminder)
    await head.expect("Vui lòng gửi tệp Biên bản")
    await head.send_document("bien-ban.docx", "", PDF)
    await head.expect("Đã nhận Biên bản họp")

    clock.now = datetime(2026, 1, 12, 1, 5, tzinfo=UTC)  # three days before
    await run_reminder_job(app)
    reminder = await head.expect("Nhắc hạn nộp")
    assert "(còn 3 ngày)" in reminder.text
    assert "Biên bản" not in reminder.text
    assert len(reminder.buttons) == 2

    for kind in ("Tờ trình", "Báo cáo thành tích"):
        await head.click(kind, message=reminder)
        await head.expect("Vui lòng gửi tệp")
        await head.send_document("tep.pdf", "application/pdf", PDF)
        received = await head.expect("Đã nhận")
    assert "Hồ sơ đã đủ 3/3 văn bản" in received.text
    complete = await office.expect("đã nộp đủ hồ sơ đề nghị khen thưởng CCHC năm 2025")
    assert "/award_dossier THPT-QH 2025" in complete.text

    clock.now = datetime(2026, 1, 14, 1, 0, tzinfo=UTC)  # one day before: nothing is missing
    await run_reminder_job(app)
    assert await head.idle() == []


async def test_a_reminder_caught_up_at_night_waits_for_the_end_of_quiet_hours(
    standin: BotApiStandin, app: App, clock: FakeClock
) -> None:
    services = services_of(app)
    head = await bound_user(standin, services, 9101, "THPT-QH")
    await submit(services, await _membership_of(services, 9101), {"dossiers_online": "1.200"})
    await services.awards.confirm(2025, actor="test")

    clock.now = datetime(2026, 1, 8, 15, 0, tzinfo=UTC)  # 22:00 on 08/01: back after downtime
    await run_reminder_job(app)
    assert await head.idle() == []

    clock.now = datetime(2026, 1, 9, 0, 5, tzinfo=UTC)  # 07:05 on 09/01
    await run_reminder_job(app)
    reminder = await head.expect("Nhắc hạn nộp hồ sơ đề nghị khen thưởng CCHC năm 2025")
    assert "(còn 6 ngày)" in reminder.text
