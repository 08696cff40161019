"""The roster: which units take part, in which block, imported from the office's file.

Offices keep their list of units in Excel, so the import reads XLSX as well as CSV
(UTF-8 with or without a BOM, comma- or semicolon-separated, as Excel writes it in
Vietnamese locales). A roster is all or nothing: every row is checked first and, if
any is wrong, nothing is written and every wrong row is named by its line number, so
the office can fix the file in one pass instead of discovering problems one by one.
"""

from __future__ import annotations

import asyncio
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import ValidationError

from bot.clock import Clock, to_iso
from bot.domain.models import Block, Unit
from bot.tabular import TableError, TableRow, read_table
from bot.texts import roster as T
from storage import audit, units
from storage.database import Database

COLUMNS: tuple[str, ...] = ("code", "name", "block", "district")
REQUIRED_COLUMNS: tuple[str, ...] = ("code", "name", "block")

# Header names offices actually write, folded to lower case without diacritics.
_HEADER_ALIASES: dict[str, str] = {
    "code": "code",
    "ma": "code",
    "ma don vi": "code",
    "name": "name",
    "ten": "name",
    "ten don vi": "name",
    "block": "block",
    "khoi": "block",
    "district": "district",
    "huyen": "district",
    "dia ban": "district",
    "quan/huyen": "district",
    "quan huyen": "district",
}

_BLOCK_CODE = re.compile(r"^[a-z0-9_]{1,32}$")


class RosterError(ValueError):
    """A roster request is refused; the message is Vietnamese, for the office."""


@dataclass(frozen=True, slots=True)
class ImportResult:
    """Counts of what an import did, or the reasons it did nothing."""

    added: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def total(self) -> int:
        return self.added + self.updated + self.unchanged


class RosterService:
    """Importing and reading the roster of units and the blocks they compete in."""

    def __init__(self, db: Database, clock: Clock) -> None:
        self._db = db
        self._clock = clock

    async def list_units(self) -> list[Unit]:
        """Units in block order, then by code: the order the office reads lists in."""
        return await units.list_units(self._db.reader)

    async def list_blocks(self) -> list[Block]:
        return await units.list_blocks(self._db.reader)

    async def add_block(self, code: str, name: str, *, actor: str = "cli") -> tuple[Block, bool]:
        """Add a block at the end of the ranking order, or rename an existing one.

        Returns the block and whether it is new. A rename keeps the block's position,
        so published standings keep their order.
        """
        code = code.strip()
        name = " ".join(name.split())
        if not _BLOCK_CODE.match(code):
            raise RosterError(T.BAD_BLOCK_CODE.format(code=code))
        if not name:
            raise RosterError(T.EMPTY_BLOCK_NAME)
        if len(name) > 200:
            raise RosterError(T.LONG_BLOCK_NAME)
        now = to_iso(self._clock())
        async with self._db.write() as conn:
            existing = {b.code: b for b in await units.list_blocks(conn)}
            known = existing.get(code)
            position = (
                known.position
                if known is not None
                else max((b.position for b in existing.values()), default=0) + 1
            )
            block = Block(code=code, name=name, position=position)
            await units.add_block(conn, block)
            await audit.record(
                conn,
                at=now,
                actor=actor,
                action="block.add" if known is None else "block.rename",
                detail={"code": code, "name": name, "before": known.name if known else None},
            )
        return block, known is None

    async def import_file(self, path: Path, *, actor: str) -> ImportResult:
        """Check every row of the file, then write all of them in one transaction, or none.

        Units already on the roster (codes compared without regard to case) are updated
        in place, so re-importing a corrected file never duplicates a unit. Units that
        are missing from the file are left as they are: members may be bound to them.
        """
        try:
            rows = await asyncio.to_thread(read_rows, path)
        except RosterError as exc:
            return ImportResult(errors=[str(exc)])
        blocks = await units.list_blocks(self._db.reader)
        parsed, errors = _validate(rows, blocks)
        if errors:
            return ImportResult(errors=errors)
        if not parsed:
            return ImportResult(errors=[T.NO_ROWS])
        added = updated = unchanged = 0
        now = to_iso(self._clock())
        async with self._db.write() as conn:
            for unit in parsed:
                existing = await units.get_unit(conn, unit.code)
                if existing is None:
                    added += 1
                elif existing == unit.model_copy(update={"code": existing.code}):
                    unchanged += 1
                    continue
                else:
                    updated += 1
                    await audit.record(
                        conn,
                        at=now,
                        actor=actor,
                        action="unit.update",
                        unit_code=existing.code,
                        detail={"file": path.name, "changes": _changes(existing, unit)},
                    )
                await units.upsert_unit(conn, unit, now)
            await audit.record(
                conn,
                at=now,
                actor=actor,
                action="roster.import",
                detail={
                    "file": path.name,
                    "rows": len(parsed),
                    "added": added,
                    "updated": updated,
                    "unchanged": unchanged,
                },
            )
        return ImportResult(added=added, updated=updated, unchanged=unchanged)


# -- reading files ----------------------------------------------------------------------


def read_rows(path: Path) -> list[TableRow]:
    """The file's data rows keyed by column, each with the line it came from."""
    try:
        return read_table(
            path,
            aliases=_HEADER_ALIASES,
            required=REQUIRED_COLUMNS,
            header_hint=T.HEADER_HINT.format(columns=", ".join(COLUMNS)),
        )
    except TableError as exc:
        raise RosterError(str(exc)) from None


# -- checking rows --------------------------------------------------------------------


def _validate(rows: Iterable[TableRow], blocks: Sequence[Block]) -> tuple[list[Unit], list[str]]:
    by_fold = {b.code.casefold(): b.code for b in blocks}
    valid_blocks = ", ".join(b.code for b in blocks)
    seen: dict[str, int] = {}
    parsed: list[Unit] = []
    errors: list[str] = []
    for row in rows:
        reasons: list[str] = []
        code = row.values["code"]
        name = " ".join(row.values["name"].split())
        block_text = row.values["block"]
        district = " ".join(row.values.get("district", "").split())
        if not code:
            reasons.append(T.EMPTY_CODE)
        elif code.casefold() in seen:
            reasons.append(T.DUPLICATE_CODE.format(code=code, first=seen[code.casefold()]))
        else:
            seen[code.casefold()] = row.line
        if not name:
            reasons.append(T.EMPTY_NAME)
        block = by_fold.get(block_text.casefold())
        if not block_text:
            reasons.append(T.EMPTY_BLOCK.format(blocks=valid_blocks))
        elif block is None:
            reasons.append(T.UNKNOWN_BLOCK.format(block=block_text, blocks=valid_blocks))
        if not reasons:
            try:
                parsed.append(
                    Unit(code=code, name=name, block=block or block_text, district=district)
                )
            except ValidationError as exc:
                reasons.extend(_explain(exc, code))
        if reasons:
            errors.append(T.ROW.format(line=row.line, reasons=T.REASONS_JOINER.join(reasons)))
    return parsed, errors


def _explain(exc: ValidationError, code: str) -> list[str]:
    reasons: list[str] = []
    for err in exc.errors():
        where = err["loc"][0] if err["loc"] else ""
        if where == "code":
            reasons.append(T.BAD_UNIT_CODE.format(code=code, rule=T.UNIT_CODE_RULE))
        elif where == "name":
            reasons.append(T.LONG_UNIT_NAME)
        elif where == "district":
            reasons.append(T.LONG_DISTRICT)
        else:
            reasons.append(T.BAD_VALUE.format(column=where))
    return reasons


def _changes(before: Unit, after: Unit) -> dict[str, dict[str, str]]:
    """What a re-import changes in a unit, field by field, for the audit trail."""
    return {
        key: {"before": getattr(before, key), "after": getattr(after, key)}
        for key in ("name", "block", "district")
        if getattr(before, key) != getattr(after, key)
    }
