"""Command-line commands for reporting periods: `cchc-bot period list|open|close|due|reopen`.

Kept apart from bot/cli.py so each group of commands reads on its own; cli.py calls
:func:`add_commands` while building its parser. The changes are the same as the
office's /period and /reopen in chat, audited with the actor "cli"; a running bot
picks them up within a quarter of an hour (its schedule is re-read at least that
often), and at once after a restart.
"""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

from bot.cli_output import fail
from bot.cli_runner import Runner
from bot.formatting import format_date, format_datetime, period_label
from bot.texts import cli as cli_texts
from bot.texts import cli_desk as texts

if TYPE_CHECKING:
    from bot.domain.models import Period
    from bot.services.container import Services
    from bot.services.periods import DeadlineError

ACTOR = "cli"


def add_commands(
    commands: argparse._SubParsersAction[argparse.ArgumentParser], run: Runner
) -> None:
    """Register `period`; ``run`` opens the services for a command's work."""
    period = commands.add_parser(
        "period",
        help=texts.HELP_PERIOD,
        description=texts.DESCRIPTION_PERIOD,
    )
    sub = period.add_subparsers(dest="action", metavar=cli_texts.METAVAR_ACTION, required=True)

    listing = sub.add_parser("list", help=texts.HELP_PERIOD_LIST)
    listing.set_defaults(handler=lambda s, a: run(s, _list))

    opening = sub.add_parser("open", help=texts.HELP_PERIOD_OPEN)
    opening.add_argument("code", metavar=cli_texts.METAVAR_PERIOD)
    opening.add_argument(
        "--due", nargs="+", metavar=cli_texts.METAVAR_DATE, help="dd/mm/yyyy [hh:mm]"
    )
    opening.set_defaults(handler=lambda s, a: run(s, lambda sv: _open(sv, a)))

    closing = sub.add_parser("close", help=texts.HELP_PERIOD_CLOSE)
    closing.add_argument("code", metavar=cli_texts.METAVAR_PERIOD)
    closing.set_defaults(handler=lambda s, a: run(s, lambda sv: _close(sv, a)))

    due = sub.add_parser("due", help=texts.HELP_PERIOD_DUE)
    due.add_argument("code", metavar=cli_texts.METAVAR_PERIOD)
    due.add_argument("when", nargs="+", metavar=cli_texts.METAVAR_DATE, help="dd/mm/yyyy [hh:mm]")
    due.set_defaults(handler=lambda s, a: run(s, lambda sv: _due(sv, a)))

    reopen = sub.add_parser("reopen", help=texts.HELP_PERIOD_REOPEN)
    reopen.add_argument("code", metavar=cli_texts.METAVAR_PERIOD)
    reopen.add_argument("unit", metavar=cli_texts.METAVAR_UNIT)
    reopen.add_argument("--days", type=int, metavar="N", help=texts.HELP_PERIOD_DAYS)
    reopen.set_defaults(handler=lambda s, a: run(s, lambda sv: _reopen(sv, a)))


def _title(period: Period) -> str:
    label = period_label(period.year, period.quarter)
    return label + (texts.PERIOD_ALSO_YEAR.format(year=period.year) if period.quarter == 4 else "")


def _describe(services: Services, period: Period) -> str:
    tz = services.settings.tz
    now = services.clock()
    status = (
        texts.PERIOD_CLOSED
        if period.status == "closed"
        else texts.PERIOD_PAST_DUE
        if period.due_at < now
        else texts.PERIOD_OPEN
    )
    return texts.PERIOD_LINE.format(
        code=period.code,
        title=_title(period),
        data_from=format_date(period.data_from),
        data_to=format_date(period.data_to),
        due=format_datetime(period.due_at, tz),
        status=status,
    )


def _code(services: Services, text: str) -> str | None:
    """The period's code, if ``text`` names a quarter of the campaign's years."""
    from bot.services.periods import parse_period_code

    parsed = parse_period_code(text)
    if parsed is None or not services.periods.in_campaign(parsed[0]):
        return None
    return f"{parsed[0]}-Q{parsed[1]}"


def _bad_code(services: Services, text: str) -> int:
    first, last = services.periods.campaign_years
    return fail(texts.PERIOD_BAD_CODE.format(text=text, first=first, last=last))


async def _list(services: Services) -> int:
    for period in await services.periods.list_recent(8):
        print(_describe(services, period))
    return 0


async def _open(services: Services, args: argparse.Namespace) -> int:
    from bot.services.periods import DeadlineError, parse_deadline

    code = _code(services, args.code)
    if code is None:
        return _bad_code(services, args.code)
    due_at = None
    if args.due:
        due_at = parse_deadline(" ".join(args.due), services.settings.tz)
        if due_at is None:
            return fail(texts.DEADLINE_UNREADABLE.format(text=" ".join(args.due)))
    try:
        period = await services.periods.open(code, actor=ACTOR, due_at=due_at)
    except DeadlineError as exc:
        return fail(_deadline_error(exc))
    print(texts.PERIOD_OPENED.format(period=_describe(services, period)))
    if period.due_at < services.clock():
        print(texts.PERIOD_OPENED_PAST_DUE, file=sys.stderr)
    elif due_at is not None:
        await _untold(services, period)
    return 0


async def _close(services: Services, args: argparse.Namespace) -> int:
    code = _code(services, args.code)
    if code is None:
        return _bad_code(services, args.code)
    period = await services.periods.close(code, actor=ACTOR)
    print(texts.PERIOD_CLOSED_NOW.format(period=_describe(services, period)))
    return 0


async def _due(services: Services, args: argparse.Namespace) -> int:
    from bot.services.periods import DeadlineError, parse_deadline

    code = _code(services, args.code)
    if code is None:
        return _bad_code(services, args.code)
    text = " ".join(args.when)
    due_at = parse_deadline(text, services.settings.tz)
    if due_at is None:
        return fail(texts.DEADLINE_UNREADABLE.format(text=text))
    try:
        period = await services.periods.set_deadline(code, due_at, actor=ACTOR)
    except DeadlineError as exc:
        return fail(_deadline_error(exc))
    print(texts.PERIOD_DUE_SET.format(period=_describe(services, period)))
    await _untold(services, period)
    return 0


async def _untold(services: Services, period: Period) -> None:
    """The CLI cannot message anyone (the running bot owns the Telegram connection), so
    it says that the units were not told, and how to tell them."""
    from bot.services.review import OWING

    if period.status != "open" or period.due_at <= services.clock():
        return
    desk = await services.review.desk(period)
    owing = [u for u in desk.units if u.status in OWING and u.deadline == period.due_at]
    if not owing:
        return
    print(texts.UNITS_NOT_TOLD.format(count=len(owing), code=period.code), file=sys.stderr)


async def _reopen(services: Services, args: argparse.Namespace) -> int:
    from bot.services.periods import UnknownUnit

    code = _code(services, args.code)
    if code is None:
        return _bad_code(services, args.code)
    days = args.days if args.days is not None else services.settings.reopen_days
    if not 1 <= days <= 60:
        return fail(texts.REOPEN_DAYS_RANGE)
    try:
        own, extension = await services.periods.reopen_for(args.unit, code, days=days, actor=ACTOR)
    except UnknownUnit:
        return fail(texts.REOPEN_UNKNOWN_UNIT.format(unit=args.unit))
    due = format_datetime(own.due_at, services.settings.tz)
    if extension is None:
        print(texts.REOPEN_NOT_NEEDED.format(unit=args.unit, code=code, due=due))
    else:
        print(texts.REOPENED.format(code=code, unit=args.unit, due=due))
    return 0


def _deadline_error(exc: DeadlineError) -> str:
    if exc.why == "before_cutoff":
        return texts.DEADLINE_BEFORE_CUTOFF.format(cutoff=format_date(exc.period.data_to))
    return texts.DEADLINE_IN_PAST
