"""The desk's schedule in Telegram: reminders, the late list, the daily digest, /late.

One job, ``desk``, runs the schedule (``bot/services/reminders.py``): it sends what
is due, then schedules itself for the next moment something may fall due (at most 15
minutes away, so changes made by the CLI are seen). The first run is 30 seconds after
start-up; it rebuilds the whole schedule from the database, so a restart loses
nothing and, each message being recorded before it goes, repeats nothing. Changes
in chat (a new deadline, a reopened period, "remind now") run it again at once.

``/late [period]`` lists the units that have not submitted (after the deadline: the
late ones) with a "remind now" button, and after the deadline one to reopen the period
for all of them for ``CCHC_REOPEN_DAYS`` days and remind them.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta
from typing import Any

from telegram import InlineKeyboardMarkup, Update
from telegram.error import TelegramError
from telegram.ext import CommandHandler, JobQueue

from bot.domain.models import Period
from bot.formatting import format_date, format_datetime, period_label
from bot.services.periods import shift_quarter
from bot.services.reminders import Digest, LateList, Notice, Reminder
from bot.services.review import PeriodDesk, UnitDesk
from handlers import buttons, texts
from handlers.buttons import Press, Who, button
from handlers.callbacks import RemindNow, ReopenLate
from handlers.common import reply, require_office, send
from handlers.context import App, BotContext
from handlers.telegram_text import esc

log = logging.getLogger(__name__)

JOB_NAME = "desk"
# "Remind now" names at most this many units nobody of which uses the bot.
UNBOUND_NAMED = 10
FIRST_RUN_SECONDS = 30


def period_title(period: Period) -> str:
    """ "quý I/2025"; the fourth quarter adds that it is also the year report."""
    label = period_label(period.year, period.quarter)
    return label + (
        texts.YEAR_REPORT_SUFFIX.format(year=period.year) if period.quarter == 4 else ""
    )


async def tell_unit(context: BotContext, unit_code: str, text: str) -> int:
    """Send ``text`` to every bound member of the unit; returns how many got it."""
    told = 0
    for member in await context.services.office.members(unit_code):
        try:
            await send(context, member.telegram_id, text)
            told += 1
        except TelegramError as exc:
            log.warning("Could not tell %s of %s: %s", member.telegram_id, unit_code, exc)
    return told


# -- the job ------------------------------------------------------------------------------


async def run_desk(context: BotContext) -> int:
    """Send everything due now; returns how many messages went out."""
    schedule = context.services.desk
    sent = 0
    for notice in await schedule.due():
        text, markup = render(context, notice)
        try:
            await send(context, notice.key.telegram_id, text, markup)
        except TelegramError as exc:
            log.warning("Desk message to %s failed: %s", notice.key.telegram_id, exc)
            await schedule.finish(notice.key, ok=False, error=str(exc)[:200])
        else:
            await schedule.finish(notice.key, ok=True)
            sent += 1
    return sent


async def _desk_job(context: BotContext) -> None:
    try:
        await run_desk(context)
    finally:
        next_run = await context.services.desk.next_run()
        delay = max((next_run - context.services.clock()).total_seconds(), 1.0)
        _schedule(context.job_queue, delay)


def _schedule(job_queue: JobQueue[Any] | None, delay: float) -> None:
    if job_queue is None:
        return
    for job in job_queue.get_jobs_by_name(JOB_NAME):
        job.schedule_removal()
    job_queue.run_once(_desk_job, when=delay, name=JOB_NAME)


def reschedule(context: BotContext, *, delay: float = 0.5) -> None:
    """Re-read the schedule now (after the office changed something)."""
    _schedule(context.job_queue, delay)


# -- rendering ----------------------------------------------------------------------------


def render(context: BotContext, notice: Notice) -> tuple[str, InlineKeyboardMarkup | None]:
    if isinstance(notice, Reminder):
        return render_reminder(context, notice), None
    if isinstance(notice, LateList):
        tz = context.services.settings.tz
        period = notice.desk.period
        head = texts.LATE_AUTO.format(
            label=period_title(period), due=format_datetime(period.due_at, tz)
        )
        text, markup = render_pending(context, notice.desk, {})
        return head + text, markup
    return render_digest(context, notice), None


def render_reminder(context: BotContext, notice: Reminder) -> str:
    tz = context.services.settings.tz
    label = period_title(notice.period)
    due = format_datetime(notice.deadline, tz)
    if notice.status == "late" or notice.deadline < context.services.clock():
        return texts.REMINDER_LATE.format(label=label, unit=esc(notice.unit.name), due=due)
    left = (
        texts.REMINDER_LEFT_TODAY
        if notice.days_left <= 0
        else texts.REMINDER_LEFT_DAYS.format(n=notice.days_left)
    )
    state = {
        "draft": texts.REMINDER_STATE_DRAFT,
        "returned": texts.REMINDER_STATE_RETURNED,
    }.get(notice.status, texts.REMINDER_STATE_NONE)
    return texts.REMINDER.format(
        label=label, unit=esc(notice.unit.name), due=due, left=left, state=state
    )


def _unit_note(context: BotContext, unit: UnitDesk, reminded: dict[str, datetime]) -> str:
    tz = context.services.settings.tz
    note = {"draft": texts.LATE_NOTE_DRAFT, "returned": texts.LATE_NOTE_RETURNED}.get(
        unit.status, ""
    )
    if unit.extension is not None and unit.extension.due_at == unit.deadline:
        note += texts.LATE_NOTE_EXTENDED.format(due=format_datetime(unit.deadline, tz))
    last = reminded.get(unit.unit.code)
    if last is not None:
        note += texts.LATE_NOTE_REMINDED.format(at=format_datetime(last, tz))
    return note


def render_pending(
    context: BotContext, desk: PeriodDesk, reminded: dict[str, datetime]
) -> tuple[str, InlineKeyboardMarkup | None]:
    """The units that have not submitted, by block, with the buttons to chase them."""
    tz = context.services.settings.tz
    period = desk.period
    now = context.services.clock()
    past = period.due_at < now or period.status == "closed"
    statuses = ("late",) if past else ("none", "draft", "returned")
    pending = desk.with_status(*statuses)
    if past:
        # A unit reopened after the deadline is chased too, until it submits.
        pending += [u for u in desk.with_status("none", "draft", "returned") if u.extension]
    label = period_title(period)
    if not pending:
        return texts.LATE_NONE.format(total=desk.total, label=label), None
    due = format_datetime(period.due_at, tz)
    if past:
        lines = [
            texts.LATE_HEADER.format(
                label=label, due=due, reported=desk.reported, total=desk.total, late=len(pending)
            )
        ]
    else:
        days = (period.due_at.astimezone(tz).date() - now.astimezone(tz).date()).days
        left = texts.REMINDER_LEFT_TODAY if days <= 0 else texts.REMINDER_LEFT_DAYS.format(n=days)
        lines = [
            texts.LATE_HEADER_OPEN.format(
                label=label,
                due=due,
                left=left,
                reported=desk.reported,
                total=desk.total,
                pending=len(pending),
            )
        ]
    codes = {u.unit.code for u in pending}
    for block in desk.blocks:
        mine = [u for u in block.units if u.unit.code in codes]
        if not mine:
            continue
        lines.append(texts.LATE_BLOCK.format(block=esc(block.block.name), n=len(mine)))
        lines += [
            texts.LATE_UNIT.format(
                code=esc(u.unit.code), name=esc(u.unit.name), note=_unit_note(context, u, reminded)
            )
            for u in mine
        ]
    actions = [button(texts.BTN_REMIND_NOW, RemindNow(period.code))]
    if past:
        days = context.services.settings.reopen_days
        actions.append(button(texts.BTN_REOPEN_LATE.format(days=days), ReopenLate(period.code)))
    return "\n".join(lines), InlineKeyboardMarkup([[b] for b in actions])


def render_digest(context: BotContext, digest: Digest) -> str:
    tz = context.services.settings.tz
    desk = digest.desk
    period = desk.period
    days = (period.due_at.astimezone(tz).date() - digest.day).days
    left = (
        texts.DIGEST_LEFT_TODAY
        if days == 0
        else texts.DIGEST_LEFT_DAYS.format(n=days)
        if days > 0
        else ""
    )
    lines = [
        texts.DIGEST_HEADER.format(
            label=period_title(period),
            day=format_date(digest.day),
            due=format_datetime(period.due_at, tz),
            left=left,
            reported=desk.reported,
            total=desk.total,
        )
    ]
    lines += [
        texts.DIGEST_BLOCK.format(block=esc(b.block.name), reported=b.reported, total=len(b.units))
        for b in desk.blocks
    ]
    since = format_datetime(digest.since, tz)
    if digest.new:
        lines.append(texts.DIGEST_NEW.format(since=since, n=len(digest.new)))
        lines += [
            texts.DIGEST_NEW_UNIT.format(
                code=esc(u.unit.code),
                name=esc(u.unit.name),
                version=u.report.version,
                at=format_datetime(u.report.submitted_at, tz),
            )
            for u in digest.new
            if u.report is not None
        ]
    else:
        lines.append(texts.DIGEST_NEW_NONE.format(since=since))
    late = digest.late
    if late:
        lines.append(texts.DIGEST_LATE.format(n=len(late)))
        lines += [
            texts.LATE_UNIT.format(code=esc(u.unit.code), name=esc(u.unit.name), note="")
            for u in late
        ]
    lines.append(texts.DIGEST_FOOTER.format(code=period.code))
    return "\n".join(lines)


# -- /late and its buttons ----------------------------------------------------------------


async def cmd_late(update: Update, context: BotContext) -> None:
    if await require_office(update, context) is None:
        return
    arg = " ".join(context.args or []) or None  # "quý I/2025" arrives as two words
    period = await _late_period(context, arg)
    if period is None:
        await reply(update, context, texts.BAD_PERIOD.format(text=esc(arg or "")))
        return
    desk = await context.services.desk.pending(period)
    reminded = await context.services.desk.last_reminded(period)
    text, markup = render_pending(context, desk, reminded)
    await reply(update, context, text, markup)


async def _late_period(context: BotContext, arg: str | None) -> Period | None:
    """The named period; by default the current quarter, or the previous one while the
    current quarter's deadline is still ahead and the previous one's is recent."""
    periods = context.services.periods
    if arg is not None:
        return await periods.resolve(arg)
    current = await periods.current()
    now = context.services.clock()
    if current.due_at < now:
        return current
    previous = await periods.ensure(*shift_quarter(current.year, current.quarter, -1))
    if now - previous.due_at <= timedelta(days=30):
        return previous
    return current


async def on_button(
    update: Update, context: BotContext, press: Press[RemindNow | ReopenLate]
) -> None:
    await press.answer()
    period = await context.services.periods.get(press.data.period)
    if period is None:
        await reply(update, context, texts.PERIOD_UNKNOWN.format(code=press.data.period))
        return
    if isinstance(press.data, ReopenLate):
        await _reopen_late(update, context, period, f"tg:{press.who.telegram_id}")
    await _remind_now(update, context, period)


async def _reopen_late(update: Update, context: BotContext, period: Period, actor: str) -> None:
    desk = await context.services.desk.pending(period)
    days = context.services.settings.reopen_days
    tz = context.services.settings.tz
    reopened = 0
    until: datetime | None = None
    for unit in desk.with_status("late"):
        own, extension = await context.services.periods.reopen_for(
            unit.unit.code, period.code, days=days, actor=actor
        )
        if extension is None:
            continue
        reopened += 1
        until = own.due_at
        await tell_unit(
            context,
            unit.unit.code,
            texts.REOPEN_UNIT_NOTICE.format(
                label=period_title(period),
                unit=esc(unit.unit.name),
                due=format_datetime(own.due_at, tz),
            ),
        )
    if until is not None:
        await reply(
            update,
            context,
            texts.REOPEN_LATE_DONE.format(
                label=period_title(period), n=reopened, due=format_datetime(until, tz)
            ),
        )


async def _remind_now(update: Update, context: BotContext, period: Period) -> None:
    settings = context.services.settings
    tz = settings.tz
    result = await context.services.desk.remind_now(period)
    now = context.services.clock()
    if not result.units and not result.skipped:
        text = texts.REMIND_NOW_NOTHING.format(label=period_title(period))
    elif not result.units:
        text = texts.REMIND_NOW_NONE_SENT
    elif result.at > now:
        text = texts.REMIND_NOW_QUEUED.format(
            start=settings.quiet_start.strftime("%H:%M"),
            end=settings.quiet_end.strftime("%H:%M"),
            people=result.people,
            units=len(result.units),
            at=format_datetime(result.at, tz),
        )
    else:
        # Sent by the job, now, before the office is told.
        await run_desk(context)
        text = texts.REMIND_NOW_DONE.format(people=result.people, units=len(result.units))
    if result.skipped:
        # Per reason, so the office sees what to do about each: wait, or reach the units
        # nobody of which uses the bot some other way (named, up to a few).
        text += texts.REMIND_NOW_SKIPPED.format(n=len(result.skipped))
        if result.recent:
            text += texts.REMIND_NOW_RECENT.format(n=len(result.recent))
        if result.unbound:
            named = ", ".join(esc(u.unit.code) for u in result.unbound[:UNBOUND_NAMED])
            more = len(result.unbound) - UNBOUND_NAMED
            if more > 0:
                named += texts.REMIND_NOW_MORE.format(n=more)
            text += texts.REMIND_NOW_UNBOUND.format(n=len(result.unbound), units=named)
    await reply(update, context, text)


def register(app: App) -> None:
    app.add_handler(CommandHandler("late", cmd_late))
    buttons.on(on_button, RemindNow, ReopenLate, who=Who.OFFICE)
    if app.job_queue is None:
        log.warning("No job queue (APScheduler missing): reminders and digests are not sent")
        return
    app.job_queue.run_once(_desk_job, when=FIRST_RUN_SECONDS, name=JOB_NAME)
