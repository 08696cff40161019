"""Each campaign year's report form and scoring methodology, chosen by the period's year.

The office changes the form and the criteria from one year to the next, but a 2025
report must still be shown, exported and scored with the 2025 questions and criteria.
So every year has its own pair of data files, ``report_form_<year>.toml`` and
``methodology_<year>.toml``: the package ships some years, and a folder the office
names (``CCHC_RULES_DIR``) adds years or replaces a shipped year's file. A year without
its pair is not guessed from another year: asking for it raises :class:`NoRulesForYear`,
which the bot turns into a clear message naming the files to add.

Everything is loaded and cross-checked at start-up (each methodology against its own
year's form), so a broken file stops the bot before anyone reports on it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from importlib import resources
from pathlib import Path

from bot.forms.schema import FormError, FormSpec, parse_form, shipped_form_text
from bot.scoring.methodology import (
    Methodology,
    MethodologyError,
    parse_methodology,
    shipped_methodology_text,
)
from bot.texts import rules as T

FORM_FILE = "report_form_{year}.toml"
METHODOLOGY_FILE = "methodology_{year}.toml"
_FORM_NAME = re.compile(r"report_form_(\d{4})\.toml")
_METHODOLOGY_NAME = re.compile(r"methodology_(\d{4})\.toml")


class NoRulesForYear(LookupError):
    """No form and methodology for this year: the office must add the year's files."""

    def __init__(self, year: int, years: tuple[int, ...]) -> None:
        super().__init__(year)
        self.year = year
        self.years = years  # the years that have them

    @property
    def files(self) -> tuple[str, str]:
        return FORM_FILE.format(year=self.year), METHODOLOGY_FILE.format(year=self.year)


class RulesError(Exception):
    """A year's files are malformed, incomplete or do not fit together; one line."""


@dataclass(frozen=True, slots=True)
class YearRules:
    year: int
    form: FormSpec
    methodology: Methodology
    form_from: str  # where each file came from, for `cchc-bot doctor` and errors
    methodology_from: str


class YearBook:
    """The loaded years. Lookups are by the year of the period concerned."""

    def __init__(self, rules: Iterable[YearRules]) -> None:
        self._by_year = {r.year: r for r in rules}
        if not self._by_year:
            raise RulesError(T.NO_YEARS)

    @property
    def years(self) -> tuple[int, ...]:
        return tuple(sorted(self._by_year))

    def has(self, year: int) -> bool:
        return year in self._by_year

    def rules(self, year: int) -> YearRules:
        found = self._by_year.get(year)
        if found is None:
            raise NoRulesForYear(year, self.years)
        return found

    def form(self, year: int) -> FormSpec:
        return self.rules(year).form

    def methodology(self, year: int) -> Methodology:
        return self.rules(year).methodology

    def form_of_period(self, period_code: str) -> FormSpec:
        """The form a report of this period ("2026-Q4") was asked with."""
        return self.form(int(period_code[:4]))

    def year_for(self, year: int) -> int:
        """``year`` if it is loaded, else the latest loaded year: what the office means by
        "the form" when it names none (``cchc-bot form show``)."""
        return year if year in self._by_year else max(self._by_year)

    @property
    def latest(self) -> YearRules:
        return self._by_year[max(self._by_year)]


def chosen_year(book: YearBook, year: int | None, today: date) -> YearRules:
    """The year a command means: the one named (which must be loaded), else this year's,
    else the latest loaded."""
    return book.rules(year if year is not None else book.year_for(today.year))


def load_yearbook(directory: Path | None = None) -> YearBook:
    """The shipped years, overlaid by the office's folder (file by file, year by year)."""
    forms: dict[int, tuple[str, str]] = {}  # year -> (text, where)
    methodologies: dict[int, tuple[str, str]] = {}
    for year in _shipped_years():
        form_text = shipped_form_text(FORM_FILE.format(year=year))
        if form_text is not None:
            forms[year] = (form_text, T.SHIPPED_FORM.format(name=FORM_FILE.format(year=year)))
        text = shipped_methodology_text(METHODOLOGY_FILE.format(year=year))
        if text is not None:
            methodologies[year] = (
                text,
                T.SHIPPED_METHODOLOGY.format(name=METHODOLOGY_FILE.format(year=year)),
            )
    if directory is not None:
        for path in sorted(directory.iterdir()):
            for pattern, into in ((_FORM_NAME, forms), (_METHODOLOGY_NAME, methodologies)):
                match = pattern.fullmatch(path.name)
                if match is not None:
                    into[int(match.group(1))] = (_read(path), str(path))
    rules = []
    for year in sorted(forms.keys() | methodologies.keys()):
        if year not in methodologies:
            raise RulesError(
                T.FORM_WITHOUT_METHODOLOGY.format(
                    where=forms[year][1], year=year, name=METHODOLOGY_FILE.format(year=year)
                )
            )
        if year not in forms:
            raise RulesError(
                T.METHODOLOGY_WITHOUT_FORM.format(
                    where=methodologies[year][1], year=year, name=FORM_FILE.format(year=year)
                )
            )
        rules.append(_year(year, forms[year], methodologies[year]))
    return YearBook(rules)


def _year(year: int, form_file: tuple[str, str], methodology_file: tuple[str, str]) -> YearRules:
    try:
        form = parse_form(form_file[0], where=form_file[1])
    except FormError as exc:
        raise RulesError(str(exc)) from None
    try:
        methodology = parse_methodology(methodology_file[0], where=methodology_file[1], form=form)
    except MethodologyError as exc:
        # The criteria read the year's form: a changed form needs criteria that fit it.
        raise RulesError(T.CHECKED_AGAINST_FORM.format(error=exc, where=form_file[1])) from None
    if methodology.year != year:
        raise RulesError(
            T.YEAR_MISMATCH.format(
                where=methodology_file[1], year=methodology.year, file_year=year
            )
        )
    return YearRules(year, form, methodology, form_file[1], methodology_file[1])


def _shipped_years() -> list[int]:
    names = [entry.name for entry in resources.files("bot.forms").iterdir()]
    names += [entry.name for entry in resources.files("bot.scoring").iterdir()]
    years = set()
    for name in names:
        match = _FORM_NAME.fullmatch(name) or _METHODOLOGY_NAME.fullmatch(name)
        if match is not None:
            years.add(int(match.group(1)))
    return sorted(years)


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise RulesError(T.UNREADABLE.format(path=path, error=exc)) from None
