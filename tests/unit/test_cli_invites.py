"""`cchc-bot invite --all`: many invites in one go, as a CSV for mail merge or a DOCX to print."""

from __future__ import annotations

import asyncio
import csv
import io
import re
import sqlite3
import stat
from importlib import resources
from pathlib import Path

import docx
import pytest
from telegram.helpers import create_deep_linked_url

from bot.config import Settings
from bot.csv_cells import safe_cell
from bot.services.container import open_services
from bot.services.registration import RedeemOutcome, new_code
from tests.cli_support import clean_environment, run

ROSTER = Path(str(resources.files("bot.data").joinpath("roster_example.csv")))
BOT = "cchc_test_bot"
HEAD = "Thủ trưởng đơn vị"


def roster_units(block: str | None = None) -> list[dict[str, str]]:
    """The example roster's rows (the units the office imported), optionally one block's."""
    with ROSTER.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    return [r for r in rows if block is None or r["block"] == block]


@pytest.fixture(autouse=True)
def env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    db = clean_environment(monkeypatch, tmp_path)
    monkeypatch.setenv("CCHC_BOT_USERNAME", f"@{BOT}")
    return db


@pytest.fixture
def imported(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, _ = run(capsys, "units", "import", str(ROSTER))
    assert code == 0


def read_csv(path: Path) -> list[dict[str, str]]:
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # Excel reads the diacritics right
    return list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"), newline="")))


def audit_count(db: Path, action: str) -> int:
    with sqlite3.connect(db) as conn:
        row = conn.execute(
            "SELECT COUNT(*) FROM audit_log WHERE action = ? AND actor = 'cli'", (action,)
        ).fetchone()
    return int(row[0])


async def redeem(db: Path, telegram_id: int, code: str) -> RedeemOutcome:
    """Use a code as a person pressing Start would: the file's codes must be real."""
    settings = Settings(db_path=db, _env_file=None)  # type: ignore[call-arg]
    services = await open_services(settings)
    try:
        result = await services.registration.redeem(
            telegram_id, code, full_name="Trần Thị Hiệu Trưởng", username=None
        )
    finally:
        await services.close()
    return result.outcome


def test_csv_for_a_block_has_a_working_code_and_link_per_unit(
    capsys: pytest.CaptureFixture[str], imported: None, tmp_path: Path, env: Path
) -> None:
    block = roster_units()[-1]["block"]
    expected = roster_units(block)
    target = tmp_path / "moi.csv"

    code, out, err = run(capsys, "invite", "--all", "--block", block, "--output", str(target))

    assert (code, err) == (0, "")
    assert f"Đã tạo {len(expected)} mã mời ({HEAD}) cho {len(expected)} đơn vị của khối" in out
    rows = read_csv(target)
    assert [r["unit_code"] for r in rows] == sorted(r["code"] for r in expected)
    assert {r["unit_name"] for r in rows} == {r["name"] for r in expected}
    assert {r["block"] for r in rows} == {block}
    assert {r["role"] for r in rows} == {HEAD}
    for row in rows:
        assert row["link"] == create_deep_linked_url(BOT, row["code"])
        assert re.fullmatch(r"\d{2}/\d{2}/\d{4} \d{2}:\d{2}", row["expires_at"])
    # Each invite made and audited as a single `cchc-bot invite` makes it.
    assert audit_count(env, "invite.create") == len(rows)
    assert stat.S_IMODE(target.stat().st_mode) == 0o600  # it holds live codes


def test_codes_go_into_the_csv_unchanged() -> None:
    # A code starting with "-" would be quoted as a would-be formula ("'-Ab…") and break
    # in a mail merge; one in 64 random codes would.
    codes = [new_code() for _ in range(3000)]

    assert [safe_cell(c) for c in codes] == codes
    assert {len(c) for c in codes} == {32}
    assert all(create_deep_linked_url(BOT, c).endswith(c) for c in codes)


def test_a_code_from_the_file_binds_the_head_of_its_unit(
    capsys: pytest.CaptureFixture[str], imported: None, tmp_path: Path, env: Path
) -> None:
    target = tmp_path / "moi.csv"
    code, _, _ = run(capsys, "invite", "--all", "--output", str(target))
    assert code == 0
    row = read_csv(target)[0]

    assert asyncio.run(redeem(env, 700001, row["code"])) is RedeemOutcome.BOUND


def test_units_with_a_bound_head_are_skipped_unless_forced(
    capsys: pytest.CaptureFixture[str], imported: None, tmp_path: Path, env: Path
) -> None:
    first = tmp_path / "first.csv"
    run(capsys, "invite", "--all", "--output", str(first))
    bound = read_csv(first)[0]
    assert asyncio.run(redeem(env, 700002, bound["code"])) is RedeemOutcome.BOUND
    total = len(roster_units())
    again = tmp_path / "again.csv"

    code, out, err = run(capsys, "invite", "--all", "--output", str(again))

    assert code == 0
    assert f"Đã tạo {total - 1} mã mời" in out
    assert "Bỏ qua 1 đơn vị đã có Thủ trưởng đăng ký (dùng --force để vẫn tạo)." in out
    assert bound["unit_code"] not in {r["unit_code"] for r in read_csv(again)}
    # The first batch's codes are still valid, and the office is told so.
    assert f"{total - 1} đơn vị đã có mã mời còn hiệu lực từ trước" in err

    code, out, _ = run(capsys, "invite", "--all", "--force", "--output", str(again))
    assert code == 0
    assert bound["unit_code"] in {r["unit_code"] for r in read_csv(again)}

    code, out, _ = run(capsys, "invite", "--all", "--role", "reporter", "--output", str(again))
    assert code == 0
    assert "Bỏ qua" not in out
    assert len(read_csv(again)) == total
    assert {r["role"] for r in read_csv(again)} == {"Cán bộ đầu mối CCHC"}


def test_docx_has_one_page_per_unit_with_its_link_and_qr_code(
    capsys: pytest.CaptureFixture[str],
    imported: None,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from bot.invite_sheets import qr_png

    monkeypatch.setenv("CCHC_DEPARTMENT_NAME", "Sở Giáo dục và Đào tạo tỉnh Thử Nghiệm")
    block = roster_units()[0]["block"]
    expected = roster_units(block)
    target = tmp_path / "moi.docx"

    code, out, _ = run(capsys, "invite", "--all", "--block", block, "--output", str(target))

    assert code == 0
    assert f"ghi vào tệp {target}" in out
    document = docx.Document(str(target))
    paragraphs = list(document.paragraphs)
    starts = [0] + [i for i, p in enumerate(paragraphs) if p.paragraph_format.page_break_before]
    assert len(starts) == len(expected)  # one page per unit
    pictures = [
        r.target_part.blob for r in document.part.rels.values() if r.reltype.endswith("/image")
    ]
    assert len(pictures) == len(expected)
    pages = [
        "\n".join(p.text for p in paragraphs[a:b])
        for a, b in zip(starts, [*starts[1:], len(paragraphs)], strict=True)
    ]
    for unit, page in zip(sorted(expected, key=lambda r: r["code"]), pages, strict=True):
        assert page.startswith("SỞ GIÁO DỤC VÀ ĐÀO TẠO TỈNH THỬ NGHIỆM")
        assert f"Đơn vị: {unit['name']} (mã {unit['code']})" in page
        link = re.search(r"^https://t\.me/\S+$", page, re.M)
        assert link is not None
        assert link.group(0).startswith(f"https://t.me/{BOT}?start=")
        assert qr_png(link.group(0)) in pictures  # the QR code is of this page's link
        assert "“Bắt đầu” (Start)" in page
        assert re.search(r"Hiệu lực đến: \d{2}:\d{2} ngày \d{2}/\d{2}/\d{4}", page)


def test_without_the_bot_name_nothing_is_made(
    capsys: pytest.CaptureFixture[str],
    imported: None,
    tmp_path: Path,
    env: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("CCHC_BOT_USERNAME")  # and no token to ask Telegram with
    target = tmp_path / "moi.csv"

    code, out, err = run(capsys, "invite", "--all", "--output", str(target))

    assert (code, out) == (1, "")
    assert "CCHC_BOT_USERNAME" in err
    assert not target.exists()
    assert audit_count(env, "invite.create") == 0


def test_a_file_that_cannot_be_written_leaves_no_valid_code(
    capsys: pytest.CaptureFixture[str], imported: None, tmp_path: Path, env: Path
) -> None:
    target = tmp_path / "moi.csv"
    target.mkdir()  # the batch is made, then the file cannot take its place

    code, _, err = run(capsys, "invite", "--all", "--output", str(target))

    assert code == 1
    assert "Không ghi được tệp" in err
    assert "đã được thu hồi" in err
    made = audit_count(env, "invite.create")
    assert made == len(roster_units())
    assert audit_count(env, "invite.revoke") == made
    _, listing, _ = run(capsys, "invite", "--list")
    assert "còn hiệu lực" not in listing
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


@pytest.mark.parametrize(
    ("argv", "exit_code", "message"),
    [
        (["invite", "--all"], 2, "--output FILE.csv|FILE.docx"),
        (["invite", "--all", "--output", "moi.xlsx"], 2, "đuôi .csv"),
        (["invite", "VP", "--all", "--output", "moi.csv"], 2, "không ghi kèm UNIT_CODE"),
        (["invite", "VP", "--output", "moi.csv"], 2, "chỉ dùng cùng --all"),
        (["invite", "--all", "--force", "--role", "reporter", "--output", "m.csv"], 2, "--force"),
        (["invite", "--all", "--output", "no/such/dir/moi.csv"], 1, "không tồn tại"),
        (["invite", "--all", "--block", "khong_co", "--output", "moi.csv"], 1, "Các khối:"),
    ],
    ids=[
        "no-output",
        "bad-kind",
        "with-unit",
        "output-alone",
        "force-reporter",
        "no-dir",
        "block",
    ],
)
def test_refusals_make_nothing(
    capsys: pytest.CaptureFixture[str],
    imported: None,
    env: Path,
    argv: list[str],
    exit_code: int,
    message: str,
) -> None:
    code, out, err = run(capsys, *argv)

    assert (code, out) == (exit_code, "")
    assert message in err
    assert audit_count(env, "invite.create") == 0
