"""Command-line commands for the office's inspection plan: `cchc-bot inspection add|remove|list`.

The plan says which units the office inspects for CCHC in a year, and in which round;
the methodology's inspection criterion (``only_inspected``) applies to these units
only, so a unit the office does not visit is not penalised for its schedule. Changes
are audited with the actor "cli" and change the rankings at once.
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from bot.cli_runner import Runner

if TYPE_CHECKING:
    from bot.services.container import Services
    from bot.services.inspections import PlanChange

ACTOR = "cli"


OUTCOMES = {
    "added": "Đã đưa {unit} vào kế hoạch kiểm tra CCHC năm {year}, đợt {round}.",
    "moved": "Đã chuyển {unit} sang đợt {round} (trước đó: đợt {before}) trong năm {year}.",
    "unchanged": "{unit} đã có trong kế hoạch kiểm tra năm {year}, đợt {round}: không đổi.",
    "removed": "Đã bỏ {unit} khỏi kế hoạch kiểm tra CCHC năm {year}.",
    "absent": "{unit} không có trong kế hoạch kiểm tra năm {year}: không có gì để bỏ.",
    "unknown_unit": "Không có đơn vị mã {unit} trong danh sách đơn vị.",
    "bad_round": "Đợt kiểm tra phải từ 1 đến 4 (đã nhập {round}).",
    "bad_year": "Năm {year} nằm ngoài các năm của phong trào thi đua.",
}
FAILED = frozenset({"unknown_unit", "bad_round", "bad_year"})


def add_commands(
    commands: argparse._SubParsersAction[argparse.ArgumentParser], run: Runner
) -> None:
    """Register `inspection`; ``run`` opens the services for a command's work."""
    inspection = commands.add_parser(
        "inspection",
        help="kế hoạch kiểm tra CCHC của Sở: đơn vị được kiểm tra trong năm, theo đợt",
        description=(
            "Tiêu chí kết quả kiểm tra chỉ chấm các đơn vị có trong kế hoạch kiểm tra năm "
            "đó; đơn vị khác không tính tiêu chí này, không bị trừ điểm."
        ),
    )
    sub = inspection.add_subparsers(dest="action", metavar="THAO_TÁC", required=True)

    adding = sub.add_parser("add", help="đưa đơn vị vào kế hoạch kiểm tra (hoặc đổi đợt)")
    adding.add_argument("year", type=int, metavar="NĂM")
    adding.add_argument("units", nargs="+", metavar="MÃ_ĐƠN_VỊ")
    adding.add_argument("--round", type=int, default=1, metavar="ĐỢT", help="mặc định 1")
    adding.set_defaults(handler=lambda s, a: run(s, lambda sv: _add(sv, a)))

    removing = sub.add_parser("remove", help="bỏ đơn vị khỏi kế hoạch kiểm tra")
    removing.add_argument("year", type=int, metavar="NĂM")
    removing.add_argument("units", nargs="+", metavar="MÃ_ĐƠN_VỊ")
    removing.set_defaults(handler=lambda s, a: run(s, lambda sv: _remove(sv, a)))

    listing = sub.add_parser("list", help="kế hoạch kiểm tra của một năm")
    listing.add_argument("year", type=int, metavar="NĂM")
    listing.set_defaults(handler=lambda s, a: run(s, lambda sv: _list(sv, a.year)))


def _say(change: PlanChange) -> None:
    print(
        OUTCOMES[change.outcome].format(
            unit=change.unit_code, year=change.year, round=change.round, before=change.before
        )
    )


async def _add(services: Services, args: argparse.Namespace) -> int:
    status = 0
    for code in args.units:
        change = await services.inspections.add(args.year, code, args.round, actor=ACTOR)
        _say(change)
        status = 1 if change.outcome in FAILED else status
    return status


async def _remove(services: Services, args: argparse.Namespace) -> int:
    for code in args.units:
        _say(await services.inspections.remove(args.year, code, actor=ACTOR))
    return 0


async def _list(services: Services, year: int) -> int:
    plan = await services.inspections.plan(year)
    if not plan:
        print(f"Năm {year} chưa có đơn vị nào trong kế hoạch kiểm tra CCHC.")
        return 0
    print(f"Kế hoạch kiểm tra CCHC năm {year}: {len(plan)} đơn vị")
    for item in plan:
        print(f"  Đợt {item.round}: {item.unit_code} – {item.unit_name} ({item.block})")
    return 0
