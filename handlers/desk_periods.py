"""The office's periods: /period (list, open, close, deadline) and /reopen for one unit.

``/period`` lists recent periods with a button each; a period's card has buttons to
open or close it and to change its deadline (one persisted question: the new date).
The same is possible with arguments (``/period 2025-Q2 due 20/06/2025``). Reopening
for one unit tells its bound members. After any change the desk's schedule is
re-read at once, so reminders follow the new deadline.
"""

from __future__ import annotations

import logging
import typing
import unicodedata
from dataclasses import dataclass
from datetime import datetime

from telegram import InlineKeyboardMarkup, Update
from telegram.ext import CommandHandler

from bot.domain.broadcasts import Notice
from bot.domain.models import Period
from bot.formatting import format_date, format_datetime, period_label
from bot.numbers import parse_whole
from bot.services.conversations import Ending
from bot.services.periods import (
    DeadlineError,
    Told,
    UnknownUnit,
    parse_deadline,
    parse_period_code,
    take_period,
)
from bot.services.review import OWING
from handlers import buttons, texts
from handlers.buttons import Press, Who, button
from handlers.callbacks import PeriodClose, PeriodDue, PeriodOpen, PeriodView
from handlers.common import identify, reply, require_office
from handlers.context import App, BotContext
from handlers.dialog import Flow
from handlers.reminders import period_title, reschedule, tell_unit
from handlers.telegram_text import esc

log = logging.getLogger(__name__)

DUE_FLOW = "period_due"


def _folded(word: str) -> str:
    return unicodedata.normalize("NFC", word).casefold()


def _due(context: BotContext, period: Period) -> str:
    return format_datetime(period.due_at, context.services.settings.tz)


def _status(context: BotContext, period: Period) -> str:
    if period.status == "closed":
        return texts.PERIOD_STATUS_CLOSED
    if period.due_at < context.services.clock():
        return texts.PERIOD_STATUS_PAST
    return texts.PERIOD_STATUS_OPEN


async def _card(context: BotContext, period: Period) -> tuple[str, InlineKeyboardMarkup]:
    desk = await context.services.review.desk(period)
    lines = [
        texts.PERIOD_CARD.format(
            label=period_label(period.year, period.quarter),
            year_note=texts.YEAR_REPORT_NOTE.format(year=period.year)
            if period.quarter == 4
            else "",
            code=period.code,
            data_from=format_date(period.data_from),
            data_to=format_date(period.data_to),
            due=_due(context, period),
            status=_status(context, period),
            reported=desk.reported,
            total=desk.total,
        )
    ]
    now = context.services.clock()
    extended = [u for u in desk.units if u.extension is not None and u.extension.due_at >= now]
    if extended:
        lines.append(
            texts.PERIOD_EXTENDED.format(
                n=len(extended), units=", ".join(esc(u.unit.code) for u in extended)
            )
        )
    toggle = (
        button(texts.BTN_PERIOD_CLOSE, PeriodClose(period.code))
        if period.status == "open" and period.due_at >= now
        else button(texts.BTN_PERIOD_OPEN, PeriodOpen(period.code))
    )
    due = button(texts.BTN_PERIOD_DUE, PeriodDue(period.code))
    return "\n".join(lines), InlineKeyboardMarkup([[toggle, due]])


async def cmd_period(update: Update, context: BotContext) -> None:
    who = await require_office(update, context)
    if who is None:
        return
    args = context.args or []
    periods = context.services.periods
    if not args:
        listed = await periods.list_recent(6)
        lines = [texts.PERIODS_HEADER]
        lines += [
            texts.PERIODS_LINE.format(
                label=period_title(p),
                code=p.code,
                due=_due(context, p),
                status=_status(context, p),
            )
            for p in listed
        ]
        codes = [button(p.code, PeriodView(p.code)) for p in listed]
        rows = [codes[i : i + 3] for i in range(0, len(codes), 3)]
        await reply(update, context, "\n".join(lines), InlineKeyboardMarkup(rows))
        return
    named, words = take_period(args)
    parsed = parse_period_code(named) if named is not None else None
    if named is None or parsed is None:
        await reply(update, context, texts.BAD_PERIOD.format(text=esc(args[0])))
        return
    if not periods.in_campaign(parsed[0]):
        first, last = periods.campaign_years
        await reply(
            update,
            context,
            texts.PERIOD_OUTSIDE_CAMPAIGN.format(text=esc(named), first=first, last=last),
        )
        return
    period = await periods.ensure(*parsed)
    actor = f"tg:{who.telegram_id}"
    action = texts.PERIOD_ACTIONS.get(_folded(words[0]), "?") if words else "show"
    # "hạn nộp 20/06/2025": the deadline may be named in two words.
    given = (
        words[2:]
        if action == "due"
        and len(words) > 1
        and _folded(words[1]) in texts.PERIOD_DUE_SECOND_WORDS
        else words[1:]
    )
    rest = " ".join(given)
    if action == "show" and not rest:
        text, markup = await _card(context, period)
        await reply(update, context, text, markup)
    elif action == "open":
        due_at = None
        if rest:
            due_at = parse_deadline(rest, context.services.settings.tz)
            if due_at is None:
                await reply(update, context, texts.PERIOD_BAD_DATE.format(text=esc(rest)))
                return
        await _open(update, context, period, actor, due_at)
    elif action == "close":
        await _close(update, context, period, actor)
    elif action == "due" and rest:
        await _set_due(update, context, period, rest, actor)
    else:
        await reply(update, context, texts.PERIOD_USAGE)


async def _open(
    update: Update,
    context: BotContext,
    period: Period,
    actor: str,
    due_at: datetime | None,
) -> None:
    periods = context.services.periods
    try:
        planned = await periods.preview_open(period.code, due_at=due_at)
    except DeadlineError as exc:
        await reply(update, context, _deadline_error(exc))
        return
    told = None
    if planned.due_at != period.due_at:
        told = await _deadline_notices(update, context, period, planned)
    opened = await periods.open(
        period.code, actor=actor, due_at=due_at, told=told.told if told else None
    )
    reschedule(context)
    label = period_title(opened)
    due = _due(context, opened)
    user = update.effective_user
    if opened.due_at < context.services.clock() and user is not None:
        await reply(update, context, texts.PERIOD_OPENED_PAST.format(label=label, due=due))
        await _ask_due(update, context, opened, user.id)
        return
    await reply(update, context, texts.PERIOD_OPENED.format(label=label, due=due))
    if opened.due_at != period.due_at:
        await _report_told(update, context, told)


async def _close(update: Update, context: BotContext, period: Period, actor: str) -> None:
    closed = await context.services.periods.close(period.code, actor=actor)
    reschedule(context)
    await reply(update, context, texts.PERIOD_CLOSED_DONE.format(label=period_title(closed)))


async def _set_due(
    update: Update,
    context: BotContext,
    period: Period,
    text: str,
    actor: str,
    ending: Ending | None = None,
) -> bool:
    """Move the deadline; the notices to the units it moves for and the end of
    ``ending``'s conversation are one transaction with the move (one service call)."""
    due_at = parse_deadline(text, context.services.settings.tz)
    if due_at is None:
        await reply(update, context, texts.PERIOD_BAD_DATE.format(text=esc(text)))
        return False
    periods = context.services.periods
    try:
        planned = await periods.preview_deadline(period.code, due_at)
    except DeadlineError as exc:
        await reply(update, context, _deadline_error(exc))
        return False
    told = None
    if planned.due_at != period.due_at:
        told = await _deadline_notices(update, context, period, planned)
    changed = await periods.set_deadline(
        period.code, due_at, actor=actor, told=told.told if told else None, ending=ending
    )
    reschedule(context)
    await reply(
        update,
        context,
        texts.PERIOD_DUE_SET.format(label=period_title(changed), due=_due(context, changed)),
    )
    if changed.due_at != period.due_at:
        await _report_told(update, context, told)
    return True


@dataclass(frozen=True, slots=True)
class _Told:
    """The notices of a new deadline, queued with the move, and whom they are for."""

    told: Told
    owing: list[str]  # the codes of the units to tell


async def _deadline_notices(
    update: Update, context: BotContext, before: Period, after: Period
) -> _Told | None:
    """The notices to the bound members of each unit that has not submitted about the
    new deadline (None: nobody is to be told).

    Only while the period takes reports, and only units that the period's deadline
    applies to (a unit reopened until later keeps its own and is not told). The notices
    go through the outbox (queued in the transaction that moves the deadline, delivered
    by the sender); the office is told at once how many are on their way.
    """
    if after.status != "open" or after.due_at <= context.services.clock():
        return None
    desk = await context.services.review.desk(after)
    owing = [u for u in desk.units if u.status in OWING and u.deadline == after.due_at]
    if not owing:
        return _Told(Told(0, "", []), [])
    label, due, earlier = period_title(after), _due(context, after), _due(context, before)
    notices: list[Notice] = []
    for unit in owing:
        text = texts.PERIOD_DUE_NOTICE.format(
            label=label, due=due, before=earlier, unit=esc(unit.unit.name)
        )
        notices += [
            Notice(chat_id=m.telegram_id, unit_code=unit.unit.code, text=text)
            for m in await context.services.office.members(unit.unit.code)
        ]
    user = update.effective_user
    queued = context.services.broadcasts.notices_to_queue(notices)
    told = Told(
        created_by=user.id if user is not None else 0,
        label=texts.PERIOD_DUE_LABEL.format(label=label),
        notices=queued,
    )
    return _Told(told, [u.unit.code for u in owing])


async def _report_told(update: Update, context: BotContext, found: _Told | None) -> None:
    """Tell the office how many notices of the new deadline are on their way."""
    if found is None:
        return
    if not found.owing:
        await reply(update, context, texts.PERIOD_DUE_TOLD_NONE)
        return
    queued = found.told.notices
    told = {n.unit_code for n in queued}
    untold = [code for code in found.owing if code not in told]
    text = texts.PERIOD_DUE_TOLD.format(people=len(queued), units=len(told))
    if untold:
        shown = ", ".join(esc(code) for code in untold[:30])
        if len(untold) > 30:
            shown += f"… (+{len(untold) - 30})"
        text += texts.PERIOD_DUE_UNTOLD.format(n=len(untold), units=shown)
    await reply(update, context, text)


def _deadline_error(exc: DeadlineError) -> str:
    if exc.why == "before_cutoff":
        return texts.PERIOD_DUE_BEFORE_CUTOFF.format(data_to=format_date(exc.period.data_to))
    return texts.PERIOD_DUE_PAST.format(code=exc.period.code)


async def _ask_due(update: Update, context: BotContext, period: Period, user_id: int) -> None:
    await context.services.conversations.begin(user_id, DUE_FLOW, {"period": period.code})
    await reply(
        update,
        context,
        texts.PERIOD_DUE_ASK.format(label=period_title(period), due=_due(context, period)),
    )


PeriodButton = PeriodView | PeriodOpen | PeriodClose | PeriodDue


async def on_button(update: Update, context: BotContext, press: Press[PeriodButton]) -> None:
    """A period's card and its buttons; a period that does not exist is not created."""
    await press.answer()
    data, who = press.data, press.who
    period = await context.services.periods.get(data.period)
    if period is None:
        await reply(update, context, texts.PERIOD_UNKNOWN.format(code=data.period))
        return
    actor = f"tg:{who.telegram_id}"
    if isinstance(data, PeriodView):
        text, markup = await _card(context, period)
        await reply(update, context, text, markup)
    elif isinstance(data, PeriodOpen):
        await _open(update, context, period, actor, None)
    elif isinstance(data, PeriodClose):
        await _close(update, context, period, actor)
    else:
        await _ask_due(update, context, period, who.telegram_id)


async def on_due_message(update: Update, context: BotContext) -> bool:
    """The office's answer to "the new deadline?"."""
    who = await identify(update, context)
    message = update.effective_message
    if who is None or message is None or message.text is None:
        return False
    state = await context.services.conversations.state_of(who.telegram_id, DUE_FLOW)
    if state is None:
        return False
    if not who.is_office:
        await context.services.conversations.end(who.telegram_id, DUE_FLOW)
        return False
    period = await context.services.periods.get(str(state["period"]))
    if period is None:  # pragma: no cover - periods are never deleted
        await context.services.conversations.end(who.telegram_id, DUE_FLOW)
        return False
    await _set_due(
        update,
        context,
        period,
        message.text,
        f"tg:{who.telegram_id}",
        ending=Ending(who.telegram_id, DUE_FLOW),
    )
    return True


# -- /reopen ------------------------------------------------------------------------------


async def cmd_reopen(update: Update, context: BotContext) -> None:
    """/reopen UNIT [days] [period]: the unit may submit until the end of day N from today."""
    who = await require_office(update, context)
    if who is None:
        return
    args = list(context.args or [])
    default_days = context.services.settings.reopen_days
    usage = texts.REOPEN_USAGE.format(days=default_days)
    if not args:
        await reply(update, context, usage)
        return
    unit_code = args.pop(0)
    days = default_days
    code, others = take_period(args)  # "2025-Q1" or "quý I/2025", anywhere after the unit
    for arg in others:
        typed = parse_whole(arg, low=1, high=60)
        if typed is None:
            await reply(update, context, usage)
            return
        days = typed
    periods = context.services.periods
    period = await periods.resolve(code) if code else await _latest_past(context)
    if period is None:
        await reply(update, context, texts.REOPEN_NO_PERIOD)
        return
    try:
        own, extension = await periods.reopen_for(
            unit_code, period.code, days=days, actor=f"tg:{who.telegram_id}"
        )
    except UnknownUnit:
        await reply(update, context, texts.UNKNOWN_UNIT.format(code=esc(unit_code)))
        return
    unit = await context.services.office.unit(unit_code)
    assert unit is not None
    label = period_title(period)
    due = _due(context, own)
    if extension is None:
        await reply(
            update,
            context,
            texts.REOPEN_NOT_NEEDED.format(
                unit=esc(unit.name), code=esc(unit.code), label=label, due=due
            ),
        )
        return
    reschedule(context)
    told = await tell_unit(
        context,
        unit.code,
        texts.REOPEN_UNIT_NOTICE.format(label=label, unit=esc(unit.name), due=due),
    )
    text = texts.REOPEN_DONE.format(label=label, unit=esc(unit.name), code=esc(unit.code), due=due)
    await reply(update, context, text + ("" if told else texts.NO_MEMBERS_NOTE))


async def _latest_past(context: BotContext) -> Period | None:
    """The newest period that no longer takes reports from everyone."""
    now = context.services.clock()
    for period in await context.services.periods.list_recent(8):
        if period.due_at <= now or period.status == "closed":
            return period
    return None


def register(app: App) -> None:
    app.add_handler(CommandHandler("period", cmd_period))
    app.add_handler(CommandHandler("reopen", cmd_reopen))
    buttons.on(on_button, *typing.get_args(PeriodButton), who=Who.OFFICE)


FLOWS = (Flow(DUE_FLOW, on_due_message, cancel="discard", cancelled=texts.PERIOD_DUE_CANCELLED),)
