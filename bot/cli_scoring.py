"""Command-line commands for scoring: `methodology show` and `appraise import`.

Kept apart from bot/cli.py so each group of commands reads on its own; cli.py calls
:func:`add_commands` while building its parser.
"""

from __future__ import annotations

import argparse
import io
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING

from bot.cli_output import print_refused_import
from bot.cli_runner import Runner, year_rules
from bot.formatting import format_points
from bot.numbers import format_number

if TYPE_CHECKING:
    from bot.config import Settings
    from bot.scoring.methodology import Criterion, Methodology
    from bot.services.container import Services

SOURCE_NAMES = {
    "computed": "tính tự động từ số liệu báo cáo của đơn vị (Văn phòng Sở có thể thẩm định lại)",
    "appraisal": "Văn phòng Sở chấm (thẩm định)",
    "self": "đơn vị tự chấm, kèm tài liệu kiểm chứng hoặc giải trình; Văn phòng Sở thẩm định",
}
MEASURE_NAMES = {
    "rate": "tỷ lệ",
    "count": "số lượng",
    "yesno": "có/không",
    "percent": "tỷ lệ %",
}
ZERO_DENOMINATOR_NAMES = {
    "zero": "0 điểm",
    "not_applicable": (
        "không phát sinh, không tính tiêu chí (giảm điểm tối đa; Văn phòng Sở thấy trong "
        "duyệt báo cáo)"
    ),
}


def add_commands(
    commands: argparse._SubParsersAction[argparse.ArgumentParser], run: Runner
) -> None:
    """Register the scoring commands; ``run`` opens the services for a command's work."""
    methodology = commands.add_parser("methodology", help="bộ tiêu chí chấm điểm Chỉ số CCHC")
    methodology_sub = methodology.add_subparsers(dest="action", metavar="THAO_TÁC", required=True)
    methodology_show = methodology_sub.add_parser(
        "show", help="hiển thị bộ tiêu chí đang dùng (lĩnh vực, tiêu chí, điểm, cách tính)"
    )
    methodology_show.add_argument(
        "--year", type=int, metavar="NĂM", help="năm của bộ tiêu chí (mặc định: năm nay)"
    )
    methodology_show.set_defaults(handler=cmd_methodology_show)

    appraise = commands.add_parser("appraise", help="điểm thẩm định của Văn phòng Sở")
    appraise_sub = appraise.add_subparsers(dest="action", metavar="THAO_TÁC", required=True)
    appraise_import = appraise_sub.add_parser(
        "import",
        help="nhập điểm thẩm định từ tệp CSV/XLSX (unit_code, criterion, points, reason)",
    )
    appraise_import.add_argument("file", type=Path, metavar="TỆP")
    appraise_import.add_argument(
        "--period",
        metavar="KỲ",
        help="kỳ áp dụng cho mọi dòng, ví dụ 2025-Q1 (bỏ qua nếu tệp có cột period)",
    )

    def import_appraisals(settings: Settings, args: argparse.Namespace) -> int:
        return run(settings, lambda services: _import(services, args.file, args.period))

    appraise_import.set_defaults(handler=import_appraisals)


def cmd_methodology_show(settings: Settings, args: argparse.Namespace) -> int:
    # Files alone are enough; no database is opened just to read the criteria.
    print(describe_methodology(year_rules(settings, args.year).methodology), end="")
    return 0


async def _import(services: Services, path: Path, period: str | None) -> int:
    result = await services.appraisal.import_file(path, period=period, actor="cli")
    if not result.ok:
        print_refused_import("điểm thẩm định", path, result.errors)
        return 1
    units = len({c.unit.code for c in result.changes})
    replaced = sum(1 for c in result.changes if c.before is not None)
    print(
        f"Đã nhập {len(result.changes)} điểm thẩm định cho {units} đơn vị "
        f"({replaced} điểm thay cho điểm thẩm định trước đó)."
    )
    print("Đơn vị xem kết quả bằng /standing và giải trình bằng /explain trong Telegram.")
    return 0


def describe_methodology(methodology: Methodology) -> str:
    """The criteria as the office reads them in the plan: headings, points, how scored."""
    out = io.StringIO()
    out.write(f"{methodology.title}\n(năm {methodology.year}, phiên bản {methodology.version})\n")
    for group in methodology.fields:
        total = sum((c.max_points for c in group.criteria), Decimal(0))
        out.write(f"\n{group.title} — {format_number(total)} điểm\n")
        for criterion in group.criteria:
            top = format_number(criterion.max_points)
            out.write(f"  [{criterion.key}] {criterion.title}: {top} điểm\n")
            out.write(f"      Nội dung thi đua: {_plan_items(criterion)}\n")
            out.write(f"      Căn cứ: {criterion.basis}\n")
            out.write(f"      Người chấm: {SOURCE_NAMES[criterion.source]}\n")
            out.write(f"      Cách tính: {_how(criterion)}\n")
            out.write(f"      Khi thiếu: {_absent(criterion)}\n")
            if criterion.blocks is not None:
                out.write(f"      Chỉ áp dụng cho khối: {', '.join(criterion.blocks)}\n")
    out.write("\nĐiểm tối đa theo khối:\n")
    blocks = sorted({b for c in methodology.criteria for b in (c.blocks or ())})
    for block in blocks:
        block_max = sum(
            (c.max_points for c in methodology.criteria if c.applies_to(block)), Decimal(0)
        )
        out.write(f"  {block}: {format_number(block_max)} điểm\n")
    out.write("\nXếp loại theo chỉ số (điểm ÷ điểm tối đa áp dụng × 100):\n")
    for band in methodology.bands:
        out.write(f"  {band.name}: từ {format_points(band.min_index)}\n")
    return out.getvalue()


def _plan_items(criterion: Criterion) -> str:
    """The plan's contents a–g the criterion measures, or the office's own rule."""
    if criterion.plan_items:
        return ", ".join(f"mục II.1.{i}" for i in criterion.plan_items) + " của Kế hoạch"
    return "không thuộc mục a–g của Kế hoạch (quy định của Văn phòng Sở)"


def _absent(criterion: Criterion) -> str:
    """What an absent value means for the criterion: never a gain for the unit."""
    if criterion.source == "appraisal":
        said = "chưa chấm thì chờ chấm: chưa tính vào điểm và điểm tối đa (chỉ số tạm tính)"
    elif criterion.source == "self":
        said = "đơn vị không tự chấm: 0 điểm"
    else:
        said = "câu hỏi bị bỏ qua: 0 điểm (giữ điểm tối đa)"
    parts = [said]
    if criterion.zero_denominator is not None:
        parts.append(f"mẫu số bằng 0: {ZERO_DENOMINATOR_NAMES[criterion.zero_denominator]}")
    if criterion.applies_if is not None:
        parts.append(
            f"đơn vị trả lời “Không” ở câu {criterion.applies_if}: không áp dụng "
            "(Văn phòng Sở thấy trong duyệt báo cáo)"
        )
    if criterion.only_inspected:
        parts.append("chỉ chấm đơn vị có trong kế hoạch kiểm tra năm đó; đơn vị khác không tính")
    return "; ".join(parts) + "."


def _how(criterion: Criterion) -> str:
    if criterion.source != "computed" or criterion.measure is None:
        if criterion.source == "self":
            return f"điểm tự chấm ở câu {criterion.claim_field}."
        return "Văn phòng Sở nhập điểm (/appraise hoặc cchc-bot appraise import)."
    measure = MEASURE_NAMES.get(criterion.measure, criterion.measure)
    if criterion.measure == "rate":
        what = f"{measure} {' + '.join(criterion.numerator)} ÷ {' + '.join(criterion.denominator)}"
    else:
        what = f"{measure} {criterion.report_field}"
    parts = [what]
    if criterion.target is not None:
        if criterion.measure == "rate":
            target = f"{format_number(criterion.target * 100)}%"
        elif criterion.measure == "percent":
            target = f"{format_number(criterion.target)}%"
        else:
            target = format_number(criterion.target)
        parts.append(f"mục tiêu {target}")
    if criterion.rule == "steps" and criterion.steps:
        rungs = "; ".join(
            f"từ {format_number(s.at_least)}: {format_number(s.points)} điểm"
            for s in criterion.steps
        )
        parts.append(f"theo bậc ({rungs})")
    elif criterion.measure != "yesno":
        parts.append("điểm tỷ lệ thuận đến mục tiêu")
    return ", ".join(parts) + "."
