"""Awards end to end: the office's candidate list, a unit's dossier, reminders sent once."""

from __future__ import annotations

from datetime import UTC, datetime

from bot.app import services_of
from bot.domain.models import Membership
from bot.formatting import format_points
from bot.services.awards import plan_sentence
from bot.services.container import Services
from bot.standin import BotApiStandin, SimulatedUser
from handlers.awards import JOB_NAME
from handlers.context import App
from tests.awards_year import (
    QUARTER_MOMENTS,
    UnitYear,
    procedures,
    publish_year,
    report_year,
)
from tests.clock import FakeClock
from tests.e2e.conftest import bound_user
from tests.reports import bind, submit
from tests.rules import YEAR

PDF = b"%PDF-1.4 test"
# A year of four units: a school and a centre meeting both conditions, two schools
# ranked next that miss "trên 90%" (exactly 90 %, 89,9 %).
YEAR_PLAN = {
    "THPT-QH": UnitYear(procedures(10, 10)),
    "TT-GDTX": UnitYear(procedures(1000, 901), short=1),
    "THPT-TV": UnitYear(procedures(1000, 900), short=2),
    "THPT-LQD": UnitYear(procedures(1000, 899), short=3),
}
A_GOOD_YEAR = {"THPT-QH": UnitYear(procedures(10, 10))}


async def _membership_of(services: Services, user_id: int) -> Membership:
    who = await services.registration.identify(user_id)
    assert who.membership is not None
    return who.membership


async def shown_index(services: Services, unit_code: str) -> str:
    """The unit's year index as ``/ranking BLOCK 2025`` shows it."""
    unit = await services.office.unit(unit_code)
    assert unit is not None
    ranking = await services.standings.block_ranking(
        services.standings.parse_scope("2025"), unit.block
    )
    row = ranking.row(unit_code)
    assert row is not None
    assert row.ranked.entry.index is not None
    return format_points(row.ranked.entry.index)


async def run_reminder_job(app: App) -> None:
    assert app.job_queue is not None
    (job,) = app.job_queue.get_jobs_by_name(JOB_NAME)
    await job.run(app)


async def test_office_lists_candidates_confirms_and_a_unit_attaches_its_dossier(
    standin: BotApiStandin, app: App, office: SimulatedUser, clock: FakeClock
) -> None:
    """Plan III.1: "Xét tặng Giấy khen của Giám đốc Sở Giáo dục và Đào tạo cho 04 đơn vị
    trực thuộc có kết quả đánh giá chỉ số cải cách hành chính dẫn đầu Khối các đơn vị
    trực thuộc, có trên 90% thủ tục hành chính được trình Sở giải quyết theo hình thức
    trực tuyến." The school and the centre qualify; 90,0 % and 89,9 % do not."""
    services = services_of(app)
    head = await bound_user(standin, services, 9101, "THPT-QH", name="Trần Thị Hiệu Trưởng")
    qh = await _membership_of(services, 9101)
    members = await report_year(services, clock, YEAR_PLAN, first_user=9201, bound={"THPT-QH": qh})
    for member in members.values():
        standin.user(member.telegram_id).started = True  # colleagues who talk to the bot

    await office.send("/awards 2025")
    listing = await office.expect("Đề xuất khen thưởng phong trào thi đua CCHC năm 2025")
    text = listing.text
    assert (
        "Theo mục III.1 Kế hoạch phát động phong trào thi đua đẩy mạnh cải cách hành chính "
        "giai đoạn 2021–2025." in text
    )
    assert "Hạn nộp hồ sơ đề nghị khen thưởng về Sở: 15/01/2026." in text
    assert "chưa được công bố; danh sách là tạm tính" in text
    assert f"Kế hoạch: “{plan_sentence('unit', 'Sở Giáo dục và Đào tạo')}”" in text
    assert "thủ tục hành chính được trình Sở giải quyết theo hình thức trực tuyến" in text
    assert (
        "Khối các đơn vị trực thuộc gồm: Khối các trường THPT và đơn vị trực thuộc, Khối các "
        "Trung tâm GDTX, GDNN-GDTX (xếp hạng chung). Điều kiện: Chỉ số CCHC năm xếp loại Tốt "
        "trở lên" in text
    )
    assert "1) Trường THPT Quốc Học Quy Nhơn (THPT-QH)" in text
    assert "hồ sơ trình Sở trực tuyến 40/40 = 100,0% (4/4 quý có báo cáo)" in text
    assert "2) Trung tâm Giáo dục thường xuyên tỉnh (TT-GDTX)" in text
    assert "3.604/4.000 = 90,1%" in text
    assert "Chỉ có 2 đơn vị đủ điều kiện" in text
    # The leaders a condition excluded are named, with the figure that decides it.
    tv = await shown_index(services, "THPT-TV")
    assert (
        f"Trường THPT Trưng Vương (THPT-TV) — hạng 3, chỉ số {tv} điểm: tỷ lệ hồ sơ trình Sở "
        "trực tuyến 90,0% (3.600/4.000) — không trên 90%" in text
    )
    assert "tỷ lệ hồ sơ trình Sở trực tuyến 89,9% (3.596/4.000) — không trên 90%" in text
    assert "Thủ trưởng Trường THPT Quốc Học Quy Nhơn (THPT-QH): Trần Thị Hiệu Trưởng" in text
    assert "Hồ sơ: chưa đề nghị đơn vị lập" in text
    # Provisional figures: no "Chốt danh sách" until the year's index is published.
    assert listing.buttons == []
    assert "Sau khi công bố Chỉ số CCHC năm 2025 (/publish 2025)" in text

    await office.send("/nominate_person 2025 THPT-QH | Lê Văn Bình | Có sáng kiến")
    await office.expect("không thuộc khối các phòng chuyên môn, nghiệp vụ thuộc Sở")
    await office.send(
        "/nominate_person 2025 TCCB | Nguyễn Văn An | Thụ lý 320 hồ sơ đúng hạn; đề xuất "
        "quy trình tiếp nhận trực tuyến <mới>"
    )
    nominated = await office.expect("Đã ghi nhận đề cử #1: Nguyễn Văn An — Phòng Tổ chức cán bộ")
    assert "quy trình tiếp nhận trực tuyến <mới>" in nominated.text  # escaped, shown as typed

    await publish_year(services)
    await office.send("/awards 2025")
    listing = await office.expect("Đề xuất khen thưởng")
    assert "#1 Nguyễn Văn An — Phòng Tổ chức cán bộ" in listing.text
    assert "tạm tính" not in listing.text
    assert [b["text"] for b in listing.buttons] == ["📨 Chốt danh sách, đề nghị lập hồ sơ"]
    await office.click("Chốt danh sách", message=listing)

    notice = await head.expect("Văn phòng Sở đề nghị đơn vị lập hồ sơ đề nghị khen thưởng")
    assert (
        "Giấy khen cho tập thể đơn vị (dẫn đầu Khối các đơn vị trực thuộc, trên 90% thủ tục "
        "hành chính được trình Sở giải quyết theo hình thức trực tuyến)" in notice.text
    )
    assert "Giấy khen cho Thủ trưởng đơn vị" in notice.text
    assert "Hạn nộp về Sở: 15/01/2026 (còn 10 ngày)." in notice.text
    assert "⬜ 2. Biên bản họp Hội đồng Thi đua – Khen thưởng: chưa nộp" in notice.text
    assert len(notice.buttons) == 3
    done = await office.expect("Đã chốt danh sách đề xuất khen thưởng năm 2025")
    # THPT-QH, TT-GDTX, and TCCB for its nominee; nobody of TCCB uses the bot yet.
    assert "3 đơn vị lập hồ sơ; đã gửi đề nghị tới 3 đơn vị (2 người nhận)" in done.text
    assert "không gửi được tin): TCCB. Vui lòng thông báo" in done.text
    centre = members["TT-GDTX"].telegram_id
    await standin.user(centre).expect("Văn phòng Sở đề nghị đơn vị lập hồ sơ")

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


async def test_a_quarter_of_reports_proposes_no_weak_leader_and_says_why(
    standin: BotApiStandin, app: App, office: SimulatedUser, clock: FakeClock
) -> None:
    """Only quý I/2025 reported: year indices near 20 points. The plan awards units
    "dẫn đầu Khối các đơn vị trực thuộc" on the CCHC index; a unit rated "Yếu" is not a
    candidate, however it ranks, and the list says so for each leader."""
    services = services_of(app)
    clock.now = QUARTER_MOMENTS[1]
    await submit(services, await bind(services, 9201, "THPT-QH"), procedures(10, 10))
    await submit(services, await bind(services, 9202, "TT-GDTX"), procedures(10, 9))
    clock.now = datetime(2026, 1, 5, 2, tzinfo=UTC)
    await publish_year(services)
    lowest = services.standings.methodology(YEAR).bands[-1].name
    index = await shown_index(services, "THPT-QH")
    assert index == await shown_index(services, "TT-GDTX")  # tied, each ranked first

    await office.send("/awards 2025")
    listing = await office.expect("Đề xuất khen thưởng phong trào thi đua CCHC năm 2025")

    text = listing.text
    assert "Chưa có đơn vị nào đủ điều kiện." in text
    assert "Đơn vị xếp hạng cao trong Khối nhưng chưa đủ điều kiện:" in text
    assert (
        f"(THPT-QH) — hạng 1, chỉ số {index} điểm: xếp loại {lowest}, dưới mức tối thiểu Tốt"
        in text
    )
    assert (
        f"(TT-GDTX) — hạng 1, chỉ số {index} điểm: xếp loại {lowest}, dưới mức tối thiểu Tốt; "
        "tỷ lệ hồ sơ trình Sở trực tuyến 90,0% (9/10) — không trên 90%" in text
    )
    assert "Chưa có đơn vị nào đủ điều kiện." in text.split("2. Giấy khen cho Thủ trưởng")[1]
    assert listing.buttons == []


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
    qh = await _membership_of(services, 9101)
    await report_year(services, clock, A_GOOD_YEAR, bound={"THPT-QH": qh})
    await publish_year(services)
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
    qh = await _membership_of(services, 9101)
    await report_year(services, clock, A_GOOD_YEAR, bound={"THPT-QH": qh})
    await publish_year(services)
    await services.awards.confirm(2025, actor="test")

    clock.now = datetime(2026, 1, 8, 15, 0, tzinfo=UTC)  # 22:00 on 08/01: back after downtime
    await run_reminder_job(app)
    assert await head.idle() == []

    clock.now = datetime(2026, 1, 9, 0, 5, tzinfo=UTC)  # 07:05 on 09/01
    await run_reminder_job(app)
    reminder = await head.expect("Nhắc hạn nộp hồ sơ đề nghị khen thưởng CCHC năm 2025")
    assert "(còn 6 ngày)" in reminder.text


async def test_the_office_is_told_which_plan_and_what_the_draft_lacks(
    app: App, office: SimulatedUser
) -> None:
    """The plan's name and period are settings; without CCHC_PROVINCE the draft report
    has no "UBND TỈNH" line, and the office is told so rather than shown "…"."""
    await office.send("/awards")
    usage = await office.expect("Cú pháp: /awards NĂM")
    assert (
        "theo mục III Kế hoạch phát động phong trào thi đua đẩy mạnh cải cách hành chính "
        "giai đoạn 2021–2025." in usage.text
    )

    await office.send("/export docx 2025-Q1")
    sent = await office.expect_document()
    assert "Chưa đặt tên tỉnh (CCHC_PROVINCE)" in sent.text
