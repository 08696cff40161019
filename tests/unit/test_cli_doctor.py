"""`cchc-bot doctor`: one line per check, exit code 1 when something is broken.

The token is checked against the local Bot API stand-in; the year checks run with a
fixed clock, and the years come from the shipped files, never written out here.
"""

from __future__ import annotations

import asyncio
import sqlite3
from datetime import UTC, datetime
from pathlib import Path

import pytest

from bot.cli_doctor import checkup
from bot.standin.server import BotApiStandin
from bot.yearbook import load_yearbook
from storage.database import migrations
from tests.cli_support import clean_environment, run
from tests.clock import FakeClock
from tests.conftest import OFFICE_ID, example_roster

LATEST = max(load_yearbook(None).years)  # the latest year the package ships files for


def clock_at(year: int, month: int) -> FakeClock:
    return FakeClock(datetime(year, month, 20, 2, 0, tzinfo=UTC))


def doctor(year: int, month: int) -> int:
    """The checks on the 20th of ``month``, as if run then (no Telegram involved)."""
    return asyncio.run(checkup({}, clock=clock_at(year, month)))


@pytest.fixture(autouse=True)
def env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    db = clean_environment(monkeypatch, tmp_path)
    monkeypatch.setenv("CCHC_OFFICE_IDS", str(OFFICE_ID))
    return db


@pytest.fixture
def imported(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, _ = run(capsys, "units", "import", str(example_roster()))
    assert code == 0
    capsys.readouterr()


def lines(out: str) -> dict[str, str]:
    """Each check's line by its first words ("Token", "Cơ sở dữ liệu", …), mark first."""
    found = {}
    for line in out.splitlines():
        if line[:1] in "✓✗⚠–":
            found[line[2:].split(":")[0]] = line
    return found


async def test_a_ready_installation_passes_every_check(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    imported: None,
    env: Path,
) -> None:
    async with BotApiStandin(bot_username="so_gddt_cchc_bot") as standin:
        monkeypatch.setenv("CCHC_BOT_TOKEN", standin.token)
        monkeypatch.setenv("CCHC_API_BASE_URL", standin.base_url)

        code = await checkup({}, clock=clock_at(LATEST, 2))

        assert [r.method for r in standin.requests] == ["getMe"]
    out = capsys.readouterr().out
    found = lines(out)
    assert code == 0
    assert all(line.startswith("✓") for line in found.values()), out
    assert "@so_gddt_cchc_bot" in found["Token"]
    assert f"đã áp dụng đủ {len(migrations())} bản cập nhật" in found["Cơ sở dữ liệu"]
    assert str(OFFICE_ID) in found["Văn phòng Sở"]
    for year in load_yearbook(None).years:  # every year, and where its files come from
        rules = load_yearbook(None).rules(year)
        assert f"    {year}: mẫu báo cáo {rules.form_from}; bộ tiêu chí" in out
    assert out.rstrip().endswith("Kết quả: mọi mục đều đạt.")


async def test_a_token_telegram_refuses_fails(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    imported: None,
) -> None:
    async with BotApiStandin() as standin:
        monkeypatch.setenv("CCHC_BOT_TOKEN", "123456:NOT-THE-TOKEN")
        monkeypatch.setenv("CCHC_API_BASE_URL", standin.base_url)

        code = await checkup({}, clock=clock_at(LATEST, 2))

    token = lines(capsys.readouterr().out)["Token"]
    assert code == 1
    assert token.startswith("✗")
    assert "từ chối CCHC_BOT_TOKEN" in token
    assert "NOT-THE-TOKEN" not in token  # the token is never printed


async def test_a_bot_name_that_is_not_the_tokens_bot_fails(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    imported: None,
) -> None:
    async with BotApiStandin(bot_username="so_gddt_cchc_bot") as standin:
        monkeypatch.setenv("CCHC_BOT_TOKEN", standin.token)
        monkeypatch.setenv("CCHC_API_BASE_URL", standin.base_url)
        monkeypatch.setenv("CCHC_BOT_USERNAME", "@bot_khac")

        code = await checkup({}, clock=clock_at(LATEST, 2))

    token = lines(capsys.readouterr().out)["Token"]
    assert code == 1
    assert token.startswith("✗")
    assert "@so_gddt_cchc_bot" in token
    assert "@bot_khac" in token


def test_an_unreachable_bot_api_fails(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, imported: None
) -> None:
    monkeypatch.setenv("CCHC_BOT_TOKEN", "123456:TEST")
    monkeypatch.setenv("CCHC_API_BASE_URL", "http://127.0.0.1:1/bot")  # nothing listens

    code = doctor(LATEST, 2)

    token = lines(capsys.readouterr().out)["Token"]
    assert code == 1
    assert token.startswith("✗ Token: không kết nối được tới http://127.0.0.1:1/bot")


def test_no_token_is_skipped_with_a_note(
    capsys: pytest.CaptureFixture[str], imported: None
) -> None:
    code = doctor(LATEST, 2)

    token = lines(capsys.readouterr().out)["Token"]
    assert code == 0
    assert token.startswith("– Token: chưa đặt CCHC_BOT_TOKEN")


def test_a_file_that_is_not_a_database_fails(
    capsys: pytest.CaptureFixture[str], env: Path
) -> None:
    env.write_bytes(b"this is not an SQLite database, it is a spreadsheet\n" * 100)

    code = doctor(LATEST, 2)

    database = lines(capsys.readouterr().out)["Cơ sở dữ liệu"]
    assert code == 1
    assert database.startswith(f"✗ Cơ sở dữ liệu: không đọc được {env}")


def test_a_missing_database_fails_and_is_not_created(
    capsys: pytest.CaptureFixture[str], env: Path
) -> None:
    code = doctor(LATEST, 2)

    database = lines(capsys.readouterr().out)["Cơ sở dữ liệu"]
    assert code == 1
    assert database.startswith(f"✗ Cơ sở dữ liệu: chưa có tệp {env}")
    assert not env.exists()


@pytest.mark.parametrize(
    ("behind", "mark", "words"),
    [(1, "⚠", "còn 1 bản cập nhật cấu trúc chưa áp dụng"), (-1, "✗", "mới hơn bản cài đặt này")],
    ids=["pending", "newer"],
)
def test_migrations_applied_against_available(
    capsys: pytest.CaptureFixture[str],
    imported: None,
    env: Path,
    behind: int,
    mark: str,
    words: str,
) -> None:
    latest = migrations()[-1][0]
    with sqlite3.connect(env) as conn:
        conn.execute(f"PRAGMA user_version = {latest - behind:d}")
    before = env.read_bytes()

    code = doctor(LATEST, 2)

    database = lines(capsys.readouterr().out)["Cơ sở dữ liệu"]
    assert database.startswith(mark)
    assert words in database
    assert code == (1 if mark == "✗" else 0)
    if behind > 0:
        assert migrations()[-1][1] in database  # the pending one, by name
    assert env.read_bytes() == before  # the doctor migrates nothing


def test_no_office_ids_fails(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, imported: None
) -> None:
    monkeypatch.delenv("CCHC_OFFICE_IDS")

    code = doctor(LATEST, 2)

    office = lines(capsys.readouterr().out)["Văn phòng Sở"]
    assert code == 1
    assert office.startswith("✗ Văn phòng Sở: chưa đặt CCHC_OFFICE_IDS")


def test_this_year_without_files_fails(capsys: pytest.CaptureFixture[str], imported: None) -> None:
    missing = LATEST + 2

    code = doctor(missing, 2)

    out = capsys.readouterr().out
    assert code == 1
    assert (
        f"✗ Mẫu báo cáo và bộ tiêu chí của năm nay ({missing}): chưa có "
        f"(report_form_{missing}.toml, methodology_{missing}.toml)"
    ) in out
    assert "chưa lập được báo cáo của năm này" in out


def test_next_quarters_year_without_files_is_a_warning(
    capsys: pytest.CaptureFixture[str], imported: None
) -> None:
    code = doctor(LATEST, 11)  # quarter IV: next is year + 1

    out = capsys.readouterr().out
    assert code == 0
    assert f"✓ Mẫu báo cáo và bộ tiêu chí của năm nay ({LATEST}): có." in out
    assert f"⚠ Mẫu báo cáo và bộ tiêu chí của năm {LATEST + 1} (quý tới, quý I/{LATEST + 1})" in (
        out
    )


def test_malformed_rules_fail(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    imported: None,
    tmp_path: Path,
) -> None:
    rules = tmp_path / "rules"
    rules.mkdir()
    form = rules / f"report_form_{LATEST}.toml"
    form.write_text('version = "x"\ntitle = "t"\n', encoding="utf-8")
    monkeypatch.setenv("CCHC_RULES_DIR", str(rules))

    code = doctor(LATEST, 2)

    out = capsys.readouterr().out
    assert code == 1
    assert f"✗ Mẫu báo cáo và bộ tiêu chí: {form}" in out


def test_a_malformed_setting_is_the_doctors_first_line(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CCHC_OFFICE_IDS", "abc")

    code, out, _ = run(capsys, "doctor")

    assert code == 1
    assert out.splitlines()[0].startswith("✗ Cấu hình: CCHC_OFFICE_IDS")


def test_doctor_from_the_command_line_prints_a_line_per_check(
    capsys: pytest.CaptureFixture[str], imported: None
) -> None:
    code, out, _ = run(capsys, "doctor")

    found = lines(out)
    assert {"Cấu hình", "Token", "Cơ sở dữ liệu", "Văn phòng Sở"} <= set(found)
    assert found["Cơ sở dữ liệu"].startswith("✓")
    # This year's files depend on the day the test runs; the exit code follows the marks.
    assert code == (1 if any(line.startswith("✗") for line in found.values()) else 0)
