"""`cchc-bot export --format xlsx|docx`, `audit`, `backup` and `restore`, run in-process."""

from __future__ import annotations

import asyncio
import io
import re
import sqlite3
from pathlib import Path

import docx
import pytest
from openpyxl import load_workbook

from bot.config import load_settings
from bot.services.container import open_services
from tests.cli_support import clean_environment, run
from tests.conftest import EXAMPLE_UNITS, example_roster
from tests.reports import bind, submit

ROSTER = str(example_roster())


@pytest.fixture(autouse=True)
def env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    return clean_environment(monkeypatch, tmp_path)


@pytest.fixture
def imported(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "units", "import", ROSTER)[0] == 0


def seed_report(unit_code: str) -> str:
    """Submit a report as a unit would (through the services); returns the period code."""

    async def go() -> str:
        services = await open_services(load_settings())
        try:
            await submit(services, await bind(services, 9990, unit_code))
            period = await services.periods.resolve(None)
            assert period is not None
            return period.code
        finally:
            await services.close()

    return asyncio.run(go())


def test_export_xlsx_to_a_file_and_docx_under_its_own_name(
    capsys: pytest.CaptureFixture[str], imported: None, tmp_path: Path
) -> None:
    period = seed_report("THPT-QH")
    target = tmp_path / "tong-hop.xlsx"

    code, out, err = run(
        capsys, "export", "--period", period, "--format", "xlsx", "--output", str(target)
    )

    assert (code, err) == (0, "")
    assert out.endswith(f"của {EXAMPLE_UNITS} đơn vị (1 đơn vị đã gửi) vào tệp {target}.\n")
    book = load_workbook(io.BytesIO(target.read_bytes()))
    sheet = book["Các trường THPT và đơn vị trực"]
    assert sheet["B2"].value == "THPT-QH"
    assert sheet["E2"].value == "Đã gửi"

    code, out, _ = run(capsys, "export", "--period", period, "--format", "docx")

    assert code == 0
    written = tmp_path / f"bao-cao-cchc-{period}.docx"
    assert out.endswith(f"vào tệp {written.name}.\n")
    document = docx.Document(str(written))
    assert "BÁO CÁO" in [p.text for p in document.paragraphs]


def test_audit_lists_changes_newest_first(
    capsys: pytest.CaptureFixture[str], imported: None
) -> None:
    assert run(capsys, "invite", "THPT-QH")[0] == 0
    assert run(capsys, "invite", "THPT-QH", "--role", "reporter")[0] == 0

    code, out, _ = run(capsys, "audit", "--unit", "thpt-qh")

    assert code == 0
    lines = out.splitlines()
    assert lines[0] == "Nhật ký thay đổi của đơn vị THPT-QH – Trường THPT Quốc Học Quy Nhơn:"
    assert re.match(r"^\d\d/\d\d/\d{4} \d\d:\d\d:\d\d  Quản trị hệ thống \(dòng lệnh\)$", lines[1])
    assert lines[2] == "    Tạo mã mời số 2 (Cán bộ đầu mối CCHC)"
    assert lines[4] == "    Tạo mã mời số 1 (Thủ trưởng đơn vị)"
    assert lines[-1] == "(2 mục, mới nhất trước.)"

    code, out, _ = run(capsys, "audit", "--limit", "1")
    assert code == 0
    assert "[THPT-QH]  Quản trị hệ thống (dòng lệnh)" in out
    assert out.splitlines()[-1] == "(1 mục, mới nhất trước.)"

    code, _, err = run(capsys, "audit", "--unit", "KHONG-CO")
    assert code == 1
    assert 'Không có đơn vị mã "KHONG-CO"' in err
    assert run(capsys, "audit", "--limit", "0")[0] == 2


def test_backup_then_restore_brings_back_the_earlier_state(
    capsys: pytest.CaptureFixture[str], imported: None, tmp_path: Path, env: Path
) -> None:
    folder = tmp_path / "backups"
    folder.mkdir()

    code, out, err = run(capsys, "backup", str(folder))

    assert (code, err) == (0, "")
    (backup,) = folder.iterdir()
    assert re.fullmatch(r"cchc-\d{8}-\d{6}\.db", backup.name)
    assert out.splitlines()[0] == f"Đã sao lưu cơ sở dữ liệu {env} vào tệp {backup}."
    assert f"{EXAMPLE_UNITS} đơn vị" in out
    assert run(capsys, "blocks", "add", "mam_non", "Khối các trường mầm non")[0] == 0

    code, out, err = run(capsys, "restore", str(backup))

    assert (code, err) == (0, "")
    kept = next(tmp_path.glob("cchc.before-restore-*.db"))
    assert f"Cơ sở dữ liệu trước khi khôi phục được giữ tại {kept}." in out
    assert out.splitlines()[-1] == "Khởi động lại bot bằng: cchc-bot run"
    _, blocks, _ = run(capsys, "blocks", "list")
    assert "mam_non" not in blocks
    conn = sqlite3.connect(kept)
    assert conn.execute("SELECT count(*) FROM blocks WHERE code = 'mam_non'").fetchone() == (1,)
    conn.close()


def test_backup_and_restore_refusals(
    capsys: pytest.CaptureFixture[str], imported: None, tmp_path: Path, env: Path
) -> None:
    backup = tmp_path / "sao-luu.db"
    assert run(capsys, "backup", str(backup))[0] == 0

    code, _, err = run(capsys, "backup", str(backup))
    assert code == 1
    assert "không ghi đè" in err

    bot = sqlite3.connect(env)  # the bot is running: connected, idle between reads
    try:
        assert bot.execute("SELECT count(*) FROM units").fetchone() == (EXAMPLE_UNITS,)
        code, out, err = run(capsys, "restore", str(backup))
    finally:
        bot.close()
    assert (code, out) == (1, "")
    assert "đang được sử dụng" in err
    assert "dừng bot" in err

    not_ours = tmp_path / "ghi-chu.txt"
    not_ours.write_text("không phải cơ sở dữ liệu", encoding="utf-8")
    code, _, err = run(capsys, "restore", str(not_ours))
    assert code == 1
    assert "không phải cơ sở dữ liệu SQLite hợp lệ" in err
