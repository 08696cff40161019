"""The command menus Telegram shows: one for units, a wider one per office member."""

from __future__ import annotations

import logging
from typing import Any

from telegram import BotCommand, BotCommandScopeChat, BotCommandScopeDefault
from telegram.error import TelegramError
from telegram.ext import ExtBot

log = logging.getLogger(__name__)

UNIT_COMMANDS = [
    BotCommand("report", "Lập, sửa và gửi báo cáo CCHC hằng quý"),
    BotCommand("standing", "Kết quả Chỉ số CCHC và xếp hạng của đơn vị"),
    BotCommand("trend", "Diễn biến Chỉ số CCHC qua các quý"),
    BotCommand("ranking", "Bảng xếp hạng của khối"),
    BotCommand("explain", "Giải trình về điểm thẩm định"),
    BotCommand("cancel", "Tạm dừng lập báo cáo (giữ bản nháp)"),
    BotCommand("practices", "Thư viện điển hình tiên tiến, mô hình hay"),
    BotCommand("nominate", "Đề xuất mô hình hay của đơn vị"),
    BotCommand("award_dossier", "Hồ sơ đề nghị khen thưởng CCHC của đơn vị"),
    BotCommand("help", "Hướng dẫn sử dụng"),
]
OFFICE_COMMANDS = [
    BotCommand("status", "Tình hình gửi báo cáo theo khối"),
    BotCommand("view", "Xem báo cáo của một đơn vị"),
    BotCommand("review", "Xem xét, chấp nhận hoặc trả lại báo cáo"),
    BotCommand("late", "Đơn vị chưa nộp, quá hạn; nhắc ngay"),
    BotCommand("period", "Kỳ báo cáo: mở, đóng, hạn nộp"),
    BotCommand("reopen", "Mở lại kỳ báo cáo cho một đơn vị"),
    BotCommand("invite", "Tạo mã mời cho đơn vị"),
    BotCommand("broadcast", "Soạn và gửi bản tin điển hình tiên tiến"),
    BotCommand("broadcasts", "Các bản tin đã gửi, đã nhận, đã đọc"),
    BotCommand("nominations", "Đề xuất mô hình hay chờ duyệt"),
    BotCommand("appraise", "Thẩm định điểm của đơn vị"),
    BotCommand("explanations", "Giải trình của đơn vị đang chờ xem xét"),
    BotCommand("publish", "Công bố kết quả Chỉ số CCHC"),
    BotCommand("awards", "Đề xuất khen thưởng CCHC hằng năm"),
    BotCommand("nominate_person", "Đề cử công chức được khen thưởng CCHC"),
    BotCommand("export", "Xuất bảng tổng hợp, dự thảo báo cáo CCHC quý"),
    BotCommand("audit", "Nhật ký thay đổi của một đơn vị"),
    *UNIT_COMMANDS,
]


async def publish_commands(bot: ExtBot[Any], office_ids: frozenset[int]) -> None:
    await bot.set_my_commands(UNIT_COMMANDS, scope=BotCommandScopeDefault())
    for office_id in sorted(office_ids):
        await publish_office_commands(bot, office_id)


async def publish_office_commands(bot: ExtBot[Any], office_id: int) -> None:
    try:
        await bot.set_my_commands(OFFICE_COMMANDS, scope=BotCommandScopeChat(office_id))
    except TelegramError as exc:
        # Telegram refuses a chat scope for someone who never opened the bot; the menu
        # is set when they send /start.
        log.warning("Office commands not set for %s: %s", office_id, exc)
