"""Running `cchc-bot` in-process, as the console script runs it, in a clean environment."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from bot.cli import main


def clean_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """No CCHC_* from the developer's shell, no .env, a fresh database; returns its path."""
    for name in list(os.environ):
        if name.startswith("CCHC_"):
            monkeypatch.delenv(name)
    monkeypatch.chdir(tmp_path)
    db = tmp_path / "cchc.db"
    monkeypatch.setenv("CCHC_DB_PATH", str(db))
    return db


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    """Exit code, standard output and standard error of one command."""
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err
