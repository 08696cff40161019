"""`cchc-bot awards --year Y [--format csv]`, run in-process as the console script runs it."""

from __future__ import annotations

import asyncio
import csv
import io
from pathlib import Path

import pytest

from bot.cli import main
from bot.config import Settings
from bot.services.awards import PLAN_SENTENCES
from bot.services.container import open_services
from bot.texts.cli import AWARD_COLUMNS
from tests.awards_year import UnitYear, procedures, publish_year, report_year
from tests.cli_support import clean_environment
from tests.clock import FakeClock
from tests.conftest import example_roster

PLAN = {
    "THPT-QH": UnitYear(procedures(10, 10)),  # 100 %
    "TT-GDTX": UnitYear(procedures(1000, 901), short=1),  # a centre, 90,1 %
    "THPT-LQD": UnitYear(procedures(1000, 900), short=2),  # exactly 90 %
    "THPT-CVA": UnitYear(procedures(10, 10), quarters=(1,)),  # one quarter: "Yếu"
}
UNIT_SENTENCE = PLAN_SENTENCES["unit"].format(department="Sở Giáo dục và Đào tạo")


@pytest.fixture(autouse=True)
def env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    return clean_environment(monkeypatch, tmp_path)


def open_settings(db: Path) -> Settings:
    return Settings(db_path=db, _env_file=None)  # type: ignore[call-arg]


@pytest.fixture
def reported(env: Path) -> dict[str, str]:
    """A year reported by two schools and a centre (one school for a quarter only);
    returns each unit's year index as the bot shows it."""

    async def setup() -> dict[str, str]:
        clock = FakeClock()
        services = await open_services(open_settings(env), clock=clock)
        try:
            await services.roster.import_file(example_roster(), actor="test")
            await report_year(services, clock, PLAN)
            await services.awards.nominate(
                2025, "TCCB", "Nguyễn Văn An", "Thụ lý hồ sơ đúng hạn, có sáng kiến", actor="cli"
            )
            found = {}
            for block in ("truc_thuoc", "trung_tam"):
                ranking = await services.standings.block_ranking(
                    services.standings.parse_scope("2025"), block
                )
                found.update(
                    {r.unit.code: str(r.ranked.entry.index) for r in ranking.rows if r.score}
                )
            return found
        finally:
            await services.close()

    return asyncio.run(setup())


def test_awards_csv_has_a_bom_a_header_the_numbers_and_the_plan_sentence(
    capsys: pytest.CaptureFixture[str], reported: dict[str, str], tmp_path: Path
) -> None:
    """Plan III.1: "... có trên 90% thủ tục hành chính được trình Sở giải quyết theo hình
    thức trực tuyến." Every row says which sentence it was judged by."""
    code = main(["awards", "--year", "2025", "--format", "csv"])
    out, err = capsys.readouterr()

    assert (code, err) == (0, "")
    assert out.startswith("\ufeffHạng mục,Vị trí,")
    rows = list(csv.reader(io.StringIO(out.removeprefix("\ufeff"), newline="")))
    assert tuple(rows[0]) == AWARD_COLUMNS
    table = [dict(zip(AWARD_COLUMNS, row, strict=True)) for row in rows[1:]]
    passed = "Chưa đạt: đơn vị xếp hạng cao trong Khối các đơn vị trực thuộc"
    assert [(r["Hạng mục"], r["Vị trí"], r["Mã đơn vị"], r["Khối"]) for r in table] == [
        ("Tập thể đơn vị trực thuộc", "1", "THPT-QH", "truc_thuoc"),
        ("Tập thể đơn vị trực thuộc", "2", "TT-GDTX", "trung_tam"),
        ("Thủ trưởng đơn vị trực thuộc", "1", "THPT-QH", "truc_thuoc"),
        ("Thủ trưởng đơn vị trực thuộc", "2", "TT-GDTX", "trung_tam"),
        ("Công chức (Văn phòng Sở đề cử)", "", "TCCB", "phong_so"),
        (passed, "", "THPT-LQD", "truc_thuoc"),
        (passed, "", "THPT-CVA", "truc_thuoc"),
    ]
    first = table[0]
    assert first["Tên đơn vị"] == "Trường THPT Quốc Học Quy Nhơn"
    assert first["Chỉ số năm"] == reported["THPT-QH"]
    assert (first["Hồ sơ TTHC trình Sở"], first["Trong đó trực tuyến"]) == ("40", "40")
    assert (first["Tỷ lệ trình Sở trực tuyến (%)"], first["Số quý có báo cáo"]) == ("100.0", "4")
    assert (first["Hồ sơ đề nghị"], first["Văn bản còn thiếu"]) == ("chưa đề nghị", "")
    assert first["Căn cứ (Kế hoạch, mục III.1)"] == UNIT_SENTENCE
    assert "được trình Sở" in UNIT_SENTENCE
    assert table[1]["Tỷ lệ trình Sở trực tuyến (%)"] == "90.1"
    assert table[2]["Người được đề nghị"] == "Người thử"  # the head bound by the test helper
    assert table[4]["Người được đề nghị"] == "Nguyễn Văn An"
    assert table[4]["Lý do đề cử"] == "Thụ lý hồ sơ đúng hạn, có sáng kiến"
    lqd, cva = table[5], table[6]
    assert lqd["Tỷ lệ trình Sở trực tuyến (%)"] == "90.0"
    assert lqd["Lý do chưa đạt"] == (
        "tỷ lệ hồ sơ trình Sở trực tuyến 90,0% (3.600/4.000) — không trên 90%"
    )
    assert cva["Lý do chưa đạt"] == f"xếp loại {cva['Xếp loại']}, dưới mức tối thiểu Tốt"

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
    assert (
        "Theo mục III.1 Kế hoạch phát động phong trào thi đua đẩy mạnh cải cách hành chính "
        "giai đoạn 2021–2025." in out
    )
    assert "Hạn nộp hồ sơ đề nghị khen thưởng về Sở: 15/01/2026." in out
    assert "chưa được công bố; danh sách là tạm tính và chỉ được chốt sau khi công bố" in out
    assert f"  Kế hoạch: “{UNIT_SENTENCE}”" in out
    assert (
        "Khối các đơn vị trực thuộc gồm: Khối các trường THPT và đơn vị trực thuộc, Khối các "
        "Trung tâm GDTX, GDNN-GDTX (xếp hạng chung)" in out
    )
    assert "  1) Trường THPT Quốc Học Quy Nhơn (THPT-QH): chỉ số " in out
    assert "hồ sơ trình Sở trực tuyến 40/40 = 100,0%; hồ sơ chưa đề nghị" in out
    assert "  Chưa đạt: Trường THPT chuyên Lê Quý Đôn (THPT-LQD), hạng 3" in out
    assert "tỷ lệ hồ sơ trình Sở trực tuyến 90,0% (3.600/4.000) — không trên 90%" in out
    assert "#1 Nguyễn Văn An — Phòng Tổ chức cán bộ: Thụ lý hồ sơ đúng hạn, có sáng kiến" in out
    assert "3. 02 phòng chuyên môn, nghiệp vụ thuộc Sở đạt loại Xuất sắc, Tốt\n" in out


def test_the_plan_settings_name_the_plan_in_the_listing(
    capsys: pytest.CaptureFixture[str],
    reported: dict[str, str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("CCHC_PLAN_NAME", "Kế hoạch thi đua CCHC tỉnh Bình Định")
    monkeypatch.setenv("CCHC_PLAN_PERIOD", "2026–2030")

    assert main(["awards", "--year", "2025"]) == 0
    out = capsys.readouterr().out

    assert "Theo mục III.1 Kế hoạch thi đua CCHC tỉnh Bình Định giai đoạn 2026–2030." in out
    assert "2021–2025" not in out


def test_a_minimum_band_the_methodology_lacks_stops_the_command(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CCHC_AWARD_MIN_BAND", "Giỏi")

    assert main(["awards", "--year", "2025"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("Lỗi cấu hình: CCHC_AWARD_MIN_BAND: không có mức xếp loại “Giỏi”")


def test_awards_csv_shows_what_a_confirmed_dossier_still_lacks(
    capsys: pytest.CaptureFixture[str], reported: dict[str, str], env: Path
) -> None:
    async def confirm() -> None:
        services = await open_services(open_settings(env), clock=FakeClock())
        try:
            await publish_year(services)
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
    assert table[-1]["Hồ sơ đề nghị"] == "chưa đề nghị"  # THPT-CVA is not on the list


def test_awards_refuses_a_bad_year(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["awards", "--year", "25"]) == 1
    assert "Năm 25 không hợp lệ" in capsys.readouterr().err
    assert main(["awards"]) == 2  # --year is required
