"""`cchc-bot methodology show` and `cchc-bot appraise import`, run as the console script."""

from __future__ import annotations

import asyncio
from decimal import Decimal
from importlib import resources
from pathlib import Path

import pytest
from openpyxl import Workbook

from bot.formatting import format_points
from bot.numbers import format_number
from storage import standings
from storage.database import Database
from tests.cli_support import clean_environment, run
from tests.rules import BOOK

ROSTER = str(Path(str(resources.files("bot.data").joinpath("roster_example.csv"))))


@pytest.fixture(autouse=True)
def db(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    return clean_environment(monkeypatch, tmp_path)


def stored(db: Path, period: str) -> dict[str, dict[str, Decimal]]:
    async def read() -> dict[str, dict[str, Decimal]]:
        database = Database(db)
        await database.open()
        try:
            found = await standings.appraisals_for_period(database.reader, period)
        finally:
            await database.close()
        return {u: {k: a.points for k, a in c.items()} for u, c in found.items()}

    return asyncio.run(read())


def test_methodology_show_prints_criteria_points_and_bands(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, err = run(capsys, "methodology", "show", "--year", "2025")

    assert (code, err) == (0, "")
    rules = BOOK.methodology(2025)
    assert out.startswith(rules.title)
    group, online = rules.group_of("online_rate"), rules.criterion("online_rate")
    group_max = sum((c.max_points for c in group.criteria), Decimal(0))
    assert f"{group.title} — {format_number(group_max)} điểm" in out
    assert f"[online_rate] {online.title}: {format_number(online.max_points)} điểm" in out
    assert online.measure == "rate"  # a rate's target (0.9) is shown as a percentage
    assert online.target is not None
    assert f"mục tiêu {format_number(online.target * 100)}%" in out
    assert online.blocks is not None
    assert f"Chỉ áp dụng cho khối: {', '.join(online.blocks)}" in out
    best = rules.bands[0]
    assert f"  {best.name}: từ {format_points(best.min_index)}" in out
    assert "  Yếu: từ 0,00" in out


def test_a_malformed_methodology_is_one_line_and_exit_2(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    bad = tmp_path / "methodology_2025.toml"
    bad.write_text('year = 2025\nversion = "x"\n', encoding="utf-8")
    monkeypatch.setenv("CCHC_RULES_DIR", str(tmp_path))

    code, out, err = run(capsys, "methodology", "show", "--year", "2025")

    assert (code, out) == (2, "")
    assert err.count("\n") == 1
    assert err.startswith(f"Lỗi cấu hình: {bad}")


def test_appraise_import_csv_then_reimport_replaces(
    capsys: pytest.CaptureFixture[str], db: Path, tmp_path: Path
) -> None:
    assert run(capsys, "units", "import", ROSTER)[0] == 0
    sheet = tmp_path / "tham_dinh.csv"
    sheet.write_text(
        "\ufeffMã đơn vị;Tiêu chí;Điểm;Lý do\n"
        "THPT-QH;report_quality;4,5;Báo cáo gửi chậm 1 ngày\n"
        "THPT-LQD;report_quality;5;Đầy đủ, đúng hạn\n"
        "VP;assigned_par;20;Hoàn thành 5/6 tiêu chí được giao\n",
        encoding="utf-8",
    )

    code, out, err = run(capsys, "appraise", "import", str(sheet), "--period", "2025-Q1")

    assert (code, err) == (0, "")
    assert out.startswith("Đã nhập 3 điểm thẩm định cho 3 đơn vị (0 điểm thay")
    assert stored(db, "2025-Q1") == {
        "THPT-QH": {"report_quality": Decimal("4.5")},
        "THPT-LQD": {"report_quality": Decimal("5")},
        "VP": {"assigned_par": Decimal("20")},
    }

    book = Workbook()
    page = book.active
    assert page is not None
    page.append(["unit_code", "criterion", "points", "reason", "period"])
    page.append(["THPT-QH", "report_quality", 3, "Chưa đủ phụ lục", "2025-Q1"])
    book.save(tmp_path / "lan2.xlsx")
    code, out, _ = run(capsys, "appraise", "import", str(tmp_path / "lan2.xlsx"))
    assert code == 0
    assert "(1 điểm thay cho điểm thẩm định trước đó)" in out
    assert stored(db, "2025-Q1")["THPT-QH"] == {"report_quality": Decimal("3")}


def test_appraise_import_with_errors_writes_nothing_and_names_every_line(
    capsys: pytest.CaptureFixture[str], db: Path, tmp_path: Path
) -> None:
    assert run(capsys, "units", "import", ROSTER)[0] == 0
    sheet = tmp_path / "sai.csv"
    sheet.write_text(
        "unit_code,criterion,points,reason\n"
        "THPT-QH,report_quality,4,Đúng\n"  # fine, but the file has errors
        "KHONG-CO,report_quality,4,Đơn vị lạ\n"
        "THPT-QH,online_rate,11,Quá điểm tối đa\n"
        "VP,online_rate,5,Phòng thuộc Sở không chấm TTHC\n"
        "THPT-QH,report_quality,abc,Không phải số\n"
        "THPT-LQD,report_quality,2,\n"
        "THPT-QH,report_quality,4,Trùng dòng 2\n",
        encoding="utf-8",
    )

    code, out, err = run(capsys, "appraise", "import", str(sheet), "--period", "2025-Q1")

    assert (code, out) == (1, "")
    lines = err.splitlines()
    assert lines[0] == (
        "Không nhập được điểm thẩm định từ sai.csv (6 lỗi); chưa có thay đổi nào được ghi:"
    )
    assert lines[1:] == [
        "  Dòng 3: không có đơn vị mã “KHONG-CO”.",
        "  Dòng 4: điểm 11 vượt điểm tối đa 10 của tiêu chí “online_rate”.",
        "  Dòng 5: tiêu chí “online_rate” không áp dụng cho khối của đơn vị VP.",
        "  Dòng 6: điểm “abc” không hợp lệ: cần một số từ 0 đến 5 (ví dụ 7,5).",
        "  Dòng 7: thiếu lý do thẩm định.",
        "  Dòng 8: trùng với dòng 2.",
    ]
    assert stored(db, "2025-Q1") == {}


def test_appraise_import_needs_a_period(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    assert run(capsys, "units", "import", ROSTER)[0] == 0
    sheet = tmp_path / "a.csv"
    sheet.write_text("unit_code,criterion,points,reason\nVP,assigned_par,3,x\n", encoding="utf-8")

    code, _, err = run(capsys, "appraise", "import", str(sheet))

    assert code == 1
    assert "Dòng 2: thiếu kỳ báo cáo (ví dụ 2025-Q1)." in err


def test_methodology_show_of_a_year_without_files_names_them(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, err = run(capsys, "methodology", "show", "--year", "2023")

    assert (code, out) == (2, "")
    assert err.count("\n") == 1
    assert "năm 2023 chưa có mẫu báo cáo và bộ tiêu chí" in err
    assert "report_form_2023.toml và methodology_2023.toml" in err
    assert f"các năm đã có: {', '.join(str(y) for y in BOOK.years)}" in err
