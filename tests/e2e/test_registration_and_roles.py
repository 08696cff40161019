"""Strangers, invites through chat, roles checked on every office command."""

from __future__ import annotations

import re

from bot.app import services_of
from bot.standin import BotApiStandin, SimulatedUser
from handlers.commands import OFFICE_COMMANDS, UNIT_COMMANDS
from handlers.context import App
from tests.clock import FakeClock
from tests.conftest import OFFICE_ID
from tests.e2e.conftest import bound_user, fill_report


async def test_stranger_is_told_how_to_get_an_invite(standin: BotApiStandin, app: App) -> None:
    stranger = standin.user(4001, "Khách")
    await stranger.send("xin chào")
    await stranger.expect("mã mời")
    await stranger.send("/report")
    await stranger.expect("mã mời")
    await stranger.send("/status")
    await stranger.expect("chỉ dành cho Văn phòng Sở")
    await stranger.send("/start sai-ma")
    await stranger.expect("Mã mời không đúng")


async def test_office_invites_in_chat_and_the_link_binds(
    standin: BotApiStandin, app: App, office: SimulatedUser
) -> None:
    await office.send("/invite thpt-qh reporter")
    created = await office.expect("Đã tạo mã mời")
    assert "Trường THPT Quốc Học Quy Nhơn" in created.text
    assert "Cán bộ đầu mối CCHC" in created.text
    match = re.search(r"https://t\.me/cchc_test_bot\?start=([A-Za-z0-9_-]{32})", created.text)
    assert match is not None
    code = match.group(1)

    reporter = standin.user(4002, "Lê Văn Đầu Mối")
    await reporter.send(f"/start {code}")
    welcome = await reporter.expect("đã được xác nhận")
    assert "Cán bộ đầu mối CCHC" in welcome.text
    assert "Trường THPT Quốc Học Quy Nhơn" in welcome.text

    # single use
    other = standin.user(4003, "Người khác")
    await other.send(f"/start {code}")
    await other.expect("đã được sử dụng")

    # the head is told when the CCHC contact submits for the unit
    head = await bound_user(standin, services_of(app), 4006, "THPT-QH")
    await fill_report(reporter)
    await reporter.click("✅ Gửi báo cáo")
    await reporter.expect("Văn phòng Sở đã nhận báo cáo")
    told = await head.expect("của đơn vị đã được Lê Văn Đầu Mối gửi")
    assert "lần 1" in told.text
    await office.expect("đã gửi báo cáo CCHC")

    # a unit member is refused office commands, every time; /status shows its own unit
    for command in ("/view THPT-QH", "/invite THPT-QH"):
        await reporter.send(command)
        await reporter.expect("chỉ dành cho Văn phòng Sở")
    await reporter.send("/status")
    own = await reporter.expect("Tình hình báo cáo CCHC năm 2025")
    assert "Trường THPT Quốc Học Quy Nhơn" in own.text
    assert "Đơn vị:" in own.text
    assert "THPT-LQD" not in own.text  # no other unit
    await reporter.send("/help")
    help_text = await reporter.expect("/report")
    assert "/view" not in help_text.text


async def test_office_help_and_unknown_unit(app: App, office: SimulatedUser) -> None:
    await office.send("/help")
    help_text = await office.expect("Văn phòng Sở")
    assert "/status" in help_text.text
    await office.send("/view KHONG-CO")
    await office.expect("Không tìm thấy đơn vị")
    await office.send("/status 2025-Q9")
    await office.expect("Kỳ báo cáo không hợp lệ")
    await office.send("/lenhla")
    await office.expect("chưa hỗ trợ lệnh này")


async def test_throttled_after_repeated_wrong_codes(standin: BotApiStandin, app: App) -> None:
    guesser = standin.user(4004, "Đoán Mò")
    for _ in range(5):
        await guesser.send("/start doan-thu")
        await guesser.expect("Mã mời không đúng")
    await guesser.send("/start doan-nua")
    await guesser.expect("nhập sai mã mời quá nhiều lần")


async def test_commands_are_registered_per_audience(
    standin: BotApiStandin, app: App, office: SimulatedUser
) -> None:
    default = standin.commands["default"]
    assert [c["command"] for c in default] == [c.command for c in UNIT_COMMANDS]
    office_scope = [v for k, v in standin.commands.items() if str(OFFICE_ID) in k]
    # Published when the office member opened the bot with /start.
    assert len(office_scope) == 1
    assert [c["command"] for c in office_scope[0]] == [c.command for c in OFFICE_COMMANDS]


async def test_after_deadline_the_report_is_closed(
    standin: BotApiStandin, app: App, clock: FakeClock
) -> None:
    services = services_of(app)
    head = await bound_user(standin, services, 4005, "PGD-QN")
    clock.advance(days=30)  # 22/03/2025: Q1 is past its 15/03 deadline; Q1 is still current
    await head.send("/report")
    await head.expect("đã hết hạn nộp")
