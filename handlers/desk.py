"""The office's desk: /export and /audit, and the daily automatic backup.

Both commands check the office role on every call. The export files are built off
the event loop by the export service; the backup runs in a worker thread too, so
neither holds up other people's conversations.
"""

from __future__ import annotations

import logging
from datetime import time
from typing import cast

from telegram import InputFile, Update
from telegram.constants import ChatAction
from telegram.ext import CommandHandler

from bot.formatting import format_date, format_datetime, period_label
from bot.numbers import parse_whole
from bot.services.backup import BackupError
from bot.services.export import EXPORT_FORMATS, ExportFormat
from bot.services.periods import take_period
from handlers import texts
from handlers.common import reply, require_office, send
from handlers.context import App, BotContext
from handlers.telegram_text import CAPTION_LIMIT, esc, truncate

log = logging.getLogger(__name__)

AUDIT_DEFAULT = 30
AUDIT_MAX = 200
BACKUP_JOB = "daily-backup"
SCHEDULE_JOB = "schedule-daily-backup"


# -- /export ---------------------------------------------------------------------------


async def cmd_export(update: Update, context: BotContext) -> None:
    if await require_office(update, context) is None:
        return
    chat = update.effective_chat
    if chat is None:
        return
    args = context.args or []
    formats = [f for a in args for f in EXPORT_FORMATS if a.lower() == f]
    # "quý I/2025" arrives as two words: joined into one, anything else is left over.
    named, others = take_period([a for a in args if a.lower() not in EXPORT_FORMATS])
    others = [named, *others] if named is not None else others
    if len(formats) > 1 or len(others) > 1:
        await reply(update, context, texts.EXPORT_USAGE)
        return
    fmt: ExportFormat = formats[0] if formats else "xlsx"
    services = context.services
    period = await services.periods.resolve(others[0] if others else None)
    if period is None:
        bad = texts.BAD_PERIOD.format(text=esc(others[0]))
        await reply(update, context, f"{bad}\n\n{texts.EXPORT_USAGE}")
        return
    await context.bot.send_chat_action(chat.id, ChatAction.UPLOAD_DOCUMENT)
    exported = await services.export.render(period, fmt)
    caption = texts.EXPORT_CAPTION.format(
        kind=texts.EXPORT_KINDS[fmt],
        period=period_label(period.year, period.quarter),
        units=exported.units,
        submitted=exported.submitted,
        at=format_datetime(services.clock(), services.settings.tz),
    )
    if fmt == "docx":
        caption += texts.EXPORT_DOCX_NOTE
        if services.settings.province is None:
            caption += texts.EXPORT_DOCX_NO_PROVINCE
    await context.bot.send_document(
        chat.id,
        InputFile(exported.content, filename=exported.file_name),
        caption=truncate(caption, CAPTION_LIMIT),
    )


# -- /audit ----------------------------------------------------------------------------


async def cmd_audit(update: Update, context: BotContext) -> None:
    if await require_office(update, context) is None:
        return
    args = context.args or []
    limit = AUDIT_DEFAULT
    if not args or len(args) > 2:
        await reply(update, context, texts.AUDIT_USAGE)
        return
    if len(args) == 2:
        typed = parse_whole(args[1], low=1, high=AUDIT_MAX)
        if typed is None:
            await reply(update, context, texts.AUDIT_USAGE)
            return
        limit = typed
    services = context.services
    unit = await services.office.unit(args[0])
    if unit is None:
        await reply(update, context, texts.UNKNOWN_UNIT.format(code=esc(args[0])))
        return
    lines = await services.audit.trail(unit_code=unit.code, limit=limit)
    if not lines:
        await reply(
            update, context, texts.AUDIT_NONE.format(unit=esc(unit.name), code=esc(unit.code))
        )
        return
    tz = services.settings.tz
    parts = [texts.AUDIT_HEADER.format(unit=esc(unit.name), code=esc(unit.code), n=len(lines))]
    for line in lines:
        local = line.at.astimezone(tz)
        parts.append(
            texts.AUDIT_LINE.format(
                at=texts.AUDIT_AT.format(time=f"{local:%H:%M:%S}", date=format_date(local)),
                actor=esc(line.actor),
                text=esc(line.text),
            )
        )
    await reply(update, context, "\n".join(parts))


# -- the daily backup ------------------------------------------------------------------


async def _schedule_backups(context: BotContext) -> None:
    """Run once at start-up, when the services (and so the settings) are there."""
    settings = context.services.settings
    if settings.backup_keep == 0:
        log.info("Daily backup is off (CCHC_BACKUP_KEEP=0)")
        return
    app = cast(App, context.application)  # PTB types the job's context loosely
    job_queue = app.job_queue
    assert job_queue is not None
    at = time(settings.backup_time.hour, settings.backup_time.minute, tzinfo=settings.tz)
    job_queue.run_daily(_backup_job, time=at, name=BACKUP_JOB)
    log.info("Daily backup at %s into %s", at.isoformat("minutes"), settings.backup_path)


async def _backup_job(context: BotContext) -> None:
    await run_backup(context)


async def run_backup(context: BotContext) -> bool:
    """Take the daily backup; on failure tell the office, so a full disk is noticed."""
    services = context.services
    try:
        await services.backup.daily()
    except (BackupError, OSError) as exc:
        log.exception("Daily backup failed")
        message = texts.BACKUP_FAILED.format(
            at=format_datetime(services.clock(), services.settings.tz), reason=esc(str(exc))
        )
        for office_id in sorted(services.settings.office_ids):
            try:
                await send(context, office_id, message)
            except Exception:  # one unreachable office member must not hide it from others
                log.warning("Could not tell %s about the failed backup", office_id)
        return False
    return True


def register(app: App) -> None:
    app.add_handler(CommandHandler("export", cmd_export))
    app.add_handler(CommandHandler("audit", cmd_audit))
    if app.job_queue is None:
        log.warning("No job queue (APScheduler missing): no daily backup")
        return
    app.job_queue.run_once(_schedule_backups, when=0, name=SCHEDULE_JOB)
