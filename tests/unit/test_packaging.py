"""Packaging as a user meets it: aiohttp is only the stand-in's, and the minimums are real.

aiohttp is the optional extra ``demo`` (the local Bot API stand-in serves HTTP with it);
a bot installed with plain ``pip install cchc-bot`` must run, and every other command must
work, without it. Each subprocess below hides aiohttp the way a missing package hides
itself (ModuleNotFoundError naming it), so an import of it anywhere on those paths fails
the test.
"""

from __future__ import annotations

import asyncio
import os
import re
import signal
import subprocess
import sys
import tomllib
from pathlib import Path

from bot.standin import BotApiStandin
from tests.conftest import OFFICE_ID, example_roster

REPO = Path(__file__).resolve().parents[2]

HIDE_AIOHTTP = """
import sys
from importlib.abc import MetaPathFinder

class NotInstalled(MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] == "aiohttp":
            raise ModuleNotFoundError(f"No module named {name!r}", name=name)
        return None

sys.meta_path.insert(0, NotInstalled())
"""


def python(
    code: str, *argv: str, cwd: Path, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", code, *argv],
        cwd=cwd,
        env={**clean_env(), **(env or {})},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def clean_env() -> dict[str, str]:
    """The test process's environment without CCHC_* settings, the repository importable."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("CCHC_")}
    env["PYTHONPATH"] = str(REPO)
    return env


def test_no_module_of_the_bot_but_the_stand_in_and_the_demo_imports_aiohttp(
    tmp_path: Path,
) -> None:
    # Every module of the four packages (bot.standin and bot.demo excepted), the CLI's
    # commands, and the application `cchc-bot run` builds: aiohttp stays out of
    # sys.modules although it is installed here.
    script = """
import importlib, pkgutil, sys
from bot.cli import main
assert main(["units", "import", sys.argv[1]]) == 0
assert main(["units", "list"]) == 0
assert main(["form", "show"]) == 0
assert main(["methodology", "show"]) == 0
from bot.app import build_application
from bot.config import load_settings
build_application(load_settings())
def walk(name):
    # Not pkgutil.walk_packages: it imports every package it recurses into, the
    # stand-in's included.
    module = importlib.import_module(name)
    for info in pkgutil.iter_modules(getattr(module, "__path__", []), name + "."):
        if info.name not in ("bot.standin", "bot.demo"):
            walk(info.name)
for package in ("bot", "handlers", "storage", "charts"):
    walk(package)
print("modules:", len([m for m in sys.modules if m.split(".")[0] in ("bot", "handlers")]))
loaded = sorted(m for m in sys.modules if m.split(".")[0] == "aiohttp")
print("aiohttp modules:", loaded)
"""
    env = {"CCHC_DB_PATH": str(tmp_path / "cchc.db"), "CCHC_BOT_TOKEN": "123456:TEST"}
    result = python(script, str(example_roster()), cwd=tmp_path, env=env)
    assert result.returncode == 0, result.stderr
    assert "aiohttp modules: []" in result.stdout
    # The walk reached every module of the two largest packages (none was skipped).
    expected = (
        sum(1 for package in ("bot", "handlers") for _ in (REPO / package).rglob("*.py"))
        - len(list((REPO / "bot" / "standin").rglob("*.py")))
        - 1
    )  # bot/demo.py
    assert f"modules: {expected}" in result.stdout


def test_the_demo_without_aiohttp_says_what_to_install(tmp_path: Path) -> None:
    result = python(
        HIDE_AIOHTTP + "from bot.cli import main; sys.exit(main(['demo']))", cwd=tmp_path
    )
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert "aiohttp" in lines[0]
    assert 'pip install "cchc-bot[demo]"' in lines[0]
    assert 'pip install -e ".[demo]"' in lines[0]
    assert not (tmp_path / "cchc-demo.db").exists()  # it stopped before touching anything


async def test_cchc_bot_run_answers_without_aiohttp(tmp_path: Path) -> None:
    """The real `cchc-bot run` process, with aiohttp hidden, talks to the stand-in here."""
    standin = BotApiStandin(token="123456:TEST", bot_username="cchc_test_bot")
    await standin.start()
    try:
        env = {
            **clean_env(),
            "CCHC_BOT_TOKEN": standin.token,
            "CCHC_API_BASE_URL": standin.base_url,
            "CCHC_DB_PATH": str(tmp_path / "cchc.db"),
            "CCHC_OFFICE_IDS": str(OFFICE_ID),
        }
        proc = await asyncio.create_subprocess_exec(
            sys.executable,
            "-c",
            HIDE_AIOHTTP + "from bot.cli import main; sys.exit(main(['run']))",
            cwd=tmp_path,
            env=env,
            stdout=asyncio.subprocess.DEVNULL,
            stderr=asyncio.subprocess.PIPE,
        )
        try:
            office = standin.user(OFFICE_ID, "Nguyễn Văn Phòng")
            await office.send("/start")
            await office.expect("Văn phòng Sở", timeout=30)
        finally:
            if proc.returncode is None:
                proc.send_signal(signal.SIGINT)
            _, err = await asyncio.wait_for(proc.communicate(), timeout=30)
        log = err.decode("utf-8", "replace")
        assert "Traceback" not in log, log
        assert "aiohttp" not in log, log
    finally:
        await standin.stop()


# -- the minimums -------------------------------------------------------------------------

REQUIREMENT = re.compile(r"^([A-Za-z0-9_.-]+)(?:\[[^]]*\])?\s*(?:>=\s*([0-9][0-9.]*))?")


def _version(text: str) -> tuple[int, ...]:
    parts = [int(p) for p in text.split(".")]
    while parts and parts[-1] == 0:
        parts.pop()
    return tuple(parts)


def _pins(path: Path) -> dict[str, str]:
    pins: dict[str, str] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            name, _, version = line.partition("==")
            pins[name.strip().lower().replace("_", "-")] = version.strip()
    return pins


def _requirements() -> dict[str, str | None]:
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    specs = list(project["dependencies"])
    for extra in project["optional-dependencies"].values():
        specs += extra
    found: dict[str, str | None] = {}
    for spec in specs:
        match = REQUIREMENT.match(spec)
        assert match is not None, spec
        name = match.group(1).lower().replace("_", "-")
        if name != project["name"]:  # the dev extra includes the demo extra by name
            found[name] = match.group(2)
    return found


def test_the_lowest_constraints_are_the_declared_minimums() -> None:
    # CI proves the minimums by running the suite with constraints/lowest.txt; that proof
    # is only worth something while each pin is exactly the lower bound pyproject states.
    requirements = _requirements()
    pins = _pins(REPO / "constraints" / "lowest.txt")
    assert set(pins) == set(requirements)
    for name, minimum in requirements.items():
        assert minimum is not None, f"{name} has no lower bound"
        assert _version(pins[name]) == _version(minimum), name


def test_the_deploy_lock_pins_every_runtime_dependency() -> None:
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    pins = _pins(REPO / "constraints" / "deploy.txt")
    for spec in project["dependencies"]:
        match = REQUIREMENT.match(spec)
        assert match is not None, spec
        name = match.group(1).lower()
        assert name in pins, name
        assert _version(pins[name]) >= _version(match.group(2)), name
    assert "aiohttp" not in pins  # the deployed bot carries no stand-in


def test_the_bot_starts_without_loading_the_spreadsheet_and_document_libraries(
    tmp_path: Path,
) -> None:
    """openpyxl (with lxml) and python-docx load with the first export or report
    template, not with `cchc-bot run`: they cost the bot's process about 10 MB."""
    script = """
import sys
from bot.app import build_application
from bot.config import load_settings
build_application(load_settings())
heavy = ("openpyxl", "lxml", "docx")
print("loaded:", sorted({m.split(".")[0] for m in sys.modules} & set(heavy)))
"""
    env = {"CCHC_DB_PATH": str(tmp_path / "cchc.db"), "CCHC_BOT_TOKEN": "123456:TEST"}
    result = python(script, cwd=tmp_path, env=env)
    assert result.returncode == 0, result.stderr
    assert "loaded: []" in result.stdout
