"""`cchc-bot awards --year Y [--format csv]`, run in-process as the console script runs it."""

from __future__ import annotations

import asyncio
import csv
import io
from pathlib import Path

import pytest

from bot.cli import AWARD_COLUMNS, main
from bot.config import Settings
from bot.services.container import open_services
from tests.cli_support import clean_environment
from tests.clock import FakeClock
from tests.conftest import example_roster
from tests.reports import bind, submit


@pytest.fixture(autouse=True)
def env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    return clean_environment(monkeypatch, tmp_path)


@pytest.fixture
def reported(env: Path) -> dict[str, str]:
    """Quý I/2025 reported by three schools; returns their year index as the bot shows it."""

    async def setup() -> dict[str, str]:
        settings = Settings(db_path=env, _env_file=None)  # type: ignore[call-arg]
        services = await open_services(settings, clock=FakeClock())
        try:
            await services.roster.import_file(example_roster(), actor="test")
            for user_id, code, online in (
                (1, "THPT-QH", "1.200"),
                (2, "THPT-LQD", "1.000"),
                (3, "THPT-CVA", "1.130"),
            ):
                overrides = {"dossiers_online": online}
                if code == "THPT-CVA":
                    overrides["articles"] = "2"
                await submit(services, await bind(services, user_id, code), overrides)
            await services.awards.nominate(
                2025, "TCCB", "Nguyễn Văn An", "Thụ lý hồ sơ đúng hạn, có sáng kiến", actor="cli"
            )
            ranking = await services.standings.block_ranking(
                services.standings.parse_scope("2025"), "truc_thuoc"
            )
            return {r.unit.code: str(r.ranked.entry.index) for r in ranking.rows[:3]}
        finally:
            await services.close()

    return asyncio.run(setup())


def test_awards_csv_has_a_bom_a_header_and_the_numbers(
    capsys: pytest.CaptureFixture[str], reported: dict[str, str], tmp_path: Path
) -> None:
    code = main(["awards", "--year", "2025", "--format", "csv"])
    out, err = capsys.readouterr()

    assert (code, err) == (0, "")
    assert out.startswith("\ufeffHạng mục,Vị trí,")
    rows = list(csv.reader(io.StringIO(out.removeprefix("\ufeff"), newline="")))
    assert tuple(rows[0]) == AWARD_COLUMNS
    table = [dict(zip(AWARD_COLUMNS, row, strict=True)) for row in rows[1:]]
    assert [(r["Hạng mục"], r["Vị trí"], r["Mã đơn vị"]) for r in table] == [
        ("Tập thể đơn vị trực thuộc", "1", "THPT-QH"),
        ("Tập thể đơn vị trực thuộc", "2", "THPT-CVA"),
        ("Thủ trưởng đơn vị trực thuộc", "1", "THPT-QH"),
        ("Thủ trưởng đơn vị trực thuộc", "2", "THPT-CVA"),
        ("Công chức (Văn phòng Sở đề cử)", "", "TCCB"),
        ("Chưa đạt: không trên 90% hồ sơ trực tuyến", "", "THPT-LQD"),
    ]
    first = table[0]
    assert first["Tên đơn vị"] == "Trường THPT Quốc Học Quy Nhơn"
    assert first["Chỉ số năm"] == reported["THPT-QH"]
    assert (first["Hồ sơ TTHC tiếp nhận"], first["Hồ sơ trực tuyến"]) == ("1250", "1200")
    assert (first["Tỷ lệ trực tuyến (%)"], first["Số quý có báo cáo"]) == ("96.00", "1")
    assert (first["Hồ sơ đề nghị"], first["Văn bản còn thiếu"]) == ("chưa đề nghị", "")
    assert table[2]["Người được đề nghị"] == "Người thử"  # the head bound by the test helper
    assert table[4]["Người được đề nghị"] == "Nguyễn Văn An"
    assert table[4]["Lý do đề cử"] == "Thụ lý hồ sơ đúng hạn, có sáng kiến"
    assert table[5]["Tỷ lệ trực tuyến (%)"] == "80.00"

    target = tmp_path / "khen-thuong.csv"
    code = main(["awards", "--year", "2025", "--format", "csv", "--output", str(target)])
    out, _ = capsys.readouterr()
    assert code == 0
    assert out == f"Đã ghi danh sách đề xuất khen thưởng năm 2025 vào tệp {target}.\n"
    assert target.read_bytes().startswith("\ufeffHạng mục".encode())


def test_awards_text_for_the_terminal(
    capsys: pytest.CaptureFixture[str], reported: dict[str, str]
) -> None:
    code = main(["awards", "--year", "2025"])
    out, _ = capsys.readouterr()

    assert code == 0
    assert out.startswith("Đề xuất khen thưởng phong trào thi đua CCHC năm 2025\n")
    assert "Hạn nộp hồ sơ đề nghị khen thưởng về Sở: 15/01/2026." in out
    assert "  1) Trường THPT Quốc Học Quy Nhơn (THPT-QH): chỉ số " in out
    assert "trực tuyến 1.200/1.250 = 96%; hồ sơ chưa đề nghị" in out
    assert "  Chưa đạt: Trường THPT chuyên Lê Quý Đôn (THPT-LQD)" in out
    assert "#1 Nguyễn Văn An — Phòng Tổ chức cán bộ: Thụ lý hồ sơ đúng hạn, có sáng kiến" in out
    assert "3. 02 phòng chuyên môn, nghiệp vụ thuộc Sở đạt loại Xuất sắc, Tốt\n  (chưa có)" in out


def test_awards_csv_shows_what_a_confirmed_dossier_still_lacks(
    capsys: pytest.CaptureFixture[str], reported: dict[str, str], env: Path
) -> None:
    async def confirm() -> None:
        settings = Settings(db_path=env, _env_file=None)  # type: ignore[call-arg]
        services = await open_services(settings, clock=FakeClock())
        try:
            await services.awards.confirm(2025, actor="cli")
        finally:
            await services.close()

    asyncio.run(confirm())
    assert main(["awards", "--year", "2025", "--format", "csv"]) == 0
    rows = list(csv.reader(io.StringIO(capsys.readouterr().out.removeprefix("\ufeff"))))
    table = [dict(zip(AWARD_COLUMNS, row, strict=True)) for row in rows[1:]]

    assert (table[0]["Hồ sơ đề nghị"], table[0]["Văn bản còn thiếu"]) == (
        "0/3",
        "Tờ trình (văn bản) đề nghị khen thưởng; Biên bản họp Hội đồng Thi đua – Khen "
        "thưởng; Báo cáo thành tích",
    )
    assert table[-1]["Hồ sơ đề nghị"] == "chưa đề nghị"  # THPT-LQD is not on the list


def test_awards_refuses_a_bad_year(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["awards", "--year", "25"]) == 1
    assert "Năm 25 không hợp lệ" in capsys.readouterr().err
    assert main(["awards"]) == 2  # --year is required
