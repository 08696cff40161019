"""`cchc-bot period list|open|close|due|reopen`, run as the console script."""

from __future__ import annotations

import asyncio
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from storage import audit, periods
from storage.database import Database
from tests.cli_support import clean_environment, run
from tests.conftest import EXAMPLE_UNITS, example_roster

HCM = ZoneInfo("Asia/Ho_Chi_Minh")


@pytest.fixture(autouse=True)
def db(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    path = clean_environment(monkeypatch, tmp_path)
    # Quarters far in the future, so the tests do not depend on today's date.
    monkeypatch.setenv("CCHC_CAMPAIGN_LAST_YEAR", "2099")
    return path


def stored(db: Path, code: str) -> tuple[str, datetime, dict[str, datetime]]:
    async def read() -> tuple[str, datetime, dict[str, datetime]]:
        database = Database(db)
        await database.open()
        try:
            period = await periods.get(database.reader, code)
            assert period is not None
            extended = await periods.extensions_for_period(database.reader, code)
            actions = {e.action for e in await audit.entries(database.reader)}
            assert "period.due" in actions
        finally:
            await database.close()
        return period.status, period.due_at, {k: e.due_at for k, e in extended.items()}

    return asyncio.run(read())


def test_due_close_open_and_reopen_a_far_period(
    capsys: pytest.CaptureFixture[str], db: Path
) -> None:
    code, out, err = run(capsys, "period", "due", "2100-Q1", "20/03/2100")
    assert code == 1
    assert "2021–2099" in err  # outside the campaign's years: nothing is set up
    code, out, err = run(capsys, "period", "due", "2099-Q4", "20/12/2099", "17:00")
    assert (code, err) == (0, "")
    assert "hạn nộp 17:00 ngày 20/12/2099" in out
    assert "đồng thời là báo cáo năm 2099" in out
    status, due_at, _ = stored(db, "2099-Q4")
    assert status == "open"
    assert due_at == datetime(2099, 12, 20, 17, 0, tzinfo=HCM)

    code, out, err = run(capsys, "period", "due", "2099-Q4", "10/12/2099")
    assert code == 1
    assert "sau ngày chốt số liệu của kỳ (14/12/2099)" in err

    code, out, err = run(capsys, "period", "due", "2099-Q4", "hôm nay")
    assert code == 1
    assert "Không đọc được hạn nộp" in err

    code, out, _ = run(capsys, "period", "close", "2099-q4")
    assert code == 0
    assert "đã đóng" in out
    assert stored(db, "2099-Q4")[0] == "closed"

    code, out, _ = run(capsys, "period", "open", "2099-Q4", "--due", "22/12/2099")
    assert code == 0
    assert "đang nhận báo cáo" in out
    status, due_at, _ = stored(db, "2099-Q4")
    assert status == "open"
    assert due_at == datetime(2099, 12, 22, 23, 59, 59, tzinfo=HCM)

    code, out, _ = run(capsys, "period", "list")
    assert code == 0
    assert "quý" in out

    assert run(capsys, "units", "import", str(example_roster()))[0] == 0
    code, out, _ = run(capsys, "period", "reopen", "2099-Q4", "THPT-QH", "--days", "2")
    assert code == 0
    assert "không cần mở lại" in out  # its deadline is decades away
    code, _, err = run(capsys, "period", "reopen", "2099-Q4", "NO-SUCH")
    assert code == 1
    assert "Không tìm thấy đơn vị" in err


def test_reopen_after_the_deadline_records_the_units_own_deadline(
    capsys: pytest.CaptureFixture[str], db: Path
) -> None:
    assert run(capsys, "units", "import", str(example_roster()))[0] == 0
    assert run(capsys, "period", "due", "2099-Q1", "16/03/2099")[0] == 0
    code, out, _ = run(capsys, "period", "close", "2099-Q1")
    assert code == 0
    code, out, err = run(capsys, "period", "reopen", "2099-Q1", "THPT-QH", "--days", "3")
    assert (code, err) == (0, "")
    assert "Đã mở lại kỳ 2099-Q1 cho đơn vị THPT-QH" in out
    _, _, extended = stored(db, "2099-Q1")
    assert set(extended) == {"THPT-QH"}


def test_bad_period_is_refused(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "period", "close", "2025-Q5")
    assert code == 1
    assert "Kỳ báo cáo không hợp lệ" in err


def test_a_new_deadline_from_the_cli_says_the_units_were_not_told(
    capsys: pytest.CaptureFixture[str], db: Path
) -> None:
    assert run(capsys, "units", "import", str(example_roster()))[0] == 0
    code, out, err = run(capsys, "period", "due", "2099-Q2", "20/06/2099")
    assert code == 0
    assert "Đã đặt hạn nộp" in out
    assert (
        f"Lưu ý: {EXAMPLE_UNITS} đơn vị chưa nộp báo cáo CHƯA được báo hạn nộp mới qua bot" in err
    )
    assert "/period 2099-Q2 due" in err

    run(capsys, "period", "close", "2099-Q2")
    code, _, err = run(capsys, "period", "open", "2099-Q2", "--due", "22/06/2099")
    assert code == 0
    assert f"{EXAMPLE_UNITS} đơn vị chưa nộp báo cáo CHƯA được báo" in err
