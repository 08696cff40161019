"""The layer rule (issue 12: "Services own transactions … The layer rule (handlers import
no database driver) becomes a test"): handlers parse, call a service, render; a database
connection never reaches the Telegram layer, and the core knows nothing of Telegram."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).parents[2]
DRIVERS = {"aiosqlite", "sqlite3"}
TELEGRAM = {"telegram"}


def imported(path: Path) -> set[str]:
    """The top-level packages a module imports (type-checking imports included)."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module.split(".")[0])
    return found


HANDLERS = sorted((ROOT / "handlers").glob("*.py"))
CORE = sorted(
    p for p in (ROOT / "bot").rglob("*.py") if "standin" not in p.parts and p.name != "demo.py"
)


@pytest.mark.parametrize("path", HANDLERS, ids=[p.stem for p in HANDLERS])
def test_no_handler_imports_a_database_driver(path: Path) -> None:
    assert not imported(path) & DRIVERS, f"{path.name} holds a database connection"


@pytest.mark.parametrize("path", CORE, ids=[str(p.relative_to(ROOT)) for p in CORE])
def test_the_core_imports_nothing_of_telegram_but_the_app_and_the_cli(path: Path) -> None:
    # bot/app.py assembles the Application; the CLI builds deep links and asks getMe;
    # the rest of bot/ (services, domain, scoring, forms) is Telegram-free.
    allowed = {"app.py", "cli_invites.py", "cli_doctor.py"}
    if path.name in allowed:
        return
    assert not imported(path) & TELEGRAM, f"{path.relative_to(ROOT)} imports telegram"


def test_the_scan_sees_the_modules() -> None:
    assert len(HANDLERS) > 20
    assert any(p.name == "publish.py" for p in HANDLERS)
    assert "telegram" in imported(ROOT / "handlers" / "publish.py")
