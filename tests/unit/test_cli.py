"""The `cchc-bot` command, run in-process as the console script runs it."""

from __future__ import annotations

import csv
import io
import json
import re
from importlib import resources
from pathlib import Path

import pytest
from telegram.helpers import create_deep_linked_url

from bot.cli import main
from bot.cli_invites import resolve_bot_username
from bot.config import Settings
from bot.standin.server import BotApiStandin
from tests.cli_support import clean_environment, run
from tests.conftest import EXAMPLE_UNITS
from tests.form_steps import FORM, label, number
from tests.rules import TEST_FORM, YEAR

FIELD_KEYS = {"key", "label", "type", "required", "min", "max", "section"}
ROSTER = str(Path(str(resources.files("bot.data").joinpath("roster_example.csv"))))


@pytest.fixture(autouse=True)
def env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    return clean_environment(monkeypatch, tmp_path)


@pytest.fixture
def imported(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "units", "import", ROSTER)
    assert code == 0
    assert (
        out == f"Đã nhập {EXAMPLE_UNITS} đơn vị: {EXAMPLE_UNITS} mới, 0 cập nhật, 0 không đổi.\n"
    )


def test_units_import_then_list(capsys: pytest.CaptureFixture[str], imported: None) -> None:
    code, out, _ = run(capsys, "units", "import", ROSTER)
    assert (code, out) == (
        0,
        f"Đã nhập {EXAMPLE_UNITS} đơn vị: 0 mới, 0 cập nhật, {EXAMPLE_UNITS} không đổi.\n",
    )

    code, out, _ = run(capsys, "units", "list")

    assert code == 0
    lines = out.splitlines()
    assert lines[0].split() == ["Mã", "Tên", "đơn", "vị", "Khối", "Địa", "bàn"]
    unit_line = r"THPT-NTH +Trường THPT Nguyễn Thái Học +truc_thuoc +Quy Nhơn$"
    assert any(re.match(unit_line, line) for line in lines)
    assert lines[-1] == f"Tổng cộng: {EXAMPLE_UNITS} đơn vị."


def test_units_import_with_errors_exits_1_and_lists_them(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text(
        "code,name,block\nVP,Văn phòng Sở,phong_so\nX1,,phong_so\nX2,Đơn vị X2,khong_co\n",
        encoding="utf-8",
    )

    code, out, err = run(capsys, "units", "import", str(bad))

    assert code == 1
    assert out == ""
    assert "Dòng 3: tên đơn vị để trống." in err
    assert 'Dòng 4: khối "khong_co" không tồn tại' in err
    code, out, _ = run(capsys, "units", "list")
    assert out.startswith("Chưa có đơn vị nào.")


def test_blocks_add_and_list(capsys: pytest.CaptureFixture[str], imported: None) -> None:
    code, out, _ = run(capsys, "blocks", "add", "mam_non", "Khối các trường mầm non")
    assert (code, out) == (0, "Đã thêm khối mam_non – Khối các trường mầm non (thứ tự 5).\n")

    code, out, _ = run(capsys, "blocks", "list")

    assert code == 0
    rows = [line.split(None, 2) for line in out.splitlines()[2:]]
    assert [r[1] for r in rows] == ["phong_so", "phong_gd", "truc_thuoc", "trung_tam", "mam_non"]
    assert rows[2][2].endswith(" 42")
    code, _, err = run(capsys, "blocks", "add", "Mầm Non", "x")
    assert code == 1
    assert "không hợp lệ" in err


def test_form_show_json_is_the_public_shape(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "form", "show", "--json", "--year", str(YEAR))

    assert code == 0
    form = TEST_FORM
    assert out == json.dumps(form.as_public_json(), ensure_ascii=False, indent=2) + "\n"
    data = json.loads(out)
    assert set(data) == {"version", "fields"}
    assert [f["key"] for f in data["fields"]] == [f.key for f in form.fields]
    for item in data["fields"]:
        extra = {"choices"} if item["type"] == "choice" else set()
        assert set(item) == FIELD_KEYS | extra
    assert not Path("cchc.db").exists()  # looking at the form creates no database


def test_form_show_lists_sections_and_questions(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "form", "show")

    assert code == 0
    assert FORM.field("tasks_planned").section in out
    assert f"  {number('tasks_planned')}. {label('tasks_planned')}" in out
    assert "[tasks_planned] số nguyên, từ 1 đến 1.000; bắt buộc" in out
    assert "[sipas_rate] tỷ lệ %, từ 0 đến 100; không bắt buộc" in out


def test_invite_prints_code_expiry_and_link(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, imported: None
) -> None:
    monkeypatch.setenv("CCHC_BOT_USERNAME", "@cchc_test_bot")

    code, out, err = run(capsys, "invite", "thpt-nth", "--role", "reporter")

    assert (code, err) == (0, "")
    invite_code = re.search(r"^Mã mời: (\S+)$", out, re.M)
    assert invite_code is not None
    assert len(invite_code.group(1)) == 32
    assert create_deep_linked_url("cchc_test_bot", invite_code.group(1)) in out
    assert re.search(r"^Hết hạn: \d{2}/\d{2}/\d{4} \d{2}:\d{2}$", out, re.M)
    assert "Vai trò: Cán bộ đầu mối CCHC" in out
    assert "THPT-NTH – Trường THPT Nguyễn Thái Học" in out


def test_invite_without_bot_name_uses_a_placeholder(
    capsys: pytest.CaptureFixture[str], imported: None
) -> None:
    code, out, err = run(capsys, "invite", "VP")

    assert code == 0
    assert re.search(r"https://t\.me/<tên_bot>\?start=\S{32}", out)
    assert "CCHC_BOT_USERNAME" in err


def test_invite_for_unknown_unit_exits_1(
    capsys: pytest.CaptureFixture[str], imported: None
) -> None:
    code, out, err = run(capsys, "invite", "KHONG-CO")

    assert (code, out) == (1, "")
    assert 'Không có đơn vị mã "KHONG-CO"' in err


def test_invite_list_and_revoke(capsys: pytest.CaptureFixture[str], imported: None) -> None:
    run(capsys, "invite", "VP")
    run(capsys, "invite", "TCCB")

    code, out, _ = run(capsys, "invite", "--list")
    assert code == 0
    assert out.count("còn hiệu lực") == 2

    code, out, _ = run(capsys, "invite", "--revoke", "1")
    assert (code, out) == (0, "Đã thu hồi mã mời số 1 của đơn vị VP (Thủ trưởng đơn vị).\n")
    code, _, err = run(capsys, "invite", "--revoke", "1")
    assert code == 1
    assert "còn hiệu lực" in err

    code, out, _ = run(capsys, "invite", "--list", "VP")
    lines = out.splitlines()
    assert len(lines) == 3
    assert lines[2].endswith("đã thu hồi")


def test_malformed_setting_is_one_line_and_exit_2(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CCHC_OFFICE_IDS", "abc")

    code, out, err = run(capsys, "units", "list")

    assert (code, out) == (2, "")
    assert err.count("\n") == 1
    assert err.startswith("Lỗi cấu hình: CCHC_OFFICE_IDS")


def test_malformed_form_file_is_one_line_and_exit_2(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    form = tmp_path / f"report_form_{YEAR}.toml"
    form.write_text('version = "x"\ntitle = "t"\n[[sections]]\nkey = "a"\n', encoding="utf-8")
    monkeypatch.setenv("CCHC_RULES_DIR", str(tmp_path))

    code, _, err = run(capsys, "form", "show")

    assert code == 2
    assert err.count("\n") == 1
    assert err.startswith(f"Lỗi cấu hình: {form}")


def test_a_custom_form_without_matching_criteria_is_one_line_and_exit_2(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    form = tmp_path / f"report_form_{YEAR}.toml"
    form.write_text(
        'version = "x"\ntitle = "t"\n[[sections]]\nkey = "a"\ntitle = "A"\n'
        '[[sections.fields]]\nkey = "n"\nlabel = "Số"\ntype = "integer"\n',
        encoding="utf-8",
    )
    monkeypatch.setenv("CCHC_RULES_DIR", str(tmp_path))

    code, _, err = run(capsys, "units", "list")

    assert code == 2
    assert err.count("\n") == 1
    # The year's shipped criteria are checked against the office's form for that year.
    assert f"methodology_{YEAR}.toml" in err
    assert "không có trường" in err
    assert err.rstrip().endswith(f"(đối chiếu với mẫu báo cáo {form})")


@pytest.mark.parametrize("retired", ["CCHC_FORM_FILE", "CCHC_METHODOLOGY_FILE"])
def test_a_retired_single_file_setting_is_refused_with_its_replacement(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    retired: str,
) -> None:
    monkeypatch.setenv(retired, str(tmp_path / "x.toml"))

    code, _, err = run(capsys, "units", "list")

    assert code == 2
    assert err.count("\n") == 1
    assert err.startswith(f"Lỗi cấu hình: {retired}: không còn dùng")
    assert "CCHC_RULES_DIR" in err


def test_export_csv_to_stdout_and_to_a_file(
    capsys: pytest.CaptureFixture[str], imported: None, tmp_path: Path
) -> None:
    code, out, _ = run(capsys, "export", "--period", "2025-Q1", "--format", "csv")

    assert code == 0
    rows = list(csv.DictReader(io.StringIO(out, newline="")))
    assert len(rows) == EXAMPLE_UNITS
    assert rows[0]["block"] == "phong_so"
    assert {r["status"] for r in rows} == {"none"}

    target = tmp_path / "q1.csv"
    code, out, _ = run(capsys, "export", "--period", "2025q1", "--output", str(target))
    assert code == 0
    units = EXAMPLE_UNITS
    assert (
        out
        == f"Đã xuất báo cáo quý I/2025 của {units} đơn vị (0 đơn vị đã gửi) vào tệp {target}.\n"
    )
    assert target.read_text(encoding="utf-8").splitlines()[0].startswith("unit_code,unit_name")


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["export", "--period", "2025-Q5"], 'Kỳ báo cáo "2025-Q5" không hợp lệ'),
        (["export", "--period", "2025-Q1", "--output", "no/such/dir/q1.csv"], "Không ghi được"),
    ],
    ids=["bad-period", "unwritable"],
)
def test_export_refusals_exit_1(
    capsys: pytest.CaptureFixture[str], argv: list[str], message: str
) -> None:
    code, out, err = run(capsys, *argv)

    assert (code, out) == (1, "")
    assert message in err


def test_db_option_overrides_the_setting(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, env: Path
) -> None:
    other = tmp_path / "other" / "roster.db"

    code, _, _ = run(capsys, "--db", str(other), "units", "import", ROSTER)

    assert code == 0
    assert other.exists()
    assert not env.exists()


def test_usage_errors_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["units"]) == 2
    assert main(["invite"]) == 2
    assert "UNIT_CODE" in capsys.readouterr().err


async def test_bot_name_is_asked_of_telegram_when_not_configured(tmp_path: Path) -> None:
    async with BotApiStandin(bot_username="so_gddt_cchc_bot") as standin:
        settings = Settings(
            bot_token=standin.token,
            api_base_url=standin.base_url,
            db_path=tmp_path / "x.db",
            _env_file=None,
        )
        assert await resolve_bot_username(settings) == "so_gddt_cchc_bot"
        assert [r.method for r in standin.requests] == ["getMe"]


async def test_unreachable_telegram_gives_no_bot_name(tmp_path: Path) -> None:
    settings = Settings(
        bot_token="123456:TEST",
        api_base_url="http://127.0.0.1:1/bot",  # nothing listens on port 1
        db_path=tmp_path / "x.db",
        _env_file=None,
    )

    assert await resolve_bot_username(settings) is None


def test_export_file_for_excel_starts_with_a_bom(
    capsys: pytest.CaptureFixture[str], imported: None, tmp_path: Path
) -> None:
    target = tmp_path / "excel.csv"

    code, _, _ = run(capsys, "export", "--period", "2025-Q1", "--output", str(target), "--bom")

    assert code == 0
    assert target.read_bytes().startswith(b"\xef\xbb\xbfunit_code,")
