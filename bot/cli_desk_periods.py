"""Command-line commands for reporting periods: `cchc-bot period list|open|close|due|reopen`.

Kept apart from bot/cli.py so each group of commands reads on its own; cli.py calls
:func:`add_commands` while building its parser. The changes are the same as the
office's /period and /reopen in chat, audited with the actor "cli"; a running bot
picks them up within a quarter of an hour (its schedule is re-read at least that
often), and at once after a restart.
"""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

from bot.cli_output import fail
from bot.cli_runner import Runner
from bot.formatting import format_date, format_datetime, period_label

if TYPE_CHECKING:
    from bot.domain.models import Period
    from bot.services.container import Services
    from bot.services.periods import DeadlineError

ACTOR = "cli"


def add_commands(
    commands: argparse._SubParsersAction[argparse.ArgumentParser], run: Runner
) -> None:
    """Register `period`; ``run`` opens the services for a command's work."""
    period = commands.add_parser(
        "period",
        help="kỳ báo cáo: liệt kê, mở, đóng, đặt hạn nộp, mở lại cho một đơn vị",
        description=(
            "Kỳ báo cáo theo quý (ví dụ 2025-Q1). Mặc định theo Nghị định 09/2019/NĐ-CP: số "
            "liệu từ ngày 15 tháng trước quý đến ngày 14 tháng cuối quý; hạn nộp ngày "
            "CCHC_DUE_DAY tháng cuối quý. Kỳ quý IV đồng thời là báo cáo năm."
        ),
    )
    sub = period.add_subparsers(dest="action", metavar="THAO_TÁC", required=True)

    listing = sub.add_parser("list", help="các kỳ báo cáo gần đây")
    listing.set_defaults(handler=lambda s, a: run(s, _list))

    opening = sub.add_parser("open", help="mở kỳ (nhận báo cáo), kèm hạn nộp mới nếu cần")
    opening.add_argument("code", metavar="KỲ")
    opening.add_argument("--due", nargs="+", metavar="NGÀY", help="dd/mm/yyyy [hh:mm]")
    opening.set_defaults(handler=lambda s, a: run(s, lambda sv: _open(sv, a)))

    closing = sub.add_parser("close", help="đóng kỳ: dừng nhận báo cáo")
    closing.add_argument("code", metavar="KỲ")
    closing.set_defaults(handler=lambda s, a: run(s, lambda sv: _close(sv, a)))

    due = sub.add_parser("due", help="đặt hạn nộp (không ghi giờ: 23:59 của ngày đó)")
    due.add_argument("code", metavar="KỲ")
    due.add_argument("when", nargs="+", metavar="NGÀY", help="dd/mm/yyyy [hh:mm]")
    due.set_defaults(handler=lambda s, a: run(s, lambda sv: _due(sv, a)))

    reopen = sub.add_parser("reopen", help="mở lại kỳ cho một đơn vị sau hạn nộp")
    reopen.add_argument("code", metavar="KỲ")
    reopen.add_argument("unit", metavar="MÃ_ĐƠN_VỊ")
    reopen.add_argument(
        "--days",
        type=int,
        metavar="N",
        help="đến hết ngày thứ N kể từ hôm nay (mặc định CCHC_REOPEN_DAYS)",
    )
    reopen.set_defaults(handler=lambda s, a: run(s, lambda sv: _reopen(sv, a)))


def _title(period: Period) -> str:
    label = period_label(period.year, period.quarter)
    return label + (f" (đồng thời là báo cáo năm {period.year})" if period.quarter == 4 else "")


def _describe(services: Services, period: Period) -> str:
    tz = services.settings.tz
    now = services.clock()
    status = (
        "đã đóng"
        if period.status == "closed"
        else "đã hết hạn nộp"
        if period.due_at < now
        else "đang nhận báo cáo"
    )
    return (
        f"{period.code}  {_title(period)}: số liệu {format_date(period.data_from)}–"
        f"{format_date(period.data_to)}, hạn nộp {format_datetime(period.due_at, tz)}, {status}"
    )


def _code(services: Services, text: str) -> str | None:
    """The period's code, if ``text`` names a quarter of the campaign's years."""
    from bot.services.periods import parse_period_code

    parsed = parse_period_code(text)
    if parsed is None or not services.periods.in_campaign(parsed[0]):
        return None
    return f"{parsed[0]}-Q{parsed[1]}"


def _bad_code(services: Services, text: str) -> int:
    first, last = services.periods.campaign_years
    return fail(
        f"Kỳ báo cáo không hợp lệ: {text} (ví dụ 2025-Q1; năm trong thời gian của phong trào, "
        f"{first}–{last})"
    )


async def _list(services: Services) -> int:
    for period in await services.periods.list_recent(8):
        print(_describe(services, period))
    return 0


async def _open(services: Services, args: argparse.Namespace) -> int:
    from bot.services.periods import DeadlineError, parse_deadline

    code = _code(services, args.code)
    if code is None:
        return _bad_code(services, args.code)
    due_at = None
    if args.due:
        due_at = parse_deadline(" ".join(args.due), services.settings.tz)
        if due_at is None:
            return fail(f"Không đọc được hạn nộp: {' '.join(args.due)} (dd/mm/yyyy [hh:mm])")
    try:
        period = await services.periods.open(code, actor=ACTOR, due_at=due_at)
    except DeadlineError as exc:
        return fail(_deadline_error(exc))
    print("Đã mở kỳ: " + _describe(services, period))
    if period.due_at < services.clock():
        print("Lưu ý: hạn nộp đã qua; đặt hạn mới bằng `cchc-bot period due`.", file=sys.stderr)
    elif due_at is not None:
        await _untold(services, period)
    return 0


async def _close(services: Services, args: argparse.Namespace) -> int:
    code = _code(services, args.code)
    if code is None:
        return _bad_code(services, args.code)
    period = await services.periods.close(code, actor=ACTOR)
    print("Đã đóng kỳ: " + _describe(services, period))
    return 0


async def _due(services: Services, args: argparse.Namespace) -> int:
    from bot.services.periods import DeadlineError, parse_deadline

    code = _code(services, args.code)
    if code is None:
        return _bad_code(services, args.code)
    text = " ".join(args.when)
    due_at = parse_deadline(text, services.settings.tz)
    if due_at is None:
        return fail(f"Không đọc được hạn nộp: {text} (dd/mm/yyyy [hh:mm])")
    try:
        period = await services.periods.set_deadline(code, due_at, actor=ACTOR)
    except DeadlineError as exc:
        return fail(_deadline_error(exc))
    print("Đã đặt hạn nộp: " + _describe(services, period))
    await _untold(services, period)
    return 0


async def _untold(services: Services, period: Period) -> None:
    """The CLI cannot message anyone (the running bot owns the Telegram connection), so
    it says that the units were not told, and how to tell them."""
    from bot.services.review import OWING

    if period.status != "open" or period.due_at <= services.clock():
        return
    desk = await services.review.desk(period)
    owing = [u for u in desk.units if u.status in OWING and u.deadline == period.due_at]
    if not owing:
        return
    print(
        f"Lưu ý: {len(owing)} đơn vị chưa nộp báo cáo CHƯA được báo hạn nộp mới qua bot "
        "(dòng lệnh không gửi tin nhắn). Lịch nhắc hạn tự động của bot sẽ theo hạn mới; "
        f"để báo ngay, dùng `/period {period.code} due …` hoặc /late → 🔔 Nhắc ngay trong "
        "Telegram.",
        file=sys.stderr,
    )


async def _reopen(services: Services, args: argparse.Namespace) -> int:
    from bot.services.periods import UnknownUnit

    code = _code(services, args.code)
    if code is None:
        return _bad_code(services, args.code)
    days = args.days if args.days is not None else services.settings.reopen_days
    if not 1 <= days <= 60:
        return fail("Số ngày phải từ 1 đến 60.")
    try:
        own, extension = await services.periods.reopen_for(args.unit, code, days=days, actor=ACTOR)
    except UnknownUnit:
        return fail(f"Không tìm thấy đơn vị có mã {args.unit}.")
    due = format_datetime(own.due_at, services.settings.tz)
    if extension is None:
        print(f"Đơn vị {args.unit} vẫn đang được gửi báo cáo {code} đến {due}; không cần mở lại.")
    else:
        print(
            f"Đã mở lại kỳ {code} cho đơn vị {args.unit} đến {due}. Đơn vị chưa được thông báo "
            "qua bot; dùng /reopen trong Telegram nếu muốn bot báo cho đơn vị."
        )
    return 0


def _deadline_error(exc: DeadlineError) -> str:
    if exc.why == "before_cutoff":
        return f"Hạn nộp phải sau ngày chốt số liệu của kỳ ({format_date(exc.period.data_to)})."
    return "Hạn nộp phải ở tương lai; để dừng nhận báo cáo, dùng `cchc-bot period close`."
