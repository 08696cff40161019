"""/publish: the office publishes a result, knowingly and by a document.

``/publish 2026-Q4`` (quarterly monitoring) or ``/publish 2026`` (the annual Chỉ số
CCHC) shows what the result rests on, asks for the publishing document's number and
date, then shows a summary with "✅ Công bố" and "Huỷ". Only that press publishes, and
it queues every member's notice in the same transaction. The conversation lives in the
database (:mod:`bot.services.publication`), so a restart resumes it; /cancel or "Huỷ"
ends it with nothing published.

After a publication, and at start-up for the recent published results, every unit's
/standing picture is drawn ahead (:meth:`bot.services.chart_images.ChartImages.prerender`)
so that a unit's first /standing only sends a file.
"""

from __future__ import annotations

import logging
import typing
from collections.abc import AsyncIterator, Mapping, Sequence

from telegram import InlineKeyboardMarkup, Update
from telegram.ext import CommandHandler

from bot.domain.broadcasts import Notice
from bot.formatting import format_date, format_datetime, format_points, period_label
from bot.services import publication as pub
from bot.services.chart_images import Boards, trend_chart
from bot.services.chart_specs import Chart
from bot.services.container import Services
from bot.services.standings import Scope, document_name, published_how, result_name
from handlers import buttons, texts
from handlers.buttons import Press, Who, button
from handlers.callbacks import PublishCancel, PublishConfirm
from handlers.common import identify, reply, require_office, retire_buttons
from handlers.context import App, BotContext
from handlers.dialog import Flow
from handlers.standing import chart_title, status_of, trend_for
from handlers.telegram_text import esc
from storage.standings import Publication

log = logging.getLogger(__name__)

START_JOB = "standings-pictures"
OPEN_UNITS_SHOWN = 20


# -- the conversation ----------------------------------------------------------------------


async def cmd_publish(update: Update, context: BotContext) -> None:
    who = await require_office(update, context)
    if who is None:
        return
    if not context.args:
        await reply(update, context, texts.PUBLISH_USAGE)
        return
    services = context.services
    named = " ".join(context.args)  # "quý IV/2025" arrives as two words
    try:
        scope = services.standings.parse_scope(named)
    except ValueError:
        await reply(update, context, texts.BAD_SCOPE.format(text=esc(named)))
        return
    started = await services.publication.start(who.telegram_id, scope)
    if isinstance(started, pub.Refused):
        await reply(update, context, _refusal(services, scope, started))
    elif isinstance(started, pub.AlreadyPublished):
        await reply(update, context, _already(services, started.scope, started.publication))
    else:
        ask = (
            texts.PUBLISH_ASK_NUMBER_YEAR.format(year=scope.year)
            if scope.kind == "year"
            else texts.PUBLISH_ASK_NUMBER_QUARTER.format(result=esc(result_name(scope)))
        )
        await reply(update, context, render_coverage(services, started.coverage) + ask)


def _refusal(services: Services, scope: Scope, refused: pub.Refused) -> str:
    if refused.why == "ytd":
        return texts.PUBLISH_YTD.format(scope=esc(scope.code), year=scope.year)
    if refused.why == "outside":
        first, last = services.periods.campaign_years
        return texts.YEAR_OUTSIDE_CAMPAIGN.format(year=scope.year, first=first, last=last)
    return texts.PUBLISH_BUSY


def _already(services: Services, scope: Scope, publication: Publication) -> str:
    how = published_how(scope, publication, services.settings.tz)
    return texts.ALREADY_PUBLISHED.format(result=esc(result_name(scope)), how=esc(how))


def render_coverage(services: Services, coverage: pub.Coverage) -> str:
    """What the result rests on: reports, the office's review and appraisal, and who may
    still change their report."""
    scope = coverage.scope
    every = (
        texts.PUBLISH_COVERAGE_EVERY.format(
            quarters=len(scope.quarters), every=coverage.reported_every_quarter
        )
        if len(scope.quarters) > 1
        else ""
    )
    returned = (
        texts.PUBLISH_COVERAGE_RETURNED.format(returned=coverage.returned)
        if coverage.returned
        else ""
    )
    text = texts.PUBLISH_COVERAGE.format(
        result=esc(result_name(scope)),
        units=coverage.units,
        reported=coverage.reported,
        every=every,
        reports=coverage.reports,
        accepted=coverage.accepted,
        appraised=coverage.appraised,
        open=len(coverage.open_units),
        returned=returned,
    )
    if coverage.open_units and len(coverage.open_units) < coverage.units:
        codes = [esc(u.code) for u in coverage.open_units[:OPEN_UNITS_SHOWN]]
        more = len(coverage.open_units) - OPEN_UNITS_SHOWN
        text += texts.PUBLISH_OPEN_UNITS.format(
            units=", ".join(codes) + (f"… (+{more})" if more > 0 else "")
        )
    tz = services.settings.tz
    today = services.publication.today()
    for period in coverage.open_periods:
        label = period_label(period.year, period.quarter)
        label = label[:1].upper() + label[1:]
        text += (
            texts.PUBLISH_FUTURE_PERIOD.format(period=label, start=format_date(period.data_from))
            if period.data_from > today
            else texts.PUBLISH_OPEN_PERIOD.format(
                period=label, due=format_datetime(period.due_at, tz)
            )
        )
    if coverage.open_units:
        text += texts.PUBLISH_OPEN_WARNING
    return text


async def on_message(update: Update, context: BotContext) -> bool:
    """The office's answers: the document's number, then its date."""
    who = await identify(update, context)
    message = update.effective_message
    if who is None or message is None:
        return False
    services = context.services
    if not who.is_office:  # removed from the office mid-way: the conversation ends
        await services.publication.cancel(who.telegram_id)
        return False
    draft = await services.publication.draft_of(who.telegram_id)
    if draft is None:
        return False
    if message.text is None:
        await reply(update, context, _ask_again(services, draft))
        return True
    answer = await services.publication.answer(who.telegram_id, message.text)
    if answer is None:
        return False
    if isinstance(answer, pub.BadNumber):
        problem = texts.PUBLISH_BAD_NUMBER[answer.problem].format(max=pub.NUMBER_MAX)
        await reply(update, context, problem + texts.PUBLISH_RETRY_NUMBER)
    elif isinstance(answer, pub.AskDate):
        await reply(update, context, _ask_date(services, answer.draft))
    elif isinstance(answer, pub.BadDate):
        await reply(update, context, _bad_date(services, answer, message.text))
    elif isinstance(answer, pub.AlreadyPublished):
        await reply(update, context, _already(services, answer.scope, answer.publication))
    else:
        text, markup = await _summary(services, answer)
        await reply(update, context, text, markup)
    return True


def _ask_again(services: Services, draft: pub.Draft) -> str:
    if draft.step == "number":
        return texts.PUBLISH_BAD_NUMBER["empty"] + texts.PUBLISH_RETRY_NUMBER
    if draft.step == "date":
        return _ask_date(services, draft)
    return texts.PUBLISH_PRESS_BUTTON


def _ask_date(services: Services, draft: pub.Draft) -> str:
    return texts.PUBLISH_ASK_DATE.format(
        number=esc(draft.number or ""), example=format_date(services.publication.today())
    )


def _bad_date(services: Services, answer: pub.BadDate, typed: str) -> str:
    problem = texts.PUBLISH_BAD_DATE[answer.problem].format(
        text=esc(typed.strip()[:40]),
        example=format_date(services.publication.today()),
        date=esc(typed.strip()[:40]),
        first=format_date(answer.draft.scope.first_day),
    )
    return problem + texts.PUBLISH_RETRY_DATE.format(number=esc(answer.draft.number or ""))


async def _summary(services: Services, confirm: pub.Confirm) -> tuple[str, InlineKeyboardMarkup]:
    draft, coverage = confirm.draft, confirm.coverage
    assert draft.number is not None
    assert draft.day is not None
    assert draft.ticket is not None
    scope = draft.scope
    members = await services.office.members_by_unit()
    people = len({m.telegram_id for found in members.values() for m in found})
    text = texts.PUBLISH_SUMMARY.format(
        result=esc(result_name(scope)),
        document=esc(document_name(scope, draft.number, draft.day)),
        reported=coverage.reported,
        units=coverage.units,
        open=len(coverage.open_units),
        people=people,
    )
    markup = InlineKeyboardMarkup(
        [
            [
                button(
                    texts.BTN_PUBLISH_CONFIRM,
                    PublishConfirm(scope.year, _quarter_field(scope), draft.ticket),
                ),
                button(texts.BTN_PUBLISH_CANCEL, PublishCancel()),
            ]
        ]
    )
    return text, markup


def _quarter_field(scope: Scope) -> int:
    """The button's quarter: 1–4, or 0 for the annual index."""
    return scope.quarters[0] if scope.kind == "quarter" else 0


def _scope_of(data: PublishConfirm) -> Scope:
    if data.quarter == 0:
        return Scope.whole_year(data.year)
    return Scope.quarter(data.year, data.quarter)


PublishButton = PublishConfirm | PublishCancel


async def on_button(update: Update, context: BotContext, press: Press[PublishButton]) -> None:
    """ "✅ Công bố" publishes only when it matches the summary of this person's
    conversation; "Huỷ" ends the conversation. Anything else changes nothing."""
    services = context.services
    user_id = press.who.telegram_id
    if isinstance(press.data, PublishCancel):
        dropped = await services.publication.cancel(user_id)
        await press.answer()
        await retire_buttons(press.query)
        if dropped is None:
            await reply(update, context, texts.PUBLISH_STALE)
        else:
            result = esc(result_name(dropped.scope))
            await reply(update, context, texts.PUBLISH_CANCELLED.format(result=result))
        return
    scope = _scope_of(press.data)
    draft = await services.publication.draft_of(user_id)
    published = await services.standings.publication(scope)
    if published is not None:
        await press.answer()
        await retire_buttons(press.query)
        if draft is not None and draft.scope == scope:
            await services.publication.cancel(user_id)
        await reply(update, context, _already(services, scope, published))
        return
    if (
        draft is None
        or draft.step != "confirm"
        or draft.scope != scope
        or draft.ticket != press.data.ticket
        or draft.number is None
        or draft.day is None
    ):
        await press.answer(texts.PUBLISH_STALE_SHORT, alert=True)
        await reply(update, context, texts.PUBLISH_STALE)
        return
    await press.answer()
    document = document_name(scope, draft.number, draft.day)
    outcome = await services.publication.confirm(
        user_id,
        scope,
        press.data.ticket,
        actor=f"tg:{user_id}",
        notices=await _notices(services, scope, document),
        label=texts.PUBLISH_LABEL.format(result=esc(result_name(scope))),
    )
    await retire_buttons(press.query)
    if isinstance(outcome, pub.Stale):  # pragma: no cover - checked just above, same person
        await reply(update, context, texts.PUBLISH_STALE)
        return
    if isinstance(outcome, pub.AlreadyPublished):
        await reply(update, context, _already(services, scope, outcome.publication))
        return
    draw_ahead(services, [scope], what=scope.code)
    how = published_how(scope, outcome.publication, services.settings.tz)
    await reply(
        update,
        context,
        texts.PUBLISHED.format(
            result=esc(result_name(scope)), how=esc(how), sent=outcome.notified
        ),
    )


async def _notices(services: Services, scope: Scope, document: str) -> list[Notice]:
    """Each member's own unit's result, naming the result and the document. Sent through
    the outbox: queued in the transaction that publishes, delivered by the sender, so
    the office's chat does not wait for thousands of messages and a crash loses none."""
    notices: list[Notice] = []
    members_of = await services.office.members_by_unit()
    result = esc(result_name(scope))
    for block in await services.roster.list_blocks():
        ranking = await services.standings.block_ranking(scope, block.code)
        for row in ranking.rows:
            members = members_of.get(row.unit.code, [])
            if not members:
                continue
            index = row.ranked.entry.index
            line = (
                texts.PUBLISH_RESULT.format(
                    rank=row.ranked.rank,
                    total=row.ranked.out_of,
                    index=format_points(index),
                    band=esc(row.score.band),
                )
                if index is not None and row.score is not None
                else texts.PUBLISH_NOT_RANKED
            )
            notice = texts.PUBLISH_NOTICE.format(
                result=result,
                document=esc(document),
                unit=esc(row.unit.name),
                result_line=line,
                scope=esc(scope.code),
            )
            notices += [
                Notice(chat_id=m.telegram_id, unit_code=row.unit.code, text=notice)
                for m in members
            ]
    return notices


async def _drop(update: Update, context: BotContext) -> Mapping[str, object] | None:
    """/cancel while publishing ends the conversation, with nothing published."""
    user = update.effective_user
    assert user is not None
    dropped = await context.services.publication.cancel(user.id)
    if dropped is None:
        return None
    return {"result": esc(result_name(dropped.scope))}


# -- pictures drawn ahead ------------------------------------------------------------------


def draw_ahead(services: Services, scopes: Sequence[Scope], *, what: str) -> None:
    """Draw every unit's /standing picture of these published scopes in the background,
    the first scope first and, within it, units with members before the others."""
    if scopes:
        services.charts.prerender(what, lambda: _pictures(services, list(scopes)))


async def _pictures(services: Services, scopes: list[Scope]) -> AsyncIterator[Chart]:
    # Stored scores first (shared with the start-up prescoring, never done twice), so
    # the rankings below read them instead of scoring.
    await services.standings.prescore()
    members = await services.office.members_by_unit()
    blocks = await services.roster.list_blocks()
    own_only = services.settings.ranking_visibility == "own"
    for n, scope in enumerate(scopes):
        if own_only and n > 0:
            break  # a unit's own quarters: the same picture whatever the scope
        publication = await services.standings.publication(scope)
        if publication is None:
            continue
        status = status_of(services, scope, publication)
        for with_members in (True, False):
            for block in blocks:
                # The newest scope's rankings are kept: /standing asks for them next.
                ranking = await services.standings.block_ranking(scope, block.code, keep=n == 0)
                boards = Boards(ranking, chart_title(scope, status))
                for row in ranking.rows:
                    if row.score is None or (row.unit.code in members) != with_members:
                        continue
                    if own_only:
                        points = await trend_for(services, row.unit.code, office=False)
                        yield trend_chart(points, texts.TREND_TITLE.format(unit=row.unit.name))
                    else:
                        yield boards.of(row.unit.code)


async def _draw_recent(context: BotContext) -> None:
    """At start-up: the recent published results' pictures (8 quarters, 2 years)."""
    services = context.services
    recent = await services.standings.recent_published()
    draw_ahead(services, [scope for scope, _ in recent], what="recent")


def register(app: App) -> None:
    app.add_handler(CommandHandler("publish", cmd_publish))
    buttons.on(on_button, *typing.get_args(PublishButton), who=Who.OFFICE)
    if app.job_queue is None:
        log.warning("No job queue (APScheduler missing): pictures are drawn on demand")
        return
    app.job_queue.run_once(_draw_recent, when=0, name=START_JOB)


FLOWS = (
    Flow(pub.FLOW, on_message, cancel="discard", cancelled=texts.PUBLISH_CANCELLED, end=_drop),
)
