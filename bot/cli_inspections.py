"""Command-line commands for the office's inspection plan: `cchc-bot inspection add|remove|list`.

The plan says which units the office inspects for CCHC in a year, and in which round;
the methodology's inspection criterion (``only_inspected``) applies to these units
only, so a unit the office does not visit is not penalised for its schedule. Changes
are audited with the actor "cli" and change the rankings at once.
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from bot.cli_runner import Runner
from bot.texts import cli as cli_texts
from bot.texts import cli_scoring as texts

if TYPE_CHECKING:
    from bot.services.container import Services
    from bot.services.inspections import PlanChange

ACTOR = "cli"


FAILED = frozenset({"unknown_unit", "bad_round", "bad_year"})


def add_commands(
    commands: argparse._SubParsersAction[argparse.ArgumentParser], run: Runner
) -> None:
    """Register `inspection`; ``run`` opens the services for a command's work."""
    inspection = commands.add_parser(
        "inspection",
        help=texts.HELP_INSPECTION,
        description=texts.DESCRIPTION_INSPECTION,
    )
    sub = inspection.add_subparsers(dest="action", metavar=cli_texts.METAVAR_ACTION, required=True)

    adding = sub.add_parser("add", help=texts.HELP_INSPECTION_ADD)
    adding.add_argument("year", type=int, metavar=cli_texts.METAVAR_YEAR)
    adding.add_argument("units", nargs="+", metavar=cli_texts.METAVAR_UNIT)
    adding.add_argument(
        "--round",
        type=int,
        default=1,
        metavar=texts.METAVAR_ROUND,
        help=texts.HELP_INSPECTION_ROUND,
    )
    adding.set_defaults(handler=lambda s, a: run(s, lambda sv: _add(sv, a)))

    removing = sub.add_parser("remove", help=texts.HELP_INSPECTION_REMOVE)
    removing.add_argument("year", type=int, metavar=cli_texts.METAVAR_YEAR)
    removing.add_argument("units", nargs="+", metavar=cli_texts.METAVAR_UNIT)
    removing.set_defaults(handler=lambda s, a: run(s, lambda sv: _remove(sv, a)))

    listing = sub.add_parser("list", help=texts.HELP_INSPECTION_LIST)
    listing.add_argument("year", type=int, metavar=cli_texts.METAVAR_YEAR)
    listing.set_defaults(handler=lambda s, a: run(s, lambda sv: _list(sv, a.year)))


def _say(change: PlanChange) -> None:
    print(
        texts.INSPECTION_OUTCOMES[change.outcome].format(
            unit=change.unit_code, year=change.year, round=change.round, before=change.before
        )
    )


async def _add(services: Services, args: argparse.Namespace) -> int:
    status = 0
    for code in args.units:
        change = await services.inspections.add(args.year, code, args.round, actor=ACTOR)
        _say(change)
        status = 1 if change.outcome in FAILED else status
    return status


async def _remove(services: Services, args: argparse.Namespace) -> int:
    for code in args.units:
        _say(await services.inspections.remove(args.year, code, actor=ACTOR))
    return 0


async def _list(services: Services, year: int) -> int:
    plan = await services.inspections.plan(year)
    if not plan:
        print(texts.INSPECTION_PLAN_EMPTY.format(year=year))
        return 0
    print(texts.INSPECTION_PLAN.format(year=year, count=len(plan)))
    for item in plan:
        print(
            texts.INSPECTION_ITEM.format(
                round=item.round, unit=item.unit_code, name=item.unit_name, block=item.block
            )
        )
    return 0
