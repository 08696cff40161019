"""`cchc-bot demo` as a newcomer meets it: a real process, no token, no network.

The demo runs the bot and reads the terminal in one event loop, and it is meant to be
scriptable, so each test pipes lines into a subprocess and reads the transcript.
"""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from bot.demo import button_lines, load_file, parse_line
from bot.forms.schema import FormSpec
from bot.yearbook import load_yearbook
from tests.form_steps import ask, header
from tests.rules import rules_for_now

REPO = Path(__file__).resolve().parents[2]
RUN_DEMO = (
    "import sys; from pathlib import Path; from bot.config import Settings; "
    "from bot.demo import run_demo; "
    "kwargs = {'db_path': Path(sys.argv[1])} if len(sys.argv) > 1 else {}; "
    "run_demo(Settings(_env_file=None), **kwargs)"
)

# Two questions are enough to walk a whole report through to the office's notice.
SMALL_FORM = """
version = "test"
title = "Báo cáo thử"

[[sections]]
key = "a"
title = "a) Kế hoạch"

  [[sections.fields]]
  key = "tasks_planned"
  label = "Số nhiệm vụ theo kế hoạch"
  type = "integer"
  max = 1000

  [[sections.fields]]
  key = "signed_report"
  label = "Tệp báo cáo đã ký"
  type = "file"
  accept = ["pdf"]
"""


# A custom form needs criteria that read its fields.
SMALL_METHODOLOGY = """
year = 2025
version = "test"
title = "Bộ tiêu chí thử"
bands = [{ name = "Đạt", min_index = 50 }, { name = "Chưa đạt", min_index = 0 }]

[[fields]]
key = "ke_hoach"
title = "Kế hoạch"

  [[fields.criteria]]
  key = "planned"
  title = "Số nhiệm vụ"
  basis = "Bộ tiêu chí thử"
  max_points = 10
  source = "computed"
  measure = "count"
  report_field = "tasks_planned"
  target = 10
  rule = "linear"
"""


def demo(
    args: list[str], lines: list[str], *, cwd: Path, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if not k.startswith("CCHC_")}
    clean["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO), clean.get("PYTHONPATH")]))
    clean["PYTHONIOENCODING"] = "utf-8"
    clean.update(env or {})
    return subprocess.run(
        [sys.executable, *args],
        input="".join(f"{line}\n" for line in lines),
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=60,
        cwd=cwd,
        env=clean,
        check=False,
    )


def assert_clean(result: subprocess.CompletedProcess[str]) -> None:
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Traceback" not in result.stdout + result.stderr, result.stdout + result.stderr
    assert "WARNING" not in result.stderr, result.stderr


def in_order(text: str, *parts: str) -> bool:
    position = 0
    for part in parts:
        found = text.find(part, position)
        if found < 0:
            return False
        position = found + len(part)
    return True


def small_form(tmp_path: Path) -> dict[str, str]:
    """The environment of a demo on SMALL_FORM (and criteria that read it) this year: the
    demo runs on the real clock, and the year's files in CCHC_RULES_DIR replace those
    shipped."""
    year = datetime.now(ZoneInfo("Asia/Ho_Chi_Minh")).year
    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / f"report_form_{year}.toml").write_text(SMALL_FORM, encoding="utf-8")
    methodology = SMALL_METHODOLOGY.replace("year = 2025", f"year = {year}")
    (rules / f"methodology_{year}.toml").write_text(methodology, encoding="utf-8")
    return {"CCHC_RULES_DIR": str(rules)}


def small_form_of(env: dict[str, str]) -> FormSpec:
    return load_yearbook(Path(env["CCHC_RULES_DIR"])).latest.form


def test_a_piped_session_asks_questions_and_saves_a_draft(tmp_path: Path) -> None:
    # The small form: which button a number presses must not depend on the shipped form.
    env = small_form(tmp_path)
    result = demo(
        ["-c", RUN_DEMO, str(tmp_path / "demo.db")],
        ["/report", "12", ":2", ":quit"],
        cwd=tmp_path,
        env=env,
    )
    assert_clean(result)
    out = result.stdout
    form = small_form_of(env)
    assert in_order(
        out,
        "đã được xác nhận là Thủ trưởng đơn vị",
        "👤 Trần Thị Hương: /report",
        ask("tasks_planned", form),
        "👤 Trần Thị Hương: 12",
        ask("signed_report", form),
        "[1] ⬅️ Quay lại  [2] 💾 Lưu nháp",
        "bấm nút “💾 Lưu nháp”",
        "Đã lưu bản nháp",
        "Tạm biệt!",
    ), out
    assert "🤖 Bot → Trần Thị Hương" in out


def test_end_of_input_ends_the_demo_cleanly(tmp_path: Path) -> None:
    result = demo(["-c", RUN_DEMO, str(tmp_path / "demo.db")], ["/help"], cwd=tmp_path)
    assert_clean(result)
    assert in_order(result.stdout, "Các chức năng dành cho đơn vị", "Hết dữ liệu vào"), (
        result.stdout
    )


def test_a_submission_shows_the_receipt_and_the_office_notice(tmp_path: Path) -> None:
    env = small_form(tmp_path)
    result = demo(
        ["-m", "bot.cli", "--db", str(tmp_path / "demo.db"), "demo"],
        ["/report", "12", ":file", ":2", ":quit"],
        cwd=tmp_path,
        env=env,
    )
    assert_clean(result)
    assert in_order(
        result.stdout,
        ask("signed_report", small_form_of(env)),
        "gửi tệp bao-cao-da-ky.pdf",
        "Tóm tắt báo cáo",
        "bao-cao-da-ky.pdf",
        "bấm nút “✅ Gửi báo cáo”",
        "Văn phòng Sở đã nhận báo cáo",
        "🤖 Bot → Nguyễn Văn Phòng",
        "(THPT-QH) đã gửi báo cáo CCHC",
    ), result.stdout


def now_form(tmp_path: Path) -> tuple[dict[str, str], FormSpec]:
    """The demo runs on the real clock: this year's form, as an uninspected unit sees it."""
    env, form = rules_for_now(tmp_path / "rules")
    return env, form.for_unit(inspected=False)


def test_the_office_role_and_the_demo_commands(tmp_path: Path) -> None:
    env, form = now_form(tmp_path)
    result = demo(
        ["-m", "bot.cli", "--db", str(tmp_path / "demo.db"), "demo", "--as", "office"],
        [":help", ":3", ":what", ":as nobody", "/status", ":as head", "/report", ":quit"],
        cwd=tmp_path,
        env=env,
    )
    assert_clean(result)
    assert in_order(
        result.stdout,
        "trong vai Văn phòng Sở — Nguyễn Văn Phòng",
        ":as head để đổi vai",
        "Các lệnh của bản chạy thử",
        "Chưa có tin nhắn nào có nút",
        "Không có lệnh “:what”",
        "Vai không hợp lệ",
        "Tình hình báo cáo CCHC",
        "trong vai Thủ trưởng đơn vị — Trần Thị Hương",
        header(1, form),
    ), result.stdout


def test_the_default_database_keeps_the_draft_for_the_next_run(tmp_path: Path) -> None:
    env, form = now_form(tmp_path)
    first = demo(["-c", RUN_DEMO], ["/report", "12", ":quit"], cwd=tmp_path, env=env)
    assert_clean(first)
    database = tmp_path / "cchc-demo.db"
    assert database.is_file()
    assert str(database.resolve()) in first.stdout

    second = demo(["-c", RUN_DEMO], ["/report", ":quit"], cwd=tmp_path, env=env)
    assert_clean(second)
    # Already registered, so no second invite; the draft resumes at question 2.
    assert "quay lại bot" in second.stdout
    assert "mã mời" not in second.stdout
    assert in_order(second.stdout, "👤 Trần Thị Hương: /report", header(2, form)), second.stdout


def test_buttons_are_numbered_across_rows() -> None:
    markup = {
        "inline_keyboard": [
            [{"text": "✏️ Sửa", "callback_data": "e"}, {"text": "✅ Gửi", "callback_data": "x"}],
            [{"text": "💾 Lưu nháp", "callback_data": "d"}],
        ]
    }
    assert button_lines(markup, numbered=True) == ["[1] ✏️ Sửa  [2] ✅ Gửi", "[3] 💾 Lưu nháp"]
    assert button_lines(markup, numbered=False) == ["[✏️ Sửa]  [✅ Gửi]", "[💾 Lưu nháp]"]
    assert button_lines(None, numbered=True) == []


def test_lines_are_text_unless_they_are_demo_commands() -> None:
    assert parse_line("12,5\n") == ("say", "12,5")
    assert parse_line("/start abc") == ("say", "/start abc")
    assert parse_line(":") == ("say", ":")
    assert parse_line(" :2 ") == ("press", "2")
    assert parse_line(":file  ~/báo cáo.pdf") == ("file", "~/báo cáo.pdf")
    assert parse_line(":AS office") == ("as", "office")


def test_a_local_file_is_read_with_its_mime_type(tmp_path: Path) -> None:
    path = tmp_path / "báo cáo.docx"
    path.write_bytes(b"PK\x03\x04 not really a docx")
    loaded = load_file(f'"{path}"')
    assert not isinstance(loaded, str)
    assert loaded.name == "báo cáo.docx"
    assert loaded.mime_type.endswith("wordprocessingml.document")
    assert loaded.content == path.read_bytes()
    assert (
        load_file(str(tmp_path / "missing.pdf"))
        == f"Không tìm thấy tệp {tmp_path / 'missing.pdf'}."
    )


def test_files_the_bot_sends_are_saved_to_open(tmp_path: Path) -> None:
    """Issue 11: "When the bot sends a photo or a document, the demo saves it
    (`./cchc-demo-files/…`) and prints the path"."""
    env, _ = now_form(tmp_path)
    result = demo(
        ["-m", "bot.cli", "--db", str(tmp_path / "demo.db"), "demo", "--as", "office"],
        ["/export xlsx", ":quit"],
        cwd=tmp_path,
        env=env,
    )
    assert_clean(result)
    saved = [line for line in result.stdout.splitlines() if line.startswith("💾 Đã lưu: ")]
    assert len(saved) == 1, result.stdout
    path = Path(saved[0].removeprefix("💾 Đã lưu: "))
    assert path.parent == tmp_path / "cchc-demo-files"
    assert path.name.endswith(".xlsx")
    assert path.read_bytes()[:2] == b"PK"  # a workbook (a zip), as Excel opens it
