"""Command-line commands for invites: `cchc-bot invite UNIT | --all | --revoke | --list`.

Kept apart from bot/cli.py so the group reads on its own; cli.py calls
:func:`add_commands` while building its parser. Invites need the database and the
registration service only, so these commands open just those (:func:`run_invites`)
instead of every service: `cchc-bot invite UNIT` starts in a fraction of a second, and
matplotlib, the exports and python-docx are never loaded for it.

`invite --all` makes many invites in one go, each through the same service call as a
single invite (one transaction and one audit entry per unit), and writes them to a CSV
for mail merge or a DOCX with one printable page per unit. If anything fails before the
file is written, the invites made so far are revoked again: a code nobody can read
must not stay valid.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import io
import logging
import os
import sys
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from bot.cli_output import fail, print_table
from bot.cli_runner import open_database
from bot.csv_cells import SafeCsvWriter
from bot.formatting import format_date, format_datetime
from bot.texts import cli as cli_texts
from bot.texts import cli_invites as texts
from bot.texts.invites import ROLE_NAMES

if TYPE_CHECKING:
    from bot.clock import Clock
    from bot.config import Settings
    from bot.domain.models import Invite, Role
    from bot.services.office import OfficeService
    from bot.services.registration import NewInvite, RegistrationService
    from bot.services.roster import RosterService
    from storage.database import Database

log = logging.getLogger(__name__)

ACTOR = "cli"
OUTPUT_KINDS = (".csv", ".docx")
# Plain ASCII names: Word's and LibreOffice's mail merge turn them into merge fields.
CSV_COLUMNS = ("unit_code", "unit_name", "block", "role", "code", "link", "expires_at")


# -- the few services invites need ------------------------------------------------------


@dataclass(slots=True)
class InviteServices:
    """The database and the services an invite command uses, and nothing else."""

    settings: Settings
    db: Database
    clock: Clock
    registration: RegistrationService
    roster: RosterService
    office: OfficeService


def run_invites(settings: Settings, work: Callable[[InviteServices], Awaitable[int]]) -> int:
    """Open the database for ``work`` with the invite services, then close it."""
    from bot.clock import utc_now
    from bot.services.office import OfficeService
    from bot.services.registration import RegistrationService
    from bot.services.roster import RosterService
    from storage.database import Database

    async def go() -> int:
        db = Database(settings.db_path)
        try:
            await open_database(db, settings)
            services = InviteServices(
                settings=settings,
                db=db,
                clock=utc_now,
                registration=RegistrationService(
                    db, utc_now, office_ids=settings.office_ids, ttl=settings.invite_ttl
                ),
                roster=RosterService(db, utc_now),
                office=OfficeService(db),
            )
            return await work(services)
        finally:
            await db.close()

    return asyncio.run(go())


# -- the command line ------------------------------------------------------------------


def add_commands(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Register `invite`."""
    invite = commands.add_parser(
        "invite",
        help=texts.HELP_INVITE,
        description=texts.DESCRIPTION_INVITE,
    )
    invite.add_argument("unit_code", nargs="?", metavar="UNIT_CODE")
    invite.add_argument("--role", choices=("head", "reporter"), default="head")
    mode = invite.add_mutually_exclusive_group()
    mode.add_argument("--revoke", metavar="CODE_OR_ID", help=texts.HELP_REVOKE)
    mode.add_argument("--list", action="store_true", help=texts.HELP_LIST)
    mode.add_argument("--all", action="store_true", help=texts.HELP_ALL)
    invite.add_argument("--block", metavar=cli_texts.METAVAR_BLOCK, help=texts.HELP_BLOCK)
    invite.add_argument("--output", type=Path, metavar="FILE", help=texts.HELP_OUTPUT)
    invite.add_argument("--force", action="store_true", help=texts.HELP_FORCE)
    invite.set_defaults(handler=cmd_invite)


def cmd_invite(settings: Settings, args: argparse.Namespace) -> int:
    if args.all:
        return _invite_all(settings, args)
    if args.block is not None or args.output is not None or args.force:
        return _usage(texts.ONLY_WITH_ALL)
    if args.revoke is None and not args.list and not args.unit_code:
        return _usage(texts.UNIT_NEEDED)
    if args.revoke is not None:
        return run_invites(settings, lambda s: _revoke_invite(s, args.revoke))
    if args.list:
        return run_invites(settings, lambda s: _list_invites(s, args.unit_code))
    return run_invites(settings, lambda s: _create_invite(s, args.unit_code, args.role))


def _usage(message: str) -> int:
    print(message, file=sys.stderr)
    return 2


# -- one unit --------------------------------------------------------------------------


async def _create_invite(services: InviteServices, unit_code: str, role: Role) -> int:
    from bot.services.registration import UnknownUnitError

    try:
        new = await services.registration.create_invite(unit_code, role, created_by=ACTOR)
    except UnknownUnitError:
        return fail(texts.UNKNOWN_UNIT.format(unit=unit_code))
    settings = services.settings
    username = await resolve_bot_username(settings)
    print(texts.CREATED.format(code=new.unit.code, name=new.unit.name))
    print(texts.CREATED_ROLE.format(role=ROLE_NAMES[new.invite.role]))
    print(texts.CREATED_CODE.format(code=new.code))
    print(texts.CREATED_EXPIRES.format(expires=local_time(new.invite.expires_at, settings)))
    link = invite_link(username or texts.LINK_PLACEHOLDER, new.code)
    print(texts.CREATED_LINK.format(link=link))
    print(texts.CREATED_SINGLE_USE)
    if username is None:
        print(texts.NO_BOT_NAME.format(placeholder=texts.LINK_PLACEHOLDER), file=sys.stderr)
    return 0


def invite_link(bot_username: str, code: str) -> str:
    """The t.me link that opens the bot and sends it ``/start CODE``: Telegram's own
    helper builds it (and refuses a code that is not a valid deep-link payload)."""
    from telegram.helpers import create_deep_linked_url  # the Telegram stack: only here

    return create_deep_linked_url(bot_username, code)


async def resolve_bot_username(settings: Settings) -> str | None:
    """The bot's @username for t.me links: from settings, else asked of Telegram (getMe).

    None when neither works; creating the invite must not fail because Telegram is
    unreachable from the office's server.
    """
    if settings.bot_username and settings.bot_username.strip().lstrip("@"):
        return settings.bot_username.strip().lstrip("@")
    if settings.bot_token is None or not settings.bot_token.get_secret_value().strip():
        return None
    from telegram import Bot  # imported here: only this path talks to Telegram
    from telegram.error import TelegramError

    try:
        async with Bot(settings.token(), base_url=settings.api_base_url) as bot:
            return bot.username
    except TelegramError as exc:
        log.warning("getMe failed, the invite link has no bot name: %s", exc)
        return None


async def _revoke_invite(services: InviteServices, code_or_id: str) -> int:
    invite = await services.registration.revoke(code_or_id, actor=ACTOR)
    if invite is None:
        return fail(texts.NOT_REVOKABLE.format(code=code_or_id))
    print(texts.REVOKED.format(id=invite.id, unit=invite.unit_code, role=ROLE_NAMES[invite.role]))
    return 0


async def _list_invites(services: InviteServices, unit_code: str | None) -> int:
    if unit_code is not None and await services.office.unit(unit_code) is None:
        return fail(cli_texts.UNKNOWN_UNIT.format(unit=unit_code))
    found = await services.registration.list_invites(unit_code)
    if not found:
        print(texts.NO_INVITES)
        return 0
    now = services.clock()
    settings = services.settings
    rows = [
        [
            str(invite.id),
            invite.unit_code,
            ROLE_NAMES[invite.role],
            local_time(invite.created_at, settings),
            local_time(invite.expires_at, settings),
            invite_status(invite, now),
        ]
        for invite in found
    ]
    print_table(texts.LIST_COLUMNS, rows)
    return 0


def invite_status(invite: Invite, now: datetime) -> str:
    """In the order that decides: a used or revoked code stays so after it expires."""
    if invite.revoked_at is not None:
        return texts.STATUS_REVOKED
    if invite.used_at is not None:
        return texts.STATUS_USED
    if now >= invite.expires_at:
        return texts.STATUS_EXPIRED
    return texts.STATUS_LIVE


def local_time(moment: datetime, settings: Settings) -> str:
    """dd/mm/yyyy HH:MM in the office's time zone (Asia/Ho_Chi_Minh unless configured)."""
    local = moment.astimezone(settings.tz)
    return f"{format_date(local)} {local:%H:%M}"


# -- many units ------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Batch:
    """What `invite --all` made and left out, for the file and the summary."""

    made: list[NewInvite]
    skipped: int  # units that already have a head bound (role head, without --force)
    pending: int  # units among ``made`` that already had a valid invite of the role


def _invite_all(settings: Settings, args: argparse.Namespace) -> int:
    if args.unit_code is not None:
        return _usage(texts.ALL_WITH_UNIT)
    output: Path | None = args.output
    if output is None:
        return _usage(texts.OUTPUT_NEEDED)
    kind = output.suffix.lower()
    if kind not in OUTPUT_KINDS:
        return _usage(texts.OUTPUT_KIND.format(name=output.name))
    if not output.parent.is_dir():
        return fail(texts.NO_FOLDER.format(path=output, folder=output.parent))
    if args.force and args.role != "head":
        return _usage(texts.FORCE_HEAD_ONLY)
    # The bot's name first: a file of links with a blank where the bot goes is no use,
    # and once made, invites must not wait on Telegram.
    username = asyncio.run(resolve_bot_username(settings))
    if username is None:
        return fail(texts.NO_BOT_NAME_ALL)
    role: Role = args.role

    async def work(services: InviteServices) -> int:
        units = await services.roster.list_units()
        block: str | None = args.block
        if block is not None:
            blocks = await services.roster.list_blocks()
            known = {b.code.casefold(): b.code for b in blocks}
            if block.casefold() not in known:
                names = ", ".join(b.code for b in blocks) or texts.NO_BLOCKS
                return fail(texts.UNKNOWN_BLOCK.format(block=block, names=names))
            block = known[block.casefold()]
            units = [u for u in units if u.block == block]
        if not units:
            return fail(cli_texts.NO_UNITS)
        bound: set[str] = set()
        if role == "head" and not args.force:
            members = await services.office.members_by_unit()
            bound = {
                code for code, people in members.items() if any(m.role == "head" for m in people)
            }
        chosen = [u for u in units if u.code not in bound]
        skipped = len(units) - len(chosen)
        if not chosen:
            print(texts.ALL_BOUND.format(count=skipped))
            return 0
        now = services.clock()
        live = {
            i.unit_code
            for i in await services.registration.list_invites()
            if i.role == role and invite_status(i, now) == texts.STATUS_LIVE
        }
        made: list[NewInvite] = []
        try:
            for unit in chosen:
                made.append(
                    await services.registration.create_invite(unit.code, role, created_by=ACTOR)
                )
            content = _render(kind, made, settings, username)
            _write_private(output, content)
        except BaseException as exc:
            await _take_back(services, made)
            if isinstance(exc, OSError):
                return fail(
                    texts.WRITE_FAILED_REVOKED.format(path=output, reason=exc.strerror or exc)
                )
            raise
        _summary(
            Batch(made=made, skipped=skipped, pending=len(live & {u.code for u in chosen})),
            role=role,
            block=block,
            output=output,
            settings=settings,
        )
        return 0

    return run_invites(settings, work)


async def _take_back(services: InviteServices, made: Sequence[NewInvite]) -> None:
    """Revoke what a failed batch made: nobody will ever see those codes."""
    for new in made:
        with contextlib.suppress(Exception):  # best effort; the first error is the story
            await services.registration.revoke(new.code, actor=ACTOR)


def _render(kind: str, made: Sequence[NewInvite], settings: Settings, username: str) -> bytes:
    if kind == ".csv":
        return invites_csv(made, settings, username).encode("utf-8")
    from bot.invite_sheets import InviteSheet, render_invite_sheets  # python-docx, segno

    sheets = [
        InviteSheet(
            unit_code=new.unit.code,
            unit_name=new.unit.name,
            role=ROLE_NAMES[new.invite.role],
            code=new.code,
            link=invite_link(username, new.code),
            expires=format_datetime(new.invite.expires_at, settings.tz),
        )
        for new in made
    ]
    return render_invite_sheets(sheets, identity=settings.identity, bot_username=username)


def invites_csv(made: Sequence[NewInvite], settings: Settings, username: str) -> str:
    """The batch as CSV for mail merge, with a UTF-8 BOM as every CSV we write for Excel."""
    out = io.StringIO()
    writer = SafeCsvWriter(out)
    writer.writerow(CSV_COLUMNS)
    for new in made:
        writer.writerow(
            [
                new.unit.code,
                new.unit.name,
                new.unit.block,
                ROLE_NAMES[new.invite.role],
                new.code,
                invite_link(username, new.code),
                local_time(new.invite.expires_at, settings),
            ]
        )
    return "\ufeff" + out.getvalue()


def _write_private(path: Path, content: bytes) -> None:
    """Write the file whole or not at all, readable by its owner only: it holds live
    codes. A temporary file beside it is renamed over it at the end."""
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        handle = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(handle, "wb") as out:
            out.write(content)
        os.replace(temporary, path)
    finally:
        with contextlib.suppress(FileNotFoundError):
            temporary.unlink()


def _summary(
    batch: Batch, *, role: Role, block: str | None, output: Path, settings: Settings
) -> None:
    where = texts.OF_BLOCK.format(block=block) if block is not None else ""
    print(
        texts.BATCH_MADE.format(
            count=len(batch.made), role=ROLE_NAMES[role], where=where, path=output
        )
    )
    if batch.skipped:
        print(texts.BATCH_SKIPPED.format(count=batch.skipped))
    expires = local_time(batch.made[0].invite.expires_at, settings)
    print(texts.BATCH_SINGLE_USE.format(expires=expires))
    if batch.pending:
        print(texts.BATCH_PENDING.format(count=batch.pending), file=sys.stderr)
    print(texts.BATCH_KEEP_SAFE)
