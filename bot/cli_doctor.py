"""`cchc-bot doctor`: is this installation ready to run? One line per check.

The office's IT contact runs it after installing, after changing `.env` and before
calling for help: settings, the bot token (Telegram's getMe), the database (integrity,
schema migrations), the office's accounts, and the form and methodology files of each
year. Each line starts with a mark:

- ✓ fine;
- ✗ broken: the bot will not work as expected (the exit code is then 1);
- ⚠ works now, but needs attention soon (next quarter's files missing, a database the
  bot will migrate when it starts);
- – not checked, and why (no token set).

Nothing is changed: the database is opened read-only and never migrated here.
"""

from __future__ import annotations

import argparse
import asyncio
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from bot.clock import Clock, utc_now
from bot.formatting import period_label
from bot.texts import cli_doctor as texts

if TYPE_CHECKING:
    from bot.config import Settings

Mark = Literal["ok", "fail", "warn", "skip"]
MARKS: dict[Mark, str] = {"ok": "✓", "fail": "✗", "warn": "⚠", "skip": "–"}
GETME_TIMEOUT = 5.0  # seconds: a doctor that hangs on a dead network helps nobody


def add_commands(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Register `doctor`; it reads the settings itself, so a broken `.env` is a line."""
    doctor = commands.add_parser(
        "doctor",
        help=texts.HELP_DOCTOR,
        description=texts.DESCRIPTION_DOCTOR,
    )
    doctor.set_defaults(checkup=cmd_doctor)


def cmd_doctor(overrides: dict[str, object]) -> int:
    return asyncio.run(checkup(overrides))


@dataclass(slots=True)
class Report:
    """The lines printed so far; printed at once so a slow check shows where it is."""

    say: Callable[[str], None] = print
    failed: int = 0
    lines: list[tuple[Mark, str]] = field(default_factory=list)

    def add(self, mark: Mark, text: str) -> None:
        self.lines.append((mark, text))
        self.failed += mark == "fail"
        self.say(f"{MARKS[mark]} {text}")


async def checkup(overrides: dict[str, object], *, clock: Clock = utc_now) -> int:
    """Run every check, print one line each; 0 when nothing is broken, else 1."""
    from bot.config import SettingsError, load_settings

    report = Report()
    try:
        settings = load_settings(**overrides)
    except SettingsError as exc:
        report.add("fail", texts.SETTINGS_BAD.format(error=exc))
        return 1
    report.add("ok", texts.SETTINGS_OK.format(db=settings.db_path, timezone=settings.timezone))
    await check_token(settings, report)
    check_database(settings.db_path, report)
    check_office(settings, report)
    check_rules(settings, report, clock=clock)
    report.say(
        texts.RESULT_OK if report.failed == 0 else texts.RESULT_FAILED.format(count=report.failed)
    )
    return 1 if report.failed else 0


async def check_token(settings: Settings, report: Report) -> None:
    """getMe against the configured Bot API: the token works and names the bot we expect."""
    if settings.bot_token is None or not settings.bot_token.get_secret_value().strip():
        report.add("skip", texts.GETME_UNSET)
        return
    from telegram import Bot
    from telegram.error import InvalidToken, NetworkError, TelegramError
    from telegram.request import HTTPXRequest

    request = HTTPXRequest(
        connect_timeout=GETME_TIMEOUT, read_timeout=GETME_TIMEOUT, write_timeout=GETME_TIMEOUT
    )
    bot = Bot(settings.token(), base_url=settings.api_base_url, request=request)
    where = settings.api_base_url
    try:
        async with bot:
            name, bot_id = bot.username, bot.id
    except InvalidToken:
        report.add("fail", texts.GETME_REFUSED.format(where=where))
        return
    except NetworkError as exc:
        report.add("fail", texts.GETME_NO_NETWORK.format(where=where, error=exc))
        return
    except TelegramError as exc:
        report.add("fail", texts.GETME_FAILED.format(error=exc))
        return
    configured = (settings.bot_username or "").strip().lstrip("@")
    if configured and configured.casefold() != name.casefold():
        report.add("fail", texts.GETME_OTHER_BOT.format(name=name, configured=configured))
        return
    report.add("ok", texts.GETME_OK.format(name=name, bot_id=bot_id))


def check_database(path: Path, report: Report) -> None:
    """Read-only: the file is a sound SQLite database at a schema this version knows."""
    from storage.database import migrations

    if not path.exists():
        report.add("fail", texts.DB_MISSING.format(path=path))
        return
    available = migrations()
    latest = available[-1][0] if available else 0
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
        try:
            problems = [str(row[0]) for row in conn.execute("PRAGMA integrity_check")]
            applied = int(conn.execute("PRAGMA user_version").fetchone()[0])
            units = _count(conn, "units") if applied else None
        finally:
            conn.close()
    except sqlite3.Error as exc:
        report.add("fail", texts.DB_UNREADABLE.format(path=path, error=exc))
        return
    if problems != ["ok"]:
        shown = "; ".join(problems[:3]) + ("; …" if len(problems) > 3 else "")
        report.add("fail", texts.DB_CORRUPT.format(path=path, problems=shown))
        return
    pending = [name for version, name, _ in available if version > applied]
    held = texts.DB_UNITS.format(count=units) if units is not None else texts.DB_EMPTY
    if applied > latest:
        report.add("fail", texts.DB_TOO_NEW.format(path=path, applied=applied, latest=latest))
    elif pending:
        report.add(
            "warn",
            texts.DB_PENDING.format(
                path=path, held=held, count=len(pending), names=", ".join(pending)
            ),
        )
    else:
        report.add(
            "ok",
            texts.DB_OK.format(path=path, held=held, count=len(available), applied=applied),
        )


def _count(conn: sqlite3.Connection, table: str) -> int | None:
    try:
        return int(conn.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0])
    except sqlite3.Error:
        return None


def check_office(settings: Settings, report: Report) -> None:
    ids = sorted(settings.office_ids)
    if not ids:
        report.add("fail", texts.OFFICE_UNSET)
        return
    report.add("ok", texts.OFFICE_OK.format(count=len(ids), ids=", ".join(str(i) for i in ids)))


def check_rules(settings: Settings, report: Report, *, clock: Clock) -> None:
    """Every year's form and methodology load; this year and next quarter's year have them."""
    from bot.services.periods import quarter_of, shift_quarter
    from bot.yearbook import FORM_FILE, METHODOLOGY_FILE, RulesError, load_yearbook

    try:
        book = load_yearbook(settings.rules_dir)
    except RulesError as exc:
        report.add("fail", texts.RULES_BAD.format(error=exc))
        return
    report.add("ok", texts.RULES_YEARS.format(years=", ".join(str(y) for y in book.years)))
    for year in book.years:
        rules = book.rules(year)
        report.say(
            texts.RULES_OF_YEAR.format(
                year=year, form=rules.form_from, methodology=rules.methodology_from
            )
        )
    today = clock().astimezone(settings.tz).date()
    year, quarter = quarter_of(today)
    next_year, next_quarter = shift_quarter(year, quarter, 1)
    wanted: list[tuple[int, Mark, str]] = [(year, "fail", texts.THIS_YEAR.format(year=year))]
    if next_year != year:
        label = period_label(next_year, next_quarter)
        wanted.append(
            (next_year, "warn", texts.NEXT_QUARTER_YEAR.format(year=next_year, quarter=label))
        )
    for needed, mark, name in wanted:
        if book.has(needed):
            report.add("ok", texts.RULES_PRESENT.format(name=name))
            continue
        files = f"{FORM_FILE.format(year=needed)}, {METHODOLOGY_FILE.format(year=needed)}"
        report.add(mark, texts.RULES_ABSENT.format(name=name, files=files))
