"""The CLI starts fast: building its parser imports no heavy library, and a command
imports what it uses only (issue 12: `cchc-bot --help` and `cchc-bot invite UNIT` under
half a second on the office's server).

Each check runs a fresh interpreter, since this test process has long imported
everything; the interpreter prints the top-level packages it loaded.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from importlib import resources
from pathlib import Path

from bot.cli_desk import EXPORT_CHOICES
from bot.services.export import EXPORT_FORMATS

# What a command needing none of them must not pay for (seconds on a small server).
HEAVY = {"matplotlib", "numpy", "PIL", "telegram", "httpx", "openpyxl", "docx", "aiohttp", "segno"}
# Building the parser needs neither settings (pydantic) nor the database driver.
PARSER_FREE = HEAVY | {"pydantic", "pydantic_settings", "aiosqlite"}
ROSTER = str(Path(str(resources.files("bot.data").joinpath("roster_example.csv"))))


def loaded_after(code: str, tmp_path: Path, **env: str) -> tuple[set[str], set[str]]:
    """Top-level packages and project modules loaded by running ``code`` in a fresh
    interpreter, in a clean CCHC_* environment."""
    probe = f"import json, sys\n{code}\nprint(json.dumps(sorted(sys.modules)))\n"
    environment = {k: v for k, v in os.environ.items() if not k.startswith("CCHC_")}
    environment |= {"CCHC_DB_PATH": str(tmp_path / "cchc.db"), **env}
    done = subprocess.run(
        [sys.executable, "-c", probe],
        capture_output=True,
        text=True,
        check=True,
        cwd=tmp_path,
        env=environment,
        timeout=60,
    )
    modules = set(json.loads(done.stdout.splitlines()[-1]))
    ours = {m for m in modules if m.split(".")[0] in {"bot", "storage", "handlers", "charts"}}
    return {m.split(".")[0] for m in modules}, ours


def test_building_the_parser_imports_nothing_heavy(tmp_path: Path) -> None:
    packages, ours = loaded_after("import bot.cli\nbot.cli.build_parser()", tmp_path)

    assert packages & PARSER_FREE == set()
    assert {m for m in ours if m.startswith(("bot.services", "storage", "handlers"))} == set()


def test_help_imports_nothing_heavy(tmp_path: Path) -> None:
    code = (
        "from bot.cli import main\n"
        "import contextlib, io\n"
        "with contextlib.redirect_stdout(io.StringIO()) as out:\n"
        "    assert main(['--help']) == 0\n"
        "assert 'invite' in out.getvalue()"
    )
    packages, _ = loaded_after(code, tmp_path)

    assert packages & PARSER_FREE == set()


def test_invite_loads_neither_charts_nor_exports(tmp_path: Path) -> None:
    subprocess.run(
        [
            sys.executable,
            "-m",
            "bot.cli",
            "--db",
            str(tmp_path / "cchc.db"),
            "units",
            "import",
            ROSTER,
        ],
        check=True,
        capture_output=True,
        timeout=60,
    )
    code = (
        "from bot.cli import main\n"
        "import contextlib, io\n"
        "with contextlib.redirect_stdout(io.StringIO()) as out:\n"
        "    assert main(['invite', 'VP']) == 0\n"
        "assert 'Mã mời:' in out.getvalue()"
    )
    packages, ours = loaded_after(code, tmp_path, CCHC_BOT_USERNAME="cchc_test_bot")

    # The link comes from telegram.helpers; nothing else heavy is needed.
    assert packages & (HEAVY - {"telegram", "httpx"}) == set()
    assert "bot.services.container" not in ours
    assert "bot.services.chart_images" not in ours


def test_the_parser_offers_the_export_formats_the_service_makes() -> None:
    assert EXPORT_CHOICES == EXPORT_FORMATS
