"""Assembling the Telegram application: the one factory production, demo and tests use."""

from __future__ import annotations

import asyncio
import functools
import logging
from collections.abc import Coroutine
from typing import Any

from telegram import Update
from telegram.constants import ParseMode
from telegram.ext import (
    Application,
    CommandHandler,
    Defaults,
    MessageHandler,
    TypeHandler,
    filters,
)

from bot.clock import Clock, utc_now
from bot.config import Settings
from bot.services.container import Services, build_services
from handlers import (
    appraisal,
    awards,
    broadcast,
    buttons,
    dedupe,
    desk,
    desk_periods,
    dialog,
    errors,
    guard,
    office,
    practices,
    publish,
    reminders,
    report,
    report_excel,
    review,
    standing,
    start,
)
from handlers.broadcast_delivery import FloodAwareRequest, TelegramTransport
from handlers.commands import publish_commands
from handlers.context import CONTEXT_TYPES, App
from handlers.dialog import Flow
from handlers.ordering import PerPersonUpdateProcessor
from handlers.rate_limiter import PacedRateLimiter, note_arrival

log = logging.getLogger(__name__)

# Adding a journey = adding a module here (its commands and buttons) and, if it has
# conversations of several steps, its FLOWS to FLOWS below.
JOURNEYS = (
    start,
    report,
    report_excel,
    office,
    standing,
    publish,
    appraisal,
    broadcast,
    practices,
    awards,
    desk,
    desk_periods,
    review,
    reminders,
)

# Every conversation of several steps, each declared once by its journey; /cancel and
# free text reach the one the person is in (the flow stored in the database).
FLOWS: tuple[Flow, ...] = (
    *report.FLOWS,
    *appraisal.FLOWS,
    *publish.FLOWS,
    *broadcast.FLOWS,
    *practices.FLOWS,
    *awards.FLOWS,
    *desk_periods.FLOWS,
    *review.FLOWS,
)

# PTB runs one handler per group, groups in ascending order, and an update goes on to
# the next group unless a handler stops it. The infrastructure needs groups of its own
# so that it sees every update before (and besides) the journeys; everything else is in
# the default group 0, where the first handler that matches takes the update, so the
# order of registration below is the order of precedence.
_GUARD = -3  # first: group chats and edits stop here, before anything is written
_DEDUPE = -2  # then a re-delivered update stops here
_REACTIVATE = -1  # a person who had blocked the bot gets broadcasts again; never stops
_JOURNEYS = 0


def register_handlers(app: App) -> None:
    """Every handler of the bot, in the order they are tried, top to bottom."""
    app.add_handler(TypeHandler(Update, guard.guard), group=_GUARD)
    app.add_handler(TypeHandler(Update, dedupe.claim), group=_DEDUPE)
    app.add_handler(TypeHandler(Update, broadcast.reactivate), group=_REACTIVATE)
    router = dialog.Router(FLOWS)
    # Commands (the one /cancel among them) and the journeys' buttons.
    app.add_handler(CommandHandler("cancel", router.on_cancel), group=_JOURNEYS)
    for journey in JOURNEYS:
        journey.register(app)
    buttons.register(app)
    # Messages some journeys look at before the router; what they leave goes on to it.
    for message_filter, step in report_excel.AHEAD_OF_DIALOG:
        app.add_handler(MessageHandler(message_filter, router.ahead(step)), group=_JOURNEYS)
    app.add_handler(MessageHandler(dialog.MESSAGES, router.on_message), group=_JOURNEYS)
    app.add_handler(MessageHandler(filters.COMMAND, dialog.on_unknown_command), group=_JOURNEYS)
    errors.register(app)


def build_application(settings: Settings, *, clock: Clock = utc_now) -> App:
    """Build the bot; the form is loaded now (so a bad form fails fast), the database
    is opened when the application initialises."""
    services = build_services(settings, clock=clock)
    background: list[asyncio.Task[object]] = []

    async def post_init(app: App) -> None:
        await services.db.open()
        # The broadcast sender: one task, stopped by services.close() at shutdown.
        await services.outbox.start(TelegramTransport(settings))
        app.bot_data.services = services
        year = clock().astimezone(settings.tz).year
        if not services.rules.has(year):
            # Said at start-up, not first to a unit on /report: the office can add them now.
            log.warning(
                "No report form and methodology for %s (report_form_%s.toml, "
                "methodology_%s.toml in CCHC_RULES_DIR); years loaded: %s",
                year,
                year,
                year,
                services.rules.years,
            )
        # In the background, so the bot answers at once: load fonts and glyphs now, not
        # on the first /standing; score what was reported but never scored.
        background.append(_in_background(services.charts.warm_up(), "chart warm-up"))
        background.append(_in_background(services.standings.prescore(), "prescoring"))
        await publish_commands(app.bot, settings.office_ids)

    async def post_shutdown(app: App) -> None:
        for task in background:
            task.cancel()
        await asyncio.gather(*background, return_exceptions=True)
        await services.close()

    app: App = (
        Application.builder()
        .token(settings.token())
        .base_url(settings.api_base_url)
        .base_file_url(settings.api_file_url)
        .request(FloodAwareRequest(connection_pool_size=256))
        .context_types(CONTEXT_TYPES)
        .defaults(Defaults(parse_mode=ParseMode.HTML, tzinfo=settings.tz))
        .rate_limiter(
            PacedRateLimiter(
                services.pacer,
                typing_after=settings.typing_after,
                max_attempts=settings.broadcast_max_attempts,
                backoff_max=settings.broadcast_backoff_max,
            )
        )
        .concurrent_updates(
            PerPersonUpdateProcessor(on_arrival=functools.partial(note_arrival, services.pacer))
        )
        .post_init(post_init)
        .post_shutdown(post_shutdown)
        .build()
    )
    register_handlers(app)
    return app


def _in_background(work: Coroutine[Any, Any, object], what: str) -> asyncio.Task[object]:
    """A start-up chore run beside the bot; a failure is logged, never fatal."""

    async def run() -> object:
        try:
            return await work
        except asyncio.CancelledError:
            raise
        except Exception:
            log.exception("Background %s failed", what)
            return None

    return asyncio.get_running_loop().create_task(run(), name=what)


def services_of(app: App) -> Services:
    services = app.bot_data.services
    if services is None:
        raise RuntimeError("application is not initialised")
    return services


def run_polling(settings: Settings, **kwargs: Any) -> None:
    """`cchc-bot run`: long polling until interrupted."""
    logging.basicConfig(
        format="%(asctime)s %(levelname)s %(name)s: %(message)s", level=logging.INFO
    )
    logging.getLogger("httpx").setLevel(logging.WARNING)
    app = build_application(settings)
    app.run_polling(allowed_updates=Update.ALL_TYPES, **kwargs)


async def start_application(app: App, *, poll_timeout: int = 10) -> None:
    """Start polling inside a running event loop, as ``run_polling`` does (demo, tests)."""
    await app.initialize()
    if app.post_init is not None:
        await app.post_init(app)
    assert app.updater is not None
    await app.updater.start_polling(
        poll_interval=0.0, timeout=poll_timeout, allowed_updates=Update.ALL_TYPES
    )
    await app.start()


async def stop_application(app: App) -> None:
    assert app.updater is not None
    if app.updater.running:
        await app.updater.stop()
    if app.running:
        await app.stop()
    await app.shutdown()
    if app.post_shutdown is not None:
        await app.post_shutdown(app)
