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


# What opens or drives a transaction: ``db.write()`` (the one way to write) and a
# connection's own statements. Handlers call one service method per action, and the
# service holds the transaction (issue 12 item 3: "Services own transactions").
STATEMENTS = {"execute", "executemany", "executescript", "commit", "rollback"}


def transactions(path: Path) -> list[str]:
    """``x.write()`` (no arguments: a codec's ``write(value)`` is not a transaction),
    ``x.reader``, ``x.db`` (a handler that builds a service of its own from the database)
    and a connection's statements, as ``line: code``."""
    found: list[str] = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Attribute) and node.attr in {"reader", "db"}:
            found.append(f"{node.lineno}: {ast.unparse(node)}")
        if not isinstance(node, ast.Call) or not isinstance(node.func, ast.Attribute):
            continue
        name = node.func.attr
        bare = not node.args and not node.keywords
        if (name == "write" and bare) or name in STATEMENTS:
            found.append(f"{node.lineno}: {ast.unparse(node)}")
    return found


@pytest.mark.parametrize("path", HANDLERS, ids=[p.stem for p in HANDLERS])
def test_no_handler_opens_a_transaction_or_reads_the_database(path: Path) -> None:
    assert not transactions(path), f"{path.name} talks to the database: {transactions(path)}"


def test_the_transaction_scan_sees_a_transaction() -> None:
    # The scan finds what it looks for where it is (the services), and not a codec's write.
    assert any(".write()" in line for line in transactions(ROOT / "bot/services/practices.py"))
    assert any(".reader" in line for line in transactions(ROOT / "bot/services/practices.py"))
    assert not transactions(ROOT / "handlers" / "buttons.py")
    assert ".write(" in (ROOT / "handlers" / "buttons.py").read_text(encoding="utf-8")


def test_the_scan_sees_the_modules() -> None:
    assert len(HANDLERS) > 20
    assert any(p.name == "publish.py" for p in HANDLERS)
    assert "telegram" in imported(ROOT / "handlers" / "publish.py")
