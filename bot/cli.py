"""The `cchc-bot` command: what the office's IT contact runs on the server.

Every command reads settings once, opens the database for its own duration and
closes it, so commands can run next to a live bot (SQLite in WAL mode serialises the
writes). Exit codes: 0 done, 1 the request was refused (the message says why),
2 the configuration or the command line is wrong.
"""

from __future__ import annotations

import argparse
import importlib
import io
import json
import logging
import os
import sys
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import TYPE_CHECKING

from bot import (
    cli_desk,
    cli_desk_periods,
    cli_doctor,
    cli_inspections,
    cli_invites,
    cli_scoring,
)
from bot.cli_output import fail, print_refused_import, print_table, write_text
from bot.cli_runner import with_services, year_rules
from bot.csv_cells import CsvCell, SafeCsvWriter
from bot.formatting import format_date, quarter_roman
from bot.numbers import format_number

if TYPE_CHECKING:
    # Types only: building the parser imports no pydantic model, service or driver
    # (tests/unit/test_cli_imports.py); each command imports what it uses when it runs.
    from bot.config import Settings
    from bot.forms.schema import FieldSpec, FormSpec
    from bot.identity import PlanIdentity
    from bot.services.awards import AwardRule, Candidates, Pick, Reason, UnitFacts
    from bot.services.container import Services

log = logging.getLogger(__name__)

ACTOR = "cli"
TYPE_NAMES: dict[str, str] = {
    "integer": "số nguyên",
    "decimal": "số thập phân",
    "percent": "tỷ lệ %",
    "yesno": "Có/Không",
    "choice": "chọn một",
    "text": "văn bản",
    "file": "tệp đính kèm",
}

Command = Callable[["Settings", argparse.Namespace], int]


# -- entry point -----------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    """Run one command and return its exit code (the console script exits with it)."""
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # --help, or a usage error argparse already explained
        return exc.code if isinstance(exc.code, int) else 0 if exc.code is None else 2
    _configure_logging(verbose=args.verbose, command=args.command)
    overrides: dict[str, object] = {"db_path": args.db} if args.db is not None else {}
    checkup: Callable[[dict[str, object]], int] | None = getattr(args, "checkup", None)
    if checkup is not None:  # `doctor` reads the settings itself: a bad one is a line
        return checkup(overrides)
    command: Command = args.handler
    from bot.config import SettingsError, load_settings
    from bot.forms.schema import FormError
    from bot.scoring.methodology import MethodologyError

    try:
        settings = load_settings(**overrides)
        return command(settings, args)
    except (SettingsError, FormError, MethodologyError) as exc:
        print(f"Lỗi cấu hình: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # `cchc-bot units list | head`: the reader left; say nothing more, and keep
        # Python from complaining again when it flushes stdout at exit.
        _silence_stdout()
        return 1


def _silence_stdout() -> None:
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, io.UnsupportedOperation):
        pass


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="cchc-bot",
        description="Bot Telegram theo dõi phong trào thi đua cải cách hành chính (CCHC).",
    )
    parser.add_argument(
        "--db", type=Path, metavar="PATH", help="tệp cơ sở dữ liệu (thay cho CCHC_DB_PATH)"
    )
    parser.add_argument(
        "-v", "--verbose", action="store_true", help="ghi nhật ký chi tiết (mức INFO)"
    )
    commands = parser.add_subparsers(dest="command", metavar="LỆNH", required=True)

    units = commands.add_parser("units", help="danh sách đơn vị")
    units_sub = units.add_subparsers(dest="action", metavar="THAO_TÁC", required=True)
    units_import = units_sub.add_parser("import", help="nhập danh sách đơn vị từ tệp CSV/XLSX")
    units_import.add_argument("file", type=Path, metavar="FILE")
    units_import.set_defaults(handler=cmd_units_import)
    units_sub.add_parser("list", help="liệt kê các đơn vị").set_defaults(handler=cmd_units_list)

    blocks = commands.add_parser("blocks", help="các khối thi đua")
    blocks_sub = blocks.add_subparsers(dest="action", metavar="THAO_TÁC", required=True)
    blocks_sub.add_parser("list", help="liệt kê các khối").set_defaults(handler=cmd_blocks_list)
    blocks_add = blocks_sub.add_parser("add", help="thêm khối (hoặc đổi tên khối đã có)")
    blocks_add.add_argument("code", metavar="CODE")
    blocks_add.add_argument("name", metavar="TÊN_KHỐI")
    blocks_add.set_defaults(handler=cmd_blocks_add)

    cli_invites.add_commands(commands)

    form = commands.add_parser("form", help="mẫu báo cáo")
    form_sub = form.add_subparsers(dest="action", metavar="THAO_TÁC", required=True)
    form_show = form_sub.add_parser("show", help="hiển thị các câu hỏi của mẫu báo cáo")
    form_show.add_argument("--json", action="store_true", help="xuất dạng JSON")
    form_show.add_argument(
        "--year", type=int, metavar="NĂM", help="năm của mẫu báo cáo (mặc định: năm nay)"
    )
    form_show.set_defaults(handler=cmd_form_show)

    cli_scoring.add_commands(commands, _with_services)

    cli_desk.add_commands(commands, _with_services)
    cli_desk_periods.add_commands(commands, _with_services)
    cli_inspections.add_commands(commands, _with_services)

    awards = commands.add_parser(
        "awards",
        help="đề xuất khen thưởng CCHC hằng năm",
        description="Danh sách đề xuất khen thưởng theo Kế hoạch (mục III), kèm số liệu căn cứ.",
    )
    awards.add_argument("--year", type=int, required=True, metavar="NĂM", help="ví dụ 2025")
    awards.add_argument("--format", choices=("text", "csv"), default="text")
    awards.add_argument(
        "--output", type=Path, metavar="FILE", help="tệp ghi ra (mặc định: stdout)"
    )
    awards.set_defaults(handler=cmd_awards)

    commands.add_parser("run", help="chạy bot (long polling)").set_defaults(handler=cmd_run)
    cli_doctor.add_commands(commands)

    demo = commands.add_parser("demo", help="chạy thử bot trong terminal, không cần Telegram")
    demo.add_argument("--as", dest="role", choices=("head", "office"), default="head")
    demo.set_defaults(handler=cmd_demo)
    return parser


def _configure_logging(*, verbose: bool, command: str) -> None:
    # A running bot should say what it does; one-shot commands only speak up on trouble.
    level = logging.INFO if verbose or command == "run" else logging.WARNING
    logging.basicConfig(format="%(asctime)s %(levelname)s %(name)s: %(message)s", level=level)
    logging.getLogger("httpx").setLevel(logging.WARNING)  # one line per request otherwise


def _with_services(settings: Settings, work: Callable[[Services], Awaitable[int]]) -> int:
    return with_services(settings, work)


# -- units and blocks ------------------------------------------------------------------


def cmd_units_import(settings: Settings, args: argparse.Namespace) -> int:
    path: Path = args.file

    async def work(services: Services) -> int:
        result = await services.roster.import_file(path, actor=ACTOR)
        if not result.ok:
            print_refused_import("danh sách", path, result.errors)
            return 1
        print(
            f"Đã nhập {result.total} đơn vị: {result.added} mới, {result.updated} cập nhật, "
            f"{result.unchanged} không đổi."
        )
        return 0

    return _with_services(settings, work)


def cmd_units_list(settings: Settings, args: argparse.Namespace) -> int:
    async def work(services: Services) -> int:
        units = await services.roster.list_units()
        if not units:
            print("Chưa có đơn vị nào. Nhập danh sách bằng: cchc-bot units import FILE")
            return 0
        rows = [[u.code, u.name, u.block, u.district] for u in units]
        print_table(["Mã", "Tên đơn vị", "Khối", "Địa bàn"], rows)
        print(f"Tổng cộng: {len(units)} đơn vị.")
        return 0

    return _with_services(settings, work)


def cmd_blocks_list(settings: Settings, args: argparse.Namespace) -> int:
    async def work(services: Services) -> int:
        roster = services.roster
        blocks = await roster.list_blocks()
        counts: dict[str, int] = {}
        for unit in await roster.list_units():
            counts[unit.block] = counts.get(unit.block, 0) + 1
        rows = [[str(b.position), b.code, b.name, str(counts.get(b.code, 0))] for b in blocks]
        print_table(["Thứ tự", "Mã khối", "Tên khối", "Số đơn vị"], rows)
        return 0

    return _with_services(settings, work)


def cmd_blocks_add(settings: Settings, args: argparse.Namespace) -> int:
    from bot.services.roster import RosterError

    async def work(services: Services) -> int:
        roster = services.roster
        try:
            block, is_new = await roster.add_block(args.code, args.name, actor=ACTOR)
        except RosterError as exc:
            return fail(str(exc))
        if is_new:
            print(f"Đã thêm khối {block.code} – {block.name} (thứ tự {block.position}).")
        else:
            print(f"Đã cập nhật tên khối {block.code}: {block.name}.")
        return 0

    return _with_services(settings, work)


# -- the form --------------------------------------------------------------------------


def cmd_form_show(settings: Settings, args: argparse.Namespace) -> int:
    # The form file alone is enough; no database is created just to look at it.
    form = year_rules(settings, args.year).form
    if args.json:
        print(json.dumps(form.as_public_json(), ensure_ascii=False, indent=2))
    else:
        print(describe_form(form), end="")
    return 0


def describe_form(form: FormSpec) -> str:
    """The form as a numbered list the office can proofread against its paper form."""
    out = io.StringIO()
    out.write(f"{form.title} (phiên bản {form.version})\n")
    out.write(f"{len(form.fields)} câu hỏi.\n")
    number = 0
    for section in form.sections:
        out.write(f"\n{section.title}\n")
        for spec in section.fields:
            number += 1
            required = "bắt buộc" if spec.required else "không bắt buộc"
            out.write(f"  {number}. {spec.label}\n")
            out.write(f"     [{spec.key}] {_describe_type(spec)}; {required}\n")
    return out.getvalue()


def _describe_type(spec: FieldSpec) -> str:
    kind = TYPE_NAMES[spec.type]
    if spec.type in {"integer", "decimal", "percent"}:
        upper = spec.upper_bound
        low = format_number(spec.lower_bound)
        return f"{kind}, từ {low}" + (f" đến {format_number(upper)}" if upper is not None else "")
    if spec.type == "choice":
        return f"{kind}: " + "; ".join(f"{c.key} = {c.label}" for c in spec.choices)
    if spec.type == "text":
        return f"{kind}, tối đa {format_number(spec.text_limit)} ký tự"
    if spec.type == "file":
        exts = ", ".join(e.upper() for e in spec.accept)
        return f"{kind} {exts}, tối đa {spec.max_size_mb} MB"
    return kind


# -- awards ----------------------------------------------------------------------------

AWARD_COLUMNS = (
    "Hạng mục",
    "Vị trí",
    "Đồng hạng",
    "Mã đơn vị",
    "Tên đơn vị",
    "Khối",
    "Người được đề nghị",
    "Chỉ số năm",
    "Xếp loại",
    "Hạng trong khối",
    "Số đơn vị được xếp hạng",
    "Hồ sơ TTHC trình Sở",
    "Trong đó trực tuyến",
    "Tỷ lệ trình Sở trực tuyến (%)",
    "Số quý có báo cáo",
    "Lý do chưa đạt",
    "Lý do đề cử",
    "Hồ sơ đề nghị",
    "Văn bản còn thiếu",
    "Căn cứ (Kế hoạch, mục III.1)",
)
AWARD_CATEGORIES = {
    "unit": "Tập thể đơn vị trực thuộc",
    "head": "Thủ trưởng đơn vị trực thuộc",
    "division": "Phòng chuyên môn, nghiệp vụ thuộc Sở",
    "person": "Công chức (Văn phòng Sở đề cử)",
    "passed": "Chưa đạt: đơn vị xếp hạng cao trong Khối các đơn vị trực thuộc",
}


def cmd_awards(settings: Settings, args: argparse.Namespace) -> int:
    """`cchc-bot awards --year Y [--format csv]`: the year's candidates and their numbers.

    CSV is UTF-8 with a BOM (Excel opens it with the right diacritics) and plain numbers
    ("74.28"), one row per candidate, then the leaders a condition excluded with why;
    every row carries the plan's sentence it was judged by.
    """
    year: int = args.year
    if not 2000 <= year <= 2100:
        return fail(f"Năm {year} không hợp lệ; vui lòng ghi năm bằng 4 chữ số, ví dụ 2025.")
    found: list[Candidates] = []

    async def work(services: Services) -> int:
        found.append(await services.awards.candidates(year))
        return 0

    code = _with_services(settings, work)
    if code != 0:
        return code
    candidates = found[0]
    identity = settings.identity
    if args.format == "csv":
        buffer = io.StringIO()
        SafeCsvWriter(buffer).writerows([AWARD_COLUMNS, *award_rows(candidates, identity)])
        text, bom = buffer.getvalue(), True
    else:
        text, bom = describe_awards(candidates, identity), False
    if args.output is None:
        write_text(sys.stdout, text, bom=bom)
        return 0
    try:
        with args.output.open("w", encoding="utf-8", newline="") as handle:
            write_text(handle, text, bom=bom)
    except OSError as exc:
        return fail(f"Không ghi được tệp {args.output}: {exc.strerror or exc}.")
    print(f"Đã ghi danh sách đề xuất khen thưởng năm {year} vào tệp {args.output}.")
    return 0


def _dossier_cells(c: Candidates, unit_code: str) -> list[str]:
    from bot.services.awards import DOCUMENT_KINDS, DOCUMENT_TITLES

    missing = c.missing_documents(unit_code)
    if missing is None:
        return ["chưa đề nghị", ""]
    return [
        f"{len(DOCUMENT_KINDS) - len(missing)}/{len(DOCUMENT_KINDS)}",
        "; ".join(DOCUMENT_TITLES[k] for k in missing),
    ]


def award_reason(reason: Reason, f: UnitFacts, rule: AwardRule) -> str:
    """Why a leader of the Khối is not a candidate, in plain text."""
    from bot.services.awards import format_share

    if reason == "band_low":
        return f"xếp loại {f.band}, dưới mức tối thiểu {rule.min_band}"
    if reason == "online_low":
        share = format_share(f.share) if f.share is not None else "—"
        return (
            f"tỷ lệ hồ sơ trình Sở trực tuyến {share}% ({format_number(f.online)}/"
            f"{format_number(f.submitted)}) — không trên 90%"
        )
    if reason == "no_procedures":
        return "không có hồ sơ trình Sở trong năm nên chưa xác định được tỷ lệ trực tuyến"
    quarters = ", ".join(quarter_roman(q) for q in f.missing)
    return f"chưa có số liệu hồ sơ trình Sở (báo cáo quý {quarters} lập theo mẫu cũ)"


def award_rows(c: Candidates, identity: PlanIdentity) -> list[list[CsvCell]]:
    """One row per candidate, in the plan's order, then the excluded leaders.

    Numbers stay numbers (None: an empty cell), so the CSV writer writes them plain and
    quotes only the text, which holds names that units and people typed themselves.
    """
    from bot.services.awards import UnitFacts, plan_sentence

    rows: list[list[CsvCell]] = []
    department = identity.department

    def add(
        category: str,
        pick: Pick | None,
        facts: UnitFacts,
        *,
        person: str = "",
        excluded: str = "",
        why: str = "",
        plan: str,
    ) -> None:
        procedures = facts.index is not None and category in {"unit", "head", "passed"}
        rows.append(
            [
                AWARD_CATEGORIES[category],
                pick.position if pick else None,
                "có" if pick and pick.tied else "",
                facts.unit.code,
                facts.unit.name,
                facts.unit.block,
                person,
                facts.index,
                facts.band or "",
                facts.rank,
                facts.ranked if facts.index is not None else None,
                facts.submitted if procedures and facts.has_procedure_data else None,
                facts.online if procedures and facts.has_procedure_data else None,
                facts.share if procedures else None,
                facts.quarters if procedures else None,
                excluded,
                why,
                *_dossier_cells(c, facts.unit.code),
                plan_sentence(plan, department),
            ]
        )

    for pick in c.units:
        add("unit", pick, pick.facts, plan="unit")
    for head in c.heads:
        add("head", head.pick, head.pick.facts, person=", ".join(head.heads), plan="head")
    for pick in c.divisions:
        add("division", pick, pick.facts, plan="division")
    for nominee in c.persons:
        unit = c.units_by_code[nominee.unit_code]
        facts = UnitFacts(unit=unit, index=None, band=None, rank=None, ranked=0)
        add("person", None, facts, person=nominee.full_name, why=nominee.reason, plan="person")
    for passed in c.passed_over:
        reasons = "; ".join(award_reason(r, passed.facts, c.rule) for r in passed.reasons)
        add("passed", None, passed.facts, excluded=reasons, plan="unit")
    return rows


def describe_awards(c: Candidates, identity: PlanIdentity) -> str:
    """The candidates as plain text for the terminal."""
    from bot.services.awards import format_share, plan_sentence

    department = identity.department
    lines = [
        f"Đề xuất khen thưởng phong trào thi đua CCHC năm {c.year}",
        f"Theo mục III.1 {identity.plan}.",
        f"Hạn nộp hồ sơ đề nghị khen thưởng về Sở: {format_date(c.due)}.",
    ]
    if not c.published:
        lines.append(
            f"Kết quả Chỉ số CCHC năm {c.year} chưa được công bố; danh sách là tạm tính "
            "và chỉ được chốt sau khi công bố."
        )
    if c.unknown_blocks:
        lines.append(
            f"Lưu ý: danh sách đơn vị chưa có khối {', '.join(c.unknown_blocks)} "
            "(CCHC_AWARD_BLOCKS); các khối này không được xét."
        )

    def numbers(f: UnitFacts) -> str:
        assert f.index is not None
        share = format_share(f.share) + "%" if f.share is not None else "—"
        procedures = (
            f"hồ sơ trình Sở trực tuyến {format_number(f.online)}/"
            f"{format_number(f.submitted)} = {share}"
            if f.has_procedure_data
            else "chưa có số liệu hồ sơ trình Sở"
        )
        return (
            f"chỉ số {format_number(f.index)} ({f.band}), hạng {f.rank}/{f.ranked}; {procedures}"
        )

    def dossier(code: str) -> str:
        state, missing = _dossier_cells(c, code)
        return f"hồ sơ {state}" + (f", còn thiếu: {missing}" if missing else "")

    def tied(pick: Pick) -> str:
        return " (đồng hạng)" if pick.tied else ""

    def quote(kind: str) -> str:
        return f"  Kế hoạch: “{plan_sentence(kind, department)}”"

    khoi = ", ".join(b.name for b in c.award_blocks) or "chưa có khối nào"
    sections: list[tuple[str, list[str]]] = [
        (
            "1. Tập thể 04 đơn vị trực thuộc",
            [
                quote("unit"),
                f"  Khối các đơn vị trực thuộc gồm: {khoi} (xếp hạng chung). Điều kiện: xếp "
                f"loại {c.rule.min_band} trở lên; trên 90% hồ sơ thủ tục hành chính trình Sở "
                "trực tuyến (đúng 90% là chưa đạt).",
            ]
            + [
                f"  {p.position}) {p.facts.unit.name} ({p.facts.unit.code}){tied(p)}: "
                f"{numbers(p.facts)}; {dossier(p.facts.unit.code)}"
                for p in c.units
            ]
            + (["  (chưa có đơn vị nào đủ điều kiện)"] if not c.units else [])
            + [
                f"  Chưa đạt: {x.facts.unit.name} ({x.facts.unit.code}), hạng {x.facts.rank}, "
                f"chỉ số {format_number(x.facts.index or 0)}: "
                + "; ".join(award_reason(r, x.facts, c.rule) for r in x.reasons)
                for x in c.passed_over
            ],
        ),
        (
            "2. Thủ trưởng 02 đơn vị trực thuộc",
            [quote("head")]
            + [
                f"  {h.pick.position}) {h.pick.facts.unit.name} ({h.pick.facts.unit.code})"
                f"{tied(h.pick)}: {', '.join(h.heads) or 'chưa có Thủ trưởng đăng ký trên bot'}"
                for h in c.heads
            ]
            + (["  (chưa có)"] if not c.heads else []),
        ),
        (
            f"3. 02 phòng chuyên môn, nghiệp vụ thuộc Sở đạt loại {', '.join(c.good_bands)}",
            [quote("division")]
            + [
                f"  {p.position}) {p.facts.unit.name} ({p.facts.unit.code}){tied(p)}: chỉ số "
                f"{format_number(p.facts.index or 0)} ({p.facts.band}), hạng {p.facts.rank}/"
                f"{p.facts.ranked}; {dossier(p.facts.unit.code)}"
                for p in c.divisions
            ]
            + (["  (chưa có)"] if not c.divisions else []),
        ),
        (
            "4. 02 công chức do Văn phòng Sở đề cử",
            [quote("person")]
            + [
                f"  #{n.id} {n.full_name} — {c.units_by_code[n.unit_code].name}: {n.reason}; "
                f"{dossier(n.unit_code)}"
                for n in c.persons
            ]
            + (["  (chưa có)"] if not c.persons else []),
        ),
    ]
    for title, body in sections:
        lines += ["", title, *body]
    return "\n".join(lines) + "\n"


# -- running the bot -------------------------------------------------------------------


def cmd_run(settings: Settings, args: argparse.Namespace) -> int:
    settings.token()  # a missing token is a configuration error, said in one line
    from bot.app import run_polling  # imported here: other commands need no Telegram stack

    run_polling(settings)
    return 0


def cmd_demo(settings: Settings, args: argparse.Namespace) -> int:
    try:
        demo = importlib.import_module("bot.demo")
    except ModuleNotFoundError as exc:
        # The stand-in's web server (aiohttp) is the optional extra "demo": a bot installed
        # to run for real does not carry it.
        if exc.name is not None and exc.name.split(".")[0] == "aiohttp":
            return fail(
                "Chế độ chạy thử cần gói aiohttp, chưa được cài đặt; "
                'hãy cài bằng lệnh: pip install "cchc-bot[demo]" '
                '(trong thư mục mã nguồn: pip install -e ".[demo]").'
            )
        if exc.name != "bot.demo":
            raise
        return fail("Bản cài đặt này chưa có chế độ chạy thử (thiếu mô-đun bot.demo).")
    demo.run_demo(settings, role=args.role, db_path=args.db)
    return 0


# -- output helpers --------------------------------------------------------------------


if __name__ == "__main__":
    sys.exit(main())
