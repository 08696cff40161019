"""Broadcast paths end to end through the stand-in: scheduling (also across a restart),
audiences (district, codes, late units; heads or every member), "approve and broadcast"
of a nomination, and the live progress of the office's message."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Literal

import pytest

from bot.app import build_application, services_of, start_application, stop_application
from bot.config import Settings
from bot.services.container import Services
from bot.standin import BotApiStandin, RateLimits, ScriptedFaults, SentMessage, SimulatedUser
from handlers.context import App
from tests import reports
from tests.clock import FakeClock
from tests.conftest import OFFICE_ID, example_roster

ACK = "👍 Đã đọc"


@pytest.fixture
def e2e_settings(tmp_path: Path, standin: BotApiStandin) -> Settings:
    """Production limits; quick backoff, timeouts and progress so a test stays short."""
    standin.limits = RateLimits(exempt_chats=frozenset({OFFICE_ID}))
    return Settings(
        bot_token=standin.token,  # type: ignore[arg-type]
        api_base_url=standin.base_url,
        db_path=tmp_path / "cchc.db",
        office_ids=frozenset({OFFICE_ID}),
        broadcast_backoff_max=0.05,
        broadcast_max_attempts=3,
        broadcast_timeout=0.5,
        broadcast_progress_interval=0.4,
        _env_file=None,  # type: ignore[call-arg]
    )


async def member(
    standin: BotApiStandin,
    services: Services,
    user_id: int,
    unit: str,
    role: Literal["head", "reporter"] = "head",
) -> SimulatedUser:
    invite = await services.registration.create_invite(unit, role, created_by="test")
    name = f"{'Thủ trưởng' if role == 'head' else 'Cán bộ'} {user_id}"
    await services.registration.redeem(user_id, invite.code, full_name=name, username=None)
    user = standin.user(user_id, name)
    user.started = True
    return user


def received(user: SimulatedUser) -> list[SentMessage]:
    """Broadcasts this person received (each carries the acknowledgement button)."""
    return [m for m in user.messages if any(b.get("text") == ACK for b in m.buttons)]


async def start_compose(office: SimulatedUser, story: str) -> None:
    await office.send("/broadcast")
    await office.expect("Soạn bản tin")
    await office.send(story)
    await office.expect("chọn đơn vị nhận")


async def preview(office: SimulatedUser, *, heads: bool) -> SentMessage:
    await office.expect("chọn người nhận")
    await office.click("Chỉ thủ trưởng đơn vị" if heads else "Tất cả thành viên đã đăng ký")
    return await office.expect("Bản tin sẽ gửi tới")


async def send_now(office: SimulatedUser) -> SentMessage:
    await office.click("✅ Gửi ngay")
    # Generous: under a loaded CI machine the outbox paces itself, and that is not tested here.
    return await office.expect("Đã gửi xong", timeout=30)


# -- scheduling ------------------------------------------------------------------------------


async def schedule(office: SimulatedUser, recipients: list[SimulatedUser]) -> SentMessage:
    """Compose for every head, ask to schedule, get bad times refused, then 09:30 today."""
    await start_compose(office, "Hẹn giờ: mô hình “Thứ Bảy không hẹn” của THPT Quốc Học")
    await office.click("Tất cả đơn vị")
    confirm = await preview(office, heads=True)
    assert f"tới {len(recipients)} người nhận" in confirm.text
    await office.click("🕒 Hẹn giờ gửi")
    ask = await office.expect("dd/mm/yyyy hh:mm")
    assert "20/02/2025 16:30" in ask.text  # an example on the application's clock

    for typed, answer in (
        ("mai 9h", "“mai 9h” chưa đúng dạng"),
        ("31/02/2025 10:00", "“31/02/2025 10:00” chưa đúng dạng"),
        ("20/02/2025 25:00", "không phải ngày giờ có thật"),
        ("20/02/2025 08:59", "đã qua (bây giờ là"),
    ):
        await office.send(typed)
        refused = await office.expect(answer)
        assert "Bản tin vẫn được giữ nguyên" in refused.text
    # What was composed is kept: the next good time schedules it, audience and all.
    await office.send("20/02/2025 9:30")
    scheduled = await office.expect("sẽ được gửi lúc")
    assert "09:30" in scheduled.text
    assert "20/02/2025" in scheduled.text
    assert f"tới {len(recipients)} người nhận" in scheduled.text
    return scheduled


async def test_scheduled_broadcast_waits_for_its_time(
    standin: BotApiStandin, app_services: Services, office: SimulatedUser, clock: FakeClock
) -> None:
    heads = [
        await member(standin, app_services, 7100 + n, code)
        for n, code in enumerate(["THPT-QH", "PGD-QN", "THPT-AN1"])
    ]
    scheduled = await schedule(office, heads)

    await asyncio.sleep(0.4)
    assert all(received(h) == [] for h in heads), "sent before its time"
    await office.send("/broadcasts")
    listing = await office.expect("Các bản tin gần đây")
    assert "hẹn gửi" in listing.text
    assert "09:30" in listing.text

    clock.advance(minutes=29)  # 09:29: not yet
    app_services.outbox.wake()
    await asyncio.sleep(0.3)
    assert all(received(h) == [] for h in heads)

    clock.advance(minutes=1)  # 09:30
    app_services.outbox.wake()
    done = await office.expect("Đã gửi xong", timeout=5)
    assert done.message_id == scheduled.message_id, "the schedule notice becomes the report"
    assert "Đã nhận: 3/3" in done.text
    for head in heads:
        assert [m.text for m in received(head)] == [
            "Hẹn giờ: mô hình “Thứ Bảy không hẹn” của THPT Quốc Học"
        ]


@asynccontextmanager
async def running(settings: Settings, clock: FakeClock) -> AsyncIterator[App]:
    application = build_application(settings, clock=clock)
    await start_application(application, poll_timeout=1)
    try:
        yield application
    finally:
        await stop_application(application)


async def test_scheduled_broadcast_fires_after_a_restart(
    standin: BotApiStandin, e2e_settings: Settings, clock: FakeClock
) -> None:
    async with running(e2e_settings, clock) as first:
        services = services_of(first)
        await services.roster.import_file(example_roster(), actor="test")
        heads = [
            await member(standin, services, 7200 + n, code)
            for n, code in enumerate(["THPT-QH", "PGD-AN"])
        ]
        office = standin.user(OFFICE_ID, "Nguyễn Văn Phòng")
        await office.send("/start")
        await office.expect("Văn phòng Sở")
        scheduled = await schedule(office, heads)
    # Stopped before 09:30; started again, still before it.
    clock.advance(minutes=10)
    async with running(e2e_settings, clock) as second:
        await asyncio.sleep(0.3)
        assert all(received(h) == [] for h in heads)
        clock.advance(minutes=21)
        services_of(second).outbox.wake()
        done = await office.expect("Đã gửi xong", timeout=5)
        assert done.message_id == scheduled.message_id
        assert "Đã nhận: 2/2" in done.text
        for head in heads:
            assert len(received(head)) == 1
    assert len(standin.calls("sendMessage")) >= 2
    assert all(len(received(h)) == 1 for h in heads), "sent again on stopping"


# -- audiences -------------------------------------------------------------------------------


async def test_audiences_district_codes_and_late_units(
    standin: BotApiStandin, app_services: Services, office: SimulatedUser
) -> None:
    qh_head = await member(standin, app_services, 7301, "THPT-QH")
    qh_staff = await member(standin, app_services, 7302, "THPT-QH", "reporter")
    qn_head = await member(standin, app_services, 7303, "PGD-QN")
    an_head = await member(standin, app_services, 7304, "PGD-AN")
    an_staff = await member(standin, app_services, 7305, "PGD-AN", "reporter")
    an1_head = await member(standin, app_services, 7306, "THPT-AN1")
    everyone = [qh_head, qh_staff, qn_head, an_head, an_staff, an1_head]

    def got(story: str) -> set[int]:
        return {u.id for u in everyone if any(m.text == story for m in received(u))}

    # A district, heads only.
    await start_compose(office, "Tin 1: An Nhơn")
    await office.click("Theo huyện, thị xã, thành phố")
    await office.expect("chọn địa bàn")
    await office.click("An Nhơn")
    confirm = await preview(office, heads=True)
    assert "tới 2 người nhận (2 đơn vị) — các đơn vị tại An Nhơn, thủ trưởng đơn vị" in (
        confirm.text
    )
    await send_now(office)
    assert got("Tin 1: An Nhơn") == {an_head.id, an1_head.id}

    # A list of codes: an unknown one is named and the list asked again; every member.
    await start_compose(office, "Tin 2: theo mã")
    await office.click("Nhập danh sách mã đơn vị")
    await office.expect("danh sách mã đơn vị")
    await office.send("THPT-QH, XYZ-9; pgd-an")
    refused = await office.expect("Không có đơn vị mang mã")
    assert "XYZ-9" in refused.text
    assert "THPT-QH" not in refused.text
    await office.send("thpt-qh pgd-an")
    roles = await office.expect("chọn người nhận")
    assert "các đơn vị: THPT-QH, PGD-AN" in roles.text
    await office.click("Tất cả thành viên đã đăng ký")
    confirm = await office.expect("Bản tin sẽ gửi tới")
    assert "tới 4 người nhận (2 đơn vị)" in confirm.text
    await send_now(office)
    assert got("Tin 2: theo mã") == {qh_head.id, qh_staff.id, an_head.id, an_staff.id}

    # Units late for the open period: THPT-QH has reported, the others have not.
    who = await app_services.registration.identify(qh_head.id)
    assert who.membership is not None
    await reports.submit(app_services, who.membership)
    await start_compose(office, "Tin 3: nhắc đơn vị chưa nộp")
    await office.click("Đơn vị chưa nộp báo cáo")
    confirm = await preview(office, heads=False)
    assert "tới 4 người nhận (3 đơn vị)" in confirm.text
    await send_now(office)
    assert got("Tin 3: nhắc đơn vị chưa nộp") == {qn_head.id, an_head.id, an_staff.id, an1_head.id}

    # Heads only of the same late units.
    await start_compose(office, "Tin 4: thủ trưởng chưa nộp")
    await office.click("Đơn vị chưa nộp báo cáo")
    confirm = await preview(office, heads=True)
    assert "tới 3 người nhận (3 đơn vị)" in confirm.text
    await send_now(office)
    assert got("Tin 4: thủ trưởng chưa nộp") == {qn_head.id, an_head.id, an1_head.id}
    # Nobody received anything twice.
    for user in everyone:
        texts = [m.text for m in received(user)]
        assert len(texts) == len(set(texts)), user


# -- nominations -----------------------------------------------------------------------------


async def test_approve_and_broadcast_to_all_heads(
    standin: BotApiStandin, app_services: Services, office: SimulatedUser
) -> None:
    # The proposer converses at test speed, faster than a person types: like the office,
    # held to the overall limit only.
    standin.limits = RateLimits(exempt_chats=frozenset({OFFICE_ID, 7401}))
    proposer = await member(standin, app_services, 7401, "THPT-QH")
    other_head = await member(standin, app_services, 7402, "PGD-QN")
    staff = await member(standin, app_services, 7403, "PGD-QN", "reporter")

    await proposer.send("/nominate")
    await proposer.expect("tên mô hình")
    await proposer.send("Tổ tư vấn tuyển sinh trực tuyến")
    await proposer.expect("nội dung mô tả")
    await proposer.send("Hỗ trợ phụ huynh nộp hồ sơ <trực tuyến> & tra cứu kết quả")
    await proposer.expect("một ảnh hoặc một tệp")
    await proposer.click("Bỏ qua")
    await proposer.expect("lĩnh vực")
    await proposer.click("Chuyển đổi số")
    await proposer.click("✅ Xong")
    await proposer.expect("Đã gửi đề xuất số")
    await office.expect("Đề xuất mô hình hay số")

    await office.send("/nominations")
    await office.expect("Tổ tư vấn tuyển sinh trực tuyến")
    await office.click("📢 Duyệt và gửi tới tất cả đơn vị")
    approved = await office.expect("Đã duyệt đề xuất số")
    assert "gửi tới 2 người nhận" in approved.text
    done = await office.expect("Đã gửi xong", timeout=10)
    assert "Đã nhận: 2/2" in done.text

    told = await proposer.expect("đã được Văn phòng Sở duyệt")
    assert "Tổ tư vấn tuyển sinh trực tuyến" in told.text
    for head in (proposer, other_head):
        got = received(head)
        assert len(got) == 1, head
        assert got[0].text.startswith("Tổ tư vấn tuyển sinh trực tuyến\n\nHỗ trợ phụ huynh")
        assert "<trực tuyến> &" in got[0].text
    assert received(staff) == []

    # Published: in the library; a second press does not send it again.
    await proposer.send("/practices tu van tuyen sinh")
    listing = await proposer.expect("Thư viện điển hình")
    assert "Tổ tư vấn tuyển sinh trực tuyến" in listing.text
    await office.click("📢 Duyệt và gửi tới tất cả đơn vị")
    await office.expect("đã được xem xét trước đó")
    await asyncio.sleep(0.3)
    assert len(received(other_head)) == 1


# -- progress --------------------------------------------------------------------------------


async def test_progress_is_throttled_and_the_report_gives_reasons(
    standin: BotApiStandin, app_services: Services, office: SimulatedUser
) -> None:
    units = [u.code for u in await app_services.roster.list_units()][:30]
    heads = [await member(standin, app_services, 7500 + n, code) for n, code in enumerate(units)]
    faults = ScriptedFaults()
    standin.fault_injector = faults
    faults.add(heads[3].id, ["403"])
    faults.add(heads[7].id, ["403"])
    faults.add(heads[11].id, ["500"] * 3)  # beyond the retry limit (3 attempts)
    faults.add(heads[12].id, ["502", "503"])  # retried, then delivered

    await start_compose(office, "Điển hình: một cửa liên thông")
    await office.click("Tất cả đơn vị")
    await preview(office, heads=True)
    confirm = office.messages[-1]
    await office.click("✅ Gửi ngay")
    done = await office.expect("Đã gửi xong", timeout=10)
    assert done.message_id == confirm.message_id, "the confirmation becomes the progress"

    assert "Đã nhận: 27/30" in done.text
    assert "Đã chặn bot: 2" in done.text
    assert "Không gửi được: 1" in done.text
    assert "Máy chủ Telegram lỗi hoặc mất kết nối (đã thử 3 lần): 1" in done.text
    assert [b["text"] for b in done.buttons] == ["📋 Ai đã đọc", "💾 Lưu vào thư viện điển hình"]

    # Every edit of the office's message, in order; progress at most every 0.4 s.
    edits = [
        r
        for r in standin.calls("editMessageText")
        if r.params.get("chat_id") == OFFICE_ID
        and r.params.get("message_id") == confirm.message_id
    ]
    progress = [r for r in edits if "Đang gửi" in str(r.params.get("text"))]
    assert progress, "no live progress shown"
    assert "Đã gửi xong" in str(edits[-1].params.get("text"))
    assert all("Đã gửi xong" not in str(r.params.get("text")) for r in edits[:-1])
    for before, after in zip(progress, progress[1:], strict=False):
        assert after.time - before.time >= 0.4 - 0.02, [r.params.get("text") for r in edits]
    assert any("%" in str(r.params.get("text")) for r in progress)
    assert "Đang gửi" in done.edits[-1] or "Đang gửi" in done.edits[0]

    for n, head in enumerate(heads):
        assert len(received(head)) == (0 if n in (3, 7, 11) else 1), n
    assert app_services.outbox.is_inactive(heads[3].id)
    standin.errors.clear()  # the injected faults
