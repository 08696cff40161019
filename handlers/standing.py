"""Standings: /standing, /trend, /ranking for units (as visibility allows) and the office,
and /publish for the office."""

from __future__ import annotations

import logging

import aiosqlite
from telegram import Update
from telegram.constants import ChatAction
from telegram.error import BadRequest, TelegramError
from telegram.ext import CommandHandler

from bot.domain.broadcasts import Notice
from bot.formatting import format_points
from bot.numbers import format_number, parse_whole
from bot.services.registration import Identity
from bot.services.standings import BlockRanking, Scope, ScopeError, TrendPoint, UnitStanding
from handlers import texts
from handlers.common import identify, reply, require_office
from handlers.context import App, BotContext
from handlers.telegram_text import CAPTION_LIMIT, esc, truncate

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
    quarter (provisional) for the office, the latest published one for units. None when
    there is nothing to show; the person has then been told why."""
    service = context.services.standings
    if not text:
        if who.is_office:
            return service.default_scope()
        found = await service.latest_published(lookback=LOOKBACK_QUARTERS)
        if found is None:
            await reply(update, context, texts.STANDING_NONE_PUBLISHED)
        return found
    scope = await _scope(update, context, text)
    if scope is not None and not who.is_office and not await service.is_published(scope):
        await reply(update, context, texts.STANDING_UNPUBLISHED.format(scope=scope.label))
        return None
    return scope


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


def render_standing(standing: UnitStanding) -> str:
    row = standing.row
    scope = standing.scope
    lines = [
        texts.STANDING_HEADER.format(
            scope=scope.label,
            provisional="" if standing.published else texts.PROVISIONAL,
            unit=esc(row.unit.name),
            block=esc(standing.ranking.block.name),
        )
    ]
    entry = row.ranked.entry
    if entry.index is None or row.score is None:
        lines.append(texts.STANDING_NOT_REPORTED.format(scope=scope.label))
        return "\n".join(lines)
    lines.append(
        texts.STANDING_RANK.format(
            rank=row.ranked.rank,
            total=standing.ranking.reported,
            tied=texts.STANDING_TIED if row.ranked.tied else "",
        )
    )
    lines.append(
        texts.STANDING_INDEX.format(
            index=format_points(entry.index),
            band=esc(row.score.band),
            unreviewed=texts.UNREVIEWED if row.provisional else "",
        )
    )
    if row.provisional:
        lines.append(texts.STANDING_UNREVIEWED_NOTE)
    change = standing.change
    if change is not None:
        service_prev = standing.previous_scope.label
        if change > 0:
            line = texts.STANDING_CHANGE_UP.format(
                previous=service_prev, delta=format_points(change)
            )
        elif change < 0:
            line = texts.STANDING_CHANGE_DOWN.format(
                previous=service_prev, delta=format_points(-change)
            )
        else:
            line = texts.STANDING_CHANGE_SAME.format(previous=service_prev)
        lines.append(line)
    if standing.to_next_rank is None:
        if row.ranked.rank == 1:
            lines.append(texts.STANDING_TOP)
    else:
        better = _next_rank(standing)
        lines.append(
            texts.STANDING_TO_NEXT.format(points=format_points(standing.to_next_rank), rank=better)
        )
    if standing.ranking.median is not None:
        lines.append(texts.STANDING_MEDIAN.format(median=format_points(standing.ranking.median)))
    if standing.weakest:
        lines += ["", texts.STANDING_WEAKEST]
        for n, weak in enumerate(standing.weakest, start=1):
            lines.append(
                texts.STANDING_WEAK_LINE.format(
                    n=n,
                    title=esc(weak.title),
                    points=format_number(weak.points),
                    max=format_number(weak.max_points),
                    gap=format_number(weak.lost_vs_median),
                )
            )
    return "\n".join(lines)


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
    args = list(context.args or [])
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
    return parse_whole(text[:4]) is not None


async def _show_standing(
    update: Update,
    context: BotContext,
    unit_code: str,
    scope: Scope,
    *,
    viewer: Identity | None = None,
) -> None:
    standing = await context.services.standings.unit_standing(unit_code, scope)
    if standing is None:
        await reply(update, context, texts.UNKNOWN_UNIT.format(code=esc(unit_code)))
        return
    text = render_standing(standing)
    score = standing.row.score
    if scope.kind == "quarter" and score is not None and score.appraised:
        sheet = await context.services.appraisal.sheet(unit_code, scope.code)
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
    visibility = context.services.settings.ranking_visibility
    if viewer is not None and not viewer.is_office and visibility == "own":
        # Others' results are not shown to units in this mode: the trend instead.
        name = standing.row.unit.name
        points = await _trend_for(context, unit_code, viewer)
        image = await context.services.charts.trend(points, texts.TREND_TITLE.format(unit=name))
        caption = texts.TREND_TITLE.format(unit=esc(name))
        await _photo(update, context, image, caption)
    else:
        await _send_leaderboard(update, context, standing.ranking, unit_code)


async def _send_leaderboard(
    update: Update, context: BotContext, ranking: BlockRanking, own_unit: str | None
) -> None:
    scope, block = ranking.scope.label, ranking.block.name
    # The picture's title is drawn, not parsed as HTML; the caption is HTML.
    title = texts.CHART_CAPTION.format(scope=scope, block=block)
    image = await context.services.charts.leaderboard(ranking, own_unit, title)
    caption = texts.CHART_CAPTION.format(scope=scope, block=esc(block))
    await _photo(update, context, image, caption)


async def _trend_for(context: BotContext, unit_code: str, viewer: Identity) -> list[TrendPoint]:
    """The unit's last quarters as the viewer may see them: units see published quarters
    only and, when they may not see others' results, not the block's median either."""
    service = context.services.standings
    points = await service.trend(unit_code)
    if viewer.is_office:
        return points
    own_only = context.services.settings.ranking_visibility == "own"
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
    if who.is_office and context.args:
        unit = await context.services.office.unit(context.args[0])
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
    points = await _trend_for(context, unit.code, who)
    lines = [texts.TREND_HEADER.format(unit=esc(unit.name))]
    for p in points:
        median = (
            texts.TREND_MEDIAN.format(median=format_points(p.median))
            if p.median is not None
            else ""
        )
        index = format_points(p.index) if p.index is not None else texts.TREND_NO_DATA
        lines.append(texts.TREND_LINE.format(scope=p.scope.label, index=index, median=median))
    await reply(update, context, "\n".join(lines))
    await _uploading(update, context)
    image = await context.services.charts.trend(points, texts.TREND_TITLE.format(unit=unit.name))
    await _photo(update, context, image, texts.TREND_TITLE.format(unit=esc(unit.name)))


async def cmd_ranking(update: Update, context: BotContext) -> None:
    who = await identify(update, context)
    if who is None or not (who.is_office or who.is_bound):
        await reply(update, context, texts.NEED_INVITE)
        return
    args = list(context.args or [])
    blocks = await context.services.roster.list_blocks()
    block_code = None
    if args and not _looks_like_scope(args[0]):
        block_code = args.pop(0).lower()
        if block_code not in {b.code for b in blocks}:
            listed = ", ".join(b.code for b in blocks)
            await reply(
                update, context, texts.UNKNOWN_BLOCK.format(code=esc(block_code), blocks=listed)
            )
            return
    visibility = context.services.settings.ranking_visibility
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
    published = await context.services.standings.is_published(scope)
    chosen = [b for b in blocks if block_code is None or b.code == block_code]
    for block in chosen:
        ranking = await context.services.standings.block_ranking(scope, block.code)
        if not ranking.rows:
            continue
        await reply(update, context, render_ranking(ranking, published, own_unit))
        if ranking.reported:
            await _uploading(update, context)
            await _send_leaderboard(update, context, ranking, own_unit)


def render_ranking(ranking: BlockRanking, published: bool, own_unit: str | None) -> str:
    lines = [
        texts.RANKING_HEADER.format(
            scope=ranking.scope.label,
            provisional="" if published else texts.PROVISIONAL,
            block=esc(ranking.block.name),
            reported=ranking.reported,
            total=len(ranking.rows),
        ),
        "",
    ]
    for row in ranking.rows:
        index = row.ranked.entry.index
        if index is None or row.score is None:
            lines.append(texts.RANKING_NOT_REPORTED.format(name=esc(row.unit.name)))
            continue
        template = texts.RANKING_LINE_OWN if row.unit.code == own_unit else texts.RANKING_LINE
        lines.append(
            template.format(
                rank=row.ranked.rank,
                name=esc(row.unit.name),
                index=format_points(index),
                band=esc(row.score.band),
                unreviewed=texts.UNREVIEWED if row.provisional else "",
            )
        )
    if any(row.provisional for row in ranking.rows):
        lines.append(texts.RANKING_UNREVIEWED_NOTE)
    return "\n".join(lines)


async def cmd_publish(update: Update, context: BotContext) -> None:
    who = await require_office(update, context)
    if who is None:
        return
    if not context.args:
        await reply(update, context, texts.PUBLISH_USAGE)
        return
    scope = await _scope(update, context, context.args[0])
    if scope is None:
        return
    service = context.services.standings
    if await service.is_published(scope):
        await reply(update, context, texts.ALREADY_PUBLISHED.format(scope=scope.label))
        return
    # Each member gets their own unit's result, through the outbox: queued in the
    # transaction that publishes and delivered by the sender, so the office's chat does
    # not wait for thousands of messages and a crash loses none of them.
    notices: list[Notice] = []
    members_of = await context.services.office.members_by_unit()
    for block in await context.services.roster.list_blocks():
        ranking = await service.block_ranking(scope, block.code)
        for row in ranking.rows:
            members = members_of.get(row.unit.code, [])
            if not members:
                continue
            index = row.ranked.entry.index
            result = (
                texts.PUBLISH_RESULT.format(
                    rank=row.ranked.rank,
                    total=ranking.reported,
                    index=format_points(index),
                    band=esc(row.score.band),
                )
                if index is not None and row.score is not None
                else texts.PUBLISH_NOT_RANKED
            )
            notice = texts.PUBLISH_NOTICE.format(
                scope=scope.label, unit=esc(row.unit.name), result=result
            )
            notices += [
                Notice(chat_id=m.telegram_id, unit_code=row.unit.code, text=notice)
                for m in members
            ]
    broadcasts = context.services.broadcasts
    queued = broadcasts.notices_to_queue(notices)

    async def queue(conn: aiosqlite.Connection) -> None:
        label = texts.PUBLISH_LABEL.format(scope=scope.label)
        await broadcasts.write_notices(
            conn, created_by=who.telegram_id, label=label, notices=queued
        )

    if not await service.publish(scope, actor=f"tg:{who.telegram_id}", then=queue):
        await reply(update, context, texts.ALREADY_PUBLISHED.format(scope=scope.label))
        return
    broadcasts.outbox.wake()
    await reply(update, context, texts.PUBLISHED.format(scope=scope.label, sent=len(queued)))


def register(app: App) -> None:
    app.add_handler(CommandHandler("standing", cmd_standing))
    app.add_handler(CommandHandler("trend", cmd_trend))
    app.add_handler(CommandHandler("ranking", cmd_ranking))
    app.add_handler(CommandHandler("publish", cmd_publish))
