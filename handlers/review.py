"""The office reviews submitted reports: /review UNIT [period], accept or return.

``/review`` shows the unit's latest version (answers, earlier versions, the decision
in force) with *✅ Chấp nhận* and *↩️ Trả lại kèm ý kiến*. Returning asks for the
comment as one persisted question (a restart in between keeps it), then tells the
unit's members, with the comment and until when they may resubmit. The office's
notice of each submission carries a *🔎 Xem xét* button that opens the same view.
Buttons name the version they were shown for: a decision on a version that has since
been superseded is refused and the newer one pointed to.
"""

from __future__ import annotations

import logging
import typing

from telegram import InlineKeyboardMarkup, Update
from telegram.ext import CommandHandler

from bot.domain.models import Period
from bot.formatting import format_datetime, format_points, period_label
from bot.numbers import format_number
from bot.scoring.engine import UnitScore
from bot.services.conversations import Ending
from bot.services.review import Decision, ReviewError
from handlers import buttons, texts
from handlers.buttons import Press, Who, button
from handlers.callbacks import ReviewAccept, ReviewOpen, ReviewReturn
from handlers.common import identify, reply, require_office, retire_buttons
from handlers.context import App, BotContext
from handlers.dialog import Flow
from handlers.office import send_attachments
from handlers.reminders import period_title, reschedule, tell_unit
from handlers.report import answer_lines
from handlers.telegram_text import esc

log = logging.getLogger(__name__)

RETURN_FLOW = "review_return"


async def cmd_review(update: Update, context: BotContext) -> None:
    if await require_office(update, context) is None:
        return
    args = context.args or []
    if not args:
        await reply(update, context, texts.REVIEW_USAGE)
        return
    unit = await context.services.office.unit(args[0])
    if unit is None:
        await reply(update, context, texts.UNKNOWN_UNIT.format(code=esc(args[0])))
        return
    review = context.services.review
    if len(args) > 1:
        named = " ".join(args[1:])  # "quý I/2025" arrives as two words
        period = await context.services.periods.resolve(named)
        if period is None:
            await reply(update, context, texts.BAD_PERIOD.format(text=esc(named)))
            return
    else:
        period = await review.latest_reported(unit.code)
        if period is None:
            await reply(update, context, texts.REVIEW_NOTHING.format(unit=esc(unit.name)))
            return
    await show_review(update, context, unit.code, period)


async def show_review(update: Update, context: BotContext, unit_code: str, period: Period) -> None:
    tz = context.services.settings.tz
    try:
        view = await context.services.review.view(unit_code, period)
    except ReviewError as exc:
        name = exc.unit.name if exc.unit else unit_code
        await reply(
            update,
            context,
            texts.REVIEW_NOTHING_PERIOD.format(unit=esc(name), label=period_title(period)),
        )
        return
    desk = view.desk
    report = desk.report
    assert report is not None
    lines = [
        texts.REVIEW_HEADER.format(
            label=period_title(period),
            unit=esc(desk.unit.name),
            code=esc(desk.unit.code),
            version=report.version,
            at=format_datetime(report.submitted_at, tz),
            reference=esc(report.reference),
            status=texts.DESK_STATUS_NAMES[desk.status],
        )
    ]
    if desk.review is not None:
        comment = (
            texts.REVIEW_DECIDED_COMMENT.format(comment=esc(desk.review.comment))
            if desk.review.comment
            else ""
        )
        lines.append(
            texts.REVIEW_DECIDED.format(
                decision=texts.REVIEW_DECISION_NAMES[desk.review.decision],
                at=format_datetime(desk.review.reviewed_at, tz),
                comment=comment,
            )
        )
    if len(view.versions) > 1:
        listed = ", ".join(
            texts.VIEW_VERSION_ITEM.format(
                version=v.version, at=format_datetime(v.submitted_at, tz)
            )
            for v in view.versions
        )
        lines.append(texts.VIEW_VERSIONS.format(versions=listed))
    sheet = await context.services.appraisal.sheet(unit_code, period.code)
    if sheet.final is not None:
        lines += score_notes(sheet.final)
    form = await context.services.reporting.form(period, desk.unit.code)
    lines += answer_lines(form, report.answers)
    markup = InlineKeyboardMarkup(
        [
            [
                button(texts.BTN_ACCEPT, ReviewAccept(report.id)),
                button(texts.BTN_RETURN, ReviewReturn(report.id)),
            ]
        ]
    )
    await reply(update, context, "\n".join(lines), markup)
    await send_attachments(
        update, context, desk.unit, report, period_label(period.year, period.quarter)
    )


def score_notes(score: UnitScore) -> list[str]:
    """What the office should know before accepting: criteria the unit's own data took
    out of its maximum (and what that moved), and criteria still waiting for the office."""
    notes: list[str] = []
    declined = [c for c in score.criteria if c.state == "not_applicable"]
    if declined:
        listed = "; ".join(
            texts.REVIEW_CRITERION_ITEM.format(
                title=esc(c.title), max=format_number(c.max_points), detail=esc(c.detail)
            )
            for c in declined
        )
        notes.append(
            texts.REVIEW_DECLINED.format(
                criteria=listed,
                points=format_number(score.declined_points),
                index=format_points(score.index),
                max=format_number(score.max_points),
                counted=format_points(score.index_counting_declined()),
            )
        )
    pending = [c for c in score.criteria if c.state == "pending"]
    if pending:
        listed = ", ".join(
            texts.REVIEW_PENDING_ITEM.format(
                key=c.key, title=esc(c.title), max=format_number(c.max_points)
            )
            for c in pending
        )
        notes.append(texts.REVIEW_PENDING.format(criteria=listed))
    return notes


ReviewButton = ReviewOpen | ReviewAccept | ReviewReturn


async def on_button(update: Update, context: BotContext, press: Press[ReviewButton]) -> None:
    await press.answer()
    who, data = press.who, press.data
    report_id = data.report_id
    review = context.services.review
    report = await review.report(report_id)
    if report is None:
        await reply(update, context, texts.REVIEW_UNKNOWN_REPORT)
        return
    if isinstance(data, ReviewOpen):
        period = await context.services.periods.get(report.period_code)
        assert period is not None
        await show_review(update, context, report.unit_code, period)
    elif isinstance(data, ReviewAccept):
        try:
            decision = await review.accept(report_id, actor=f"tg:{who.telegram_id}")
        except ReviewError as exc:
            await _stale(update, context, exc, report.period_code)
            return
        await retire_buttons(press.query)
        await _announce(update, context, decision)
    else:
        unit = await context.services.office.unit(report.unit_code)
        assert unit is not None
        await context.services.conversations.begin(
            who.telegram_id, RETURN_FLOW, {"report": report_id}
        )
        await reply(update, context, texts.REVIEW_ASK_COMMENT.format(unit=esc(unit.name)))


async def on_comment(update: Update, context: BotContext) -> bool:
    """The office's comment for a report it returns (one message)."""
    who = await identify(update, context)
    message = update.effective_message
    if who is None or message is None:
        return False
    state = await context.services.conversations.state_of(who.telegram_id, RETURN_FLOW)
    if state is None:
        return False
    if not who.is_office:
        await context.services.conversations.end(who.telegram_id, RETURN_FLOW)
        return False
    comment = (message.text or "").strip()
    if not comment:
        await reply(update, context, texts.REVIEW_COMMENT_EMPTY)
        return True
    report_id = int(state["report"])
    report = await context.services.review.report(report_id)
    if report is None:  # pragma: no cover - reports are never deleted
        await context.services.conversations.end(who.telegram_id, RETURN_FLOW)
        return True
    try:
        decision = await context.services.review.return_report(
            report_id,
            comment,
            actor=f"tg:{who.telegram_id}",
            ending=Ending(who.telegram_id, RETURN_FLOW),
        )
    except ReviewError as exc:
        await _stale(update, context, exc, report.period_code)
        return True
    await _announce(update, context, decision)
    return True


async def _announce(update: Update, context: BotContext, decision: Decision) -> None:
    tz = context.services.settings.tz
    label = period_title(decision.period)
    unit = esc(decision.unit.name)
    report = decision.report
    if decision.review.decision == "accepted":
        to_unit = texts.UNIT_ACCEPTED.format(
            label=label, unit=unit, version=report.version, reference=esc(report.reference)
        )
        to_office = texts.REVIEW_ACCEPTED.format(label=label, unit=unit, version=report.version)
    else:
        due = format_datetime(decision.deadline, tz)
        to_unit = texts.UNIT_RETURNED.format(
            label=label,
            unit=unit,
            version=report.version,
            reference=esc(report.reference),
            comment=esc(decision.review.comment),
            due=due,
        )
        to_office = texts.REVIEW_RETURNED.format(
            label=label,
            unit=unit,
            version=report.version,
            due=due,
            reopened=texts.REVIEW_RETURNED_REOPENED if decision.reopened else "",
        )
        reschedule(context)
    told = await tell_unit(context, decision.unit.code, to_unit)
    await reply(update, context, to_office + ("" if told else texts.NO_MEMBERS_NOTE))


async def _stale(update: Update, context: BotContext, exc: ReviewError, period: str) -> None:
    unit = exc.unit
    if unit is None:
        return
    await reply(
        update,
        context,
        texts.REVIEW_STALE.format(unit=esc(unit.name), code=esc(unit.code), period=period),
    )


def register(app: App) -> None:
    app.add_handler(CommandHandler("review", cmd_review))
    buttons.on(on_button, *typing.get_args(ReviewButton), who=Who.OFFICE)


FLOWS = (Flow(RETURN_FLOW, on_comment, cancel="discard", cancelled=texts.REVIEW_CANCELLED),)
