"""What the command-line commands print in common."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

from bot.texts import cli as texts


def fail(message: str) -> int:
    """Say why a command refused, on stderr; the exit code of a refusal (1)."""
    print(message, file=sys.stderr)
    return 1


def write_text(out: TextIO, text: str, *, bom: bool) -> None:
    """Write a command's text output, with a UTF-8 BOM when asked for one."""
    # Excel guesses a legacy code page for a CSV without a BOM and garbles diacritics.
    out.write(("\ufeff" if bom else "") + text)
    out.flush()


def print_refused_import(what: str, path: Path, errors: Sequence[str]) -> None:
    """An all-or-nothing import that wrote nothing: say so, then every problem found."""
    print(
        texts.REFUSED_IMPORT.format(what=what, name=path.name, count=len(errors)),
        file=sys.stderr,
    )
    for error in errors:
        print(f"  {error}", file=sys.stderr)


def print_table(header: Sequence[str], rows: Sequence[Sequence[str]]) -> None:
    """Columns padded to their widest cell, under a header and a rule of dashes."""
    widths = [
        max(len(str(cell)) for cell in column) for column in zip(header, *rows, strict=False)
    ]

    def line(cells: Sequence[str]) -> str:
        return "  ".join(str(c).ljust(w) for c, w in zip(cells, widths, strict=True)).rstrip()

    print(line(header))
    print("  ".join("-" * w for w in widths))
    for row in rows:
        print(line(row))
