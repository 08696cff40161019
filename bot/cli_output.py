"""What the command-line commands print in common."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path


def print_refused_import(what: str, path: Path, errors: Sequence[str]) -> None:
    """An all-or-nothing import that wrote nothing: say so, then every problem found."""
    print(
        f"Không nhập được {what} từ {path.name} ({len(errors)} lỗi); "
        "chưa có thay đổi nào được ghi:",
        file=sys.stderr,
    )
    for error in errors:
        print(f"  {error}", file=sys.stderr)
