"""A unit's own view of its reports: ``/status`` for a unit, and the office's comment
shown first when ``/report`` opens a report the office returned.

The office's ``/status`` (every unit, by block) lives in :mod:`handlers.office`; a
unit member typing the same command sees only its own unit: each period of the year
that has begun, every version it submitted (when, its number) and what became of it —
received and waiting, accepted, returned with the office's comment — and whether the
period was reopened for it, until when.
"""

from __future__ import annotations

from telegram import Update

from bot.formatting import format_datetime
from bot.numbers import parse_whole
from bot.services import reporting as rs
from bot.services.periods import parse_period_code
from bot.services.registration import Identity
from bot.services.review import Submission, UnitPeriod
from handlers import texts
from handlers.common import reply
from handlers.context import BotContext
from handlers.reminders import period_title
from handlers.telegram_text import esc


async def show(update: Update, context: BotContext, who: Identity) -> None:
    """/status [year] for a unit member: the unit's submissions of the year."""
    assert who.unit is not None
    services = context.services
    tz = services.settings.tz
    now = services.clock()
    year = now.astimezone(tz).year
    if context.args:
        named = " ".join(context.args)
        parsed = parse_period_code(named)
        typed = parse_whole(named, low=1000, high=9999)
        if parsed is not None:
            year = parsed[0]
        elif typed is not None:
            year = typed
        else:
            await reply(update, context, texts.UNIT_STATUS_USAGE)
            return
    found = await services.review.unit_year(who.unit.code, year)
    lines = [texts.UNIT_STATUS_HEADER.format(year=year, unit=esc(who.unit.name))]
    if not found:
        lines.append(texts.UNIT_STATUS_NONE.format(year=year))
    for unit_period in found:
        lines += ["", *period_lines(context, unit_period)]
    if any(p.period.accepts_submissions(now) for p in found):
        lines += ["", texts.UNIT_STATUS_FOOTER]
    await reply(update, context, "\n".join(lines))


def period_lines(context: BotContext, unit_period: UnitPeriod) -> list[str]:
    tz = context.services.settings.tz
    now = context.services.clock()
    period = unit_period.period
    title = period_title(period)
    heading = texts.UNIT_STATUS_PERIOD.format(
        label=title[0].upper() + title[1:], due=format_datetime(period.due_at, tz)
    )
    if period.status == "closed":
        heading += texts.UNIT_STATUS_CLOSED
    lines = [heading]
    submissions = unit_period.submissions
    for submission in submissions:
        latest = submission is submissions[-1]
        lines += _version_lines(context, submission, latest=latest)
        if latest and unit_period.status == "returned":
            lines.append(texts.UNIT_STATUS_RESUBMIT.format(due=format_datetime(period.due_at, tz)))
    if not submissions:
        state = texts.UNIT_STATUS_NOT_SUBMITTED[unit_period.status]
        lines.append(state)
    if unit_period.draft_at is not None and submissions:
        lines.append(texts.UNIT_STATUS_DRAFT.format(at=format_datetime(unit_period.draft_at, tz)))
    elif unit_period.draft_at is not None and unit_period.status == "draft":
        lines.append(
            texts.UNIT_STATUS_DRAFT_ONLY.format(at=format_datetime(unit_period.draft_at, tz))
        )
    extension = unit_period.extension
    reopened = (
        extension is not None and extension.due_at == period.due_at and extension.due_at > now
    )
    if reopened and unit_period.status != "returned":
        lines.append(texts.UNIT_STATUS_REOPENED.format(due=format_datetime(period.due_at, tz)))
    return lines


def _version_lines(context: BotContext, submission: Submission, *, latest: bool) -> list[str]:
    tz = context.services.settings.tz
    report, review = submission.report, submission.review
    if review is None:
        state = texts.UNIT_STATE_RECEIVED if latest else texts.UNIT_STATE_SUPERSEDED
    elif review.decision == "accepted":
        state = texts.UNIT_STATE_ACCEPTED.format(at=format_datetime(review.reviewed_at, tz))
    else:
        state = texts.UNIT_STATE_RETURNED.format(at=format_datetime(review.reviewed_at, tz))
    lines = [
        texts.UNIT_STATUS_VERSION.format(
            version=report.version,
            at=format_datetime(report.submitted_at, tz),
            reference=esc(report.reference),
            state=state,
        )
    ]
    if review is not None and review.comment:
        lines.append(texts.UNIT_STATUS_COMMENT.format(comment=esc(review.comment)))
    return lines


async def returned_note(
    update: Update, context: BotContext, unit_code: str, step: rs.Step
) -> None:
    """Before /report shows a returned report's question or summary: that the office
    returned it, when, and its comment, so the unit knows what to correct."""
    if not isinstance(step, rs.Ask | rs.Summary):
        return
    returned = await context.services.review.returned(unit_code, step.period.code)
    if returned is None or returned.review is None:
        return
    tz = context.services.settings.tz
    await reply(
        update,
        context,
        texts.REPORT_RETURNED.format(
            label=period_title(step.period),
            version=returned.report.version,
            at=format_datetime(returned.review.reviewed_at, tz),
            comment=esc(returned.review.comment),
            due=format_datetime(step.period.due_at, tz),
        ),
    )
