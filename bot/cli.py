"""The `cchc-bot` command: what the office's IT contact runs on the server.

Every command reads settings once, opens the database for its own duration and
closes it, so commands can run next to a live bot (SQLite in WAL mode serialises the
writes). Exit codes: 0 done, 1 the request was refused (the message says why),
2 the configuration or the command line is wrong.
"""

from __future__ import annotations

import argparse
import importlib
import io
import json
import logging
import os
import sys
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import TYPE_CHECKING

from bot import (
    cli_desk,
    cli_desk_periods,
    cli_doctor,
    cli_inspections,
    cli_invites,
    cli_scoring,
)
from bot.cli_output import fail, print_refused_import, print_table, write_text
from bot.cli_runner import with_services, year_rules
from bot.csv_cells import CsvCell, SafeCsvWriter
from bot.formatting import format_date, quarter_roman
from bot.numbers import format_number
from bot.texts import cli as texts

if TYPE_CHECKING:
    # Types only: building the parser imports no pydantic model, service or driver
    # (tests/unit/test_cli_imports.py); each command imports what it uses when it runs.
    from bot.config import Settings
    from bot.forms.schema import FieldSpec, FormSpec
    from bot.identity import PlanIdentity
    from bot.services.awards import AwardRule, Candidates, Pick, Reason, UnitFacts
    from bot.services.container import Services

log = logging.getLogger(__name__)

ACTOR = "cli"

Command = Callable[["Settings", argparse.Namespace], int]


# -- entry point -----------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    """Run one command and return its exit code (the console script exits with it)."""
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # --help, or a usage error argparse already explained
        return exc.code if isinstance(exc.code, int) else 0 if exc.code is None else 2
    _configure_logging(verbose=args.verbose, command=args.command)
    overrides: dict[str, object] = {"db_path": args.db} if args.db is not None else {}
    checkup: Callable[[dict[str, object]], int] | None = getattr(args, "checkup", None)
    if checkup is not None:  # `doctor` reads the settings itself: a bad one is a line
        return checkup(overrides)
    command: Command = args.handler
    from bot.config import SettingsError, load_settings
    from bot.forms.schema import FormError
    from bot.scoring.methodology import MethodologyError

    try:
        settings = load_settings(**overrides)
        return command(settings, args)
    except (SettingsError, FormError, MethodologyError) as exc:
        print(texts.CONFIG_ERROR.format(error=exc), file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # `cchc-bot units list | head`: the reader left; say nothing more, and keep
        # Python from complaining again when it flushes stdout at exit.
        _silence_stdout()
        return 1


def _silence_stdout() -> None:
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, io.UnsupportedOperation):
        pass


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="cchc-bot",
        description=texts.DESCRIPTION,
    )
    parser.add_argument("--db", type=Path, metavar="PATH", help=texts.HELP_DB)
    parser.add_argument("-v", "--verbose", action="store_true", help=texts.HELP_VERBOSE)
    commands = parser.add_subparsers(dest="command", metavar=texts.METAVAR_COMMAND, required=True)

    units = commands.add_parser("units", help=texts.HELP_UNITS)
    units_sub = units.add_subparsers(dest="action", metavar=texts.METAVAR_ACTION, required=True)
    units_import = units_sub.add_parser("import", help=texts.HELP_UNITS_IMPORT)
    units_import.add_argument("file", type=Path, metavar="FILE")
    units_import.set_defaults(handler=cmd_units_import)
    units_sub.add_parser("list", help=texts.HELP_UNITS_LIST).set_defaults(handler=cmd_units_list)

    blocks = commands.add_parser("blocks", help=texts.HELP_BLOCKS)
    blocks_sub = blocks.add_subparsers(dest="action", metavar=texts.METAVAR_ACTION, required=True)
    blocks_sub.add_parser("list", help=texts.HELP_BLOCKS_LIST).set_defaults(
        handler=cmd_blocks_list
    )
    blocks_add = blocks_sub.add_parser("add", help=texts.HELP_BLOCKS_ADD)
    blocks_add.add_argument("code", metavar="CODE")
    blocks_add.add_argument("name", metavar=texts.METAVAR_BLOCK_NAME)
    blocks_add.set_defaults(handler=cmd_blocks_add)

    cli_invites.add_commands(commands)

    form = commands.add_parser("form", help=texts.HELP_FORM)
    form_sub = form.add_subparsers(dest="action", metavar=texts.METAVAR_ACTION, required=True)
    form_show = form_sub.add_parser("show", help=texts.HELP_FORM_SHOW)
    form_show.add_argument("--json", action="store_true", help=texts.HELP_FORM_JSON)
    form_show.add_argument(
        "--year", type=int, metavar=texts.METAVAR_YEAR, help=texts.HELP_FORM_YEAR
    )
    form_show.set_defaults(handler=cmd_form_show)

    cli_scoring.add_commands(commands, _with_services)

    cli_desk.add_commands(commands, _with_services)
    cli_desk_periods.add_commands(commands, _with_services)
    cli_inspections.add_commands(commands, _with_services)

    awards = commands.add_parser(
        "awards",
        help=texts.HELP_AWARDS,
        description=texts.DESCRIPTION_AWARDS,
    )
    awards.add_argument(
        "--year", type=int, required=True, metavar=texts.METAVAR_YEAR, help=texts.HELP_AWARDS_YEAR
    )
    awards.add_argument("--format", choices=("text", "csv"), default="text")
    awards.add_argument("--output", type=Path, metavar="FILE", help=texts.HELP_OUTPUT_STDOUT)
    awards.set_defaults(handler=cmd_awards)

    commands.add_parser("run", help=texts.HELP_RUN).set_defaults(handler=cmd_run)
    cli_doctor.add_commands(commands)

    demo = commands.add_parser("demo", help=texts.HELP_DEMO)
    demo.add_argument("--as", dest="role", choices=("head", "office"), default="head")
    demo.set_defaults(handler=cmd_demo)
    return parser


def _configure_logging(*, verbose: bool, command: str) -> None:
    # A running bot should say what it does; one-shot commands only speak up on trouble.
    level = logging.INFO if verbose or command == "run" else logging.WARNING
    logging.basicConfig(format="%(asctime)s %(levelname)s %(name)s: %(message)s", level=level)
    logging.getLogger("httpx").setLevel(logging.WARNING)  # one line per request otherwise


def _with_services(settings: Settings, work: Callable[[Services], Awaitable[int]]) -> int:
    return with_services(settings, work)


# -- units and blocks ------------------------------------------------------------------


def cmd_units_import(settings: Settings, args: argparse.Namespace) -> int:
    path: Path = args.file

    async def work(services: Services) -> int:
        result = await services.roster.import_file(path, actor=ACTOR)
        if not result.ok:
            print_refused_import(texts.ROSTER_WHAT, path, result.errors)
            return 1
        print(
            texts.UNITS_IMPORTED.format(
                total=result.total,
                added=result.added,
                updated=result.updated,
                unchanged=result.unchanged,
            )
        )
        return 0

    return _with_services(settings, work)


def cmd_units_list(settings: Settings, args: argparse.Namespace) -> int:
    async def work(services: Services) -> int:
        units = await services.roster.list_units()
        if not units:
            print(texts.NO_UNITS)
            return 0
        rows = [[u.code, u.name, u.block, u.district] for u in units]
        print_table(texts.UNITS_COLUMNS, rows)
        print(texts.UNITS_TOTAL.format(count=len(units)))
        return 0

    return _with_services(settings, work)


def cmd_blocks_list(settings: Settings, args: argparse.Namespace) -> int:
    async def work(services: Services) -> int:
        roster = services.roster
        blocks = await roster.list_blocks()
        counts: dict[str, int] = {}
        for unit in await roster.list_units():
            counts[unit.block] = counts.get(unit.block, 0) + 1
        rows = [[str(b.position), b.code, b.name, str(counts.get(b.code, 0))] for b in blocks]
        print_table(texts.BLOCKS_COLUMNS, rows)
        return 0

    return _with_services(settings, work)


def cmd_blocks_add(settings: Settings, args: argparse.Namespace) -> int:
    from bot.services.roster import RosterError

    async def work(services: Services) -> int:
        roster = services.roster
        try:
            block, is_new = await roster.add_block(args.code, args.name, actor=ACTOR)
        except RosterError as exc:
            return fail(str(exc))
        if is_new:
            print(
                texts.BLOCK_ADDED.format(code=block.code, name=block.name, position=block.position)
            )
        else:
            print(texts.BLOCK_RENAMED.format(code=block.code, name=block.name))
        return 0

    return _with_services(settings, work)


# -- the form --------------------------------------------------------------------------


def cmd_form_show(settings: Settings, args: argparse.Namespace) -> int:
    # The form file alone is enough; no database is created just to look at it.
    form = year_rules(settings, args.year).form
    if args.json:
        print(json.dumps(form.as_public_json(), ensure_ascii=False, indent=2))
    else:
        print(describe_form(form), end="")
    return 0


def describe_form(form: FormSpec) -> str:
    """The form as a numbered list the office can proofread against its paper form."""
    out = io.StringIO()
    out.write(texts.FORM_TITLE.format(title=form.title, version=form.version))
    out.write(texts.FORM_COUNT.format(count=len(form.fields)))
    number = 0
    for section in form.sections:
        out.write(f"\n{section.title}\n")
        for spec in section.fields:
            number += 1
            required = texts.FORM_REQUIRED if spec.required else texts.FORM_OPTIONAL
            out.write(f"  {number}. {spec.label}\n")
            out.write(f"     [{spec.key}] {_describe_type(spec)}; {required}\n")
    return out.getvalue()


def _describe_type(spec: FieldSpec) -> str:
    kind = texts.TYPE_NAMES[spec.type]
    if spec.type in {"integer", "decimal", "percent"}:
        upper = spec.upper_bound
        low = format_number(spec.lower_bound)
        return texts.TYPE_FROM.format(kind=kind, low=low) + (
            texts.TYPE_TO.format(high=format_number(upper)) if upper is not None else ""
        )
    if spec.type == "choice":
        return f"{kind}: " + "; ".join(f"{c.key} = {c.label}" for c in spec.choices)
    if spec.type == "text":
        return texts.TYPE_TEXT.format(kind=kind, limit=format_number(spec.text_limit))
    if spec.type == "file":
        exts = ", ".join(e.upper() for e in spec.accept)
        return texts.TYPE_FILE.format(kind=kind, exts=exts, size=spec.max_size_mb)
    return kind


# -- awards ----------------------------------------------------------------------------


def cmd_awards(settings: Settings, args: argparse.Namespace) -> int:
    """`cchc-bot awards --year Y [--format csv]`: the year's candidates and their numbers.

    CSV is UTF-8 with a BOM (Excel opens it with the right diacritics) and plain numbers
    ("74.28"), one row per candidate, then the leaders a condition excluded with why;
    every row carries the plan's sentence it was judged by.
    """
    year: int = args.year
    if not 2000 <= year <= 2100:
        return fail(texts.AWARDS_BAD_YEAR.format(year=year))
    found: list[Candidates] = []

    async def work(services: Services) -> int:
        found.append(await services.awards.candidates(year))
        return 0

    code = _with_services(settings, work)
    if code != 0:
        return code
    candidates = found[0]
    identity = settings.identity
    if args.format == "csv":
        buffer = io.StringIO()
        SafeCsvWriter(buffer).writerows([texts.AWARD_COLUMNS, *award_rows(candidates, identity)])
        text, bom = buffer.getvalue(), True
    else:
        text, bom = describe_awards(candidates, identity), False
    if args.output is None:
        write_text(sys.stdout, text, bom=bom)
        return 0
    try:
        with args.output.open("w", encoding="utf-8", newline="") as handle:
            write_text(handle, text, bom=bom)
    except OSError as exc:
        return fail(texts.CANNOT_WRITE.format(path=args.output, reason=exc.strerror or exc))
    print(texts.AWARDS_WRITTEN.format(year=year, path=args.output))
    return 0


def _dossier_cells(c: Candidates, unit_code: str) -> list[str]:
    from bot.services.awards import DOCUMENT_KINDS, DOCUMENT_TITLES

    missing = c.missing_documents(unit_code)
    if missing is None:
        return [texts.DOSSIER_NOT_PROPOSED, ""]
    return [
        f"{len(DOCUMENT_KINDS) - len(missing)}/{len(DOCUMENT_KINDS)}",
        "; ".join(DOCUMENT_TITLES[k] for k in missing),
    ]


def award_reason(reason: Reason, f: UnitFacts, rule: AwardRule) -> str:
    """Why a leader of the Khối is not a candidate, in plain text."""
    from bot.services.awards import format_share

    if reason == "band_low":
        return texts.REASON_BAND_LOW.format(band=f.band, min_band=rule.min_band)
    if reason == "online_low":
        share = format_share(f.share) if f.share is not None else "—"
        return texts.REASON_ONLINE_LOW.format(
            share=share, online=format_number(f.online), submitted=format_number(f.submitted)
        )
    if reason == "no_procedures":
        return texts.REASON_NO_PROCEDURES
    quarters = ", ".join(quarter_roman(q) for q in f.missing)
    return texts.REASON_OLD_FORM.format(quarters=quarters)


def award_rows(c: Candidates, identity: PlanIdentity) -> list[list[CsvCell]]:
    """One row per candidate, in the plan's order, then the excluded leaders.

    Numbers stay numbers (None: an empty cell), so the CSV writer writes them plain and
    quotes only the text, which holds names that units and people typed themselves.
    """
    from bot.services.awards import UnitFacts, plan_sentence

    rows: list[list[CsvCell]] = []
    department = identity.department

    def add(
        category: str,
        pick: Pick | None,
        facts: UnitFacts,
        *,
        person: str = "",
        excluded: str = "",
        why: str = "",
        plan: str,
    ) -> None:
        procedures = facts.index is not None and category in {"unit", "head", "passed"}
        rows.append(
            [
                texts.AWARD_CATEGORIES[category],
                pick.position if pick else None,
                texts.AWARD_TIED_CELL if pick and pick.tied else "",
                facts.unit.code,
                facts.unit.name,
                facts.unit.block,
                person,
                facts.index,
                facts.band or "",
                facts.rank,
                facts.ranked if facts.index is not None else None,
                facts.submitted if procedures and facts.has_procedure_data else None,
                facts.online if procedures and facts.has_procedure_data else None,
                facts.share if procedures else None,
                facts.quarters if procedures else None,
                excluded,
                why,
                *_dossier_cells(c, facts.unit.code),
                plan_sentence(plan, department),
            ]
        )

    for pick in c.units:
        add("unit", pick, pick.facts, plan="unit")
    for head in c.heads:
        add("head", head.pick, head.pick.facts, person=", ".join(head.heads), plan="head")
    for pick in c.divisions:
        add("division", pick, pick.facts, plan="division")
    for nominee in c.persons:
        unit = c.units_by_code[nominee.unit_code]
        facts = UnitFacts(unit=unit, index=None, band=None, rank=None, ranked=0)
        add("person", None, facts, person=nominee.full_name, why=nominee.reason, plan="person")
    for passed in c.passed_over:
        reasons = "; ".join(award_reason(r, passed.facts, c.rule) for r in passed.reasons)
        add("passed", None, passed.facts, excluded=reasons, plan="unit")
    return rows


def describe_awards(c: Candidates, identity: PlanIdentity) -> str:
    """The candidates as plain text for the terminal."""
    from bot.services.awards import format_share, plan_sentence

    department = identity.department
    lines = [
        texts.AWARDS_TITLE.format(year=c.year),
        texts.AWARDS_PLAN.format(plan=identity.plan),
        texts.AWARDS_DUE.format(due=format_date(c.due)),
    ]
    if not c.published:
        lines.append(texts.AWARDS_NOT_PUBLISHED.format(year=c.year))
    if c.unknown_blocks:
        lines.append(texts.AWARDS_UNKNOWN_BLOCKS.format(blocks=", ".join(c.unknown_blocks)))

    def numbers(f: UnitFacts) -> str:
        assert f.index is not None
        share = format_share(f.share) + "%" if f.share is not None else "—"
        procedures = (
            texts.AWARDS_PROCEDURES.format(
                online=format_number(f.online), submitted=format_number(f.submitted), share=share
            )
            if f.has_procedure_data
            else texts.AWARDS_NO_PROCEDURE_DATA
        )
        return texts.AWARDS_NUMBERS.format(
            index=format_number(f.index),
            band=f.band,
            rank=f.rank,
            ranked=f.ranked,
            procedures=procedures,
        )

    def dossier(code: str) -> str:
        state, missing = _dossier_cells(c, code)
        return texts.AWARDS_DOSSIER.format(state=state) + (
            texts.AWARDS_DOSSIER_MISSING.format(missing=missing) if missing else ""
        )

    def tied(pick: Pick) -> str:
        return texts.AWARDS_TIED if pick.tied else ""

    def quote(kind: str) -> str:
        return texts.AWARDS_QUOTE.format(sentence=plan_sentence(kind, department))

    khoi = ", ".join(b.name for b in c.award_blocks) or texts.AWARDS_NO_BLOCKS
    sections: list[tuple[str, list[str]]] = [
        (
            texts.AWARDS_UNITS_TITLE,
            [
                quote("unit"),
                texts.AWARDS_UNITS_RULE.format(blocks=khoi, min_band=c.rule.min_band),
            ]
            + [
                texts.AWARDS_UNIT_PICK.format(
                    position=p.position,
                    name=p.facts.unit.name,
                    code=p.facts.unit.code,
                    tied=tied(p),
                    numbers=numbers(p.facts),
                    dossier=dossier(p.facts.unit.code),
                )
                for p in c.units
            ]
            + ([texts.AWARDS_NONE_ELIGIBLE] if not c.units else [])
            + [
                texts.AWARDS_PASSED_OVER.format(
                    name=x.facts.unit.name,
                    code=x.facts.unit.code,
                    rank=x.facts.rank,
                    index=format_number(x.facts.index or 0),
                    reasons="; ".join(award_reason(r, x.facts, c.rule) for r in x.reasons),
                )
                for x in c.passed_over
            ],
        ),
        (
            texts.AWARDS_HEADS_TITLE,
            [quote("head")]
            + [
                texts.AWARDS_HEAD_PICK.format(
                    position=h.pick.position,
                    name=h.pick.facts.unit.name,
                    code=h.pick.facts.unit.code,
                    tied=tied(h.pick),
                    heads=", ".join(h.heads) or texts.AWARDS_NO_HEAD,
                )
                for h in c.heads
            ]
            + ([texts.AWARDS_NONE] if not c.heads else []),
        ),
        (
            texts.AWARDS_DIVISIONS_TITLE.format(bands=", ".join(c.good_bands)),
            [quote("division")]
            + [
                texts.AWARDS_DIVISION_PICK.format(
                    position=p.position,
                    name=p.facts.unit.name,
                    code=p.facts.unit.code,
                    tied=tied(p),
                    index=format_number(p.facts.index or 0),
                    band=p.facts.band,
                    rank=p.facts.rank,
                    ranked=p.facts.ranked,
                    dossier=dossier(p.facts.unit.code),
                )
                for p in c.divisions
            ]
            + ([texts.AWARDS_NONE] if not c.divisions else []),
        ),
        (
            texts.AWARDS_PERSONS_TITLE,
            [quote("person")]
            + [
                texts.AWARDS_PERSON.format(
                    id=n.id,
                    name=n.full_name,
                    unit=c.units_by_code[n.unit_code].name,
                    reason=n.reason,
                    dossier=dossier(n.unit_code),
                )
                for n in c.persons
            ]
            + ([texts.AWARDS_NONE] if not c.persons else []),
        ),
    ]
    for title, body in sections:
        lines += ["", title, *body]
    return "\n".join(lines) + "\n"


# -- running the bot -------------------------------------------------------------------


def cmd_run(settings: Settings, args: argparse.Namespace) -> int:
    settings.token()  # a missing token is a configuration error, said in one line
    from bot.app import run_polling  # imported here: other commands need no Telegram stack

    run_polling(settings)
    return 0


def cmd_demo(settings: Settings, args: argparse.Namespace) -> int:
    try:
        demo = importlib.import_module("bot.demo")
    except ModuleNotFoundError as exc:
        # The stand-in's web server (aiohttp) is the optional extra "demo": a bot installed
        # to run for real does not carry it.
        if exc.name is not None and exc.name.split(".")[0] == "aiohttp":
            return fail(texts.DEMO_NEEDS_AIOHTTP)
        if exc.name != "bot.demo":
            raise
        return fail(texts.DEMO_MISSING)
    demo.run_demo(settings, role=args.role, db_path=args.db)
    return 0


# -- output helpers --------------------------------------------------------------------


if __name__ == "__main__":
    sys.exit(main())
