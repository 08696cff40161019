"""Appraisal and explanations: /appraise, /explanations, /close_explanation for the office;
/explain and the "Giải trình" button for units.

An explanation is one message, so its flow is a single persisted question: after a
restart the next message still lands as the explanation it was meant to be.
"""

from __future__ import annotations

import logging
from decimal import Decimal

from telegram import InlineKeyboardMarkup, Update
from telegram.error import TelegramError
from telegram.ext import CommandHandler

from bot.formatting import format_points
from bot.numbers import format_number, parse_whole
from bot.services.appraisal import EXPLANATION_LIMIT, AppraisalError, Change, Sheet
from bot.services.conversations import Ending
from bot.services.periods import join_period, label_of, parse_period_code, period_code
from bot.services.reporting import FLOW as REPORT_FLOW
from handlers import buttons, texts
from handlers.buttons import Press, Who, button
from handlers.callbacks import CloseExplanation, Explain
from handlers.common import edit_text, reply, require_member, require_office, send
from handlers.context import App, BotContext
from handlers.dialog import Flow
from handlers.telegram_text import esc

log = logging.getLogger(__name__)

FLOW = "explain"
# How many of the unit's appraised periods /explain looks through for adjustments.
LOOKBACK_PERIODS = 4
# Open explanations shown one message each; beyond, the office closes some first.
SHOWN_EXPLANATIONS = 20


def _points(value: Decimal | None) -> str:
    return format_number(value) if value is not None else texts.NO_POINTS


# The most words a period takes ("quý IV/2025 (báo cáo năm 2025)").
_PERIOD_WORDS = 6


def _split_period(args: list[str], default: str) -> tuple[str, list[str]]:
    """The period named first in ``args`` (or ``default``), and the arguments after it.
    The period may be written as the bot writes it ("quý IV/2025", two words) or as a
    code; only a period at the start counts (a reason may name another)."""
    head = join_period(args[:_PERIOD_WORDS])
    parsed = parse_period_code(head[0]) if head else None
    if parsed is None:
        return default, args
    return period_code(*parsed), [*head[1:], *args[_PERIOD_WORDS:]]


# -- office: /appraise -------------------------------------------------------------------


async def cmd_appraise(update: Update, context: BotContext) -> None:
    who = await require_office(update, context)
    if who is None:
        return
    args = list(context.args or [])
    if not args:
        await reply(update, context, texts.APPRAISE_USAGE)
        return
    unit_code = args.pop(0)
    period, rest = _split_period(args, context.services.standings.default_scope().code)
    service = context.services.appraisal
    try:
        if not rest:
            await reply(update, context, render_sheet(await service.sheet(unit_code, period)))
            return
        if len(rest) < 3:
            await reply(update, context, texts.APPRAISE_USAGE)
            return
        change = await service.appraise(
            unit_code, period, rest[0], rest[1], " ".join(rest[2:]), actor=f"tg:{who.telegram_id}"
        )
    except AppraisalError as exc:
        await reply(update, context, texts.APPRAISE_REFUSED.format(reason=esc(str(exc))))
        return
    sent = await _notify_unit(context, change)
    await reply(
        update,
        context,
        texts.APPRAISE_DONE.format(
            title=esc(change.criterion.title),
            unit=esc(change.unit.name),
            period=label_of(change.period_code),
            points=format_number(change.points),
            max=format_number(change.criterion.max_points),
            before=texts.APPRAISE_BEFORE.format(points=format_number(change.before.points))
            if change.before
            else "",
            sent=sent,
        ),
    )


def render_sheet(sheet: Sheet) -> str:
    reported = format_points(sheet.reported.index) if sheet.reported else texts.NO_POINTS
    final = format_points(sheet.final.index) if sheet.final else texts.NO_POINTS
    lines = [
        texts.APPRAISE_SHEET_HEADER.format(
            period=label_of(sheet.period_code),
            unit=esc(sheet.unit.name),
            reported=reported,
            final=final,
        )
    ]
    if not sheet.submitted:
        lines.append(texts.APPRAISE_SHEET_NO_REPORT.format(period=label_of(sheet.period_code)))
    group = None
    for line in sheet.lines:
        c = line.criterion
        if line.group != group:
            group = line.group
            lines.append(texts.APPRAISE_SHEET_GROUP.format(title=esc(group)))
        title = esc(c.title)
        if not line.applicable:
            lines.append(texts.APPRAISE_SHEET_NA.format(key=c.key, title=title))
            continue
        appraised = (
            texts.APPRAISE_SHEET_APPRAISED.format(
                points=format_number(line.appraisal.points), reason=esc(line.appraisal.reason)
            )
            if line.appraisal
            else ""
        )
        lines.append(
            texts.APPRAISE_SHEET_LINE.format(
                key=c.key,
                title=title,
                reported=_points(line.reported),
                max=format_number(c.max_points),
                appraised=appraised,
            )
        )
    lines.append(
        texts.APPRAISE_SHEET_FOOTER.format(unit=esc(sheet.unit.code), period=sheet.period_code)
    )
    return "\n".join(lines)


async def _notify_unit(context: BotContext, change: Change) -> int:
    notice = texts.APPRAISE_NOTICE.format(
        period=label_of(change.period_code),
        title=esc(change.criterion.title),
        reported=_points(change.reported),
        points=format_number(change.points),
        max=format_number(change.criterion.max_points),
        reason=esc(change.reason),
    )
    markup = InlineKeyboardMarkup(
        [[button(texts.BTN_EXPLAIN, Explain(change.period_code, change.criterion.key))]]
    )
    sent = 0
    for member in await context.services.office.members(change.unit.code):
        try:
            await send(context, member.telegram_id, notice, markup)
            sent += 1
        except TelegramError as exc:
            log.warning("Appraisal notice to %s failed: %s", member.telegram_id, exc)
    return sent


# -- units: /explain and its button ------------------------------------------------------


async def cmd_explain(update: Update, context: BotContext) -> None:
    who = await require_member(update, context)
    if who is None or who.unit is None:
        return
    service = context.services.appraisal
    args = list(context.args or [])
    named, _ = _split_period(args, "")
    if named:
        sheet: Sheet | None = await service.sheet(who.unit.code, named)
    else:
        sheet = await service.latest_adjusted(who.unit.code, lookback=LOOKBACK_PERIODS)
    if sheet is None or not sheet.adjustments:
        await reply(update, context, texts.EXPLAIN_NONE)
        return
    await reply(update, context, *_explain_list(sheet))


def _explain_list(sheet: Sheet) -> tuple[str, InlineKeyboardMarkup]:
    lines = [texts.EXPLAIN_LIST_HEADER.format(period=label_of(sheet.period_code))]
    buttons = []
    for line in sheet.adjustments:
        assert line.appraisal is not None
        c = line.criterion
        lines.append(
            texts.EXPLAIN_LIST_LINE.format(
                title=esc(c.title),
                reported=_points(line.reported),
                points=format_number(line.appraisal.points),
                max=format_number(c.max_points),
                reason=esc(line.appraisal.reason),
            )
        )
        buttons.append(
            [button(f"{texts.BTN_EXPLAIN}: {c.title}"[:64], Explain(sheet.period_code, c.key))]
        )
    return "\n".join(lines), InlineKeyboardMarkup(buttons)


async def on_explain_button(update: Update, context: BotContext, press: Press[Explain]) -> None:
    """A unit explains an appraised criterion: only one the office appraised for it."""
    who, period = press.who, press.data.period
    if who.unit is None:  # pragma: no cover - the router lets only members press
        return
    sheet = await context.services.appraisal.sheet(who.unit.code, period)
    line = sheet.line(press.data.criterion)
    if line is None or line.appraisal is None:
        await press.answer(texts.EXPLAIN_NONE, alert=True)
        return
    criterion = line.criterion
    if await context.services.conversations.flow_of(who.telegram_id) == REPORT_FLOW:
        await press.answer(texts.EXPLAIN_BUSY_REPORT, alert=True)
        return
    await context.services.conversations.begin(
        who.telegram_id, FLOW, {"period": period, "criterion": criterion.key}
    )
    await press.answer()
    await reply(
        update,
        context,
        texts.EXPLAIN_ASK.format(
            title=esc(criterion.title), period=label_of(period), limit=EXPLANATION_LIMIT
        ),
    )


async def on_explanation_text(update: Update, context: BotContext) -> bool:
    """The one message of the explain flow; False lets the dialog answer as idle."""
    message = update.effective_message
    user = update.effective_user
    if message is None or user is None:
        return False
    state = await context.services.conversations.state_of(user.id, FLOW)
    who = await context.services.registration.identify(user.id)
    if state is None or who.unit is None:
        await context.services.conversations.end(user.id, FLOW)
        return False
    if not message.text:
        await reply(update, context, texts.EXPLAIN_TEXT_ONLY)
        return True
    service = context.services.appraisal
    try:
        explanation = await service.explain(
            who.unit.code,
            state["period"],
            state["criterion"],
            message.text,
            telegram_id=user.id,
            ending=Ending(user.id, FLOW),
        )
    except AppraisalError as exc:
        await reply(update, context, texts.EXPLAIN_REFUSED.format(reason=esc(str(exc))))
        return True
    criterion = service.methodology(explanation.period_code).criterion(explanation.criterion)
    await reply(
        update,
        context,
        texts.EXPLAIN_SENT.format(
            id=explanation.id, title=esc(criterion.title), period=label_of(explanation.period_code)
        ),
    )
    notice, markup = await _office_card(context, explanation.id)
    for office_id in sorted(context.services.settings.office_ids):
        try:
            await send(context, office_id, notice, markup)
        except TelegramError as exc:
            log.warning("Explanation notice to office %s failed: %s", office_id, exc)
    return True


async def _office_card(
    context: BotContext, explanation_id: int
) -> tuple[str, InlineKeyboardMarkup | None]:
    service = context.services.appraisal
    explanation = await service.get_explanation(explanation_id)
    assert explanation is not None
    sheet = await service.sheet(explanation.unit_code, explanation.period_code)
    line = sheet.line(explanation.criterion)
    assert line is not None
    text = texts.EXPLAIN_OFFICE_NOTICE.format(
        id=explanation.id,
        unit=esc(sheet.unit.name),
        period=label_of(explanation.period_code),
        title=esc(line.criterion.title),
        reported=_points(line.reported),
        points=_points(line.appraisal.points if line.appraisal else None),
        max=format_number(line.criterion.max_points),
        text=esc(explanation.text),
    )
    if explanation.closed_at is not None:
        return text + texts.CLOSED_MARK, None
    close = button(texts.BTN_CLOSE_EXPLANATION, CloseExplanation(explanation.id))
    return text, InlineKeyboardMarkup([[close]])


# -- office: open explanations -----------------------------------------------------------


async def cmd_explanations(update: Update, context: BotContext) -> None:
    if await require_office(update, context) is None:
        return
    pending = await context.services.appraisal.open_explanations()
    if not pending:
        await reply(update, context, texts.EXPLANATIONS_NONE)
        return
    await reply(update, context, texts.EXPLANATIONS_HEADER.format(count=len(pending)))
    for explanation in pending[:SHOWN_EXPLANATIONS]:
        await reply(update, context, *await _office_card(context, explanation.id))
    if len(pending) > SHOWN_EXPLANATIONS:
        await reply(
            update,
            context,
            texts.EXPLANATIONS_MORE.format(count=len(pending) - SHOWN_EXPLANATIONS),
        )


async def cmd_close_explanation(update: Update, context: BotContext) -> None:
    who = await require_office(update, context)
    if who is None:
        return
    args = list(context.args or [])
    number = parse_whole(args[0], low=1) if args else None
    if number is None:
        await reply(update, context, texts.CLOSE_USAGE)
        return
    await _close(update, context, number, " ".join(args[1:]), who.telegram_id)


async def on_close_button(
    update: Update, context: BotContext, press: Press[CloseExplanation]
) -> None:
    await press.answer()
    number = press.data.explanation_id
    if await _close(update, context, number, "", press.who.telegram_id):
        card, _ = await _office_card(context, number)
        if press.message is not None:
            await edit_text(press.message, card)


async def _close(
    update: Update, context: BotContext, explanation_id: int, response: str, office_id: int
) -> bool:
    service = context.services.appraisal
    try:
        closed = await service.close_explanation(explanation_id, response, actor=f"tg:{office_id}")
    except AppraisalError as exc:
        await reply(update, context, texts.CLOSE_REFUSED.format(reason=esc(str(exc))))
        return False
    unit = await context.services.office.unit(closed.unit_code)
    title = service.methodology(closed.period_code).criterion(closed.criterion).title
    notice = texts.CLOSED_NOTICE.format(
        id=closed.id,
        title=esc(title),
        period=label_of(closed.period_code),
        response=texts.CLOSED_RESPONSE.format(response=esc(response.strip()))
        if response.strip()
        else "",
    )
    for member in await context.services.office.members(closed.unit_code):
        try:
            await send(context, member.telegram_id, notice)
        except TelegramError as exc:
            log.warning("Closing notice to %s failed: %s", member.telegram_id, exc)
    await reply(
        update,
        context,
        texts.EXPLANATION_CLOSED.format(
            id=closed.id, unit=esc(unit.name if unit else closed.unit_code)
        ),
    )
    return True


def register(app: App) -> None:
    app.add_handler(CommandHandler("appraise", cmd_appraise))
    app.add_handler(CommandHandler("explain", cmd_explain))
    app.add_handler(CommandHandler("explanations", cmd_explanations))
    app.add_handler(CommandHandler("close_explanation", cmd_close_explanation))
    buttons.on(on_explain_button, Explain, who=Who.MEMBER)
    buttons.on(on_close_button, CloseExplanation, who=Who.OFFICE)


FLOWS = (Flow(FLOW, on_explanation_text, cancel="discard", cancelled=texts.EXPLAIN_CANCELLED),)
