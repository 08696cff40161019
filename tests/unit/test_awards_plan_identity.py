"""The plan's identity as settings: the province, the Department, the plan's name and its
period, in the award texts and the draft report's header (never "…" where they are set)."""

from __future__ import annotations

import io
from pathlib import Path

import docx
import pytest

from bot.config import Settings, SettingsError, load_settings
from bot.identity import PlanIdentity
from bot.services.container import Services, open_services
from bot.texts.config import DEFAULT_PLAN_NAME, DEFAULT_PLAN_PERIOD
from tests.cli_support import clean_environment, run
from tests.clock import FakeClock
from tests.conftest import example_roster


async def draft(settings: Settings, **identity: str) -> docx.document.Document:
    """The draft quarterly report of quý I/2025 under these identity settings."""
    services: Services = await open_services(
        settings.model_copy(update=identity), clock=FakeClock()
    )
    try:
        await services.roster.import_file(example_roster(), actor="test")
        period = await services.periods.resolve("2025-Q1")
        assert period is not None
        content = (await services.export.render(period, "docx")).content
    finally:
        await services.close()
    return docx.Document(io.BytesIO(content))


def header_lines(document: docx.document.Document) -> tuple[list[str], list[str]]:
    left, right = document.tables[0].rows[0].cells
    return [p.text for p in left.paragraphs], [p.text for p in right.paragraphs]


def opening(document: docx.document.Document) -> str:
    return next(p.text for p in document.paragraphs if p.text.startswith("Thực hiện "))


async def test_the_header_names_the_province_and_the_department(settings: Settings) -> None:
    """Seed 000 is issued by "Sở Giáo dục và Đào tạo" of "tỉnh Bình Định", under the
    "Kế hoạch phát động phong trào thi đua đẩy mạnh cải cách hành chính ... giai đoạn
    2021-2025": with the province set, nothing in the header is left to fill but the
    number and the day."""
    document = await draft(settings, province="Bình Định")

    left, right = header_lines(document)
    assert left[:2] == ["UBND TỈNH BÌNH ĐỊNH", "SỞ GIÁO DỤC VÀ ĐÀO TẠO"]
    assert right[-1] == "Bình Định, ngày    tháng    năm 2025"
    assert not any("…" in line for line in left + right)
    assert opening(document).startswith(
        f"Thực hiện {DEFAULT_PLAN_NAME} giai đoạn {DEFAULT_PLAN_PERIOD}, Sở Giáo dục và Đào "
        "tạo báo cáo kết quả thực hiện công tác cải cách hành chính (CCHC) quý I năm 2025"
    )
    assert document.core_properties.author == "Sở Giáo dục và Đào tạo"


async def test_without_a_province_the_line_is_left_out_not_dotted(settings: Settings) -> None:
    document = await draft(settings)

    left, right = header_lines(document)
    assert left[0] == "SỞ GIÁO DỤC VÀ ĐÀO TẠO"
    assert not any("UBND" in line or "…" in line for line in left + right)
    assert right[-1] == "ngày    tháng    năm 2025"  # the place is written by hand


async def test_a_later_plan_and_another_department_are_settings(settings: Settings) -> None:
    """The seed's campaign ran 2022–2025; later years run under the province's next
    plan, so the plan's name and period are never hard-coded text."""
    document = await draft(
        settings,
        province="Thành phố Cần Thơ",
        department_name="Sở Giáo dục và Đào tạo thành phố Cần Thơ",
        plan_name="Kế hoạch thi đua đẩy mạnh cải cách hành chính",
        plan_period="2026–2030",
    )

    left, right = header_lines(document)
    assert left[:2] == ["UBND THÀNH PHỐ CẦN THƠ", "SỞ GIÁO DỤC VÀ ĐÀO TẠO THÀNH PHỐ CẦN THƠ"]
    assert right[-1] == "Thành phố Cần Thơ, ngày    tháng    năm 2025"
    assert opening(document).startswith(
        "Thực hiện Kế hoạch thi đua đẩy mạnh cải cách hành chính giai đoạn 2026–2030, Sở "
        "Giáo dục và Đào tạo thành phố Cần Thơ báo cáo"
    )
    text = "\n".join(p.text for p in document.paragraphs)
    assert "2021–2025" not in text
    assert "quý I năm 2025 của Sở Giáo dục và Đào tạo thành phố Cần Thơ./." in text


def test_the_settings_read_from_the_environment(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    clean_environment(monkeypatch, tmp_path)
    monkeypatch.setenv("CCHC_AWARD_BLOCKS", " truc_thuoc ; trung_tam,truc_thuoc ")
    monkeypatch.setenv("CCHC_AWARD_MIN_BAND", "Xuất sắc")
    monkeypatch.setenv("CCHC_PROVINCE", "  tỉnh   Bình Định ")
    monkeypatch.setenv("CCHC_PLAN_PERIOD", "2021–2025")

    settings = load_settings()

    assert settings.award_blocks == ("truc_thuoc", "trung_tam")
    assert settings.award_min_band == "Xuất sắc"
    assert settings.identity == PlanIdentity(province="tỉnh Bình Định")
    assert settings.identity.people_committee == "UBND TỈNH BÌNH ĐỊNH"
    assert settings.identity.place == "Bình Định"


def test_defaults_and_refusals(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    clean_environment(monkeypatch, tmp_path)
    defaults = load_settings()
    assert defaults.award_blocks == ("truc_thuoc", "trung_tam")
    assert defaults.award_min_band is None  # "Tốt", checked against the methodology
    assert defaults.province is None
    assert defaults.identity.plan == f"{DEFAULT_PLAN_NAME} giai đoạn {DEFAULT_PLAN_PERIOD}"

    monkeypatch.setenv("CCHC_PROVINCE", "   ")
    assert load_settings().province is None  # blank: not set
    for name, value, message in (
        ("CCHC_AWARD_BLOCKS", " , ", "CCHC_AWARD_BLOCKS: cần ít nhất một mã khối"),
        ("CCHC_AWARD_BLOCKS", "truc thuoc", "CCHC_AWARD_BLOCKS: mã khối không hợp lệ"),
        ("CCHC_PROVINCE", "…", "CCHC_PROVINCE: không được chứa dấu “…”"),
        ("CCHC_PLAN_NAME", "Kế hoạch số ... /KH-SGDĐT", "CCHC_PLAN_NAME: không được chứa"),
        ("CCHC_DEPARTMENT_NAME", " ", "CCHC_DEPARTMENT_NAME: không được để trống"),
    ):
        monkeypatch.setenv(name, value)
        with pytest.raises(SettingsError, match=message):
            load_settings()
        monkeypatch.delenv(name)


def test_the_cli_export_says_when_the_province_is_missing(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    clean_environment(monkeypatch, tmp_path)
    assert run(capsys, "units", "import", str(example_roster()))[0] == 0

    code, _, err = run(capsys, "export", "--period", "2025-Q1", "--format", "docx")
    assert code == 0
    assert "chưa đặt CCHC_PROVINCE (tên tỉnh)" in err

    monkeypatch.setenv("CCHC_PROVINCE", "Bình Định")
    code, _, err = run(capsys, "export", "--period", "2025-Q1", "--format", "docx")
    assert (code, err) == (0, "")
    left, _ = header_lines(docx.Document(str(tmp_path / "bao-cao-cchc-2025-Q1.docx")))
    assert left[0] == "UBND TỈNH BÌNH ĐỊNH"
