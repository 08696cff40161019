"""Command-line commands for scoring: `methodology show` and `appraise import`.

Kept apart from bot/cli.py so each group of commands reads on its own; cli.py calls
:func:`add_commands` while building its parser.
"""

from __future__ import annotations

import argparse
import io
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING

from bot.cli_output import print_refused_import
from bot.cli_runner import Runner, year_rules
from bot.formatting import format_points
from bot.numbers import format_number
from bot.texts import cli as cli_texts
from bot.texts import cli_scoring as texts

if TYPE_CHECKING:
    from bot.config import Settings
    from bot.scoring.methodology import Criterion, Methodology
    from bot.services.container import Services


def add_commands(
    commands: argparse._SubParsersAction[argparse.ArgumentParser], run: Runner
) -> None:
    """Register the scoring commands; ``run`` opens the services for a command's work."""
    methodology = commands.add_parser("methodology", help=texts.HELP_METHODOLOGY)
    methodology_sub = methodology.add_subparsers(
        dest="action", metavar=cli_texts.METAVAR_ACTION, required=True
    )
    methodology_show = methodology_sub.add_parser("show", help=texts.HELP_METHODOLOGY_SHOW)
    methodology_show.add_argument(
        "--year", type=int, metavar=cli_texts.METAVAR_YEAR, help=texts.HELP_METHODOLOGY_YEAR
    )
    methodology_show.set_defaults(handler=cmd_methodology_show)

    appraise = commands.add_parser("appraise", help=texts.HELP_APPRAISE)
    appraise_sub = appraise.add_subparsers(
        dest="action", metavar=cli_texts.METAVAR_ACTION, required=True
    )
    appraise_import = appraise_sub.add_parser("import", help=texts.HELP_APPRAISE_IMPORT)
    appraise_import.add_argument("file", type=Path, metavar=cli_texts.METAVAR_FILE)
    appraise_import.add_argument(
        "--period", metavar=cli_texts.METAVAR_PERIOD, help=texts.HELP_APPRAISE_PERIOD
    )

    def import_appraisals(settings: Settings, args: argparse.Namespace) -> int:
        return run(settings, lambda services: _import(services, args.file, args.period))

    appraise_import.set_defaults(handler=import_appraisals)


def cmd_methodology_show(settings: Settings, args: argparse.Namespace) -> int:
    # Files alone are enough; no database is opened just to read the criteria.
    print(describe_methodology(year_rules(settings, args.year).methodology), end="")
    return 0


async def _import(services: Services, path: Path, period: str | None) -> int:
    result = await services.appraisal.import_file(path, period=period, actor="cli")
    if not result.ok:
        print_refused_import(texts.APPRAISALS_WHAT, path, result.errors)
        return 1
    units = len({c.unit.code for c in result.changes})
    replaced = sum(1 for c in result.changes if c.before is not None)
    print(
        texts.APPRAISALS_IMPORTED.format(count=len(result.changes), units=units, replaced=replaced)
    )
    print(texts.APPRAISALS_NEXT)
    return 0


def describe_methodology(methodology: Methodology) -> str:
    """The criteria as the office reads them in the plan: headings, points, how scored."""
    out = io.StringIO()
    out.write(
        texts.METHODOLOGY_TITLE.format(
            title=methodology.title, year=methodology.year, version=methodology.version
        )
    )
    for group in methodology.fields:
        total = sum((c.max_points for c in group.criteria), Decimal(0))
        out.write(texts.GROUP.format(title=group.title, points=format_number(total)))
        for criterion in group.criteria:
            top = format_number(criterion.max_points)
            out.write(texts.CRITERION.format(key=criterion.key, title=criterion.title, points=top))
            out.write(texts.CRITERION_ITEMS.format(items=_plan_items(criterion)))
            out.write(texts.CRITERION_BASIS.format(basis=criterion.basis))
            out.write(texts.CRITERION_SOURCE.format(source=texts.SOURCE_NAMES[criterion.source]))
            out.write(texts.CRITERION_HOW.format(how=_how(criterion)))
            out.write(texts.CRITERION_ABSENT.format(absent=_absent(criterion)))
            if criterion.blocks is not None:
                out.write(texts.CRITERION_BLOCKS.format(blocks=", ".join(criterion.blocks)))
    out.write(texts.BLOCK_MAX_HEADING)
    blocks = sorted({b for c in methodology.criteria for b in (c.blocks or ())})
    for block in blocks:
        block_max = sum(
            (c.max_points for c in methodology.criteria if c.applies_to(block)), Decimal(0)
        )
        out.write(texts.BLOCK_MAX.format(block=block, points=format_number(block_max)))
    out.write(texts.BANDS_HEADING)
    for band in methodology.bands:
        out.write(texts.BAND.format(name=band.name, index=format_points(band.min_index)))
    return out.getvalue()


def _plan_items(criterion: Criterion) -> str:
    """The plan's contents a–g the criterion measures, or the office's own rule."""
    if criterion.plan_items:
        items = ", ".join(texts.PLAN_ITEM.format(item=i) for i in criterion.plan_items)
        return texts.PLAN_ITEMS.format(items=items)
    return texts.NOT_PLAN_ITEM


def _absent(criterion: Criterion) -> str:
    """What an absent value means for the criterion: never a gain for the unit."""
    if criterion.source == "appraisal":
        said = texts.ABSENT_APPRAISAL
    elif criterion.source == "self":
        said = texts.ABSENT_SELF
    else:
        said = texts.ABSENT_COMPUTED
    parts = [said]
    if criterion.zero_denominator is not None:
        meaning = texts.ZERO_DENOMINATOR_NAMES[criterion.zero_denominator]
        parts.append(texts.ABSENT_ZERO_DENOMINATOR.format(meaning=meaning))
    if criterion.applies_if is not None:
        parts.append(texts.ABSENT_NOT_APPLIED.format(field=criterion.applies_if))
    if criterion.only_inspected:
        parts.append(texts.ABSENT_NOT_INSPECTED)
    return "; ".join(parts) + "."


def _how(criterion: Criterion) -> str:
    if criterion.source != "computed" or criterion.measure is None:
        if criterion.source == "self":
            return texts.HOW_SELF.format(field=criterion.claim_field)
        return texts.HOW_APPRAISAL
    measure = texts.MEASURE_NAMES.get(criterion.measure, criterion.measure)
    if criterion.measure == "rate":
        what = f"{measure} {' + '.join(criterion.numerator)} ÷ {' + '.join(criterion.denominator)}"
    else:
        what = f"{measure} {criterion.report_field}"
    parts = [what]
    if criterion.target is not None:
        if criterion.measure == "rate":
            target = f"{format_number(criterion.target * 100)}%"
        elif criterion.measure == "percent":
            target = f"{format_number(criterion.target)}%"
        else:
            target = format_number(criterion.target)
        parts.append(texts.HOW_TARGET.format(target=target))
    if criterion.rule == "steps" and criterion.steps:
        rungs = "; ".join(
            texts.HOW_STEP.format(
                at_least=format_number(s.at_least), points=format_number(s.points)
            )
            for s in criterion.steps
        )
        parts.append(texts.HOW_STEPS.format(steps=rungs))
    elif criterion.measure != "yesno":
        parts.append(texts.HOW_PROPORTIONAL)
    return ", ".join(parts) + "."
