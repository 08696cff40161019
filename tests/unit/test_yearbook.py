"""Form and methodology per year (issue 10: "Form and methodology are per year
(`report_form_2026.toml`, `methodology_2026.toml`, chosen by the period's year, with a
clear error when a year has none)")."""

from __future__ import annotations

from datetime import date
from importlib import resources
from pathlib import Path

import pytest

from bot.yearbook import NoRulesForYear, RulesError, chosen_year, load_yearbook
from tests.rules import BOOK


def shipped(package: str, name: str) -> str:
    return resources.files(package).joinpath(name).read_text(encoding="utf-8")


def test_every_shipped_year_has_its_pair_and_each_methodology_reads_its_own_form() -> None:
    assert BOOK.years == tuple(sorted(BOOK.years))
    assert {2025, 2026} <= set(BOOK.years)
    for year in BOOK.years:
        rules = BOOK.rules(year)
        assert rules.methodology.year == year
        assert rules.form.version.startswith(str(year))
        assert rules.form_from.endswith(f"report_form_{year}.toml")
        assert rules.methodology_from.endswith(f"methodology_{year}.toml")
        for criterion in rules.methodology.criteria:
            for key in (*criterion.numerator, *criterion.denominator):
                assert key in rules.form.index, (year, criterion.key, key)


def test_a_year_without_files_is_refused_naming_the_files_and_the_years_there_are() -> None:
    missing = min(BOOK.years) - 1
    with pytest.raises(NoRulesForYear) as raised:
        BOOK.form(missing)
    assert raised.value.files == (f"report_form_{missing}.toml", f"methodology_{missing}.toml")
    assert raised.value.years == BOOK.years
    with pytest.raises(NoRulesForYear):
        chosen_year(BOOK, missing, date(missing, 5, 1))


def test_the_year_meant_is_this_years_else_the_latest() -> None:
    latest = max(BOOK.years)
    assert chosen_year(BOOK, None, date(2025, 6, 1)).year == 2025
    assert chosen_year(BOOK, None, date(latest + 3, 6, 1)).year == latest


def test_the_offices_folder_adds_a_year_and_replaces_a_file(tmp_path: Path) -> None:
    latest = max(BOOK.years)
    new = latest + 1
    form = shipped("bot.forms", f"report_form_{latest}.toml").replace(
        'title = "Báo cáo kết quả', 'title = "Báo cáo năm mới: kết quả', 1
    )
    (tmp_path / f"report_form_{new}.toml").write_text(form, encoding="utf-8")
    methodology = shipped("bot.scoring", f"methodology_{latest}.toml").replace(
        f"year = {latest}", f"year = {new}", 1
    )
    (tmp_path / f"methodology_{new}.toml").write_text(methodology, encoding="utf-8")
    # A replaced 2025 form; the shipped 2025 criteria are checked against it.
    renamed = shipped("bot.forms", "report_form_2025.toml").replace(
        'version = "2025.1"', 'version = "2025.1-so"'
    )
    (tmp_path / "report_form_2025.toml").write_text(renamed, encoding="utf-8")
    (tmp_path / "ghi-chu.txt").write_text("không phải tệp mẫu", encoding="utf-8")

    book = load_yearbook(tmp_path)

    assert book.years == (*BOOK.years, new)
    assert book.form(new).title.startswith("Báo cáo năm mới")
    assert book.methodology(new).year == new
    assert book.form(2025).version == "2025.1-so"
    assert book.rules(2025).form_from == str(tmp_path / "report_form_2025.toml")
    assert book.methodology(2025) == BOOK.methodology(2025)


def test_a_form_without_its_methodology_is_refused(tmp_path: Path) -> None:
    year = max(BOOK.years) + 1
    form = shipped("bot.forms", f"report_form_{max(BOOK.years)}.toml")
    (tmp_path / f"report_form_{year}.toml").write_text(form, encoding="utf-8")

    with pytest.raises(RulesError, match=f"chưa có bộ tiêu chí \\(methodology_{year}.toml\\)"):
        load_yearbook(tmp_path)


def test_a_methodology_of_another_year_in_a_years_file_is_refused(tmp_path: Path) -> None:
    text = shipped("bot.scoring", "methodology_2025.toml")
    (tmp_path / "methodology_2026.toml").write_text(text, encoding="utf-8")

    with pytest.raises(RulesError, match="year = 2025 nhưng tên tệp là của năm 2026"):
        load_yearbook(tmp_path)


def test_criteria_that_read_fields_the_years_form_lacks_are_refused(tmp_path: Path) -> None:
    """The 2025 form has no backlog questions; the 2026 criteria read them."""
    text = shipped("bot.scoring", "methodology_2026.toml").replace("year = 2026", "year = 2025")
    (tmp_path / "methodology_2025.toml").write_text(text, encoding="utf-8")

    with pytest.raises(RulesError) as raised:
        load_yearbook(tmp_path)
    assert "dossiers_early" in str(raised.value)
    shipped_form = "(mẫu có sẵn) report_form_2025.toml"
    assert str(raised.value).endswith(f"(đối chiếu với mẫu báo cáo {shipped_form})")
