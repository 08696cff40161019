"""Roster import: all rows checked, all or nothing, re-import updates in place."""

from __future__ import annotations

from collections import Counter
from collections.abc import AsyncIterator
from datetime import UTC, datetime
from importlib import resources
from pathlib import Path

import pytest
from openpyxl import Workbook

from bot.services.roster import RosterError, RosterService
from storage import audit
from storage.database import Database

NOW = datetime(2025, 3, 15, 2, 14, tzinfo=UTC)
HEADER = "code,name,block,district\n"


def example_roster() -> Path:
    return Path(str(resources.files("bot.data").joinpath("roster_example.csv")))


@pytest.fixture
async def db(tmp_path: Path) -> AsyncIterator[Database]:
    database = Database(tmp_path / "cchc.db")
    await database.open()
    yield database
    await database.close()


@pytest.fixture
def roster(db: Database) -> RosterService:
    return RosterService(db, lambda: NOW)


def write(tmp_path: Path, name: str, text: str, *, encoding: str = "utf-8") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


async def test_example_roster_imports_71_units_in_four_blocks(
    roster: RosterService, db: Database
) -> None:
    result = await roster.import_file(example_roster(), actor="test")

    assert result.errors == []
    assert (result.added, result.updated, result.unchanged) == (71, 0, 0)
    units = await roster.list_units()
    assert Counter(u.block for u in units) == {
        "phong_so": 8,
        "phong_gd": 11,
        "truc_thuoc": 42,
        "trung_tam": 10,
    }
    # Listed in block order, then by code.
    assert [u.block for u in units[:8]] == ["phong_so"] * 8
    assert units[-1].block == "trung_tam"
    entries = await audit.entries(db.reader)
    assert [(e.action, e.actor) for e in entries] == [("roster.import", "test")]
    assert entries[0].detail["added"] == 71


async def test_reimport_updates_changed_names_without_duplicating(
    roster: RosterService, tmp_path: Path
) -> None:
    await roster.import_file(example_roster(), actor="test")
    text = example_roster().read_text(encoding="utf-8")
    changed = text.replace(
        "THPT-NTH,Trường THPT Nguyễn Thái Học,", "thpt-nth,Trường THPT chuyên Nguyễn Thái Học,"
    )
    assert changed != text

    result = await roster.import_file(write(tmp_path, "r.csv", changed), actor="test")

    assert (result.added, result.updated, result.unchanged) == (0, 1, 70)
    units = await roster.list_units()
    assert len(units) == 71
    nth = [u for u in units if u.code.casefold() == "thpt-nth"]
    assert [(u.code, u.name) for u in nth] == [("THPT-NTH", "Trường THPT chuyên Nguyễn Thái Học")]


@pytest.mark.parametrize(
    ("encoding", "delimiter"),
    [("utf-8", ","), ("utf-8-sig", ","), ("utf-8-sig", ";"), ("utf-8", "\t")],
    ids=["no-bom", "bom", "bom-semicolon", "tab"],
)
async def test_csv_with_or_without_bom_and_other_delimiters(
    roster: RosterService, tmp_path: Path, encoding: str, delimiter: str
) -> None:
    text = (
        "Code,Name,Block,District\n"
        "VP,Văn phòng Sở,phong_so,Quy Nhơn\n"
        'THPT-QH,"Trường THPT Quốc Học, Quy Nhơn",truc_thuoc,\n'
        "\n"
        "TT-AN,Trung tâm GDNN-GDTX thị xã An Nhơn,trung_tam,An Nhơn\n"
    )
    if delimiter != ",":
        text = text.replace(",", delimiter).replace(f"Quốc Học{delimiter} Quy", "Quốc Học, Quy")
    path = write(tmp_path, "roster.csv", text, encoding=encoding)

    result = await roster.import_file(path, actor="test")

    assert result.errors == []
    units = {u.code: u for u in await roster.list_units()}
    assert set(units) == {"VP", "THPT-QH", "TT-AN"}
    assert units["VP"].name == "Văn phòng Sở"  # no BOM left on the first cell
    assert units["THPT-QH"].name == "Trường THPT Quốc Học, Quy Nhơn"
    assert units["THPT-QH"].district == ""


async def test_xlsx_first_sheet_with_free_column_order(
    roster: RosterService, tmp_path: Path
) -> None:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(["BLOCK", "Mã đơn vị", "Name", "Ghi chú"])
    sheet.append(["phong_gd", "PGD-QN", "Phòng GDĐT thành phố Quy Nhơn", "x"])
    sheet.append([None, None, None, None])
    sheet.append(["truc_thuoc", 101, "Trường THPT số 101", None])
    workbook.create_sheet("Khác").append(["code", "name", "block"])
    path = tmp_path / "roster.xlsx"
    workbook.save(path)

    result = await roster.import_file(path, actor="test")

    assert result.errors == []
    assert result.added == 2
    units = {u.code: u for u in await roster.list_units()}
    assert units["101"].name == "Trường THPT số 101"
    assert units["PGD-QN"].block == "phong_gd"


async def test_bad_rows_are_all_reported_and_nothing_is_imported(
    roster: RosterService, db: Database, tmp_path: Path
) -> None:
    path = write(
        tmp_path,
        "bad.csv",
        HEADER
        + "VP,Văn phòng Sở,phong_so,Quy Nhơn\n"
        + "TCCB,Phòng Tổ chức cán bộ,phong_so,\n"
        + "KHTC,Phòng Kế hoạch - Tài chính,phong_so,\n"
        + "PXX,Phòng không có khối,phong_xx,\n"
        + "THPT-A,   ,truc_thuoc,\n",
    )

    result = await roster.import_file(path, actor="test")

    assert result.errors == [
        'Dòng 5: khối "phong_xx" không tồn tại '
        "(các khối hợp lệ: phong_so, phong_gd, truc_thuoc, trung_tam).",
        "Dòng 6: tên đơn vị để trống.",
    ]
    assert (result.added, result.updated, result.unchanged) == (0, 0, 0)
    assert await roster.list_units() == []
    assert await audit.entries(db.reader) == []


async def test_duplicate_codes_and_malformed_codes_are_refused(
    roster: RosterService, tmp_path: Path
) -> None:
    path = write(
        tmp_path,
        "dup.csv",
        HEADER
        + "VP,Văn phòng Sở,phong_so,\n"
        + "vp,Văn phòng (lặp),phong_so,\n"
        + "THPT QH,Trường có dấu cách trong mã,truc_thuoc,\n",
    )

    result = await roster.import_file(path, actor="test")

    assert len(result.errors) == 2
    assert result.errors[0] == 'Dòng 3: mã đơn vị "vp" trùng với dòng 2.'
    assert result.errors[1].startswith('Dòng 4: mã đơn vị "THPT QH" không hợp lệ')
    assert await roster.list_units() == []


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ("code,name,district\nVP,Văn phòng Sở,\n", "thiếu cột block"),
        ("", "Tệp trống"),
        (HEADER, "không có dòng dữ liệu"),
    ],
    ids=["missing-column", "empty", "header-only"],
)
async def test_file_level_problems(
    roster: RosterService, tmp_path: Path, content: str, expected: str
) -> None:
    result = await roster.import_file(write(tmp_path, "r.csv", content), actor="test")

    assert len(result.errors) == 1
    assert expected in result.errors[0]


async def test_legacy_encoding_and_missing_file_are_explained(
    roster: RosterService, tmp_path: Path
) -> None:
    legacy = write(
        tmp_path, "legacy.csv", HEADER + "VP,Van phong \xa9,phong_so,\n", encoding="cp1252"
    )

    assert "UTF-8" in (await roster.import_file(legacy, actor="test")).errors[0]
    missing = await roster.import_file(tmp_path / "nope.csv", actor="test")
    assert missing.errors[0].startswith("Không tìm thấy tệp")


async def test_added_block_accepts_units_and_ranks_last(
    roster: RosterService, tmp_path: Path
) -> None:
    block, is_new = await roster.add_block("mam_non", "Khối các trường mầm non", actor="test")
    assert is_new
    assert block.position == 5
    renamed, is_new = await roster.add_block("mam_non", "Khối mầm non", actor="test")
    assert (is_new, renamed.position) == (False, 5)

    path = write(tmp_path, "mn.csv", HEADER + "MN-HS,Trường Mầm non Hoa Sen,mam_non,\n")
    result = await roster.import_file(path, actor="test")

    assert result.added == 1
    blocks = await roster.list_blocks()
    assert [b.code for b in blocks][-1] == "mam_non"
    assert blocks[-1].name == "Khối mầm non"
    with pytest.raises(RosterError, match="không hợp lệ"):
        await roster.add_block("Mầm non", "Khối mầm non")
