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
from bot.texts import cli as cli_texts
from bot.texts import cli_desk as texts

if TYPE_CHECKING:
    from bot.config import Settings
    from bot.services.backup import BackupInfo
    from bot.services.container import Services
    from bot.services.export import ExportFile

# bot.services.export.EXPORT_FORMATS, written out so that building the parser does not
# import the export service (tests/unit/test_cli_imports.py checks they agree).
EXPORT_CHOICES = ("xlsx", "docx", "csv")


def add_commands(
    commands: argparse._SubParsersAction[argparse.ArgumentParser], run: Runner
) -> None:
    """Register the desk's commands; ``run`` opens the services for a command's work."""
    export = commands.add_parser(
        "export",
        help=texts.HELP_EXPORT,
        description=texts.DESCRIPTION_EXPORT,
    )
    export.add_argument(
        "--period", metavar=cli_texts.METAVAR_PERIOD, help=texts.HELP_EXPORT_PERIOD
    )
    export.add_argument("--format", choices=EXPORT_CHOICES, default="csv")
    export.add_argument("--output", type=Path, metavar="FILE", help=texts.HELP_EXPORT_OUTPUT)
    export.add_argument("--bom", action="store_true", help=texts.HELP_EXPORT_BOM)
    export.set_defaults(handler=lambda s, a: cmd_export(s, a, run))

    audit = commands.add_parser("audit", help=texts.HELP_AUDIT)
    audit.add_argument("--unit", metavar=cli_texts.METAVAR_UNIT, help=texts.HELP_AUDIT_UNIT)
    audit.add_argument(
        "--limit", type=_positive, default=50, metavar="N", help=texts.HELP_AUDIT_LIMIT
    )
    audit.set_defaults(handler=lambda s, a: run(s, lambda services: _audit(services, a)))

    backup = commands.add_parser(
        "backup",
        help=texts.HELP_BACKUP,
        description=texts.DESCRIPTION_BACKUP,
    )
    backup.add_argument(
        "dest", type=Path, metavar=texts.METAVAR_BACKUP_DEST, help=texts.HELP_BACKUP_DEST
    )
    backup.set_defaults(handler=cmd_backup)

    restore = commands.add_parser(
        "restore",
        help=texts.HELP_RESTORE,
        description=texts.DESCRIPTION_RESTORE,
    )
    restore.add_argument("source", type=Path, metavar=texts.METAVAR_BACKUP_FILE)
    restore.set_defaults(handler=cmd_restore)


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(texts.NOT_POSITIVE) from None
    if not 1 <= value <= 100_000:
        raise argparse.ArgumentTypeError(texts.OUT_OF_RANGE)
    return value


# -- export ----------------------------------------------------------------------------


def cmd_export(settings: Settings, args: argparse.Namespace, run: Runner) -> int:
    done: list[tuple[ExportFile, str]] = []

    async def work(services: Services) -> int:
        period = await services.periods.resolve(args.period)
        if period is None:
            return fail(texts.BAD_PERIOD.format(period=args.period))
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
        return fail(cli_texts.CANNOT_WRITE.format(path=target, reason=exc.strerror or exc))
    print(_exported_line(exported, label, target))
    if args.format == "docx" and settings.province is None:
        print(texts.DOCX_NO_PROVINCE, file=sys.stderr)
    return 0


def _exported_line(exported: ExportFile, label: str, target: Path) -> str:
    return texts.EXPORTED.format(
        period=label, units=exported.units, submitted=exported.submitted, path=target
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
    print(texts.BACKED_UP.format(db=settings.db_path, path=info.path))
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
    print(texts.RESTORED.format(db=settings.db_path, path=source))
    print(_summary(info))
    if kept is not None:
        print(texts.RESTORE_KEPT.format(path=kept))
    print(texts.RESTART)
    return 0


def _summary(info: BackupInfo) -> str:
    counts = ", ".join(
        f"{info.counts[table]} {name}"
        for table, name in texts.TABLE_NAMES.items()
        if table in info.counts
    )
    size = texts.SUMMARY_SIZE.format(size=format_size(info.size)) if info.size else ""
    return texts.SUMMARY.format(size=size, version=info.schema_version, counts=counts)
