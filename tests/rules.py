"""The shipped form and methodology of the year the test clock starts in.

tests/clock.py starts on 20/02/2025, so a test that does not move the clock reports
on a 2025 quarter with the 2025 form. A test of another year takes that year's from
``BOOK``.
"""

from __future__ import annotations

from datetime import datetime
from importlib import resources
from pathlib import Path
from zoneinfo import ZoneInfo

from bot.forms.schema import FormSpec
from bot.scoring.methodology import Methodology
from bot.yearbook import YearBook, load_yearbook

YEAR = 2025
BOOK: YearBook = load_yearbook(None)
TEST_FORM: FormSpec = BOOK.form(YEAR)
TEST_METHODOLOGY: Methodology = BOOK.methodology(YEAR)


def current_year() -> int:
    """The year a bot on the real clock reports in (Asia/Ho_Chi_Minh)."""
    return datetime.now(ZoneInfo("Asia/Ho_Chi_Minh")).year


def rules_for_now(folder: Path) -> tuple[dict[str, str], FormSpec]:
    """The environment and form of a bot process on the real clock (`cchc-bot run`).

    This year's shipped form if there is one; in a later year, with no files for it yet,
    the latest year's files copied as this year's into ``folder`` (CCHC_RULES_DIR), so
    the suite still runs the year after it was written.
    """
    year = current_year()
    if BOOK.has(year):
        return {}, BOOK.form(year)
    latest = BOOK.latest
    folder.mkdir(parents=True, exist_ok=True)
    form_text = resources.files("bot.forms").joinpath(f"report_form_{latest.year}.toml")
    (folder / f"report_form_{year}.toml").write_text(
        form_text.read_text(encoding="utf-8"), encoding="utf-8"
    )
    text = resources.files("bot.scoring").joinpath(f"methodology_{latest.year}.toml")
    (folder / f"methodology_{year}.toml").write_text(
        text.read_text(encoding="utf-8").replace(f"year = {latest.year}", f"year = {year}", 1),
        encoding="utf-8",
    )
    return {"CCHC_RULES_DIR": str(folder)}, load_yearbook(folder).form(year)
