"""The office's commands: /status, /view, /invite. Each checks the role on every call."""

from __future__ import annotations

import logging

from telegram import Update
from telegram.constants import ChatAction
from telegram.error import TelegramError
from telegram.ext import CommandHandler
from telegram.helpers import create_deep_linked_url

from bot.domain.models import Period, Report, Role, Unit
from bot.formatting import format_datetime, period_label
from bot.services.registration import UnknownUnitError
from bot.services.review import DESK_STATUSES, UnitDesk
from bot.tabular import fold
from handlers import texts, unit_status
from handlers.common import identify, reply, require_office
from handlers.context import App, BotContext
from handlers.report import answer_lines
from handlers.telegram_text import CAPTION_LIMIT, esc, truncate

log = logging.getLogger(__name__)


async def _period_arg(update: Update, context: BotContext, text: str | None) -> Period | None:
    period = await context.services.periods.resolve(text)
    if period is None:
        await reply(update, context, texts.BAD_PERIOD.format(text=esc(text or "")))
    return period


async def cmd_status(update: Update, context: BotContext) -> None:
    """Who has submitted, by block: accepted, awaiting review, returned, drafting, not
    started and — after the deadline — late (see bot/services/review.py). A unit member
    sees its own unit's reports instead (handlers/unit_status.py)."""
    who = await identify(update, context)
    if who is not None and not who.is_office and who.is_bound and who.unit is not None:
        await unit_status.show(update, context, who)
        return
    if await require_office(update, context) is None:
        return
    # "/status quý I/2025" arrives as two words.
    period = await _period_arg(update, context, " ".join(context.args or []) or None)
    if period is None:
        return
    tz = context.services.settings.tz
    desk = await context.services.review.desk(period)
    lines = [
        texts.STATUS_HEADER.format(
            period=period_label(period.year, period.quarter),
            due=format_datetime(period.due_at, tz),
            submitted=desk.reported,
            total=desk.total,
            draft=desk.count("draft"),
            none=desk.count("none"),
        ),
        texts.STATUS_REVIEW_LINE.format(
            accepted=desk.count("accepted"),
            submitted=desk.count("submitted"),
            returned=desk.count("returned"),
            late=desk.count("late"),
        ),
    ]
    for block in desk.blocks:
        lines += [
            "",
            texts.STATUS_BLOCK.format(
                block=esc(block.block.name), submitted=block.reported, total=len(block.units)
            ),
        ]
        for status in DESK_STATUSES:
            members = [u for u in block.units if u.status == status]
            if members:
                lines.append(texts.STATUS_GROUPS[status].format(n=len(members)))
                lines += [_unit_line(u, period, context) for u in members]
    await reply(update, context, "\n".join(lines))


def _unit_line(desk: UnitDesk, period: Period, context: BotContext) -> str:
    unit = desk.unit
    tz = context.services.settings.tz
    if desk.report is not None:
        line = texts.STATUS_UNIT_SUBMITTED.format(
            code=esc(unit.code),
            name=esc(unit.name),
            version=desk.report.version,
            at=format_datetime(desk.report.submitted_at, tz),
        )
        return line + (texts.STATUS_LATE_MARK if desk.submitted_late(period) else "")
    line = texts.STATUS_UNIT.format(code=esc(unit.code), name=esc(unit.name))
    if desk.extension is not None and desk.deadline == desk.extension.due_at:
        line += texts.STATUS_EXTENDED_MARK.format(due=format_datetime(desk.deadline, tz))
    return line


async def cmd_view(update: Update, context: BotContext) -> None:
    if await require_office(update, context) is None:
        return
    if not context.args:
        await reply(update, context, texts.VIEW_USAGE)
        return
    period = await _period_arg(update, context, " ".join(context.args[1:]) or None)
    if period is None:
        return
    office = context.services.office
    try:
        unit, report = await office.latest_report(context.args[0], period)
    except LookupError:
        await reply(update, context, texts.UNKNOWN_UNIT.format(code=esc(context.args[0])))
        return
    label = period_label(period.year, period.quarter)
    if report is None:
        await reply(update, context, texts.VIEW_NOTHING.format(unit=esc(unit.name), period=label))
        return
    tz = context.services.settings.tz
    versions = await office.report_versions(unit.code, period)
    lines = [
        texts.VIEW_HEADER.format(
            period=label,
            unit=esc(unit.name),
            code=esc(unit.code),
            version=report.version,
            at=format_datetime(report.submitted_at, tz),
            reference=esc(report.reference),
        )
    ]
    if len(versions) > 1:
        listed = ", ".join(
            texts.VIEW_VERSION_ITEM.format(
                version=v.version, at=format_datetime(v.submitted_at, tz)
            )
            for v in versions
        )
        lines.append(texts.VIEW_VERSIONS.format(versions=listed))
    # Numbered as the unit was asked (without questions for inspected units, if not one).
    form = await context.services.reporting.form(period, unit.code)
    lines += answer_lines(form, report.answers)
    await reply(update, context, "\n".join(lines))
    await send_attachments(update, context, unit, report, label)


async def send_attachments(
    update: Update, context: BotContext, unit: Unit, report: Report, label: str
) -> None:
    """Re-send the report's files (the signed report, evidence), each captioned."""
    chat = update.effective_chat
    for spec in context.services.rules.form_of_period(report.period_code).fields:
        attached = report.answers.get(spec.key)
        if spec.type != "file" or not isinstance(attached, dict) or chat is None:
            continue
        caption = texts.VIEW_FILE_CAPTION.format(
            label=esc(spec.label), unit=esc(unit.name), period=label, version=report.version
        )
        try:
            await context.bot.send_chat_action(chat.id, ChatAction.UPLOAD_DOCUMENT)
            await context.bot.send_document(
                chat.id, str(attached["file_id"]), caption=truncate(caption, CAPTION_LIMIT)
            )
        except TelegramError as exc:
            log.warning("Could not re-send %s of %s: %s", spec.key, unit.code, exc)


# The roles as the office may name them: the English words, and the Vietnamese ones
# with or without diacritics ("thủ trưởng", "thu truong", "người báo cáo", "đầu mối").
_ROLE_WORDS: dict[str, Role] = {
    "head": "head",
    "thu truong": "head",
    "thu truong don vi": "head",
    "reporter": "reporter",
    "nguoi bao cao": "reporter",
    "dau moi": "reporter",
    "can bo dau moi": "reporter",
    "can bo dau moi cchc": "reporter",
}


def parse_role(text: str) -> Role | None:
    """The role named after ``/invite MÃ_ĐƠN_VỊ``; None if it names none."""
    return _ROLE_WORDS.get(fold(text))


async def cmd_invite(update: Update, context: BotContext) -> None:
    who = await require_office(update, context)
    if who is None:
        return
    if not context.args:
        await reply(update, context, texts.INVITE_USAGE)
        return
    role = parse_role(" ".join(context.args[1:])) if len(context.args) > 1 else "head"
    if role is None:
        await reply(update, context, texts.INVITE_USAGE)
        return
    try:
        new = await context.services.registration.create_invite(
            context.args[0], role, created_by=f"tg:{who.telegram_id}"
        )
    except UnknownUnitError:
        await reply(update, context, texts.UNKNOWN_UNIT.format(code=esc(context.args[0])))
        return
    link = create_deep_linked_url(context.bot.username, new.code)
    await reply(
        update,
        context,
        texts.INVITE_CREATED.format(
            unit=esc(new.unit.name),
            code=esc(new.unit.code),
            role=texts.ROLE_NAMES[role],
            invite=new.code,
            expires=format_datetime(new.invite.expires_at, context.services.settings.tz),
            link=esc(link),
        ),
    )


def register(app: App) -> None:
    app.add_handler(CommandHandler("status", cmd_status))
    app.add_handler(CommandHandler("view", cmd_view))
    app.add_handler(CommandHandler("invite", cmd_invite))
