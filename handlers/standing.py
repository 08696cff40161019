"""Standings: /standing, /trend, /ranking for units (as visibility allows) and the office.

Every answer names the result it shows — a quarter's "Kết quả theo dõi", the annual
"Chỉ số CCHC năm" — and says whether it is provisional ("tạm tính, chưa công bố") or
published, with the document that published it. A published result never carries the
provisional marks ("tạm tính", "chưa duyệt"); a provisional one always does.

The pictures are built here (:func:`standing_chart`) for /standing and for drawing them
ahead after a publication (:mod:`handlers.publish`), so both make the same image.
"""

from __future__ import annotations

import logging

from telegram import Update
from telegram.constants import ChatAction
from telegram.error import BadRequest, TelegramError
from telegram.ext import CommandHandler

from bot.formatting import format_datetime, format_points
from bot.numbers import format_number, parse_whole
from bot.services.chart_images import board_chart, trend_chart
from bot.services.chart_specs import Chart
from bot.services.container import Services
from bot.services.periods import join_period, parse_period_code
from bot.services.registration import Identity
from bot.services.standings import (
    BlockRanking,
    Scope,
    ScopeError,
    TrendPoint,
    UnitStanding,
    Weak,
    result_name,
    result_status,
)
from handlers import texts
from handlers.common import identify, reply
from handlers.context import App, BotContext
from handlers.reminders import period_title
from handlers.telegram_text import CAPTION_LIMIT, esc, truncate
from storage.standings import Publication

log = logging.getLogger(__name__)

# How far back a unit's default /standing looks for a published quarter.
LOOKBACK_QUARTERS = 8


async def _scope(update: Update, context: BotContext, text: str | None) -> Scope | None:
    try:
        return context.services.standings.parse_scope(text)
    except ScopeError:
        await reply(update, context, texts.BAD_SCOPE.format(text=esc(text or "")))
        return None


async def _visible_scope(
    update: Update, context: BotContext, who: Identity, text: str | None
) -> Scope | None:
    """The scope asked for or, by default, the newest the viewer may see: the current
    quarter (provisional) for the office, the result published last for units. None
    when there is nothing to show; the person has then been told why."""
    service = context.services.standings
    if not text:
        if who.is_office:
            return service.default_scope()
        found = await service.latest_published(lookback=LOOKBACK_QUARTERS)
        if found is None and who.unit is not None:
            await reply(update, context, await _when_published(context, who.unit.code))
        return found
    scope = await _scope(update, context, text)
    if scope is None or who.is_office:
        return scope
    if not scope.publishable:
        await reply(update, context, texts.STANDING_YTD_UNITS.format(year=scope.year))
        return None
    if not await service.is_published(scope):
        text = texts.STANDING_UNPUBLISHED.format(result=esc(result_name(scope)))
        period = (
            await context.services.periods.get(scope.code) if scope.kind == "quarter" else None
        )
        if period is not None:
            text += texts.STANDING_SHOWN_AFTER_DUE.format(
                label=period_title(period),
                due=format_datetime(period.due_at, context.services.settings.tz),
            )
        else:
            text += texts.STANDING_SHOWN_AFTER
        await reply(update, context, text)
        return None
    return scope


async def _when_published(context: BotContext, unit_code: str) -> str:
    """Nothing is published yet: when the unit's latest report will show, as far as the
    bot knows — after the office publishes (/publish), which follows the period's
    deadline; the bot tells the unit when it does. No date is promised."""
    services = context.services
    tz = services.settings.tz
    period = await services.review.latest_reported(unit_code)
    text = texts.STANDING_NONE_PUBLISHED
    if period is not None:
        latest = await services.office.latest_report(unit_code, period)
        report = latest[1]
        assert report is not None
        return text + texts.STANDING_WHEN_REPORTED.format(
            label=period_title(period),
            version=report.version,
            at=format_datetime(report.submitted_at, tz),
            due=format_datetime(period.due_at, tz),
        )
    period = await services.periods.current()
    return text + texts.STANDING_WHEN_NOT_REPORTED.format(
        label=period_title(period), due=format_datetime(period.due_at, tz)
    )


def status_of(services: Services, scope: Scope, publication: Publication | None) -> str:
    """Provisional or published (with its document), as plain text."""
    return result_status(scope, publication, services.settings.tz)


async def _photo(update: Update, context: BotContext, image: bytes, caption: str) -> None:
    chat = update.effective_chat
    if chat is None:
        return
    charts = context.services.charts
    caption = truncate(caption, CAPTION_LIMIT)
    known = charts.file_id(image)
    if known is not None:
        try:
            await context.bot.send_photo(chat.id, known, caption=caption)
        except BadRequest as exc:
            # Telegram may forget a file; upload it again.
            log.info("Cached chart file_id refused (%s); uploading", exc)
            charts.forget(image)
        else:
            return
    sent = await context.bot.send_photo(chat.id, image, caption=caption)
    if sent.photo:
        charts.remember(image, sent.photo[-1].file_id)


async def _uploading(update: Update, context: BotContext) -> None:
    chat = update.effective_chat
    if chat is not None:
        try:
            await context.bot.send_chat_action(chat.id, ChatAction.UPLOAD_PHOTO)
        except TelegramError as exc:
            log.info("Chat action failed: %s", exc)


def render_standing(standing: UnitStanding, status: str) -> str:
    """A unit's result as text; ``status`` says provisional or published (plain text)."""
    row = standing.row
    scope = standing.scope
    ranking = standing.ranking
    published = standing.published
    lines = [
        texts.STANDING_HEADER.format(
            result=esc(result_name(scope)),
            status=esc(status),
            unit=esc(row.unit.name),
            block=esc(ranking.block.name),
        )
    ]
    entry = row.ranked.entry
    if entry.index is None or row.score is None:
        template = (
            texts.STANDING_NOT_REPORTED_YEAR
            if scope.kind != "quarter"
            else texts.STANDING_NOT_REPORTED
        )
        lines.append(
            template.format(
                scope=scope.label, year=scope.year, reported=ranking.reported, total=ranking.size
            )
        )
        return "\n".join(lines)
    lines.append(
        texts.STANDING_RANK.format(
            rank=row.ranked.rank,
            total=row.ranked.out_of,
            tied=texts.STANDING_TIED if row.ranked.tied else "",
        )
    )
    if ranking.size > ranking.reported:
        lines.append(
            texts.STANDING_SILENT.format(
                silent=ranking.size - ranking.reported, total=ranking.size
            )
        )
    unreviewed = row.provisional and not published
    lines.append(
        texts.STANDING_INDEX.format(
            index=format_points(entry.index),
            band=esc(row.score.band),
            unreviewed=texts.UNREVIEWED if unreviewed else "",
        )
    )
    if unreviewed:
        lines.append(texts.STANDING_UNREVIEWED_NOTE)
    if row.score.provisional and standing.scope.kind == "quarter":
        shown = {
            "scored": format_number(row.score.max_points),
            "full": format_number(row.score.full_max),
            "pending": format_number(row.score.pending_points),
        }
        note = texts.STANDING_SCORED_PART if published else texts.STANDING_SCORED_SO_FAR
        lines.append(note.format(**shown))
    change = standing.change
    if change is not None:
        previous = standing.previous_scope.label
        if change > 0:
            line = texts.STANDING_CHANGE_UP.format(previous=previous, delta=format_points(change))
        elif change < 0:
            line = texts.STANDING_CHANGE_DOWN.format(
                previous=previous, delta=format_points(-change)
            )
        else:
            line = texts.STANDING_CHANGE_SAME.format(previous=previous)
        lines.append(line)
    if row.ranked.leads:
        lines.append(texts.STANDING_TOP)
    elif standing.to_next_rank is not None:
        lines.append(
            texts.STANDING_TO_NEXT.format(
                points=format_points(standing.to_next_rank), rank=_next_rank(standing)
            )
        )
    if ranking.median is not None:
        lines.append(texts.STANDING_MEDIAN.format(median=format_points(ranking.median)))
    if standing.weakest:
        lines += ["", texts.STANDING_WEAKEST]
        lines += [_weak_line(n, weak) for n, weak in enumerate(standing.weakest, start=1)]
    return "\n".join(lines)


def _weak_line(n: int, weak: Weak) -> str:
    gap = weak.lost_vs_median
    if gap > 0:
        against = texts.STANDING_WEAK_BELOW.format(gap=format_number(gap))
    elif gap < 0:
        against = texts.STANDING_WEAK_ABOVE.format(gap=format_number(-gap))
    else:
        against = texts.STANDING_WEAK_LEVEL
    return texts.STANDING_WEAK_LINE.format(
        n=n,
        title=esc(weak.title),
        points=format_number(weak.points),
        max=format_number(weak.max_points),
        gap=against,
    )


def _next_rank(standing: UnitStanding) -> int:
    own = standing.row.ranked.entry.index
    assert own is not None
    better = [
        r.ranked.rank
        for r in standing.ranking.rows
        if r.ranked.rank is not None
        and r.ranked.entry.index is not None
        and r.ranked.entry.index > own
    ]
    return max(better) if better else 1


async def cmd_standing(update: Update, context: BotContext) -> None:
    who = await identify(update, context)
    if who is None:
        return
    args = join_period(context.args or [])  # "quý I/2025" arrives as two words
    if who.is_office and args and not _looks_like_scope(args[0]):
        unit_code = args.pop(0)
        scope = await _scope(update, context, args[0] if args else None)
        if scope is None:
            return
        await _show_standing(update, context, unit_code, scope)
        return
    if not who.is_bound or who.unit is None:
        await reply(
            update, context, texts.STANDING_OFFICE_USAGE if who.is_office else texts.NEED_INVITE
        )
        return
    scope = await _visible_scope(update, context, who, args[0] if args else None)
    if scope is not None:
        await _show_standing(update, context, who.unit.code, scope, viewer=who)


def _looks_like_scope(text: str) -> bool:
    return parse_whole(text[:4]) is not None or parse_period_code(text) is not None


async def _show_standing(
    update: Update,
    context: BotContext,
    unit_code: str,
    scope: Scope,
    *,
    viewer: Identity | None = None,
) -> None:
    services = context.services
    standing = await services.standings.unit_standing(unit_code, scope)
    if standing is None:
        await reply(update, context, texts.UNKNOWN_UNIT.format(code=esc(unit_code)))
        return
    status = status_of(services, scope, standing.publication)
    text = render_standing(standing, status)
    score = standing.row.score
    if scope.kind == "quarter" and score is not None and score.appraised:
        sheet = await services.appraisal.sheet(unit_code, scope.code)
        if sheet.adjustments and sheet.reported and sheet.final:
            text += "\n\n" + texts.STANDING_APPRAISED.format(
                reported=format_points(sheet.reported.index),
                final=format_points(sheet.final.index),
                count=len(sheet.adjustments),
            )
    await reply(update, context, text)
    if standing.row.score is None:
        return
    await _uploading(update, context)
    unit_view = viewer is not None and not viewer.is_office
    chart, caption = await standing_chart(services, standing, status, unit_view=unit_view)
    await _photo(update, context, await services.charts.image(chart), caption)


async def standing_chart(
    services: Services, standing: UnitStanding, status: str, *, unit_view: bool
) -> tuple[Chart, str]:
    """The picture /standing sends after the text, with its caption (HTML).

    The block's ranking with the unit's bar marked; where units may see only their own
    results (CCHC_RANKING_VISIBILITY=own), a unit sees its own quarters instead.
    """
    if unit_view and services.settings.ranking_visibility == "own":
        name = standing.row.unit.name
        points = await trend_for(services, standing.row.unit.code, office=False)
        title = texts.TREND_TITLE.format(unit=name)
        return trend_chart(points, title), texts.TREND_CAPTION_UNITS.format(
            title=texts.TREND_TITLE.format(unit=esc(name))
        )
    return board_of(standing.ranking, standing.row.unit.code, status)


def board_of(ranking: BlockRanking, own_unit: str | None, status: str) -> tuple[Chart, str]:
    """A block's ranking as a picture, and its caption (HTML)."""
    caption = texts.CHART_CAPTION.format(
        result=esc(result_name(ranking.scope)), block=esc(ranking.block.name), status=esc(status)
    )
    return board_chart(ranking, own_unit, chart_title(ranking.scope, status)), caption


def chart_title(scope: Scope, status: str) -> str:
    """A ranking picture's title: drawn, not parsed as HTML (the caption is HTML)."""
    return texts.CHART_TITLE.format(result=result_name(scope), status=status)


async def _send_leaderboard(
    update: Update,
    context: BotContext,
    ranking: BlockRanking,
    own_unit: str | None,
    status: str,
) -> None:
    chart, caption = board_of(ranking, own_unit, status)
    await _photo(update, context, await context.services.charts.image(chart), caption)


async def trend_for(services: Services, unit_code: str, *, office: bool) -> list[TrendPoint]:
    """The unit's last quarters as the viewer may see them: units see published quarters
    only and, when they may not see others' results, not the block's median either."""
    service = services.standings
    points = await service.trend(unit_code)
    if office:
        return points
    own_only = services.settings.ranking_visibility == "own"
    published = await service.published_among([p.scope for p in points])
    return [
        TrendPoint(p.scope, p.index, None if own_only else p.median)
        if p.scope.code in published
        else TrendPoint(p.scope, None, None)
        for p in points
    ]


async def cmd_trend(update: Update, context: BotContext) -> None:
    who = await identify(update, context)
    if who is None:
        return
    services = context.services
    if who.is_office and context.args:
        unit = await services.office.unit(context.args[0])
        if unit is None:
            await reply(update, context, texts.UNKNOWN_UNIT.format(code=esc(context.args[0])))
            return
    elif who.is_bound and who.unit is not None:
        unit = who.unit
    else:
        await reply(
            update, context, texts.STANDING_OFFICE_USAGE if who.is_office else texts.NEED_INVITE
        )
        return
    office = who.is_office
    points = await trend_for(services, unit.code, office=office)
    if all(p.index is None for p in points):
        # Nothing to draw: one sentence, not a column of "chưa có" and an empty chart.
        template = texts.TREND_NONE_OFFICE if office else texts.TREND_NONE_UNITS
        await reply(update, context, template.format(unit=esc(unit.name), n=len(points)))
        return
    published = await services.standings.published_among([p.scope for p in points])
    lines = [texts.TREND_HEADER.format(unit=esc(unit.name))]
    for p in points:
        median = (
            texts.TREND_MEDIAN.format(median=format_points(p.median))
            if p.median is not None
            else ""
        )
        shown = p.scope.code in published
        if p.index is not None:
            index = format_points(p.index)
        elif not office and not shown:
            index = texts.TREND_UNPUBLISHED
        else:
            index = texts.TREND_NO_DATA
        status = texts.TREND_PROVISIONAL if office and not shown and p.index is not None else ""
        lines.append(
            texts.TREND_LINE.format(scope=p.scope.label, index=index, median=median, status=status)
        )
    provisional = any(p.index is not None and p.scope.code not in published for p in points)
    if not office:
        lines.append(texts.TREND_NOTE_UNITS)
    elif provisional:
        lines.append(texts.TREND_NOTE_OFFICE)
    await reply(update, context, "\n".join(lines))
    await _uploading(update, context)
    image = await services.charts.image(
        trend_chart(points, texts.TREND_TITLE.format(unit=unit.name))
    )
    title = texts.TREND_TITLE.format(unit=esc(unit.name))
    caption = (
        texts.TREND_CAPTION_OFFICE.format(title=title)
        if office and provisional
        else texts.TREND_CAPTION_UNITS.format(title=title)
    )
    await _photo(update, context, image, caption)


async def cmd_ranking(update: Update, context: BotContext) -> None:
    who = await identify(update, context)
    if who is None or not (who.is_office or who.is_bound):
        await reply(update, context, texts.NEED_INVITE)
        return
    services = context.services
    args = join_period(context.args or [])
    blocks = await services.roster.list_blocks()
    block_code = None
    if args and not _looks_like_scope(args[0]):
        block_code = args.pop(0).lower()
        if block_code not in {b.code for b in blocks}:
            listed = ", ".join(b.code for b in blocks)
            await reply(
                update, context, texts.UNKNOWN_BLOCK.format(code=esc(block_code), blocks=listed)
            )
            return
    visibility = services.settings.ranking_visibility
    own_unit = who.unit.code if who.unit is not None else None
    if not who.is_office:
        assert who.unit is not None
        if visibility == "own":
            await reply(update, context, texts.RANKING_OWN_ONLY)
            return
        if block_code is not None and block_code != who.unit.block and visibility == "block":
            await reply(update, context, texts.RANKING_BLOCK_ONLY)
            return
        block_code = block_code or who.unit.block
    scope = await _visible_scope(update, context, who, args[0] if args else None)
    if scope is None:
        return
    publication = await services.standings.publication(scope)
    status = status_of(services, scope, publication)
    chosen = [b for b in blocks if block_code is None or b.code == block_code]
    for block in chosen:
        ranking = await services.standings.block_ranking(scope, block.code)
        if not ranking.rows:
            continue
        await reply(
            update, context, render_ranking(ranking, publication is not None, own_unit, status)
        )
        if ranking.reported:
            await _uploading(update, context)
            await _send_leaderboard(update, context, ranking, own_unit, status)


def render_ranking(
    ranking: BlockRanking, published: bool, own_unit: str | None, status: str
) -> str:
    """The block's table: ranked units first, then those that did not report."""
    lines = [
        texts.RANKING_HEADER.format(
            result=esc(result_name(ranking.scope)),
            status=esc(status),
            block=esc(ranking.block.name),
            reported=ranking.reported,
            total=ranking.size,
        ),
        "",
    ]
    for row in ranking.rows:
        index = row.ranked.entry.index
        own = row.unit.code == own_unit
        if index is None or row.score is None:
            template = texts.RANKING_NOT_REPORTED_OWN if own else texts.RANKING_NOT_REPORTED
            lines.append(template.format(name=esc(row.unit.name)))
            continue
        template = texts.RANKING_LINE_OWN if own else texts.RANKING_LINE
        lines.append(
            template.format(
                rank=row.ranked.rank,
                name=esc(row.unit.name),
                index=format_points(index),
                band=esc(row.score.band),
                unreviewed=texts.UNREVIEWED if row.provisional and not published else "",
            )
        )
    if not published and any(row.provisional for row in ranking.rows):
        lines.append(texts.RANKING_UNREVIEWED_NOTE)
    return "\n".join(lines)


def register(app: App) -> None:
    app.add_handler(CommandHandler("standing", cmd_standing))
    app.add_handler(CommandHandler("trend", cmd_trend))
    app.add_handler(CommandHandler("ranking", cmd_ranking))
