"""Command-line commands for the office's desk: `export`, `audit`, `backup`, `restore`.

Kept apart from bot/cli.py so each group of commands reads on its own; cli.py calls
:func:`add_commands` while building its parser. `backup` and `restore` work on the
database file itself and never open it through the services (which would migrate it).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from bot.cli_output import fail, write_text
from bot.cli_runner import Runner
from bot.clock import utc_now
from bot.formatting import format_date, format_size, period_label

if TYPE_CHECKING:
    from bot.config import Settings
    from bot.services.backup import BackupInfo
    from bot.services.container import Services
    from bot.services.export import ExportFile

# bot.services.export.EXPORT_FORMATS, written out so that building the parser does not
# import the export service (tests/unit/test_cli_imports.py checks they agree).
EXPORT_CHOICES = ("xlsx", "docx", "csv")

TABLE_NAMES = {
    "units": "đơn vị",
    "blocks": "khối",
    "people": "người dùng",
    "memberships": "người đã đăng ký",
    "reports": "báo cáo đã gửi",
    "drafts": "bản nháp",
    "audit_log": "mục nhật ký",
}


def add_commands(
    commands: argparse._SubParsersAction[argparse.ArgumentParser], run: Runner
) -> None:
    """Register the desk's commands; ``run`` opens the services for a command's work."""
    export = commands.add_parser(
        "export",
        help="xuất báo cáo của một kỳ (csv, xlsx, docx)",
        description="Xuất báo cáo của một kỳ: csv (dữ liệu), xlsx (bảng tổng hợp theo khối, "
        "có chỉ số, xếp hạng) hoặc docx (dự thảo báo cáo CCHC quý của Sở).",
    )
    export.add_argument("--period", metavar="KỲ", help="ví dụ 2025-Q1 (mặc định: quý hiện tại)")
    export.add_argument("--format", choices=EXPORT_CHOICES, default="csv")
    export.add_argument(
        "--output",
        type=Path,
        metavar="FILE",
        help="tệp ghi ra (csv mặc định ra stdout; xlsx, docx mặc định cchc-KỲ.xlsx, "
        "bao-cao-cchc-KỲ.docx trong thư mục hiện tại)",
    )
    export.add_argument(
        "--bom", action="store_true", help="csv: thêm BOM UTF-8 để Excel hiển thị đúng tiếng Việt"
    )
    export.set_defaults(handler=lambda s, a: cmd_export(s, a, run))

    audit = commands.add_parser("audit", help="nhật ký thay đổi (ai, lúc nào, trước/sau)")
    audit.add_argument("--unit", metavar="MÃ_ĐƠN_VỊ", help="chỉ các thay đổi của một đơn vị")
    audit.add_argument(
        "--limit", type=_positive, default=50, metavar="N", help="số mục mới nhất (mặc định 50)"
    )
    audit.set_defaults(handler=lambda s, a: run(s, lambda services: _audit(services, a)))

    backup = commands.add_parser(
        "backup",
        help="sao lưu cơ sở dữ liệu (chạy được khi bot đang chạy)",
        description="Sao lưu cơ sở dữ liệu bằng cơ chế sao lưu trực tuyến của SQLite; bot "
        "vẫn chạy bình thường trong lúc sao lưu.",
    )
    backup.add_argument(
        "dest", type=Path, metavar="ĐÍCH", help="tệp sao lưu, hoặc thư mục để đặt tên tự động"
    )
    backup.set_defaults(handler=cmd_backup)

    restore = commands.add_parser(
        "restore",
        help="khôi phục cơ sở dữ liệu từ bản sao lưu (cần dừng bot trước)",
        description="Thay cơ sở dữ liệu bằng một bản sao lưu. Bot phải được dừng trước; "
        "cơ sở dữ liệu đang có được giữ lại thành tệp *.before-restore-*.db bên cạnh.",
    )
    restore.add_argument("source", type=Path, metavar="TỆP_SAO_LƯU")
    restore.set_defaults(handler=cmd_restore)


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError("phải là số nguyên dương") from None
    if not 1 <= value <= 100_000:
        raise argparse.ArgumentTypeError("phải từ 1 đến 100000")
    return value


# -- export ----------------------------------------------------------------------------


def cmd_export(settings: Settings, args: argparse.Namespace, run: Runner) -> int:
    done: list[tuple[ExportFile, str]] = []

    async def work(services: Services) -> int:
        period = await services.periods.resolve(args.period)
        if period is None:
            return fail(
                f'Kỳ báo cáo "{args.period}" không hợp lệ; vui lòng ghi dạng NĂM-QQUÝ, '
                "ví dụ 2025-Q1."
            )
        exported = await services.export.render(period, args.format)
        done.append((exported, period_label(period.year, period.quarter)))
        return 0

    code = run(settings, work)
    if code != 0:
        return code
    exported, label = done[0]
    target: Path | None = args.output
    try:
        if args.format == "csv":
            text = exported.content.decode("utf-8-sig")
            if target is None:
                write_text(sys.stdout, text, bom=args.bom)
                return 0
            with target.open("w", encoding="utf-8", newline="") as handle:
                write_text(handle, text, bom=args.bom)
        else:
            target = target or Path(exported.file_name)
            target.write_bytes(exported.content)
    except OSError as exc:
        return fail(f"Không ghi được tệp {target}: {exc.strerror or exc}.")
    print(_exported_line(exported, label, target))
    if args.format == "docx" and settings.province is None:
        print(DOCX_NO_PROVINCE, file=sys.stderr)
    return 0


DOCX_NO_PROVINCE = (
    "Lưu ý: chưa đặt CCHC_PROVINCE (tên tỉnh) nên bản dự thảo không có dòng tên Ủy ban nhân "
    "dân tỉnh ở phần đầu và địa danh trước ngày tháng; vui lòng đặt CCHC_PROVINCE hoặc bổ "
    "sung khi rà soát văn bản."
)


def _exported_line(exported: ExportFile, label: str, target: Path) -> str:
    return (
        f"Đã xuất báo cáo {label} của {exported.units} đơn vị ({exported.submitted} đơn vị "
        f"đã gửi) vào tệp {target}."
    )


# -- audit -----------------------------------------------------------------------------


async def _audit(services: Services, args: argparse.Namespace) -> int:
    from bot.texts import audit as audit_texts

    unit_code: str | None = args.unit
    if unit_code is not None:
        unit = await services.office.unit(unit_code)
        if unit is None:
            return fail(audit_texts.CLI_UNKNOWN_UNIT.format(code=unit_code))
        unit_code = unit.code
        print(audit_texts.CLI_HEADER.format(code=unit.code, name=unit.name))
    entries = await services.audit.trail(unit_code=unit_code, limit=args.limit)
    if not entries:
        print(audit_texts.CLI_NONE)
        return 0
    tz = services.settings.tz
    for entry in entries:
        local = entry.at.astimezone(tz)
        where = f"  [{entry.unit_code}]" if unit_code is None and entry.unit_code else ""
        print(
            f"{format_date(local)} {local:%H:%M:%S}{where}  {audit_texts.actor_name(entry.actor)}"
        )
        print("    " + audit_texts.sentence(entry.change, tz).replace("\n", "\n    "))
    print(audit_texts.CLI_FOOTER.format(n=len(entries)))
    return 0


# -- backup and restore ----------------------------------------------------------------


def cmd_backup(settings: Settings, args: argparse.Namespace) -> int:
    from bot.services.backup import BackupError, backup_database, backup_name

    dest: Path = args.dest
    if dest.is_dir():
        dest = dest / backup_name(utc_now(), settings.tz)
    try:
        info = backup_database(settings.db_path, dest)
    except BackupError as exc:
        return fail(str(exc))
    print(f"Đã sao lưu cơ sở dữ liệu {settings.db_path} vào tệp {info.path}.")
    print(_summary(info))
    return 0


def cmd_restore(settings: Settings, args: argparse.Namespace) -> int:
    from bot.services.backup import BackupError, inspect_backup, restore_database

    source: Path = args.source
    try:
        info = inspect_backup(source)
        kept = restore_database(source, settings.db_path, now=utc_now(), tz=settings.tz)
    except BackupError as exc:
        return fail(str(exc))
    print(f"Đã khôi phục cơ sở dữ liệu {settings.db_path} từ tệp {source}.")
    print(_summary(info))
    if kept is not None:
        print(f"Cơ sở dữ liệu trước khi khôi phục được giữ tại {kept}.")
    print("Khởi động lại bot bằng: cchc-bot run")
    return 0


def _summary(info: BackupInfo) -> str:
    counts = ", ".join(
        f"{info.counts[table]} {name}"
        for table, name in TABLE_NAMES.items()
        if table in info.counts
    )
    size = f"{format_size(info.size)}; " if info.size else ""
    return f"({size}phiên bản cơ sở dữ liệu {info.schema_version}; {counts}.)"
